/*
 * source.h — the rubric files of one compilation, and positions in them.
 *
 * Tokens carry byte offsets only (a source_span); line and column are
 * worked out when something is reported or emitted, from a table of line
 * starts built once per file. Columns count characters (UTF-8 code points),
 * not bytes, so a caret lines up under the right letter in curly-quoted
 * prose.
 */
#ifndef SOURCE_H
#define SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* A stretch of one source file: [begin, end) in bytes. */
typedef struct source_span {
    int file;                    /* index into source_set.files; -1: none */
    unsigned begin;
    unsigned end;
} source_span;

typedef struct source_file {
    const char *name;            /* as given on the command line or resolved */
    char *text;                  /* always ends in '\n', then two NULs */
    size_t length;               /* bytes of text, up to the final '\n' */
    unsigned *line_starts;       /* byte offset of each line */
    size_t line_count;
    int included_from;           /* file index, or -1 for the main file */
    source_span include_span;    /* the include: line, when included */
} source_file;

typedef struct source_set {
    arena *region;
    source_file *files;
    size_t count;
    size_t capacity;
} source_set;

void source_set_init(source_set *sources, arena *region);

/* Read a file into the set. Returns its index, or -1 with errno set.
 * The text is checked for valid UTF-8 by the caller (see lexer). */
int source_load(source_set *sources, const char *path, int included_from,
                source_span include_span);

/* Load in-memory text as a file (for tests). */
int source_add_text(source_set *sources, const char *name, const char *text, size_t length);

/* 1-based line and character column of a byte offset. */
void source_position(const source_file *file, unsigned offset, int *line, int *column);

/* The text of a line (1-based), without its newline. */
const char *source_line(const source_file *file, int line, size_t *length);

/* The first byte offset of malformed UTF-8 in the file, or -1. */
long source_find_bad_utf8(const source_file *file);

/* Number of UTF-8 code points in text[0..length). */
int source_count_characters(const char *text, size_t length);

#endif /* SOURCE_H */
