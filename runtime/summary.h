/*
 * summary.h — totals over a batch of graded audits: the grade distribution
 * per criterion, per section and overall, the share good or better, and
 * how often the auditor's own grades agree with the rubric's rules.
 *
 * Internal to the library and rubric-grade (not installed). Adding an
 * audit only increments counters allocated once.
 */
#ifndef SUMMARY_H
#define SUMMARY_H

#include <stdio.h>

#include "report.h"
#include "rubric.h"

typedef struct batch_summary batch_summary;

batch_summary *summary_new(const rubric_model *model);
void summary_free(batch_summary *summary);

/* Count a valid graded audit. */
void summary_add_result(batch_summary *summary, const rubric_result *result);

/* Count a record that failed. */
void summary_add_error(batch_summary *summary);

/* Write the summary as one JSON object (REPORT_FORMAT_JSONL), one CSV
 * table (a row for the overall grade, each section and each criterion;
 * EXCEL adds a byte order mark and CRLF) or readable text tables, with
 * section and criterion titles beside their ids; 0 on a write error. */
int summary_write(const batch_summary *summary, report_format format, int excel, FILE *output);

#endif /* SUMMARY_H */
