/*
 * test_json_tree.c — cmocka units for json_tree.c, the rubric's JSON read
 * into an arena tree: values and keys as written, members passed over kept
 * as null, and every text yajl must not judge alone (repeated keys in small
 * and large objects and inside members passed over, \u escapes, deep
 * nesting, trailing bytes) either refused with jansson's very error or
 * read as jansson reads it.
 */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_tree.h"

/* TEXT loaded, passing over SKIPPED; the test fails if it is refused. */
static json_tree *load(const char *text, const json_tree_skip *skipped)
{
    json_error_t error;
    json_tree *tree = json_tree_load(text, strlen(text), skipped, &error);
    if (tree == NULL)
        fail_msg("refused: %s", error.text);
    return tree;
}

/* TEXT is refused with the error jansson gives, at its line and column. */
static void expect_jansson_error(const char *text, const json_tree_skip *skipped)
{
    json_error_t error, expected;
    assert_null(json_tree_load(text, strlen(text), skipped, &error));
    assert_null(json_loadb(text, strlen(text), JSON_REJECT_DUPLICATES, &expected));
    assert_string_equal(error.text, expected.text);
    assert_int_equal(error.line, expected.line);
    assert_int_equal(error.column, expected.column);
}

/* Every kind of value, read through the accessors. */
static void check_values(void)
{
    json_tree *tree = load("{\"s\": \"a\\\"b\\n\", \"i\": -12, \"r\": 2.5, \"e\": 1e2, \"t\": true, \"f\": false,"
                           " \"n\": null, \"a\": [1, \"x\", {}], \"o\": {\"k\": \"v\"}, \"empty\": \"\"}",
                           NULL);
    const json_node *root = json_tree_root(tree);
    assert_true(json_node_is(root, JSON_OBJECT));
    assert_int_equal(json_node_size(root), 10);
    assert_string_equal(json_node_string(json_node_member(root, "s")), "a\"b\n");
    assert_int_equal(json_node_member(root, "s")->length, 4);
    assert_true(json_node_is(json_node_member(root, "i"), JSON_INTEGER));
    assert_int_equal(json_node_integer(json_node_member(root, "i")), -12);
    assert_true(json_node_is(json_node_member(root, "r"), JSON_REAL));
    assert_true(json_node_number(json_node_member(root, "r")) == 2.5);
    assert_true(json_node_is(json_node_member(root, "e"), JSON_REAL));
    assert_true(json_node_number(json_node_member(root, "i")) == -12.0);
    assert_true(json_node_is_boolean(json_node_member(root, "t")));
    assert_true(json_node_is(json_node_member(root, "f"), JSON_FALSE));
    assert_true(json_node_is(json_node_member(root, "n"), JSON_NULL));
    assert_true(json_node_is_number(json_node_member(root, "r")));
    assert_false(json_node_is_number(json_node_member(root, "s")));
    const json_node *array = json_node_member(root, "a");
    assert_int_equal(json_node_size(array), 3);
    assert_null(json_node_item(array, 0)->key);
    assert_string_equal(json_node_string(json_node_item(array, 1)), "x");
    assert_true(json_node_is(json_node_item(array, 2), JSON_OBJECT));
    assert_int_equal(json_node_size(json_node_item(array, 2)), 0);
    assert_null(json_node_item(array, 3));
    assert_string_equal(json_node_string(json_node_member(json_node_member(root, "o"), "k")), "v");
    assert_string_equal(json_node_string(json_node_member(root, "empty")), "");
    assert_string_equal(json_node_member(root, "empty")->key, "empty");
    json_tree_free(tree);
}

/* The accessors take NULL and a value of another type as jansson's do. */
static void check_accessors_of_the_wrong_type(void)
{
    json_tree *tree = load("[\"text\", 3]", NULL);
    const json_node *root = json_tree_root(tree);
    assert_null(json_node_member(root, "text"));
    assert_null(json_node_member(NULL, "x"));
    assert_null(json_node_item(NULL, 0));
    assert_null(json_node_item(json_node_item(root, 0), 0));
    assert_int_equal(json_node_size(json_node_item(root, 0)), 0);
    assert_int_equal(json_node_size(NULL), 0);
    assert_null(json_node_string(json_node_item(root, 1)));
    assert_null(json_node_string(NULL));
    assert_int_equal(json_node_integer(json_node_item(root, 0)), 0);
    assert_true(json_node_number(json_node_item(root, 0)) == 0);
    assert_false(json_node_is(NULL, JSON_NULL));
    assert_false(json_node_is_boolean(NULL));
    json_tree_free(tree);
}

static const json_tree_skip skip_k[] = {{"k", 1}, {"k", 3}, {NULL, 0}};

/* A member passed over keeps its key with null; one of the same name at
 * another depth is built. */
static void check_members_passed_over(void)
{
    json_tree *tree = load("{\"k\": {\"deep\": [1, 2, {\"x\": \"y\"}]}, \"list\": [{\"k\": \"gone\", \"j\": 1}],"
                           " \"o\": {\"k\": \"kept\"}}",
                           skip_k);
    const json_node *root = json_tree_root(tree);
    assert_true(json_node_is(json_node_member(root, "k"), JSON_NULL));
    const json_node *item = json_node_item(json_node_member(root, "list"), 0);
    assert_true(json_node_is(json_node_member(item, "k"), JSON_NULL));
    assert_int_equal(json_node_integer(json_node_member(item, "j")), 1);
    assert_string_equal(json_node_string(json_node_member(json_node_member(root, "o"), "k")), "kept");
    json_tree_free(tree);
}

/* A repeated key is jansson's error: in a small object, in one large
 * enough to be sorted, at the top level and inside a member passed over. */
static void check_repeated_keys(void)
{
    expect_jansson_error("{\"a\": 1, \"b\": 2, \"a\": 3}", NULL);
    expect_jansson_error("[{}, {\"x\": {\"y\": 1, \"y\": 1}}]", NULL);
    char large[1024] = "{";
    for (int member = 0; member < 40; member++)
        snprintf(large + strlen(large), sizeof large - strlen(large), "\"m%d\": %d, ", member, member);
    strcat(large, "\"m17\": 0}");
    expect_jansson_error(large, NULL);
    large[strlen(large) - strlen("\"m17\": 0}")] = '\0';
    strcat(large, "\"m40\": 0}");
    json_tree *tree = load(large, NULL);
    assert_int_equal(json_node_size(json_tree_root(tree)), 41);
    assert_int_equal(json_node_integer(json_node_member(json_tree_root(tree), "m39")), 39);
    json_tree_free(tree);
    expect_jansson_error("{\"k\": {\"a\": {\"b\": 1, \"b\": 2}}}", skip_k);
    expect_jansson_error("{\"k\": 1, \"k\": 2}", skip_k);
}

/* Text yajl reads more leniently goes to jansson: its error when it
 * refuses, its tree (whole, nothing passed over) when it accepts. */
static void check_left_to_jansson(void)
{
    /* \u escapes: decoded by the plain path (which passes over "k"), left
     * to jansson on yajl's way (which then keeps all) */
    json_tree *tree = load("{\"k\": \"\\u00e9\", \"u\": \"caf\\u00e9 \\u0041\\u00DF\\u20ac \\ud83d\\uDE00\"}", skip_k);
    const json_node *root = json_tree_root(tree);
    assert_string_equal(json_node_string(json_node_member(root, "u")),
                        "caf\xc3\xa9 A\xc3\x9f\xe2\x82\xac \xf0\x9f\x98\x80");
    if (json_tree_plain_path)
        assert_true(json_node_is(json_node_member(root, "k"), JSON_NULL));
    else
        assert_string_equal(json_node_string(json_node_member(root, "k")), "\xc3\xa9");
    json_tree_free(tree);
    expect_jansson_error("{\"a\": \"\\ud800\\u0041\"}", NULL);
    expect_jansson_error("{\"a\": \"\\udc00\"}", NULL);
    expect_jansson_error("{\"a\": \"\\u12g4\"}", NULL);
    expect_jansson_error("{\"a\": \"\\u12\"}", NULL);
    expect_jansson_error("{\"a\": \"\\ud800\"}", NULL);
    expect_jansson_error("{\"a\": \"\\u0000\"}", NULL);
    expect_jansson_error("{\"a\":\v1}", NULL);
    expect_jansson_error("{\"a\": \"\xff\"}", NULL);
    expect_jansson_error("{\"a\": 99999999999999999999}", NULL);
    expect_jansson_error("{} \"", NULL);
    expect_jansson_error("{} {}", NULL);
    expect_jansson_error("\"top\"", NULL);
    expect_jansson_error("[1 2]", NULL);
    expect_jansson_error("", NULL);
}

/* Nesting deeper than yajl's way allows is read by jansson, to the same tree. */
static void check_deep_nesting(void)
{
    enum { DEPTH = 600 };
    char text[2 * DEPTH + 1];
    memset(text, '[', DEPTH);
    memset(text + DEPTH, ']', DEPTH);
    text[2 * DEPTH] = '\0';
    json_tree *tree = load(text, NULL);
    const json_node *value = json_tree_root(tree);
    for (int depth = 1; depth < DEPTH; depth++)
        value = json_node_item(value, 0);
    assert_true(json_node_is(value, JSON_ARRAY));
    assert_int_equal(json_node_size(value), 0);
    json_tree_free(tree);
}

/* What the plain path leaves to yajl or jansson reads as jansson reads it:
 * reals, long integers, escapes (the plain path decodes the simple ones),
 * UTF-8 beside escapes; and the errors are jansson's: leading zeros,
 * control characters, broken words, invalid UTF-8, an escaped key inside
 * a member passed over that repeats another. */
static void check_what_the_plain_path_declines(void)
{
    json_tree *tree = load("{\"r\": -0.5, \"big\": 1234567890123456789, \"z\": -0, \"n\": [-7, 0, 10],"
                           " \"s\": \"\\\\\\\"\\/\\b\\f\\n\\r\\t\", \"u\": \"\\n\xc3\xa9\\t\xe2\x80\x99\","
                           " \"k\": {\"x\": \"\\n\", \"y\": 1.5}}",
                           skip_k);
    const json_node *root = json_tree_root(tree);
    assert_true(json_node_number(json_node_member(root, "r")) == -0.5);
    assert_int_equal(json_node_integer(json_node_member(root, "big")), 1234567890123456789LL);
    assert_true(json_node_is(json_node_member(root, "z"), JSON_INTEGER));
    assert_int_equal(json_node_integer(json_node_member(root, "z")), 0);
    assert_int_equal(json_node_integer(json_node_item(json_node_member(root, "n"), 0)), -7);
    assert_int_equal(json_node_integer(json_node_item(json_node_member(root, "n"), 2)), 10);
    assert_string_equal(json_node_string(json_node_member(root, "s")), "\\\"/\b\f\n\r\t");
    assert_string_equal(json_node_string(json_node_member(root, "u")), "\n\xc3\xa9\t\xe2\x80\x99");
    assert_true(json_node_is(json_node_member(root, "k"), JSON_NULL));
    json_tree_free(tree);
    expect_jansson_error("{\"a\": 01}", NULL);
    expect_jansson_error("{\"a\": -}", NULL);
    expect_jansson_error("{\"a\": 1.}", NULL);
    expect_jansson_error("{\"a\": \"tab\there\"}", NULL);
    expect_jansson_error("{\"a\": tru}", NULL);
    expect_jansson_error("{\"a\": nul}", NULL);
    expect_jansson_error("{\"a\": \"\\q\"}", NULL);
    expect_jansson_error("{\"a\": \"\\\"}", NULL);
    expect_jansson_error("{\"a\": \"\\n\xc3\"}", NULL);
    expect_jansson_error("{\"a\": \"\xe2\x80\"}", NULL);
    expect_jansson_error("{\"a\" 1}", NULL);
    expect_jansson_error("{\"a\": 1,}", NULL);
    expect_jansson_error("[1,]", NULL);
    expect_jansson_error("{\"a\": [1}", NULL);
    expect_jansson_error("{\"k\": {\"b\": 1, \"\\u0062\": 2}}", skip_k);
    expect_jansson_error("{\"k\": {\"b\": 1, \"\\n\": 2, \"\\n\": 3}}", skip_k);
}

/* The arena hands out zeroed, aligned memory, small and large. */
static void test_allocate(void **state)
{
    (void)state;
    json_tree *tree = load("{}", NULL);
    for (size_t size = 1; size < 300000; size *= 7) {
        unsigned char *memory = json_tree_allocate(tree, size, 1);
        assert_non_null(memory);
        assert_int_equal((uintptr_t)memory % alignof(max_align_t), 0);
        for (size_t index = 0; index < size; index++)
            assert_int_equal(memory[index], 0);
        memset(memory, 0xff, size);
    }
    assert_null(json_tree_allocate(tree, SIZE_MAX / 2, 4));
    json_tree_free(tree);
}

/* Each check, by the plain path and by yajl's way alone. */
#define BOTH_WAYS(name)                                                         \
    static void test_##name(void **state)                                       \
    {                                                                           \
        (void)state;                                                            \
        for (json_tree_plain_path = 1; json_tree_plain_path >= 0; json_tree_plain_path--) \
            check_##name();                                                     \
        json_tree_plain_path = 1;                                               \
    }
BOTH_WAYS(values)
BOTH_WAYS(accessors_of_the_wrong_type)
BOTH_WAYS(members_passed_over)
BOTH_WAYS(repeated_keys)
BOTH_WAYS(left_to_jansson)
BOTH_WAYS(deep_nesting)
BOTH_WAYS(what_the_plain_path_declines)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_accessors_of_the_wrong_type),
        cmocka_unit_test(test_members_passed_over),
        cmocka_unit_test(test_repeated_keys),
        cmocka_unit_test(test_left_to_jansson),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_what_the_plain_path_declines),
        cmocka_unit_test(test_allocate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
