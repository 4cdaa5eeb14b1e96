/*
 * audit_json.c — a JSON Lines record read straight into a rubric_audit,
 * by a plain path of its own or by yajl's event parser (see audit_json.h).
 *
 * Both ways drive the same callbacks (take_value, take_key, the end of a
 * container), so a record is built the same whichever read it. The plain
 * path (below, "the plain path") takes the lines audits nearly always are
 * and declines anything unusual, which yajl then reads from the start.
 *
 * One yajl handle serves the whole input: it is configured for a stream of
 * values, fed one line at a time and finished after each, and replaced only
 * after a line it refused. Callbacks follow the record's shape by a role
 * per open container (the record, its grades, the auditor's grades and
 * their sections); every other container is walked but ignored. Strings
 * are copied, NUL-terminated, into one buffer reserved per line; grades go
 * into entry lists that keep their memory.
 *
 * When told the rubric (json_record_reader_set_rubric), the reader knows
 * its criterion ids: a key of grades that is one of them is found, and a
 * repeat of it caught, by a mark per criterion instead of the hash table
 * of keys, and its entry carries the model's own id string, which the
 * grader matches by address. The plain path goes further for the pairs
 * audits are written in (read_known_grades): the next criterion in the
 * rubric's order, its colon and the comma after its grade written as on
 * the line before, are matched by comparing bytes with patterns learnt
 * from that line; so are the record's own fields (read_known_field), in
 * the order the line before wrote them, a repeat caught by a bit per
 * field. Neither changes what a line means: the fuzzer reads every input
 * this way and by yajl without the ids, and compares.
 *
 * The event reader must accept exactly the lines jansson accepts (with
 * JSON_REJECT_DUPLICATES), so that a record reads the same whichever way it
 * went before. Where yajl is more lenient the reader checks for itself:
 * duplicate keys in any object, jansson's nesting limit, integers and reals
 * that overflow, a top-level value that is not an object or array. Two
 * lenient spots are settled before yajl sees the line: a line holding \v or
 * \f (whitespace to yajl) or invalid UTF-8 goes to jansson at once, and a
 * line with \u escapes (yajl lets a lone surrogate or \u0000 through) is
 * checked by jansson first. Whenever the event reader refuses a line,
 * jansson parses it again to say what is wrong, in the words the golden
 * tests pin.
 *
 * The reader's state is in audit_json_reader.h; the rubric's ids and the
 * learnt patterns are built in audit_json_ids.c, and a parsed record is
 * checked and made an audit in audit_json_check.c. What runs for every
 * line (the plain path, the events and the steps they share, inline) is
 * here, together, so that the compiler can inline it.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <yajl/yajl_parse.h>
#include "simd16.h"

#include "audit_json.h"
#include "audit_json_reader.h"
#include "audit_support.h"
#include "json_tree.h"

/* jansson's nesting limit, counted in values: the top-level value is 1. */
enum { VALUE_DEPTH_LIMIT = JSON_PARSER_MAX_DEPTH };

/* The field names, in record_field order, and their lengths, for matching keys. */
static const char *const field_names[FIELD_COUNT] = {FIELD_NAMES(FIELD_NAME)};
static const size_t field_name_lengths[FIELD_COUNT] = {FIELD_NAMES(FIELD_NAME_LENGTH)};

/* Create yajl's handle for a stream of values, strings checked by us. */
static yajl_handle new_handle(json_record_reader *reader);

/* A reader with empty buffers; they grow on first use. */
json_record_reader *json_record_reader_new(void)
{
    json_record_reader *reader = calloc(1, sizeof *reader);
    if (reader == NULL)
        return NULL;
    reader->object_numbers = calloc(VALUE_DEPTH_LIMIT + 1, sizeof *reader->object_numbers);
    for (unsigned state = 0; state < FIELD_STATES; state++)
        reader->next_fields[state] = FIELD_OTHER;
    reader->handle = new_handle(reader);
    if (reader->object_numbers == NULL || reader->handle == NULL) {
        json_record_reader_free(reader);
        return NULL;
    }
    return reader;
}

/* Free the reader, its handle and its buffers. */
void json_record_reader_free(json_record_reader *reader)
{
    if (reader == NULL)
        return;
    if (reader->handle)
        yajl_free(reader->handle);
    free(reader->strings);
    free(reader->slots);
    free(reader->object_numbers);
    free(reader->grades.entries);
    free(reader->sections.entries);
    free(reader->comments.entries);
    free(reader->fields.entries);
    json_record_free_containers(reader);
    free(reader->known);
    free(reader->known_slots);
    free(reader->key_patterns);
    free(reader);
}

/* ------------------------------------------------------------ line strings */

/* A NUL-terminated copy of TEXT[0..LENGTH) in the line's string buffer, or
 * NULL if the reservation made for the line would be exceeded. */
static const char *keep_string(json_record_reader *reader, const unsigned char *text, size_t length)
{
    if (reader->strings_capacity - reader->strings_used < length + 1)
        return NULL;
    char *copy = reader->strings + reader->strings_used;
    memcpy(copy, text, length);
    copy[length] = '\0';
    reader->strings_used += length + 1;
    return copy;
}

/* ---------------------------------------------------------- duplicate keys */

/* The slot where (OBJECT, KEY) is or would go. */
static inline key_slot *find_slot(const json_record_reader *reader, unsigned object, uint64_t hash,
                                  const char *key, size_t length)
{
    size_t index = (size_t)((hash ^ (object * 0x9E3779B97F4A7C15u)) & reader->slot_mask);
    for (;; index = (index + 1) & reader->slot_mask) {
        key_slot *slot = &reader->slots[index];
        if (slot->generation != reader->generation)
            return slot;
        if (slot->object == object && slot->hash == hash && slot->length == length &&
            memcmp(slot->key, key, length) == 0)
            return slot;
    }
}

/* Double the key table (or make the first one), keeping this line's keys. */
static int grow_key_table(json_record_reader *reader)
{
    key_slot *old = reader->slots;
    size_t old_count = old ? (size_t)reader->slot_mask + 1 : 0;
    size_t count = old_count ? old_count * 2 : 256;
    reader->slots = calloc(count, sizeof *reader->slots);
    if (reader->slots == NULL) {
        reader->slots = old;
        return 0;
    }
    reader->slot_mask = (unsigned)(count - 1);
    for (size_t index = 0; index < old_count; index++)
        if (old[index].generation == reader->generation)
            *find_slot(reader, old[index].object, old[index].hash, old[index].key, old[index].length) = old[index];
    free(old);
    return 1;
}

/* Note KEY, of hash HASH (hash_key), in the object open at the current
 * depth; 0 when it is there already. */
static inline int add_key(json_record_reader *reader, const char *key, size_t length, uint64_t hash)
{
    if ((reader->slots_used + 1) * 2 > reader->slot_mask + 1 || reader->slots == NULL) {
        if (!grow_key_table(reader)) {
            reader->out_of_memory = 1;
            return 0;
        }
    }
    unsigned object = reader->object_numbers[reader->depth];
    key_slot *slot = find_slot(reader, object, hash, key, length);
    if (slot->generation == reader->generation)
        return 0;
    *slot = (key_slot){reader->generation, object, hash, key, length};
    reader->slots_used++;
    return 1;
}

/* ------------------------------------------------------ known criterion ids */

/* The known criterion KEY[0..LENGTH) names, or -1: the one after the last
 * found is tried first, then the table. */
static inline int find_known(json_record_reader *reader, const char *key, size_t length)
{
    unsigned expected = reader->known_expected;
    if (expected < reader->known_count && reader->known[expected].length == length &&
        memcmp(reader->known[expected].id, key, length) == 0) {
        reader->known_expected = expected + 1;
        return (int)expected;
    }
    for (size_t slot = (size_t)(hash_key(key, length) & reader->known_mask);; slot = (slot + 1) & reader->known_mask) {
        unsigned entry = reader->known_slots[slot];
        if (entry == 0)
            return -1;
        const known_id *known = &reader->known[entry - 1];
        if (known->length == length && memcmp(known->id, key, length) == 0) {
            reader->known_expected = entry;
            return (int)(entry - 1);
        }
    }
}

/* Note that this line's grades name known criterion INDEX, whose grade
 * comes next; 0 when they named it already (a repeated key). */
static inline int note_known(json_record_reader *reader, unsigned index)
{
    known_id *known = &reader->known[index];
    if (known->seen == reader->generation)
        return 0;
    known->seen = reader->generation;
    reader->entry_key = known->id;
    return 1;
}

/* ---------------------------------------------------------------- events */

/* Add ID -> GRADE to an entry list; it grows only while records do. */
static inline int add_grade_entry(json_record_reader *reader, entry_list *list, const char *id, const char *grade)
{
    if (list->count == list->capacity) {
        void *entries = list->entries;
        if (!audit_reserve(&entries, &list->capacity, list->count + 1, sizeof *list->entries)) {
            reader->out_of_memory = 1;
            return 0;
        }
        list->entries = entries;
    }
    list->entries[list->count++] = (rubric_entry){id, grade};
    return 1;
}

/* A value in grades, sections or comments: a string is kept, and in
 * grades and sections a number (a score) as written; null is as if the
 * id were left out; anything else is noted. */
static inline int take_grade(json_record_reader *reader, entry_list *list, field_kind kind, const char *text)
{
    if (kind == KIND_STRING || (kind == KIND_NUMBER && list != &reader->comments))
        return add_grade_entry(reader, list, reader->entry_key, text);
    if (kind == KIND_NULL)
        return 1;
    if (list->first_non_string == NULL)
        list->first_non_string = reader->entry_key;
    return 1;
}

/* The role of a container that is the value of FIELD. */
static container_role role_of_field(record_field field)
{
    switch (field) {
    case FIELD_GRADES: return ROLE_GRADES;
    case FIELD_AUDITOR_GRADES: return ROLE_AUDITOR_GRADES;
    case FIELD_SECTIONS: return ROLE_SECTIONS;
    case FIELD_COMMENTS: return ROLE_COMMENTS;
    default: return ROLE_IGNORED;
    }
}

/* Any value: check the nesting, put it where the audit wants it, and open
 * it when it is a container. TEXT is its copy when it is a string. */
static inline int take_value(json_record_reader *reader, field_kind kind, int is_container, const char *text)
{
    unsigned depth = reader->depth;
    container_role child_role = ROLE_IGNORED;
    if (depth + 1 > VALUE_DEPTH_LIMIT)
        return 0;
    if (depth == 0) {
        /* jansson reads one object or array per line, nothing else */
        if (reader->value_count++ > 0 || !is_container)
            return 0;
        reader->is_object = kind == KIND_OBJECT;
        child_role = reader->is_object ? ROLE_RECORD : ROLE_IGNORED;
    } else {
        container_role role = ROLE_IGNORED;
        record_field field = FIELD_OTHER;
        if (depth <= ROLE_DEPTH) {
            role = reader->roles[depth];
            field = reader->key_fields[depth];
        }
        switch (role) {
        case ROLE_RECORD:
            /* a member that is none of the record's own: a fact or a
             * field passed through, kept as text (a boolean as yes or no) */
            if (field == FIELD_OTHER && text != NULL && !is_container &&
                !add_grade_entry(reader, &reader->fields, reader->entry_key, text))
                return 0;
            if (field == FIELD_OTHER && (text == NULL && kind != KIND_NULL) && reader->fields.first_non_string == NULL)
                reader->fields.first_non_string = reader->entry_key;
            /* fall through */
        case ROLE_AUDITOR_GRADES:
            if (field != FIELD_OTHER) {
                reader->kinds[field] = kind;
                reader->texts[field] = kind == KIND_OTHER ? NULL : text;
                if (kind == KIND_OBJECT)
                    child_role = role_of_field(field);
            }
            break;
        case ROLE_GRADES:
            if (!take_grade(reader, &reader->grades, kind, text))
                return 0;
            break;
        case ROLE_SECTIONS:
            if (!take_grade(reader, &reader->sections, kind, text))
                return 0;
            break;
        case ROLE_COMMENTS:
            if (!take_grade(reader, &reader->comments, kind, text))
                return 0;
            break;
        case ROLE_IGNORED:
            break;
        }
    }
    if (is_container) {
        reader->depth = ++depth;
        if (depth <= ROLE_DEPTH) {
            reader->roles[depth] = child_role;
            reader->fields_seen[depth] = 0;
            reader->last_fields[depth] =
                child_role == ROLE_AUDITOR_GRADES ? FIELD_START_AUDITOR_GRADES : FIELD_START_RECORD;
        }
        if (kind == KIND_OBJECT)
            reader->object_numbers[depth] = ++reader->object_count;
    }
    return 1;
}

/* yajl: null. */
static int on_null(void *context)
{
    return take_value(context, KIND_NULL, 0, NULL);
}

/* yajl: true or false. */
static int on_boolean(void *context, int value)
{
    return take_value(context, KIND_OTHER, 0, value ? "yes" : "no");
}

/* yajl: a number, as text; refused where jansson would overflow. */
static int on_number(void *context, const char *text, size_t length)
{
    json_record_reader *reader = context;
    const char *number = keep_string(reader, (const unsigned char *)text, length);
    if (number == NULL)
        return 0;
    errno = 0;
    if (strpbrk(number, ".eE") != NULL) {
        double real = strtod(number, NULL);
        if ((real == HUGE_VAL || real == -HUGE_VAL) && errno == ERANGE)
            return 0;
    } else {
        (void)strtoll(number, NULL, 10);
        if (errno == ERANGE)
            return 0;
    }
    return take_value(reader, KIND_NUMBER, 0, number);
}

/* yajl: a string value. */
static int on_string(void *context, const unsigned char *text, size_t length)
{
    json_record_reader *reader = context;
    const char *copy = keep_string(reader, text, length);
    return copy != NULL && take_value(reader, KIND_STRING, 0, copy);
}

/* yajl: an object opens. */
static int on_start_map(void *context)
{
    return take_value(context, KIND_OBJECT, 1, NULL);
}

/* yajl: an array opens. */
static int on_start_array(void *context)
{
    return take_value(context, KIND_OTHER, 1, NULL);
}

/* yajl: an object or array closes; the top-level one marks where the value ends. */
static int on_end(void *context)
{
    json_record_reader *reader = context;
    if (--reader->depth == 0)
        reader->value_end = yajl_get_bytes_consumed(reader->handle);
    return 1;
}

/* The field KEY names in a container of ROLE. */
static record_field field_of_key(container_role role, const char *key, size_t length)
{
    record_field first = role == ROLE_RECORD ? FIELD_CASE : FIELD_OVERALL;
    record_field last = role == ROLE_RECORD ? FIELD_AUDITOR_GRADES : FIELD_SECTIONS;
    for (record_field field = first; field <= last; field++)
        if (field_name_lengths[field] == length && memcmp(field_names[field], key, length) == 0)
            return field;
    return FIELD_OTHER;
}

/* An object key, already copied: a second use in the same object is
 * refused; in the record and its grades it names a field or an id. In
 * grades, a criterion of the rubric is found and checked for a repeat by
 * the known ids; any other key goes into the table of keys. */
static inline int take_key(json_record_reader *reader, const char *key, size_t length)
{
    unsigned depth = reader->depth;
    container_role role = depth <= ROLE_DEPTH ? reader->roles[depth] : ROLE_IGNORED;
    if (role == ROLE_GRADES && reader->known_count) {
        int index = find_known(reader, key, length);
        if (index >= 0)
            return note_known(reader, (unsigned)index);
    }
    if (role == ROLE_RECORD || role == ROLE_AUDITOR_GRADES) {
        /* a field is checked for a repeat by its bit; only another key,
         * which no field can equal, goes into the table */
        record_field field = reader->key_fields[depth] = field_of_key(role, key, length);
        reader->next_fields[reader->last_fields[depth]] = field;
        reader->last_fields[depth] = field;
        if (field != FIELD_OTHER) {
            unsigned bit = 1u << field;
            if (reader->fields_seen[depth] & bit)
                return 0;
            reader->fields_seen[depth] |= bit;
            return 1;
        }
    }
    if (!add_key(reader, key, length, hash_key(key, length)))
        return 0;
    if (role == ROLE_GRADES || role == ROLE_SECTIONS || role == ROLE_COMMENTS || role == ROLE_RECORD)
        reader->entry_key = key;
    return 1;
}

/* yajl: an object key. */
static int on_map_key(void *context, const unsigned char *text, size_t length)
{
    json_record_reader *reader = context;
    const char *key = keep_string(reader, text, length);
    return key != NULL && take_key(reader, key, length);
}

static const yajl_callbacks event_callbacks = {
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

/* A handle for a stream of values; UTF-8 is checked before yajl sees a line. */
static yajl_handle new_handle(json_record_reader *reader)
{
    yajl_handle handle = yajl_alloc(&event_callbacks, NULL, reader);
    if (handle) {
        yajl_config(handle, yajl_allow_multiple_values, 1);
        yajl_config(handle, yajl_dont_validate_strings, 1);
    }
    return handle;
}

/* ------------------------------------------------------------ the line */

/* Empty the record state and reserve room for every string of a line of LENGTH bytes. */
static int begin_line(json_record_reader *reader, size_t length)
{
    size_t needed = 2 * length + 16;
    if (reader->strings_capacity < needed) {
        char *larger = realloc(reader->strings, needed);
        if (larger == NULL)
            return 0;
        reader->strings = larger;
        reader->strings_capacity = needed;
    }
    reader->strings_used = 0;
    if (++reader->generation == 0) {
        /* after 2^32 lines, clear the table so no slot looks current */
        if (reader->slots)
            memset(reader->slots, 0, ((size_t)reader->slot_mask + 1) * sizeof *reader->slots);
        for (unsigned index = 0; index < reader->known_count; index++)
            reader->known[index].seen = 0;
        reader->generation = 1;
    }
    reader->slots_used = 0;
    reader->known_expected = 0;
    reader->object_count = 0;
    reader->object_numbers[0] = 0;
    reader->depth = 0;
    reader->value_count = 0;
    reader->is_object = 0;
    reader->value_end = 0;
    reader->entry_key = NULL;
    reader->out_of_memory = 0;
    for (unsigned field = 0; field < FIELD_COUNT; field++) {
        reader->kinds[field] = KIND_ABSENT;
        reader->texts[field] = NULL;
    }
    reader->grades.count = 0;
    reader->grades.first_non_string = NULL;
    reader->sections.count = 0;
    reader->sections.first_non_string = NULL;
    reader->comments.count = 0;
    reader->comments.first_non_string = NULL;
    reader->fields.count = 0;
    reader->fields.first_non_string = NULL;
    return 1;
}

/* yajl refused the line: replace its handle, and say what is wrong. */
static int explain_refusal(json_record_reader *reader, const char *line, size_t length)
{
    char yajl_words[256] = "not one JSON value";
    unsigned char *error = yajl_get_error(reader->handle, 0, (const unsigned char *)line, length);
    if (error) {
        snprintf(yajl_words, sizeof yajl_words, "%.*s", (int)strcspn((const char *)error, "\n"),
                 (const char *)error);
        yajl_free_error(reader->handle, error);
    }
    yajl_free(reader->handle);
    reader->handle = new_handle(reader);
    /* jansson accepting it is not expected: the checks keep the parsers in step */
    if (json_record_jansson_accepts(reader, line, length))
        json_record_malformed(reader, (int)length, yajl_words);
    return reader->handle != NULL;
}

/* ------------------------------------------------------- the plain path */

/* The plain path reads the lines audits nearly always are, several times
 * faster than yajl: objects, arrays, strings (escapes but \\u decoded in
 * place), true, false and null, at most PLAIN_DEPTH deep. It drives the same take_value and
 * take_key as yajl's callbacks, so a record reads the same either way. It
 * copies the line once and ends each string in place, instead of copying
 * string by string. Anything else (a number, a \\u escape, a control
 * character, a syntax error, a repeated key) declines the line, and yajl
 * reads it from the start as before, errors and all. The steps it shares
 * with yajl's callbacks (take_value, take_key, add_key ...) are inline, so
 * that a string costs no function call in the common case (a fifth of the
 * instructions per line, under callgrind). */
enum { PLAIN_DEPTH = 16 };

int json_record_plain_path = 1;

/* Whether C is JSON whitespace (the line has no '\n' left, but jansson
 * would accept one). */
static inline int is_json_space(char c)
{
    const uint64_t spaces = 1ull << ' ' | 1ull << '\t' | 1ull << '\r' | 1ull << '\n';
    return (unsigned char)c <= ' ' && (spaces >> (unsigned char)c & 1);
}

/* The string whose opening quote is at QUOTE, decoded in place and ended
 * by a NUL; *LENGTH is its decoded length. Returns the byte after its
 * closing quote, or NULL to decline the line (an unknown escape, \\u, a
 * control character, no closing quote, invalid UTF-8). A string with a
 * byte of 128 or more is checked for UTF-8 on its own: escapes decode to
 * ASCII and the plain path declines any such byte outside strings, so the
 * line is valid UTF-8 exactly when each of its strings is. */
static char *plain_string(char *quote, const char *end, size_t *length)
{
    char *read = quote + 1, *write = quote + 1;
    int non_ascii = 0;
    for (;;) {
        char *stop = (char *)(uintptr_t)json_string_stop(read, end);
        if (write != read)
            memmove(write, read, (size_t)(stop - read));
        write += stop - read;
        if (stop == end)
            return NULL;
        if (*stop == '"') {
            *write = '\0';
            *length = (size_t)(write - (quote + 1));
            if (non_ascii && !audit_is_utf8((const unsigned char *)quote + 1, *length))
                return NULL;
            return stop + 1;
        }
        if ((unsigned char)*stop >= 0x80) {
            /* UTF-8 (checked at the string's end): an ordinary byte here */
            non_ascii = 1;
            *write++ = *stop;
            read = stop + 1;
            continue;
        }
        if (*stop != '\\' || stop + 1 == end)
            return NULL;
        switch (stop[1]) {
        case '"': *write++ = '"'; break;
        case '\\': *write++ = '\\'; break;
        case '/': *write++ = '/'; break;
        case 'b': *write++ = '\b'; break;
        case 'f': *write++ = '\f'; break;
        case 'n': *write++ = '\n'; break;
        case 'r': *write++ = '\r'; break;
        case 't': *write++ = '\t'; break;
        default: return NULL;   /* \\u, or not an escape */
        }
        read = stop + 2;
    }
}

/* plain_string, with the common case (no escape, ASCII) inlined where a
 * string is read. */
static inline char *plain_string_fast(char *quote, const char *end, size_t *length)
{
    char *stop = (char *)(uintptr_t)json_string_stop(quote + 1, end);
    if (stop != end && *stop == '"') {
        *stop = '\0';
        *length = (size_t)(stop - (quote + 1));
        return stop + 1;
    }
    return plain_string(quote, end, length);
}

#if defined(SIMD16)
/* Byte by byte, whether A[0..16) and B[0..16) are the same (0xFF) or not (0). */
static inline simd16 sixteen_equal(const char *a, const char *b)
{
    simd16 left = simd16_load(a);
    simd16 right = simd16_load(b);
    return simd16_equal(left, right);
}

/* Whether A[0..16) and B[0..16) are the same bytes. */
static inline int same_sixteen(const char *a, const char *b)
{
    return simd16_mask(sixteen_equal(a, b)) == 0xFFFF;
}
#endif

/* Whether A[0..LENGTH) and B[0..LENGTH) are the same bytes: sixteen at a
 * time (simd16.h), else eight, the last ones overlapping the others, so
 * that no byte past either is read (libc's memcmp is a call, a fifth of
 * the cost of a pair below); fewer than eight by memcmp. */
static inline int same_bytes(const char *a, const char *b, size_t length)
{
    uint64_t word_a, word_b;
#if defined(SIMD16)
    if (length >= 16) {
        /* the first and the last sixteen, the sixteen after the first
         * (ids of 33 to 48 bytes are common), then any between; the
         * comparisons of each step are combined before one test */
        simd16 same = simd16_and(sixteen_equal(a, b), sixteen_equal(a + length - 16, b + length - 16));
        if (length > 32)
            same = simd16_and(same, sixteen_equal(a + 16, b + 16));
        if (simd16_mask(same) != 0xFFFF)
            return 0;
        if (length > 48)
            for (size_t at = 32; at + 16 < length; at += 16)
                if (!same_sixteen(a + at, b + at))
                    return 0;
        return 1;
    }
#endif
    if (length < 8) {
        /* short ids only: rare enough for the call */
        return memcmp(a, b, length) == 0;
    }
    for (size_t at = 0; at + 8 < length; at += 8) {
        memcpy(&word_a, a + at, 8);
        memcpy(&word_b, b + at, 8);
        if (word_a != word_b)
            return 0;
    }
    memcpy(&word_a, a + length - 8, 8);
    memcpy(&word_b, b + length - 8, 8);
    return word_a == word_b;
}

/* Whether a byte may stand for itself in a string on the plain path: not
 * a quote, backslash, control character or byte of 128 or more. */
static const unsigned char plain_bytes[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x10 */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x20 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x30 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,   /* 0x50 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x70 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x80 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x90 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0xA0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0xB0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0xC0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0xD0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0xE0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0xF0 */
};

/* Past JSON whitespace at CURSOR; the line's copy ends in a NUL, which stops it. */
static inline char *skip_space(char *cursor)
{
    while (is_json_space(*cursor))
        cursor++;
    return cursor;
}

/* In grades, the pairs audits nearly always hold: each the next criterion
 * in the rubric's order, written plainly, with a grade that holds no
 * escape and no byte of 128 or more: "id": "G", "id": "NA". Takes as many
 * as follow one another (as take_key and take_value would) and returns the
 * byte after the last grade taken; NULL when the pair at QUOTE is not of
 * that shape, with nothing read or changed, and the general steps read it.
 * A pair after a comma that is not of that shape is left to them too.
 * A key, colon and opening quote written as the last ones were is matched
 * by one comparison with its pattern, and so is a comma; otherwise they
 * are read a byte at a time and the patterns learn the new way. */
static inline char *read_known_grades(json_record_reader *reader, char *quote, const char *end)
{
    entry_list *grades = &reader->grades;
    unsigned index = reader->known_expected, generation = reader->generation;
    /* room for a grade of every criterion still to come, so that a pair is stored without a check */
    if (grades->capacity - grades->count < reader->known_count - index) {
        void *entries = grades->entries;
        if (!audit_reserve(&entries, &grades->capacity, grades->count + (reader->known_count - index),
                           sizeof *grades->entries)) {
            reader->out_of_memory = 1;
            return NULL;
        }
        grades->entries = entries;
    }
    /* the reader's state in locals (stores through the line would make
     * the compiler load it again), written back at the end */
    rubric_entry *entry = grades->entries + grades->count;
    known_id *known = reader->known + index, *known_end = reader->known + reader->known_count;
    /* a grade's closing quote and the comma after it, when they fit a
     * word, are one masked comparison (close_word); else the comma alone
     * is, when it fits (comma_word), read from the reader in that rarer
     * step so that the loop's state fits the registers */
    uint32_t close_word = reader->close_word, close_mask = reader->close_mask;
    size_t close_length = reader->close_length;
    char *after_last = NULL;
    uint32_t word;
    for (; known < known_end; known++) {
        if (known->seen == generation)
            break;
        char *grade;             /* just after the grade's opening quote */
        size_t pattern_length = known->pattern_length;
        if (pattern_length && (size_t)(end - quote) > pattern_length &&
            same_bytes(quote + 1, known->pattern, pattern_length)) {
            grade = quote + 1 + pattern_length;
        } else {
            size_t length = known->length;
            if (!known->is_plain || (size_t)(end - quote) < length + 2 || quote[length + 1] != '"' ||
                !same_bytes(quote + 1, known->id, length))
                break;
            char *colon = quote + length + 2;
            char *cursor = skip_space(colon);
            if (*cursor != ':')
                break;
            cursor = skip_space(cursor + 1);
            if (*cursor != '"')
                break;
            json_record_learn_colon(reader, colon, (size_t)(cursor - colon));
            grade = cursor + 1;
        }
        /* codes are mostly one or two bytes ("G", "NA"): looked at
         * directly. A plain byte is not the NUL after the line's copy, so
         * the quote after it is within the line. */
        char *closing;
        int comma_follows = 0;   /* a one-byte code's closing quote and comma in one comparison */
        if (close_length && plain_bytes[(unsigned char)grade[0]] && end - grade > 4 &&
            (memcpy(&word, grade + 1, 4), ((word ^ close_word) & close_mask) == 0)) {
            closing = grade + 1;
            comma_follows = 1;
        } else if (plain_bytes[(unsigned char)grade[0]] && grade[1] == '"') {
            closing = grade + 1;
        } else if (plain_bytes[(unsigned char)grade[0]] && plain_bytes[(unsigned char)grade[1]] && grade[2] == '"') {
            closing = grade + 2;
        } else {
            closing = (char *)(uintptr_t)json_string_stop(grade, end);
            if (closing == end || *closing != '"')
                break;
        }
        *closing = '\0';
        known->seen = generation;
        *entry++ = (rubric_entry){known->id, grade};
        after_last = closing + 1;
        /* the next pair, when a comma leads to one */
        if (comma_follows) {
            quote = grade + close_length;
            continue;
        }
        if (reader->comma_length && reader->comma_length <= 4 && end - after_last >= 4) {
            memcpy(&word, after_last, 4);
            if (((word ^ reader->comma_word) & reader->comma_mask) == 0) {
                quote = after_last + reader->comma_length - 1;
                continue;
            }
        } else if (reader->comma_length && (size_t)(end - after_last) > reader->comma_length &&
                   same_bytes(after_last, reader->comma, reader->comma_length)) {
            quote = after_last + reader->comma_length - 1;
            continue;
        }
        char *cursor = skip_space(after_last);
        if (*cursor != ',') {
            known++;
            break;
        }
        quote = skip_space(cursor + 1);
        if (*quote != '"') {
            known++;
            break;
        }
        json_record_learn_comma(reader, after_last, (size_t)(quote + 1 - after_last));
        close_word = reader->close_word;
        close_mask = reader->close_mask;
        close_length = reader->close_length;
    }
    grades->count = (unsigned)(entry - grades->entries);
    /* the general steps go on from here: the next key sets entry_key */
    if (after_last != NULL)
        reader->known_expected = (unsigned)(known - reader->known);
    return after_last;
}

/* In the record or its auditor_grades, the key at QUOTE when it is the
 * field that followed the same one on the line before, written as its
 * pattern: taken as take_key would take it, and the byte after its colon
 * returned; NULL when it is not (or repeats a field), with nothing
 * changed, and the general steps read it. */
static inline char *read_known_field(json_record_reader *reader, char *quote, const char *end)
{
    unsigned depth = reader->depth;
    record_field field = reader->next_fields[reader->last_fields[depth]];
    if (field == FIELD_OTHER)
        return NULL;
    size_t length = reader->field_pattern_lengths[field];
    int in_role = reader->roles[depth] == ROLE_RECORD ? field <= FIELD_AUDITOR_GRADES : field >= FIELD_OVERALL;
    if (length == 0 || !in_role || (reader->fields_seen[depth] >> field & 1) || (size_t)(end - quote) <= length ||
        !same_bytes(quote + 1, reader->field_patterns[field], length))
        return NULL;
    reader->fields_seen[depth] |= 1u << field;
    reader->key_fields[depth] = field;
    reader->last_fields[depth] = field;
    return quote + 1 + length;
}

/* Read the line's copy COPY[0..LENGTH) by the plain path; 1 when it was
 * read (the record state filled as yajl's callbacks would), 0 when it is
 * declined. */
static int read_plain(json_record_reader *reader, char *copy, size_t length)
{
    char *cursor = copy;
    const char *end = copy + length;
    size_t string_length;
    char is_array[PLAIN_DEPTH + 1];
    for (;;) {
        /* a value */
        while (cursor < end && is_json_space(*cursor))
            cursor++;
        if (cursor == end)
            return 0;
        int opened = 0;
        switch (*cursor) {
        case '"': {
            char *after = plain_string_fast(cursor, end, &string_length);
            if (after == NULL || !take_value(reader, KIND_STRING, 0, cursor + 1))
                return 0;
            cursor = after;
            break;
        }
        case '{':
        case '[':
            if (reader->depth >= PLAIN_DEPTH ||
                !take_value(reader, *cursor == '{' ? KIND_OBJECT : KIND_OTHER, 1, NULL))
                return 0;
            is_array[reader->depth] = *cursor == '[';
            cursor++;
            opened = 1;
            break;
        case 'n':
        case 't':
        case 'f': {
            const char *word = *cursor == 'n' ? "null" : *cursor == 't' ? "true" : "false";
            size_t size = strlen(word);
            if ((size_t)(end - cursor) < size || memcmp(cursor, word, size) != 0 ||
                !take_value(reader, *cursor == 'n' ? KIND_NULL : KIND_OTHER, 0,
                            *cursor == 'n' ? NULL : *cursor == 't' ? "yes" : "no"))
                return 0;
            cursor += size;
            break;
        }
        default:
            return 0;   /* a number, or not JSON */
        }
    after_value:
        /* what follows: an empty container's end, then ',' or the ends of containers */
        for (int first = opened;; first = 0) {
            while (cursor < end && is_json_space(*cursor))
                cursor++;
            if (reader->depth == 0) {
                /* the record is complete: only whitespace may follow */
                return cursor == end;
            }
            if (cursor == end)
                return 0;
            char closer = is_array[reader->depth] ? ']' : '}';
            if (*cursor == closer) {
                reader->depth--;
                cursor++;
                continue;
            }
            if (!first) {
                if (*cursor != ',')
                    return 0;
                cursor++;
                while (cursor < end && is_json_space(*cursor))
                    cursor++;
            }
            break;
        }
        if (is_array[reader->depth])
            continue;
        /* an object's key, then ':' */
        if (cursor == end || *cursor != '"')
            return 0;
        container_role role = reader->depth <= ROLE_DEPTH ? reader->roles[reader->depth] : ROLE_IGNORED;
        if (reader->known_count && role == ROLE_GRADES) {
            char *after_grade = read_known_grades(reader, cursor, end);
            if (reader->out_of_memory)
                return 0;
            if (after_grade != NULL) {
                cursor = after_grade;
                opened = 0;
                goto after_value;
            }
        } else if (role == ROLE_RECORD || role == ROLE_AUDITOR_GRADES) {
            char *value = read_known_field(reader, cursor, end);
            if (value != NULL) {
                cursor = value;
                continue;
            }
        }
        char *after = plain_string_fast(cursor, end, &string_length);
        if (after == NULL || !take_key(reader, cursor + 1, string_length))
            return 0;
        cursor = after;
        while (cursor < end && is_json_space(*cursor))
            cursor++;
        if (cursor == end || *cursor != ':')
            return 0;
        cursor++;
    }
}

/* Copy the line into the string buffer and read it by the plain path. The
 * plain path declines \v, \f, \u, control characters and invalid UTF-8
 * (plain_string), all that json_text_needs_jansson looks for. */
static int try_plain(json_record_reader *reader, const char *line, size_t length)
{
    char *copy = reader->strings;
    audit_copy_bytes(copy, line, length);
    copy[length] = '\0';
    reader->strings_used = length + 1;
    return read_plain(reader, copy, length) && !reader->out_of_memory;
}

/* Read one line by the plain path or else: let jansson judge it first if
 * need be, run yajl over it; then check the record. */
int json_record_read(json_record_reader *reader, const char *line, size_t length, json_record *record)
{
    *record = (json_record){NULL, NULL, reader->message, NULL, NULL};
    if (!begin_line(reader, length))
        return 0;
    if (!json_record_plain_path || !try_plain(reader, line, length)) {
        if (reader->out_of_memory)
            return 0;
        if (json_text_needs_jansson(line, length) && !json_record_jansson_accepts(reader, line, length))
            return 1;
        if (!begin_line(reader, length))
            return 0;
        yajl_status status = yajl_parse(reader->handle, (const unsigned char *)line, length);
        if (status == yajl_status_ok)
            status = yajl_complete_parse(reader->handle);
        if (reader->out_of_memory)
            return 0;
        if (status != yajl_status_ok || reader->value_count != 1 || reader->depth != 0 ||
            !json_text_is_whitespace(line + reader->value_end, length - reader->value_end))
            return explain_refusal(reader, line, length);
    }
    if (reader->is_object && reader->kinds[FIELD_CASE] == KIND_STRING)
        record->case_reference = reader->texts[FIELD_CASE];
    reader->has_json_fields = 0;
    if (json_record_check(reader)) {
        if (reader->fields.first_non_string != NULL && !json_record_keep_containers(reader, line, length)) {
            reader->out_of_memory = 1;
            return 0;
        }
        record->audit = json_record_make_audit(reader);
        record->error = NULL;
        record->amended_by = reader->texts[FIELD_AMENDED_BY];
        record->amended_at = reader->texts[FIELD_AMENDED_AT];
    }
    return 1;
}
