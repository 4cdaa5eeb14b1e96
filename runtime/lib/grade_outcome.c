/*
 * grade_outcome.c — a section or the overall grade that is not graded
 * (docs/language.md, "Not graded").
 *
 * A rubric says when an outcome lacks the evidence it needs, in a rule of
 * the limits' shape: "overall not graded when: more than 3 criteria are
 * NA", "section not graded when: fewer than 2 criteria in it are graded".
 * grade.c asks here right after a section's (or the overall's) method has
 * combined its grades, before any limit: a section not graded takes no
 * part in the overall (like a section left out of it, and unlike an NA
 * section, which "count as" could count), so limits and conditions that
 * read its grade see none. The outcome keeps which rule decided it, so
 * every output can say why.
 *
 * Here too: the tie rule an outcome's method uses, its own ("median, ties
 * higher") or the rubric's ("ties:"); and the overall mean of sections
 * made from their unrounded means ("mean of sections, unrounded").
 */
#include "grade_outcome.h"

int grade_outcome_not_graded(const rubric_result *result, rubric_outcome *outcome, rubric_scope scope,
                             unsigned section, grade_condition_test *holds)
{
    const rubric_rules *rules = &result->model->rules;
    for (unsigned index = 0; index < rules->limit_count; index++) {
        const rubric_limit *limit = &rules->limits[index];
        if (limit->effect != RUBRIC_LIMIT_NOT_GRADED || limit->scope != scope ||
            (scope == RUBRIC_SCOPE_SECTION && limit->section != section) ||
            !holds(result, limit))
            continue;
        *outcome = (rubric_outcome){.grade = RUBRIC_GRADE_NONE,
                                    .method_grade = RUBRIC_GRADE_NONE,
                                    .method = outcome->method,
                                    .auditor_grade = outcome->auditor_grade,
                                    .band = -1,
                                    .not_graded = 1,
                                    .not_graded_rule = index};
        return 1;
    }
    return 0;
}

rubric_ties rubric_outcome_ties(const rubric_model *model, int section)
{
    int own = section < 0 ? model->rules.overall_ties : model->sections[section].ties;
    return own > 0 ? (rubric_ties)(own - 1) : model->rules.ties;
}

/* A member's value in hundredths and its position from the worst level in
 * hundredths (worst = 100): on a lettered scale the two are the same; on a
 * score scale (one level per score) the position is the distance from the
 * worst score, plus one. */
static void member_value(const rubric_model *model, const rubric_outcome *member, int grade,
                         unsigned long *value, unsigned long *position)
{
    unsigned long level_value = model->scores ? (unsigned long)model->levels[grade].score
                                              : model->level_count - (unsigned)grade;
    *value = member->has_mean && !member->limited ? member->mean_hundredths : 100 * level_value;
    if (!model->scores) {
        *position = *value;
        return;
    }
    unsigned long worst = 100 * (unsigned long)model->levels[model->level_count - 1].score;
    *position = (*value > worst ? *value - worst : worst - *value) + 100;
}

void grade_outcome_unrounded_mean(const rubric_result *result, rubric_outcome *outcome)
{
    const rubric_model *model = result->model;
    unsigned long long total = 0, value_sum = 0, position_sum = 0;
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_outcome *member = &result->sections[section];
        int grade = rubric_grade_as_counted(model, member->grade);
        if (!rubric_section_in_overall(model, section) || member->not_graded || grade < 0)
            continue;
        unsigned long value, position, weight = rubric_section_weight(model, section);
        member_value(model, member, grade, &value, &position);
        total += weight;
        value_sum += (unsigned long long)weight * value;
        position_sum += (unsigned long long)weight * position;
    }
    if (total == 0)
        return;
    outcome->has_mean = 1;
    outcome->mean_hundredths = (unsigned long)((2 * value_sum + total) / (2 * total));
    /* the mean position is position_sum / (100 * total), rounded as mean_level rounds */
    unsigned long long whole = 100 * total, place = position_sum / whole, remainder = position_sum % whole;
    int up = model->rules.rounding == RUBRIC_ROUND_NEAREST_HALF_UP     ? 2 * remainder >= whole && remainder
             : model->rules.rounding == RUBRIC_ROUND_NEAREST_HALF_DOWN ? 2 * remainder > whole
                                                                       : 0;
    outcome->method_grade = outcome->grade = (int)(model->level_count - (unsigned)(place + (unsigned long long)up));
    outcome->decided_by_tie = 0;
}
