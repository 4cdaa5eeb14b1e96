/*
 * audit_read.h — reading audits from JSON Lines and CSV, record by record.
 *
 * Internal to the library and rubric-grade (not installed): the reader
 * streams a file, turns each record into a rubric_audit and hands it to a
 * callback, or hands over what is wrong with a record it cannot read. Its
 * buffers grow to the largest record seen and are reused, file after file.
 *
 * JSON Lines: one audit object per line (blank lines are skipped):
 *   {"case": …, "rubric": …, "auditor": …, "date": …, "role": …, "case_type": …,
 *    "grades": {criterion id: grade, …},
 *    "auditor_grades": {"overall": grade, "sections": {section id: grade}},
 *    "comments": {criterion id, section id or "overall": text, …}}
 * A grade is a string ("G", "7") or, for a score, a JSON number (7). A
 * null anywhere is the same as the field left out; an empty grade or
 * comment is none given; an empty case is an error.
 * CSV: a header row (case, rubric, auditor, date, role, case_type,
 * criterion ids, overall, section:<id>, comment:<criterion id>,
 * comment:section:<section id>, comment:overall) and one audit per row;
 * an empty cell is not given. Spaces and tabs around an unquoted cell are
 * not part of it (libcsv trims them); inside quotes they are kept.
 *
 * Nothing is lost: a record longer than the maximum record size, or too
 * large for memory, is handed over as an error naming its line, and
 * reading goes on at the next line; an unclosed CSV quote takes only its
 * own record. An input that is not audits at all (a first line that is
 * not a JSON object, a CSV header that cannot be read, names a column
 * twice, has no 'case' column or none of the rubric's criteria) is one
 * error for the whole input: audit_reader_read returns 0 with
 * "INPUT:LINE: why" and hands over no record of it.
 */
#ifndef AUDIT_READ_H
#define AUDIT_READ_H

#include <stdio.h>

#include "rubric.h"

typedef enum audit_format {
    AUDIT_FORMAT_DETECT,         /* by the first line: '{' is JSON Lines, else CSV */
    AUDIT_FORMAT_JSONL,
    AUDIT_FORMAT_CSV
} audit_format;

/* One record as read: an audit, or the reason it could not be read. */
typedef struct audit_record {
    const char *input;           /* the input's name */
    unsigned long line;          /* the line the record starts on */
    const rubric_audit *audit;   /* NULL when the record is unreadable */
    const char *case_reference;  /* the case, when known even if unreadable */
    const char *error;           /* why it is unreadable, when audit is NULL */
} audit_record;

/* Called once per record; return nonzero to stop reading. */
typedef int (*audit_handler)(const audit_record *record, void *context);

typedef struct audit_reader audit_reader;

/* The maximum record size unless set: far above any real audit, small
 * enough that an endless line is caught before memory runs short. */
#define AUDIT_DEFAULT_MAX_RECORD_BYTES ((size_t)16 << 20)

audit_reader *audit_reader_new(void);
void audit_reader_free(audit_reader *reader);

/* The longest record (line, or CSV record over lines) kept, in bytes;
 * 0 restores the default. */
void audit_reader_set_max_record(audit_reader *reader, size_t bytes);

/* The rubric a CSV header must name criteria of (none: not checked). */
void audit_reader_set_rubric(audit_reader *reader, const rubric_model *model);

/* The format a file name implies: .csv, .jsonl or .json, else DETECT. */
audit_format audit_format_from_name(const char *name);

/* Read every record of INPUT (named NAME in records) and pass each to
 * HANDLER. Returns 1 when the input was read to its end or the handler
 * stopped it, 0 on a read error, lack of memory or an input that is not
 * audits (the reason, naming input and line, in ERROR). */
int audit_reader_read(audit_reader *reader, FILE *input, const char *name, audit_format format,
                      audit_handler handler, void *context, char *error, size_t error_size);

/* Whether CSV lines may take the plain path (see audit_read.c); 1 unless
 * a test sets it to 0 to read every line by libcsv and compare the two. */
extern int csv_row_plain_path;

/* Helpers the JSON Lines and CSV readers share. */

/* Grow *BUFFER to hold at least NEEDED items of SIZE bytes; 0 when out of memory. */
int audit_reserve(void **buffer, unsigned *capacity, unsigned needed, size_t size);

/* Whether TEXT[0..LENGTH) is well-formed UTF-8 (no overlongs, no surrogates). */
int audit_is_utf8(const unsigned char *text, size_t length);

#endif /* AUDIT_READ_H */
