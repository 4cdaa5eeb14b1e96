/*
 * report_fixture.h — the small rubric the moderation and HTML report units
 * grade with: levels O G R I, one section "s" of criteria "c1" (themed
 * "safety", limiting the overall grade) and "c2" (NA allowed), and a function
 * that grades "c1=G c2=R" through the real grader.
 */
#ifndef REPORT_FIXTURE_H
#define REPORT_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "rubric.h"

static const char *const fixture_descriptors[] = {"o", "g", "r", "i"};
static const rubric_level fixture_levels[] = {{"O", "Outstanding", 0, 1}, {"G", "Good", 0, 1}, {"R", "Requires improvement", 0, 1},
                                              {"I", "Inadequate", 0, 1}};
static const char *const fixture_safety[] = {"safety"};
static const rubric_criterion fixture_criteria[] = {
    {.id = "c1", .title = "Child <safe> & well", .section = 0, .themes = fixture_safety, .theme_count = 1,
     .descriptors = fixture_descriptors, .weight_hundredths = 100},
    {.id = "c2", .section = 0, .not_applicable_allowed = 1, .descriptors = fixture_descriptors,
     .weight_hundredths = 100},
};
static const rubric_section fixture_sections[] = {{.id = "s", .number = "1", .title = "Practice", .method = RUBRIC_METHOD_WORST,
                                                     .first_criterion = 0, .criterion_count = 2,
                                                     .weight_hundredths = 100, .answer_set = -1, .in_overall = 1}};
static const rubric_theme fixture_themes[] = {{"safety", "Safety & risk"}};
static const rubric_limit fixture_limits[] = {{.scope = RUBRIC_SCOPE_OVERALL, .kind = RUBRIC_LIMIT_BY_CRITERION, .index = 0,
                                                .effect = RUBRIC_LIMIT_NO_BETTER_THAN, .level = -1,
                                                .subject = RUBRIC_SUBJECT_CRITERION, .subject_index = -1,
                                                .test = RUBRIC_TEST_IS, .value = -1}};
static const rubric_model fixture_model = {
    .format_version = RUBRIC_FORMAT_VERSION, .id = "fixture", .title = "Fixture \"rubric\"", .authority = "Tests",
    .version = "1", .levels = fixture_levels, .level_count = 4, .sections = fixture_sections, .section_count = 1,
    .criteria = fixture_criteria, .criterion_count = 2, .themes = fixture_themes, .theme_count = 1,
    .rules = {.overall_method = RUBRIC_METHOD_WORST, .overall_basis = RUBRIC_BASIS_SECTIONS,
              .good_or_better = 1, .limits = fixture_limits, .limit_count = 1},
};

/* Grade C1 and C2 (codes) for CASE_REFERENCE with ROLE (or NULL) on DATE. */
static inline const rubric_result *fixture_grade(rubric_grader *grader, rubric_audit *audit, rubric_entry grades[2],
                                                 const char *case_reference, const char *role, const char *date,
                                                 const char *c1, const char *c2)
{
    grades[0] = (rubric_entry){"c1", c1};
    grades[1] = (rubric_entry){"c2", c2};
    memset(audit, 0, sizeof *audit);
    audit->case_reference = case_reference;
    audit->role = role;
    audit->date = date;
    audit->grades = grades;
    audit->grade_count = 2;
    return rubric_grade(grader, audit);
}

#endif /* REPORT_FIXTURE_H */
