/*
 * rubric_targets.c — the targets of a rubric model: read from the
 * compiled JSON's "target" members (the rubric's own, about the overall
 * grade, and each section's) and checked like every other part of a
 * model, so that linked C tables and loaded JSON are held to the same
 * rules. Grading never reads a target; the report and the summary compare
 * the share of audits graded at the target's level or better with it.
 */
#include "rubric_targets.h"

#include <stdio.h>
#include <string.h>

#include "json_tree.h"

int targets_load(const json_node *object, const rubric_model *model, rubric_target *target, char *problem,
                 size_t size)
{
    const json_node *value = json_node_member(object, "target");
    memset(target, 0, sizeof *target);
    if (value == NULL || json_node_is(value, JSON_NULL))
        return 1;
    const json_node *percent = json_node_member(value, "percent");
    const char *level = json_node_string(json_node_member(value, "level"));
    if (!json_node_is(value, JSON_OBJECT) || !json_node_is(percent, JSON_INTEGER) || level == NULL) {
        snprintf(problem, size, "target must be an object with an integer 'percent' and a level code 'level'");
        return 0;
    }
    if (json_node_integer(percent) < 0 || json_node_integer(percent) > 100) {
        snprintf(problem, size, "target's percent must be from 0 to 100");
        return 0;
    }
    for (unsigned index = 0; index < model->level_count; index++) {
        if (strcmp(model->levels[index].code, level) == 0) {
            *target = (rubric_target){1, (unsigned)json_node_integer(percent), index};
            return 1;
        }
    }
    snprintf(problem, size, "target's level '%s' is not a level of the scale", level);
    return 0;
}

/* One target: WHOSE names it in the problem. */
static int target_valid(const rubric_model *model, const rubric_target *target, const char *whose, char *problem,
                        size_t size)
{
    if (!target->declared)
        return 1;
    if (target->percent > 100 || target->level >= model->level_count) {
        snprintf(problem, size, "%s target needs a share from 0 to 100 and a level of the scale", whose);
        return 0;
    }
    return 1;
}

int targets_check(const rubric_model *model, char *problem, size_t size)
{
    if (!target_valid(model, &model->target, "the rubric's", problem, size))
        return 0;
    for (unsigned section = 0; section < model->section_count; section++) {
        char whose[96];
        snprintf(whose, sizeof whose, "section %s's", model->sections[section].number);
        if (!target_valid(model, &model->sections[section].target, whose, problem, size))
            return 0;
    }
    return 1;
}
