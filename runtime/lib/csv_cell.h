/*
 * csv_cell.h — the one writer of CSV cells, for every CSV both programs
 * write: rubric-grade's reports and summaries, and rubricc's Canvas
 * export, spreadsheet grid and audit template.
 *
 * A cell is made safe for a spreadsheet, then quoted:
 *
 *   Neutralising. A spreadsheet runs a cell that starts with =, +, -, @,
 *   a tab or a carriage return as a formula (OWASP's "CSV injection"),
 *   unless it is a plain number such as -1 or +2.5. Such a cell gets one
 *   leading apostrophe ('), which makes the spreadsheet show it as text:
 *   "=SUM(A1)" is written '=SUM(A1), "- an item" '- an item. So that the
 *   rule can be undone exactly (csv_cell_restored, for `rubricc import`),
 *   a text that already starts with apostrophes followed by such a start
 *   ("'=x") gets one more ("''=x"); no other text is changed.
 *
 *   Quoting (RFC 4180). A cell that holds a comma, a double quote, a
 *   carriage return or a line feed is written between double quotes, its
 *   quotes doubled; others as they are (spaces at either end are part of
 *   the cell, as RFC 4180 says). csv_cell_quoted quotes every cell.
 *
 * Internal to the project's programs (librubric-internal.a), not part of
 * rubric.h. Every function appends to an output_buffer and never fails
 * but for lack of memory, which the buffer records. A NULL text is an
 * empty cell.
 */
#ifndef CSV_CELL_H
#define CSV_CELL_H

#include "output_buffer.h"

/* Whether a spreadsheet would read TEXT as a formula: it starts with =,
 * +, -, @, a tab or a carriage return, and is not a plain number. */
int csv_cell_is_formula(const char *text);

/* Whether TEXT is written with a leading apostrophe: a formula, or
 * apostrophes followed by one. */
int csv_cell_needs_neutralising(const char *text);

/* TEXT as a cell: neutralised where needed, then quoted where needed. */
void csv_cell(output_buffer *buffer, const char *text);

/* The same, always between double quotes. */
void csv_cell_quoted(output_buffer *buffer, const char *text);

/* A cell's text as read back (after CSV unquoting) with the neutralising
 * undone: TEXT less its first character when that is an apostrophe the
 * writer added (csv_cell_needs_neutralising of the rest), else TEXT. */
const char *csv_cell_restored(const char *text);

#endif /* CSV_CELL_H */
