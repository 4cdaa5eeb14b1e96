/*
 * register.h — the register: every graded record of every round, kept in
 * one SQLite database file (rubric-grade --register FILE), so that a year
 * of rounds is one file a data team can query, and the summary and the
 * report can be made again from it without the round's files.
 *
 * One run is one import, one transaction: a run that is killed, or ends in
 * trouble, leaves the register as it was. A record is stored once: the
 * same record imported again adds nothing; a changed record with the same
 * case, auditor, date and role (an amendment) is a new revision, with who
 * amended it and when, and the earlier revisions are kept. The database is
 * opened in WAL mode with a busy timeout, so two imports at once both land,
 * one after the other. The schema (docs/register.md) is versioned by
 * PRAGMA user_version and migrated forward as the register is opened.
 *
 * The WebAssembly build has no SQLite: there every call fails with a
 * message saying so (RUBRIC_NO_SQLITE).
 */
#ifndef REGISTER_H
#define REGISTER_H

#include <stdio.h>

#include "rubric.h"

/* The schema's version, as PRAGMA user_version records it. */
enum { REGISTER_SCHEMA_VERSION = 1 };

typedef struct grade_register grade_register;

/* What one record is, as the caller graded it. */
typedef struct register_record {
    const rubric_audit *audit;
    const rubric_result *result; /* valid */
    const char *amended_by;      /* NULL when not amended */
    const char *amended_at;
    long long amended_seconds;
    const char *input;           /* where it was read: the input's name and line */
    unsigned long line;
    unsigned long long key_hash;      /* revisions_hash's (revisions.h) */
    unsigned long long content_hash;
} register_record;

/* What an import added. */
typedef struct register_counts {
    unsigned long added;         /* records new to the register */
    unsigned long revised;       /* new revisions of records it held */
    unsigned long unchanged;     /* records it held already, as they were */
} register_counts;

/* Open (or create) the register at PATH for MODEL's records, creating or
 * migrating its schema; NULL with the reason in ERROR. */
grade_register *register_open(const char *path, const rubric_model *model, char *error, size_t error_size);

/* Close it; an import not committed is rolled back. NULL is allowed. */
void register_close(grade_register *reg);

/* Start an import of the named inputs (joined by newlines, for the
 * imports table); 0 with the reason in ERROR. Waits for another import
 * to end (the busy timeout) before giving up. */
int register_begin(grade_register *reg, const char *inputs, char *error, size_t error_size);

/* Store one graded record in the import; 0 with the reason in ERROR. */
int register_add(grade_register *reg, const register_record *record, char *error, size_t error_size);

/* Commit the import (1), with what it added in *COUNTS; 0 with the reason
 * in ERROR, the register left as it was. */
int register_commit(grade_register *reg, register_counts *counts, char *error, size_t error_size);

/* Write the current revision of every record of the model's rubric, as
 * JSON Lines audits (the audit format), into OUTPUT, oldest audit date
 * first; FROM and TO (YYYY-MM-DD, either NULL) bound the audit dates. The
 * number of records written, or -1 with the reason in ERROR. */
long register_export(grade_register *reg, const char *from, const char *to, FILE *output, char *error,
                     size_t error_size);

#endif /* REGISTER_H */
