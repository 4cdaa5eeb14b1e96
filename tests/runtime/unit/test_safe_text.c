/*
 * test_safe_text.c — cmocka units for safe_text: where a cut may fall in
 * UTF-8, repair of malformed and cut-short text, escaping of every kind
 * of control character (CSV cells are test_csv_cell.c's); and the readers'
 * UTF-8 check, which passes runs of ASCII in blocks, at every offset of a
 * faulty byte; and their byte search and copy, against memchr and memcpy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "audit_support.h"
#include "safe_text.h"

/* What an appender makes of TEXT, in a static buffer. */
static const char *appended(void (*append)(output_buffer *, const char *), const char *text)
{
    static char result[256];
    output_buffer buffer = {0};
    append(&buffer, text);
    snprintf(result, sizeof result, "%s", buffer.text ? buffer.text : "");
    output_buffer_free(&buffer);
    return result;
}

static void test_boundary(void **state)
{
    (void)state;
    /* "aé€😀": 1 + 2 + 3 + 4 bytes */
    const char *text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    static const size_t cuts[][2] = {{0, 0}, {1, 1}, {2, 1}, {3, 3}, {4, 3}, {5, 3}, {6, 6},
                                     {7, 6}, {8, 6}, {9, 6}, {10, 10}};
    for (size_t index = 0; index < sizeof cuts / sizeof cuts[0]; index++)
        assert_int_equal(safe_text_boundary(text, cuts[index][0]), cuts[index][1]);
}

static void test_cut(void **state)
{
    (void)state;
    char text[] = "ab\xC3\xA9\xE2\x82";  /* é whole, € cut short */
    safe_text_cut(text);
    assert_string_equal(text, "ab\xC3\xA9");
    char whole[] = "ab\xC3\xA9";
    safe_text_cut(whole);
    assert_string_equal(whole, "ab\xC3\xA9");
}

static void test_valid(void **state)
{
    (void)state;
    assert_string_equal(appended(safe_text_valid, "plain"), "plain");
    assert_string_equal(appended(safe_text_valid, "a\xFF" "b"), "a\xEF\xBF\xBD" "b");
    assert_string_equal(appended(safe_text_valid, "a\xC3\xA9z\xE2\x82"), "a\xC3\xA9z");
    assert_string_equal(appended(safe_text_valid, "over\xC0\xAFlong"), "over\xEF\xBF\xBD\xEF\xBF\xBDlong");
    assert_string_equal(appended(safe_text_valid, "keep\nnewline"), "keep\nnewline");
    assert_string_equal(appended(safe_text_valid, NULL), "");
}

static void test_escaped(void **state)
{
    (void)state;
    assert_string_equal(appended(safe_text_escaped, "a\nb\rc\td"), "a\\nb\\rc\\td");
    assert_string_equal(appended(safe_text_escaped, "\x1B[31mred"), "\\x1b[31mred");
    assert_string_equal(appended(safe_text_escaped, "del\x7F" "bell\x07"), "del\\x7fbell\\x07");
    assert_string_equal(appended(safe_text_escaped, "c1\xC2\x85" "end"), "c1\\u0085end");
    assert_string_equal(appended(safe_text_escaped, "\xE2\x80\xAE" "rtl"), "\\u202ertl");
    assert_string_equal(appended(safe_text_escaped, "caf\xC3\xA9"), "caf\xC3\xA9");
    assert_string_equal(appended(safe_text_escaped, "bad\xFF"), "bad\xEF\xBF\xBD");
}

/* A bad or good multibyte sequence at every offset of a long ASCII text,
 * and cut at every length: the check agrees with a byte-at-a-time decode. */
static void test_utf8_check(void **state)
{
    (void)state;
    static const char *const pieces[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xC3", "\x80",
                                         "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"};
    static const int valid[] = {1, 1, 1, 0, 0, 0, 0, 0, 0};
    unsigned char text[96];
    for (size_t piece = 0; piece < sizeof pieces / sizeof pieces[0]; piece++) {
        size_t size = strlen(pieces[piece]);
        for (size_t at = 0; at + size <= 80; at++) {
            memset(text, 'a', sizeof text);
            memcpy(text + at, pieces[piece], size);
            if (audit_is_utf8(text, 80) != valid[piece])
                fail_msg("piece %zu at offset %zu: expected %d", piece, at, valid[piece]);
            /* cut just before the piece ends: an incomplete sequence */
            if (size > 1 && valid[piece] && audit_is_utf8(text, at + size - 1))
                fail_msg("piece %zu cut at %zu passed", piece, at + size - 1);
            /* cut before the piece: plain ASCII */
            assert_true(audit_is_utf8(text, at));
        }
    }
}

/* audit_find_byte agrees with memchr for every start, length and place
 * of the byte (none, one, two), across the sixteen-byte steps of the
 * WebAssembly build (this build checks the memchr path; the WebAssembly
 * one is checked by every line the one-truth run reads). */
static void test_find_byte(void **state)
{
    (void)state;
    char text[80];
    for (size_t place = 0; place <= sizeof text; place++) {
        memset(text, 'a', sizeof text);
        if (place < sizeof text)
            text[place] = '\n';
        if (place + 20 < sizeof text)
            text[place + 20] = '\n';
        for (size_t start = 0; start < 20; start++)
            for (size_t length = 0; start + length <= sizeof text; length++)
                assert_ptr_equal(audit_find_byte(text + start, length, '\n'), memchr(text + start, '\n', length));
    }
}

/* audit_copy_bytes copies exactly LENGTH bytes, for every alignment of
 * both ends, and touches nothing beyond them. */
static void test_copy_bytes(void **state)
{
    (void)state;
    char from[80], to[96], expected[96];
    for (size_t at = 0; at < sizeof from; at++)
        from[at] = (char)('A' + at % 50);
    for (size_t start = 0; start < 17; start++)
        for (size_t length = 0; start + length <= sizeof from; length++) {
            memset(to, '.', sizeof to);
            memset(expected, '.', sizeof expected);
            memcpy(expected + 3, from + start, length);
            audit_copy_bytes(to + 3, from + start, length);
            assert_memory_equal(to, expected, sizeof to);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundary), cmocka_unit_test(test_cut),     cmocka_unit_test(test_valid),
        cmocka_unit_test(test_escaped),  cmocka_unit_test(test_utf8_check), cmocka_unit_test(test_find_byte),
        cmocka_unit_test(test_copy_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
