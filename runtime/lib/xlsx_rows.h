/*
 * xlsx_rows.h — the rows of one sheet of an Excel workbook (.xlsx), each
 * a list of cell texts in column order, for whoever reads a table from a
 * workbook: the audit reader (audit_xlsx.c) and rubric-grade sample's
 * case lists (runtime/cli/sample_read.c).
 *
 * Internal (not installed). Which sheet is read, and what a cell's text
 * is (shared and inline strings, numbers, Excel's dates in either date
 * system, booleans, errors), is described in xlsx_rows.c. The input must
 * be seekable (a file, not a pipe). The WebAssembly build reads workbooks
 * too (wasm/libraries.sh builds minizip, zlib and expat for it).
 */
#ifndef XLSX_ROWS_H
#define XLSX_ROWS_H

#include <stddef.h>
#include <stdio.h>

/* A cell that is not empty: its column (0 is A) and its text, trimmed
 * (not NUL-terminated: LENGTH bytes). */
typedef struct xlsx_cell {
    unsigned column;
    const char *text;
    size_t length;
} xlsx_cell;

/* What the caller does with the workbook. */
typedef struct xlsx_row_sink {
    void *context;
    const char *contents;        /* what the workbook should hold, for messages: "audits" */
    /* Whether a header row's cell names the sheet wanted ("case"). */
    int (*names_sheet)(void *context, const char *text, size_t length);
    /* The sheet chosen, before its rows: named as messages name it, FILE:SHEET. */
    void (*begin_sheet)(void *context, const char *input_name);
    /* A row with a cell that is not empty: its number, its COUNT cells in
     * column order (one per column, gaps left out) and the bytes of their
     * texts; 0 stops the reading. */
    int (*row)(void *context, unsigned long number, const xlsx_cell *cells, unsigned count, size_t bytes);
    /* The workbook or sheet cannot be used: the row (1 when none) and why. */
    void (*trouble)(void *context, unsigned long row, const char *message);
} xlsx_row_sink;

/* Read INPUT (named NAME) as a workbook, its sheet's rows to SINK: 1 when
 * the sheet was read to its end or the sink stopped it, 0 when the
 * workbook cannot be read (told to sink->trouble), -1 out of memory. */
int xlsx_read_rows(FILE *input, const char *name, const xlsx_row_sink *sink);

#endif /* XLSX_ROWS_H */
