/*
 * unit_support.c — in-memory compilations for the unit tests (see
 * unit_support.h). Diagnostics are written with open_memstream, so a test
 * sees exactly the text rubricc would print.
 */
#include "unit_support.h"

#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "frontend.h"

void unit_begin(unit_compilation *compilation, const char *text)
{
    memset(compilation, 0, sizeof *compilation);
    compilation->region = arena_new();
    source_set_init(&compilation->sources, compilation->region);
    compilation->messages_stream = open_memstream(&compilation->messages,
                                                  &compilation->messages_length);
    if (compilation->messages_stream == NULL)
        abort();
    diagnostics_init(&compilation->report, &compilation->sources, compilation->messages_stream);
    compilation->main_file = source_add_text(&compilation->sources, "test.rubric", text, strlen(text));
}

ast_rubric *unit_parse(unit_compilation *compilation)
{
    return frontend_parse(compilation->region, &compilation->sources, &compilation->report,
                          compilation->main_file);
}

const ir_rubric *unit_check(unit_compilation *compilation)
{
    return compile_loaded(compilation->region, &compilation->sources, &compilation->report,
                          compilation->main_file);
}

const char *unit_messages(unit_compilation *compilation)
{
    fflush(compilation->messages_stream);
    return compilation->messages != NULL ? compilation->messages : "";
}

void unit_end(unit_compilation *compilation)
{
    fclose(compilation->messages_stream);
    free(compilation->messages);
    arena_free(compilation->region);
    memset(compilation, 0, sizeof *compilation);
}

size_t unit_count(const char *haystack, const char *needle)
{
    size_t count = 0;
    size_t length = strlen(needle);
    for (const char *found = strstr(haystack, needle); found != NULL;
         found = strstr(found + length, needle))
        count++;
    return count;
}

void unit_position(const unit_compilation *compilation, source_span where, int *line, int *column)
{
    source_position(&compilation->sources.files[where.file], where.begin, line, column);
}
