/* signal.h — wasi-libc's emulated signals (signal and raise within the
 * module, -D_WASI_EMULATED_SIGNAL), with sigaction and sigemptyset, which
 * it leaves out. A WASI program receives no signal from outside, so the
 * handlers the output files install never run: wasm/posix/posix.c
 * records nothing. */
#include_next <signal.h>

#ifndef RUBRIC_WASI_SIGNAL_H
#define RUBRIC_WASI_SIGNAL_H
#define __NEED_sigset_t
#include <bits/alltypes.h>
struct sigaction {
    void (*sa_handler)(int);
    sigset_t sa_mask;
    int sa_flags;
};
int sigemptyset(sigset_t *set);
int sigaction(int signal_number, const struct sigaction *__restrict action, struct sigaction *__restrict old);
#endif
