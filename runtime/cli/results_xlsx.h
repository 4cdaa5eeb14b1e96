/*
 * results_xlsx.h — rubric-grade's results as an Excel workbook
 * (--format xlsx -o FILE): a Results sheet of one row per record (where it
 * was read, the audit's own fields and facts, the decided grades and the
 * rules that decided them, or the error), and a Summary sheet of the
 * distributions with native Excel charts, and with --group-by, --round or
 * --rounds the report's tables by group and by round (results_xlsx.c says
 * more).
 *
 * Internal to rubric-grade. Each call returns 1, or 0 when the workbook
 * could not be written (libxlsxwriter refused, or no room). Not in the
 * WebAssembly build (RUBRIC_NO_XLSX_WRITE): results_book_new returns NULL there,
 * and the command line refuses the format before.
 */
#ifndef RESULTS_XLSX_H
#define RESULTS_XLSX_H

#include <stdio.h>

#include "report_layout.h"
#include "rubric.h"

typedef struct results_book results_book;

/* A workbook for MODEL's results, written to a scratch file as records
 * come, with the sheets by group and by round LAYOUT asks for (NULL:
 * none; LAYOUT must outlive the book); NULL when it cannot be made. */
results_book *results_book_new(const rubric_model *model, const report_layout *layout);

/* Drop the workbook (NULL is fine). */
void results_book_free(results_book *book);

/* One graded record, read at INPUT:LINE. */
int results_book_result(results_book *book, const char *input, unsigned long line, const rubric_audit *audit,
                        const rubric_result *result);

/* One record that failed, with its case when known. */
int results_book_error(results_book *book, const char *input, unsigned long line, const char *case_reference,
                       const char *message);

/* Finish the workbook (the Summary sheet, the charts) and copy it to OUTPUT. */
int results_book_write(results_book *book, FILE *output);

#endif /* RESULTS_XLSX_H */
