/*
 * test_lexer.c — unit tests of the scanner (grammar/lexer.l): the tokens
 * of small inputs with their line and column (columns in characters under
 * UTF-8), prose values continued over several lines and paragraphs,
 * comments inside prose, and tabs in the indentation.
 *
 * The scanner is driven directly, token by token, through the entry points
 * the parser uses (lexer_open, lexer_scan, lexer_close in parser.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "frontend.h"
#include "parser.h"
#include "unit_support.h"

enum { MAX_TOKENS = 64 };

/* One token as the parser would see it. */
typedef struct scanned_token {
    int kind;
    int line;
    int column;
    const char *text;            /* ITEM, LABEL, RULE: the value */
    const ast_prose *prose;      /* PROSE: the value */
} scanned_token;

typedef struct scan_result {
    unit_compilation compilation;
    scanned_token tokens[MAX_TOKENS];
    size_t count;
} scan_result;

/* Scan text to the end, keeping every token (the final end of file too). */
static void scan(scan_result *result, const char *text)
{
    memset(result, 0, sizeof *result);
    unit_begin(&result->compilation, text);
    parse_context context;
    memset(&context, 0, sizeof context);
    context.region = result->compilation.region;
    context.sources = &result->compilation.sources;
    context.report = &result->compilation.report;
    context.rubric = arena_alloc(context.region, sizeof *context.rubric);
    assert_int_equal(lexer_open(&context, result->compilation.main_file), 0);
    for (;;) {
        YYSTYPE value;
        YYLTYPE where;
        memset(&value, 0, sizeof value);
        int kind = lexer_scan(&value, &where, context.scanner);
        assert_true(result->count < MAX_TOKENS);
        scanned_token *token = &result->tokens[result->count++];
        token->kind = kind;
        unit_position(&result->compilation, where, &token->line, &token->column);
        if (kind == TOK_ITEM || kind == TOK_LABEL || kind == TOK_RULE)
            token->text = value.TOK_ITEM;
        if (kind == TOK_PROSE)
            token->prose = value.TOK_PROSE;
        if (kind == 0)
            break;
    }
    lexer_close(&context);
}

/* Token number index is kind at line:column. */
static void expect_token(const scan_result *result, size_t index, int kind, int line, int column)
{
    assert_true(index < result->count);
    const scanned_token *token = &result->tokens[index];
    if (token->kind != kind || token->line != line || token->column != column)
        fail_msg("token %zu: got kind %d at %d:%d, expected kind %d at %d:%d", index, token->kind,
                 token->line, token->column, kind, line, column);
}

/* The kinds of all tokens, in order, end of file included. */
static void expect_kinds(const scan_result *result, const int *kinds, size_t count)
{
    assert_int_equal(result->count, count);
    for (size_t i = 0; i < count; i++)
        if (result->tokens[i].kind != kinds[i])
            fail_msg("token %zu: got kind %d, expected %d", i, result->tokens[i].kind, kinds[i]);
}

static void header_entries_and_positions(void **state)
{
    (void)state;
    scan_result result;
    scan(&result, "rubric: lbx-audit\ntitle: Guidance\n\n# a comment\nscale:\n  O: Outstanding\n");
    static const int kinds[] = {TOK_RUBRIC, TOK_ITEM,  TOK_EOL,   TOK_TITLE, TOK_PROSE, TOK_EOL,
                                TOK_SCALE,  TOK_EOL,   TOK_LABEL, TOK_PROSE, TOK_EOL,   0};
    expect_kinds(&result, kinds, sizeof kinds / sizeof kinds[0]);
    expect_token(&result, 0, TOK_RUBRIC, 1, 1);
    expect_token(&result, 1, TOK_ITEM, 1, 9);
    assert_string_equal(result.tokens[1].text, "lbx-audit");
    expect_token(&result, 3, TOK_TITLE, 2, 1);
    expect_token(&result, 4, TOK_PROSE, 2, 8);
    assert_string_equal(result.tokens[4].prose->built.text, "Guidance");
    expect_token(&result, 6, TOK_SCALE, 5, 1);
    expect_token(&result, 8, TOK_LABEL, 6, 3);
    assert_string_equal(result.tokens[8].text, "O");
    expect_token(&result, 9, TOK_PROSE, 6, 6);
    assert_int_equal(result.compilation.report.error_count, 0);
    unit_end(&result.compilation);
}

static void columns_count_characters(void **state)
{
    (void)state;
    scan_result result;
    /* 'É' and '–' are two and three bytes: the columns after them count
     * each as one character. */
    scan(&result, "  applies to: \xC3\x89, CP\n"
                  "section 1: R\xC3\xA9" "f\xC3\xA9rence \xE2\x80\x93 suite\n");
    static const int kinds[] = {TOK_APPLIES_TO, TOK_ITEM, TOK_COMMA, TOK_ITEM, TOK_EOL,
                                TOK_SECTION,    TOK_ITEM, TOK_COLON, TOK_PROSE, TOK_EOL, 0};
    expect_kinds(&result, kinds, sizeof kinds / sizeof kinds[0]);
    expect_token(&result, 0, TOK_APPLIES_TO, 1, 3);
    expect_token(&result, 1, TOK_ITEM, 1, 15);
    expect_token(&result, 2, TOK_COMMA, 1, 16);
    expect_token(&result, 3, TOK_ITEM, 1, 18);
    assert_string_equal(result.tokens[3].text, "CP");
    expect_token(&result, 6, TOK_ITEM, 2, 9);
    assert_string_equal(result.tokens[6].text, "1");
    expect_token(&result, 8, TOK_PROSE, 2, 12);
    assert_string_equal(result.tokens[8].prose->built.text, "R\xC3\xA9" "f\xC3\xA9rence \xE2\x80\x93 suite");
    unit_end(&result.compilation);
}

static void prose_continues_on_deeper_lines(void **state)
{
    (void)state;
    scan_result result;
    scan(&result, "    G: Referral on agreed format,\n"
                  "       containing all relevant information.\n"
                  "\n"
                  "       Parents are aware:\n"
                  "       - of the referral;\n"
                  "       - of its reasons.\n"
                  "    I: Inadequate.\n");
    static const int kinds[] = {TOK_LABEL, TOK_PROSE, TOK_EOL, TOK_LABEL, TOK_PROSE, TOK_EOL, 0};
    expect_kinds(&result, kinds, sizeof kinds / sizeof kinds[0]);
    const ast_prose *prose = result.tokens[1].prose;
    assert_int_equal(prose->line_count, 5);
    assert_true(prose->lines[2].break_before);
    assert_int_equal(prose->built.block_count, 3);
    assert_int_equal(prose->built.blocks[0].kind, IR_BLOCK_PARAGRAPH);
    assert_string_equal(prose->built.blocks[0].text,
                        "Referral on agreed format, containing all relevant information.");
    assert_int_equal(prose->built.blocks[2].kind, IR_BLOCK_LIST);
    assert_int_equal(prose->built.blocks[2].item_count, 2);
    assert_string_equal(prose->built.blocks[2].items[1], "of its reasons.");
    assert_string_equal(prose->built.text,
                        "Referral on agreed format, containing all relevant information.\n\n"
                        "Parents are aware:\n\n- of the referral;\n- of its reasons.");
    expect_token(&result, 3, TOK_LABEL, 7, 5);
    unit_end(&result.compilation);
}

static void prose_ends_at_same_indentation(void **state)
{
    (void)state;
    scan_result result;
    /* The value may start on the next line; a line indented no further
     * than the name ends it. */
    scan(&result, "key factors:\n  First.\n  Second.\ntitle: T\n");
    static const int kinds[] = {TOK_KEY_FACTORS, TOK_PROSE, TOK_EOL, TOK_TITLE, TOK_PROSE, TOK_EOL, 0};
    expect_kinds(&result, kinds, sizeof kinds / sizeof kinds[0]);
    expect_token(&result, 1, TOK_PROSE, 2, 3);
    assert_string_equal(result.tokens[1].prose->built.text, "First. Second.");
    expect_token(&result, 3, TOK_TITLE, 4, 1);
    unit_end(&result.compilation);
}

static void comments_inside_prose_are_not_text(void **state)
{
    (void)state;
    scan_result result;
    scan(&result, "title: One\n  # not part of the title\n  two\n   # nor this\n");
    static const int kinds[] = {TOK_TITLE, TOK_PROSE, TOK_EOL, 0};
    expect_kinds(&result, kinds, sizeof kinds / sizeof kinds[0]);
    assert_string_equal(result.tokens[1].prose->built.text, "One two");
    assert_int_equal(result.tokens[1].prose->line_count, 2);
    unit_end(&result.compilation);
}

static void tab_in_indentation_is_one_error(void **state)
{
    (void)state;
    scan_result result;
    scan(&result, "scale:\n\tO: Outstanding\n G: Good\n");
    /* Reported once, then read on as if the tab were a space. */
    static const int kinds[] = {TOK_SCALE, TOK_EOL, TOK_LABEL, TOK_PROSE, TOK_EOL,
                                TOK_LABEL, TOK_PROSE, TOK_EOL, 0};
    expect_kinds(&result, kinds, sizeof kinds / sizeof kinds[0]);
    expect_token(&result, 2, TOK_LABEL, 2, 2);
    assert_int_equal(result.compilation.report.error_count, 1);
    const char *messages = unit_messages(&result.compilation);
    assert_non_null(strstr(messages, "test.rubric:2:1: error: a tab in the indentation"));
    unit_end(&result.compilation);
}

static void tab_in_prose_continuation_is_an_error(void **state)
{
    (void)state;
    scan_result result;
    scan(&result, "title: One\n \ttwo\n");
    assert_int_equal(result.compilation.report.error_count, 1);
    assert_non_null(strstr(unit_messages(&result.compilation), "test.rubric:2:2: error: a tab"));
    unit_end(&result.compilation);
}

static void keywords_ignore_case_and_rules_keep_words(void **state)
{
    (void)state;
    scan_result result;
    scan(&result, "GRADING:\n  overall no better than: criterion s47-outcome, section 2\n"
                  "  Section 4a  Grade: worst\n");
    static const int kinds[] = {TOK_GRADING, TOK_EOL, TOK_RULE, TOK_ITEM, TOK_COMMA,
                                TOK_ITEM,    TOK_EOL, TOK_RULE, TOK_ITEM, TOK_EOL, 0};
    expect_kinds(&result, kinds, sizeof kinds / sizeof kinds[0]);
    assert_string_equal(result.tokens[2].text, "overall no better than");
    assert_string_equal(result.tokens[3].text, "criterion s47-outcome");
    expect_token(&result, 5, TOK_ITEM, 2, 50);
    assert_string_equal(result.tokens[5].text, "section 2");
    assert_string_equal(result.tokens[7].text, "Section 4a  Grade");
    unit_end(&result.compilation);
}

static void headings_and_items_with_comments(void **state)
{
    (void)state;
    scan_result result;
    scan(&result, "  criterion s2-row-1\n    themes: planning, review  # two themes\n");
    static const int kinds[] = {TOK_CRITERION, TOK_ITEM, TOK_EOL, TOK_THEMES, TOK_ITEM,
                                TOK_COMMA,     TOK_ITEM, TOK_EOL, 0};
    expect_kinds(&result, kinds, sizeof kinds / sizeof kinds[0]);
    expect_token(&result, 1, TOK_ITEM, 1, 13);
    assert_string_equal(result.tokens[6].text, "review");
    unit_end(&result.compilation);
}

static void a_line_that_is_not_an_entry(void **state)
{
    (void)state;
    scan_result result;
    scan(&result, "this line has no colon\ntitle: T\n");
    static const int kinds[] = {TOK_INVALID, TOK_EOL, TOK_TITLE, TOK_PROSE, TOK_EOL, 0};
    expect_kinds(&result, kinds, sizeof kinds / sizeof kinds[0]);
    expect_token(&result, 0, TOK_INVALID, 1, 1);
    unit_end(&result.compilation);
}

static void bad_utf8_is_reported(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, "title: caf\xE9\n");
    unit_parse(&compilation);
    assert_int_equal(compilation.report.error_count, 1);
    assert_non_null(strstr(unit_messages(&compilation), "test.rubric:1:11: error: this file is not valid UTF-8"));
    unit_end(&compilation);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(header_entries_and_positions),
        cmocka_unit_test(columns_count_characters),
        cmocka_unit_test(prose_continues_on_deeper_lines),
        cmocka_unit_test(prose_ends_at_same_indentation),
        cmocka_unit_test(comments_inside_prose_are_not_text),
        cmocka_unit_test(tab_in_indentation_is_one_error),
        cmocka_unit_test(tab_in_prose_continuation_is_an_error),
        cmocka_unit_test(keywords_ignore_case_and_rules_keep_words),
        cmocka_unit_test(headings_and_items_with_comments),
        cmocka_unit_test(a_line_that_is_not_an_entry),
        cmocka_unit_test(bad_utf8_is_reported),
    };
    return cmocka_run_group_tests_name("lexer", tests, NULL, NULL);
}
