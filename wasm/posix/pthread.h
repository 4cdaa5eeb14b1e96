/* pthread.h — wasi-libc (2022) has no threads and no pthread.h; the
 * grading library uses pthread_once only (json_tree.c, to wrap jansson's
 * allocator once). With one thread, once is a flag. Later wasi-libc
 * releases ship the same single-threaded stand-in. */
#ifndef RUBRIC_WASI_PTHREAD_H
#define RUBRIC_WASI_PTHREAD_H

typedef int pthread_once_t;
#define PTHREAD_ONCE_INIT 0

static inline int pthread_once(pthread_once_t *once, void (*routine)(void))
{
    if (*once == 0) {
        *once = 1;
        routine();
    }
    return 0;
}
#endif
