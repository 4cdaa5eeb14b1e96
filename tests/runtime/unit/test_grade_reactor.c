/*
 * test_grade_reactor.c — cmocka units for grade_reactor.c, rubric-grade
 * with its rubric loaded once (what the WebAssembly module a page keeps
 * runs): each run writes exactly what rubric_grade_command with --rubric
 * writes for the same records, run after run; nothing runs without a
 * rubric, after close, or with a command line that is not a list of
 * words; an unusable rubric is refused and none is kept. Under the
 * sanitizers (make sanitize) this is also the check that a run frees
 * what it takes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "grade_cli.h"
#include "grade_reactor.h"

static const char rubric_path[] = "tests/runtime/tiny-rubric.json";
static const char audits_path[] = "tests/runtime/bad-records/every-kind.jsonl";

/* A scratch folder for the outputs, made once. */
static char scratch[] = "/tmp/test-grade-reactor-XXXXXX";

/* The whole of the file at PATH (a NUL after it), or NULL. */
static char *slurp(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return NULL;
    char *text = NULL;
    size_t used = 0, room = 0, got;
    do {
        if (used + 4096 + 1 > room) {
            room = (used + 4096 + 1) * 2;
            char *grown = realloc(text, room);
            if (grown == NULL) {
                free(text);
                fclose(file);
                return NULL;
            }
            text = grown;
        }
        got = fread(text + used, 1, 4096, file);
        used += got;
    } while (got > 0);
    fclose(file);
    text[used] = '\0';
    return text;
}

/* Put the words WORDS (ended by NULL) into the reactor's buffer; their length. */
static size_t put_words(const char *const *words)
{
    size_t length = 0;
    for (size_t index = 0; words[index]; index++)
        length += strlen(words[index]) + 1;
    char *buffer = grade_reactor_arguments(length);
    assert_non_null(buffer);
    size_t at = 0;
    for (size_t index = 0; words[index]; index++) {
        memcpy(buffer + at, words[index], strlen(words[index]) + 1);
        at += strlen(words[index]) + 1;
    }
    return length;
}

/* Grade the sample records with the kept rubric into OUTPUT; the status. */
static int run_into(const char *output)
{
    const char *const words[] = {"rubric-grade", "--quiet", "-o", output, audits_path, NULL};
    return grade_reactor_run(put_words(words));
}

static void test_runs_write_what_the_command_writes(void **state)
{
    (void)state;
    char command_output[64], first[64], second[64];
    snprintf(command_output, sizeof command_output, "%s/command.jsonl", scratch);
    snprintf(first, sizeof first, "%s/first.jsonl", scratch);
    snprintf(second, sizeof second, "%s/second.jsonl", scratch);
    char program[] = "rubric-grade", quiet[] = "--quiet", rubric_option[] = "--rubric", output_option[] = "-o";
    char rubric[sizeof rubric_path], audits[sizeof audits_path];
    memcpy(rubric, rubric_path, sizeof rubric_path);
    memcpy(audits, audits_path, sizeof audits_path);
    char *command_words[] = {program, quiet, rubric_option, rubric, output_option, command_output, audits, NULL};
    int command_status = rubric_grade_command(7, command_words, NULL);
    assert_int_equal(command_status, GRADE_EXIT_RECORD_FAILED);

    assert_int_equal(grade_reactor_open(rubric_path), GRADE_EXIT_ALL_GRADED);
    assert_int_equal(run_into(first), command_status);
    assert_int_equal(run_into(second), command_status);
    char *expected = slurp(command_output), *once = slurp(first), *twice = slurp(second);
    assert_non_null(expected);
    assert_true(strlen(expected) > 0);
    assert_string_equal(once, expected);
    assert_string_equal(twice, expected);
    free(expected);
    free(once);
    free(twice);
    grade_reactor_close();
}

static void test_nothing_runs_without_a_rubric(void **state)
{
    (void)state;
    char output[64];
    snprintf(output, sizeof output, "%s/none.jsonl", scratch);
    assert_int_equal(run_into(output), GRADE_EXIT_TROUBLE);
    assert_int_equal(grade_reactor_open("tests/runtime/no-such-rubric.json"), GRADE_EXIT_TROUBLE);
    assert_int_equal(run_into(output), GRADE_EXIT_TROUBLE);
    assert_int_equal(grade_reactor_open("tests/runtime/bad-rubrics/invalid-json.json"), GRADE_EXIT_TROUBLE);
    assert_int_equal(run_into(output), GRADE_EXIT_TROUBLE);
    assert_int_equal(access(output, F_OK), -1);
    grade_reactor_close();
}

static void test_a_command_line_must_be_words(void **state)
{
    (void)state;
    assert_int_equal(grade_reactor_open(rubric_path), GRADE_EXIT_ALL_GRADED);
    char *buffer = grade_reactor_arguments(8);
    assert_non_null(buffer);
    memcpy(buffer, "rubric-g", 8);      /* no NUL at the end */
    assert_int_equal(grade_reactor_run(8), GRADE_EXIT_TROUBLE);
    assert_int_equal(grade_reactor_run(0), GRADE_EXIT_TROUBLE);
    assert_int_equal(grade_reactor_run(1 << 20), GRADE_EXIT_TROUBLE);
    const char *const version[] = {"rubric-grade", "--version", NULL};
    assert_int_equal(grade_reactor_run(put_words(version)), GRADE_EXIT_ALL_GRADED);
    grade_reactor_close();
    assert_int_equal(grade_reactor_run(put_words(version)), GRADE_EXIT_TROUBLE);
    grade_reactor_close();
}

static int make_scratch(void **state)
{
    (void)state;
    return mkdtemp(scratch) ? 0 : -1;
}

static int remove_scratch(void **state)
{
    (void)state;
    const char *const names[] = {"command.jsonl", "first.jsonl", "second.jsonl"};
    char path[96];
    for (size_t index = 0; index < sizeof names / sizeof names[0]; index++) {
        snprintf(path, sizeof path, "%s/%s", scratch, names[index]);
        remove(path);
    }
    return rmdir(scratch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs_write_what_the_command_writes),
        cmocka_unit_test(test_nothing_runs_without_a_rubric),
        cmocka_unit_test(test_a_command_line_must_be_words),
    };
    return cmocka_run_group_tests(tests, make_scratch, remove_scratch);
}
