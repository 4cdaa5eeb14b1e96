/*
 * unit_support.h — what the unit tests share: compiling a rubric held in a
 * string through the compiler's own entry points (compile.h, frontend.h),
 * with its diagnostics captured in memory so a test can read them, and
 * the rubric header most test inputs start with.
 */
#ifndef UNIT_SUPPORT_H
#define UNIT_SUPPORT_H

#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "ast.h"
#include "diagnostics.h"
#include "ir.h"
#include "source.h"

/* A rubric header with a four-level scale (O, G, R, I) and a glossary of
 * CIN and CP; test inputs append their sections to it. */
#define UNIT_HEADER                                                         \
    "rubric: unit-test\n"                                                   \
    "title: Unit test guidance\n"                                           \
    "authority: Test authority\n"                                           \
    "version: 1\n"                                                          \
    "scale:\n"                                                              \
    "  O: Outstanding\n"                                                    \
    "  G: Good\n"                                                           \
    "  R: Requires Improvement\n"                                           \
    "  I: Inadequate\n"                                                     \
    "glossary:\n"                                                           \
    "  CIN: Child in need\n"                                                \
    "  CP: Child protection\n"

/* One compilation of an in-memory rubric named "test.rubric". */
typedef struct unit_compilation {
    arena *region;
    source_set sources;
    diagnostics report;
    FILE *messages_stream;       /* the diagnostics, written to memory */
    char *messages;
    size_t messages_length;
    int main_file;
} unit_compilation;

/* Set up a compilation of text (diagnostics go to memory). */
void unit_begin(unit_compilation *compilation, const char *text);
/* Parse only: the syntax tree (possibly partial). */
ast_rubric *unit_parse(unit_compilation *compilation);
/* Parse and check: the IR, or NULL when there were errors. */
const ir_rubric *unit_check(unit_compilation *compilation);
/* Everything reported so far, as printed. */
const char *unit_messages(unit_compilation *compilation);
/* Free everything the compilation holds. */
void unit_end(unit_compilation *compilation);

/* How often needle occurs in haystack. */
size_t unit_count(const char *haystack, const char *needle);
/* 1-based line and character column of a span's start. */
void unit_position(const unit_compilation *compilation, source_span where, int *line, int *column);

#endif /* UNIT_SUPPORT_H */
