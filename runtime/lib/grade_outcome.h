/*
 * grade_outcome.h — the "not graded" outcome of a section or the overall
 * grade (format 3), decided by grade.c through grade_outcome.c.
 */
#ifndef GRADE_OUTCOME_H
#define GRADE_OUTCOME_H

#include "rubric.h"

/* How the grader judges a condition (rubric_limit_condition_holds),
 * handed over so that this module needs nothing of grade.c's. */
typedef int grade_condition_test(const rubric_result *result, const rubric_limit *limit);

/* Whether a "not graded when:" rule on OUTCOME (SCOPE, and SECTION for a
 * section) holds for RESULT's criterion grades, as HOLDS judges it: the
 * first declared that holds makes OUTCOME not graded (grade, method grade
 * and band none, nothing counted, no limit) and is named in it. Returns 1
 * then, else 0 with OUTCOME untouched. */
int grade_outcome_not_graded(const rubric_result *result, rubric_outcome *outcome, rubric_scope scope,
                             unsigned section, grade_condition_test *holds);

/* "overall grade: mean of sections, unrounded": OUTCOME, the overall's
 * mean of its sections' grades, made again from the sections' unrounded
 * means (a section graded by another method, or whose grade a limit
 * decided, counts at its grade), then rounded by rules.rounding. */
void grade_outcome_unrounded_mean(const rubric_result *result, rubric_outcome *outcome);

#endif /* GRADE_OUTCOME_H */
