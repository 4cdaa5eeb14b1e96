/*
 * report_splits.c — counting a batch by group and by round (see
 * report_splits.h). Each grouping and the rounds are a report_groups.c
 * table; this module decides which group an audit falls in (the field's
 * value, or "auditor"; the round of its input file or of its date) and
 * holds the one rule for withholding a small group, so that every writer
 * that shows the splits shows the same numbers.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "audit_date.h"
#include "report_splits.h"
#include "summary.h"

struct report_splits {
    const rubric_model *model;
    const report_layout *layout;
    group_table groupings[REPORT_GROUP_BY_MAX];
    char *names[REPORT_GROUP_BY_MAX];          /* each field in words: the fact's name, or the key */
    char *columns[REPORT_GROUP_BY_MAX];        /* the same with a capital, to head a column */
    int is_fact[REPORT_GROUP_BY_MAX];
    unsigned grouping_count;
    group_table rounds;
    unsigned long undated;                     /* --rounds by date: audits without one */
    int sorted;
};

void report_splits_free(report_splits *splits)
{
    if (splits == NULL)
        return;
    for (unsigned index = 0; index < splits->grouping_count; index++) {
        group_table_free(&splits->groupings[index]);
        free(splits->names[index]);
        free(splits->columns[index]);
    }
    group_table_free(&splits->rounds);
    free(splits);
}

report_splits *report_splits_new(const rubric_model *model, const report_layout *layout)
{
    report_splits *splits = calloc(1, sizeof *splits);
    if (splits == NULL)
        return NULL;
    splits->model = model;
    splits->layout = layout;
    int made = 1;
    for (unsigned index = 0; made && index < layout->group_by_count; index++) {
        const char *key = layout->group_by[index];
        int fact_index = rubric_find_fact(model, key);
        rubric_fact fact = fact_index >= 0 ? rubric_fact_at(model, (unsigned)fact_index) : (rubric_fact){0};
        splits->is_fact[index] = fact_index >= 0;
        made = group_table_start(&splits->groupings[index], model,
                                 fact.type == RUBRIC_FACT_CHOICE ? (const char *const *)fact.choices : NULL,
                                 fact.type == RUBRIC_FACT_CHOICE ? fact.choice_count : 0);
        splits->grouping_count++;
        splits->names[index] = strdup(fact_index >= 0 ? fact.name : key);
        made = made && splits->names[index];
        for (char *letter = splits->names[index]; made && !splits->is_fact[index] && *letter; letter++)
            if (*letter == '_')
                *letter = ' ';
        splits->columns[index] = made ? strdup(splits->names[index]) : NULL;
        made = made && splits->columns[index];
        if (made)
            splits->columns[index][0] = (char)toupper((unsigned char)splits->columns[index][0]);
    }
    if (made && layout->rounds == REPORT_ROUNDS_BY_INPUT)
        made = group_table_start(&splits->rounds, model, (const char *const *)layout->round_labels,
                                 layout->round_count);
    else
        splits->rounds.model = model;
    if (!made) {
        report_splits_free(splits);
        return NULL;
    }
    return splits;
}

/* The round key of DATE: "2026-03" by month, "2026-Q1" by quarter; 0 when undated. */
static int round_key(report_rounds rounds, const char *date, char key[8])
{
    if (date == NULL || !audit_date_valid(date))
        return 0;
    memcpy(key, date, 7);
    key[7] = '\0';
    if (rounds == REPORT_ROUNDS_QUARTER) {
        int month = (date[5] - '0') * 10 + (date[6] - '0');
        key[5] = 'Q';
        key[6] = (char)('1' + (month - 1) / 3);
    }
    return 1;
}

int report_splits_add(report_splits *splits, const rubric_audit *audit, const rubric_result *result,
                      const char *input)
{
    const report_layout *layout = splits->layout;
    for (unsigned index = 0; index < splits->grouping_count; index++) {
        const char *key = layout->group_by[index];
        const char *value = strcmp(key, "auditor") == 0 ? audit->auditor : rubric_audit_field(audit, key);
        if (value && *value == '\0')
            value = NULL;
        int group = group_table_find(&splits->groupings[index], value);
        if (group < 0)
            return 0;
        group_table_count(&splits->groupings[index], (unsigned)group, result);
    }
    int round = -1;
    char key[8];
    if (layout->rounds == REPORT_ROUNDS_BY_INPUT)
        round = report_layout_round_of_input(layout, input);
    else if (layout->rounds != REPORT_ROUNDS_NONE) {
        if (!round_key(layout->rounds, audit->date, key))
            splits->undated++;
        else if ((round = group_table_find(&splits->rounds, key)) < 0)
            return 0;
    }
    if (round >= 0)
        group_table_count(&splits->rounds, (unsigned)round, result);
    return 1;
}

void report_splits_sort(report_splits *splits)
{
    if (splits->sorted)
        return;
    for (unsigned index = 0; index < splits->grouping_count; index++)
        group_table_sort(&splits->groupings[index]);
    group_table_sort(&splits->rounds);
    splits->sorted = 1;
}

const rubric_model *report_splits_model(const report_splits *splits)
{
    return splits->model;
}

const report_layout *report_splits_layout(const report_splits *splits)
{
    return splits->layout;
}

int report_splits_has_rounds(const report_splits *splits)
{
    return splits->layout->rounds != REPORT_ROUNDS_NONE;
}

unsigned report_splits_grouping_count(const report_splits *splits)
{
    return splits->grouping_count;
}

const group_table *report_splits_grouping(const report_splits *splits, unsigned index)
{
    return &splits->groupings[index];
}

const char *report_splits_grouping_name(const report_splits *splits, unsigned index)
{
    return splits->names[index];
}

const char *report_splits_grouping_column(const report_splits *splits, unsigned index)
{
    return splits->columns[index];
}

int report_splits_grouping_is_fact(const report_splits *splits, unsigned index)
{
    return splits->is_fact[index];
}

const group_table *report_splits_rounds(const report_splits *splits)
{
    return &splits->rounds;
}

unsigned long report_splits_undated(const report_splits *splits)
{
    return splits->undated;
}

int report_group_withheld(const report_layout *layout, const report_group *group)
{
    return group->audits > 0 && group->audits < layout->suppress_below;
}

const char *report_group_label(const report_group *group)
{
    return group->value ? group->value : "Not given";
}

static const char *const month_names[12] = {"January", "February", "March", "April", "May", "June",
                                            "July", "August", "September", "October", "November", "December"};

void report_round_label(output_buffer *buffer, report_rounds rounds, const char *value)
{
    if (rounds == REPORT_ROUNDS_MONTH)
        output_format(buffer, "%s %.4s", month_names[(value[5] - '0') * 10 + (value[6] - '0') - 1], value);
    else if (rounds == REPORT_ROUNDS_QUARTER)
        output_format(buffer, "%.4s %s", value, value + 5);
    else
        output_text(buffer, value);
}

double report_share_good_or_better(const rubric_model *model, const unsigned long *counts)
{
    unsigned long good, graded;
    summary_good_or_better(model, counts, &good, &graded);
    return graded ? 100.0 * (double)good / (double)graded : -1.0;
}
