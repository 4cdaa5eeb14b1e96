/*
 * grade_partial.h — partial grading's last step (grade_partial.c), called
 * by grade.c after a partial audit's sections and overall are graded.
 */
#ifndef GRADE_PARTIAL_H
#define GRADE_PARTIAL_H

#include "rubric.h"

/* Leaves incomplete (no grade, nothing counted, no limit, no band; the
 * method and the auditor's grade kept) each of SECTIONS (RESULT's, which
 * the grader owns) and OVERALL that waits for an ungraded criterion. */
void grade_partial_leave_incomplete(const rubric_result *result, rubric_outcome *sections, rubric_outcome *overall);

#endif /* GRADE_PARTIAL_H */
