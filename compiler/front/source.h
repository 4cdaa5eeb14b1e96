/*
 * source.h — the rubric files of one compilation, and positions in them.
 *
 * Tokens carry byte offsets only (a source_span); line and column are
 * worked out when something is reported or emitted, from a table of line
 * starts built once per file. Columns count characters (UTF-8 code points),
 * not bytes, so a caret lines up under the right letter in curly-quoted
 * prose.
 *
 * What one compilation may read is bounded (source_limits): the bytes of
 * one file, the bytes of all files and the number of files, so that a
 * device, a huge file or an include set that doubles at every level ends
 * with a clear error instead of exhausting memory. Each file read from the
 * file system keeps its identity (device and inode), by which includes.c
 * finds include cycles whatever the path's spelling.
 */
#ifndef SOURCE_H
#define SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "arena.h"

/* The defaults of the limits, in bytes and files; each has an option. */
#define SOURCE_DEFAULT_MAX_FILE_BYTES ((size_t)64 << 20)
#define SOURCE_DEFAULT_MAX_TOTAL_BYTES ((size_t)128 << 20)
#define SOURCE_DEFAULT_MAX_FILES ((size_t)256)

typedef struct source_limits {
    size_t max_file_bytes;       /* of one file */
    size_t max_total_bytes;      /* of all files of one compilation */
    size_t max_files;            /* files of one compilation */
} source_limits;

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
    bool has_identity;           /* read from the file system: */
    dev_t device;                /*   its device */
    ino_t inode;                 /*   and inode */
} source_file;

struct include_policy;          /* includes.h */

typedef struct source_set {
    arena *region;
    source_file *files;
    size_t count;
    size_t capacity;
    source_limits limits;        /* the defaults, unless changed after init */
    size_t total_bytes;          /* read so far */
    const struct include_policy *includes;   /* NULL: the default policy */
    bool includes_stopped;       /* a limit was reached: read no more */
} source_set;

void source_set_init(source_set *sources, arena *region);

/* Read a file into the set. Returns its index, or -1 with errno set:
 * EFBIG when the file is larger than limits.max_file_bytes (a device
 * such as /dev/zero is read no further than that). The text is checked
 * for valid UTF-8 by the caller (see lexer). */
int source_load(source_set *sources, const char *path, int included_from,
                source_span include_span);

/* The same from a descriptor open for reading (which is not closed);
 * name is what messages call the file. */
int source_load_descriptor(source_set *sources, int descriptor, const char *name,
                           int included_from, source_span include_span);

/* Text held in memory, under the same limit as a file (EFBIG). */
int source_add_text_limited(source_set *sources, const char *name, const char *text,
                            size_t length);

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
