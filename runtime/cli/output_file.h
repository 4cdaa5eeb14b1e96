/*
 * output_file.h — an output file that is replaced whole or not at all.
 *
 * Internal to rubric-grade (not installed). A regular file, or a name not
 * yet taken, is written to a temporary file in the same directory and
 * renamed over the name only when everything was written and flushed to
 * disk: a kill, a full disk or a failed run leaves the old file as it
 * was. Anything else (a device such as /dev/full, a FIFO, a symbolic
 * link such as /dev/stderr) is written directly, as replacing it would
 * change what it is. While a temporary file exists, SIGINT, SIGTERM and
 * SIGHUP remove it before the process dies of the signal; only SIGKILL
 * can leave one behind (named .NAME.XXXXXX beside NAME).
 */
#ifndef OUTPUT_FILE_H
#define OUTPUT_FILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct output_file output_file;

/* Open PATH for writing; NULL with the reason in ERROR. */
output_file *output_file_open(const char *path, char *error, size_t error_size);

/* The stream to write to. */
FILE *output_file_stream(const output_file *file);

/* Put the written file in place (flush, sync, rename) and free FILE;
 * 0 with the reason in ERROR, the old file then being left as it was. */
int output_file_commit(output_file *file, char *error, size_t error_size);

/* Drop what was written (the old file stays) and free FILE; NULL is fine. */
void output_file_abandon(output_file *file);

/* Whether PATH names a file that output_file_open would replace whole:
 * a regular file that is not a symbolic link, or nothing yet. */
int output_file_is_replaceable(const char *path);

/* Whether LEFT and RIGHT name one regular file: by device and inode when
 * both exist, else by their full paths (a file not made yet). A device
 * or pipe is never "the same" (two streams to one terminal are fine).
 * NULL or "-" in either is standard input or output, compared with
 * descriptor STDIN_FILENO when the other side exists. */
int output_file_same(const char *left, const char *right);

#endif /* OUTPUT_FILE_H */
