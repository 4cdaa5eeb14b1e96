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

/* Line ends of carriage returns alone (as very old Mac editors save):
 * source.c turns CR LF into LF, so the carriage returns still in the text
 * stand alone. When they outnumber the line feeds they are the file's
 * line ends, and the scanner, which reads lines by LF, would see one long
 * line: the file is rejected with a clear error, at its first CR. (A few
 * carriage returns inside lines are text, kept as written.) */
bool frontend_carriage_return_lines(const source_file *file, diagnostics *report, int index)
{
    const char *first = memchr(file->text, '\r', file->length);
    if (first == NULL)
        return false;
    size_t carriage_returns = 0, line_feeds = 0;
    for (size_t i = 0; i < file->length; i++) {
        carriage_returns += file->text[i] == '\r';
        line_feeds += file->text[i] == '\n';
    }
    if (carriage_returns < line_feeds)
        return false;
    unsigned at = (unsigned)(first - file->text);
    source_span where = {index, at, at + 1};
    diagnostic_error(report, where,
                     "this file ends its lines with a carriage return (CR) alone, the way very old "
                     "Mac editors did; save it with ordinary line ends (LF, or CR LF)");
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
    if (lexer_open(&context, main_file) == 0)
        yyparse(&context);
    else
        context.rubric->unreadable = true;
    lexer_close(&context);
    context.rubric->incomplete = report->error_count > errors_before;
    return context.rubric;
}
