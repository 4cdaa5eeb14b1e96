/*
 * audit_read.c — JSON Lines and CSV audits into rubric_audit records.
 *
 * Both formats are read a line at a time with getline, so every record
 * knows the line it starts on. A JSON Lines line is read by yajl's event
 * parser straight into an audit (audit_json.c); a CSV line is fed to
 * libcsv, whose callbacks collect the fields of a record and, at its end,
 * map them through the header row. A JSON audit points into the JSON
 * reader's string buffer, a CSV audit into the reader's field buffer.
 * Every buffer is kept and reused for the next record.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <csv.h>

#include "audit_json.h"
#include "audit_read.h"

/* What a CSV header column holds. */
typedef enum column_kind {
    COLUMN_CASE,
    COLUMN_RUBRIC,
    COLUMN_AUDITOR,
    COLUMN_DATE,
    COLUMN_ROLE,                 /* who graded, in moderation input */
    COLUMN_OVERALL,              /* the auditor's own overall grade */
    COLUMN_SECTION,              /* "section:<id>": the auditor's section grade */
    COLUMN_CRITERION             /* any other name: a criterion id */
} column_kind;

/* The CSV header prefix of an auditor's section grade column. */
static const char section_column_prefix[] = "section:";

/* A record's fields: text back to back, each NUL-terminated, by offset. */
typedef struct field_list {
    char *text;
    size_t length;
    size_t capacity;
    size_t *offsets;
    unsigned count;
    unsigned offset_capacity;
} field_list;

struct audit_reader {
    /* the line source */
    FILE *input;
    char *line;
    size_t line_capacity;
    ssize_t line_length;
    unsigned long line_number;
    int line_pushed_back;
    /* the record handed over */
    rubric_entry *grades;
    unsigned grade_capacity;
    rubric_entry *sections;
    unsigned section_capacity;
    rubric_audit audit;
    char message[512];
    json_record_reader *json;    /* made on the first JSON Lines input */
    /* the run */
    const char *name;
    audit_handler handler;
    void *context;
    int stopped;
    int out_of_memory;
    /* CSV */
    struct csv_parser parser;
    int parser_ready;
    field_list fields;
    field_list header;
    column_kind *column_kinds;
    unsigned column_capacity;
    int have_header;
    unsigned long record_line;
    unsigned invalid_utf8_field; /* 1-based field with bad UTF-8, 0 when none */
};

/* A reader with empty buffers; they grow on first use. */
audit_reader *audit_reader_new(void)
{
    return calloc(1, sizeof(audit_reader));
}

/* Free a field list's buffers. */
static void field_list_free(field_list *list)
{
    free(list->text);
    free(list->offsets);
}

/* Free the reader and every buffer it grew. */
void audit_reader_free(audit_reader *reader)
{
    if (reader == NULL)
        return;
    if (reader->parser_ready)
        csv_free(&reader->parser);
    free(reader->line);
    free(reader->grades);
    free(reader->sections);
    field_list_free(&reader->fields);
    field_list_free(&reader->header);
    free(reader->column_kinds);
    json_record_reader_free(reader->json);
    free(reader);
}

/* True when NAME ends with SUFFIX. */
static int has_suffix(const char *name, const char *suffix)
{
    size_t name_length = strlen(name), suffix_length = strlen(suffix);
    return name_length >= suffix_length && strcmp(name + name_length - suffix_length, suffix) == 0;
}

/* .csv is CSV, .jsonl and .json are JSON Lines, anything else is sniffed. */
audit_format audit_format_from_name(const char *name)
{
    if (has_suffix(name, ".csv") || has_suffix(name, ".CSV"))
        return AUDIT_FORMAT_CSV;
    if (has_suffix(name, ".jsonl") || has_suffix(name, ".json") || has_suffix(name, ".JSONL"))
        return AUDIT_FORMAT_JSONL;
    return AUDIT_FORMAT_DETECT;
}

/* Grow *BUFFER to hold at least NEEDED items of SIZE bytes, doubling. */
int audit_reserve(void **buffer, unsigned *capacity, unsigned needed, size_t size)
{
    if (needed <= *capacity)
        return 1;
    unsigned grown = *capacity ? *capacity : 16;
    while (grown < needed)
        grown *= 2;
    void *larger = realloc(*buffer, (size_t)grown * size);
    if (larger == NULL)
        return 0;
    *buffer = larger;
    *capacity = grown;
    return 1;
}

/* Add one key/value pair to an entry list. */
static int add_entry(rubric_entry **entries, unsigned *capacity, unsigned *count, const char *key,
                     const char *value)
{
    void *buffer = *entries;
    if (!audit_reserve(&buffer, capacity, *count + 1, sizeof **entries))
        return 0;
    *entries = buffer;
    (*entries)[(*count)++] = (rubric_entry){key, value};
    return 1;
}

/* The next line into reader->line (a pushed-back line first); its length, or -1 at the end. */
static ssize_t next_line(audit_reader *reader)
{
    if (reader->line_pushed_back) {
        reader->line_pushed_back = 0;
        reader->line_number++;
        return reader->line_length;
    }
    reader->line_length = getline(&reader->line, &reader->line_capacity, reader->input);
    if (reader->line_length < 0)
        return -1;
    reader->line_number++;
    /* A byte order mark, as spreadsheets write, is not part of the first line. */
    if (reader->line_number == 1 && reader->line_length >= 3 && memcmp(reader->line, "\xEF\xBB\xBF", 3) == 0) {
        reader->line_length -= 3;
        memmove(reader->line, reader->line + 3, (size_t)reader->line_length + 1);
    }
    return reader->line_length;
}

/* Give the current line back; the next next_line returns it again. */
static void push_back_line(audit_reader *reader)
{
    reader->line_pushed_back = 1;
    reader->line_number--;
}

/* A line of only spaces, tabs and line ends is blank. */
static int is_blank(const char *text, size_t length)
{
    for (size_t index = 0; index < length; index++)
        if (!strchr(" \t\r\n", text[index]))
            return 0;
    return 1;
}

/* Hand a record to the handler; a nonzero answer stops the reading. */
static void deliver(audit_reader *reader, unsigned long line, const rubric_audit *audit,
                    const char *case_reference, const char *error)
{
    audit_record record = {reader->name, line, audit, case_reference, error};
    if (reader->handler(&record, reader->context))
        reader->stopped = 1;
}

/* Hand over an unreadable record with a formatted reason. */
static void deliver_error(audit_reader *reader, unsigned long line, const char *case_reference,
                          const char *reason)
{
    deliver(reader, line, NULL, case_reference, reason);
}

/* ---------------------------------------------------------------- JSON Lines */

/* Every line a record: read the audit, hand it over. */
static void read_json_lines(audit_reader *reader)
{
    ssize_t length;
    if (reader->json == NULL && (reader->json = json_record_reader_new()) == NULL) {
        reader->out_of_memory = 1;
        return;
    }
    while (!reader->stopped && !reader->out_of_memory && (length = next_line(reader)) >= 0) {
        if (is_blank(reader->line, (size_t)length))
            continue;
        while (length > 0 && (reader->line[length - 1] == '\n' || reader->line[length - 1] == '\r'))
            length--;
        json_record record;
        if (!json_record_read(reader->json, reader->line, (size_t)length, &record)) {
            reader->out_of_memory = 1;
            return;
        }
        deliver(reader, reader->line_number, record.audit, record.case_reference, record.error);
    }
}

/* ----------------------------------------------------------------------- CSV */

/* Whether TEXT[0..LENGTH) is well-formed UTF-8 (no overlongs, no surrogates). */
int audit_is_utf8(const unsigned char *text, size_t length)
{
    size_t index = 0;
    while (index < length) {
        unsigned char byte = text[index];
        unsigned continuation;
        unsigned long code;
        uint64_t word;
        /* Runs of ASCII, most of a line, are passed eight bytes at a time. */
        if (length - index >= 8 && (memcpy(&word, text + index, 8), (word & 0x8080808080808080u) == 0)) {
            index += 8;
            continue;
        }
        if (byte < 0x80) {
            index++;
            continue;
        } else if (byte >= 0xC2 && byte <= 0xDF) {
            continuation = 1;
            code = byte & 0x1F;
        } else if (byte >= 0xE0 && byte <= 0xEF) {
            continuation = 2;
            code = byte & 0x0F;
        } else if (byte >= 0xF0 && byte <= 0xF4) {
            continuation = 3;
            code = byte & 0x07;
        } else {
            return 0;
        }
        if (length - index <= continuation)
            return 0;
        for (unsigned offset = 1; offset <= continuation; offset++) {
            if ((text[index + offset] & 0xC0) != 0x80)
                return 0;
            code = (code << 6) | (text[index + offset] & 0x3F);
        }
        if ((continuation == 2 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) ||
            (continuation == 3 && (code < 0x10000 || code > 0x10FFFF)))
            return 0;
        index += continuation + 1;
    }
    return 1;
}

/* Append one field, NUL-terminated, to a field list. */
static int field_list_add(field_list *list, const char *data, size_t length)
{
    if (!audit_reserve((void **)&list->offsets, &list->offset_capacity, list->count + 1, sizeof *list->offsets))
        return 0;
    if (list->length + length + 1 > list->capacity) {
        size_t grown = list->capacity ? list->capacity : 1024;
        while (grown < list->length + length + 1)
            grown *= 2;
        char *larger = realloc(list->text, grown);
        if (larger == NULL)
            return 0;
        list->text = larger;
        list->capacity = grown;
    }
    if (length)
        memcpy(list->text + list->length, data, length);
    list->text[list->length + length] = '\0';
    list->offsets[list->count++] = list->length;
    list->length += length + 1;
    return 1;
}

/* Field INDEX of a list as a string. */
static const char *field_text(const field_list *list, unsigned index)
{
    return list->text + list->offsets[index];
}

/* Empty the list for the next record, keeping its buffers. */
static void field_list_clear(field_list *list)
{
    list->length = 0;
    list->count = 0;
}

/* libcsv's end-of-field callback: keep the field; the first one fixes the record's line. */
static void csv_field_done(void *data, size_t length, void *context)
{
    audit_reader *reader = context;
    if (reader->stopped || reader->out_of_memory)
        return;
    if (reader->fields.count == 0) {
        unsigned long newlines = 0;
        for (size_t index = 0; index < length; index++)
            newlines += ((const char *)data)[index] == '\n';
        reader->record_line = reader->line_number - newlines;
        reader->invalid_utf8_field = 0;
    }
    if (!reader->invalid_utf8_field && !audit_is_utf8(data, length))
        reader->invalid_utf8_field = reader->fields.count + 1;
    if (!field_list_add(&reader->fields, data, length))
        reader->out_of_memory = 1;
}

/* The header row: keep its names and classify each column. */
static void csv_take_header(audit_reader *reader)
{
    field_list swap = reader->header;
    reader->header = reader->fields;
    reader->fields = swap;
    reader->have_header = 1;
    if (!audit_reserve((void **)&reader->column_kinds, &reader->column_capacity, reader->header.count,
                 sizeof *reader->column_kinds)) {
        reader->out_of_memory = 1;
        return;
    }
    static const struct { const char *name; column_kind kind; } fixed[] = {
        {"case", COLUMN_CASE}, {"rubric", COLUMN_RUBRIC}, {"auditor", COLUMN_AUDITOR},
        {"date", COLUMN_DATE}, {"role", COLUMN_ROLE}, {"overall", COLUMN_OVERALL},
    };
    for (unsigned column = 0; column < reader->header.count; column++) {
        const char *name = field_text(&reader->header, column);
        column_kind kind = strncmp(name, section_column_prefix, sizeof section_column_prefix - 1) == 0
                               ? COLUMN_SECTION : COLUMN_CRITERION;
        for (size_t known = 0; known < sizeof fixed / sizeof fixed[0]; known++)
            if (strcmp(name, fixed[known].name) == 0)
                kind = fixed[known].kind;
        reader->column_kinds[column] = kind;
    }
}

/* The case reference of the current row, if it has a case column. */
static const char *csv_case_of(const audit_reader *reader)
{
    for (unsigned column = 0; column < reader->header.count && column < reader->fields.count; column++)
        if (reader->column_kinds[column] == COLUMN_CASE && field_text(&reader->fields, column)[0])
            return field_text(&reader->fields, column);
    return NULL;
}

/* Map one cell to its place in the audit; an empty cell is not given. */
static int csv_take_cell(audit_reader *reader, unsigned column, const char *value)
{
    rubric_audit *audit = &reader->audit;
    const char *name = field_text(&reader->header, column);
    if (value[0] == '\0')
        return 1;
    switch (reader->column_kinds[column]) {
    case COLUMN_CASE: audit->case_reference = value; break;
    case COLUMN_RUBRIC: audit->rubric_id = value; break;
    case COLUMN_AUDITOR: audit->auditor = value; break;
    case COLUMN_DATE: audit->date = value; break;
    case COLUMN_ROLE: audit->role = value; break;
    case COLUMN_OVERALL: audit->auditor_overall = value; break;
    case COLUMN_SECTION:
        return add_entry(&reader->sections, &reader->section_capacity, &audit->auditor_section_count,
                         name + sizeof section_column_prefix - 1, value);
    case COLUMN_CRITERION:
        return add_entry(&reader->grades, &reader->grade_capacity, &audit->grade_count, name, value);
    }
    return 1;
}

/* A data row: as many fields as the header, valid UTF-8, a case; then the audit. */
static void csv_take_row(audit_reader *reader)
{
    unsigned expected = reader->header.count, found = reader->fields.count;
    const char *case_reference = csv_case_of(reader);
    if (found != expected) {
        snprintf(reader->message, sizeof reader->message, "%s row: %u fields where the header has %u",
                 found < expected ? "short" : "long", found, expected);
        deliver_error(reader, reader->record_line, case_reference, reader->message);
        return;
    }
    if (reader->invalid_utf8_field) {
        snprintf(reader->message, sizeof reader->message, "column '%s' is not valid UTF-8",
                 field_text(&reader->header, reader->invalid_utf8_field - 1));
        if (case_reference && !audit_is_utf8((const unsigned char *)case_reference, strlen(case_reference)))
            case_reference = NULL;
        deliver_error(reader, reader->record_line, case_reference, reader->message);
        return;
    }
    rubric_audit *audit = &reader->audit;
    memset(audit, 0, sizeof *audit);
    for (unsigned column = 0; column < found; column++)
        if (!csv_take_cell(reader, column, field_text(&reader->fields, column))) {
            reader->out_of_memory = 1;
            return;
        }
    audit->grades = reader->grades;
    audit->auditor_sections = reader->sections;
    if (audit->case_reference == NULL) {
        deliver_error(reader, reader->record_line, NULL, "the 'case' cell is empty or missing");
        return;
    }
    deliver(reader, reader->record_line, audit, audit->case_reference, NULL);
}

/* libcsv's end-of-record callback: the first record is the header. */
static void csv_record_done(int terminator, void *context)
{
    audit_reader *reader = context;
    (void)terminator;
    if (reader->stopped || reader->out_of_memory)
        return;
    if (!reader->have_header)
        csv_take_header(reader);
    else
        csv_take_row(reader);
    field_list_clear(&reader->fields);
}

/* (Re)start libcsv: strict quoting, and an unclosed quote at the end is an error. */
static int csv_start(audit_reader *reader)
{
    if (reader->parser_ready)
        csv_free(&reader->parser);
    reader->parser_ready = csv_init(&reader->parser, CSV_STRICT | CSV_STRICT_FINI) == 0;
    field_list_clear(&reader->fields);
    return reader->parser_ready;
}

/* A CSV syntax error: report the record it broke, drop it, start afresh.
 * AT_END: the input ended inside a quoted field. */
static void csv_report_syntax_error(audit_reader *reader, int at_end)
{
    unsigned long line = reader->fields.count ? reader->record_line : reader->line_number;
    int code = csv_error(&reader->parser);
    if (code == CSV_EPARSE && at_end)
        snprintf(reader->message, sizeof reader->message, "malformed CSV: a quoted field is not closed");
    else if (code == CSV_EPARSE)
        snprintf(reader->message, sizeof reader->message,
                 "malformed CSV: a stray quote (quote the whole field, and write a quote inside it as \"\")");
    else
        snprintf(reader->message, sizeof reader->message, "malformed CSV: %s", csv_strerror(code));
    deliver_error(reader, line, NULL, reader->message);
    if (!csv_start(reader))
        reader->out_of_memory = 1;
}

/* Feed lines to libcsv; its callbacks deliver the records. */
static void read_csv(audit_reader *reader)
{
    ssize_t length;
    reader->have_header = 0;
    field_list_clear(&reader->header);
    if (!csv_start(reader)) {
        reader->out_of_memory = 1;
        return;
    }
    while (!reader->stopped && !reader->out_of_memory && (length = next_line(reader)) >= 0) {
        if (reader->fields.count == 0)
            reader->record_line = reader->line_number;
        size_t parsed = csv_parse(&reader->parser, reader->line, (size_t)length, csv_field_done,
                                  csv_record_done, reader);
        if (parsed != (size_t)length)
            csv_report_syntax_error(reader, 0);
    }
    if (!reader->stopped && !reader->out_of_memory &&
        csv_fini(&reader->parser, csv_field_done, csv_record_done, reader) != 0)
        csv_report_syntax_error(reader, 1);
}

/* ------------------------------------------------------------------ the run */

/* Choose the format by the first non-blank line, which is then read again. */
static audit_format detect_format(audit_reader *reader)
{
    ssize_t length;
    while ((length = next_line(reader)) >= 0) {
        if (is_blank(reader->line, (size_t)length))
            continue;
        size_t start = strspn(reader->line, " \t");
        push_back_line(reader);
        return reader->line[start] == '{' ? AUDIT_FORMAT_JSONL : AUDIT_FORMAT_CSV;
    }
    return AUDIT_FORMAT_JSONL;
}

/* Read one input to its end, record by record. */
int audit_reader_read(audit_reader *reader, FILE *input, const char *name, audit_format format,
                      audit_handler handler, void *context, char *error, size_t error_size)
{
    reader->input = input;
    reader->name = name;
    reader->handler = handler;
    reader->context = context;
    reader->line_number = 0;
    reader->line_pushed_back = 0;
    reader->stopped = 0;
    reader->out_of_memory = 0;
    if (format == AUDIT_FORMAT_DETECT)
        format = detect_format(reader);
    if (format == AUDIT_FORMAT_CSV)
        read_csv(reader);
    else
        read_json_lines(reader);
    if (reader->out_of_memory) {
        snprintf(error, error_size, "%s: out of memory", name);
        return 0;
    }
    if (ferror(input)) {
        snprintf(error, error_size, "%s: read error", name);
        return 0;
    }
    return 1;
}
