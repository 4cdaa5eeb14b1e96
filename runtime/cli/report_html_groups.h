/*
 * report_html_groups.h — the managers' page split as report_layout.h asks:
 * results by each value of a field (--group-by), small groups withheld,
 * and rounds compared (--round, --rounds) with a trend chart.
 *
 * Internal to rubric-grade (not installed). report_html.c counts each graded
 * audit through report_splits.h and calls these writers where the parts go
 * on the page. Every chart is followed by its data table, as on the rest
 * of the page.
 */
#ifndef REPORT_HTML_GROUPS_H
#define REPORT_HTML_GROUPS_H

#include "output_buffer.h"
#include "report_splits.h"

/* The contents' links to the groupings' parts. */
void report_splits_contents(const report_splits *splits, output_buffer *buffer);

/* The rounds compared, as a part of the page with ID and HEADING. */
void report_splits_write_rounds(report_splits *splits, output_buffer *buffer, const char *id, const char *heading);

/* A part of the page for each grouping. */
void report_splits_write_groups(report_splits *splits, output_buffer *buffer);

/* For the page's summary, one sentence: the share good or better overall
 * in the last round with a graded audit and its change from the round
 * with one before it. 0 (nothing written) when fewer than two rounds have
 * a graded audit. */
int report_splits_write_change(report_splits *splits, output_buffer *buffer);

#endif /* REPORT_HTML_GROUPS_H */
