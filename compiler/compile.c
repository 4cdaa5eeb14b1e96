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
    if (report->error_count > errors_before)
        return NULL;
    return check_rubric(region, sources, report, tree, main_file);
}

const ir_rubric *compile_file(arena *region, source_set *sources, diagnostics *report,
                              const char *path)
{
    source_span none = {-1, 0, 0};
    int file = source_load(sources, path, -1, none);
    if (file < 0 && errno == EFBIG) {
        diagnostic_error(report, none,
                         "'%s' is larger than the limit of %zu bytes for one file; is it a rubric? (--max-file-size raises the limit)",
                         path, sources->limits.max_file_bytes);
        return NULL;
    }
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
