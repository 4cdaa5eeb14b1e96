/* string.h — wasi-libc's, with strerror as glibc words it. wasi-libc's
 * messages are musl's, and some differ from glibc's ("Symbolic link loop"
 * for "Too many levels of symbolic links"); the programs quote them, and
 * the WebAssembly build must write what the native one writes, byte for
 * byte. rubric_wasi_strerror (wasm/posix/posix.c) has glibc's text for
 * those and wasi-libc's for the rest. */
#include_next <string.h>

#ifndef RUBRIC_WASI_STRING_H
#define RUBRIC_WASI_STRING_H
char *rubric_wasi_strerror(int number);
#define strerror rubric_wasi_strerror
#endif
