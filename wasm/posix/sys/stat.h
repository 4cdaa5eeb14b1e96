/* sys/stat.h — wasi-libc's, with umask and fchmod, which WASI files (no
 * modes) make no-ops: wasm/posix/posix.c. */
#include_next <sys/stat.h>

#ifndef RUBRIC_WASI_SYS_STAT_H
#define RUBRIC_WASI_SYS_STAT_H
mode_t umask(mode_t mask);
int fchmod(int descriptor, mode_t mode);
#endif
