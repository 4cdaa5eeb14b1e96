/*
 * test_csv_cell.c — cmocka units for the one CSV cell writer (csv_cell.h)
 * that rubric-grade's reports and rubricc's CSV exports share: every
 * dangerous first character neutralised with one apostrophe (and plain
 * numbers left alone), apostrophes already in front of one given one
 * more, the RFC 4180 quoting, and the reader's undoing of the rule
 * (csv_cell_restored, `rubricc import`), which must give back every text
 * the writer was given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "csv_cell.h"

/* What a writer makes of TEXT, after "x," (the cell is not the first of
 * its row), in a static buffer. */
static const char *written(void (*write)(output_buffer *, const char *), const char *text)
{
    static char result[256];
    output_buffer buffer = {0};
    output_text(&buffer, "x,");
    write(&buffer, text);
    snprintf(result, sizeof result, "%s", buffer.text ? buffer.text : "");
    output_buffer_free(&buffer);
    return result;
}

/* The cell text of one written cell, unquoted as a CSV reader does. */
static const char *unquoted(const char *cell)
{
    static char result[256];
    if (cell[0] != '"') {
        snprintf(result, sizeof result, "%s", cell);
        return result;
    }
    size_t length = 0;
    for (const char *cursor = cell + 1; *cursor != '\0' && length + 1 < sizeof result; cursor++) {
        if (*cursor == '"' && cursor[1] == '"')
            cursor++;
        else if (*cursor == '"')
            break;
        result[length++] = *cursor;
    }
    result[length] = '\0';
    return result;
}

static void test_formula(void **state)
{
    (void)state;
    static const char *const formulas[] = {"=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "-", "+",
                                           "-1e5", "--1", "- an item", "=", "@"};
    static const char *const safe[] = {"", "G", "1", "-1", "+2.5", "-0.25", "T-1", "a=b", "2026-01-01",
                                       "1.2.3x", " =x", "'=x", "x\t"};
    for (size_t index = 0; index < sizeof formulas / sizeof formulas[0]; index++)
        assert_true(csv_cell_is_formula(formulas[index]));
    for (size_t index = 0; index < sizeof safe / sizeof safe[0]; index++)
        assert_false(csv_cell_is_formula(safe[index]));
    assert_false(csv_cell_is_formula(NULL));
}

/* Every dangerous first character, alone, with text after it, and with
 * text that needs quoting: one apostrophe in front, inside the quotes. */
static void test_every_dangerous_start(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"=", "x,'="},
        {"=HYPERLINK(\"http://x\")", "x,\"'=HYPERLINK(\"\"http://x\"\")\""},
        {"=1+1", "x,'=1+1"},
        {"+", "x,'+"},
        {"+SUM(A1)", "x,'+SUM(A1)"},
        {"-", "x,'-"},
        {"- an item\n- another", "x,\"'- an item\n- another\""},
        {"-2+3", "x,'-2+3"},
        {"@", "x,'@"},
        {"@SUM(A1)", "x,'@SUM(A1)"},
        {"\t", "x,'\t"},
        {"\tcmd", "x,'\tcmd"},
        {"\r", "x,\"'\r\""},
        {"\rcmd", "x,\"'\rcmd\""},
        {"=A1,B1", "x,\"'=A1,B1\""},
        /* apostrophes before a dangerous start: one more */
        {"'=x", "x,''=x"},
        {"''-x", "x,'''-x"},
        /* left alone */
        {"-1", "x,-1"},
        {"+2.5", "x,+2.5"},
        {"'plain", "x,'plain"},
        {"'", "x,'"},
        {"plain", "x,plain"},
        {"", "x,"},
    };
    for (size_t index = 0; index < sizeof cases / sizeof cases[0]; index++)
        assert_string_equal(written(csv_cell, cases[index][0]), cases[index][1]);
}

/* RFC 4180: quoted only with a comma, quote or line end; quotes doubled;
 * spaces at either end kept as they are. csv_cell_quoted quotes every cell. */
static void test_quoting(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"a,b", "x,\"a,b\""},
        {"say \"hi\"", "x,\"say \"\"hi\"\"\""},
        {"two\nlines", "x,\"two\nlines\""},
        {"cr\r", "x,\"cr\r\""},
        {"\"\"\"", "x,\"\"\"\"\"\"\"\""},
        {" lead", "x, lead"},
        {"trail ", "x,trail "},
        {"in side", "x,in side"},
        {"caf\xC3\xA9", "x,caf\xC3\xA9"},
    };
    for (size_t index = 0; index < sizeof cases / sizeof cases[0]; index++)
        assert_string_equal(written(csv_cell, cases[index][0]), cases[index][1]);
    assert_string_equal(written(csv_cell, NULL), "x,");
    assert_string_equal(written(csv_cell_quoted, "plain"), "x,\"plain\"");
    assert_string_equal(written(csv_cell_quoted, "=x"), "x,\"'=x\"");
    assert_string_equal(written(csv_cell_quoted, NULL), "x,\"\"");
}

/* Written, read back, restored: the text the writer was given, for every
 * dangerous start and the apostrophes in front of one. */
static void test_round_trip(void **state)
{
    (void)state;
    static const char *const texts[] = {"=1", "+1x", "-", "- item", "@x", "\tx", "\rx", "'=x", "''+x",
                                        "'", "'plain", "-1", "+2.5", "plain", "", "a,b", "'-1", "''"};
    for (size_t index = 0; index < sizeof texts / sizeof texts[0]; index++) {
        const char *cell = written(csv_cell, texts[index]) + 2;
        assert_string_equal(csv_cell_restored(unquoted(cell)), texts[index]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula),
        cmocka_unit_test(test_every_dangerous_start),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
