/*
 * reactor.c — rubric-grade.wasm's command entry. The grading module is a
 * WASI reactor (wasm/wasm.mk links it with -mexec-model=reactor): the
 * host instantiates it, calls _initialize once, and then either runs the
 * program once as a command (rubric_grade_wasi_command, below, what
 * wasi-command.mjs and rubric.mjs's run do), or keeps the instance and
 * grades record after record with the rubric loaded once
 * (runtime/cli/grade_reactor.h's functions, exported beside it: what
 * rubric.mjs's openGrader does).
 *
 * A command module's _start would do the same as this function; a module
 * with _start cannot also be kept between calls (wasm-ld wraps every
 * other export of a command in the constructors and destructors, which
 * would run again on each call).
 */
#include <stdlib.h>

/* wasi-libc's: the arguments from the host (args_get), then main with them. */
int __main_void(void);

/* Run rubric-grade's main with the host's arguments and end the instance
 * as its _start would: exit with main's status (proc_exit), after the
 * atexit functions and the streams' flushing. */
void rubric_grade_wasi_command(void);

void rubric_grade_wasi_command(void)
{
    exit(__main_void());
}
