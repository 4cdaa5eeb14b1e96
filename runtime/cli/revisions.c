/*
 * revisions.c — which records count (see revisions.h): two open-addressing
 * hash tables of 64-bit hashes, one by key (case, auditor, date, role)
 * holding its latest amendment and where it was first read, one by key and
 * content holding where that record was first read. The survey fills
 * both; the verdict only looks.
 *
 * The content hash is the same whatever order a record's grades, auditor's
 * grades and comments were written in (each entry is hashed alone and the
 * hashes summed), so the same audit exported as JSON Lines and as CSV is
 * one record.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "revisions.h"

/* One slot: a hash (0: empty), a value and a place. */
typedef struct slot {
    uint64_t hash;
    long long value;             /* by key: the latest amendment's seconds */
    revision_place place;
} slot;

typedef struct hash_table {
    slot *slots;
    size_t capacity;             /* a power of two */
    size_t used;
} hash_table;

struct revision_table {
    hash_table by_key;
    hash_table by_record;
};

/* An unamended record is older than any amendment. */
#define NOT_AMENDED LLONG_MIN

enum { FIRST_CAPACITY = 1024 };

static const uint64_t fnv_offset = 14695981039346656037ULL, fnv_prime = 1099511628211ULL;

/* Fold TEXT (NULL distinct from "") into HASH, with a separator after it. */
static uint64_t hash_text(uint64_t hash, const char *text)
{
    if (text == NULL) {
        hash ^= 0xFF;
        return hash * fnv_prime;
    }
    for (const unsigned char *byte = (const unsigned char *)text; *byte; byte++) {
        hash ^= *byte;
        hash *= fnv_prime;
    }
    hash ^= 0x1F;
    return hash * fnv_prime;
}

/* The hashes of COUNT entries summed: the same whatever their order. */
static uint64_t hash_entries(const rubric_entry *entries, unsigned count)
{
    uint64_t sum = 0;
    for (unsigned index = 0; index < count; index++)
        sum += hash_text(hash_text(fnv_offset, entries[index].key), entries[index].value);
    return sum;
}

/* Never 0, which marks an empty slot. */
static uint64_t nonzero(uint64_t hash)
{
    return hash ? hash : 1;
}

static uint64_t key_hash(const revision_record *record)
{
    const rubric_audit *audit = record->audit;
    uint64_t hash = hash_text(fnv_offset, audit->case_reference);
    hash = hash_text(hash, audit->auditor);
    hash = hash_text(hash, audit->date);
    return nonzero(hash_text(hash, audit->role));
}

static uint64_t record_hash(const revision_record *record, uint64_t key)
{
    const rubric_audit *audit = record->audit;
    uint64_t hash = hash_text(key, audit->rubric_id);
    hash = hash_text(hash, audit->case_type);
    hash = hash_text(hash, audit->auditor_overall);
    hash = hash_text(hash, record->amended_by);
    hash = hash_text(hash, record->amended_at);
    hash ^= hash_entries(audit->grades, audit->grade_count);
    hash = (hash * fnv_prime) ^ hash_entries(audit->auditor_sections, audit->auditor_section_count);
    hash = (hash * fnv_prime) ^ hash_entries(audit->comments, audit->comment_count);
    return nonzero(hash * fnv_prime);
}

/* The slot of HASH: its own, or the empty one where it would go. */
static slot *find_slot(const hash_table *table, uint64_t hash)
{
    size_t mask = table->capacity - 1;
    for (size_t index = (size_t)(hash ^ (hash >> 32)) & mask;; index = (index + 1) & mask)
        if (table->slots[index].hash == hash || table->slots[index].hash == 0)
            return &table->slots[index];
}

/* Room for one more at under three quarters full; 0 when out of memory. */
static int make_room(hash_table *table)
{
    if ((table->used + 1) * 4 < table->capacity * 3)
        return 1;
    size_t capacity = table->capacity ? table->capacity * 2 : FIRST_CAPACITY;
    hash_table grown = {calloc(capacity, sizeof(slot)), capacity, table->used};
    if (grown.slots == NULL)
        return 0;
    for (size_t index = 0; index < table->capacity; index++)
        if (table->slots[index].hash)
            *find_slot(&grown, table->slots[index].hash) = table->slots[index];
    free(table->slots);
    *table = grown;
    return 1;
}

revision_table *revisions_new(void)
{
    return calloc(1, sizeof(revision_table));
}

void revisions_free(revision_table *table)
{
    if (table == NULL)
        return;
    free(table->by_key.slots);
    free(table->by_record.slots);
    free(table);
}

static long long amendment_of(const revision_record *record)
{
    return record->amended_at ? record->amended_seconds : NOT_AMENDED;
}

void revisions_hash(revision_record *record)
{
    record->key_hash = key_hash(record);
    record->content_hash = record_hash(record, record->key_hash);
}

int revisions_survey(revision_table *table, const revision_record *record, int *late)
{
    if (!make_room(&table->by_key) || !make_room(&table->by_record))
        return 0;
    uint64_t key = record->key_hash;
    long long amended = amendment_of(record);
    slot *by_key = find_slot(&table->by_key, key);
    if (by_key->hash == 0) {
        *by_key = (slot){key, amended, record->place};
        table->by_key.used++;
    } else if (amended > by_key->value) {
        if (late)
            *late = 1;
        by_key->value = amended;
        by_key->place = record->place;
    }
    slot *by_record = find_slot(&table->by_record, record->content_hash);
    if (by_record->hash == 0) {
        *by_record = (slot){record->content_hash, 0, record->place};
        table->by_record.used++;
    }
    return 1;
}

revision_verdict revisions_verdict(const revision_table *table, const revision_record *record,
                                   revision_place *earlier)
{
    if (table->by_key.capacity == 0)
        return REVISION_COUNTS;
    const slot *by_key = find_slot(&table->by_key, record->key_hash);
    if (by_key->hash == 0)
        return REVISION_COUNTS;  /* not surveyed: counted, as before */
    if (amendment_of(record) < by_key->value) {
        *earlier = by_key->place;
        return REVISION_SUPERSEDED;
    }
    const slot *by_record = find_slot(&table->by_record, record->content_hash);
    if (by_record->hash && (by_record->place.input != record->place.input ||
                            by_record->place.line != record->place.line)) {
        *earlier = by_record->place;
        return REVISION_DUPLICATE;
    }
    return REVISION_COUNTS;
}
