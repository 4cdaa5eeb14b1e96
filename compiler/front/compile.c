/*
 * compile.c — the pipeline of one rubric: load, parse, check (see
 * compile.h).
 */
#include "compile.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

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

/* A main file that could not be read (errno says why). */
static void compile_report_unreadable(diagnostics *report, const source_set *sources,
                                      const char *name)
{
    source_span none = {-1, 0, 0};
    if (errno == EFBIG)
        diagnostic_error(report, none,
                         "'%s' is larger than the limit of %zu bytes for one file; is it a rubric? (--max-file-size raises the limit)",
                         name, sources->limits.max_file_bytes);
    else
        diagnostic_error(report, none, "cannot read '%s': %s", name, strerror(errno));
}

const ir_rubric *compile_file(arena *region, source_set *sources, diagnostics *report,
                              const char *path)
{
    source_span none = {-1, 0, 0};
    int file = source_load(sources, path, -1, none);
    if (file < 0) {
        compile_report_unreadable(report, sources, path);
        return NULL;
    }
    return compile_loaded(region, sources, report, file);
}

const ir_rubric *compile_standard_input(arena *region, source_set *sources, diagnostics *report)
{
    source_span none = {-1, 0, 0};
    int file = source_load_descriptor(sources, STDIN_FILENO, "<stdin>", -1, none);
    if (file < 0) {
        compile_report_unreadable(report, sources, "<stdin>");
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
