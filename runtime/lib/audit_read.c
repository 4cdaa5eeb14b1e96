/*
 * audit_read.c — JSON Lines and CSV audits into rubric_audit records: the
 * reader's life, the choice of format, and the JSON Lines loop.
 *
 * Both formats are read a line at a time from the line source
 * (audit_lines.c), so every record knows the line it starts on. A JSON
 * Lines line is read straight into an audit (audit_json.c), which points
 * into the JSON reader's string buffer; CSV is audit_csv.c's. Every buffer
 * is kept and reused for the next record and the next input.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "audit_csv.h"
#include "audit_json.h"
#include "audit_lines.h"
#include "audit_read.h"
#include "audit_xlsx.h"

/* A reader with empty buffers; they grow on first use. */
audit_reader *audit_reader_new(void)
{
    audit_reader *reader = calloc(1, sizeof(audit_reader));
    if (reader == NULL)
        return NULL;
    reader->block = malloc(INPUT_BLOCK_BYTES);
    if (reader->block == NULL) {
        free(reader);
        return NULL;
    }
    reader->max_record_bytes = AUDIT_DEFAULT_MAX_RECORD_BYTES;
    return reader;
}

/* The longest record kept; 0 restores the default. */
void audit_reader_set_max_record(audit_reader *reader, size_t bytes)
{
    reader->max_record_bytes = bytes ? bytes : AUDIT_DEFAULT_MAX_RECORD_BYTES;
}

/* The rubric a CSV header is checked against. */
void audit_reader_set_rubric(audit_reader *reader, const rubric_model *model)
{
    reader->model = model;
}

/* Where notes about an input go. */
void audit_reader_set_notes(audit_reader *reader, audit_note_handler handler, void *context)
{
    reader->note_handler = handler;
    reader->note_context = context;
}

/* The form dates are read in besides ISO's. */
void audit_reader_set_date_format(audit_reader *reader, audit_date_format format)
{
    reader->date_format = format;
}

/* Free the reader and every buffer it grew. */
void audit_reader_free(audit_reader *reader)
{
    if (reader == NULL)
        return;
    audit_csv_free(reader);
    free(reader->block);
    free(reader->line_copy);
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
    if (has_suffix(name, ".xlsx") || has_suffix(name, ".XLSX"))
        return AUDIT_FORMAT_XLSX;
    return AUDIT_FORMAT_DETECT;
}

/* A line of only spaces, tabs and line ends is blank. */
static int is_blank(const char *text, size_t length)
{
    for (size_t index = 0; index < length; index++)
        if (text[index] != ' ' && text[index] != '\t' && text[index] != '\r' && text[index] != '\n')
            return 0;
    return 1;
}

/* ---------------------------------------------------------------- JSON Lines */

/* Every line a record: read the audit, hand it over. A first line that
 * is not a JSON object means the input is not JSON Lines audits at all. */
static void read_json_lines(audit_reader *reader)
{
    ssize_t length;
    int seen_record = 0;
    if (reader->json == NULL && (reader->json = json_record_reader_new()) == NULL) {
        reader->out_of_memory = 1;
        return;
    }
    if (!json_record_reader_set_rubric(reader->json, reader->model)) {
        reader->out_of_memory = 1;
        return;
    }
    while (!reader->stopped && !reader->out_of_memory && (length = audit_next_line(reader)) != LINE_END) {
        if (length == LINE_TOO_LONG) {
            audit_deliver_error(reader, reader->line_number, NULL, audit_too_long_reason(reader, "the line"));
            seen_record = 1;
            continue;
        }
        if (is_blank(reader->line, (size_t)length))
            continue;
        if (!seen_record && audit_first_visible(reader->line, (size_t)length) != '{') {
            if (memchr(reader->line, ',', (size_t)length))
                audit_input_trouble(reader, reader->line_number,
                                    "not JSON Lines audits: the first line is not a JSON object but looks like CSV "
                                    "(read it as CSV: --input-format csv, or name the file .csv)");
            else
                audit_input_trouble(reader, reader->line_number,
                                    "not JSON Lines audits: the first line is not a JSON object "
                                    "(each line holds one audit, {\"case\": …, \"grades\": {…}})");
            return;
        }
        seen_record = 1;
        while (length > 0 && (reader->line[length - 1] == '\n' || reader->line[length - 1] == '\r'))
            length--;
        json_record record;
        if (!json_record_read(reader->json, reader->line, (size_t)length, &record)) {
            reader->out_of_memory = 1;
            return;
        }
        reader->amended_by = record.amended_by;
        reader->amended_at = record.amended_at;
        audit_deliver(reader, reader->line_number, record.audit, record.case_reference, record.error);
    }
}

/* ------------------------------------------------------------------ the run */

/* Choose the format by the first non-blank line, which is then read again. */
static audit_format detect_format(audit_reader *reader)
{
    ssize_t length;
    while ((length = audit_next_line(reader)) != LINE_END) {
        size_t held = reader->line_bytes;
        if (length != LINE_TOO_LONG && is_blank(reader->line, held))
            continue;
        audit_push_back_line(reader);
        if (held >= 4 && memcmp(reader->line, "PK\x03\x04", 4) == 0)
            return AUDIT_FORMAT_XLSX;    /* a zip archive: a workbook */
        return audit_first_visible(reader->line, held) == '{' ? AUDIT_FORMAT_JSONL : AUDIT_FORMAT_CSV;
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
    reader->block_start = 0;
    reader->block_end = 0;
    reader->skipping = 0;
    reader->line_number = 0;
    reader->line_pushed_back = 0;
    reader->stopped = 0;
    reader->out_of_memory = 0;
    reader->input_trouble = 0;
    if (format == AUDIT_FORMAT_DETECT)
        format = detect_format(reader);
    reader->date_kind = format == AUDIT_FORMAT_CSV || format == AUDIT_FORMAT_XLSX ? "column" : "field";
    if (format == AUDIT_FORMAT_CSV)
        audit_csv_read(reader);
    else if (format == AUDIT_FORMAT_XLSX)
        audit_xlsx_read(reader);
    else
        read_json_lines(reader);
    if (reader->out_of_memory) {
        snprintf(error, error_size, "%s: out of memory", name);
        return 0;
    }
    if (ferror(input)) {
        snprintf(error, error_size, "%s:%lu: read error after this line: %s", name, reader->line_number,
                 strerror(errno));
        return 0;
    }
    if (reader->input_trouble) {
        snprintf(error, error_size, "%s", reader->message);
        return 0;
    }
    return 1;
}
