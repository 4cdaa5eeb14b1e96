/*
 * sample_xlsx.c — the allocation of `rubric-grade sample` as an Excel
 * workbook (-o FILE.xlsx, or --format xlsx), written with libxlsxwriter
 * (see sample.h).
 *
 *   Allocation  one row per chosen case, in the list's order, the columns
 *               of the CSV allocation (case, team, case_type, worker,
 *               opened, closed, auditor, auditor_team); the dates as
 *               Excel date cells shown YYYY-MM-DD; the header row frozen,
 *               with a filter on it
 *   Auditors    each auditor, their team and the cases given them
 *
 * Every text is a string cell, never a formula, so a case reference such
 * as "=HYPERLINK(...)" is the text it is, kept exactly (CSV's
 * neutralising apostrophe is not needed in a typed cell). libxlsxwriter
 * writes to a file name: a scratch file (common/scratch_file.h), read
 * back into the caller's buffer, which sample.c writes through
 * common/output_file.c like the CSV. The workbook's dates are fixed (no
 * clock in the output), so the same seed gives the same bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output_buffer.h"
#include "sample.h"

#if defined(RUBRIC_NO_XLSX_WRITE)

int sample_allocation_xlsx(struct output_buffer *out, const sample_list *list, const sample_auditors *auditors,
                           sample_error *error)
{
    (void)out, (void)list, (void)auditors;
    return sample_fail(error, "an Excel workbook cannot be written in this build: write the allocation as CSV");
}

#else

#include <xlsxwriter.h>

#include "calendar.h"
#include "scratch_file.h"

static const char *const ALLOCATION_COLUMNS[] = {"case", "team", "case_type", "worker", "opened", "closed",
                                                 "auditor", "auditor_team"};
enum { ALLOCATION_COLUMN_COUNT = 8, FIRST_DATE_COLUMN = 4, LAST_DATE_COLUMN = 5 };

/* What the sheets are written with, and whether every cell was taken. */
typedef struct allocation_book {
    lxw_workbook *workbook;
    lxw_format *header;
    lxw_format *date;
    int failed;
} allocation_book;

static void check(allocation_book *book, lxw_error error)
{
    book->failed |= error != LXW_NO_ERROR;
}

static void put_text(allocation_book *book, lxw_worksheet *sheet, lxw_row_t row, lxw_col_t column, const char *text,
                     lxw_format *format)
{
    if (text && text[0])
        check(book, worksheet_write_string(sheet, row, column, text, format));
}

/* A date cell for TEXT (YYYY-MM-DD as the list gave it), else its text. */
static void put_date(allocation_book *book, lxw_worksheet *sheet, lxw_row_t row, lxw_col_t column, const char *text)
{
    long day;
    int year, month, day_of_month;
    if (text && text[0] && calendar_parse_date(text, &day)) {
        calendar_date(day, &year, &month, &day_of_month);
        lxw_datetime when = {year, month, day_of_month, 0, 0, 0.0};
        check(book, worksheet_write_datetime(sheet, row, column, &when, book->date));
    } else {
        put_text(book, sheet, row, column, text, NULL);
    }
}

static void write_allocation_sheet(allocation_book *book, const sample_list *list, const sample_auditors *auditors)
{
    lxw_worksheet *sheet = workbook_add_worksheet(book->workbook, "Allocation");
    if (sheet == NULL) {
        book->failed = 1;
        return;
    }
    for (lxw_col_t column = 0; column < ALLOCATION_COLUMN_COUNT; column++)
        put_text(book, sheet, 0, column, ALLOCATION_COLUMNS[column], book->header);
    lxw_row_t row = 1;
    for (size_t index = 0; index < list->count; index++) {
        const sample_case *one = &list->cases[index];
        if (!one->chosen)
            continue;
        const sample_auditor *auditor = &auditors->auditors[one->auditor];
        const char *cells[ALLOCATION_COLUMN_COUNT] = {one->reference, one->team, one->case_type, one->worker,
                                                      one->opened, one->closed, auditor->name, auditor->team};
        for (lxw_col_t column = 0; column < ALLOCATION_COLUMN_COUNT; column++) {
            if (column >= FIRST_DATE_COLUMN && column <= LAST_DATE_COLUMN)
                put_date(book, sheet, row, column, cells[column]);
            else
                put_text(book, sheet, row, column, cells[column], NULL);
        }
        row++;
    }
    worksheet_freeze_panes(sheet, 1, 0);
    check(book, worksheet_autofilter(sheet, 0, 0, row - 1, ALLOCATION_COLUMN_COUNT - 1));
    worksheet_set_column(sheet, 0, ALLOCATION_COLUMN_COUNT - 1, 18, NULL);
}

static void write_auditors_sheet(allocation_book *book, const sample_auditors *auditors)
{
    lxw_worksheet *sheet = workbook_add_worksheet(book->workbook, "Auditors");
    if (sheet == NULL) {
        book->failed = 1;
        return;
    }
    put_text(book, sheet, 0, 0, "auditor", book->header);
    put_text(book, sheet, 0, 1, "team", book->header);
    put_text(book, sheet, 0, 2, "cases", book->header);
    for (size_t index = 0; index < auditors->count; index++) {
        const sample_auditor *auditor = &auditors->auditors[index];
        lxw_row_t row = (lxw_row_t)(index + 1);
        put_text(book, sheet, row, 0, auditor->name, NULL);
        put_text(book, sheet, row, 1, auditor->team, NULL);
        check(book, worksheet_write_number(sheet, row, 2, (double)auditor->load, NULL));
    }
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_set_column(sheet, 0, 1, 22, NULL);
}

int sample_allocation_xlsx(struct output_buffer *out, const sample_list *list, const sample_auditors *auditors,
                           sample_error *error)
{
    scratch_file scratch;
    if (scratch_file_open(&scratch) != 0)
        return sample_fail(error, "cannot make a scratch file for the workbook: %s", strerror(errno));
    allocation_book book = {0};
    book.workbook = workbook_new(scratch.name);
    book.header = book.workbook ? workbook_add_format(book.workbook) : NULL;
    book.date = book.workbook ? workbook_add_format(book.workbook) : NULL;
    if (book.header == NULL || book.date == NULL) {
        if (book.workbook)
            workbook_close(book.workbook);
        scratch_file_close(&scratch);
        return sample_fail(error, "out of memory");
    }
    format_set_bold(book.header);
    format_set_num_format(book.date, "yyyy-mm-dd");
    static char title[] = "Cases chosen for audit";
    lxw_doc_properties properties;
    memset(&properties, 0, sizeof properties);
    properties.title = title;
    properties.created = (time_t)946684800;      /* 2000-01-01T00:00:00Z: no clock in the output */
    check(&book, workbook_set_properties(book.workbook, &properties));
    write_allocation_sheet(&book, list, auditors);
    write_auditors_sheet(&book, auditors);
    lxw_error closed = workbook_close(book.workbook);
    int good = closed == LXW_NO_ERROR && !book.failed;
    char *bytes = NULL;
    size_t size = 0;
    FILE *memory = good ? open_memstream(&bytes, &size) : NULL;
    good = memory != NULL && scratch_file_copy(&scratch, memory) == 0;
    if (memory && fclose(memory) != 0)
        good = 0;
    scratch_file_close(&scratch);
    if (good)
        output_bytes(out, bytes, size);
    free(bytes);
    if (!good)
        return sample_fail(error, "the workbook cannot be written: %s",
                           closed != LXW_NO_ERROR ? lxw_strerror(closed) : "out of memory or disk space");
    return 1;
}

#endif /* RUBRIC_NO_XLSX_WRITE */
