/*
 * output.h — writing an output file atomically.
 *
 * The emitter writes into a temporary file beside the target (same
 * directory, so the final rename cannot cross file systems); only when the
 * emitter and every write, flush and close succeeded is it renamed over the
 * target. A failed or interrupted run therefore leaves the old file or no
 * file, never half of one.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

#include "diagnostics.h"
#include "ir.h"

typedef int (*output_writer)(const ir_rubric *rubric, FILE *out);

/* Create directory (and its parents) when missing. 0, or -1 with errno. */
int output_make_directory(const char *directory);

/* Write directory/name with writer. Returns 0, or -1 after reporting
 * "cannot write '…': reason" as an error. */
int output_write_atomically(diagnostics *report, const char *directory, const char *name,
                            output_writer writer, const ir_rubric *rubric);

/* The same for an output made from something other than one rubric (the
 * pages about all the rubrics of a run): writer gets context. */
typedef int (*output_context_writer)(const void *context, FILE *out);
int output_write_context_atomically(diagnostics *report, const char *directory, const char *name,
                                    output_context_writer writer, const void *context);

/* The same to a file named by a path ("dir/name" or "name"), written in
 * its own directory (the authors' tools write beside the file named). */
int output_write_path_atomically(diagnostics *report, const char *path,
                                 output_context_writer writer, const void *context);

#endif /* OUTPUT_H */
