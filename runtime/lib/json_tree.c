/*
 * json_tree.c — JSON text into a read-only tree in one arena, read by a
 * plain path, else by yajl, else by jansson (see json_tree.h).
 *
 * jansson's parser reads its input a character at a time through a stream
 * (about 30 million instructions on a rubric of 219 KB), yajl's lexer about
 * 3 million; and jansson's tree costs a hash table per object and two
 * allocations per string, each freed again. So the tree is built in an
 * arena: a value is a json_node, an object's or array's members lie side
 * by side, strings are copied in NUL-ended, and the tree goes in a few
 * free() calls. It is built through one set of callbacks (yajl's events),
 * called first by a plain reader of the shapes rubricc writes (strings and
 * whitespace found sixteen bytes at a step, the simple escapes, integers,
 * true, false, null); any other text it declines, and yajl's event parser
 * reads it again from the start.
 *
 * Where yajl is more lenient than jansson the text goes to jansson instead:
 * \v, \f, invalid UTF-8 and \u escapes are looked for first
 * (json_text_needs_jansson); a repeated key, nesting deeper than
 * JSON_TREE_DEPTH and a number that overflows stop yajl's parse. Then, and
 * whenever yajl refuses the text, jansson parses it from the start, so
 * every error is jansson's, in its words and at its place; when jansson
 * accepts it, its tree is copied into the arena. The plain path declines
 * all of these too, so it accepts only what jansson accepts.
 *
 * Running out of memory is not the text's fault: once the plain path or
 * yajl's way has, no other reader is tried, and the error is "out of
 * memory" at once. jansson's own parse is made to fail promptly too
 * (json_load_checked), where by itself it would spin.
 *
 * A caller may name members it never reads: their values are still read
 * and judged, keys of the objects inside them are compared for repeats,
 * but nothing is built for them, which on a rubric is about half of the
 * tree.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "audit_support.h"
#include "json_tree.h"

/* Containers nest no deeper than this on the plain path and yajl's way;
 * deeper goes to jansson.
 * Inside a passed-over value, the keys of its open objects are kept (at
 * most JSON_SKIPPED_KEYS, else jansson judges the text) to find a repeated
 * one without building anything. An object of up to JSON_PAIRWISE_KEYS
 * members has its keys compared pairwise for repeats, a larger one sorted. */
enum { JSON_TREE_DEPTH = 256, JSON_SKIPPED_KEYS = 256, JSON_PAIRWISE_KEYS = 16 };

/* The arena's blocks grow from the first size to the largest, doubling. */
enum { ARENA_FIRST_BLOCK = 65536, ARENA_LARGEST_BLOCK = 1 << 20 };

/* One block of the arena; blocks are chained and freed together. */
typedef struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t size;
    max_align_t data[];
} arena_block;

struct json_tree {
    const json_node *root;
    arena_block *blocks;         /* the newest first */
    size_t next_block;           /* the size of the next block */
    int out_of_memory;           /* an allocation failed while building */
};

/* A key of a passed-over object: it lies in the text, unescaped. */
typedef struct skipped_key {
    const unsigned char *text;
    size_t length;
} skipped_key;

/* The tree being built. Each open container's node lies in STACK with its
 * members after it, so the members of the innermost one are the top of the
 * stack; when it closes they move to the arena side by side. KEY is the key
 * of the next member; inside a member passed over, SKIPPED_FROM is how deep
 * it began and KEYS holds the keys seen. */
typedef struct tree_builder {
    yajl_handle handle;          /* NULL on the plain path */
    json_tree *tree;
    const char *text;            /* the whole text, where unescaped keys lie */
    size_t length;
    size_t value_end;            /* the offset just past the top-level value */
    json_node *stack;
    size_t stack_used;
    size_t stack_size;
    size_t open[JSON_TREE_DEPTH];   /* per open container: where its node lies in STACK */
    unsigned depth;
    const char *key;             /* in the arena */
    size_t key_length;
    const json_tree_skip *skipped;   /* members whose values are passed over, or NULL */
    int skip_next;               /* the next value is a member passed over */
    unsigned skipped_from;       /* the depth of the outermost container passed over; 0 if none */
    unsigned key_start[JSON_TREE_DEPTH];   /* per open container passed over: its first key */
    skipped_key keys[JSON_SKIPPED_KEYS];
    unsigned key_count;
    char *decoded;               /* the plain path: a string with escapes, decoded */
    size_t decoded_used;
    size_t decoded_size;
} tree_builder;

/* BYTES of the arena aligned to ALIGNMENT (a power of two), not zeroed;
 * NULL when out of memory. */
static void *arena_take(json_tree *tree, size_t bytes, size_t alignment)
{
    arena_block *block = tree->blocks;
    if (block != NULL) {
        size_t start = (block->used + alignment - 1) & ~(alignment - 1);
        if (start <= block->size && block->size - start >= bytes) {
            block->used = start + bytes;
            return (char *)block->data + start;
        }
    }
    if (bytes > SIZE_MAX / 2) {
        tree->out_of_memory = 1;
        return NULL;
    }
    size_t capacity = bytes > tree->next_block ? bytes : tree->next_block;
    block = malloc(sizeof *block + capacity);
    if (block == NULL) {
        tree->out_of_memory = 1;
        return NULL;
    }
    if (tree->next_block < ARENA_LARGEST_BLOCK)
        tree->next_block *= 2;
    block->size = capacity;
    block->used = bytes;
    block->next = tree->blocks;
    tree->blocks = block;
    return block->data;
}

/* Zeroed items from the arena, for the tree's user. */
void *json_tree_allocate(json_tree *tree, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / 2 / size)
        return NULL;
    void *memory = arena_take(tree, count * size, alignof(max_align_t));
    if (memory != NULL)
        memset(memory, 0, count * size);
    return memory;
}

/* TEXT[0..LENGTH) copied into the arena and NUL-ended. */
static const char *arena_text(json_tree *tree, const void *text, size_t length)
{
    if (length == SIZE_MAX)
        return NULL;
    char *copy = arena_take(tree, length + 1, 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

/* Free every block of the arena. */
static void arena_release(json_tree *tree)
{
    while (tree->blocks != NULL) {
        arena_block *next = tree->blocks->next;
        free(tree->blocks);
        tree->blocks = next;
    }
    tree->next_block = ARENA_FIRST_BLOCK;
}

/* Free the tree and its arena. */
void json_tree_free(json_tree *tree)
{
    if (tree == NULL)
        return;
    arena_release(tree);
    free(tree);
}

/* The top-level value. */
const json_node *json_tree_root(const json_tree *tree)
{
    return tree->root;
}

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

/* A new value of TYPE on the stack, as the next member of the open container
 * (with its key in an object) or as the top-level value; null instead for
 * a member passed over. NULL for a second top-level value or when out of
 * memory. */
static json_node *push(tree_builder *builder, json_type type)
{
    if (builder->depth == 0 && builder->stack_used > 0)
        return NULL;
    if (builder->stack_used == builder->stack_size) {
        size_t size = builder->stack_size ? builder->stack_size * 2 : 256;
        json_node *larger = size < SIZE_MAX / 2 / sizeof *larger ? realloc(builder->stack, size * sizeof *larger) : NULL;
        if (larger == NULL) {
            builder->tree->out_of_memory = 1;
            return NULL;
        }
        builder->stack = larger;
        builder->stack_size = size;
    }
    json_node *node = &builder->stack[builder->stack_used++];
    int in_object = builder->depth > 0 && builder->stack[builder->open[builder->depth - 1]].type == JSON_OBJECT;
    *node = (json_node){.type = builder->skip_next ? JSON_NULL : type,
                        .key = in_object ? builder->key : NULL,
                        .key_length = in_object ? builder->key_length : 0};
    builder->skip_next = 0;
    return node;
}

/* Whether the value being read lies inside a member passed over. */
static int skipping(const tree_builder *builder)
{
    return builder->skipped_from != 0;
}

/* Event (yajl's, and the plain path's): null. */
static int on_null(void *context)
{
    tree_builder *builder = context;
    return skipping(builder) || push(builder, JSON_NULL) != NULL;
}

/* Event: true or false. */
static int on_boolean(void *context, int value)
{
    tree_builder *builder = context;
    return skipping(builder) || push(builder, value ? JSON_TRUE : JSON_FALSE) != NULL;
}

/* An integer value, unless it lies inside a member passed over. */
static int add_integer(tree_builder *builder, json_int_t integer)
{
    if (skipping(builder))
        return 1;
    json_node *node = push(builder, JSON_INTEGER);
    if (node != NULL)
        node->as.integer = integer;
    return node != NULL;
}

/* Event (yajl's; the plain path reads its integers itself): a number, as
 * text: an integer or a real as jansson reads it; one that overflows goes
 * to jansson, which refuses it. */
static int on_number(void *context, const char *text, size_t length)
{
    tree_builder *builder = context;
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
        if (skipping(builder))
            return 1;
        json_node *node = push(builder, JSON_REAL);
        if (node != NULL)
            node->as.real = real;
        return node != NULL;
    }
    long long integer = strtoll(number, NULL, 10);
    return errno != ERANGE && add_integer(builder, (json_int_t)integer);
}

/* Event: a string, its UTF-8 checked beforehand; copied into the arena
 * unless it is a member passed over. */
static int on_string(void *context, const unsigned char *text, size_t length)
{
    tree_builder *builder = context;
    if (skipping(builder))
        return 1;
    if (builder->skip_next)
        return push(builder, JSON_NULL) != NULL;
    const char *copy = arena_text(builder->tree, text, length);
    json_node *node = copy ? push(builder, JSON_STRING) : NULL;
    if (node == NULL)
        return 0;
    node->length = length;
    node->as.string = copy;
    return 1;
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
        if (push(builder, JSON_NULL) == NULL)
            return 0;
        builder->skipped_from = builder->depth + 1;
    }
    builder->key_start[builder->depth++] = builder->key_count;
    return 1;
}

/* Open a container of TYPE: its node goes on the stack, its members after it. */
static int open_container(tree_builder *builder, json_type type)
{
    if (skipping(builder) || builder->skip_next)
        return open_skipped(builder);
    if (builder->depth == JSON_TREE_DEPTH)
        return 0;
    size_t at = builder->stack_used;
    if (push(builder, type) == NULL)
        return 0;
    builder->open[builder->depth++] = at;
    return 1;
}

/* Event: an object's key, copied into the arena: yajl keeps it only until
 * the value is read. */
static int on_map_key(void *context, const unsigned char *text, size_t length)
{
    tree_builder *builder = context;
    if (skipping(builder))
        return remember_skipped_key(builder, text, length);
    builder->key = arena_text(builder->tree, text, length);
    builder->key_length = length;
    for (const json_tree_skip *skipped = builder->skipped; skipped && skipped->key; skipped++)
        if (skipped->depth == builder->depth && length > 0 && skipped->key[0] == (char)text[0] &&
            strncmp(skipped->key, (const char *)text, length) == 0 && skipped->key[length] == '\0') {
            builder->skip_next = 1;
            break;
        }
    return builder->key != NULL;
}

/* Event: an object opens. */
static int on_start_map(void *context)
{
    return open_container(context, JSON_OBJECT);
}

/* Event: an array opens. */
static int on_start_array(void *context)
{
    return open_container(context, JSON_ARRAY);
}

/* qsort: members by key, the length first. */
static int compare_keys(const void *left, const void *right)
{
    const json_node *a = *(const json_node *const *)left, *b = *(const json_node *const *)right;
    if (a->key_length != b->key_length)
        return a->key_length < b->key_length ? -1 : 1;
    return memcmp(a->key, b->key, a->key_length);
}

/* Whether two of the COUNT MEMBERS of an object have one key; -1 when out
 * of memory. A few are compared pairwise, more are sorted. */
static int has_repeated_key(const json_node *members, size_t count)
{
    if (count <= JSON_PAIRWISE_KEYS) {
        for (size_t index = 1; index < count; index++)
            for (size_t other = 0; other < index; other++)
                if (members[index].key_length == members[other].key_length &&
                    memcmp(members[index].key, members[other].key, members[index].key_length) == 0)
                    return 1;
        return 0;
    }
    const json_node **sorted = malloc(count * sizeof *sorted);
    if (sorted == NULL)
        return -1;
    for (size_t index = 0; index < count; index++)
        sorted[index] = &members[index];
    qsort(sorted, count, sizeof *sorted, compare_keys);
    int repeated = 0;
    for (size_t index = 1; index < count && !repeated; index++)
        repeated = compare_keys(&sorted[index - 1], &sorted[index]) == 0;
    free(sorted);
    return repeated;
}

/* Event: an object or array closes: its members move from the stack to the
 * arena (an object with a repeated key stops the parse: jansson, which
 * refuses it, parses the text); the top-level one marks where the value
 * ends. */
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
    size_t at = builder->open[builder->depth - 1];
    json_node *container = &builder->stack[at];
    size_t count = builder->stack_used - at - 1;
    int repeated = container->type == JSON_OBJECT ? has_repeated_key(container + 1, count) : 0;
    if (repeated < 0)
        builder->tree->out_of_memory = 1;
    if (repeated != 0)
        return 0;
    json_node *members = NULL;
    if (count > 0) {
        members = arena_take(builder->tree, count * sizeof *members, alignof(json_node));
        if (members == NULL)
            return 0;
        memcpy(members, container + 1, count * sizeof *members);
    }
    container->length = count;
    container->as.members = members;
    builder->stack_used = at + 1;
    if (--builder->depth == 0 && builder->handle != NULL)
        builder->value_end = yajl_get_bytes_consumed(builder->handle);
    return 1;
}

/* Whether C is JSON whitespace. */
static int is_json_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Whether TEXT[0..LENGTH) is only JSON whitespace. */
int json_text_is_whitespace(const char *text, size_t length)
{
    for (size_t index = 0; index < length; index++)
        if (!is_json_space(text[index]))
            return 0;
    return 1;
}

/* ------------------------------------------------------------ plain path */

int json_tree_plain_path = 1;

/* Past JSON whitespace from CURSOR: a rubric is indented, a quarter of it
 * spaces and line ends, so sixteen bytes at a step (simd16.h). */
static inline const char *plain_space(const char *cursor, const char *end)
{
    if (cursor < end && !is_json_space(*cursor))
        return cursor;   /* compact JSON: no space at all, the common case */
#if defined(SIMD16)
    const simd16 space = simd16_splat(' '), newline = simd16_splat('\n'), tab = simd16_splat('\t'),
                  carriage_return = simd16_splat('\r');
    while (end - cursor >= 16) {
        simd16 bytes = simd16_load(cursor);
        simd16 blank = simd16_or(simd16_or(simd16_equal(bytes, space), simd16_equal(bytes, newline)),
                                     simd16_or(simd16_equal(bytes, tab), simd16_equal(bytes, carriage_return)));
        unsigned other = ~simd16_mask(blank) & 0xffffu;
        if (other)
            return cursor + __builtin_ctz(other);
        cursor += 16;
    }
#endif
    while (cursor < end && is_json_space(*cursor))
        cursor++;
    return cursor;
}

/* BYTES appended to the builder's buffer of decoded text. */
static int plain_decoded(tree_builder *builder, const char *bytes, size_t length)
{
    if (length == 0)
        return 1;
    if (builder->decoded_size - builder->decoded_used < length) {
        size_t size = builder->decoded_size ? builder->decoded_size : 256;
        while (size - builder->decoded_used < length)
            size *= 2;
        char *larger = realloc(builder->decoded, size);
        if (larger == NULL) {
            builder->tree->out_of_memory = 1;
            return 0;
        }
        builder->decoded = larger;
        builder->decoded_size = size;
    }
    memcpy(builder->decoded + builder->decoded_used, bytes, length);
    builder->decoded_used += length;
    return 1;
}

/* The four hex digits at TEXT (before END) as a number, or -1. */
static long plain_hex4(const char *text, const char *end)
{
    if (end - text < 4)
        return -1;
    long value = 0;
    for (int index = 0; index < 4; index++) {
        char c = text[index];
        int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                   : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

/* The \u escape at BACKSLASH (a surrogate pair takes two) decoded to
 * UTF-8 into the builder's buffer, as jansson decodes it; the byte after
 * it, or NULL to decline the text for jansson's error (a \u0000, a lone
 * surrogate, a digit that is not hex). */
static const char *plain_unicode_escape(tree_builder *builder, const char *backslash, const char *end)
{
    long code = plain_hex4(backslash + 2, end);
    const char *after = backslash + 6;
    if (code >= 0xD800 && code <= 0xDBFF) {
        long low = end - after >= 2 && after[0] == '\\' && after[1] == 'u' ? plain_hex4(after + 2, end) : -1;
        if (low < 0xDC00 || low > 0xDFFF)
            return NULL;
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        after += 6;
    } else if (code <= 0 || (code >= 0xDC00 && code <= 0xDFFF)) {
        return NULL;
    }
    char bytes[4];
    size_t size;
    if (code < 0x80) {
        bytes[0] = (char)code;
        size = 1;
    } else if (code < 0x800) {
        bytes[0] = (char)(0xC0 | (code >> 6));
        bytes[1] = (char)(0x80 | (code & 0x3F));
        size = 2;
    } else if (code < 0x10000) {
        bytes[0] = (char)(0xE0 | (code >> 12));
        bytes[1] = (char)(0x80 | ((code >> 6) & 0x3F));
        bytes[2] = (char)(0x80 | (code & 0x3F));
        size = 3;
    } else {
        bytes[0] = (char)(0xF0 | (code >> 18));
        bytes[1] = (char)(0x80 | ((code >> 12) & 0x3F));
        bytes[2] = (char)(0x80 | ((code >> 6) & 0x3F));
        bytes[3] = (char)(0x80 | (code & 0x3F));
        size = 4;
    }
    return plain_decoded(builder, bytes, size) ? after : NULL;
}

/* The string whose opening quote is at QUOTE: *TEXT and *LENGTH are its
 * bytes in the text when it has no escape, else in the builder's buffer,
 * decoded. Returns the byte after its closing quote, or NULL to decline
 * the text (an unknown escape, a \u escape jansson refuses, a control
 * character, no closing quote, invalid UTF-8). A string with a byte of 128 or more has its UTF-8
 * checked, escapes and all (they are ASCII); elsewhere such a byte is
 * declined, so the whole text is checked as jansson checks it. */
static const char *plain_string(tree_builder *builder, const char *quote, const char *end, const char **text,
                                size_t *length)
{
    const char *start = quote + 1, *stop = json_string_stop(start, end);
    int non_ascii = 0, escaped = 0;
    for (;;) {
        while (stop < end && (unsigned char)*stop >= 0x80) {
            non_ascii = 1;
            stop = json_string_stop(stop + 1, end);
        }
        if (stop == end || (*stop != '"' && *stop != '\\'))
            return NULL;
        if (*stop == '"')
            break;
        escaped = 1;
        stop = stop + 1 == end ? end : json_string_stop(stop + 2, end);
    }
    if (non_ascii && !audit_is_utf8((const unsigned char *)start, (size_t)(stop - start)))
        return NULL;
    if (!escaped) {
        *text = start;
        *length = (size_t)(stop - start);
        return stop + 1;
    }
    /* decoded into the buffer: the escapes are known to end before STOP */
    builder->decoded_used = 0;
    for (const char *read = start; read < stop;) {
        const char *backslash = memchr(read, '\\', (size_t)(stop - read));
        const char *run_end = backslash ? backslash : stop;
        if (!plain_decoded(builder, read, (size_t)(run_end - read)))
            return NULL;
        if (backslash == NULL)
            break;
        if (backslash[1] == 'u') {
            read = plain_unicode_escape(builder, backslash, stop);
            if (read == NULL)
                return NULL;
            continue;
        }
        static const char escapes[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
        const char *escape = backslash[1] ? strchr(escapes, backslash[1]) : NULL;
        if (escape == NULL || (escape - escapes) % 2 != 0 || !plain_decoded(builder, escape + 1, 1))
            return NULL;
        read = backslash + 2;
    }
    *text = builder->decoded;
    *length = builder->decoded_used;
    return stop + 1;
}

/* An integer as rubricc writes them (no fraction, no exponent, at most 18
 * digits, so it cannot overflow), read as strtoll reads it on yajl's way;
 * the byte after it, or NULL to decline the text. */
static const char *plain_integer(tree_builder *builder, const char *cursor, const char *end)
{
    const char *start = cursor;   /* '-' or the first digit */
    if (cursor < end && *cursor == '-')
        cursor++;
    const char *digits = cursor;
    while (cursor < end && *cursor >= '0' && *cursor <= '9')
        cursor++;
    size_t count = (size_t)(cursor - digits);
    if (count == 0 || count > 18 || (*digits == '0' && count > 1) ||
        (cursor < end && (*cursor == '.' || *cursor == 'e' || *cursor == 'E')))
        return NULL;
    json_int_t value = 0;
    for (const char *digit = digits; digit < cursor; digit++)
        value = value * 10 + (*digit - '0');
    return add_integer(builder, start == digits ? value : -value) ? cursor : NULL;
}

/* true, false or null at CURSOR, handed to its callback; the byte after
 * it, or NULL to decline the text. */
static const char *plain_word(tree_builder *builder, const char *cursor, const char *end)
{
    static const char *const words[] = {"true", "false", "null"};
    for (unsigned index = 0; index < 3; index++) {
        size_t size = strlen(words[index]);
        if ((size_t)(end - cursor) >= size && memcmp(cursor, words[index], size) == 0)
            return (index == 2 ? on_null(builder) : on_boolean(builder, index == 0)) ? cursor + size : NULL;
    }
    return NULL;
}

/* Read the text by the plain path into the builder, through the callbacks
 * yajl's events call; 1 when it was read, 0 when it is declined (anything
 * but objects, arrays, strings with the simple escapes, integers, true,
 * false and null, separated by JSON whitespace; a repeated key, nesting
 * deeper than JSON_TREE_DEPTH, or anything after the value). */
static int read_plain(tree_builder *builder)
{
    const char *cursor = builder->text, *end = builder->text + builder->length, *text;
    size_t length;
    char is_array[JSON_TREE_DEPTH + 1];
    for (;;) {
        /* a value */
        cursor = plain_space(cursor, end);
        if (cursor == end)
            return 0;
        int opened = 0;
        switch (*cursor) {
        case '"':
            cursor = plain_string(builder, cursor, end, &text, &length);
            if (cursor == NULL || !on_string(builder, (const unsigned char *)text, length))
                return 0;
            break;
        case '{':
        case '[':
            if (!(*cursor == '{' ? on_start_map(builder) : on_start_array(builder)))
                return 0;
            is_array[builder->depth] = *cursor == '[';
            cursor++;
            opened = 1;
            break;
        case 't':
        case 'f':
        case 'n':
            cursor = plain_word(builder, cursor, end);
            break;
        default:
            cursor = plain_integer(builder, cursor, end);
            break;
        }
        if (cursor == NULL)
            return 0;
        /* what follows: an empty container's end, then ',' or the ends of containers */
        for (int first = opened;; first = 0) {
            cursor = plain_space(cursor, end);
            if (builder->depth == 0)
                return cursor == end;   /* the value is complete: only whitespace may follow */
            if (cursor == end)
                return 0;
            if (*cursor == (is_array[builder->depth] ? ']' : '}')) {
                if (!on_end(builder))
                    return 0;
                cursor++;
                continue;
            }
            if (!first) {
                if (*cursor != ',')
                    return 0;
                cursor = plain_space(cursor + 1, end);
            }
            break;
        }
        if (is_array[builder->depth])
            continue;
        /* an object's key, then ':' */
        if (cursor == end || *cursor != '"')
            return 0;
        cursor = plain_string(builder, cursor, end, &text, &length);
        if (cursor == NULL || !on_map_key(builder, (const unsigned char *)text, length))
            return 0;
        cursor = plain_space(cursor, end);
        if (cursor == end || *cursor != ':')
            return 0;
        cursor++;
    }
}

/* ------------------------------------------------------------ yajl's way */

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

/* The text read by yajl's event parser into the builder; 1 when it was
 * read, 0 when jansson must judge it. */
static int read_by_yajl(tree_builder *builder)
{
    if (json_text_needs_jansson(builder->text, builder->length))
        return 0;
    builder->handle = yajl_alloc(&tree_callbacks, NULL, builder);
    if (builder->handle == NULL) {
        builder->tree->out_of_memory = 1;
        return 0;
    }
    yajl_config(builder->handle, yajl_dont_validate_strings, 1);   /* checked above */
    yajl_status status = yajl_parse(builder->handle, (const unsigned char *)builder->text, builder->length);
    if (status == yajl_status_ok)
        status = yajl_complete_parse(builder->handle);
    yajl_free(builder->handle);
    /* after a complete value yajl passes over the start of a token it never
     * finishes ('{} "') */
    return status == yajl_status_ok &&
           json_text_is_whitespace(builder->text + builder->value_end, builder->length - builder->value_end);
}

/* The tree into TREE's arena, by the plain path (BY_PLAIN) or by yajl; 0
 * when the text is declined (the arena then holds what was built). */
static int build(json_tree *tree, const char *text, size_t length, const json_tree_skip *skipped, int by_plain)
{
    tree_builder *builder = calloc(1, sizeof *builder);
    if (builder == NULL) {
        tree->out_of_memory = 1;
        return 0;
    }
    builder->tree = tree;
    builder->text = text;
    builder->length = length;
    builder->skipped = skipped;
    int read = by_plain ? read_plain(builder) : read_by_yajl(builder);
    /* jansson reads one object or array, nothing else */
    read = read && builder->depth == 0 && builder->stack_used == 1 &&
           (builder->stack[0].type == JSON_OBJECT || builder->stack[0].type == JSON_ARRAY);
    json_node *root = read ? arena_take(tree, sizeof *root, alignof(json_node)) : NULL;
    if (root != NULL) {
        *root = builder->stack[0];
        tree->root = root;
    }
    free(builder->decoded);
    free(builder->stack);
    free(builder);
    return root != NULL;
}

/* jansson's VALUE copied into the arena as NODE (whose key is set by the
 * caller); 0 when out of memory. */
static int copy_from_jansson(json_tree *tree, json_t *value, json_node *node)
{
    *node = (json_node){.type = json_typeof(value)};
    switch (node->type) {
    case JSON_STRING:
        node->length = json_string_length(value);
        node->as.string = arena_text(tree, json_string_value(value), node->length);
        return node->as.string != NULL;
    case JSON_INTEGER:
        node->as.integer = json_integer_value(value);
        return 1;
    case JSON_REAL:
        node->as.real = json_real_value(value);
        return 1;
    case JSON_ARRAY:
    case JSON_OBJECT:
        break;
    default:
        return 1;
    }
    int is_object = node->type == JSON_OBJECT;
    node->length = is_object ? json_object_size(value) : json_array_size(value);
    if (node->length == 0)
        return 1;
    json_node *members = arena_take(tree, node->length * sizeof *members, alignof(json_node));
    if (members == NULL)
        return 0;
    node->as.members = members;
    if (!is_object) {
        for (size_t index = 0; index < node->length; index++)
            if (!copy_from_jansson(tree, json_array_get(value, index), &members[index]))
                return 0;
        return 1;
    }
    const char *key;
    json_t *member;
    size_t index = 0;
    json_object_foreach(value, key, member) {
        if (!copy_from_jansson(tree, member, &members[index]))
            return 0;
        members[index].key_length = strlen(key);
        members[index].key = arena_text(tree, key, members[index].key_length);
        if (members[index++].key == NULL)
            return 0;
    }
    return 1;
}

/* "out of memory" in *ERROR, at no place; answers 0. */
static int out_of_memory(json_error_t *error)
{
    memset(error, 0, sizeof *error);
    error->line = error->column = -1;
    snprintf(error->text, sizeof error->text, "out of memory");
    return 0;
}

/* jansson's allocator while json_load_checked parses on this thread: after
 * one failure every allocation fails at once (see json_load_checked). It
 * wraps the allocator jansson had when it was installed, the application's
 * own if it set one, and changes nothing for any other parse. */
static _Thread_local int jansson_checked, jansson_failed;
static json_malloc_t jansson_malloc = malloc;
static json_free_t jansson_free = free;
static pthread_once_t jansson_wrapped = PTHREAD_ONCE_INIT;

static void *checked_malloc(size_t size)
{
    if (jansson_checked && jansson_failed)
        return NULL;
    void *memory = jansson_malloc(size);
    if (memory == NULL && jansson_checked)
        jansson_failed = 1;
    return memory;
}

static void checked_free(void *memory)
{
    jansson_free(memory);
}

static void wrap_jansson_allocator(void)
{
    json_get_alloc_funcs(&jansson_malloc, &jansson_free);
    if (jansson_malloc == NULL || jansson_free == NULL) {
        jansson_malloc = malloc;
        jansson_free = free;
    }
    json_set_alloc_funcs(checked_malloc, checked_free);
}

/* jansson's lexer ignores a failed growth of its buffer for a string and
 * tries again at each following byte, so that under a memory limit a long
 * string costs a failing system call per byte: minutes of spinning for a
 * string of 200 MB. Here the first failure makes every later allocation of
 * the parse fail at once, so it ends in time proportional to the text. */
json_t *json_load_checked(const char *text, size_t length, size_t flags, json_error_t *error)
{
    pthread_once(&jansson_wrapped, wrap_jansson_allocator);
    jansson_checked = 1;
    jansson_failed = 0;
    json_t *parsed = json_loadb(text, length, flags, error);
    int failed = jansson_failed;
    jansson_checked = 0;
    jansson_failed = 0;
    if (failed) {
        json_decref(parsed);
        out_of_memory(error);
        return NULL;
    }
    return parsed;
}

/* jansson's parse of the text, copied into TREE's arena; 0 with jansson's
 * error. */
static int load_by_jansson(json_tree *tree, const char *text, size_t length, json_error_t *error)
{
    json_t *parsed = json_load_checked(text, length, JSON_REJECT_DUPLICATES, error);
    if (parsed == NULL)
        return 0;
    json_node *root = arena_take(tree, sizeof *root, alignof(json_node));
    int copied = root != NULL && copy_from_jansson(tree, parsed, root);
    json_decref(parsed);
    if (!copied)
        return out_of_memory(error);
    tree->root = root;
    return 1;
}

/* The plain path's tree, else yajl's, else jansson's (the whole of it),
 * else jansson's error. */
json_tree *json_tree_load(const char *text, size_t length, const json_tree_skip *skipped, json_error_t *error)
{
    json_tree *tree = calloc(1, sizeof *tree);
    if (tree == NULL) {
        out_of_memory(error);
        return NULL;
    }
    tree->next_block = ARENA_FIRST_BLOCK;
    for (int by_plain = json_tree_plain_path; by_plain >= 0; by_plain--) {
        if (build(tree, text, length, skipped, by_plain)) {
            memset(error, 0, sizeof *error);
            return tree;
        }
        arena_release(tree);
        if (tree->out_of_memory) {
            /* not the text's fault: another reader would run out too */
            json_tree_free(tree);
            out_of_memory(error);
            return NULL;
        }
    }
    if (load_by_jansson(tree, text, length, error))
        return tree;
    json_tree_free(tree);
    return NULL;
}

/* Whether VALUE is of TYPE. */
int json_node_is(const json_node *value, json_type type)
{
    return value != NULL && value->type == type;
}

/* Whether VALUE is true or false. */
int json_node_is_boolean(const json_node *value)
{
    return json_node_is(value, JSON_TRUE) || json_node_is(value, JSON_FALSE);
}

/* Whether VALUE is a number. */
int json_node_is_number(const json_node *value)
{
    return json_node_is(value, JSON_INTEGER) || json_node_is(value, JSON_REAL);
}

/* OBJECT's member KEY, by a look at each member. */
const json_node *json_node_member(const json_node *object, const char *key)
{
    if (!json_node_is(object, JSON_OBJECT))
        return NULL;
    size_t length = strlen(key);
    for (size_t index = 0; index < object->length; index++) {
        const json_node *member = &object->as.members[index];
        if (member->key_length == length && memcmp(member->key, key, length) == 0)
            return member;
    }
    return NULL;
}

/* ARRAY's item INDEX. */
const json_node *json_node_item(const json_node *array, size_t index)
{
    return json_node_is(array, JSON_ARRAY) && index < array->length ? &array->as.members[index] : NULL;
}

/* The members of a container. */
size_t json_node_size(const json_node *value)
{
    return json_node_is(value, JSON_ARRAY) || json_node_is(value, JSON_OBJECT) ? value->length : 0;
}

/* A string's text. */
const char *json_node_string(const json_node *value)
{
    return json_node_is(value, JSON_STRING) ? value->as.string : NULL;
}

/* An integer's value. */
json_int_t json_node_integer(const json_node *value)
{
    return json_node_is(value, JSON_INTEGER) ? value->as.integer : 0;
}

/* A number's value. */
double json_node_number(const json_node *value)
{
    return json_node_is(value, JSON_INTEGER) ? (double)value->as.integer
           : json_node_is(value, JSON_REAL)  ? value->as.real
                                             : 0;
}
