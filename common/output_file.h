/*
 * output_file.h — an output file that is replaced whole or not at all;
 * the one writer of files both programs use (rubricc's outputs, fmt
 * --write, test --junit, diff --html, import -o; rubric-grade's -o,
 * --summary-output and --report).
 *
 * A regular file, or a name not yet taken, is written to a temporary file
 * in the same folder and put in its place only when everything was
 * written and flushed to disk: a kill, a full disk or a failed run leaves
 * the old file as it was. The temporary file has no name where the system
 * allows it (Linux's O_TMPFILE): it is linked into place when complete,
 * so a process killed even by SIGKILL leaves nothing behind. Elsewhere it
 * is named .NAME.rubric-tmp.XXXXXX beside NAME and locked (flock) while
 * it is written; each open removes the ones a killed run left for the
 * same NAME (older than this run, and not locked by a live writer).
 * SIGINT, SIGTERM and SIGHUP remove a named temporary file before the
 * process dies of the signal.
 *
 * Anything else (a device such as /dev/full, a FIFO, a symbolic link such
 * as /dev/stderr) is written directly, as replacing it would change what
 * it is.
 *
 * A replaced file keeps its mode; a new one gets 0666 less the umask.
 * Before anything is made, the file is checked against the inputs and
 * outputs the command registered (file_roles.h): an output is never an
 * input.
 *
 * Rewriting in place (OUTPUT_FILE_IN_PLACE: rubricc fmt --write) is for a
 * file the command read and writes back: it keeps the file's mode, and
 * its owner and group where permitted (as root); it writes through a
 * symbolic link to the file the link names, which stays a link; it
 * refuses a read-only file, and a file with other hard links (replacing
 * it would give this name a new file and leave the other names the old
 * text), leaving either as it is.
 */
#ifndef OUTPUT_FILE_H
#define OUTPUT_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct output_file output_file;

/* How output_file_open_as writes. */
enum output_file_flags {
    /* A file no option named (rubricc's DIR/<rubric id>.json): checked
     * against every registered output as well as every input. */
    OUTPUT_FILE_PLANNED = 1 << 0,
    /* Rewriting a file in place (above). */
    OUTPUT_FILE_IN_PLACE = 1 << 1
};

/* Open PATH for writing; NULL with the reason in ERROR ("cannot write
 * PATH: reason"). */
output_file *output_file_open(const char *path, char *error, size_t error_size);

/* The same, with FLAGS (output_file_flags), SHOWN naming the file in
 * messages (NULL: PATH), and *OVERLAP (when not NULL) set true when the
 * file was refused because it is an input or another output. */
output_file *output_file_open_as(const char *path, const char *shown, unsigned flags, bool *overlap,
                                 char *error, size_t error_size);

/* The stream to write to. */
FILE *output_file_stream(const output_file *file);

/* Put the written file in place (flush, sync, link or rename) and free
 * FILE; 1, or 0 with the reason in ERROR, the old file then being left as
 * it was. */
int output_file_commit(output_file *file, char *error, size_t error_size);

/* Drop what was written (the old file stays) and free FILE; NULL is fine. */
void output_file_abandon(output_file *file);

/* Whether PATH names a file that output_file_open would replace whole:
 * a regular file that is not a symbolic link, or nothing yet. */
int output_file_is_replaceable(const char *path);

/* Whether temporary files may be unnamed (O_TMPFILE) where the system
 * has them: true by default; false makes every one named, as on a system
 * without them (for the tests of that path). */
void output_file_allow_unnamed(bool allow);

#endif /* OUTPUT_FILE_H */
