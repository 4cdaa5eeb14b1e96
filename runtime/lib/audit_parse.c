/*
 * audit_parse.c — the public way to read one audit from JSON text
 * (rubric_audit_parser in rubric.h).
 *
 * A thin door onto the reader rubric-grade uses for every line of a JSON
 * Lines input (audit_json.h, internal): the same plain path, the same yajl
 * and jansson fallbacks, the same checks and the same error words, so a
 * program or a binding (python/ hands each dict over as one JSON line)
 * reads an audit exactly as the command line does and no second reader
 * with its own rules exists.
 */
#include <stdio.h>
#include <stdlib.h>

#include "audit_json.h"
#include "rubric.h"

struct rubric_audit_parser {
    json_record_reader *reader;
    const char *case_reference;  /* of the record last read, or NULL */
};

/* Say why in *ERROR (which may be NULL); no place in the text. */
static void parse_failed(rubric_error *error, const char *why)
{
    if (error == NULL)
        return;
    snprintf(error->message, sizeof error->message, "%s", why);
    error->line = 0;
    error->column = 0;
}

rubric_audit_parser *rubric_audit_parser_new(const rubric_model *model, rubric_error *error)
{
    rubric_audit_parser *parser = calloc(1, sizeof *parser);
    if (parser == NULL || (parser->reader = json_record_reader_new()) == NULL ||
        !json_record_reader_set_rubric(parser->reader, model)) {
        rubric_audit_parser_free(parser);
        parse_failed(error, "out of memory");
        return NULL;
    }
    return parser;
}

void rubric_audit_parser_free(rubric_audit_parser *parser)
{
    if (parser == NULL)
        return;
    json_record_reader_free(parser->reader);
    free(parser);
}

const rubric_audit *rubric_audit_parse_json(rubric_audit_parser *parser, const char *text, size_t length,
                                            rubric_error *error)
{
    /* a line end after the record, as rubric-grade's line reader drops it */
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r'))
        length--;
    json_record record;
    parser->case_reference = NULL;
    if (!json_record_read(parser->reader, text, length, &record)) {
        parse_failed(error, "out of memory");
        return NULL;
    }
    parser->case_reference = record.case_reference;
    if (record.audit == NULL)
        parse_failed(error, record.error ? record.error : "not an audit");
    return record.audit;
}

const char *rubric_audit_parser_case(const rubric_audit_parser *parser)
{
    return parser->case_reference;
}
