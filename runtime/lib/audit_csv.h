/*
 * audit_csv.h — CSV audits read row by row into rubric_audit records.
 *
 * Internal to the audit reader (audit_read.c calls it for a CSV input; not
 * installed). The format, and what makes an input not audits at all, are
 * in audit_read.h.
 */
#ifndef AUDIT_CSV_H
#define AUDIT_CSV_H

#include "audit_record.h"

/* Read the reader's input as CSV to its end (or until the handler stops
 * it), handing over each record; a header that cannot be used is the
 * input's trouble (audit_input_trouble), lack of memory reader->out_of_memory. */
void audit_csv_read(audit_reader *reader);

/* The record path for rows read from elsewhere (an xlsx worksheet,
 * audit_xlsx.c), exactly as CSV rows take it: begin an input; add each
 * cell of a row in column order; end the row, named by LINE (its row
 * number) in records and errors. The first row but comment rows is the
 * header. */
void audit_csv_begin(audit_reader *reader);
void audit_csv_add_field(audit_reader *reader, const char *text, size_t length);
void audit_csv_end_record(audit_reader *reader, unsigned long line);

/* Free the buffers the CSV reading grew (the reader itself is the caller's). */
void audit_csv_free(audit_reader *reader);

/* Whether CSV lines may take the plain path (see audit_csv.c); 1 unless
 * a test sets it to 0 to read every line by libcsv and compare the two. */
extern int csv_row_plain_path;

#endif /* AUDIT_CSV_H */
