/*
 * report_groups.c — counting grades per group (see report_groups.h).
 */
#include <stdlib.h>
#include <string.h>

#include "audit_support.h"
#include "report_groups.h"

/* A new group for VALUE at the end; -1 when out of memory. */
static int add_group(group_table *table, const char *value)
{
    const rubric_model *model = table->model;
    if (!audit_reserve((void **)&table->groups, &table->capacity, table->count + 1, sizeof *table->groups))
        return -1;
    report_group *group = &table->groups[table->count];
    *group = (report_group){NULL, 0, calloc((size_t)(model->section_count + 1) * (model->level_count + 1),
                                            sizeof *group->counts)};
    if (group->counts == NULL)
        return -1;
    if (value && (group->value = strdup(value)) == NULL) {
        free(group->counts);
        return -1;
    }
    return (int)table->count++;
}

int group_table_start(group_table *table, const rubric_model *model, const char *const *values, unsigned count)
{
    *table = (group_table){.model = model};
    for (unsigned index = 0; index < count; index++)
        if (add_group(table, values[index]) < 0)
            return 0;
    table->fixed = table->count;
    return 1;
}

void group_table_free(group_table *table)
{
    for (unsigned index = 0; index < table->count; index++) {
        free(table->groups[index].value);
        free(table->groups[index].counts);
    }
    free(table->groups);
    *table = (group_table){0};
}

/* Whether group GROUP is the one of VALUE. */
static int is_group(const group_table *table, unsigned group, const char *value)
{
    const char *held = table->groups[group].value;
    return held == NULL ? value == NULL : value != NULL && strcmp(held, value) == 0;
}

int group_table_find(group_table *table, const char *value)
{
    if (table->last < table->count && is_group(table, table->last, value))
        return (int)table->last;
    for (unsigned group = 0; group < table->count; group++)
        if (is_group(table, group, value))
            return (int)(table->last = group);
    int made = add_group(table, value);
    if (made >= 0)
        table->last = (unsigned)made;
    return made;
}

void group_table_count(group_table *table, unsigned group, const rubric_result *result)
{
    const rubric_model *model = table->model;
    report_group *counted = &table->groups[group];
    unsigned width = model->level_count + 1;
    counted->audits++;
    counted->counts[result->overall.grade >= 0 ? (unsigned)result->overall.grade : model->level_count]++;
    for (unsigned section = 0; section < model->section_count; section++) {
        int grade = result->sections[section].grade;
        counted->counts[(size_t)(section + 1) * width + (grade >= 0 ? (unsigned)grade : model->level_count)]++;
    }
}

static int compare_groups(const void *left, const void *right)
{
    const report_group *a = left, *b = right;
    if (a->value == NULL || b->value == NULL)
        return (a->value == NULL) - (b->value == NULL);
    return strcmp(a->value, b->value);
}

void group_table_sort(group_table *table)
{
    if (table->count - table->fixed > 1)   /* none made: GROUPS may be NULL */
        qsort(table->groups + table->fixed, table->count - table->fixed, sizeof *table->groups, compare_groups);
    table->last = 0;
}
