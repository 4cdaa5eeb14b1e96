/*
 * audit_record.h — what an audit reader hands over, and the formats it
 * reads: the types the reader's own files (audit_read.c, audit_lines.c,
 * audit_csv.c) and its callers share.
 *
 * Internal to the library and rubric-grade (not installed). Types only:
 * it sits below every file of the reader, so each includes it and none of
 * them needs another's header for a type. audit_read.h is the reader's
 * interface and includes this.
 */
#ifndef AUDIT_RECORD_H
#define AUDIT_RECORD_H

#include <stddef.h>

#include "rubric.h"

typedef enum audit_format {
    AUDIT_FORMAT_DETECT,         /* by the first line: '{' is JSON Lines, else CSV */
    AUDIT_FORMAT_JSONL,
    AUDIT_FORMAT_CSV,
    AUDIT_FORMAT_XLSX            /* an Excel workbook (audit_xlsx.c); detected by its zip signature */
} audit_format;

/* One record as read: an audit, or the reason it could not be read. */
typedef struct audit_record {
    const char *input;           /* the input's name */
    unsigned long line;          /* the line the record starts on */
    const rubric_audit *audit;   /* NULL when the record is unreadable */
    const char *case_reference;  /* the case, when known even if unreadable */
    const char *error;           /* why it is unreadable, when audit is NULL */
    const char *amended_by;      /* an amended record's "amended_by" (who), or NULL */
    const char *amended_at;      /* its "amended_at" (when: an ISO 8601 date-time), or NULL */
    long long amended_seconds;   /* amended_at in seconds since 1970 (UTC), 0 when not amended */
    const rubric_audit *as_read; /* of a record read whole but refused (a date not in the
                                    declared form, a bad amendment), what was read: its
                                    auditor and date as written, for the outputs; else NULL */
} audit_record;

/* Called once per record; return nonzero to stop reading. */
typedef int (*audit_handler)(const audit_record *record, void *context);

/* Called with a note about an input as a whole (a CSV header's columns
 * that are passed through as fields): the input's name, the line the note
 * is about and the note in words. */
typedef void (*audit_note_handler)(const char *input, unsigned long line, const char *note, void *context);

typedef struct audit_reader audit_reader;

/* The maximum record size unless set: far above any real audit, small
 * enough that an endless line is caught before memory runs short. */
#define AUDIT_DEFAULT_MAX_RECORD_BYTES ((size_t)16 << 20)

#endif /* AUDIT_RECORD_H */
