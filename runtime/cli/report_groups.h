/*
 * report_groups.h — a batch's grades counted per group: per value of a
 * field (--group-by team) or per round (--round, --rounds). Each group
 * keeps its number of audits and, for the overall grade and each
 * section's, a count per level then NA, from which the report draws the
 * distribution and the share good or better.
 *
 * Internal to rubric-grade (not installed). Counting an audit is a lookup
 * (the last group found is tried first: records tend to come in runs of
 * one team or round) and a few increments; memory grows with the groups,
 * not the audits.
 */
#ifndef REPORT_GROUPS_H
#define REPORT_GROUPS_H

#include "rubric.h"

typedef struct report_group {
    char *value;                 /* the field's value or the round's key; NULL: audits that gave none */
    unsigned long audits;
    unsigned long *counts;       /* rows of level_count + 1 (levels, then NA): overall, then each section */
} report_group;

typedef struct group_table {
    const rubric_model *model;
    report_group *groups;
    unsigned count, capacity;
    unsigned fixed;              /* the first groups, named before counting, keep their order */
    unsigned last;               /* the group found last */
} group_table;

/* An empty table for MODEL whose first groups are VALUES (a choice fact's
 * choices, the rounds' labels) in that order; 0 when out of memory
 * (group_table_free frees it either way). */
int group_table_start(group_table *table, const rubric_model *model, const char *const *values, unsigned count);
void group_table_free(group_table *table);

/* The group of VALUE (NULL: given none), made when new; -1 when out of memory. */
int group_table_find(group_table *table, const char *value);

/* Count a valid graded audit in group GROUP. */
void group_table_count(group_table *table, unsigned group, const rubric_result *result);

/* Put the groups made while counting after the fixed ones, sorted by
 * their text (byte order), the audits that gave none last. */
void group_table_sort(group_table *table);

/* A group's counts for the overall grade (ROW 0) or section ROW - 1. */
static inline const unsigned long *group_counts(const group_table *table, const report_group *group, unsigned row)
{
    return group->counts + (size_t)row * (table->model->level_count + 1);
}

#endif /* REPORT_GROUPS_H */
