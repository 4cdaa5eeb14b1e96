/*
 * test_grade.c — cmocka units for grading: validation of an audit (every
 * kind of problem, with its message) and every aggregation rule of
 * docs/language.md, "Grading rules".
 *
 * The rubric is a small const rubric_model table, the shape rubricc's C
 * emitter writes: levels O G R I; section "first" (a1 a2 a3, no NA),
 * "second" (b1 b2) and "third" (c1 c2 c3 c4), NA allowed in the last two.
 * Each test copies the rules it needs into a fixture, then grades audits
 * written as "a1=O a2=G ..." strings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "rubric.h"

static const char *const descriptors[] = {"o", "g", "r", "i"};
#define LEVEL(code_, label_) {.code = code_, .label = label_, .anchor = 1}
static const rubric_level levels[] = {LEVEL("O", "Outstanding"), LEVEL("G", "Good"),
                                      LEVEL("R", "Requires improvement"), LEVEL("I", "Inadequate")};
#define CRITERION(id_, section_, allowed)                                                           \
    {.id = id_, .section = section_, .not_applicable_allowed = allowed, .descriptors = descriptors,   \
     .weight_hundredths = 100}
#define SECTION(id_, number_, title_, first, count)                                                  \
    (rubric_section){.id = id_, .number = number_, .title = title_, .method = RUBRIC_METHOD_MEDIAN,   \
                     .first_criterion = first, .criterion_count = count, .weight_hundredths = 100,    \
                     .answer_set = -1, .in_overall = 1}
/* A limit of the "no better than criterion or section X" kind. */
#define LIMIT(scope_, section_, kind_, index_)                                                       \
    (rubric_limit){.scope = scope_, .section = section_, .kind = kind_, .index = index_, .level = -1, \
                   .subject_index = -1}
static const rubric_criterion criteria[] = {
    CRITERION("a1", 0, 0), CRITERION("a2", 0, 0), CRITERION("a3", 0, 0),
    CRITERION("b1", 1, 1), CRITERION("b2", 1, 1),
    CRITERION("c1", 2, 1), CRITERION("c2", 2, 1), CRITERION("c3", 2, 1), CRITERION("c4", 2, 1),
};
enum { FIRST, SECOND, THIRD };
enum { A1, A2, A3, B1, B2, C1, C2, C3, C4 };

/* One test's rubric, grader and audit. */
typedef struct fixture {
    rubric_section sections[3];
    rubric_limit limits[4];
    rubric_model model;
    rubric_grader *grader;
    char text[512];
    rubric_entry grades[16];
    rubric_entry auditor_sections[4];
    rubric_audit audit;
    char message[512];
} fixture;

static fixture the_fixture;

/* Defaults: median everywhere, of sections, ties lower, NA left out, good or better G. */
static int setup(void **state)
{
    fixture *f = &the_fixture;
    memset(f, 0, sizeof *f);
    f->sections[FIRST] = SECTION("first", "1", "First", 0, 3);
    f->sections[SECOND] = SECTION("second", "2", "Second", 3, 2);
    f->sections[THIRD] = SECTION("third", "3", NULL, 5, 4);
    f->model = (rubric_model){.format_version = RUBRIC_FORMAT_VERSION, .id = "units", .title = "Units",
                              .authority = "Tests", .levels = levels, .level_count = 4,
                              .sections = f->sections, .section_count = 3, .criteria = criteria,
                              .criterion_count = 9, .rules = {.overall_method = RUBRIC_METHOD_MEDIAN,
                                                              .good_or_better = 1, .limits = f->limits}};
    *state = f;
    return 0;
}

/* Free the grader a test made. */
static int teardown(void **state)
{
    fixture *f = *state;
    rubric_grader_free(f->grader);
    return 0;
}

/* Grade SPEC ("a1=O a2=G ...", "overall=G", "section:first=R") with the fixture's rules. */
static const rubric_result *grade(fixture *f, const char *spec)
{
    rubric_error error;
    if (f->grader == NULL) {
        f->grader = rubric_grader_new(&f->model, &error);
        if (f->grader == NULL)
            fail_msg("%s", error.message);
    }
    memset(&f->audit, 0, sizeof f->audit);
    f->audit.case_reference = "CASE-1";
    f->audit.rubric_id = "units";
    f->audit.grades = f->grades;
    f->audit.auditor_sections = f->auditor_sections;
    snprintf(f->text, sizeof f->text, "%s", spec);
    for (char *word = strtok(f->text, " "); word; word = strtok(NULL, " ")) {
        char *equals = strchr(word, '=');
        assert_non_null(equals);
        *equals = '\0';
        if (strcmp(word, "overall") == 0)
            f->audit.auditor_overall = equals + 1;
        else if (strncmp(word, "section:", 8) == 0)
            f->auditor_sections[f->audit.auditor_section_count++] = (rubric_entry){word + 8, equals + 1};
        else
            f->grades[f->audit.grade_count++] = (rubric_entry){word, equals + 1};
    }
    return rubric_grade(f->grader, &f->audit);
}

/* The code of a grade, for readable assertions. */
static const char *code(const fixture *f, int grade)
{
    const char *text = rubric_grade_code(&f->model, grade);
    return text ? text : "(none)";
}

/* The first problem's message. */
static const char *first_problem(fixture *f, const rubric_result *result)
{
    assert_false(result->valid);
    assert_true(result->problem_count > 0);
    rubric_problem_describe(&f->model, &result->problems[0], f->message, sizeof f->message);
    return f->message;
}

#define ALL_GOOD "a1=G a2=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G"

/* ------------------------------------------------------------ validation */

/* A complete, valid audit grades without problems. */
static void test_valid_audit(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, ALL_GOOD);
    assert_true(result->valid);
    assert_int_equal(result->problem_total, 0);
    assert_string_equal(code(f, result->overall.grade), "G");
}

/* A grade that is not a level code. */
static void test_unknown_grade(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "a1=RI a2=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G");
    assert_int_equal(result->problems[0].kind, RUBRIC_PROBLEM_GRADE_NOT_ON_SCALE);
    assert_string_equal(first_problem(f, result), "criterion 'a1': grade 'RI' is not on the scale (O, G, R, I)");
    assert_int_equal(result->problem_total, 1);
}

/* The scale listed with NA where the criterion allows it. */
static void test_unknown_grade_where_na_allowed(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "a1=G a2=G a3=G b1=Gd b2=G c1=G c2=G c3=G c4=G");
    assert_string_equal(first_problem(f, result), "criterion 'b1': grade 'Gd' is not on the scale (O, G, R, I, or NA)");
}

/* A code in other letters, or a level's name, is refused with the code
 * meant; NA spelled otherwise likewise, only where NA is allowed. */
static void test_grade_suggestions(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "a1=g a2=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G");
    assert_string_equal(first_problem(f, result),
                        "criterion 'a1': grade 'g' is not on the scale (O, G, R, I); did you mean 'G'?");
    result = grade(f, "a1=G a2=G a3=G b1=Good b2=G c1=G c2=G c3=G c4=G");
    assert_string_equal(first_problem(f, result),
                        "criterion 'b1': grade 'Good' is not on the scale (O, G, R, I, or NA); did you mean 'G'?");
    result = grade(f, "a1=G a2=REQUIRES-IMPROVEMENT a3=G b1=G b2=G c1=G c2=G c3=G c4=G");
    assert_string_equal(first_problem(f, result), "criterion 'a2': grade 'REQUIRES-IMPROVEMENT' is not on the scale "
                                                  "(O, G, R, I); did you mean 'R'?");
    result = grade(f, "a1=G a2=G a3=G b1=n/a b2=G c1=G c2=G c3=G c4=G");
    assert_string_equal(first_problem(f, result),
                        "criterion 'b1': grade 'n/a' is not on the scale (O, G, R, I, or NA); did you mean 'NA'?");
    result = grade(f, "a1=na a2=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G");
    assert_string_equal(first_problem(f, result), "criterion 'a1': grade 'na' is not on the scale (O, G, R, I)");
    assert_int_equal(result->valid, 0);
}

/* NA where the criterion does not allow it. */
static void test_not_applicable_not_allowed(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "a1=G a2=NA a3=G b1=G b2=G c1=G c2=G c3=G c4=G");
    assert_int_equal(result->problems[0].kind, RUBRIC_PROBLEM_NOT_APPLICABLE_NOT_ALLOWED);
    assert_string_equal(first_problem(f, result), "criterion 'a2' may not be graded NA (not applicable)");
}

/* A criterion the rubric does not have. */
static void test_unknown_criterion(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, ALL_GOOD " z9=G");
    assert_int_equal(result->problems[0].kind, RUBRIC_PROBLEM_UNKNOWN_CRITERION);
    assert_string_equal(first_problem(f, result), "unknown criterion 'z9'");
}

/* A criterion left without a grade. */
static void test_missing_criterion(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "a1=G a2=G a3=G b1=G b2=G c1=G c2=G c4=G");
    assert_int_equal(result->problems[0].kind, RUBRIC_PROBLEM_MISSING_CRITERION);
    assert_string_equal(first_problem(f, result), "criterion 'c3' is not graded");
}

/* An audit for another rubric. */
static void test_wrong_rubric_id(void **state)
{
    fixture *f = *state;
    grade(f, ALL_GOOD);
    f->audit.rubric_id = "other";
    const rubric_result *result = rubric_grade(f->grader, &f->audit);
    assert_int_equal(result->problems[0].kind, RUBRIC_PROBLEM_WRONG_RUBRIC);
    assert_string_equal(first_problem(f, result), "the audit is for rubric 'other', not 'units'");
}

/* The same criterion twice. */
static void test_duplicate_criterion(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, ALL_GOOD " a1=O");
    assert_string_equal(first_problem(f, result), "criterion 'a1' is graded twice");
    /* a repeat where the next criterion in order is looked for first: a2 after a1 again */
    result = grade(f, "a1=G a2=G a1=O a2=O a3=G b1=G b2=G c1=G c2=G c3=G c4=G");
    assert_int_equal(result->problem_total, 2);
    assert_int_equal(result->problems[0].criterion, A1);
    assert_int_equal(result->problems[1].kind, RUBRIC_PROBLEM_DUPLICATE_CRITERION);
    assert_int_equal(result->problems[1].criterion, A2);
}

/* The auditor's own grades: an unknown section, a grade off the scale. */
static void test_auditor_grade_problems(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, ALL_GOOD " section:fourth=G");
    assert_string_equal(first_problem(f, result), "the auditor's grades name an unknown section 'fourth'");
    result = grade(f, ALL_GOOD " overall=Good");
    assert_string_equal(first_problem(f, result),
                        "the auditor's overall grade 'Good' is not on the scale (O, G, R, I, or NA); did you mean 'G'?");
    result = grade(f, ALL_GOOD " section:second=X");
    assert_string_equal(first_problem(f, result),
                        "the auditor's grade 'X' for section 'second' is not on the scale (O, G, R, I, or NA)");
}

/* Every problem is found, not only the first. */
static void test_all_problems_reported(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "a1=X a2=NA b1=G b2=G c1=G c2=G c3=G c4=G z=G");
    assert_int_equal(result->problem_total, 4);
    assert_int_equal(result->problems[0].kind, RUBRIC_PROBLEM_GRADE_NOT_ON_SCALE);
    assert_int_equal(result->problems[1].kind, RUBRIC_PROBLEM_NOT_APPLICABLE_NOT_ALLOWED);
    assert_int_equal(result->problems[2].kind, RUBRIC_PROBLEM_UNKNOWN_CRITERION);
    assert_int_equal(result->problems[3].kind, RUBRIC_PROBLEM_MISSING_CRITERION);
    assert_int_equal(result->problems[3].criterion, A3);
}

/* ------------------------------------------------------------ aggregation */

/* worst: the worst grade present. */
static void test_method_worst(void **state)
{
    fixture *f = *state;
    f->sections[FIRST].method = RUBRIC_METHOD_WORST;
    const rubric_result *result = grade(f, "a1=O a2=R a3=G b1=G b2=G c1=G c2=G c3=G c4=G");
    assert_string_equal(code(f, result->sections[FIRST].grade), "R");
    assert_int_equal(result->sections[FIRST].method, RUBRIC_METHOD_WORST);
}

/* best: the best grade present. */
static void test_method_best(void **state)
{
    fixture *f = *state;
    f->sections[FIRST].method = RUBRIC_METHOD_BEST;
    const rubric_result *result = grade(f, "a1=R a2=G a3=I b1=G b2=G c1=G c2=G c3=G c4=G");
    assert_string_equal(code(f, result->sections[FIRST].grade), "G");
}

/* median of an odd count: the middle grade in scale order. */
static void test_median_odd(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "a1=I a2=O a3=R b1=G b2=G c1=G c2=G c3=G c4=G");
    assert_string_equal(code(f, result->sections[FIRST].grade), "R");
    assert_false(result->sections[FIRST].decided_by_tie);
    assert_int_equal(result->sections[FIRST].counted, 3);
}

/* median of an even count, ties lower: the worse of the two middle grades. */
static void test_median_even_ties_lower(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "a1=G a2=G a3=G b1=G b2=G c1=O c2=O c3=R c4=R");
    assert_string_equal(code(f, result->sections[THIRD].grade), "R");
    assert_true(result->sections[THIRD].decided_by_tie);
}

/* median of an even count, ties higher: the better of the two middle grades. */
static void test_median_even_ties_higher(void **state)
{
    fixture *f = *state;
    f->model.rules.ties = RUBRIC_TIES_HIGHER;
    const rubric_result *result = grade(f, "a1=G a2=G a3=G b1=G b2=G c1=O c2=O c3=R c4=R");
    assert_string_equal(code(f, result->sections[THIRD].grade), "O");
    assert_true(result->sections[THIRD].decided_by_tie);
}

/* median of an even count whose middle grades agree: no tie to break. */
static void test_median_even_no_tie(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "a1=G a2=G a3=G b1=G b2=G c1=O c2=G c3=G c4=I");
    assert_string_equal(code(f, result->sections[THIRD].grade), "G");
    assert_false(result->sections[THIRD].decided_by_tie);
}

/* most frequent: the mode. */
static void test_most_frequent(void **state)
{
    fixture *f = *state;
    f->sections[THIRD].method = RUBRIC_METHOD_MOST_FREQUENT;
    const rubric_result *result = grade(f, "a1=G a2=G a3=G b1=G b2=G c1=O c2=I c3=I c4=G");
    assert_string_equal(code(f, result->sections[THIRD].grade), "I");
    assert_false(result->sections[THIRD].decided_by_tie);
}

/* most frequent with two modes: the tie rule picks (lower, then higher). */
static void test_most_frequent_tie(void **state)
{
    fixture *f = *state;
    f->sections[THIRD].method = RUBRIC_METHOD_MOST_FREQUENT;
    const rubric_result *result = grade(f, "a1=G a2=G a3=G b1=G b2=G c1=O c2=R c3=R c4=O");
    assert_string_equal(code(f, result->sections[THIRD].grade), "R");
    assert_true(result->sections[THIRD].decided_by_tie);
    rubric_grader_free(f->grader);
    f->grader = NULL;
    f->model.rules.ties = RUBRIC_TIES_HIGHER;
    result = grade(f, "a1=G a2=G a3=G b1=G b2=G c1=O c2=R c3=R c4=O");
    assert_string_equal(code(f, result->sections[THIRD].grade), "O");
}

/* not applicable: leave out — NA takes no part. */
static void test_not_applicable_leave_out(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "a1=G a2=G a3=G b1=G b2=G c1=NA c2=O c3=NA c4=I");
    assert_int_equal(result->sections[THIRD].counted, 2);
    assert_int_equal(result->sections[THIRD].not_applicable, 2);
    assert_string_equal(code(f, result->sections[THIRD].grade), "I");
}

/* A section whose criteria are all NA is NA, and the overall leaves it out. */
static void test_all_not_applicable_section(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "a1=O a2=O a3=O b1=NA b2=NA c1=R c2=R c3=R c4=R");
    assert_string_equal(code(f, result->sections[SECOND].grade), "NA");
    assert_int_equal(result->sections[SECOND].counted, 0);
    assert_int_equal(result->overall.counted, 2);
    assert_int_equal(result->overall.not_applicable, 1);
    assert_string_equal(code(f, result->overall.grade), "R");
}

/* not applicable: count as R — NA counts as that level. */
static void test_not_applicable_count_as(void **state)
{
    fixture *f = *state;
    f->model.rules.not_applicable = RUBRIC_NA_COUNT_AS;
    f->model.rules.not_applicable_level = 2;
    const rubric_result *result = grade(f, "a1=G a2=G a3=G b1=NA b2=NA c1=O c2=O c3=NA c4=O");
    assert_string_equal(code(f, result->sections[SECOND].grade), "R");
    assert_int_equal(result->sections[SECOND].counted, 2);
    assert_int_equal(result->sections[SECOND].not_applicable, 2);
    assert_string_equal(code(f, result->sections[THIRD].grade), "O");
    assert_string_equal(code(f, result->criterion_grades[B1]), "NA");
}

/* overall of sections: the method over the section grades. */
static void test_overall_of_sections(void **state)
{
    fixture *f = *state;
    f->model.rules.overall_method = RUBRIC_METHOD_WORST;
    const rubric_result *result = grade(f, "a1=O a2=O a3=O b1=G b2=R c1=O c2=O c3=O c4=O");
    assert_string_equal(code(f, result->sections[SECOND].grade), "R");
    assert_string_equal(code(f, result->overall.grade), "R");
    assert_int_equal(result->overall.counted, 3);
}

/* overall of criteria: the method over every criterion grade directly. */
static void test_overall_of_criteria(void **state)
{
    fixture *f = *state;
    f->model.rules.overall_basis = RUBRIC_BASIS_CRITERIA;
    const rubric_result *result = grade(f, "a1=I a2=I a3=I b1=I b2=O c1=O c2=O c3=O c4=O");
    /* sections I, I (tie lower), O would give I; the criteria, 5 O and 4 I, give O */
    assert_string_equal(code(f, result->overall.grade), "O");
    assert_int_equal(result->overall.counted, 9);
}

/* overall no better than a criterion. */
static void test_overall_limit_by_criterion(void **state)
{
    fixture *f = *state;
    f->limits[0] = LIMIT(RUBRIC_SCOPE_OVERALL, 0, RUBRIC_LIMIT_BY_CRITERION, B2);
    f->model.rules.limit_count = 1;
    const rubric_result *result = grade(f, "a1=O a2=O a3=O b1=O b2=I c1=O c2=O c3=O c4=O");
    assert_string_equal(code(f, result->overall.grade), "I");
    assert_string_equal(code(f, result->overall.method_grade), "O");
    assert_true(result->overall.limited);
    assert_int_equal(result->overall.limit_kind, RUBRIC_LIMIT_BY_CRITERION);
    assert_int_equal(result->overall.limit_index, B2);
}

/* A limit never raises a grade, and an NA cap does not apply. */
static void test_limit_only_lowers(void **state)
{
    fixture *f = *state;
    f->limits[0] = LIMIT(RUBRIC_SCOPE_OVERALL, 0, RUBRIC_LIMIT_BY_CRITERION, A1);
    f->limits[1] = LIMIT(RUBRIC_SCOPE_OVERALL, 0, RUBRIC_LIMIT_BY_CRITERION, C1);
    f->model.rules.limit_count = 2;
    const rubric_result *result = grade(f, "a1=O a2=R a3=R b1=R b2=R c1=NA c2=R c3=R c4=R");
    assert_string_equal(code(f, result->overall.grade), "R");
    assert_false(result->overall.limited);
}

/* overall no better than a section. */
static void test_overall_limit_by_section(void **state)
{
    fixture *f = *state;
    f->limits[0] = LIMIT(RUBRIC_SCOPE_OVERALL, 0, RUBRIC_LIMIT_BY_SECTION, FIRST);
    f->model.rules.limit_count = 1;
    const rubric_result *result = grade(f, "a1=R a2=R a3=O b1=O b2=O c1=O c2=O c3=O c4=O");
    assert_string_equal(code(f, result->overall.grade), "R");
    assert_true(result->overall.limited);
    assert_int_equal(result->overall.limit_kind, RUBRIC_LIMIT_BY_SECTION);
    assert_int_equal(result->overall.limit_index, FIRST);
}

/* section no better than a criterion, and the overall sees the capped section. */
static void test_section_limit(void **state)
{
    fixture *f = *state;
    f->limits[0] = LIMIT(RUBRIC_SCOPE_SECTION, THIRD, RUBRIC_LIMIT_BY_CRITERION, A3);
    f->model.rules.limit_count = 1;
    f->model.rules.overall_method = RUBRIC_METHOD_WORST;
    const rubric_result *result = grade(f, "a1=O a2=O a3=R b1=O b2=O c1=O c2=O c3=O c4=O");
    assert_string_equal(code(f, result->sections[FIRST].grade), "O");
    assert_string_equal(code(f, result->sections[THIRD].grade), "R");
    assert_string_equal(code(f, result->sections[THIRD].method_grade), "O");
    assert_true(result->sections[THIRD].limited);
    assert_string_equal(code(f, result->overall.grade), "R");
}

/* section no better than a section that is itself capped: followed through. */
static void test_section_limit_chain(void **state)
{
    fixture *f = *state;
    f->limits[0] = LIMIT(RUBRIC_SCOPE_SECTION, FIRST, RUBRIC_LIMIT_BY_SECTION, SECOND);
    f->limits[1] = LIMIT(RUBRIC_SCOPE_SECTION, SECOND, RUBRIC_LIMIT_BY_CRITERION, C4);
    f->model.rules.limit_count = 2;
    const rubric_result *result = grade(f, "a1=O a2=O a3=O b1=O b2=O c1=O c2=O c3=O c4=I");
    assert_string_equal(code(f, result->sections[SECOND].grade), "I");
    assert_string_equal(code(f, result->sections[FIRST].grade), "I");
    assert_int_equal(result->sections[FIRST].limit_kind, RUBRIC_LIMIT_BY_SECTION);
}

/* The auditor's own grades are carried beside the computed ones. */
static void test_auditor_grades_compared(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, ALL_GOOD " overall=O section:second=G section:third=NA");
    assert_true(result->valid);
    assert_string_equal(code(f, result->overall.auditor_grade), "O");
    assert_string_equal(code(f, result->sections[SECOND].auditor_grade), "G");
    assert_string_equal(code(f, result->sections[THIRD].auditor_grade), "NA");
    assert_int_equal(result->sections[FIRST].auditor_grade, RUBRIC_GRADE_NONE);
}

/* good or better follows rules.good_or_better. */
static void test_good_or_better(void **state)
{
    fixture *f = *state;
    assert_true(rubric_grade_is_good_or_better(&f->model, 0));
    assert_true(rubric_grade_is_good_or_better(&f->model, 1));
    assert_false(rubric_grade_is_good_or_better(&f->model, 2));
    assert_false(rubric_grade_is_good_or_better(&f->model, RUBRIC_GRADE_NOT_APPLICABLE));
    f->model.rules.good_or_better = 0;
    assert_false(rubric_grade_is_good_or_better(&f->model, 1));
}

/* The rule parts' names are the rubric language's words; other values have none. */
static void test_rule_names(void **state)
{
    (void)state;
    assert_string_equal(rubric_method_name(RUBRIC_METHOD_WORST), "worst");
    assert_string_equal(rubric_method_name(RUBRIC_METHOD_BEST), "best");
    assert_string_equal(rubric_method_name(RUBRIC_METHOD_MEDIAN), "median");
    assert_string_equal(rubric_method_name(RUBRIC_METHOD_MOST_FREQUENT), "most frequent");
    assert_string_equal(rubric_method_name(RUBRIC_METHOD_MEAN), "mean");
    assert_null(rubric_method_name((rubric_method)5));
    assert_string_equal(rubric_ties_name(RUBRIC_TIES_LOWER), "lower");
    assert_string_equal(rubric_ties_name(RUBRIC_TIES_HIGHER), "higher");
    assert_null(rubric_ties_name((rubric_ties)-1));
    assert_string_equal(rubric_limit_kind_name(RUBRIC_LIMIT_BY_CRITERION), "criterion");
    assert_string_equal(rubric_limit_kind_name(RUBRIC_LIMIT_BY_SECTION), "section");
    assert_string_equal(rubric_limit_kind_name(RUBRIC_LIMIT_BY_CONDITION), "condition");
    assert_null(rubric_limit_kind_name((rubric_limit_kind)3));
    assert_string_equal(rubric_rounding_name(RUBRIC_ROUND_NEAREST_HALF_DOWN), "nearest, half down");
    assert_string_equal(rubric_rounding_name(RUBRIC_ROUND_NEAREST_HALF_UP), "nearest, half up");
    assert_string_equal(rubric_rounding_name(RUBRIC_ROUND_DOWN), "down");
    assert_null(rubric_rounding_name((rubric_rounding)3));
}

/* The grader is reusable: a bad audit leaves nothing behind for the next. */
static void test_grader_reuse(void **state)
{
    fixture *f = *state;
    grade(f, "a1=X z=O");
    const rubric_result *result = grade(f, ALL_GOOD);
    assert_true(result->valid);
    assert_int_equal(result->problem_total, 0);
    assert_string_equal(code(f, result->overall.grade), "G");
}

/* What a result says, copied so that two gradings can be compared. */
typedef struct result_copy {
    int valid;
    unsigned problem_total;
    rubric_problem_kind kinds[8];
    int problem_criteria[8];
    int criterion_grades[9];
    int section_grades[3];
    int overall;
} result_copy;

static result_copy copy_result(const rubric_result *result)
{
    result_copy copy = {result->valid, result->problem_total, {0}, {0}, {0}, {0}, result->overall.grade};
    for (unsigned problem = 0; problem < result->problem_count && problem < 8; problem++) {
        copy.kinds[problem] = result->problems[problem].kind;
        copy.problem_criteria[problem] = result->problems[problem].criterion;
    }
    for (unsigned criterion = 0; criterion < 9; criterion++)
        copy.criterion_grades[criterion] = result->criterion_grades[criterion];
    for (unsigned section = 0; section < 3 && result->valid; section++)
        copy.section_grades[section] = result->sections[section].grade;
    return copy;
}

/* The audit readers hand over the model's own id strings, which the
 * grader matches by address first; a caller's own strings are matched by
 * name. Either way an audit grades the same, whatever its order, repeats,
 * gaps and grades. */
static void test_ids_by_address_or_by_name(void **state)
{
    fixture *f = *state;
    static const char *const specs[] = {
        ALL_GOOD,
        "a1=G a2=O a3=R b1=NA b2=G c1=I c2=NA c3=G c4=O",
        "c4=G c3=G c2=G c1=G b2=G b1=G a3=G a2=G a1=G",
        "a2=G a1=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G",
        ALL_GOOD " a1=O",
        "a1=G a1=O a2=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G",
        "a1=G a3=G b1=NA b2=G c1=G c2=G c3=G c4=G",
        "a1=NA a2=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G",
        "a1=X a2=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G z=G",
        "a1=GG a2=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G",
        "a1=G a2=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G b1=O",
        "a1=G a2=G a1=O a2=O a3=G b1=G b2=G c1=G c2=G c3=G c4=G",
        "a1= a2=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G",
        "a1=G a2=G a3=G b1=G b2=G c1=G c2=G c3=G",
        "a1=G a2=G a3=G b1=N b2=G c1=G c2=G c3=G c4=G",
        "a1=G a2=G a3=G b1=NAX b2=G c1=G c2=G c3=G c4=G",
        "a1=G a2=G a3=G b1=NA b2=G c1=G c2=G c3=G c4=G a1=G",
        "a1=G a2=G a3=G b1=G b2=G c1=G c2=G c3=G c4=G c4=",
    };
    for (size_t spec = 0; spec < sizeof specs / sizeof specs[0]; spec++) {
        result_copy by_name = copy_result(grade(f, specs[spec]));
        for (unsigned entry = 0; entry < f->audit.grade_count; entry++)
            for (unsigned criterion = 0; criterion < 9; criterion++)
                if (strcmp(f->grades[entry].key, criteria[criterion].id) == 0)
                    f->grades[entry].key = criteria[criterion].id;
        result_copy by_address = copy_result(rubric_grade(f->grader, &f->audit));
        if (memcmp(&by_name, &by_address, sizeof by_name) != 0)
            fail_msg("'%s' grades differently with the model's own id strings", specs[spec]);
    }
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest validation[] = {
        TEST(test_valid_audit), TEST(test_unknown_grade), TEST(test_unknown_grade_where_na_allowed), TEST(test_grade_suggestions),
        TEST(test_not_applicable_not_allowed), TEST(test_unknown_criterion), TEST(test_missing_criterion),
        TEST(test_wrong_rubric_id), TEST(test_duplicate_criterion), TEST(test_auditor_grade_problems),
        TEST(test_all_problems_reported), TEST(test_grader_reuse), TEST(test_ids_by_address_or_by_name),
    };
    const struct CMUnitTest aggregation[] = {
        TEST(test_method_worst), TEST(test_method_best), TEST(test_median_odd),
        TEST(test_median_even_ties_lower), TEST(test_median_even_ties_higher), TEST(test_median_even_no_tie),
        TEST(test_most_frequent), TEST(test_most_frequent_tie), TEST(test_not_applicable_leave_out),
        TEST(test_all_not_applicable_section), TEST(test_not_applicable_count_as), TEST(test_overall_of_sections),
        TEST(test_overall_of_criteria), TEST(test_overall_limit_by_criterion), TEST(test_limit_only_lowers),
        TEST(test_overall_limit_by_section), TEST(test_section_limit), TEST(test_section_limit_chain),
        TEST(test_auditor_grades_compared), TEST(test_good_or_better), TEST(test_rule_names),
    };
    int failures = cmocka_run_group_tests_name("audit validation", validation, NULL, NULL);
    failures += cmocka_run_group_tests_name("aggregation rules", aggregation, NULL, NULL);
    return failures;
}
