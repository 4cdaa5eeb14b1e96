/*
 * test_diagnostics.c — unit tests of reporting (compiler/front/diagnostics.c and
 * diagnostics_document.c) where the golden files cannot reach: a caret far
 * into a very long line, a line of binary data, the --max-errors count, a
 * note with no diagnostic before it, GitHub's escapes and SARIF's URIs.
 *
 * Each test reports through a run whose output goes to memory, then reads
 * what was written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diagnostics.h"
#include "unit_support.h"

/* A compilation whose diagnostics go through a run of format into memory. */
typedef struct reporting {
    unit_compilation compilation;
    FILE *stream;
    char *text;
    size_t length;
    diagnostics_run *run;
    int file;                    /* the file the spans are in */
} reporting;

static void reporting_begin(reporting *state, diagnostics_format format, int max_errors,
                            const char *name, const char *text)
{
    memset(state, 0, sizeof *state);
    unit_begin(&state->compilation, "");
    state->file = source_add_text(&state->compilation.sources, name, text, strlen(text));
    state->stream = open_memstream(&state->text, &state->length);
    assert_non_null(state->stream);
    state->run = diagnostics_run_new(format, state->stream, max_errors, "test");
    assert_non_null(state->run);
    state->compilation.report.out = state->stream;
    state->compilation.report.run = state->run;
}

/* End the run; what it wrote. */
static const char *reporting_finish(reporting *state)
{
    assert_int_equal(diagnostics_run_finish(state->run), 0);
    fclose(state->stream);
    return state->text;
}

static void reporting_end(reporting *state)
{
    free(state->text);
    unit_end(&state->compilation);
}

static source_span span(const reporting *state, unsigned begin, unsigned end)
{
    source_span where = {state->file, begin, end};
    return where;
}

/* A caret 500 characters into a 1,006-character line: the quote is a
 * window of the line, and the caret still sits under the word. */
static void long_line_is_quoted_as_a_window(void **unused)
{
    (void)unused;
    char line[1100];
    memset(line, 'a', 500);
    memcpy(line + 500, "TARGET", 6);
    memset(line + 506, 'b', 500);
    line[1006] = '\0';
    reporting state;
    reporting_begin(&state, DIAGNOSTICS_TEXT, 0, "long.rubric", line);
    diagnostic_error(&state.compilation.report, span(&state, 500, 506), "here");
    const char *text = reporting_finish(&state);
    char expected_quote[256], expected_caret[256];
    snprintf(expected_quote, sizeof expected_quote, "    1 | …%.*sTARGET%.*s…\n", 60,
             line, 94, line + 506);
    snprintf(expected_caret, sizeof expected_caret, "      |  %*s^~~~~~\n", 60, "");
    assert_non_null(strstr(text, "long.rubric:1:501: error: here\n"));
    assert_non_null(strstr(text, expected_quote));
    assert_non_null(strstr(text, expected_caret));
    assert_true(state.length < 600);
    reporting_end(&state);
}

/* A line holding control characters is not written to the terminal. */
static void binary_line_is_not_quoted(void **unused)
{
    (void)unused;
    reporting state;
    reporting_begin(&state, DIAGNOSTICS_TEXT, 0, "binary.rubric", "ab\x01\x1b[2Jcd\n");
    diagnostic_error(&state.compilation.report, span(&state, 0, 1), "not text");
    const char *text = reporting_finish(&state);
    assert_string_equal(text, "binary.rubric:1:1: error: not text\n");
    reporting_end(&state);
}

/* Past --max-errors, errors are counted but not shown, nor their notes,
 * and the run's end says how many. */
static void max_errors_hides_but_counts(void **unused)
{
    (void)unused;
    reporting state;
    reporting_begin(&state, DIAGNOSTICS_TEXT, 1, "x.rubric", "one\ntwo\nthree\n");
    diagnostics *report = &state.compilation.report;
    diagnostic_error(report, span(&state, 0, 3), "first");
    diagnostic_error(report, span(&state, 4, 7), "second");
    diagnostic_note(report, span(&state, 0, 3), "note of the second");
    diagnostic_warning(report, span(&state, 8, 13), "third");
    const char *text = reporting_finish(&state);
    assert_int_equal(report->error_count, 2);
    assert_int_equal(report->warning_count, 1);
    assert_non_null(strstr(text, "error: first"));
    assert_null(strstr(text, "second"));
    assert_null(strstr(text, "third"));
    assert_non_null(strstr(text, "rubricc: note: 1 more error and 1 more warning not shown "
                                 "(--max-errors 1; --max-errors 0 shows all)\n"));
    reporting_end(&state);
}

/* A note with nothing before it is a diagnostic of its own in json; a
 * warning under -Werror is an error. */
static void json_keeps_a_lone_note_and_promotes_warnings(void **unused)
{
    (void)unused;
    reporting state;
    reporting_begin(&state, DIAGNOSTICS_JSON, 0, "x.rubric", "one\n");
    diagnostics *report = &state.compilation.report;
    report->warnings_are_errors = true;
    diagnostic_note(report, span(&state, 0, 3), "alone");
    diagnostic_warning(report, span(&state, 0, 3), "strict");
    const char *text = reporting_finish(&state);
    assert_non_null(strstr(text, "\"severity\": \"note\",\n      \"message\": \"alone\""));
    assert_non_null(strstr(text, "\"severity\": \"error\",\n      \"message\": \"strict [-Werror]\""));
    assert_non_null(strstr(text, "\"errors\": 1,\n  \"warnings\": 0,"));
    reporting_end(&state);
}

/* GitHub's escapes: % CR LF in the message, also : and , in the file. */
static void github_escapes_message_and_properties(void **unused)
{
    (void)unused;
    reporting state;
    reporting_begin(&state, DIAGNOSTICS_GITHUB, 0, "a,b:c%.rubric", "one\n");
    diagnostic_error(&state.compilation.report, span(&state, 0, 3), "100%% sure,\r\nreally: yes");
    const char *text = reporting_finish(&state);
    assert_string_equal(text, "::error file=a%2Cb%3Ac%25.rubric,line=1,endLine=1,col=1,endColumn=3,"
                              "title=rubricc::100%25 sure,%0D%0Areally: yes\n");
    reporting_end(&state);
}

/* SARIF's URIs: every byte but unreserved characters and '/' encoded. */
static void sarif_encodes_file_names_as_uris(void **unused)
{
    (void)unused;
    reporting state;
    reporting_begin(&state, DIAGNOSTICS_SARIF, 0, "dir/a b:<é>.rubric", "one\n");
    diagnostic_error(&state.compilation.report, span(&state, 0, 3), "here");
    const char *text = reporting_finish(&state);
    assert_non_null(strstr(text, "\"uri\": \"dir/a%20b%3A%3C%C3%A9%3E.rubric\""));
    assert_non_null(strstr(text, "\"columnKind\": \"unicodeCodePoints\""));
    reporting_end(&state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(long_line_is_quoted_as_a_window),
        cmocka_unit_test(binary_line_is_not_quoted),
        cmocka_unit_test(max_errors_hides_but_counts),
        cmocka_unit_test(json_keeps_a_lone_note_and_promotes_warnings),
        cmocka_unit_test(github_escapes_message_and_properties),
        cmocka_unit_test(sarif_encodes_file_names_as_uris),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
