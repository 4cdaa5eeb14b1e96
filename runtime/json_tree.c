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
 *
 * A caller may name members it never reads (json_tree_load_pruned): yajl
 * still reads and judges their values, keys of the objects inside them are
 * compared for repeats, but nothing is built or freed for them, which on a
 * rubric is about half of the tree.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "audit_read.h"
#include "json_tree.h"

/* Containers nest no deeper than this on yajl's way; deeper goes to jansson.
 * Inside a passed-over value, the keys of its open objects are kept (at
 * most JSON_SKIPPED_KEYS, else jansson judges the text) to find a repeated
 * one without building anything. */
enum { JSON_TREE_DEPTH = 256, JSON_SKIPPED_KEYS = 256 };

/* A key of a passed-over object: it lies in the text, unescaped. */
typedef struct skipped_key {
    const unsigned char *text;
    size_t length;
} skipped_key;

/* The tree being built: the open containers, and the key of the next member;
 * and, inside a member passed over, how deep it began and the keys seen. */
typedef struct tree_builder {
    yajl_handle handle;
    const char *text;            /* the whole text, where unescaped keys lie */
    size_t length;
    size_t value_end;            /* the offset just past the top-level value */
    json_t *root;
    json_t *open[JSON_TREE_DEPTH];
    unsigned depth;
    const unsigned char *key;
    size_t key_length;
    const json_tree_skip *skipped;   /* members whose values are passed over, or NULL */
    int skip_next;               /* the next value is a member passed over */
    unsigned skipped_from;       /* the depth of the outermost container passed over; 0 if none */
    unsigned key_start[JSON_TREE_DEPTH];   /* per open container passed over: its first key */
    skipped_key keys[JSON_SKIPPED_KEYS];
    unsigned key_count;
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
    if (builder->skip_next) {
        /* a member passed over keeps its key, with null, so that a
         * repeated key is still found */
        builder->skip_next = 0;
        json_decref(value);
        value = json_null();
    }
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
    tree_builder *builder = context;
    return builder->skipped_from ? 1 : attach(builder, json_null());
}

/* yajl: true or false. */
static int on_boolean(void *context, int value)
{
    tree_builder *builder = context;
    return builder->skipped_from ? 1 : attach(builder, json_boolean(value));
}

/* Whether the value being read lies inside a member passed over. */
static int skipping(const tree_builder *builder)
{
    return builder->skipped_from != 0;
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
        return skipping(context) ? 1 : attach(context, json_real(real));
    }
    long long integer = strtoll(number, NULL, 10);
    if (errno == ERANGE)
        return 0;
    return skipping(context) ? 1 : attach(context, json_integer((json_int_t)integer));
}

/* yajl: a string, UTF-8 checked beforehand. */
static int on_string(void *context, const unsigned char *text, size_t length)
{
    tree_builder *builder = context;
    if (skipping(builder))
        return 1;
    return attach(builder, builder->skip_next ? json_null() : json_stringn_nocheck((const char *)text, length));
}

/* A key of an object passed over, compared with the others of its object;
 * 0 for a repeated one, and for one that cannot be kept (escaped, so not in
 * the text, or one too many): jansson judges the text then. */
static int remember_skipped_key(tree_builder *builder, const unsigned char *text, size_t length)
{
    const unsigned char *start = (const unsigned char *)builder->text;
    if (text < start || text + length > start + builder->length || builder->key_count == JSON_SKIPPED_KEYS)
        return 0;
    for (unsigned index = builder->key_start[builder->depth - 1]; index < builder->key_count; index++)
        if (builder->keys[index].length == length && memcmp(builder->keys[index].text, text, length) == 0)
            return 0;
    builder->keys[builder->key_count++] = (skipped_key){text, length};
    return 1;
}

/* Open a container inside a member passed over: nothing is built. */
static int open_skipped(tree_builder *builder)
{
    if (builder->depth == JSON_TREE_DEPTH)
        return 0;
    if (builder->skip_next) {
        if (!attach(builder, json_null()))
            return 0;
        builder->skipped_from = builder->depth + 1;
    }
    builder->open[builder->depth] = NULL;
    builder->key_start[builder->depth++] = builder->key_count;
    return 1;
}

/* yajl: an object's key; yajl keeps it until the value is read. */
static int on_map_key(void *context, const unsigned char *text, size_t length)
{
    tree_builder *builder = context;
    if (skipping(builder))
        return remember_skipped_key(builder, text, length);
    builder->key = text;
    builder->key_length = length;
    for (const json_tree_skip *skipped = builder->skipped; skipped && skipped->key; skipped++)
        if (skipped->depth == builder->depth && strlen(skipped->key) == length &&
            memcmp(skipped->key, text, length) == 0)
            builder->skip_next = 1;
    return 1;
}

/* yajl: an object opens. */
static int on_start_map(void *context)
{
    tree_builder *builder = context;
    if (skipping(builder) || builder->skip_next)
        return open_skipped(builder);
    json_t *object = json_object();
    return object != NULL && open_container(context, object);
}

/* yajl: an array opens. */
static int on_start_array(void *context)
{
    tree_builder *builder = context;
    if (skipping(builder) || builder->skip_next)
        return open_skipped(builder);
    json_t *array = json_array();
    return array != NULL && open_container(context, array);
}

/* yajl: an object or array closes; the top-level one marks where the value ends. */
static int on_end(void *context)
{
    tree_builder *builder = context;
    if (skipping(builder)) {
        builder->key_count = builder->key_start[builder->depth - 1];
        if (builder->depth == builder->skipped_from)
            builder->skipped_from = 0;
        builder->depth--;
        return 1;
    }
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
static json_t *load_by_yajl(const char *text, size_t length, const json_tree_skip *skipped)
{
    if (json_text_needs_jansson(text, length))
        return NULL;
    tree_builder *builder = calloc(1, sizeof *builder);
    if (builder == NULL)
        return NULL;
    yajl_handle handle = yajl_alloc(&tree_callbacks, NULL, builder);
    if (handle == NULL) {
        free(builder);
        return NULL;
    }
    builder->handle = handle;
    builder->text = text;
    builder->length = length;
    builder->skipped = skipped;
    yajl_config(handle, yajl_dont_validate_strings, 1);   /* checked above */
    yajl_status status = yajl_parse(handle, (const unsigned char *)text, length);
    if (status == yajl_status_ok)
        status = yajl_complete_parse(handle);
    yajl_free(handle);
    /* jansson reads one object or array, nothing else; after a complete
     * value yajl passes over the start of a token it never finishes ('{} "') */
    json_t *root = builder->root;
    if (status != yajl_status_ok || builder->depth != 0 || !(json_is_object(root) || json_is_array(root)) ||
        !json_text_is_whitespace(text + builder->value_end, length - builder->value_end)) {
        json_decref(root);
        root = NULL;
    }
    free(builder);
    return root;
}

/* yajl's tree, else jansson's parse with its error. */
json_t *json_tree_load(const char *text, size_t length, json_error_t *error)
{
    return json_tree_load_pruned(text, length, NULL, error);
}

/* yajl's tree with members passed over, else jansson's parse with its
 * error, the whole of it kept. */
json_t *json_tree_load_pruned(const char *text, size_t length, const json_tree_skip *skipped, json_error_t *error)
{
    json_t *root = load_by_yajl(text, length, skipped);
    if (root != NULL) {
        memset(error, 0, sizeof *error);
        return root;
    }
    return json_loadb(text, length, JSON_REJECT_DUPLICATES, error);
}
