/*
 * compile.h — one rubric from file to checked IR: load, parse, check.
 *
 * rubricc's main and the unit tests both go through here, so that what is
 * tested is what the command does. A tree with syntax errors is still
 * checked, so that one run reports every independent mistake: the parser
 * leaves out what it could not read (frontend.h), and the checker stays
 * quiet about what depends on it. Only a file rejected before parsing
 * (not UTF-8, CR line ends) is not checked.
 */
#ifndef COMPILE_H
#define COMPILE_H

#include <stddef.h>

#include "arena.h"
#include "diagnostics.h"
#include "ir.h"
#include "source.h"

/* Compile sources->files[main_file]. Returns the IR, or NULL when an
 * error was reported (report->error_count says how many). */
const ir_rubric *compile_loaded(arena *region, source_set *sources, diagnostics *report,
                                int main_file);

/* Load path and compile it. NULL, with a message, when it cannot be read. */
const ir_rubric *compile_file(arena *region, source_set *sources, diagnostics *report,
                              const char *path);

/* Read standard input, named "<stdin>", and compile it. */
const ir_rubric *compile_standard_input(arena *region, source_set *sources, diagnostics *report);

/* Compile text held in memory, named name in messages (for tests). */
const ir_rubric *compile_text(arena *region, source_set *sources, diagnostics *report,
                              const char *name, const char *text, size_t length);

#endif /* COMPILE_H */
