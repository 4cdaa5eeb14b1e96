/*
 * test_command_line.c — cmocka tests of common/command_line.c: a table
 * turned into getopt_long's option array and letters, the help made from
 * the same table (every row shown once, in the one shape), and the
 * command lines the parser takes and refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "command_line.h"

enum { SAMPLE_OUTPUT, SAMPLE_CHECK, SAMPLE_SUMMARY, SAMPLE_SUMMARY_OUTPUT, SAMPLE_QUIET,
       SAMPLE_WARNINGS, SAMPLE_HELP };

static const command_line_option sample_options[] = {
    {"output", 'o', "DIR", "where to write\nsecond line", SAMPLE_OUTPUT, COMMAND_LINE_NO_FILE},
    {"check", 0, NULL, "check only", SAMPLE_CHECK, COMMAND_LINE_NO_FILE},
    {"summary", 0, NULL, "totals", SAMPLE_SUMMARY, COMMAND_LINE_NO_FILE},
    {"summary-output", 0, "FILE", "totals to FILE", SAMPLE_SUMMARY_OUTPUT, COMMAND_LINE_OUTPUT_FILE},
    {"quiet", 'q', NULL, "say less", SAMPLE_QUIET, COMMAND_LINE_NO_FILE},
    {"warnings", 'W', "error", "warnings are errors", SAMPLE_WARNINGS, COMMAND_LINE_NO_FILE},
    {"help", 'h', NULL, "show this help and exit", SAMPLE_HELP, COMMAND_LINE_NO_FILE},
};

static const command_line_exit sample_exits[] = {{0, "fine"}, {2, "bad usage"}};

static const command_line_command sample_command = {
    "sample", "[OPTION]... FILE...", "A sample command.",
    sample_options, sizeof sample_options / sizeof sample_options[0],
    NULL, 0,
    sample_exits, sizeof sample_exits / sizeof sample_exits[0],
    COMMAND_LINE_NO_FILE, NULL, false,
};

#define SAMPLE_COUNT (sizeof sample_options / sizeof sample_options[0])

/* One parse of a command line written as a NULL-terminated list; the
 * codes returned (operands as COMMAND_LINE_OPERAND) up to the end or the
 * first error, with the values, joined by spaces, in values. */
typedef struct parse_result {
    int codes[32];
    size_t count;
    char values[512];
    char message[512];
} parse_result;

static parse_result parse(const char *const *words)
{
    static char storage[32][128];
    char *argv[33];
    int argc = 0;
    for (; words[argc] != NULL; argc++) {
        snprintf(storage[argc], sizeof storage[argc], "%s", words[argc]);
        argv[argc] = storage[argc];
    }
    argv[argc] = NULL;
    parse_result result;
    memset(&result, 0, sizeof result);
    command_line_parser parser;
    command_line_start(&parser, &sample_command, argc, argv);
    for (int code; (code = command_line_next(&parser)) != COMMAND_LINE_END;) {
        result.codes[result.count++] = code;
        if (code == COMMAND_LINE_ERROR) {
            snprintf(result.message, sizeof result.message, "%s", parser.message);
            break;
        }
        if (parser.value != NULL) {
            size_t used = strlen(result.values);
            snprintf(result.values + used, sizeof result.values - used, "%s%s", used ? " " : "",
                     parser.value);
        }
    }
    return result;
}

#define WORDS(...) ((const char *const[]){"sample", __VA_ARGS__, NULL})

/* Every row becomes one long option, with a value when the row names one,
 * and its letter is in the letters, followed by ':' when it takes one. */
static void test_table_to_getopt(void **state)
{
    (void)state;
    char *argv[] = {NULL};
    command_line_parser parser;
    command_line_start(&parser, &sample_command, 0, argv);
    const char *letters = parser.short_options;
    assert_int_equal(letters[0], '-');
    assert_int_equal(letters[1], ':');
    for (size_t row = 0; row < SAMPLE_COUNT; row++) {
        const command_line_option *option = &sample_options[row];
        const struct option *made = &parser.long_options[row];
        assert_string_equal(made->name, option->long_name);
        assert_int_equal(made->has_arg, option->argument ? required_argument : no_argument);
        assert_null(made->flag);
        if (option->short_name != 0) {
            const char *found = strchr(letters + 2, option->short_name);
            assert_non_null(found);
            assert_int_equal(found[1] == ':', option->argument != NULL);
        }
    }
    assert_null(parser.long_options[SAMPLE_COUNT].name);
    assert_string_equal(letters, "-:o:qW:h");
}

/* The help lists every row once, in the table's order and in the one
 * shape ("  -x, --long=ARG  text" or "      --long  text"), its second
 * line of text under the first, then the exit statuses. */
static void test_table_to_help(void **state)
{
    (void)state;
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    assert_non_null(out);
    command_line_print_help(&sample_command, out);
    fclose(out);
    const char *expected =
        "usage: sample [OPTION]... FILE...\n"
        "A sample command.\n"
        "\n"
        "Options:\n"
        "  -o, --output=DIR           where to write\n"
        "                             second line\n"
        "      --check                check only\n"
        "      --summary              totals\n"
        "      --summary-output=FILE  totals to FILE\n"
        "  -q, --quiet                say less\n"
        "  -W, --warnings=error       warnings are errors\n"
        "  -h, --help                 show this help and exit\n"
        "\n"
        "Exit status:\n"
        "  0  fine\n"
        "  2  bad usage\n";
    assert_string_equal(text, expected);
    /* Each row's label is on a line of its own, once. */
    for (size_t row = 0; row < SAMPLE_COUNT; row++) {
        char label[128], line[160];
        command_line_option_label(&sample_options[row], label, sizeof label);
        snprintf(line, sizeof line, "\n  %s ", label);
        const char *first = strstr(text, line);
        assert_non_null(first);
        assert_null(strstr(first + 1, line));
    }
    free(text);
}

static void test_value_forms(void **state)
{
    (void)state;
    parse_result result = parse(WORDS("--output=a", "--output", "b", "-o", "c", "-od", "--summary-output=e"));
    assert_int_equal(result.count, 5);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(result.codes[i], SAMPLE_OUTPUT);
    assert_int_equal(result.codes[4], SAMPLE_SUMMARY_OUTPUT);
    assert_string_equal(result.values, "a b c d e");
    /* An empty value is a value; the command judges it. */
    result = parse(WORDS("--output="));
    assert_int_equal(result.count, 1);
    assert_int_equal(result.codes[0], SAMPLE_OUTPUT);
    /* -Werror is -W with the value "error". */
    result = parse(WORDS("-Werror", "-W", "error", "--warnings=error"));
    assert_int_equal(result.count, 3);
    assert_string_equal(result.values, "error error error");
}

static void test_operands_in_order(void **state)
{
    (void)state;
    parse_result result = parse(WORDS("one", "-q", "-", "--check", "two", "--", "--check", "-x", "-"));
    int expected[] = {COMMAND_LINE_OPERAND, SAMPLE_QUIET, COMMAND_LINE_OPERAND, SAMPLE_CHECK,
                      COMMAND_LINE_OPERAND, COMMAND_LINE_OPERAND, COMMAND_LINE_OPERAND,
                      COMMAND_LINE_OPERAND};
    assert_int_equal(result.count, sizeof expected / sizeof expected[0]);
    assert_memory_equal(result.codes, expected, sizeof expected);
    assert_string_equal(result.values, "one - two --check -x -");
}

static void test_grouped_letters(void **state)
{
    (void)state;
    parse_result result = parse(WORDS("-qhoDIR"));
    int expected[] = {SAMPLE_QUIET, SAMPLE_HELP, SAMPLE_OUTPUT};
    assert_int_equal(result.count, 3);
    assert_memory_equal(result.codes, expected, sizeof expected);
    assert_string_equal(result.values, "DIR");
}

/* An exact name wins over a longer one it begins. */
static void test_exact_name(void **state)
{
    (void)state;
    parse_result result = parse(WORDS("--summary"));
    assert_int_equal(result.count, 1);
    assert_int_equal(result.codes[0], SAMPLE_SUMMARY);
}

static void assert_refused(const char *const *words, const char *message)
{
    parse_result result = parse(words);
    assert_true(result.count > 0);
    assert_int_equal(result.codes[result.count - 1], COMMAND_LINE_ERROR);
    assert_string_equal(result.message, message);
}

static void test_refused(void **state)
{
    (void)state;
    assert_refused(WORDS("--frobnicate"), "unknown option '--frobnicate'");
    assert_refused(WORDS("--frobnicate=1"), "unknown option '--frobnicate'");
    assert_refused(WORDS("-z"), "unknown option '-z'");
    assert_refused(WORDS("-frob"), "unknown option '-frob'");
    assert_refused(WORDS("-qz"), "unknown option '-z'");
    assert_refused(WORDS("--output"), "option '--output' needs a value: --output=DIR");
    assert_refused(WORDS("file", "-o"), "option '-o' needs a value: -o DIR");
    assert_refused(WORDS("--check=yes"), "option '--check' takes no value");
    /* Abbreviations: one name or several, refused either way. */
    assert_refused(WORDS("--out=x"), "unknown option '--out' (long options are written in full: --output)");
    assert_refused(WORDS("--qu"), "unknown option '--qu' (long options are written in full: --quiet)");
    assert_refused(WORDS("--summ"),
                   "unknown option '--summ' (long options are written in full: --summary or "
                   "--summary-output)");
}

/* Each parse starts afresh, even after one left inside a group. */
static void test_parse_again(void **state)
{
    (void)state;
    parse_result result = parse(WORDS("-qz", "-q"));
    assert_int_equal(result.codes[result.count - 1], COMMAND_LINE_ERROR);
    result = parse(WORDS("-q", "file"));
    assert_int_equal(result.count, 2);
    assert_int_equal(result.codes[0], SAMPLE_QUIET);
    assert_string_equal(result.values, "file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_to_getopt),   cmocka_unit_test(test_table_to_help),
        cmocka_unit_test(test_value_forms),       cmocka_unit_test(test_operands_in_order),
        cmocka_unit_test(test_grouped_letters),   cmocka_unit_test(test_exact_name),
        cmocka_unit_test(test_refused),           cmocka_unit_test(test_parse_again),
    };
    return cmocka_run_group_tests_name("command_line", tests, NULL, NULL);
}
