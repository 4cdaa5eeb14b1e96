/*
 * fuzz_import.c — a libFuzzer harness for the grid import: each input is
 * a spreadsheet grid saved as CSV, imported by the whole `rubricc import`
 * subcommand (import_grid_main: grid_read's size, UTF-8 and CSV checks,
 * then the header, the rows, the guesses and the rubric writer). The
 * importer reads a file by name, so the input is written to an unnamed
 * memory file (memfd_create) and named by /proc/self/fd/N; the rubric it
 * writes to standard output is caught in memory.
 *
 * What the importer promises is checked too: a grid it imports (exit 0)
 * gives rubric source that compiles without an error (compile_text). A
 * rubric that does not is printed and the run aborts, so libFuzzer keeps
 * the grid. Crashes, sanitizer findings, leaks and timeouts are what
 * libFuzzer reports.
 *
 * The importer's messages on stderr are dropped unless FUZZ_SHOW_STDERR is
 * set in the environment: the streams stdout and stderr are pointed
 * elsewhere (glibc lets them be assigned), while libFuzzer and the
 * sanitizers, which took their output stream or descriptor 2 at start,
 * still report on the real standard error. Built by tests/fuzz.mk with
 * clang -fsanitize=fuzzer,address,undefined.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arena.h"
#include "compile.h"
#include "diagnostics.h"
#include "import_grid.h"
#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The real standard error, for a rubric that does not compile. */
static FILE *report_stream;

/* rubric (length bytes) compiled as the importer's promise says it will;
 * aborts, after printing it and its diagnostics, when it does not. */
static void check_compiles(const char *rubric, size_t length)
{
    static FILE *sink;
    if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
        abort();
    arena *region = arena_new();
    source_set sources;
    source_set_init(&sources, region);
    diagnostics report;
    diagnostics_init(&report, &sources, sink);
    (void)compile_text(region, &sources, &report, "imported.rubric", rubric, length);
    if (report.error_count > 0) {
        fprintf(report_stream, "fuzz_import: the imported rubric does not compile:\n%.*s\n",
                (int)length, rubric);
        diagnostics_init(&report, &sources, report_stream);
        source_set_init(&sources, region);
        (void)compile_text(region, &sources, &report, "imported.rubric", rubric, length);
        abort();
    }
    arena_free(region);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (report_stream == NULL) {
        report_stream = stderr;
        if (getenv("FUZZ_SHOW_STDERR") == NULL) {
            FILE *quiet = fopen("/dev/null", "w");
            if (quiet == NULL)
                abort();
            stderr = quiet;
        }
    }
    int grid = memfd_create("grid.csv", MFD_CLOEXEC);
    if (grid < 0)
        abort();
    for (size_t done = 0; done < size;) {
        ssize_t wrote = write(grid, data + done, size - done);
        if (wrote <= 0)
            abort();
        done += (size_t)wrote;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", grid);

    char *rubric = NULL;
    size_t rubric_length = 0;
    FILE *caught = open_memstream(&rubric, &rubric_length);
    if (caught == NULL)
        abort();
    FILE *real_stdout = stdout;
    stdout = caught;
    static char command[] = "import";
    char *argv[] = {command, path, NULL};
    int status = import_grid_main(2, argv);
    stdout = real_stdout;
    fclose(caught);
    close(grid);
    if (status == 0)
        check_compiles(rubric, rubric_length);
    free(rubric);
    return 0;
}
