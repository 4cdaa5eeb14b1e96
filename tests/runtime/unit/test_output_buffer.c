/*
 * test_output_buffer.c — cmocka units for output_buffer: JSON string
 * escaping of every kind of byte (checked and at a cursor, with the room
 * it claims to need), numbers in decimal as printf writes them, pieces
 * copied in whole blocks at every length around the block size, and
 * reservations too large to make refused rather than wrapped around.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "output_buffer.h"

/* What output_json_string makes of TEXT, in a static buffer. */
static const char *json_of(const char *text)
{
    static char result[512];
    output_buffer buffer = {0};
    output_json_string(&buffer, text);
    snprintf(result, sizeof result, "%s", buffer.text ? buffer.text : "");
    output_buffer_free(&buffer);
    return result;
}

static void test_json_string(void **state)
{
    (void)state;
    assert_string_equal(json_of("plain"), "\"plain\"");
    assert_string_equal(json_of(""), "\"\"");
    assert_string_equal(json_of(NULL), "null");
    assert_string_equal(json_of("say \"hi\""), "\"say \\\"hi\\\"\"");
    assert_string_equal(json_of("a\\b"), "\"a\\\\b\"");
    assert_string_equal(json_of("1\n2\r3\t4"), "\"1\\n2\\r3\\t4\"");
    assert_string_equal(json_of("\x01\x1f\x7f"), "\"\\u0001\\u001f\x7f\"");
    assert_string_equal(json_of("caf\xC3\xA9 \xE2\x82\xAC"), "\"caf\xC3\xA9 \xE2\x82\xAC\"");
}

/* Every byte from 1 to 255 at a cursor: the same text as the checked
 * appender, and never more than the room it asked for. */
static void test_json_string_room(void **state)
{
    (void)state;
    char every[256];
    for (int byte = 1; byte < 256; byte++)
        every[byte - 1] = (char)byte;
    every[255] = '\0';
    size_t room = output_json_string_room(every);
    assert_int_equal(room, 6 * 255 + 2);
    assert_int_equal(output_json_string_room(NULL), 4);
    char *at = malloc(room + 1);
    assert_non_null(at);
    char *end = output_put_json_string(at, every);
    assert_true((size_t)(end - at) <= room);
    *end = '\0';
    output_buffer buffer = {0};
    output_json_string(&buffer, every);
    assert_string_equal(at, buffer.text);
    output_buffer_free(&buffer);
    free(at);
}

/* output_unsigned and the cursor's output_put_unsigned write what %lu does. */
static void test_decimal(void **state)
{
    (void)state;
    static const unsigned long numbers[] = {0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 65535, 1234567890,
                                            ULONG_MAX};
    for (size_t index = 0; index < sizeof numbers / sizeof numbers[0]; index++) {
        char expected[64];
        snprintf(expected, sizeof expected, "%lu", numbers[index]);
        output_buffer buffer = {0};
        output_text(&buffer, "n=");
        output_unsigned(&buffer, numbers[index]);
        output_text(&buffer, ";");
        char with_sign[72];
        snprintf(with_sign, sizeof with_sign, "n=%s;", expected);
        assert_string_equal(buffer.text, with_sign);
        output_buffer_free(&buffer);
    }
    output_buffer buffer = {0};
    output_signed(&buffer, LONG_MIN);
    char expected[64];
    snprintf(expected, sizeof expected, "%ld", LONG_MIN);
    assert_string_equal(buffer.text, expected);
    output_buffer_free(&buffer);
}

/* Pieces of every length from 0 to three blocks, each followed by a
 * block of padding, copied one after another where room was reserved:
 * the result is exactly the pieces joined. */
static void test_put_blocks(void **state)
{
    (void)state;
    enum { LONGEST = 3 * OUTPUT_BLOCK + 1 };
    char source[LONGEST + OUTPUT_BLOCK];
    for (size_t index = 0; index < sizeof source; index++)
        source[index] = (char)('a' + index % 26);
    output_buffer buffer = {0}, expected = {0};
    size_t total = 0;
    for (size_t length = 0; length <= LONGEST; length++)
        total += length;
    assert_true(output_reserve(&buffer, total + OUTPUT_BLOCK));
    char *to = output_end(&buffer);
    for (size_t length = 0; length <= LONGEST; length++) {
        to = output_put_blocks(to, source, length);
        output_bytes(&expected, source, length);
    }
    output_set_end(&buffer, to);
    assert_int_equal(buffer.length, total);
    assert_memory_equal(buffer.text, expected.text, total);
    output_buffer_free(&buffer);
    output_buffer_free(&expected);
}

/* A room that cannot be made is refused and noted, not wrapped around to
 * a small one; sums of rooms saturate. */
static void test_reserve_too_much(void **state)
{
    (void)state;
    output_buffer buffer = {0};
    output_text(&buffer, "kept");
    assert_false(output_reserve(&buffer, SIZE_MAX));
    assert_true(buffer.out_of_memory);
    assert_false(output_reserve(&buffer, SIZE_MAX - 2));
    assert_int_equal(output_room_add(SIZE_MAX - 1, 2), SIZE_MAX);
    assert_int_equal(output_room_add(3, 4), 7);
    assert_string_equal(buffer.text, "kept");
    output_buffer_free(&buffer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_string), cmocka_unit_test(test_json_string_room),
        cmocka_unit_test(test_decimal),
        cmocka_unit_test(test_put_blocks),  cmocka_unit_test(test_reserve_too_much),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
