/*
 * frontend.c — runs the scanner and parser over one main rubric file.
 *
 * The grammar and the scanner share the parse_context (frontend.h); this
 * file sets it up, runs yyparse() once, and tears the scanner down. The
 * tree is returned even when there were syntax errors: the parser leaves
 * out what it could not read (broken headings become stand-ins), so that
 * the checker can still report every independent mistake in the rest.
 */
#include "frontend.h"

#include <string.h>

#include "parser.h"

const char *const frontend_entry_names[] = {
    "rubric", "title", "title supplied", "authority", "version", "effective", "include",
    "key factors", "scale", "glossary", "themes", "grading", "id", "scope", "out of sequence",
    "applies to", "same as", "every criterion", "section grade", "overall grade",
    "overall no better than", "not applicable", "ties", "good or better", NULL,
};

ast_rubric *frontend_parse(arena *region, source_set *sources, diagnostics *report,
                           int main_file)
{
    parse_context context;
    memset(&context, 0, sizeof context);
    context.region = region;
    context.sources = sources;
    context.report = report;
    context.rubric = arena_alloc(region, sizeof *context.rubric);
    int errors_before = report->error_count;
    if (lexer_open(&context, main_file) == 0)
        yyparse(&context);
    else
        context.rubric->unreadable = true;
    lexer_close(&context);
    context.rubric->incomplete = report->error_count > errors_before;
    return context.rubric;
}
