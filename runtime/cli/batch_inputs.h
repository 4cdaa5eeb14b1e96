/*
 * batch_inputs.h — a run's inputs, read once when the run counts (which
 * records count, revisions.h): each record is surveyed and judged as it is
 * graded, which gives every record the verdict that a survey of the whole
 * batch first would, unless an amendment comes after a revision it
 * replaces was read (a late amendment). Until the inputs end, the lines
 * that go to stderr are held; then, with no late amendment, they are
 * written as they are. After a late amendment the inputs are read a
 * second time, now surveyed, for the totals alone (the records' output
 * and the register were written by the first read, which no verdict
 * changes), and the held lines are dropped: the second read says them
 * all again, in order, with the right notes. Memory is the revision
 * table's few words a record and the held lines.
 *
 * An input that is a regular file is opened by name each time; one that
 * cannot be read twice (standard input, a pipe, a device) is first copied
 * into an unnamed temporary file, which nothing leaves behind, and read
 * from the copy. When a copy cannot be made, or with --strict (which stops
 * at the first failure, before the rest is seen), the inputs are surveyed
 * first and then graded, as two reads. The register's records
 * (register.h) come in as a copy too, read as the one input, shown by the
 * register's name.
 */
#ifndef BATCH_INPUTS_H
#define BATCH_INPUTS_H

#include <stdio.h>

#include "audit_read.h"
#include "output_buffer.h"
#include "register.h"
#include "revisions.h"

typedef struct batch_inputs {
    const char *const *names;    /* as given; "-" is standard input */
    int count;
    FILE **copies;               /* per input: the copy it is read from, or NULL */
    const char *shown_as;        /* the name every input is shown by (the register), or NULL */
    int read_once;               /* surveyed as graded, stderr lines held (batch_inputs_prepare) */
    int late_amendment;          /* the one read met a late amendment: read again to count */
    int recounting;              /* the second read: the totals alone */
    output_buffer held;          /* the one read's stderr lines */
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

/* Copy the inputs that cannot be read twice; when every one can be, and
 * ONCE allows, read them once (read_once). */
void batch_inputs_prepare(batch_inputs *inputs, int once);

/* Write one line to stderr, or hold it during the one read. */
void batch_inputs_say(batch_inputs *inputs, const char *text, size_t length);

/* Say (as batch_inputs_say) that RECORD is not counted, for VERDICT, and
 * where the record counted instead was read (EARLIER); LINE is scratch. */
void batch_inputs_say_not_counted(batch_inputs *inputs, output_buffer *line, const audit_record *record,
                                  revision_verdict verdict, revision_place earlier);

/* Note one record of an input not surveyed ahead in TABLE, as it is
 * read; during the one read, mark a late amendment. 0 when out of memory. */
int batch_inputs_survey_one(batch_inputs *inputs, revision_table *table, const revision_record *record);

/* The one read is over: whether to read again to count (a late amendment,
 * when the run may go on: GO_ON); if not, the held lines go to stderr.
 * -1 when memory ran out holding them. */
int batch_inputs_read_again(batch_inputs *inputs, int go_on);

/* Survey every input into TABLE, after batch_inputs_prepare (an input
 * with no copy is left to be surveyed as it is graded). Trouble reading
 * one is left for the grading to report; 0 when memory runs out. */
int batch_inputs_survey(batch_inputs *inputs, audit_reader *reader, audit_format format, revision_table *table);

/* Close the copies (their files go with them). */
void batch_inputs_close(batch_inputs *inputs);

#endif /* BATCH_INPUTS_H */
