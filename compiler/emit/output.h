/*
 * output.h — rubricc's output files, written through the one output
 * writer both programs share (common/output_file.h): each is replaced
 * whole or not at all, with no temporary file left behind, and never
 * overwrites an input of the run (common/file_roles.h).
 *
 * These calls add what the compiler needs: the writer is a function of
 * the rubric (or of a context), and trouble is reported as a diagnostic
 * ("cannot write 'DIR/NAME': reason").
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

#include "diagnostics.h"
#include "ir.h"

/* What the writes below return besides 0. */
enum output_result {
    OUTPUT_FAILED = -1,          /* could not be written (reported) */
    OUTPUT_OVERLAP = -2          /* refused: it is an input or another output (reported) */
};

typedef int (*output_writer)(const ir_rubric *rubric, FILE *out);

/* Create directory (and its parents) when missing. 0, or -1 with errno. */
int output_make_directory(const char *directory);

/* Whether directory/name is a file already there (the offline pages put
 * beside the index, which links to them only then): 1 or 0. */
int output_file_present(const char *directory, const char *name);

/* Write directory/name with writer: a file of the output folder, which no
 * input or other output of the run may be. Returns 0, or an
 * output_result after reporting. */
int output_write_atomically(diagnostics *report, const char *directory, const char *name,
                            output_writer writer, const ir_rubric *rubric);

/* The same for an output made from something other than one rubric (the
 * pages about all the rubrics of a run): writer gets context. */
typedef int (*output_context_writer)(const void *context, FILE *out);
int output_write_context_atomically(diagnostics *report, const char *directory, const char *name,
                                    output_context_writer writer, const void *context);

/* The same to a file named by a path on the command line ("dir/name" or
 * "name"; the authors' tools write the file named). */
int output_write_path_atomically(diagnostics *report, const char *path,
                                 output_context_writer writer, const void *context);

/* Rewrite the file at path, which the command read, in place (rubricc fmt
 * --write): it keeps its mode, owner and group; a symbolic link stays one
 * and the file it names is rewritten; a read-only file, or one with other
 * hard links, is refused and left as it is. 0, or an output_result. */
int output_rewrite_in_place(diagnostics *report, const char *path,
                            output_context_writer writer, const void *context);

/* Register the files that SOURCES included (not the main files, which the
 * command line named) as inputs of the run, which no output may
 * overwrite (common/file_roles.h). 0, or -1 out of memory. */
int output_register_includes(const source_set *sources);

#endif /* OUTPUT_H */
