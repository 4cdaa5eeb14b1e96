/* fcntl.h — wasi-libc's, with O_TMPFILE named. The output files use an
 * unnamed temporary only where /proc/self/fd exists, which under WASI it
 * never does, so the flag is never passed to open; it only has to compile. */
#include_next <fcntl.h>

#ifndef O_TMPFILE
#define O_TMPFILE 0
#endif
