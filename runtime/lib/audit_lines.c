/*
 * audit_lines.c — the line source both audit formats read from, and the
 * hand-over of records (see audit_lines.h).
 *
 * A line that fits in the block is not copied; one that spans blocks is,
 * up to the maximum record size. No line is held beyond it: a longer one,
 * or one too large for memory, is reported by its line as soon as it
 * passes the limit and skipped to its end, and reading goes on, so an
 * endless line is an error, never the end of the input.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "audit_lines.h"
#include "audit_support.h"
#include "safe_text.h"

/* Append a piece of a line that spans blocks, up to the limit; over
 * it, or when memory runs out, the rest of the line is only counted. */
static int keep_line_piece(audit_reader *reader, size_t *kept, const char *piece, size_t length)
{
    if (*kept + length > reader->max_record_bytes)
        return 0;
    if (!audit_reserve_bytes(&reader->line_copy, &reader->line_copy_capacity, *kept + length, 4096)) {
        reader->line_unheld = 1;
        return 0;
    }
    memcpy(reader->line_copy + *kept, piece, length);
    *kept += length;
    return 1;
}

/* Refill the block when it is used up; 0 at the end of the input. */
static int fill_block(audit_reader *reader)
{
    if (reader->block_start < reader->block_end)
        return 1;
    reader->block_start = 0;
    reader->block_end = fread(reader->block, 1, INPUT_BLOCK_BYTES, reader->input);
    return reader->block_end > 0;
}

/* Drop the rest of a line over the limit, up to its newline. */
static void skip_rest_of_line(audit_reader *reader)
{
    while (reader->skipping && fill_block(reader)) {
        const char *start = reader->block + reader->block_start;
        const char *newline = audit_find_byte(start, reader->block_end - reader->block_start, '\n');
        if (newline) {
            reader->block_start += (size_t)(newline - start) + 1;
            reader->skipping = 0;
        } else {
            reader->block_start = reader->block_end;
        }
    }
    reader->skipping = 0;
}

/* Read the next line, with its newline: its length, LINE_END at the end
 * of the input (or a read error), or LINE_TOO_LONG as soon as it passes
 * the maximum record size (then reader->line holds what was kept of its
 * start, and the rest is dropped on the next call: an endless line is
 * reported at once, not when it ends). */
static ssize_t read_line(audit_reader *reader)
{
    size_t kept = 0, total = 0;
    int spans_blocks = 0;
    skip_rest_of_line(reader);
    reader->line_unheld = 0;
    for (;;) {
        if (!fill_block(reader)) {
            if (total == 0)
                return LINE_END;
            break;
        }
        const char *start = reader->block + reader->block_start;
        size_t available = reader->block_end - reader->block_start;
        const char *newline = audit_find_byte(start, available, '\n');
        size_t length = newline ? (size_t)(newline - start) + 1 : available;
        reader->block_start += length;
        total += length;
        if (newline && !spans_blocks) {
            /* the whole line is in the block: no copy */
            reader->line = start;
            if (length > reader->max_record_bytes) {
                reader->line_bytes = reader->max_record_bytes;
                return LINE_TOO_LONG;
            }
            reader->line_bytes = length;
            return (ssize_t)length;
        }
        spans_blocks = 1;
        if (!keep_line_piece(reader, &kept, start, length)) {
            reader->line = reader->line_copy;
            reader->line_bytes = kept;
            reader->skipping = newline == NULL;
            return LINE_TOO_LONG;
        }
        if (newline)
            break;
    }
    reader->line = reader->line_copy;
    reader->line_bytes = kept;
    return (ssize_t)kept;
}

/* The next line (a pushed-back line first) as reader->line: its length,
 * LINE_END or LINE_TOO_LONG. */
ssize_t audit_next_line(audit_reader *reader)
{
    if (reader->line_pushed_back) {
        reader->line_pushed_back = 0;
        reader->line_number++;
        return reader->line_status;
    }
    ssize_t status = read_line(reader);
    if (status == LINE_END)
        return LINE_END;
    reader->line_number++;
    /* A byte order mark, as spreadsheets write, is not part of the first line. */
    if (reader->line_number == 1 && reader->line_bytes >= 3 && memcmp(reader->line, "\xEF\xBB\xBF", 3) == 0) {
        reader->line += 3;
        reader->line_bytes -= 3;
        if (status != LINE_TOO_LONG)
            status -= 3;
    }
    reader->line_status = status;
    return status;
}

/* Give the current line back; the next next_line returns it again. */
void audit_push_back_line(audit_reader *reader)
{
    reader->line_pushed_back = 1;
    reader->line_number--;
}

/* Why a line over the limit was skipped. */
const char *audit_too_long_reason(audit_reader *reader, const char *what)
{
    if (reader->line_unheld)
        snprintf(reader->reason, sizeof reader->reason,
                 "%s is too large to hold in memory; skipped to the next line", what);
    else
        snprintf(reader->reason, sizeof reader->reason,
                 "%s is longer than the maximum record size of %zu bytes; skipped to the next line "
                 "(--max-record-size raises the limit)", what, reader->max_record_bytes);
    return reader->reason;
}

/* The input as a whole cannot be read as audits: say why, at LINE. */
void audit_input_trouble(audit_reader *reader, unsigned long line, const char *format, ...)
{
    va_list arguments;
    int used = snprintf(reader->message, sizeof reader->message, "%s:%lu: ", reader->name, line);
    if (used < 0 || (size_t)used >= sizeof reader->message)
        used = 0;
    va_start(arguments, format);
    vsnprintf(reader->message + used, sizeof reader->message - (size_t)used, format, arguments);
    va_end(arguments);
    safe_text_cut(reader->message);
    reader->input_trouble = 1;
    reader->stopped = 1;
}

/* The first byte of a line that is not a space or a tab, or -1. */
int audit_first_visible(const char *text, size_t length)
{
    for (size_t index = 0; index < length; index++)
        if (text[index] != ' ' && text[index] != '\t')
            return (unsigned char)text[index];
    return -1;
}

/* Hand a record to the handler; a nonzero answer stops the reading. */
/* An audit's date and amendment: 1 when they are usable (the audit's
 * date then in reader->dated when it was rewritten), else 0 with why in
 * reader->message. */
static int check_date_and_amendment(audit_reader *reader, const rubric_audit **audit, long long *amended_seconds)
{
    const char *kind = reader->date_kind ? reader->date_kind : "field";
    const char *date = (*audit)->date;
    if (date != NULL && !audit_date_valid(date)) {
        if (!audit_date_normalise(date, reader->date_format, reader->date_text)) {
            audit_date_problem_in_form(reader->message, sizeof reader->message, kind, "date", date,
                                       reader->date_format);
            return 0;
        }
        reader->dated = **audit;
        reader->dated.date = reader->date_text;
        *audit = &reader->dated;
    }
    if (reader->amended_by == NULL && reader->amended_at == NULL)
        return 1;
    if (reader->amended_by == NULL || reader->amended_by[0] == '\0' || reader->amended_at == NULL) {
        snprintf(reader->message, sizeof reader->message,
                 "an amended record needs both %s 'amended_by' (who) and %s 'amended_at' (when, like "
                 "2026-12-05T10:31:00Z)", kind, kind);
        return 0;
    }
    if (!audit_date_time_parse(reader->amended_at, amended_seconds)) {
        snprintf(reader->message, sizeof reader->message,
                 "%s 'amended_at': '%.40s' is not a date and time; write it as ISO 8601, like 2026-12-05T10:31:00Z",
                 kind, reader->amended_at);
        safe_text_cut(reader->message);
        return 0;
    }
    return 1;
}

void audit_deliver(audit_reader *reader, unsigned long line, const rubric_audit *audit,
                   const char *case_reference, const char *error)
{
    audit_record record = {reader->name, line, audit, case_reference, error, NULL, NULL, 0, NULL};
    if (audit != NULL) {
        if (check_date_and_amendment(reader, &audit, &record.amended_seconds)) {
            record.audit = audit;
            record.amended_by = reader->amended_by;
            record.amended_at = reader->amended_at;
        } else {
            record.audit = NULL;
            record.as_read = audit;
            record.error = reader->message;
            record.amended_seconds = 0;
        }
    }
    reader->amended_by = reader->amended_at = NULL;
    if (reader->handler(&record, reader->context))
        reader->stopped = 1;
}

/* Hand over an unreadable record with a formatted reason. */
void audit_deliver_error(audit_reader *reader, unsigned long line, const char *case_reference,
                         const char *reason)
{
    audit_deliver(reader, line, NULL, case_reference, reason);
}
