/* unistd.h — wasi-libc's, with fchown, which WASI files (no owners) make a
 * no-op: wasm/posix/posix.c. */
#include_next <unistd.h>

#ifndef RUBRIC_WASI_UNISTD_H
#define RUBRIC_WASI_UNISTD_H
int fchown(int descriptor, uid_t owner, gid_t group);
#endif
