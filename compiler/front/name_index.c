/*
 * name_index.c — names to indexes by hashing (see name_index.h).
 *
 * FNV-1a over the bytes, linear probing, the table kept at most half full
 * and doubled (every name placed again) when a new name would fill it
 * further: look-ups stay one or two probes, and adding n names costs time
 * and memory linear in n.
 */
#include "name_index.h"

#include <string.h>

static uint64_t name_hash(const char *name)
{
    uint64_t hash = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
        hash ^= *p;
        hash *= 1099511628211ull;
    }
    return hash;
}

void name_index_init(arena *region, name_index *index, size_t expected)
{
    size_t capacity = 16;
    while (capacity < expected * 2)
        capacity *= 2;
    index->region = region;
    index->names = arena_array(region, capacity, sizeof *index->names);
    index->values = arena_array(region, capacity, sizeof *index->values);
    index->capacity = capacity;
    index->count = 0;
}

/* The slot that holds name, or the empty slot where it would go. */
static size_t name_index_slot(const name_index *index, const char *name)
{
    size_t slot = (size_t)name_hash(name) & (index->capacity - 1);
    while (index->names[slot] != NULL && strcmp(index->names[slot], name) != 0)
        slot = (slot + 1) & (index->capacity - 1);
    return slot;
}

size_t name_index_find(const name_index *index, const char *name)
{
    size_t slot = name_index_slot(index, name);
    return index->names[slot] != NULL ? index->values[slot] : SIZE_MAX;
}

/* Twice the room, every name placed again. */
static void name_index_grow(name_index *index)
{
    name_index grown;
    name_index_init(index->region, &grown, index->capacity);
    for (size_t slot = 0; slot < index->capacity; slot++) {
        if (index->names[slot] == NULL)
            continue;
        size_t to = name_index_slot(&grown, index->names[slot]);
        grown.names[to] = index->names[slot];
        grown.values[to] = index->values[slot];
    }
    grown.count = index->count;
    *index = grown;
}

/* The slot for name, the table grown first when a new name would fill
 * more than half of it. */
static size_t name_index_place(name_index *index, const char *name)
{
    size_t slot = name_index_slot(index, name);
    if (index->names[slot] == NULL && (index->count + 1) * 2 > index->capacity) {
        name_index_grow(index);
        slot = name_index_slot(index, name);
    }
    return slot;
}

size_t name_index_add(name_index *index, const char *name, size_t value)
{
    size_t slot = name_index_place(index, name);
    if (index->names[slot] != NULL)
        return index->values[slot];
    index->names[slot] = name;
    index->values[slot] = value;
    index->count++;
    return SIZE_MAX;
}

void name_index_set(name_index *index, const char *name, size_t value)
{
    size_t slot = name_index_place(index, name);
    if (index->names[slot] == NULL) {
        index->names[slot] = name;
        index->count++;
    }
    index->values[slot] = value;
}
