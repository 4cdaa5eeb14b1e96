/*
 * report_html_groups.h — the managers' page split as report_layout.h asks:
 * results by each value of a field (--group-by), small groups withheld,
 * and rounds compared (--round, --rounds) with a trend chart.
 *
 * Internal to rubric-grade (not installed). report_html.c hands each graded
 * audit here and calls the writers where the parts go on the page. Every
 * chart is followed by its data table, as on the rest of the page.
 */
#ifndef REPORT_HTML_GROUPS_H
#define REPORT_HTML_GROUPS_H

#include "output_buffer.h"
#include "report_layout.h"
#include "rubric.h"

typedef struct report_splits report_splits;

/* The splits LAYOUT asks for on MODEL's grades (LAYOUT is kept: it must
 * outlive them); NULL when out of memory. */
report_splits *report_splits_new(const rubric_model *model, const report_layout *layout);
void report_splits_free(report_splits *splits);

/* Count a valid graded audit, read from INPUT (as the reader names it); 0
 * when out of memory. */
int report_splits_add(report_splits *splits, const rubric_audit *audit, const rubric_result *result,
                      const char *input);

/* Whether the page has rounds to compare, and how many groupings. */
int report_splits_has_rounds(const report_splits *splits);
unsigned report_splits_grouping_count(const report_splits *splits);

/* The contents' links to the groupings' parts. */
void report_splits_contents(const report_splits *splits, output_buffer *buffer);

/* The rounds compared, as a part of the page with ID and HEADING. */
void report_splits_write_rounds(report_splits *splits, output_buffer *buffer, const char *id, const char *heading);

/* A part of the page for each grouping. */
void report_splits_write_groups(report_splits *splits, output_buffer *buffer);

#endif /* REPORT_HTML_GROUPS_H */
