/*
 * compile.c — the pipeline of one rubric: load, parse, check (see
 * compile.h).
 */
#include "compile.h"

#include <errno.h>
#include <string.h>

#include "check.h"
#include "frontend.h"

const ir_rubric *compile_loaded(arena *region, source_set *sources, diagnostics *report,
                                int main_file)
{
    int errors_before = report->error_count;
    ast_rubric *tree = frontend_parse(region, sources, report, main_file);
    /* What parsed is checked even after a syntax error, so that one run
     * reports every independent mistake; the parser recovers at whole
     * lines and leaves out broken headings, so that the checker sees no
     * echoes of the syntax errors. */
    if (tree->unreadable)
        return NULL;
    const ir_rubric *rubric = check_rubric(region, sources, report, tree, main_file);
    if (report->error_count > errors_before)
        return NULL;
    return rubric;
}

const ir_rubric *compile_file(arena *region, source_set *sources, diagnostics *report,
                              const char *path)
{
    source_span none = {-1, 0, 0};
    int file = source_load(sources, path, -1, none);
    if (file < 0) {
        diagnostic_error(report, none, "cannot read '%s': %s", path, strerror(errno));
        return NULL;
    }
    return compile_loaded(region, sources, report, file);
}

const ir_rubric *compile_text(arena *region, source_set *sources, diagnostics *report,
                              const char *name, const char *text, size_t length)
{
    int file = source_add_text(sources, name, text, length);
    return compile_loaded(region, sources, report, file);
}
