/*
 * report_html_summary.h — the first part of the managers' HTML page: the
 * round on one page, printable alone on A4 (the print stylesheet breaks
 * the page after it): the overall position, the change since the last
 * round when rounds are compared, and how many cases to escalate, with a
 * link to their list.
 *
 * Internal to rubric-grade (not installed); written by report_html.c
 * from the figures the other parts draw, so the summary never disagrees
 * with them.
 */
#ifndef REPORT_HTML_SUMMARY_H
#define REPORT_HTML_SUMMARY_H

#include "output_buffer.h"
#include "report_html_groups.h"
#include "rubric.h"
#include "summary.h"

/* The summary part, with ID and HEADING as the page's contents name it;
 * SPLITS (NULL: none) gives the rounds, ESCALATIONS the number of cases on
 * the list at ESCALATIONS_ID. */
void report_html_summary(output_buffer *buffer, const rubric_model *model, const batch_summary *summary,
                         report_splits *splits, unsigned long escalations, const char *id, const char *heading,
                         const char *escalations_id);

#endif /* REPORT_HTML_SUMMARY_H */
