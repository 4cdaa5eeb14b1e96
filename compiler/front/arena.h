/*
 * arena.h — one allocation region for a compilation.
 *
 * Everything the compiler builds for one rubric (source text, tokens' text,
 * the syntax tree, the checked IR) lives as long as that compilation and no
 * longer, so it is allocated from one arena and freed in one call. That is
 * why the parser needs no %destructor and the checker never frees: a failed
 * parse or check leaks nothing, because arena_free() takes it all.
 *
 * Allocation failure is not recoverable in a compiler run: arena functions
 * print a message and exit(3) (EXIT_OUT_OF_MEMORY in main.c) rather than
 * return NULL, so callers never check.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *region);

/* Zeroed memory, aligned for any type. */
void *arena_alloc(arena *region, size_t size);
/* Memory not zeroed, for callers that fill all of it at once. */
void *arena_alloc_unzeroed(arena *region, size_t size);
/* An array of count elements of size bytes, zeroed; checks for overflow. */
void *arena_array(arena *region, size_t count, size_t size);
/* Grow an array of old_count elements allocated from the arena to
 * new_count (old contents kept, the rest zeroed); in place when it is the
 * arena's latest allocation. */
void *arena_grow(arena *region, void *old, size_t old_count, size_t new_count, size_t size);
char *arena_strdup(arena *region, const char *text);
char *arena_strndup(arena *region, const char *text, size_t length);
/* printf into the arena. */
char *arena_printf(arena *region, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* ARENA_H */
