/*
 * diagnostics_document.h — the machine-readable diagnostics formats: json
 * and sarif (one document per run, written at its end) and github (one
 * workflow command per diagnostic, as it comes). The format of each is
 * described in docs/diagnostics.md.
 *
 * diagnostics.c turns each diagnostic into a diagnostic_record — every
 * position worked out, every string its own copy, so a record outlives the
 * source files it speaks of — and hands it here. Used by diagnostics.c
 * only.
 */
#ifndef DIAGNOSTICS_DOCUMENT_H
#define DIAGNOSTICS_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diagnostics_format.h"

/* A place in a file: 1-based lines, columns in characters; the end is the
 * position just after the last character, as in SARIF. */
typedef struct diagnostic_place {
    char *file;                  /* NULL: the diagnostic has no place */
    int line;
    int column;
    int end_line;
    int end_column;
} diagnostic_place;

typedef struct diagnostic_record {
    const char *severity;        /* "error", "warning" or "note" */
    const char *rule;            /* its kind (diagnostic_rules.h); static, not freed */
    char *message;
    diagnostic_place place;
    diagnostic_place *included_from;   /* the include lines, nearest first */
    size_t include_count;
    struct diagnostic_record *notes;   /* the notes that follow it */
    size_t note_count;
} diagnostic_record;

struct diagnostics_run {
    diagnostics_format format;
    FILE *out;
    const char *tool_version;
    int max_errors;              /* 0: no limit */
    int shown_errors;
    int hidden_errors;           /* past max_errors */
    int hidden_warnings;
    bool hiding;                 /* the last error or warning was hidden,
                                  * so its notes are too */
    diagnostic_record *records;  /* json, sarif: held until the end */
    size_t record_count;
    size_t record_capacity;
    bool out_of_memory;
};

/* Take record (its strings become the run's): write it now (github) or
 * hold it (json, sarif). A note is attached to the record before it. */
void diagnostics_document_add(diagnostics_run *run, diagnostic_record *record);

/* Write the held records as one document, then free them. */
void diagnostics_document_write(diagnostics_run *run);

/* "2 more errors and 1 more warning not shown" (the counts of the run's
 * hidden diagnostics) into text[0..size). */
void diagnostics_hidden_phrase(const diagnostics_run *run, char *text, size_t size);

/* Free a record's strings and arrays. */
void diagnostic_record_free(diagnostic_record *record);

#endif /* DIAGNOSTICS_DOCUMENT_H */
