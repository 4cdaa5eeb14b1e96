/*
 * results_xlsx_splits.h — the results workbook's sheets of the report's
 * splits (results_xlsx.h): a sheet "By FIELD" for each --group-by field
 * and a sheet "Rounds" for --round or --rounds, each a table with a
 * native Excel chart beside it, the chart's data in its own table.
 *
 * Internal to rubric-grade, and only where workbooks are written (not
 * with RUBRIC_NO_XLSX_WRITE). The counting, the groups' order and the
 * rule that withholds a small group are report_splits.h's, shared with
 * the report page, so the two show the same figures.
 */
#ifndef RESULTS_XLSX_SPLITS_H
#define RESULTS_XLSX_SPLITS_H

#include <xlsxwriter.h>

#include "report_splits.h"

/* Add the sheets of SPLITS (sorted here) to WORKBOOK, headings in HEADER's
 * format; 1, or 0 when libxlsxwriter refused something or memory ran out. */
int results_xlsx_write_splits(lxw_workbook *workbook, report_splits *splits, lxw_format *header);

#endif /* RESULTS_XLSX_SPLITS_H */
