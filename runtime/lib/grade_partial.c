/*
 * grade_partial.c — what an outcome of a record still being filled in
 * waits for (partial grading: rubric_grader_set_partial, docs/grader.md,
 * "Partial grading").
 *
 * grade.c grades a partial record as it grades any other, the ungraded
 * criteria counting for nothing; then, for each section and the overall,
 * it asks rubric_outcome_missing whether the grade depends on a criterion
 * still ungraded, and leaves the outcome incomplete when it does. An
 * outcome depends on the criteria its method counts (a section's own; the
 * overall's sections or criteria, as the rules take them) and on what each
 * limit on it reads: a criterion, a section's grade (and so all that
 * section depends on), or the criteria a condition looks at. The answer is
 * exact for the method and cautious for limits: a limit that would not
 * fire whatever the missing grade turns out to be still makes the outcome
 * wait for it, so a grade shown is never changed by a later answer.
 */
#include "grade_partial.h"

/* Whether CRITERION is one of the criteria a condition on key criteria or
 * on a group looks at. */
static int in_condition_group(const rubric_model *model, const rubric_limit *limit, unsigned criterion)
{
    const rubric_criterion *entry = &model->criteria[criterion];
    if (limit->subject == RUBRIC_SUBJECT_ANY_KEY_CRITERION)
        return entry->key;
    for (unsigned group = 0; group < entry->group_count; group++)
        if (entry->groups[group] == (unsigned)limit->subject_index)
            return 1;
    return 0;
}

static int section_needs(const rubric_model *model, unsigned section, unsigned criterion, unsigned depth);

/* Whether a limit's cap, or its condition, reads CRITERION's grade. */
static int limit_needs(const rubric_model *model, const rubric_limit *limit, unsigned criterion, unsigned depth)
{
    if (limit->kind == RUBRIC_LIMIT_BY_CRITERION)
        return limit->index == criterion;
    if (limit->kind == RUBRIC_LIMIT_BY_SECTION)
        return section_needs(model, limit->index, criterion, depth + 1);
    switch (limit->subject) {
    case RUBRIC_SUBJECT_CRITERION:
        return (unsigned)limit->subject_index == criterion;
    case RUBRIC_SUBJECT_SECTION:
        return section_needs(model, (unsigned)limit->subject_index, criterion, depth + 1);
    case RUBRIC_SUBJECT_ANY_CRITERION:
        return rubric_section_answer_set(model, model->criteria[criterion].section) < 0;
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION:
        return model->criteria[criterion].section == (unsigned)limit->subject_index;
    case RUBRIC_SUBJECT_ANY_KEY_CRITERION:
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP:
        return in_condition_group(model, limit, criterion);
    case RUBRIC_SUBJECT_TIMESCALE:
        return 0;                /* it reads the record's dates, not a grade */
    }
    return 1;
}

/* Whether any limit of SCOPE (on SECTION, for a section) reads CRITERION. */
static int limits_need(const rubric_model *model, rubric_scope scope, unsigned section, unsigned criterion,
                       unsigned depth)
{
    for (unsigned index = 0; index < model->rules.limit_count; index++) {
        const rubric_limit *limit = &model->rules.limits[index];
        if (limit->scope == scope && (scope == RUBRIC_SCOPE_OVERALL || limit->section == section) &&
            limit_needs(model, limit, criterion, depth))
            return 1;
    }
    return 0;
}

/* Whether SECTION's grade depends on CRITERION: one of its own, or one a
 * limit on it reads. Limits on sections form no cycle (the compiler
 * refuses one); the depth guard answers "yes" rather than loop. */
static int section_needs(const rubric_model *model, unsigned section, unsigned criterion, unsigned depth)
{
    if (depth > model->section_count)
        return 1;
    return model->criteria[criterion].section == section ||
           limits_need(model, RUBRIC_SCOPE_SECTION, section, criterion, depth);
}

/* Whether the overall grade depends on CRITERION: through the sections
 * (or the criteria) it is worked out over, or an overall limit. */
static int overall_needs(const rubric_model *model, unsigned criterion)
{
    for (unsigned section = 0; section < model->section_count; section++) {
        if (!rubric_section_in_overall(model, section))
            continue;
        if (model->rules.overall_basis == RUBRIC_BASIS_SECTIONS ? section_needs(model, section, criterion, 0)
                                                                : model->criteria[criterion].section == section)
            return 1;
    }
    return limits_need(model, RUBRIC_SCOPE_OVERALL, 0, criterion, 0);
}

unsigned rubric_outcome_missing(const rubric_result *result, int section, unsigned *criteria, unsigned capacity)
{
    const rubric_model *model = result->model;
    unsigned found = 0;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        if (result->criterion_grades[criterion] != RUBRIC_GRADE_NONE)
            continue;
        if (section >= 0 ? !section_needs(model, (unsigned)section, criterion, 0) : !overall_needs(model, criterion))
            continue;
        if (found < capacity && criteria != NULL)
            criteria[found] = criterion;
        found++;
    }
    return found;
}

/* An outcome made incomplete, keeping its method and the auditor's grade. */
static void make_incomplete(rubric_outcome *outcome)
{
    *outcome = (rubric_outcome){.grade = RUBRIC_GRADE_NONE, .method_grade = RUBRIC_GRADE_NONE,
                                .method = outcome->method, .auditor_grade = outcome->auditor_grade, .band = -1};
}

void grade_partial_leave_incomplete(const rubric_result *result, rubric_outcome *sections, rubric_outcome *overall)
{
    /* every question is asked before any outcome changes (the answers read
     * the criteria's grades only, but the order is then no matter) */
    int overall_waits = rubric_outcome_missing(result, -1, NULL, 0) != 0;
    for (unsigned section = 0; section < result->model->section_count; section++)
        if (rubric_outcome_missing(result, (int)section, NULL, 0))
            make_incomplete(&sections[section]);
    if (overall_waits)
        make_incomplete(overall);
}
