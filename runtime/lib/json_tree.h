/*
 * json_tree.h — JSON text into a read-only tree held in one arena, lexed by
 * yajl where yajl and jansson agree, with jansson's errors.
 *
 * Internal to the library (not installed). The rubric loader reads the
 * whole rubric through json_tree_load, passing over what it never reads,
 * and takes the model's own arrays from the tree's arena
 * (json_tree_allocate), so a rubric document is one tree and one arena;
 * the JSON Lines reader asks json_text_needs_jansson which lines it must
 * leave to jansson. The tree holds what jansson's tree would (json_loadb
 * with JSON_REJECT_DUPLICATES), and the errors are jansson's, exactly.
 */
#ifndef JSON_TREE_H
#define JSON_TREE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <jansson.h>
#include "simd16.h"

/* One value of a tree. TYPE is jansson's; a string is NUL-ended (it holds
 * no NUL: jansson refuses \u0000 without JSON_ALLOW_NUL) and LENGTH long;
 * an array or object has LENGTH members, in the order written; a member
 * of an object has its KEY (KEY_LENGTH bytes, NUL-ended), a member of an
 * array a NULL one. Read it through the functions below, which take NULL
 * and a value of another type as jansson's do. */
typedef struct json_node json_node;
struct json_node {
    json_type type;
    size_t length;
    const char *key;
    size_t key_length;
    union {
        const char *string;
        json_int_t integer;
        double real;
        const json_node *members;
    } as;
};

/* A parsed text: its tree and the arena that holds it. */
typedef struct json_tree json_tree;

/* A member to pass over: KEY in an object at DEPTH (1 for the top-level
 * object, 3 for an object in an array in it, and so on). */
typedef struct json_tree_skip {
    const char *key;
    unsigned depth;
} json_tree_skip;

/* TEXT[0..LENGTH) as the tree of one object or array, or NULL with the
 * error in *ERROR that json_loadb(TEXT, LENGTH, JSON_REJECT_DUPLICATES,
 * ERROR) gives (or "out of memory", line -1). yajl lexes the text; jansson
 * parses it itself whenever yajl refuses it or it holds what the two read
 * differently. The value of a member named in SKIPPED (ended by a NULL key;
 * NULL for none) is read and judged but not built: the member is kept
 * with null in its place. When jansson parses the text itself the tree is
 * whole, so a caller must not read a member it asked to pass over. */
json_tree *json_tree_load(const char *text, size_t length, const json_tree_skip *skipped,
                          json_error_t *error);

/* json_loadb(TEXT, LENGTH, FLAGS, ERROR), except that running out of
 * memory ends the parse promptly: NULL with "out of memory" (line -1) in
 * *ERROR. Left to itself, jansson's lexer retries a failed allocation at
 * every byte of a long string. The first call wraps jansson's allocator
 * (json_set_alloc_funcs) with one that does so only during these parses. */
json_t *json_load_checked(const char *text, size_t length, size_t flags, json_error_t *error);

/* The top-level value of TREE. */
const json_node *json_tree_root(const json_tree *tree);

/* COUNT zeroed items of SIZE bytes, aligned for any type, from TREE's
 * arena, freed with it; NULL when out of memory. */
void *json_tree_allocate(json_tree *tree, size_t count, size_t size);

/* Free TREE, its arena and everything taken from it; NULL is ignored. */
void json_tree_free(json_tree *tree);

/* Whether VALUE is not NULL and of TYPE. */
int json_node_is(const json_node *value, json_type type);
/* Whether VALUE is true or false. */
int json_node_is_boolean(const json_node *value);
/* Whether VALUE is an integer or a real. */
int json_node_is_number(const json_node *value);

/* The member KEY of OBJECT; NULL when OBJECT is not an object or has none. */
const json_node *json_node_member(const json_node *object, const char *key);
/* Item INDEX of ARRAY; NULL when ARRAY is not an array or is shorter. */
const json_node *json_node_item(const json_node *array, size_t index);
/* The members of an array or object; 0 for any other value. */
size_t json_node_size(const json_node *value);
/* A string's text, or NULL for any other value. */
const char *json_node_string(const json_node *value);
/* An integer's value, or 0 for any other value. */
json_int_t json_node_integer(const json_node *value);
/* An integer's or real's value as a double, or 0 for any other value. */
double json_node_number(const json_node *value);

/* Whether TEXT[0..LENGTH) holds bytes that jansson and yajl treat
 * differently, so that jansson must judge it: \v or \f (whitespace to
 * yajl, an error to jansson), invalid UTF-8, or a \u escape (yajl lets a
 * lone surrogate or \u0000 through). */
int json_text_needs_jansson(const char *text, size_t length);

/* Whether TEXT[0..LENGTH) is only JSON whitespace (space, tab, CR, LF). */
int json_text_is_whitespace(const char *text, size_t length);

/* Whether the plain path may read a text (see json_tree.c); 1 unless a
 * test sets it to 0 to read every text by yajl and compare the two. */
extern int json_tree_plain_path;

/* The first of '"', '\\', a control character or a byte of 128 or more
 * at or after TEXT, or END: where a plain reader of JSON must look at a
 * string's bytes. Sixteen bytes at a step (simd16.h), else eight (word at a
 * time), then byte by byte near END. */
static inline const char *json_string_stop(const char *text, const char *end)
{
#if defined(SIMD16)
    const simd16 quote = simd16_splat('"'), backslash = simd16_splat('\\'), space = simd16_splat(' ');
    while (end - text >= 16) {
        simd16 bytes = simd16_load(text);
        /* signed, so that a byte of 128 or more is below ' ' too */
        simd16 found = simd16_or(simd16_or(simd16_equal(bytes, quote), simd16_equal(bytes, backslash)),
                                     simd16_below(bytes, space));
        unsigned mask = simd16_mask(found);
        if (mask)
            return text + __builtin_ctz(mask);
        text += 16;
    }
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (end - text >= 8) {
        uint64_t word;
        memcpy(&word, text, 8);
        uint64_t quote = word ^ (ones * '"'), backslash = word ^ (ones * '\\');
        uint64_t found = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) |
                         ((word - ones * 0x20) & ~word) | word;
        found &= highs;
        if (found)
            return text + __builtin_ctzll(found) / 8;   /* the lowest flag is exact */
        text += 8;
    }
#endif
    for (; text < end; text++) {
        unsigned char byte = (unsigned char)*text;
        if (byte == '"' || byte == '\\' || byte < 0x20 || byte >= 0x80)
            return text;
    }
    return end;
}

#endif /* JSON_TREE_H */
