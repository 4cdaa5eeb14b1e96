/*
 * name_index.h — a map from names (NUL-terminated strings) to indexes,
 * open addressing in an arena.
 *
 * The checker finds a criterion by its id, a level by its code, an entry
 * of the glossary by its word through one of these; `rubricc import`
 * finds a repeated column header, criterion id or section the same way.
 * Anything that asks "have I seen this name?" of every item it reads uses
 * it, so that a rubric or a grid of ten thousand names costs ten thousand
 * look-ups, never fifty million comparisons.
 *
 * The names are not copied: each must live as long as the index (in the
 * same arena, as a rule). The index grows as names are added.
 */
#ifndef NAME_INDEX_H
#define NAME_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct name_index {
    arena *region;               /* where the table grows */
    const char **names;
    size_t *values;
    size_t capacity;             /* a power of two, at least twice count */
    size_t count;
} name_index;

/* An empty index with room for expected names before it grows. */
void name_index_init(arena *region, name_index *index, size_t expected);

/* The value of name, or SIZE_MAX when the index does not hold it. */
size_t name_index_find(const name_index *index, const char *name);

/* Adds name with value; returns the value already there (and changes
 * nothing), or SIZE_MAX when the name is new. */
size_t name_index_add(name_index *index, const char *name, size_t value);

/* Sets the value of name, adding it when it is new. */
void name_index_set(name_index *index, const char *name, size_t value);

#endif /* NAME_INDEX_H */
