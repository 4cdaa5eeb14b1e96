/*
 * fuzz_compile.c — a libFuzzer harness for the compiler core: each input
 * is a rubric file's bytes, compiled through the same pipeline as rubricc
 * (compile_text: lexer, parser, checker), with every diagnostic printed
 * (source line and caret included) and, when the rubric checks, its JSON
 * written to a memory stream. Crashes, sanitizer findings, leaks and
 * timeouts are what libFuzzer reports.
 *
 * Inputs naming an 'include' are passed over: an include reads a file from
 * the disk, and a fuzzer that finds 'include: /dev/zero' learns nothing
 * about the compiler. Built by tests/fuzz.mk with clang
 * -fsanitize=fuzzer,address,undefined.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "arena.h"
#include "compile.h"
#include "diagnostics.h"
#include "emit.h"
#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether the input holds the word "include" in any case. */
static int fuzz_mentions_include(const uint8_t *data, size_t size)
{
    static const char word[] = "include";
    const size_t length = sizeof word - 1;
    for (size_t i = 0; i + length <= size; i++)
        if (strncasecmp((const char *)data + i, word, length) == 0)
            return 1;
    return 0;
}

/* One input: compile it, print its diagnostics, emit its JSON. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
        abort();
    if (fuzz_mentions_include(data, size))
        return -1;   /* not added to the corpus */
    arena *region = arena_new();
    source_set sources;
    source_set_init(&sources, region);
    diagnostics report;
    diagnostics_init(&report, &sources, sink);
    report.warnings_are_errors = size > 0 && (data[size - 1] & 1);
    const ir_rubric *rubric = compile_text(region, &sources, &report, "fuzz.rubric",
                                           (const char *)data, size);
    if (rubric != NULL) {
        char *json = NULL;
        size_t json_length = 0;
        FILE *out = open_memstream(&json, &json_length);
        if (out == NULL)
            abort();
        if (emit_json(rubric, out) != 0)
            abort();   /* writing to memory cannot fail: the emitter did */
        fclose(out);
        free(json);
    }
    arena_free(region);
    return 0;
}
