/*
 * explain.c — a graded result put in the words and lists rubric-grade
 * reports: why an audit could not be graded, and which members decided an
 * outcome.
 *
 * Each rule exists here once: rubric-grade's report (runtime/cli/report.c)
 * writes its error text with rubric_result_describe and its "decided_by"
 * lists from rubric_outcome_deciding_range (one call per outcome, then one
 * comparison per member in its hot loop), and programs and bindings
 * (python/) that report a result themselves call the same functions. The
 * Python binding's test also compares its records with rubric-grade's,
 * field for field.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "rubric.h"

size_t rubric_result_describe(const rubric_result *result, char *buffer, size_t size)
{
    if (size == 0)
        return 0;
    buffer[0] = '\0';
    if (result->valid || result->problem_count == 0)
        return 0;
    /* audits of another rubric: that alone is the error, not each of its
     * criteria this rubric does not know */
    int other_rubric = result->problems[0].kind == RUBRIC_PROBLEM_WRONG_RUBRIC;
    unsigned count = other_rubric ? 1 : result->problem_count;
    size_t used = 0;
    for (unsigned index = 0; index < count && used + 2 < size; index++) {
        if (index) {
            memcpy(buffer + used, "; ", 3);
            used += 2;
        }
        size_t written = rubric_problem_describe(result->model, &result->problems[index], buffer + used, size - used);
        used = used + written < size ? used + written : size - 1;
    }
    if (!other_rubric && result->problem_total > result->problem_count && used + 2 < size) {
        size_t written = (size_t)snprintf(buffer + used, size - used, "; and %u more",
                                          result->problem_total - result->problem_count);
        used = used + written < size ? used + written : size - 1;
    }
    return used;
}

rubric_deciding_range rubric_outcome_deciding_range(const rubric_model *model, const rubric_outcome *outcome)
{
    rubric_deciding_range range;
    range.any = outcome->counted != 0;
    range.not_applicable_as = model->rules.not_applicable == RUBRIC_NA_COUNT_AS
                                  ? (int)model->rules.not_applicable_level
                                  : RUBRIC_GRADE_NOT_APPLICABLE;
    /* every level for a mean, else the chosen grade alone: one unsigned
     * comparison then tests a member, and a negative grade wraps past it */
    range.lowest = outcome->method == RUBRIC_METHOD_MEAN ? 0u : (unsigned)outcome->method_grade;
    range.span = outcome->method == RUBRIC_METHOD_MEAN ? (unsigned)INT_MAX : 0u;
    return range;
}

int rubric_outcome_decided_by(const rubric_model *model, const rubric_outcome *outcome, int member_grade)
{
    rubric_deciding_range range = rubric_outcome_deciding_range(model, outcome);
    int grade = member_grade == RUBRIC_GRADE_NOT_APPLICABLE ? range.not_applicable_as : member_grade;
    return range.any && (unsigned)grade - range.lowest <= range.span;
}
