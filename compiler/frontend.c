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

/* A carriage return left in the text: source.c turns CR LF into LF, so
 * one still here ends a line on its own (as very old Mac editors save)
 * or stands inside a line. The scanner reads lines by LF, so such a file
 * would read as one long line: it is rejected with a clear error. */
static bool frontend_lone_carriage_return(const source_file *file, diagnostics *report, int index)
{
    const char *carriage_return = memchr(file->text, '\r', file->length);
    if (carriage_return == NULL)
        return false;
    unsigned at = (unsigned)(carriage_return - file->text);
    source_span where = {index, at, at + 1};
    diagnostic_error(report, where,
                     "a carriage return (CR) without a line feed: this file ends its lines the way "
                     "very old Mac editors did; save it with ordinary line ends (LF, or CR LF)");
    return true;
}

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
    if (!frontend_lone_carriage_return(&sources->files[main_file], report, main_file)
        && lexer_open(&context, main_file) == 0)
        yyparse(&context);
    else
        context.rubric->unreadable = true;
    lexer_close(&context);
    context.rubric->incomplete = report->error_count > errors_before;
    return context.rubric;
}
