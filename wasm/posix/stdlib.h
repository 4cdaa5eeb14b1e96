/* stdlib.h — wasi-libc's, with the two functions it leaves out that the
 * programs use: realpath (the includes' cycle check, the file roles) and
 * mkstemp (the output files' named temporaries). wasm/posix/posix.c has
 * them. See wasm/README.md. */
#include_next <stdlib.h>

#ifndef RUBRIC_WASI_STDLIB_H
#define RUBRIC_WASI_STDLIB_H
char *realpath(const char *__restrict path, char *__restrict resolved);
int mkstemp(char *name_template);
#endif
