/*
 * audit_xlsx.h — audits from an Excel workbook (.xlsx), read row by row
 * into rubric_audit records through the CSV reader's record path.
 *
 * Internal to the audit reader (audit_read.c calls it for an xlsx input;
 * not installed). The sheet read, the cells' text and the dates are
 * described in audit_xlsx.c; the columns are CSV's (audit_read.h).
 * Records and errors name the input FILE:SHEET and the row by its number.
 * The input must be seekable (a file, not a pipe).
 */
#ifndef AUDIT_XLSX_H
#define AUDIT_XLSX_H

#include "audit_record.h"

/* Read the reader's input (reader->input, named reader->name) as a
 * workbook to its end, or until the handler stops it; a workbook that
 * cannot be used is the input's trouble (audit_input_trouble), lack of
 * memory reader->out_of_memory. */
void audit_xlsx_read(audit_reader *reader);

#endif /* AUDIT_XLSX_H */
