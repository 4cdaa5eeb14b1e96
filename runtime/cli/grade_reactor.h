/*
 * grade_reactor.h — rubric-grade with its rubric loaded once, for a
 * program that stays loaded and grades one record after another: the
 * WebAssembly module kept by a page (wasm/rubric.mjs, openGrader), whose
 * exports these are (wasm/wasm.mk).
 *
 * Each run is rubric_grade_command (grade_cli.c) with the kept rubric as
 * its linked model, so a record graded here gives the bytes, messages and
 * exit status that `rubric-grade --rubric FILE` gives for it: one grading
 * path, one output writer. Internal to rubric-grade (not installed).
 */
#ifndef GRADE_REACTOR_H
#define GRADE_REACTOR_H

#include <stddef.h>

/* Load the compiled rubric at PATH for the runs after it, in place of any
 * loaded before: GRADE_EXIT_ALL_GRADED, or GRADE_EXIT_TROUBLE with the
 * reason on stderr (as rubric-grade words it) and no rubric kept. */
int grade_reactor_open(const char *path);

/* A buffer of at least SIZE bytes for the next run's command line (kept
 * between runs), or NULL when memory is short. */
char *grade_reactor_arguments(size_t size);

/* Run rubric-grade with the command line in the buffer: LENGTH bytes of
 * words each ended by a NUL, the program's name first, no --rubric. The
 * exit status (grade_cli.h); standard output is flushed. Every allocation
 * of the run is freed before it returns. */
int grade_reactor_run(size_t length);

/* Drop the rubric and the buffer. */
void grade_reactor_close(void);

#endif /* GRADE_REACTOR_H */
