/*
 * audit_read.h — reading audits from JSON Lines and CSV, record by record.
 *
 * Internal to the library and rubric-grade (not installed): the reader
 * streams a file, turns each record into a rubric_audit and hands it to a
 * callback, or hands over what is wrong with a record it cannot read. Its
 * buffers grow to the largest record seen and are reused, file after file.
 *
 * JSON Lines: one audit object per line (blank lines are skipped):
 *   {"case": …, "rubric": …, "auditor": …, "date": …, "role": …,
 *    "grades": {criterion id: grade, …},
 *    "auditor_grades": {"overall": grade, "sections": {section id: grade}}}
 * CSV: a header row (case, rubric, auditor, date, role, criterion ids, overall,
 * section:<id>) and one audit per row; an empty cell is not graded.
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

audit_reader *audit_reader_new(void);
void audit_reader_free(audit_reader *reader);

/* The format a file name implies: .csv, .jsonl or .json, else DETECT. */
audit_format audit_format_from_name(const char *name);

/* Read every record of INPUT (named NAME in records) and pass each to
 * HANDLER. Returns 1 when the input was read to its end or the handler
 * stopped it, 0 on a read error or lack of memory (reason in ERROR). */
int audit_reader_read(audit_reader *reader, FILE *input, const char *name, audit_format format,
                      audit_handler handler, void *context, char *error, size_t error_size);

/* Helpers the JSON Lines and CSV readers share. */

/* Grow *BUFFER to hold at least NEEDED items of SIZE bytes; 0 when out of memory. */
int audit_reserve(void **buffer, unsigned *capacity, unsigned needed, size_t size);

/* Whether TEXT[0..LENGTH) is well-formed UTF-8 (no overlongs, no surrogates). */
int audit_is_utf8(const unsigned char *text, size_t length);

#endif /* AUDIT_READ_H */
