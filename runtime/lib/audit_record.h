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

#endif /* AUDIT_RECORD_H */
