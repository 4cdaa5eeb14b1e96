/*
 * audit_xlsx.c — audits from an Excel workbook (.xlsx) into rubric_audit
 * records, by the same record path as CSV (see audit_xlsx.h).
 *
 * The workbook's rows come from xlsx_rows.c (minizip and expat), from the
 * first sheet whose header row has a 'case' cell (else the first sheet,
 * which the record path then reports). Each row's cells, in column
 * order, with the gaps and the trailing cells up to the header's width
 * filled as empty ones, go to the CSV reader's record path
 * (audit_csv_add_field, audit_csv_end_record), so a row is checked,
 * mapped through the header and reported exactly as a CSV row is; records
 * and errors name the input as FILE:SHEET and the row by its number.
 */
#include "audit_xlsx.h"

#include <stdio.h>
#include <string.h>

#include "audit_csv.h"
#include "audit_lines.h"
#include "xlsx_rows.h"

/* The reader, and the name records and errors give it while the sheet is read. */
typedef struct audits_sheet {
    audit_reader *reader;
    char input_name[1024];       /* FILE:SHEET */
} audits_sheet;

static int names_audits(void *context, const char *text, size_t length)
{
    (void)context;
    return length == 4 && memcmp(text, "case", 4) == 0;
}

static void begin_audits(void *context, const char *input_name)
{
    audits_sheet *sheet = context;
    snprintf(sheet->input_name, sizeof sheet->input_name, "%s", input_name);
    sheet->reader->name = sheet->input_name;
    audit_csv_begin(sheet->reader);
}

/* A row to the record path, its gaps and the header's trailing columns as empty cells. */
static int take_row(void *context, unsigned long number, const xlsx_cell *cells, unsigned count, size_t bytes)
{
    audit_reader *reader = ((audits_sheet *)context)->reader;
    if (bytes > reader->max_record_bytes) {
        audit_deliver_error(reader, number, NULL, "the row is longer than the maximum record size "
                                                  "(--max-record-size)");
        return !reader->stopped;
    }
    int comment = cells[0].column == 0 && cells[0].text[0] == '#';
    unsigned width = cells[count - 1].column + 1;
    if (reader->have_header && !comment && width < reader->header.count)
        width = reader->header.count;
    unsigned next = 0;
    for (unsigned column = 0; column < width && !reader->out_of_memory; column++) {
        if (next < count && cells[next].column == column) {
            audit_csv_add_field(reader, cells[next].text, cells[next].length);
            next++;
        } else {
            audit_csv_add_field(reader, "", 0);
        }
    }
    audit_csv_end_record(reader, number);
    return !reader->stopped && !reader->out_of_memory;
}

static void workbook_trouble(void *context, unsigned long row, const char *message)
{
    audit_input_trouble(((audits_sheet *)context)->reader, row, "%s", message);
}

void audit_xlsx_read(audit_reader *reader)
{
    const char *file_name = reader->name;
    audits_sheet sheet = {.reader = reader};
    xlsx_row_sink sink = {&sheet, "audits", names_audits, begin_audits, take_row, workbook_trouble};
    int result = xlsx_read_rows(reader->input, file_name, &sink);
    if (result < 0)
        reader->out_of_memory = 1;
    else if (result > 0 && !reader->have_header && !reader->stopped && !reader->out_of_memory)
        audit_input_trouble(reader, 1, "the sheet is empty: no header row, no audit");
    reader->name = file_name;
}
