/*
 * json_tree.c — JSON text into jansson's tree, lexed by yajl (see
 * json_tree.h).
 *
 * jansson's parser reads its input a character at a time through a stream;
 * on a rubric of 219 KB that is about 30 million instructions, nearly all
 * of a cold start of rubric-grade. yajl's lexer scans a buffer several
 * times faster, so the text is read by yajl's event parser and the tree is
 * built with jansson's own constructors: the loader walks the same tree
 * either way. Where yajl is more lenient than jansson the text goes to
 * jansson instead: \v, \f, invalid UTF-8 and \u escapes are looked for
 * first (json_text_needs_jansson); a repeated key, nesting deeper than
 * JSON_TREE_DEPTH and a number that overflows stop yajl's parse. Then, and
 * whenever yajl refuses the text, jansson parses it from the start, so
 * every error is jansson's, in its words and at its place.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "audit_read.h"
#include "json_tree.h"

/* Containers nest no deeper than this on yajl's way; deeper goes to jansson. */
enum { JSON_TREE_DEPTH = 256 };

/* The tree being built: the open containers, and the key of the next member. */
typedef struct tree_builder {
    yajl_handle handle;
    size_t value_end;            /* the offset just past the top-level value */
    json_t *root;
    json_t *open[JSON_TREE_DEPTH];
    unsigned depth;
    const unsigned char *key;
    size_t key_length;
} tree_builder;

/* Whether any byte of TEXT[0..LENGTH) has its high bit set. */
static int has_non_ascii(const char *text, size_t length)
{
    uint64_t bits = 0;
    size_t index = 0;
    for (; index + 8 <= length; index += 8) {
        uint64_t word;
        memcpy(&word, text + index, 8);
        bits |= word;
    }
    for (; index < length; index++)
        bits |= (unsigned char)text[index];
    return (bits & 0x8080808080808080u) != 0;
}

/* \v, \f, invalid UTF-8 or a \u escape anywhere in the text. */
int json_text_needs_jansson(const char *text, size_t length)
{
    if (memchr(text, '\v', length) || memchr(text, '\f', length))
        return 1;
    if (has_non_ascii(text, length) && !audit_is_utf8((const unsigned char *)text, length))
        return 1;
    const char *end = text + length;
    for (const char *cursor = text; (cursor = memchr(cursor, '\\', (size_t)(end - cursor))) != NULL; cursor += 2) {
        if (cursor + 1 < end && cursor[1] == 'u')
            return 1;
        if (cursor + 2 >= end)
            break;
    }
    return 0;
}

/* Put VALUE (a new reference) in the open container, or make it the root;
 * 0 (VALUE freed) for a repeated key or a second top-level value. */
static int attach(tree_builder *builder, json_t *value)
{
    if (value == NULL)
        return 0;
    if (builder->depth == 0) {
        if (builder->root != NULL) {
            json_decref(value);
            return 0;
        }
        builder->root = value;
        return 1;
    }
    json_t *container = builder->open[builder->depth - 1];
    if (json_is_array(container))
        return json_array_append_new(container, value) == 0;
    /* One hash of the key: a repeated one replaces its value and leaves the
     * size as it was; the tree is thrown away then, and jansson, which
     * refuses a repeated key, parses the text. */
    size_t members = json_object_size(container);
    if (json_object_setn_new_nocheck(container, (const char *)builder->key, builder->key_length, value) != 0)
        return 0;
    return json_object_size(container) > members;
}

/* Open a new container VALUE inside the current one. */
static int open_container(tree_builder *builder, json_t *value)
{
    if (builder->depth == JSON_TREE_DEPTH) {
        json_decref(value);
        return 0;
    }
    json_incref(value);
    if (!attach(builder, value)) {
        json_decref(value);
        return 0;
    }
    builder->open[builder->depth++] = value;
    json_decref(value);   /* the parent or the root holds it */
    return 1;
}

/* yajl: null. */
static int on_null(void *context)
{
    return attach(context, json_null());
}

/* yajl: true or false. */
static int on_boolean(void *context, int value)
{
    return attach(context, json_boolean(value));
}

/* yajl: a number, as text: an integer or a real as jansson reads it; one
 * that overflows goes to jansson, which refuses it. */
static int on_number(void *context, const char *text, size_t length)
{
    char number[64];
    if (length >= sizeof number)
        return 0;
    memcpy(number, text, length);
    number[length] = '\0';
    errno = 0;
    if (strpbrk(number, ".eE") != NULL) {
        double real = strtod(number, NULL);
        if ((real == HUGE_VAL || real == -HUGE_VAL) && errno == ERANGE)
            return 0;
        return attach(context, json_real(real));
    }
    long long integer = strtoll(number, NULL, 10);
    if (errno == ERANGE)
        return 0;
    return attach(context, json_integer((json_int_t)integer));
}

/* yajl: a string, UTF-8 checked beforehand. */
static int on_string(void *context, const unsigned char *text, size_t length)
{
    return attach(context, json_stringn_nocheck((const char *)text, length));
}

/* yajl: an object's key; yajl keeps it until the value is read. */
static int on_map_key(void *context, const unsigned char *text, size_t length)
{
    tree_builder *builder = context;
    builder->key = text;
    builder->key_length = length;
    return 1;
}

/* yajl: an object opens. */
static int on_start_map(void *context)
{
    json_t *object = json_object();
    return object != NULL && open_container(context, object);
}

/* yajl: an array opens. */
static int on_start_array(void *context)
{
    json_t *array = json_array();
    return array != NULL && open_container(context, array);
}

/* yajl: an object or array closes; the top-level one marks where the value ends. */
static int on_end(void *context)
{
    tree_builder *builder = context;
    if (--builder->depth == 0)
        builder->value_end = yajl_get_bytes_consumed(builder->handle);
    return 1;
}

/* Whether TEXT[0..LENGTH) is only JSON whitespace. */
int json_text_is_whitespace(const char *text, size_t length)
{
    for (size_t index = 0; index < length; index++)
        if (text[index] != ' ' && text[index] != '\t' && text[index] != '\r' && text[index] != '\n')
            return 0;
    return 1;
}

static const yajl_callbacks tree_callbacks = {
    .yajl_null = on_null,
    .yajl_boolean = on_boolean,
    .yajl_number = on_number,
    .yajl_string = on_string,
    .yajl_start_map = on_start_map,
    .yajl_map_key = on_map_key,
    .yajl_end_map = on_end,
    .yajl_start_array = on_start_array,
    .yajl_end_array = on_end,
};

/* The tree by yajl, or NULL when jansson must parse the text. */
static json_t *load_by_yajl(const char *text, size_t length)
{
    if (json_text_needs_jansson(text, length))
        return NULL;
    tree_builder builder = {0};
    yajl_handle handle = yajl_alloc(&tree_callbacks, NULL, &builder);
    if (handle == NULL)
        return NULL;
    builder.handle = handle;
    yajl_config(handle, yajl_dont_validate_strings, 1);   /* checked above */
    yajl_status status = yajl_parse(handle, (const unsigned char *)text, length);
    if (status == yajl_status_ok)
        status = yajl_complete_parse(handle);
    yajl_free(handle);
    /* jansson reads one object or array, nothing else; after a complete
     * value yajl passes over the start of a token it never finishes ('{} "') */
    if (status != yajl_status_ok || builder.depth != 0 ||
        !(json_is_object(builder.root) || json_is_array(builder.root)) ||
        !json_text_is_whitespace(text + builder.value_end, length - builder.value_end)) {
        json_decref(builder.root);
        return NULL;
    }
    return builder.root;
}

/* yajl's tree, else jansson's parse with its error. */
json_t *json_tree_load(const char *text, size_t length, json_error_t *error)
{
    json_t *root = load_by_yajl(text, length);
    if (root != NULL) {
        memset(error, 0, sizeof *error);
        return root;
    }
    return json_loadb(text, length, JSON_REJECT_DUPLICATES, error);
}
