/*
 * batch_inputs.h — a run's inputs, read twice when the run counts: first
 * surveyed (which records count, revisions.h), then graded.
 *
 * An input that is a regular file is opened by name each time; one that
 * cannot be read twice (standard input, a pipe, a device) is first copied
 * into an unnamed temporary file, which nothing leaves behind, and read
 * from the copy both times. The register's records (register.h) come in
 * the same way: a copy, read as the one input, shown by the register's
 * name.
 */
#ifndef BATCH_INPUTS_H
#define BATCH_INPUTS_H

#include <stdio.h>

#include "audit_read.h"
#include "register.h"
#include "revisions.h"

typedef struct batch_inputs {
    const char *const *names;    /* as given; "-" is standard input */
    int count;
    FILE **copies;               /* per input: the copy it is read from, or NULL */
    const char *shown_as;        /* the name every input is shown by (the register), or NULL */
} batch_inputs;

/* Take the NAMES; 0 when out of memory. */
int batch_inputs_start(batch_inputs *inputs, const char *const *names, int count);

/* The one input: the current records of REG, shown as NAME; 0 with the
 * reason in ERROR. */
int batch_inputs_from_register(batch_inputs *inputs, grade_register *reg, const char *name, char *error,
                               size_t error_size);

/* The name input INDEX is shown by in messages and records. */
const char *batch_inputs_shown(const batch_inputs *inputs, unsigned index);

/* The copy input INDEX is read from (rewound), or NULL: read it by name. */
FILE *batch_inputs_copy(const batch_inputs *inputs, unsigned index);

/* Whether input INDEX was surveyed before grading (a file, or a copy). */
int batch_inputs_surveyed(const batch_inputs *inputs, unsigned index);

/* Survey every input into TABLE, copying those that cannot be read twice.
 * Trouble reading one is left for the grading to report; 0 when memory
 * runs out. */
int batch_inputs_survey(batch_inputs *inputs, audit_reader *reader, audit_format format, revision_table *table);

/* Close the copies (their files go with them). */
void batch_inputs_close(batch_inputs *inputs);

#endif /* BATCH_INPUTS_H */
