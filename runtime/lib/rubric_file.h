/*
 * rubric_file.h — reading a rubric file whole, within a size limit
 * (rubric_file.c), for the loader (rubric_load.c). Internal to the library.
 */
#ifndef RUBRIC_FILE_H
#define RUBRIC_FILE_H

#include <stddef.h>

#include "rubric.h"

/* The whole of PATH in a new buffer (*LENGTH bytes; free it), or NULL
 * with the reason in *ERROR ("PATH: unable to open …", "PATH: it is 210
 * MiB, more than the 64 MiB limit"). Never more than MAX_BYTES: a regular
 * file larger is refused unread, so what the JSON readers get is bounded. */
char *read_whole_file(const char *path, size_t max_bytes, size_t *length, rubric_error *error);

#endif /* RUBRIC_FILE_H */
