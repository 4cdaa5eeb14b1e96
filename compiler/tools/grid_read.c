/*
 * grid_read.c — CSV rows with their line numbers (see grid_read.h).
 *
 * The file is read whole (it is a spreadsheet, small; GRID_MAX_BYTES
 * bounds it, so a device or a huge file cannot take the memory), checked
 * to be UTF-8 by the compiler's own check (source.c), then handed to
 * libcsv a line at a time. libcsv
 * says through its parser state whether a record is under way; when none is
 * before a line, the next record starts on that line, which is how every
 * row learns its line even after cells that span several lines.
 */
#include "grid_read.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <csv.h>

#include "csv_cell.h"
#include "diagnostics.h"
#include "source.h"

/* libcsv's parser state before any field of a record (libcsv.c's
 * ROW_NOT_BEGUN; csv.h exposes the field but not the name). */
enum { CSV_ROW_NOT_BEGUN = 0 };

/* What the libcsv callbacks build. */
typedef struct grid_builder {
    arena *region;
    grid *rows;
    size_t row_capacity;
    char **cells;
    size_t cell_count;
    size_t cell_capacity;
    unsigned long line;          /* the line being fed */
    unsigned long row_line;      /* where the record under way started */
} grid_builder;

/* Checks that text[0..length) is UTF-8 without NUL bytes, with the
 * compiler's own check (source.c); otherwise says where it is not and
 * returns -1. text[length] must be readable. */
static int grid_check_utf8(const char *path, char *text, size_t length, FILE *errors)
{
    source_file whole = {.name = path, .text = text, .length = length};
    long bad = source_find_bad_utf8(&whole);
    if (bad < 0)
        return 0;
    unsigned long line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < (size_t)bad; i++)
        if (text[i] == '\n')
            line++, line_start = i + 1;
    if (text[bad] == '\0')
        fprintf(errors, "%s:%lu: error: the grid holds a NUL byte; it is not a CSV file\n", path, line);
    else
        fprintf(errors,
                "%s:%lu: error: the grid is not UTF-8 (byte 0x%02X at byte %zu of the line); "
                "save the spreadsheet as \"CSV UTF-8\" and import that\n",
                path, line, (unsigned char)text[bad], (size_t)bad - line_start + 1);
    return -1;
}

void *grid_reserve(arena *region, void *array, size_t count, size_t *capacity, size_t size)
{
    if (count < *capacity)
        return array;
    size_t grown = *capacity == 0 ? 32 : *capacity * 2;
    array = arena_grow(region, array, *capacity, grown, size);
    *capacity = grown;
    return array;
}

/* libcsv: one field read. The apostrophe that csv_cell puts before a
 * formula-like text is taken off (csv_cell_restored); then CR LF inside a
 * quoted cell becomes LF, and so does a lone CR. */
static void grid_take_field(void *data, size_t length, void *context)
{
    grid_builder *builder = context;
    builder->cells = grid_reserve(builder->region, builder->cells, builder->cell_count,
                                  &builder->cell_capacity, sizeof *builder->cells);
    char *cell = arena_alloc_unzeroed(builder->region, length + 1);
    memcpy(cell, data, length);
    cell[length] = '\0';
    const char *bytes = csv_cell_restored(cell);
    length -= (size_t)(bytes - cell);
    size_t kept = 0;
    for (size_t i = 0; i < length; i++)
        if (!(bytes[i] == '\r' && i + 1 < length && bytes[i + 1] == '\n'))
            cell[kept++] = bytes[i] == '\r' ? '\n' : bytes[i];
    cell[kept] = '\0';
    builder->cells[builder->cell_count++] = cell;
}

/* libcsv: the record ends. A row of empty cells only is left out. */
static void grid_take_row(int terminator, void *context)
{
    (void)terminator;
    grid_builder *builder = context;
    bool blank = true;
    for (size_t i = 0; i < builder->cell_count && blank; i++)
        blank = builder->cells[i][0] == '\0';
    if (!blank) {
        grid *rows = builder->rows;
        rows->rows = grid_reserve(builder->region, rows->rows, rows->row_count,
                                  &builder->row_capacity, sizeof *rows->rows);
        grid_row *row = &rows->rows[rows->row_count++];
        row->cells = arena_array(builder->region, builder->cell_count + 1, sizeof *row->cells);
        memcpy(row->cells, builder->cells, builder->cell_count * sizeof *row->cells);
        row->cell_count = builder->cell_count;
        row->line = builder->row_line;
    }
    builder->cell_count = 0;
}

/* The whole file, at most GRID_MAX_BYTES; NULL after a message (which
 * names it as path). */
static unsigned char *grid_slurp(arena *region, const char *file, const char *path, size_t *length,
                                 FILE *errors)
{
    FILE *in = fopen(file, "rb");
    if (in == NULL) {
        fprintf(errors, "%s: error: cannot read the grid: %s\n", path, strerror(errno));
        return NULL;
    }
    unsigned char *text = arena_alloc_unzeroed(region, GRID_MAX_BYTES + 1);
    *length = fread(text, 1, GRID_MAX_BYTES + 1, in);
    bool failed = ferror(in) != 0;
    int saved = errno;
    fclose(in);
    if (failed) {
        fprintf(errors, "%s: error: cannot read the grid: %s\n", path, strerror(saved));
        return NULL;
    }
    if (*length > GRID_MAX_BYTES) {
        fprintf(errors, "%s: error: the grid is larger than %d MiB; is it a spreadsheet saved as CSV?\n",
                path, GRID_MAX_BYTES / (1024 * 1024));
        return NULL;
    }
    return text;
}

int grid_read(arena *region, const char *file, grid *out, FILE *errors)
{
    memset(out, 0, sizeof *out);
    const char *path = diagnostics_escaped(region, file);   /* as the messages show it */
    size_t length;
    unsigned char *text = grid_slurp(region, file, path, &length, errors);
    if (text == NULL)
        return -1;
    size_t at = 0;
    if (length >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        at = 3;                  /* the byte order mark of "CSV UTF-8" */
    text[length] = '\0';
    if (grid_check_utf8(path, (char *)text + at, length - at, errors) != 0)
        return -1;

    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fprintf(errors, "%s: error: out of memory\n", path);
        return -1;
    }
    grid_builder builder = {.region = region, .rows = out, .line = 1, .row_line = 1};
    int result = 0;
    while (at < length && result == 0) {
        const unsigned char *end = memchr(text + at, '\n', length - at);
        size_t line_length = end != NULL ? (size_t)(end - (text + at)) + 1 : length - at;
        if (parser.pstate == CSV_ROW_NOT_BEGUN)
            builder.row_line = builder.line;
        if (csv_parse(&parser, text + at, line_length, grid_take_field, grid_take_row, &builder)
            != line_length) {
            if (csv_error(&parser) == CSV_EPARSE)
                fprintf(errors, "%s:%lu: error: malformed CSV: a quote inside a cell that is not "
                                "quoted; quote the whole cell and double the quote (\"a \"\"b\"\" c\")\n",
                        path, builder.line);
            else
                fprintf(errors, "%s:%lu: error: cannot read the CSV: %s\n", path, builder.line,
                        csv_strerror(csv_error(&parser)));
            result = -1;
        }
        at += line_length;
        builder.line++;
    }
    if (result == 0 && csv_fini(&parser, grid_take_field, grid_take_row, &builder) != 0) {
        fprintf(errors, "%s:%lu: error: malformed CSV: a quoted cell that starts on line %lu "
                        "never ends; add the closing quote\n",
                path, builder.line - 1, builder.row_line);
        result = -1;
    }
    csv_free(&parser);
    return result;
}
