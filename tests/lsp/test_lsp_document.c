/*
 * test_lsp_document.c — cmocka units of the language server's documents
 * (compiler/lsp/lsp_document.c): protocol positions (UTF-16 code units) to
 * byte offsets and back across two-, three- and four-byte characters,
 * positions past a line or the text clamped, incremental edits (inserting,
 * deleting, replacing across lines, an inverted range refused), and
 * file:// URIs to paths and back with percent-encoding.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lsp_document.h"

static lsp_position at(long line, long character)
{
    lsp_position position = {line, character};
    return position;
}

/* "é" is 2 bytes, "’" 3, "😀" 4 (two UTF-16 units). */
static const char wide[] = "a\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80z\nsecond\n";

static void offsets_count_utf16_units(void **state)
{
    (void)state;
    size_t length = strlen(wide);
    assert_int_equal(lsp_offset_of(wide, length, at(0, 0)), 0);
    assert_int_equal(lsp_offset_of(wide, length, at(0, 1)), 1);    /* before é */
    assert_int_equal(lsp_offset_of(wide, length, at(0, 2)), 3);    /* before ’ */
    assert_int_equal(lsp_offset_of(wide, length, at(0, 3)), 6);    /* before 😀 */
    assert_int_equal(lsp_offset_of(wide, length, at(0, 5)), 10);   /* before z */
    assert_int_equal(lsp_offset_of(wide, length, at(1, 3)), 15);   /* "sec|ond" */
}

static void positions_of_offsets_round_trip(void **state)
{
    (void)state;
    size_t length = strlen(wide);
    const size_t offsets[] = {0, 1, 3, 6, 10, 11, 12, 15, 19};
    for (size_t i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
        lsp_position position = lsp_position_of(wide, length, offsets[i]);
        assert_int_equal(lsp_offset_of(wide, length, position), offsets[i]);
    }
    lsp_position after_emoji = lsp_position_of(wide, length, 10);
    assert_int_equal(after_emoji.line, 0);
    assert_int_equal(after_emoji.character, 5);
}

static void positions_past_the_end_are_clamped(void **state)
{
    (void)state;
    size_t length = strlen(wide);
    assert_int_equal(lsp_offset_of(wide, length, at(0, 99)), 11);  /* the line's end */
    assert_int_equal(lsp_offset_of(wide, length, at(99, 0)), length);
    assert_int_equal(lsp_position_of(wide, length, 999).line, 2);
}

static void utf16_units_of_code_points(void **state)
{
    (void)state;
    assert_int_equal(lsp_utf16_units(wide, 11, 4), 5);   /* a é ’ 😀 */
    assert_int_equal(lsp_utf16_units(wide, 11, 5), 6);
    assert_int_equal(lsp_utf16_units("ab", 2, 4), 4);     /* past the end: one each */
}

static void edits_insert_delete_and_replace(void **state)
{
    (void)state;
    lsp_documents set = {NULL};
    lsp_document *document = lsp_documents_open(&set, "file:///x.rubric", "one\ntwo\nthree\n",
                                                 14, 1);
    assert_non_null(document);
    assert_int_equal(lsp_document_edit(document, at(1, 0), at(1, 0), "new ", 4), 0);
    assert_string_equal(document->text, "one\nnew two\nthree\n");
    assert_int_equal(lsp_document_edit(document, at(0, 1), at(2, 2), "", 0), 0);
    assert_string_equal(document->text, "oree\n");
    assert_int_equal(lsp_document_edit(document, at(0, 4), at(5, 0), "!\nend", 5), 0);
    assert_string_equal(document->text, "oree!\nend");
    /* An end before the start is not an edit: refused, nothing changed. */
    assert_int_equal(lsp_document_edit(document, at(0, 3), at(0, 1), "x", 1), -1);
    assert_string_equal(document->text, "oree!\nend");
    assert_ptr_equal(lsp_documents_find(&set, "file:///x.rubric"), document);
    lsp_documents_close(&set, "file:///x.rubric");
    assert_null(lsp_documents_find(&set, "file:///x.rubric"));
    lsp_documents_free(&set);
}

static void uris_and_paths(void **state)
{
    (void)state;
    char *path = lsp_path_from_uri("file:///home/a%20b/r%C3%A9sum%c3%a9.rubric");
    assert_string_equal(path, "/home/a b/r\xC3\xA9sum\xC3\xA9.rubric");
    char *uri = lsp_uri_from_path(path);
    assert_string_equal(uri, "file:///home/a%20b/r%C3%A9sum%C3%A9.rubric");
    free(path);
    free(uri);
    path = lsp_path_from_uri("file://localhost/tmp/x.rubric");
    assert_string_equal(path, "/tmp/x.rubric");
    free(path);
    /* A bad or NUL escape is kept as written; another scheme as it is. */
    path = lsp_path_from_uri("file:///a%zz%00b");
    assert_string_equal(path, "/a%zz%00b");
    free(path);
    path = lsp_path_from_uri("untitled:Untitled-1");
    assert_string_equal(path, "untitled:Untitled-1");
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(offsets_count_utf16_units),
        cmocka_unit_test(positions_of_offsets_round_trip),
        cmocka_unit_test(positions_past_the_end_are_clamped),
        cmocka_unit_test(utf16_units_of_code_points),
        cmocka_unit_test(edits_insert_delete_and_replace),
        cmocka_unit_test(uris_and_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
