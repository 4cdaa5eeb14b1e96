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

#include "report_format.h"
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

/* A read-only view of one tally, for other reports (the HTML report). */
typedef struct summary_view {
    const unsigned long *counts;     /* one per level in scale order, then NA */
    unsigned long compared;          /* audits where the auditor gave a grade */
    unsigned long agreed;
} summary_view;

summary_view summary_overall_view(const batch_summary *summary);
summary_view summary_section_view(const batch_summary *summary, unsigned section);
summary_view summary_criterion_view(const batch_summary *summary, unsigned criterion);

/* A checklist section's answers met of applicable over the batch, and a
 * checklist criterion's (for other sections and criteria: all zero). */
const rubric_checklist_count *summary_checklist_section(const batch_summary *summary, unsigned section);
const rubric_checklist_count *summary_checklist_criterion(const batch_summary *summary, unsigned criterion);

/* The records counted, those graded and those that failed. */
void summary_record_counts(const batch_summary *summary, unsigned long *records, unsigned long *graded,
                           unsigned long *errors);

/* Of COUNTS (one per level, then NA): how many are good or better, and of
 * how many graded (NA left out). */
void summary_good_or_better(const rubric_model *model, const unsigned long *counts, unsigned long *good,
                            unsigned long *graded);

#endif /* SUMMARY_H */
