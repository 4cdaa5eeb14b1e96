/*
 * report.h — writing graded audits and record errors as JSON Lines, CSV or
 * a readable text table, one record at a time.
 *
 * Internal to the library and rubric-grade (not installed). A report
 * builds records into one reused buffer and writes them to the FILE a
 * block at a time, so the stream needs no buffer of its own; call
 * report_flush before writing anything else to that FILE, and at the end.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "report_format.h"
#include "rubric.h"

/* Where a record came from and who it is about. */
typedef struct report_source {
    const char *input;
    unsigned long line;
    const char *case_reference;  /* may be NULL */
    const rubric_audit *audit;   /* of a failed record, what was read of it (auditor, date:
                                    kept in its CSV row), or NULL */
    const char *amended_by;      /* an amended record's who and when, or NULL */
    const char *amended_at;
} report_source;

typedef struct report_writer report_writer;

/* A report of MODEL's grades in FORMAT onto OUTPUT; NULL when out of memory. */
report_writer *report_new(const rubric_model *model, report_format format, FILE *output);
void report_free(report_writer *writer);

/* CSV for Excel (EXCEL nonzero): a UTF-8 byte order mark before the
 * header and CRLF line ends. CSV cells that a spreadsheet would run as a
 * formula are always neutralised (csv_cell.h). */
void report_set_excel(report_writer *writer, int excel);

/* CSV: add the evidence comment columns after the grade columns
 * ("comment:overall", "comment:section:ID" per section, "comment:ID" per
 * criterion). A CSV header is fixed before any audit is read, so they are
 * asked for, not found. */
void report_set_comments(report_writer *writer, int comments);

/* Partial grading (rubric_grader_set_partial): in JSON Lines, a section
 * or overall that waits for ungraded criteria says so ("incomplete": true)
 * and lists them ("missing"). */
void report_set_partial(report_writer *writer, int partial);

/* Whether a graded audit carried a comment that the output had no room
 * for (CSV without comment columns): the caller says how to keep them. */
int report_dropped_comments(const report_writer *writer);

/* Whether a graded audit carried a pass-through field that the CSV output
 * had no field:KEY column for (the columns are those of the first record
 * written): the caller says where the field is kept. */
int report_dropped_fields(const report_writer *writer);

/* A section's label in text tables, "7 cp-planning  Child protection
 * planning", into BUFFER (cut at a character boundary); returns BUFFER. */
enum { REPORT_LABEL_SIZE = 512 };
const char *report_section_label(const rubric_model *model, unsigned section, char *buffer, size_t size);

/* Add one graded audit (RESULT must be valid); 0 on a write error. */
int report_result(report_writer *writer, const report_source *source, const rubric_audit *audit,
                  const rubric_result *result);

/* Add one record error; 0 on a write error. */
int report_error(report_writer *writer, const report_source *source, const char *message);

/* Write every record still held in the buffer; 0 on a write error. */
int report_flush(report_writer *writer);

#endif /* REPORT_H */
