/*
 * audit_json_reader.h — the state of the JSON Lines record reader, shared
 * by its files: audit_json.c (the events, the plain path, the line),
 * audit_json_ids.c (the rubric's criterion ids and the patterns learnt
 * from the lines) and audit_json_check.c (a parsed record checked and
 * made an audit, and the malformed-JSON words).
 *
 * Internal to the reader (not installed; its interface is audit_json.h,
 * which this does not include, so that audit_json.c may include this).
 * The key hashing is here, inline, as the ids' table is built by it in
 * audit_json_ids.c and searched by it on every line in audit_json.c.
 */
#ifndef AUDIT_JSON_READER_H
#define AUDIT_JSON_READER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "rubric.h"

typedef struct json_record_reader json_record_reader;

/* The fields the reader looks for, at the top level and in auditor_grades. */
typedef enum record_field {
    FIELD_CASE,
    FIELD_RUBRIC,
    FIELD_AUDITOR,
    FIELD_DATE,
    FIELD_ROLE,                  /* who graded, in moderation input */
    FIELD_CASE_TYPE,             /* the case type the audit is for */
    FIELD_AMENDED_BY,            /* who amended a saved record */
    FIELD_AMENDED_AT,            /* when, as an ISO 8601 date-time */
    FIELD_COMMENTS,              /* evidence comments by criterion, section or "overall" */
    FIELD_GRADES,
    FIELD_AUDITOR_GRADES,
    FIELD_OVERALL,               /* auditor_grades.overall */
    FIELD_SECTIONS,              /* auditor_grades.sections */
    FIELD_COUNT,
    FIELD_OTHER = FIELD_COUNT,   /* a key the reader does not use */
    /* where an object's keys start, for the order of fields (next_fields) */
    FIELD_START_RECORD,
    FIELD_START_AUDITOR_GRADES,
    FIELD_STATES
} record_field;

/* The longest field name ("auditor_grades"), for its pattern. */
enum { FIELD_NAME_MAX = 14 };

/* The field names, in record_field order, and their lengths, from one list. */
#define FIELD_NAMES(NAME)                                                                                   \
    NAME("case") NAME("rubric") NAME("auditor") NAME("date") NAME("role") NAME("case_type") NAME("amended_by") \
    NAME("amended_at") NAME("comments") NAME("grades") NAME("auditor_grades") NAME("overall") NAME("sections")
#define FIELD_NAME(name) name,
#define FIELD_NAME_LENGTH(name) sizeof name - 1,

/* What a field held. */
typedef enum field_kind {
    KIND_ABSENT,
    KIND_NULL,
    KIND_STRING,
    KIND_OBJECT,
    KIND_NUMBER,                 /* a grade may be one (a score); TEXT is as written */
    KIND_OTHER                   /* a boolean or an array */
} field_kind;

/* What an open container is to the audit. */
typedef enum container_role {
    ROLE_IGNORED,
    ROLE_RECORD,                 /* the top-level object */
    ROLE_GRADES,                 /* criterion id -> grade */
    ROLE_AUDITOR_GRADES,         /* overall and sections */
    ROLE_SECTIONS,               /* section id -> the auditor's grade */
    ROLE_COMMENTS                /* criterion id, section id or "overall" -> text */
} container_role;

/* Roles matter down to the sections object, three containers deep. */
enum { ROLE_DEPTH = 4 };

/* One key of the record, for finding a duplicate in the same object. */
typedef struct key_slot {
    unsigned generation;         /* the line it belongs to; older slots are empty */
    unsigned object;             /* the object's number within the line */
    uint64_t hash;
    const char *key;
    size_t length;
} key_slot;

/* The most bytes of a colon or comma with its spaces that a pattern keeps. */
enum { SEPARATOR_MAX = 8 };

/* A criterion id of the rubric the audits are for (json_record_reader_set_rubric). */
typedef struct known_id {
    const char *id;              /* the model's own string: a grade entry's key points at it */
    size_t length;
    char *pattern;               /* its key pattern, in key_patterns */
    size_t pattern_length;       /* 0 while there is none: no colon learnt yet, or the id is not plain */
    unsigned seen;               /* the generation of the line whose grades named it */
    int is_plain;                /* printable ASCII without '"' or '\\': written as itself in JSON */
} known_id;

/* A list of id -> grade entries that keeps its memory. */
typedef struct entry_list {
    rubric_entry *entries;
    unsigned count;
    unsigned capacity;
    const char *first_non_string;    /* the first id whose grade is not a string */
} entry_list;

struct json_record_reader {
    yajl_handle handle;
    /* strings of the current line, each NUL-terminated */
    char *strings;
    size_t strings_used;
    size_t strings_capacity;
    /* duplicate keys */
    key_slot *slots;
    unsigned slot_mask;
    unsigned slots_used;
    unsigned generation;
    unsigned object_count;
    unsigned *object_numbers;    /* per container depth: the open object's number */
    /* the rubric's criterion ids, when known: keys of grades found without hashing */
    const rubric_model *known_model; /* whose ids these are */
    known_id *known;
    unsigned known_count;
    unsigned *known_slots;       /* open addressing by hash_key: index + 1, 0 when empty */
    unsigned known_mask;
    unsigned known_expected;     /* the one after the last found: audits list them in order */
    /* how the last line wrote its pairs of grades, so that a line written
     * alike is matched a pair at a time: each known id's key pattern is
     * the id, its closing quote, the colon as written (": ") and the
     * grade's opening quote; the comma pattern is the comma as written
     * (", ") and the next key's opening quote */
    char *key_patterns;
    char colon[SEPARATOR_MAX];
    size_t colon_length;         /* 0: no key patterns yet */
    char comma[SEPARATOR_MAX + 1];
    size_t comma_length;         /* 0: no comma pattern yet */
    uint32_t comma_word;         /* a comma pattern of up to four bytes, as one word */
    uint32_t comma_mask;         /* its bytes in that word */
    uint32_t close_word;         /* a grade's closing quote and a comma pattern of up to three bytes */
    uint32_t close_mask;
    size_t close_length;         /* 0: no such pattern */
    /* the record's fields as the lines before wrote them: which followed
     * which (FIELD_OTHER: none known), and each field's key pattern (its
     * name, closing quote and the colon as written; length 0: none yet) */
    record_field next_fields[FIELD_STATES];
    char field_patterns[FIELD_COUNT][FIELD_NAME_MAX + 1 + SEPARATOR_MAX];
    size_t field_pattern_lengths[FIELD_COUNT];
    /* where the parse is */
    unsigned depth;              /* open containers */
    unsigned value_count;        /* top-level values seen */
    int is_object;               /* the top-level value is an object */
    size_t value_end;            /* the offset just past the top-level value */
    container_role roles[ROLE_DEPTH + 1];
    record_field key_fields[ROLE_DEPTH + 1];
    unsigned fields_seen[ROLE_DEPTH + 1];   /* per open object: a bit per field named in it */
    record_field last_fields[ROLE_DEPTH + 1];  /* per open object: its last field, or where it starts */
    const char *entry_key;       /* the last id read in grades or sections */
    int out_of_memory;
    /* what the line held */
    field_kind kinds[FIELD_COUNT];
    const char *texts[FIELD_COUNT];
    entry_list grades;
    entry_list sections;
    entry_list comments;
    entry_list fields;           /* the record's other members: facts and pass-through fields */
    /* a record whose other members include objects or arrays: every other
     * member in order, those as compact JSON text (json_record_keep_containers) */
    int has_json_fields;
    entry_list json_fields;
    unsigned char *field_json;   /* per entry of json_fields: 1 for JSON text */
    unsigned field_json_capacity;
    char **dumps;                /* the JSON texts, made by jansson, freed with the next such record */
    unsigned dump_count;
    unsigned dump_capacity;
    rubric_audit audit;
    char message[512];
};

/* ------------------------------------------------------------- key hashing */

/* Key hashing: each whole eight bytes from the start by hash_mix, then
 * hash_finish with the last eight bytes (those already mixed, overlapping)
 * or, for a short key, its bytes. */
static const uint64_t hash_seed = 0x9E3779B97F4A7C15u;

/* HASH with one more word of the key mixed in. */
static inline uint64_t hash_mix(uint64_t hash, uint64_t word)
{
    hash = (hash ^ word) * 0xFF51AFD7ED558CCDu;
    return hash ^ (hash >> 32);
}

/* HASH, the whole words of KEY[0..LENGTH) mixed in, finished by its tail. */
static inline uint64_t hash_finish(uint64_t hash, const char *key, size_t length)
{
    uint64_t tail = 0;
    if (length >= 8) {
        memcpy(&tail, key + length - 8, 8);
    } else if (length >= 4) {
        /* the first and last four bytes, overlapping (the length is mixed in too) */
        uint32_t first, last;
        memcpy(&first, key, 4);
        memcpy(&last, key + length - 4, 4);
        tail = (uint64_t)first << 32 | last;
    } else {
        for (size_t index = 0; index < length; index++)
            tail |= (uint64_t)(unsigned char)key[index] << (8 * index);
    }
    return hash_mix(hash ^ length, tail);
}

/* A 64-bit hash of KEY[0..LENGTH). */
static inline uint64_t hash_key(const char *key, size_t length)
{
    uint64_t hash = hash_seed;
    for (size_t at = 0; at + 8 <= length; at += 8) {
        uint64_t word;
        memcpy(&word, key + at, 8);
        hash = hash_mix(hash, word);
    }
    return hash_finish(hash, key, length);
}

/* ----------------------------------------- audit_json_ids.c: learnt patterns */

/* The colon of a pair as written, COLON[0..LENGTH) (spaces and ':'): when
 * it is not the one the key patterns were made with, make them again. */
void json_record_learn_colon(json_record_reader *reader, const char *colon, size_t length);

/* The comma between two pairs as written, with the next key's opening
 * quote: COMMA[0..LENGTH). */
void json_record_learn_comma(json_record_reader *reader, const char *comma, size_t length);

/* ------------------------------------ audit_json_check.c: records and errors */

/* The malformed-JSON message for a parse error at COLUMN. */
void json_record_malformed(json_record_reader *reader, int column, const char *text);

/* Let jansson parse the line; 1 when it accepts it, else 0 with its message. */
int json_record_jansson_accepts(json_record_reader *reader, const char *line, size_t length);

/* The checks of a parsed record; 0 with the message when it is not an audit. */
int json_record_check(json_record_reader *reader);

/* Keep the record's members that are objects or arrays (LINE[0..LENGTH),
 * the whole record) as pass-through fields of compact JSON text, in the
 * record's order among the other fields; 0 when out of memory. */
int json_record_keep_containers(json_record_reader *reader, const char *line, size_t length);

/* Free what json_record_keep_containers kept. */
void json_record_free_containers(json_record_reader *reader);

/* The parsed, checked record as an audit. */
const rubric_audit *json_record_make_audit(json_record_reader *reader);

#endif /* AUDIT_JSON_READER_H */
