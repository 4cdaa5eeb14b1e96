/*
 * scratch_file.h — a scratch file with a name, for a library that writes
 * only to a file name (libxlsxwriter), copied afterwards into an output
 * stream (a common/output_file.c stream, which puts it in place whole).
 *
 *   scratch_file scratch;
 *   if (scratch_file_open(&scratch) != 0) ... errno says why ...
 *   ... the library writes to scratch.name ...
 *   scratch_file_copy(&scratch, out);   (0, or -1 with errno)
 *   scratch_file_close(&scratch);       (always: removes it)
 *
 * Not in the WebAssembly build (it writes no workbooks: wasm/README.md).
 */
#ifndef SCRATCH_FILE_H
#define SCRATCH_FILE_H

#include <stdio.h>

typedef struct scratch_file {
    int descriptor;
    int named;                   /* a mkstemp file, removed on close */
    char name[4096];             /* what the library opens */
} scratch_file;

/* Make the scratch file; 0, or -1 with errno. */
int scratch_file_open(scratch_file *scratch);

/* Copy what was written to SCRATCH->name into OUT; 0, or -1 with errno. */
int scratch_file_copy(const scratch_file *scratch, FILE *out);

/* Close and remove it. */
void scratch_file_close(scratch_file *scratch);

#endif /* SCRATCH_FILE_H */
