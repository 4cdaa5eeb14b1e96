/*
 * arena.c — a bump allocator in growing blocks (see arena.h for why).
 *
 * Blocks are chained; a request larger than a quarter of the block size gets
 * a block of its own so that big source files do not waste a block's tail.
 * Growing the last allocation of the current block (a string being built,
 * an array being appended to) extends it in place instead of copying it.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK_SIZE = 64 * 1024, ARENA_ALIGNMENT = 16 };

typedef struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t capacity;
    _Alignas(16) unsigned char data[];
} arena_block;

struct arena {
    arena_block *blocks;
};

/* Allocation failed: nothing sensible is left to do (see arena.h). */
static void arena_out_of_memory(void)
{
    fputs("rubricc: out of memory\n", stderr);
    exit(3);
}

arena *arena_new(void)
{
    arena *region = calloc(1, sizeof *region);
    if (region == NULL)
        arena_out_of_memory();
    return region;
}

void arena_free(arena *region)
{
    if (region == NULL)
        return;
    arena_block *block = region->blocks;
    while (block != NULL) {
        arena_block *next = block->next;
        free(block);
        block = next;
    }
    free(region);
}

/* A block of capacity bytes, not yet linked in. */
static arena_block *arena_new_block(size_t capacity)
{
    arena_block *block = malloc(sizeof *block + capacity);
    if (block == NULL)
        arena_out_of_memory();
    block->next = NULL;
    block->used = 0;
    block->capacity = capacity;
    return block;
}

/* Round a request up to the alignment (a zero-byte request still gets a
 * distinct address). */
static size_t arena_round(size_t size)
{
    if (size == 0)
        return ARENA_ALIGNMENT;
    if (size > SIZE_MAX - ARENA_ALIGNMENT)
        arena_out_of_memory();
    return (size + ARENA_ALIGNMENT - 1) & ~(size_t)(ARENA_ALIGNMENT - 1);
}

void *arena_alloc_unzeroed(arena *region, size_t size)
{
    size = arena_round(size);
    if (size > ARENA_BLOCK_SIZE / 4) {
        /* A big request: its own block, linked behind the current one so
         * the current block's free space stays in use. */
        arena_block *block = arena_new_block(size);
        block->used = size;
        if (region->blocks == NULL) {
            region->blocks = block;
        } else {
            block->next = region->blocks->next;
            region->blocks->next = block;
        }
        return block->data;
    }
    arena_block *current = region->blocks;
    if (current == NULL || current->capacity - current->used < size) {
        current = arena_new_block(ARENA_BLOCK_SIZE);
        current->next = region->blocks;
        region->blocks = current;
    }
    void *memory = current->data + current->used;
    current->used += size;
    return memory;
}

void *arena_alloc(arena *region, size_t size)
{
    void *memory = arena_alloc_unzeroed(region, size);
    memset(memory, 0, size);
    return memory;
}

void *arena_array(arena *region, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        arena_out_of_memory();
    return arena_alloc(region, count * size);
}

/* Extend the last allocation of the current block in place, when old is
 * that allocation and the block has room; NULL otherwise. */
static void *arena_extend(arena *region, void *old, size_t old_size, size_t new_size)
{
    arena_block *current = region->blocks;
    if (current == NULL)
        return NULL;
    uintptr_t start = (uintptr_t)current->data;
    uintptr_t address = (uintptr_t)old;
    if (address < start || address - start + arena_round(old_size) != current->used)
        return NULL;
    size_t offset = (size_t)(address - start);
    if (arena_round(new_size) > current->capacity - offset)
        return NULL;
    current->used = offset + arena_round(new_size);
    return old;
}

void *arena_grow(arena *region, void *old, size_t old_count, size_t new_count, size_t size)
{
    if (size != 0 && new_count > SIZE_MAX / size)
        arena_out_of_memory();
    size_t old_size = old != NULL ? old_count * size : 0;
    size_t new_size = new_count * size;
    unsigned char *memory = old != NULL ? arena_extend(region, old, old_size, new_size) : NULL;
    if (memory == NULL) {
        memory = arena_alloc_unzeroed(region, new_size);
        if (old_size > 0)
            memcpy(memory, old, old_size);
    }
    memset(memory + old_size, 0, new_size - old_size);
    return memory;
}

char *arena_strndup(arena *region, const char *text, size_t length)
{
    char *copy = arena_alloc_unzeroed(region, length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *arena_strdup(arena *region, const char *text)
{
    return arena_strndup(region, text, strlen(text));
}

char *arena_printf(arena *region, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(NULL, 0, format, arguments);
    va_end(arguments);
    if (length < 0)
        arena_out_of_memory();
    char *text = arena_alloc_unzeroed(region, (size_t)length + 1);
    va_start(arguments, format);
    vsnprintf(text, (size_t)length + 1, format, arguments);
    va_end(arguments);
    return text;
}
