/*
 * report_html.h — the batch's results as one self-contained HTML page for
 * managers: overall and per-section grade distributions, the share good or
 * better, criteria sorted weakest first, distributions by theme (the shared
 * theme vocabulary) and by month, the auditors' agreement with the rubric's
 * rules, the escalation list (cases graded at the scale's worst level
 * overall or on a limiting criterion), and, after moderation, the
 * agreement between auditors and moderators.
 *
 * Internal to the library and rubric-grade (not installed); written by
 * rubric-grade --report FILE.html. Distributions and agreement come from
 * the batch summary (summary.h) and moderation (moderation.h); this module
 * counts only what they do not: grades by month and the escalated cases.
 *
 * The page has no script and makes no request: inline CSS, charts as
 * inline SVG, each followed by its data table, grades told by their codes
 * and labels as well as by colour, a print stylesheet for A4 portrait.
 * Every string from the rubric or the audits is escaped. The same input
 * gives the same bytes.
 */
#ifndef REPORT_HTML_H
#define REPORT_HTML_H

#include <stdio.h>

#include "moderation.h"
#include "report_layout.h"
#include "rubric.h"
#include "summary.h"

typedef struct html_report html_report;

/* A report on MODEL's grades, split as LAYOUT asks (by group, by round;
 * NULL: not split; kept, so it must outlive the report); NULL when out of
 * memory. */
html_report *html_report_new(const rubric_model *model, const report_layout *layout);
void html_report_free(html_report *report);

/* Count one graded audit (RESULT valid) by month, and keep it when it is
 * to be escalated; INPUT and LINE say where it was read. 0 when out of
 * memory. */
int html_report_add(html_report *report, const rubric_audit *audit, const rubric_result *result,
                    const char *input, unsigned long line);

/* Write the page: SUMMARY holds the batch's distributions; MODERATION
 * (finished, or NULL) adds the moderation section. 0 on a write error. */
int html_report_write(const html_report *report, const batch_summary *summary,
                      const moderation_batch *moderation, FILE *output);

#endif /* REPORT_HTML_H */
