/*
 * audit_read.h — reading audits from JSON Lines and CSV, record by record.
 *
 * Internal to the library and rubric-grade (not installed): the reader
 * streams a file, turns each record into a rubric_audit and hands it to a
 * callback, or hands over what is wrong with a record it cannot read. Its
 * buffers grow to the largest record seen and are reused, file after file.
 * The types it hands over are in audit_record.h; its files are
 * audit_read.c (the run, JSON Lines), audit_lines.c (the line source),
 * audit_csv.c (CSV) and audit_json.c (one JSON record).
 *
 * JSON Lines: one audit object per line (blank lines are skipped):
 *   {"case": …, "rubric": …, "auditor": …, "date": …, "role": …, "case_type": …,
 *    "grades": {criterion id: grade, …},
 *    "auditor_grades": {"overall": grade, "sections": {section id: grade}},
 *    "comments": {criterion id, section id or "overall": text, …}}
 * A grade is a string ("G", "7") or, for a score, a JSON number (7). A
 * null anywhere is the same as the field left out; an empty grade or
 * comment is none given; an empty case is an error.
 * CSV: a header row (case, rubric, auditor, date, role, case_type,
 * criterion ids, overall, section:<id>, comment:<criterion id>,
 * comment:section:<section id>, comment:overall) and one audit per row;
 * an empty cell is not given. A column that is no criterion, fact or
 * column of the record is passed through as a field (one note per input,
 * audit_reader_set_notes); one close to a criterion id or fact key is the
 * input's trouble (did you mean). A JSON member that is none of the
 * record's own is a fact or a pass-through field too (an object or array
 * kept as its JSON text, rubric_audit.field_json). Spaces and tabs around an unquoted cell are
 * not part of it (libcsv trims them); inside quotes they are kept.
 *
 * Nothing is lost: a record longer than the maximum record size, or too
 * large for memory, is handed over as an error naming its line, and
 * reading goes on at the next line; an unclosed CSV quote takes only its
 * own record. An input that is not audits at all (a first line that is
 * not a JSON object, a CSV header that cannot be read, names a column
 * twice, has no 'case' column or none of the rubric's criteria) is one
 * error for the whole input: audit_reader_read returns 0 with
 * "INPUT:LINE: why" and hands over no record of it.
 */
#ifndef AUDIT_READ_H
#define AUDIT_READ_H

#include <stdio.h>

#include "audit_date.h"
#include "audit_record.h"
#include "rubric.h"

audit_reader *audit_reader_new(void);
void audit_reader_free(audit_reader *reader);

/* The longest record (line, or CSV record over lines) kept, in bytes;
 * 0 restores the default. */
void audit_reader_set_max_record(audit_reader *reader, size_t bytes);

/* The form an audit's date may be written in besides YYYY-MM-DD
 * (audit_date.h; the default is that form alone); a date in it is handed
 * over rewritten YYYY-MM-DD. */
void audit_reader_set_date_format(audit_reader *reader, audit_date_format format);

/* The rubric a CSV header must name criteria of (none: not checked). */
void audit_reader_set_rubric(audit_reader *reader, const rubric_model *model);

/* Where notes about an input go (audit_note_handler); none by default. */
void audit_reader_set_notes(audit_reader *reader, audit_note_handler handler, void *context);

/* The format a file name implies: .csv, .jsonl or .json, else DETECT. */
audit_format audit_format_from_name(const char *name);

/* Read every record of INPUT (named NAME in records) and pass each to
 * HANDLER. Returns 1 when the input was read to its end or the handler
 * stopped it, 0 on a read error, lack of memory or an input that is not
 * audits (the reason, naming input and line, in ERROR). */
int audit_reader_read(audit_reader *reader, FILE *input, const char *name, audit_format format,
                      audit_handler handler, void *context, char *error, size_t error_size);

#endif /* AUDIT_READ_H */
