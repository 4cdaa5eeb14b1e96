/*
 * rubric_test.c — rubricc test: runs a rubric's tests (see rubric_test.h
 * and docs/rubric-tests.md).
 *
 * This file is the command: its options, the rubric compiled, its JSON
 * written into memory and loaded with rubric_document_load_text, so the
 * audits are graded by the same library and the same JSON as rubric-grade
 * uses; then each tests file read (rubric_test_parse.c) and its audits
 * graded (rubric_test_run.c), the JUnit document put together around
 * them, and the rules no audit exercised reported (rubric_test_coverage.c).
 * rubric_test_internal.h shows how the files fit together.
 */
#include "rubric_test.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command_line.h"
#include "file_roles.h"
#include "compile.h"
#include "emit.h"
#include "html_text.h"
#include "includes.h"
#include "output.h"
#include "rubric.h"
#include "rubric_test_internal.h"

enum test_exit { TEST_PASSED = 0, TEST_FAILED = 1, TEST_USAGE = 2 };

/* -------------------------------------------------------------- the command */

typedef struct test_options {
    const char *rubric;
    const char **tests;
    int test_count;
    const char *junit;
    bool require_coverage;
    include_policy includes;
    const char **directories;
} test_options;

enum test_option { TEST_OPTION_JUNIT, TEST_OPTION_REQUIRE_COVERAGE, TEST_OPTION_INCLUDE_DIRECTORY,
                   TEST_OPTION_HELP };

/* rubricc test's options: the parser and the --help text both come from here. */
static const command_line_option test_option_table[] = {
    {"junit", 0, "FILE", "also write the results as JUnit XML",
     TEST_OPTION_JUNIT, COMMAND_LINE_OUTPUT_FILE},
    {"require-coverage", 0, NULL, "fail when a grading rule is exercised by no audit",
     TEST_OPTION_REQUIRE_COVERAGE, COMMAND_LINE_NO_FILE},
    {"include-directory", 'I', "DIR", "look for the rubric's included files in DIR too",
     TEST_OPTION_INCLUDE_DIRECTORY, COMMAND_LINE_NO_FILE},
    {"help", 'h', NULL, "show this help and exit", TEST_OPTION_HELP, COMMAND_LINE_NO_FILE},
};

static const command_line_exit test_exits[] = {
    {TEST_PASSED, "every expectation held"},
    {TEST_FAILED, "an expectation did not hold, a file has errors, or a\n"
                  "grading rule went unexercised (with --require-coverage)"},
    {TEST_USAGE, "bad usage"},
    {3, "out of memory"},
};

static const command_line_command test_command_line = {
    "rubricc test",
    "[OPTION]... RUBRIC [TESTS]...",
    "Grade the audits of a rubric's tests files and check the grades they expect\n"
    "(docs/rubric-tests.md). TESTS defaults to RUBRIC with .tests for .rubric.",
    test_option_table, sizeof test_option_table / sizeof test_option_table[0],
    NULL, 0,
    test_exits, sizeof test_exits / sizeof test_exits[0],
    COMMAND_LINE_INPUT_FILE, "the rubric or its tests", false,
};

/* The command line into options; 0 to go on, -1 after the help, else
 * the exit status. */
static int test_parse_options(int argc, char **argv, test_options *options)
{
    command_line_parser line;
    command_line_start(&line, &test_command_line, argc, argv);
    for (int code; (code = command_line_next(&line)) != COMMAND_LINE_END;) {
        switch (code) {
        case COMMAND_LINE_ERROR:
            return command_line_usage_error(&test_command_line, line.message, NULL);
        case TEST_OPTION_JUNIT:
            if (line.value[0] == '\0')
                return command_line_usage_error(&test_command_line, "--junit needs a file name", NULL);
            options->junit = line.value;
            break;
        case TEST_OPTION_REQUIRE_COVERAGE:
            options->require_coverage = true;
            break;
        case TEST_OPTION_INCLUDE_DIRECTORY:
            options->directories[options->includes.directory_count++] = line.value;
            break;
        case TEST_OPTION_HELP:
            command_line_print_help(&test_command_line, stdout);
            return -1;
        case COMMAND_LINE_OPERAND:
            if (options->rubric == NULL)
                options->rubric = line.value;
            else
                options->tests[options->test_count++] = line.value;
            break;
        }
    }
    if (options->rubric == NULL)
        return command_line_usage_error(&test_command_line, "no rubric file given", NULL);
    return 0;
}

/* The rubric compiled, as JSON in memory, loaded into the library. */
static rubric_document *test_load_rubric(test_run *run, source_set *sources, const char *path)
{
    const ir_rubric *rubric = compile_file(run->region, sources, run->report, path);
    if (rubric == NULL || run->report->error_count > 0)
        return NULL;
    char *json = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&json, &length);
    if (stream == NULL)
        return NULL;
    int written = emit_json(rubric, stream);
    if (fclose(stream) != 0 || written != 0) {
        free(json);
        return NULL;
    }
    rubric_error error;
    rubric_document *document = rubric_document_load_text(json, length, path, &error);
    free(json);
    if (document == NULL)
        fprintf(stderr, "rubricc test: %s\n", error.message);
    return document;
}

static int test_write_junit(const void *context, FILE *out)
{
    const test_run *run = context;
    return fwrite(run->junit_text, 1, run->junit_length, out) == run->junit_length ? 0 : -1;
}

/* Run every tests file; the JUnit XML is built as they run. */
static int test_run_files(test_run *run, source_set *sources, const test_options *options)
{
    int status = TEST_PASSED;
    for (int t = 0; t < options->test_count; t++) {
        test_file tests = {0};
        tests.path = options->tests[t];
        if (test_read_file(run, sources, &tests) != 0) {
            status = TEST_FAILED;
            continue;
        }
        char *suite = NULL;
        size_t suite_length = 0;
        FILE *saved = run->junit;
        run->junit = open_memstream(&suite, &suite_length);
        if (run->junit == NULL)
            exit(3);
        for (size_t a = 0; a < tests.audit_count; a++) {
            run->audit_total++;
            if (test_run_audit(run, &tests, &tests.audits[a]) > 0) {
                tests.failure_count++;
                run->failed_audits++;
                status = TEST_FAILED;
            }
        }
        fclose(run->junit);
        run->junit = saved;
        fputs("  <testsuite name=\"", run->junit);
        html_text_escaped(run->junit, tests.path, strlen(tests.path));
        fprintf(run->junit, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", tests.audit_count,
                tests.failure_count);
        fwrite(suite, 1, suite_length, run->junit);
        fputs("  </testsuite>\n", run->junit);
        free(suite);
    }
    return status;
}

int rubric_test_command(int argc, char **argv)
{
    test_options options = {0};
    options.tests = calloc((size_t)argc + 2, sizeof *options.tests);
    options.directories = calloc((size_t)argc + 1, sizeof *options.directories);
    options.includes.directories = options.directories;
    int status = options.tests == NULL || options.directories == NULL ? 3 : 0;
    if (status == 0) {
        int parsed = test_parse_options(argc, argv, &options);
        status = parsed < 0 ? TEST_PASSED : parsed;
        if (parsed < 0) {
            free(options.tests);
            free(options.directories);
            return status;
        }
    }
    if (status != 0) {
        free(options.tests);
        free(options.directories);
        return status;
    }
    arena *region = arena_new();
    if (options.test_count == 0) {
        /* The tests beside the rubric: NAME.tests for NAME.rubric. */
        const char *path = options.rubric;
        size_t length = strlen(path);
        if (length > 7 && strcmp(path + length - 7, ".rubric") == 0)
            length -= 7;
        options.tests[options.test_count++] = arena_printf(region, "%.*s.tests", (int)length, path);
        /* an input too, which --junit must not name */
        char message[512];
        if (file_roles_add(FILE_ROLE_INPUT, options.tests[0], "its tests") != 0
            || file_roles_check(message, sizeof message) != 0) {
            command_line_usage_error(&test_command_line, message, NULL);
            arena_free(region);
            free(options.tests);
            free(options.directories);
            return TEST_USAGE;
        }
    }
    source_set sources;
    source_set_init(&sources, region);
    sources.includes = &options.includes;
    diagnostics report;
    diagnostics_init(&report, &sources, stderr);
    test_run run = {0};
    run.region = region;
    run.report = &report;
    rubric_document *document = test_load_rubric(&run, &sources, options.rubric);
    if (output_register_includes(&sources) != 0)
        exit(3);
    rubric_error error;
    if (document != NULL) {
        run.model = rubric_document_model(document);
        run.grader = rubric_grader_new(run.model, &error);
        if (run.grader == NULL)
            fprintf(stderr, "rubricc test: %s\n", error.message);
    }
    if (run.grader == NULL) {
        fprintf(stderr, "rubricc test: %s cannot be tested: it does not compile\n",
                diagnostics_escaped(region, options.rubric));
        status = TEST_FAILED;
    } else {
        const rubric_model *model = run.model;
        test_plan_coverage(&run);
        run.junit = open_memstream(&run.junit_text, &run.junit_length);
        if (run.junit == NULL)
            exit(3);
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", run.junit);
        char *body = NULL;
        size_t body_length = 0;
        FILE *document_stream = run.junit;
        run.junit = open_memstream(&body, &body_length);
        if (run.junit == NULL)
            exit(3);
        status = test_run_files(&run, &sources, &options);
        fclose(run.junit);
        run.junit = document_stream;
        fprintf(run.junit, "<testsuites name=\"rubricc test %s\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
                model->id, run.audit_total, run.failed_audits);
        fwrite(body, 1, body_length, run.junit);
        fputs("</testsuites>\n", run.junit);
        free(body);
        fclose(run.junit);
        size_t missing = status == TEST_PASSED ? test_report_coverage(&run, options.rubric) : 0;
        if (missing > 0 && options.require_coverage) {
            fprintf(stderr, "rubricc test: %zu grading rule%s of %s exercised by no audit (--require-coverage)\n",
                    missing, missing == 1 ? "" : "s", diagnostics_escaped(region, options.rubric));
            status = TEST_FAILED;
        }
        int junit = options.junit != NULL
                        ? output_write_path_atomically(&report, options.junit, test_write_junit, &run) : 0;
        if (junit != 0)
            status = junit == OUTPUT_OVERLAP ? TEST_USAGE : TEST_FAILED;
        printf("rubricc test: %s: %zu audit%s, %zu expectation%s, %zu failed\n", model->id,
               run.audit_total, run.audit_total == 1 ? "" : "s", run.expectation_total,
               run.expectation_total == 1 ? "" : "s", run.failed_expectations);
        free(run.junit_text);
    }
    rubric_grader_free(run.grader);
    rubric_document_free(document);
    arena_free(region);
    free(options.tests);
    free(options.directories);
    return status;
}
