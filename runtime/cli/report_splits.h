/*
 * report_splits.h — a batch split as report_layout.h asks, for any writer:
 * one table of counts per --group-by field and one for the rounds
 * (--round, --rounds), with the rule that withholds a small group's
 * figures. The report page (report_html_groups.h) and the results
 * workbook (results_xlsx.h) both count here, so they classify and
 * withhold alike.
 *
 * Internal to rubric-grade (not installed). The writer hands each valid
 * graded audit to report_splits_add, then calls report_splits_sort once
 * and reads the tables (report_groups.h) through the accessors below.
 */
#ifndef REPORT_SPLITS_H
#define REPORT_SPLITS_H

#include "output_buffer.h"
#include "report_groups.h"
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

/* Put the groups made while counting in their order (group_table_sort);
 * done once, later calls do nothing. Call it before reading the tables. */
void report_splits_sort(report_splits *splits);

const rubric_model *report_splits_model(const report_splits *splits);
const report_layout *report_splits_layout(const report_splits *splits);

/* Whether rounds are compared, and how many groupings there are. */
int report_splits_has_rounds(const report_splits *splits);
unsigned report_splits_grouping_count(const report_splits *splits);

/* Grouping INDEX (below report_splits_grouping_count): its table; its
 * field in words ("team": the fact's name, or the key with spaces for
 * underscores); the same with a capital to head a column ("Team"); and
 * whether the field is a case fact (else a field the audits carry). */
const group_table *report_splits_grouping(const report_splits *splits, unsigned index);
const char *report_splits_grouping_name(const report_splits *splits, unsigned index);
const char *report_splits_grouping_column(const report_splits *splits, unsigned index);
int report_splits_grouping_is_fact(const report_splits *splits, unsigned index);

/* The rounds' table (empty unless rounds are compared), and with --rounds
 * by date, how many audits had no date and so are in no round. */
const group_table *report_splits_rounds(const report_splits *splits);
unsigned long report_splits_undated(const report_splits *splits);

/* Whether GROUP's figures are withheld under LAYOUT's --suppress-below: it
 * has audits, but fewer than the threshold. A group of none shows 0. */
int report_group_withheld(const report_layout *layout, const report_group *group);

/* A group's label: its value, or "Not given" for the audits that gave none. */
const char *report_group_label(const report_group *group);

/* A round's label in words from its key VALUE: "March 2026" (--rounds
 * month), "2026 Q1" (quarter), or the --round label as it is. */
void report_round_label(output_buffer *buffer, report_rounds rounds, const char *value);

/* The share good or better of COUNTS (a row of group_counts) in percent;
 * -1 when none is graded. */
double report_share_good_or_better(const rubric_model *model, const unsigned long *counts);

#endif /* REPORT_SPLITS_H */
