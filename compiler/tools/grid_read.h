/*
 * grid_read.h — a spreadsheet saved as CSV, read into rows of cells, each
 * row knowing the line it starts on (for file:line: messages).
 *
 * The CSV is parsed by libcsv (RFC 4180: quoted fields may hold commas,
 * quotes and line breaks); this module adds what an importer needs around
 * it: a size limit, the UTF-8 check (with a byte order mark at the start
 * skipped, as spreadsheets write one), CR LF line ends folded to LF inside
 * cells, and blank rows dropped. A cell written by the CSV cell writer
 * (runtime/lib/csv_cell.h: --emit grid-csv) with an apostrophe before a
 * text a spreadsheet would run as a formula ('=x, '- item, ''=x) is read
 * without that apostrophe (=x, - item, '=x), so a grid exported and
 * imported gives back the same text.
 */
#ifndef GRID_READ_H
#define GRID_READ_H

#include <stddef.h>
#include <stdio.h>

#include "arena.h"

enum { GRID_MAX_BYTES = 16 * 1024 * 1024 };

typedef struct grid_row {
    char **cells;                /* NUL-terminated UTF-8 */
    size_t cell_count;
    unsigned long line;          /* 1-based line where the row starts */
} grid_row;

typedef struct grid {
    grid_row *rows;              /* blank rows left out */
    size_t row_count;
} grid;

/* Reads file into *out (memory from region). On a file that cannot be
 * read, is too big, is not UTF-8 or is not well-formed CSV, writes
 * "file[:line]: error: …" to errors (the name with its control characters
 * escaped: diagnostics_escaped) and returns -1. */
int grid_read(arena *region, const char *file, grid *out, FILE *errors);

/* array (count elements of size bytes, with room for *capacity) given
 * room for one more, in region: the room doubles, so that filling an array
 * one element at a time costs linear time. Returns the array, moved or not. */
void *grid_reserve(arena *region, void *array, size_t count, size_t *capacity, size_t size);

#endif /* GRID_READ_H */
