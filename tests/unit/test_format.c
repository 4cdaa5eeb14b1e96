/*
 * test_format.c — unit tests of the formatter (compiler/tools/format.c) through
 * the entry points an editor uses (format_loaded, format_rubric_text), and
 * of the line and word diff (compiler/tools/text_diff.c): the canonical layout of
 * a small rubric, idempotence, a line never broken where the next would
 * become a bullet item or a comment, a syntax error refused, and the edits
 * of a diff.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "format.h"
#include "text_diff.h"
#include "unit_support.h"

/* The formatted text of text, which must parse; in the compilation's arena. */
static const char *formatted(unit_compilation *compilation, const char *text)
{
    unit_begin(compilation, text);
    format_text out;
    int result = format_loaded(compilation->region, &compilation->sources, &compilation->report,
                               compilation->main_file, &out);
    assert_int_equal(result, 0);
    assert_int_equal(strlen(out.data), out.length);
    return out.data;
}

static void canonical_layout(void **state)
{
    (void)state;
    unit_compilation compilation;
    const char *out = formatted(&compilation, UNIT_HEADER
                                "section 1:   One\n"
                                "     scope: A note.\n"
                                "     ID: one\n"
                                "     criterion first:  First\n"
                                "        G: Good.\n"
                                "        # about O\n"
                                "        O: Outstanding.\n"
                                "        APPLIES   TO:CIN,CP\n");
    assert_non_null(strstr(out, "section 1: One\n"
                                "  id: one\n"
                                "  scope: A note.\n"
                                "\n"
                                "  criterion first: First\n"
                                "    applies to: CIN, CP\n"
                                "    # about O\n"
                                "    O: Outstanding.\n"
                                "    G: Good.\n"));
    unit_end(&compilation);
}

static void idempotent(void **state)
{
    (void)state;
    unit_compilation first, second;
    const char *once = formatted(&first, UNIT_HEADER
                                 "section 1: One\n"
                                 "  criterion first\n"
                                 "    O: A descriptor with a long first paragraph that goes well past "
                                 "the width of the formatter and on.\n"
                                 "\n"
                                 "       - an item\n"
                                 "       - another item\n"
                                 "         continued\n"
                                 "    G: Good.\n");
    const char *twice = formatted(&second, once);
    assert_string_equal(once, twice);
    unit_end(&first);
    unit_end(&second);
}

/* Words that at the start of a line would make a bullet item ("- ", "· ")
 * or a comment ("#") stay at the end of the line before. */
static void never_makes_a_bullet_or_comment(void **state)
{
    (void)state;
    unit_compilation compilation;
    const char *out = formatted(&compilation, UNIT_HEADER
                                "section 1: One\n"
                                "  criterion first\n"
                                "    G: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk "
                                "llll mmmmm - nnnn #oooo · pppp qqqq rrrr ssss tttt uuuu vvvv wwww "
                                "xxxx yyyy zzzz aaaa bbbb cccc dddd eeee ffff gggg hhhh\n");
    const char *line = out;
    while ((line = strchr(line, '\n')) != NULL) {
        line++;
        const char *text = line + strspn(line, " ");
        assert_false(text[0] == '-' && text[1] == ' ');
        assert_false(text[0] == '#');
        assert_false(strncmp(text, "\xC2\xB7 ", 3) == 0);
    }
    unit_end(&compilation);
}

static void syntax_error_refused(void **state)
{
    (void)state;
    arena *region = arena_new();
    source_set sources;
    source_set_init(&sources, region);
    diagnostics report;
    char *messages = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&messages, &length);
    diagnostics_init(&report, &sources, stream);
    format_text out = {NULL, 0};
    const char text[] = "rubric: x\nthis is not an entry\n";
    assert_int_equal(format_rubric_text(region, &sources, &report, "buffer.rubric", text,
                                        sizeof text - 1, &out),
                     -1);
    fclose(stream);
    assert_null(out.data);
    assert_true(report.error_count > 0);
    assert_non_null(strstr(messages, "buffer.rubric:2:1: error:"));
    free(messages);
    arena_free(region);
}

static void line_and_word_diffs(void **state)
{
    (void)state;
    arena *region = arena_new();
    text_diff_piece *old, *new;
    size_t old_count = text_diff_words(region, "the child is seen", 17, &old);
    size_t new_count = text_diff_words(region, "the child is seen alone", 23, &new);
    text_diff_edit *edits;
    size_t count = text_diff(region, old, old_count, new, new_count, &edits);
    assert_int_equal(count, 5);
    assert_int_equal(edits[4].kind, TEXT_DIFF_ADDED);
    assert_int_equal(edits[4].new_index, 4);

    char *text = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&text, &length);
    assert_int_equal(text_diff_write_unified(region, stream, "a", "1\n2\n3\n", 6, "b", "1\nx\n3\n", 6), 0);
    fclose(stream);
    assert_string_equal(text, "--- a\n+++ b\n@@ -1,3 +1,3 @@\n 1\n-2\n+x\n 3\n");
    free(text);
    arena_free(region);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(canonical_layout),
        cmocka_unit_test(idempotent),
        cmocka_unit_test(never_makes_a_bullet_or_comment),
        cmocka_unit_test(syntax_error_refused),
        cmocka_unit_test(line_and_word_diffs),
    };
    return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
