/*
 * test_grade_v2.c — cmocka units for the grading rules of rubric format 2
 * (docs/language.md): mean with its declared rounding, weights in mean,
 * median and most frequent, reporting bands, checklist sections counted
 * per case, sections left out of the overall, conditional limits, case
 * types enforced, evidence comments checked, and format 1 tables read with
 * every new field at its default. Every expectation is worked by hand in
 * the comment above its test.
 *
 * Two small models, built as const tables the way rubricc's C emitter
 * writes them:
 *   - "letters": levels O G R I (positions from the worst 4 3 2 1; bands
 *     "Good or better" O G and "Below good" R I); section A "quality"
 *     (q1 for every case, q2 for CIN and CP, q3 for LAC with NA allowed),
 *     section C "compliance", a checklist answered Y (met) / N (k1, k2;
 *     k3 for LAC with NA allowed), section D "context" (d1), out of the
 *     overall.
 *   - "scores": a score scale 10 down to 0 (level index 10 - score),
 *     anchors 10, 5 and 0; bands 8-10, 6-7, 4-5, 0-3; sections one (x1 x2)
 *     and two (y1 y2), mean everywhere.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "rubric.h"

/* ---------------------------------------------------------------- models */

static const char *const letter_descriptors[] = {"o", "g", "r", "i"};
static const rubric_level letter_levels[] = {{"O", "Outstanding", 4, 1}, {"G", "Good", 3, 1},
                                             {"R", "Requires improvement", 2, 1}, {"I", "Inadequate", 1, 1}};
static const rubric_band letter_bands[] = {{"Good or better", 0, 1}, {"Below good", 2, 3}};
static const rubric_answer compliance_answers[] = {{"Y", "Yes", 1}, {"N", "No", 0}};
static const rubric_answer_set answer_sets[] = {{"compliance", "Compliance", compliance_answers, 2}};
static const char *const answer_descriptors[] = {NULL, NULL};
static const char *const cin_cp[] = {"CIN", "CP"};
static const char *const lac[] = {"LAC"};
static const char *const case_types[] = {"CIN", "CP", "LAC"};
enum { Q1, Q2, Q3, K1, K2, K3, D1, LETTER_CRITERIA };
enum { QUALITY, COMPLIANCE, CONTEXT };
enum { LEVEL_O, LEVEL_G, LEVEL_R, LEVEL_I };
enum { ANSWER_Y, ANSWER_N };

static const char *score_descriptors[11];
static const rubric_level score_levels[] = {
    {"10", "Outstanding practice", 10, 1}, {"9", "9", 9, 0}, {"8", "8", 8, 0}, {"7", "7", 7, 0},
    {"6", "6", 6, 0}, {"5", "Some concerns", 5, 1}, {"4", "4", 4, 0}, {"3", "3", 3, 0},
    {"2", "2", 2, 0}, {"1", "1", 1, 0}, {"0", "Serious concerns", 0, 1}};
static const rubric_band score_bands[] = {{"Outstanding", 0, 2}, {"Good", 3, 4}, {"Requires improvement", 5, 6},
                                          {"Inadequate", 7, 10}};
enum { X1, X2, Y1, Y2, SCORE_CRITERIA };

/* One test's rubric, grader and audit. */
typedef struct fixture {
    rubric_criterion criteria[8];
    rubric_section sections[3];
    rubric_limit limits[4];
    rubric_level levels[11];
    rubric_model model;
    rubric_grader *grader;
    char text[512];
    rubric_entry grades[16];
    rubric_entry comments[4];
    rubric_audit audit;
    char message[512];
} fixture;

static fixture the_fixture;

#define CRITERION(id_, section_, applies_, applies_count_, allowed_, descriptors_)                        \
    (rubric_criterion){.id = id_, .section = section_, .applies_to = applies_, .applies_to_count = applies_count_, \
                       .not_applicable_allowed = allowed_, .descriptors = descriptors_, .weight_hundredths = 100}

/* The lettered model: median everywhere, overall of sections, ties lower. */
static int setup_letters(void **state)
{
    fixture *f = &the_fixture;
    memset(f, 0, sizeof *f);
    f->criteria[Q1] = CRITERION("q1", QUALITY, NULL, 0, 0, letter_descriptors);
    f->criteria[Q2] = CRITERION("q2", QUALITY, cin_cp, 2, 0, letter_descriptors);
    f->criteria[Q3] = CRITERION("q3", QUALITY, lac, 1, 1, letter_descriptors);
    f->criteria[K1] = CRITERION("k1", COMPLIANCE, NULL, 0, 0, answer_descriptors);
    f->criteria[K2] = CRITERION("k2", COMPLIANCE, NULL, 0, 0, answer_descriptors);
    f->criteria[K3] = CRITERION("k3", COMPLIANCE, lac, 1, 1, answer_descriptors);
    f->criteria[D1] = CRITERION("d1", CONTEXT, NULL, 0, 0, letter_descriptors);
    f->sections[QUALITY] = (rubric_section){.id = "quality", .number = "A", .title = "Quality",
                                            .method = RUBRIC_METHOD_MEDIAN, .first_criterion = 0,
                                            .criterion_count = 3, .weight_hundredths = 100, .answer_set = -1,
                                            .in_overall = 1};
    f->sections[COMPLIANCE] = (rubric_section){.id = "compliance", .number = "C", .method = RUBRIC_METHOD_WORST,
                                               .first_criterion = 3, .criterion_count = 3,
                                               .weight_hundredths = 100, .answer_set = 0, .in_overall = 0};
    f->sections[CONTEXT] = (rubric_section){.id = "context", .number = "D", .method = RUBRIC_METHOD_MEDIAN,
                                            .first_criterion = 6, .criterion_count = 1, .weight_hundredths = 100,
                                            .answer_set = -1, .in_overall = 0};
    f->model = (rubric_model){.format_version = 2, .id = "letters", .title = "Letters",
                              .authority = "Tests", .levels = letter_levels, .level_count = 4,
                              .sections = f->sections, .section_count = 3, .criteria = f->criteria,
                              .criterion_count = LETTER_CRITERIA,
                              .rules = {.overall_method = RUBRIC_METHOD_MEDIAN, .good_or_better = 1,
                                        .limits = f->limits},
                              .bands = letter_bands, .band_count = 2, .answer_sets = answer_sets,
                              .answer_set_count = 1};
    *state = f;
    return 0;
}

/* The score model: mean everywhere, overall of sections, half down. */
static int setup_scores(void **state)
{
    fixture *f = &the_fixture;
    memset(f, 0, sizeof *f);
    for (unsigned level = 0; level < 11; level++)
        score_descriptors[level] = level % 5 == 0 ? "anchor" : NULL;
    memcpy(f->levels, score_levels, sizeof score_levels);
    f->criteria[X1] = CRITERION("x1", 0, NULL, 0, 0, score_descriptors);
    f->criteria[X2] = CRITERION("x2", 0, NULL, 0, 0, score_descriptors);
    f->criteria[Y1] = CRITERION("y1", 1, NULL, 0, 0, score_descriptors);
    f->criteria[Y2] = CRITERION("y2", 1, NULL, 0, 1, score_descriptors);
    f->sections[0] = (rubric_section){.id = "one", .number = "1", .method = RUBRIC_METHOD_MEAN, .first_criterion = 0,
                                      .criterion_count = 2, .weight_hundredths = 100, .answer_set = -1,
                                      .in_overall = 1};
    f->sections[1] = (rubric_section){.id = "two", .number = "2", .method = RUBRIC_METHOD_MEAN, .first_criterion = 2,
                                      .criterion_count = 2, .weight_hundredths = 100, .answer_set = -1,
                                      .in_overall = 1};
    f->model = (rubric_model){.format_version = 2, .id = "scores", .title = "Scores",
                              .authority = "Tests", .levels = f->levels, .level_count = 11,
                              .sections = f->sections, .section_count = 2, .criteria = f->criteria,
                              .criterion_count = SCORE_CRITERIA,
                              .rules = {.overall_method = RUBRIC_METHOD_MEAN, .good_or_better = 4,
                                        .limits = f->limits},
                              .scores = 1, .bands = score_bands, .band_count = 4};
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

/* Grade SPEC ("q1=O k1=Y ...", "case=LAC", "comment:q1=text") with the
 * fixture's model as it is now (a new grader each time). */
static const rubric_result *grade(fixture *f, const char *spec)
{
    rubric_error error;
    rubric_grader_free(f->grader);
    f->grader = rubric_grader_new(&f->model, &error);
    if (f->grader == NULL)
        fail_msg("%s", error.message);
    memset(&f->audit, 0, sizeof f->audit);
    f->audit.case_reference = "CASE-1";
    f->audit.grades = f->grades;
    f->audit.comments = f->comments;
    snprintf(f->text, sizeof f->text, "%s", spec);
    for (char *word = strtok(f->text, " "); word; word = strtok(NULL, " ")) {
        char *equals = strchr(word, '=');
        assert_non_null(equals);
        *equals = '\0';
        if (strcmp(word, "case") == 0)
            f->audit.case_type = equals + 1;
        else if (strncmp(word, "comment:", 8) == 0)
            f->comments[f->audit.comment_count++] = (rubric_entry){word + 8, equals + 1};
        else
            f->grades[f->audit.grade_count++] = (rubric_entry){word, equals + 1};
    }
    return rubric_grade(f->grader, &f->audit);
}

/* The code of a level or NA, for readable assertions. */
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

/* A valid result, or the failure names its first problem. */
static const rubric_result *graded(fixture *f, const char *spec)
{
    const rubric_result *result = grade(f, spec);
    if (!result->valid)
        fail_msg("%s: %s", spec, first_problem(f, result));
    return result;
}

/* A conditional limit: TARGET (-1: overall) EFFECT LEVEL when SUBJECT (its
 * index) TEST VALUE. */
static void add_condition(fixture *f, int target, rubric_limit_effect effect, int level, rubric_subject subject,
                          int subject_index, rubric_test test, int value)
{
    f->limits[f->model.rules.limit_count++] =
        (rubric_limit){target < 0 ? RUBRIC_SCOPE_OVERALL : RUBRIC_SCOPE_SECTION, target < 0 ? 0u : (unsigned)target,
                       RUBRIC_LIMIT_BY_CONDITION, 0, effect, level, subject, subject_index, test, value,
                       RUBRIC_COUNT_NONE, 0};
}

#define LETTERS_ALL_GOOD "q1=G q2=G q3=G k1=Y k2=Y k3=Y d1=G"

/* ------------------------------------------------------------------ mean */

/* x1 7, x2 8: mean 7.5, an exact half. Half up gives 8, half down 7,
 * down 7; the mean is reported as 7.50 either way. */
static void test_mean_exact_half(void **state)
{
    fixture *f = *state;
    const char *audit = "x1=7 x2=8 y1=7 y2=8";
    f->model.rules.rounding = RUBRIC_ROUND_NEAREST_HALF_UP;
    const rubric_result *result = graded(f, audit);
    assert_string_equal(code(f, result->sections[0].grade), "8");
    assert_true(result->sections[0].has_mean);
    assert_int_equal(result->sections[0].mean_hundredths, 750);
    f->model.rules.rounding = RUBRIC_ROUND_NEAREST_HALF_DOWN;
    result = graded(f, audit);
    assert_string_equal(code(f, result->sections[0].grade), "7");
    f->model.rules.rounding = RUBRIC_ROUND_DOWN;
    result = graded(f, audit);
    assert_string_equal(code(f, result->sections[0].grade), "7");
    assert_int_equal(result->sections[0].mean_hundredths, 750);
}

/* Means of the section grades: one 7 and 8 gives 7 (half down); two 10
 * and 3 is 6.5, giving 6; the overall mean of 7 and 6 is 6.5, giving 6.
 * With "down", x1 10 x2 9 is 9.5 giving 9; y1 1 y2 0 is 0.5 giving 0; the
 * overall of 9 and 0 is 4.5 giving 4. */
static void test_mean_of_sections(void **state)
{
    fixture *f = *state;
    const rubric_result *result = graded(f, "x1=7 x2=8 y1=10 y2=3");
    assert_string_equal(code(f, result->sections[1].grade), "6");
    assert_int_equal(result->sections[1].mean_hundredths, 650);
    assert_string_equal(code(f, result->overall.grade), "6");
    assert_int_equal(result->overall.mean_hundredths, 650);
    assert_int_equal(result->overall.method, RUBRIC_METHOD_MEAN);
    f->model.rules.rounding = RUBRIC_ROUND_DOWN;
    result = graded(f, "x1=10 x2=9 y1=1 y2=0");
    assert_string_equal(code(f, result->sections[0].grade), "9");
    assert_string_equal(code(f, result->sections[1].grade), "0");
    assert_string_equal(code(f, result->overall.grade), "4");
    assert_int_equal(result->overall.mean_hundredths, 450);
}

/* Weights: x1 10 at weight 3 and x2 0 at weight 1 is 30 / 4 = 7.5; at
 * weight 2.5 it is 25 / 3.5 = 7.142857..., reported 7.14, grade 7. A
 * third that is not a half rounds to the nearest: y1 9 at weight 2, y2 8
 * is 26 / 3 = 8.67 (nearest 9; down 8). */
static void test_weighted_mean(void **state)
{
    fixture *f = *state;
    f->criteria[X1].weight_hundredths = 300;
    f->criteria[Y1].weight_hundredths = 200;
    const rubric_result *result = graded(f, "x1=10 x2=0 y1=9 y2=8");
    assert_int_equal(result->sections[0].mean_hundredths, 750);
    assert_string_equal(code(f, result->sections[0].grade), "7");
    assert_int_equal(result->sections[1].mean_hundredths, 867);
    assert_string_equal(code(f, result->sections[1].grade), "9");
    f->criteria[X1].weight_hundredths = 250;
    result = graded(f, "x1=10 x2=0 y1=9 y2=8");
    assert_int_equal(result->sections[0].mean_hundredths, 714);
    assert_string_equal(code(f, result->sections[0].grade), "7");
    f->model.rules.rounding = RUBRIC_ROUND_DOWN;
    result = graded(f, "x1=10 x2=0 y1=9 y2=8");
    assert_string_equal(code(f, result->sections[1].grade), "8");
}

/* A section's weight in the overall: sections 10 (weight 3) and 2 is
 * 32 / 4 = 8. */
static void test_weighted_mean_of_sections(void **state)
{
    fixture *f = *state;
    f->sections[0].weight_hundredths = 300;
    const rubric_result *result = graded(f, "x1=10 x2=10 y1=2 y2=2");
    assert_int_equal(result->overall.mean_hundredths, 800);
    assert_string_equal(code(f, result->overall.grade), "8");
}

/* NA is left out of a mean: y1 4, y2 NA is 4. */
static void test_mean_leaves_out_na(void **state)
{
    fixture *f = *state;
    const rubric_result *result = graded(f, "x1=4 x2=4 y1=4 y2=NA");
    assert_int_equal(result->sections[1].counted, 1);
    assert_int_equal(result->sections[1].mean_hundredths, 400);
}

/* "1 to 4, 1 is best": levels 1 2 3 4, best first. Scores 1 and 2 have
 * mean 1.5: half down goes to the worse level, 2; half up to 1; down to 2. */
static void test_mean_low_is_best(void **state)
{
    fixture *f = *state;
    static const rubric_level reversed[] = {{"1", "Excellent", 1, 1}, {"2", "2", 2, 0}, {"3", "3", 3, 0},
                                            {"4", "Poor", 4, 1}};
    static const rubric_band reversed_bands[] = {{"Top", 0, 1}, {"Bottom", 2, 3}};
    memcpy(f->levels, reversed, sizeof reversed);
    score_descriptors[3] = "anchor";
    f->model.level_count = 4;
    f->model.bands = reversed_bands;
    f->model.band_count = 2;
    f->model.rules.good_or_better = 1;
    const char *audit = "x1=1 x2=2 y1=4 y2=4";
    const rubric_result *result = graded(f, audit);
    assert_string_equal(code(f, result->sections[0].grade), "2");
    assert_int_equal(result->sections[0].mean_hundredths, 150);
    f->model.rules.rounding = RUBRIC_ROUND_NEAREST_HALF_UP;
    result = graded(f, audit);
    assert_string_equal(code(f, result->sections[0].grade), "1");
    f->model.rules.rounding = RUBRIC_ROUND_DOWN;
    result = graded(f, audit);
    assert_string_equal(code(f, result->sections[0].grade), "2");
}

/* On a lettered scale the mean is of positions from the worst (O 4 ... I
 * 1): O and R is 3.0, G; O and G is 3.5, G half down, O half up; q3 NA
 * is left out. */
static void test_mean_of_letters(void **state)
{
    fixture *f = *state;
    f->sections[QUALITY].method = RUBRIC_METHOD_MEAN;
    const rubric_result *result = graded(f, "q1=O q2=R q3=NA k1=Y k2=Y k3=Y d1=G");
    assert_string_equal(code(f, result->sections[QUALITY].grade), "G");
    assert_int_equal(result->sections[QUALITY].mean_hundredths, 300);
    result = graded(f, "q1=O q2=G q3=NA k1=Y k2=Y k3=Y d1=G");
    assert_string_equal(code(f, result->sections[QUALITY].grade), "G");
    assert_int_equal(result->sections[QUALITY].mean_hundredths, 350);
    f->model.rules.rounding = RUBRIC_ROUND_NEAREST_HALF_UP;
    result = graded(f, "q1=O q2=G q3=NA k1=Y k2=Y k3=Y d1=G");
    assert_string_equal(code(f, result->sections[QUALITY].grade), "O");
}

/* ---------------------------------------------------- weighted methods */

/* Weighted median: q1 O at weight 2, q2 R, q3 I: total 4; from the worst
 * I reaches 1, R reaches 2, exactly half: the tie rule between R and O
 * (lower: R, higher: O). At weight 3, R reaches 2 of 5 and O passes half:
 * O. (Unweighted the median would be R.) */
static void test_weighted_median(void **state)
{
    fixture *f = *state;
    f->criteria[Q1].weight_hundredths = 200;
    const char *audit = "q1=O q2=R q3=I k1=Y k2=Y k3=Y d1=G";
    const rubric_result *result = graded(f, audit);
    assert_string_equal(code(f, result->sections[QUALITY].grade), "R");
    assert_true(result->sections[QUALITY].decided_by_tie);
    f->model.rules.ties = RUBRIC_TIES_HIGHER;
    result = graded(f, audit);
    assert_string_equal(code(f, result->sections[QUALITY].grade), "O");
    f->model.rules.ties = RUBRIC_TIES_LOWER;
    f->criteria[Q1].weight_hundredths = 300;
    result = graded(f, audit);
    assert_string_equal(code(f, result->sections[QUALITY].grade), "O");
    assert_false(result->sections[QUALITY].decided_by_tie);
}

/* Weighted median with every weight equal (2 each) is the plain median:
 * O, R, I gives R without a tie. */
static void test_weighted_median_equal_weights(void **state)
{
    fixture *f = *state;
    f->criteria[Q1].weight_hundredths = f->criteria[Q2].weight_hundredths = f->criteria[Q3].weight_hundredths = 200;
    const rubric_result *result = graded(f, "q1=O q2=R q3=I k1=Y k2=Y k3=Y d1=G");
    assert_string_equal(code(f, result->sections[QUALITY].grade), "R");
    assert_false(result->sections[QUALITY].decided_by_tie);
}

/* Most frequent counts weight: q1 O at weight 2 against G twice is a tie
 * (lower: G); at weight 2.5 O wins. */
static void test_weighted_most_frequent(void **state)
{
    fixture *f = *state;
    f->sections[QUALITY].method = RUBRIC_METHOD_MOST_FREQUENT;
    f->criteria[Q1].weight_hundredths = 200;
    const char *audit = "q1=O q2=G q3=G k1=Y k2=Y k3=Y d1=G";
    const rubric_result *result = graded(f, audit);
    assert_string_equal(code(f, result->sections[QUALITY].grade), "G");
    assert_true(result->sections[QUALITY].decided_by_tie);
    f->criteria[Q1].weight_hundredths = 250;
    result = graded(f, audit);
    assert_string_equal(code(f, result->sections[QUALITY].grade), "O");
}

/* Three tied levels: the tie rule picks the worst of them for lower, the
 * best for higher. */
static void test_most_frequent_three_way_tie(void **state)
{
    fixture *f = *state;
    f->sections[QUALITY].method = RUBRIC_METHOD_MOST_FREQUENT;
    const char *audit = "q1=O q2=G q3=R k1=Y k2=Y k3=Y d1=G";
    const rubric_result *result = graded(f, audit);
    assert_string_equal(code(f, result->sections[QUALITY].grade), "R");
    f->model.rules.ties = RUBRIC_TIES_HIGHER;
    result = graded(f, audit);
    assert_string_equal(code(f, result->sections[QUALITY].grade), "O");
}

/* ----------------------------------------------------------------- bands */

/* Every outcome reports its band: scores 9 and 7 (mean 8) are in
 * "Outstanding"; section two's 5 and 4 (4.5, half down: 4) in "Requires
 * improvement"; the overall mean of 8 and 4 is 6, "Good". */
static void test_bands_on_every_outcome(void **state)
{
    fixture *f = *state;
    const rubric_result *result = graded(f, "x1=9 x2=7 y1=5 y2=4");
    assert_int_equal(result->sections[0].band, 0);
    assert_string_equal(code(f, result->sections[1].grade), "4");
    assert_int_equal(result->sections[1].band, 2);
    assert_string_equal(code(f, result->overall.grade), "6");
    assert_int_equal(result->overall.band, 1);
    assert_int_equal(rubric_band_of(&f->model, 10), 3);
    assert_int_equal(rubric_band_of(&f->model, RUBRIC_GRADE_NOT_APPLICABLE), -1);
}

/* Without bands, the band is -1. */
static void test_no_bands(void **state)
{
    fixture *f = *state;
    f->model.bands = NULL;
    f->model.band_count = 0;
    const rubric_result *result = graded(f, "x1=9 x2=7 y1=5 y2=4");
    assert_int_equal(result->sections[0].band, -1);
    assert_int_equal(result->overall.band, -1);
}

/* A score that is not an integer of the range is off the scale, and the
 * message names the range. */
static void test_score_off_scale(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "x1=11 x2=7 y1=5 y2=4");
    assert_string_equal(first_problem(f, result), "criterion 'x1': grade '11' is not on the scale (0 to 10)");
    result = grade(f, "x1=7.5 x2=7 y1=5 y2=4");
    assert_string_equal(first_problem(f, result), "criterion 'x1': grade '7.5' is not on the scale (0 to 10)");
    result = grade(f, "x1=7 x2=7 y1=5 y2=-1");
    assert_string_equal(first_problem(f, result), "criterion 'y2': grade '-1' is not on the scale (0 to 10, or NA)");
}

/* ------------------------------------------------------------ checklists */

/* k1 Y, k2 N, k3 Y: 2 met of 3, 66.7%; k3 NA: 1 of 2, 50.0%; the checklist
 * has no grade and takes no part in the overall. */
static void test_checklist_counts(void **state)
{
    fixture *f = *state;
    const rubric_result *result = graded(f, "q1=G q2=G q3=G k1=Y k2=N k3=Y d1=G");
    assert_int_equal(result->checklists[COMPLIANCE].met, 2);
    assert_int_equal(result->checklists[COMPLIANCE].applicable, 3);
    assert_int_equal(rubric_checklist_percentage_tenths(&result->checklists[COMPLIANCE]), 667);
    assert_int_equal(result->sections[COMPLIANCE].grade, RUBRIC_GRADE_NONE);
    assert_int_equal(result->criterion_grades[K2], ANSWER_N);
    assert_string_equal(rubric_criterion_grade_code(&f->model, K2, result->criterion_grades[K2]), "N");
    assert_int_equal(result->overall.counted, 1);
    result = graded(f, "q1=G q2=G q3=G k1=Y k2=N k3=NA d1=G");
    assert_int_equal(result->checklists[COMPLIANCE].applicable, 2);
    assert_int_equal(rubric_checklist_percentage_tenths(&result->checklists[COMPLIANCE]), 500);
}

/* Nothing applicable: no percentage. 1 of 8 rounds half up to 12.5%. */
static void test_checklist_percentage(void **state)
{
    (void)state;
    assert_int_equal(rubric_checklist_percentage_tenths(&(rubric_checklist_count){0, 0}), -1);
    assert_int_equal(rubric_checklist_percentage_tenths(&(rubric_checklist_count){1, 8}), 125);
    assert_int_equal(rubric_checklist_percentage_tenths(&(rubric_checklist_count){1, 3}), 333);
    assert_int_equal(rubric_checklist_percentage_tenths(&(rubric_checklist_count){3, 3}), 1000);
}

/* Means and percentages as rubric-grade writes them: as short as exact. */
static void test_decimal_text(void **state)
{
    (void)state;
    char text[RUBRIC_DECIMAL_SIZE];
    assert_string_equal(rubric_decimal_text(667, 1, text), "66.7");
    assert_string_equal(rubric_decimal_text(1000, 1, text), "100");
    assert_string_equal(rubric_decimal_text(5, 1, text), "0.5");
    assert_string_equal(rubric_decimal_text(750, 2, text), "7.5");
    assert_string_equal(rubric_decimal_text(714, 2, text), "7.14");
    assert_string_equal(rubric_decimal_text(705, 2, text), "7.05");
    assert_string_equal(rubric_decimal_text(800, 2, text), "8");
    assert_string_equal(rubric_decimal_text(0, 2, text), "0");
    assert_string_equal(rubric_decimal_text(4294967295ul, 2, text), "42949672.95");
}

/* An answer that is not in the set, and a level code is not an answer. */
static void test_checklist_wrong_answer(void **state)
{
    fixture *f = *state;
    const rubric_result *result = grade(f, "q1=G q2=G q3=G k1=G k2=Y k3=Y d1=G");
    assert_int_equal(result->problems[0].kind, RUBRIC_PROBLEM_GRADE_NOT_ON_SCALE);
    assert_string_equal(first_problem(f, result), "criterion 'k1': answer 'G' is not in its answer set (Y, N)");
    result = grade(f, "q1=G q2=G q3=G k1=Y k2=Y k3=Maybe d1=G");
    assert_string_equal(first_problem(f, result), "criterion 'k3': answer 'Maybe' is not in its answer set (Y, N, or NA)");
    result = grade(f, "q1=Y q2=G q3=G k1=Y k2=Y k3=Y d1=G");
    assert_string_equal(first_problem(f, result), "criterion 'q1': grade 'Y' is not on the scale (O, G, R, I)");
}

/* A section out of the overall is graded but not counted: d1 I leaves
 * the overall at the quality section's O. Of criteria, too. */
static void test_section_out_of_overall(void **state)
{
    fixture *f = *state;
    const rubric_result *result = graded(f, "q1=O q2=O q3=O k1=N k2=N k3=N d1=I");
    assert_string_equal(code(f, result->sections[CONTEXT].grade), "I");
    assert_string_equal(code(f, result->overall.grade), "O");
    f->model.rules.overall_basis = RUBRIC_BASIS_CRITERIA;
    f->model.rules.overall_method = RUBRIC_METHOD_WORST;
    result = graded(f, "q1=O q2=O q3=O k1=N k2=N k3=N d1=I");
    assert_int_equal(result->overall.counted, 3);
    assert_string_equal(code(f, result->overall.grade), "O");
}

/* ------------------------------------------------------ conditional limits */

/* "overall is I when: criterion q1 is I": the median of I, O, O is O;
 * the limit makes it I and is named. */
static void test_limit_is_when_criterion(void **state)
{
    fixture *f = *state;
    add_condition(f, -1, RUBRIC_LIMIT_IS, LEVEL_I, RUBRIC_SUBJECT_CRITERION, Q1, RUBRIC_TEST_IS, LEVEL_I);
    const rubric_result *result = graded(f, "q1=I q2=O q3=O k1=Y k2=Y k3=Y d1=G");
    assert_string_equal(code(f, result->overall.method_grade), "O");
    assert_string_equal(code(f, result->overall.grade), "I");
    assert_true(result->overall.limited);
    assert_int_equal(result->overall.limit_kind, RUBRIC_LIMIT_BY_CONDITION);
    assert_int_equal(result->overall.limit_rule, 0);
    assert_int_equal(result->overall.band, 1);
    result = graded(f, "q1=R q2=O q3=O k1=Y k2=Y k3=Y d1=G");
    assert_string_equal(code(f, result->overall.grade), "O");
    assert_false(result->overall.limited);
}

/* "is" sets the grade whatever it was, so it can raise one. */
static void test_limit_is_raises(void **state)
{
    fixture *f = *state;
    add_condition(f, -1, RUBRIC_LIMIT_IS, LEVEL_G, RUBRIC_SUBJECT_CRITERION, Q1, RUBRIC_TEST_IS, LEVEL_O);
    const rubric_result *result = graded(f, "q1=O q2=I q3=I k1=Y k2=Y k3=Y d1=G");
    assert_string_equal(code(f, result->overall.method_grade), "I");
    assert_string_equal(code(f, result->overall.grade), "G");
    assert_true(result->overall.limited);
}

/* "no better than R when: any criterion is G" looks at criteria graded on
 * the scale only: k2's answer N has the index of G (1) and does not fire
 * it; q2 G does. */
static void test_limit_any_criterion(void **state)
{
    fixture *f = *state;
    add_condition(f, -1, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_R, RUBRIC_SUBJECT_ANY_CRITERION, -1, RUBRIC_TEST_IS,
                  LEVEL_G);
    const rubric_result *result = graded(f, "q1=O q2=O q3=O k1=N k2=N k3=N d1=O");
    assert_string_equal(code(f, result->overall.grade), "O");
    result = graded(f, "q1=O q2=G q3=O k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "R");
    assert_true(result->overall.limited);
    /* what a tool that explains the result reads: the condition held */
    assert_true(rubric_limit_condition_holds(result, &f->limits[0]));
    result = graded(f, "q1=O q2=O q3=O k1=N k2=N k3=N d1=O");
    assert_false(rubric_limit_condition_holds(result, &f->limits[0]));
}

/* A checklist answer drives a limit: "overall no better than R when: any
 * criterion in section compliance is N". */
static void test_limit_checklist_answer(void **state)
{
    fixture *f = *state;
    add_condition(f, -1, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_R, RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION, COMPLIANCE,
                  RUBRIC_TEST_IS, ANSWER_N);
    const rubric_result *result = graded(f, "q1=O q2=O q3=O k1=Y k2=N k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "R");
    result = graded(f, "q1=O q2=O q3=O k1=Y k2=Y k3=NA d1=O");
    assert_string_equal(code(f, result->overall.grade), "O");
}

/* A section limit on itself ("any criterion in it is I"): O, O, I has
 * median O, capped at R. */
static void test_section_limit_any_criterion_in_it(void **state)
{
    fixture *f = *state;
    add_condition(f, QUALITY, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_R, RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION, QUALITY,
                  RUBRIC_TEST_IS, LEVEL_I);
    const rubric_result *result = graded(f, "q1=O q2=O q3=I k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->sections[QUALITY].method_grade), "O");
    assert_string_equal(code(f, result->sections[QUALITY].grade), "R");
    assert_true(result->sections[QUALITY].limited);
    assert_string_equal(code(f, result->overall.grade), "R");
}

/* "or worse", "or better" and "in band"; NA passes no test. */
static void test_limit_tests(void **state)
{
    fixture *f = *state;
    add_condition(f, -1, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_I, RUBRIC_SUBJECT_CRITERION, Q3, RUBRIC_TEST_OR_WORSE,
                  LEVEL_R);
    const rubric_result *result = graded(f, "q1=O q2=O q3=I k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "I");
    result = graded(f, "q1=O q2=O q3=G k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "O");
    result = graded(f, "q1=O q2=O q3=NA k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "O");
    f->limits[0].test = RUBRIC_TEST_OR_BETTER;
    f->limits[0].value = LEVEL_G;
    result = graded(f, "q1=O q2=O q3=G k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "I");
    result = graded(f, "q1=O q2=O q3=NA k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "O");
    f->limits[0] = (rubric_limit){RUBRIC_SCOPE_OVERALL, 0, RUBRIC_LIMIT_BY_CONDITION, 0, RUBRIC_LIMIT_NO_BETTER_THAN,
                                  LEVEL_R, RUBRIC_SUBJECT_SECTION, CONTEXT, RUBRIC_TEST_IN_BAND, 1, RUBRIC_COUNT_NONE, 0};
    result = graded(f, "q1=O q2=O q3=O k1=Y k2=Y k3=Y d1=R");
    assert_string_equal(code(f, result->overall.grade), "R");
    result = graded(f, "q1=O q2=O q3=O k1=Y k2=Y k3=Y d1=G");
    assert_string_equal(code(f, result->overall.grade), "O");
}

/* Two limits giving the same cap: the first declared is named; the worst
 * cap wins and names its limit; one that does not lower is not named. */
static void test_limit_declaration_order(void **state)
{
    fixture *f = *state;
    add_condition(f, -1, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_R, RUBRIC_SUBJECT_CRITERION, Q2, RUBRIC_TEST_IS, LEVEL_I);
    add_condition(f, -1, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_R, RUBRIC_SUBJECT_CRITERION, Q3, RUBRIC_TEST_IS, LEVEL_I);
    add_condition(f, -1, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_I, RUBRIC_SUBJECT_CRITERION, Q1, RUBRIC_TEST_IS, LEVEL_R);
    const rubric_result *result = graded(f, "q1=O q2=I q3=I k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.method_grade), "I");
    assert_false(result->overall.limited);
    f->criteria[Q1].weight_hundredths = 300;
    result = graded(f, "q1=O q2=I q3=I k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.method_grade), "O");
    assert_string_equal(code(f, result->overall.grade), "R");
    assert_int_equal(result->overall.limit_rule, 0);
    result = graded(f, "q1=R q2=O q3=I k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "I");
    assert_int_equal(result->overall.limit_rule, 2);
}

/* A v1 limit ("no better than: criterion d1") beside a conditional one:
 * the worse cap wins and is named with its kind and criterion. */
/* A counting condition: the number of criteria (graded on the scale, in
 * any section) passing the test, compared with the count. */
static void test_counting_condition(void **state)
{
    fixture *f = *state;
    add_condition(f, -1, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_R, RUBRIC_SUBJECT_ANY_CRITERION, -1,
                  RUBRIC_TEST_OR_WORSE, LEVEL_R);
    f->limits[0].count_rule = RUBRIC_COUNT_AT_LEAST;
    f->limits[0].count = 2;
    const rubric_result *result = graded(f, "q1=R q2=O q3=O k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "O");
    result = graded(f, "q1=R q2=O q3=O k1=Y k2=Y k3=Y d1=I");
    assert_string_equal(code(f, result->overall.grade), "R");
    f->limits[0].count_rule = RUBRIC_COUNT_MORE_THAN;
    result = graded(f, "q1=R q2=O q3=O k1=Y k2=Y k3=Y d1=I");
    assert_string_equal(code(f, result->overall.grade), "O");
    /* "fewer than 3 criteria in section A are graded": q3 NA leaves 2 */
    f->limits[0].subject = RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION;
    f->limits[0].subject_index = QUALITY;
    f->limits[0].test = RUBRIC_TEST_GRADED;
    f->limits[0].count_rule = RUBRIC_COUNT_FEWER_THAN;
    f->limits[0].count = 3;
    result = graded(f, "q1=O q2=O q3=O k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "O");
    result = graded(f, "q1=O q2=O q3=NA k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "R");
    /* "at most 0 criteria are NA" holds while none is */
    f->limits[0].subject = RUBRIC_SUBJECT_ANY_CRITERION;
    f->limits[0].subject_index = -1;
    f->limits[0].test = RUBRIC_TEST_NOT_APPLICABLE;
    f->limits[0].count_rule = RUBRIC_COUNT_AT_MOST;
    f->limits[0].count = 0;
    result = graded(f, "q1=O q2=O q3=O k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "R");
    assert_true(rubric_limit_condition_holds(result, &f->limits[0]));
    result = graded(f, "q1=O q2=O q3=NA k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "O");
    char words[160];
    rubric_limit_describe(&f->model, &f->limits[0], words, sizeof words);
    assert_string_equal(words, "no better than R when at most 0 criteria are NA");
}

/* Key criteria and groups: a condition reads the criteria marked, so a
 * criterion joins a rule by being marked, not by a new limit. */
static void test_key_and_group_conditions(void **state)
{
    fixture *f = *state;
    static const rubric_group groups[] = {{"safety", "Safety and risk"}};
    static const unsigned safety[] = {0};
    f->model.groups = groups;
    f->model.group_count = 1;
    f->criteria[Q2].key = 1;
    f->criteria[Q1].groups = safety;
    f->criteria[Q1].group_count = 1;
    f->criteria[D1].groups = safety;
    f->criteria[D1].group_count = 1;
    add_condition(f, -1, RUBRIC_LIMIT_IS, LEVEL_I, RUBRIC_SUBJECT_ANY_KEY_CRITERION, -1, RUBRIC_TEST_IS, LEVEL_I);
    add_condition(f, -1, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_R, RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP, 0,
                  RUBRIC_TEST_OR_WORSE, LEVEL_R);
    f->limits[1].count_rule = RUBRIC_COUNT_AT_LEAST;
    f->limits[1].count = 2;
    const rubric_result *result = graded(f, "q1=O q2=I q3=O k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "I");
    result = graded(f, "q1=I q2=O q3=O k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "O");
    result = graded(f, "q1=R q2=O q3=O k1=Y k2=Y k3=Y d1=R");
    assert_string_equal(code(f, result->overall.grade), "R");
    char words[160];
    rubric_limit_describe(&f->model, &f->limits[1], words, sizeof words);
    assert_string_equal(words, "no better than R when 2 or more criteria of group safety are R or worse");
    rubric_limit_describe(&f->model, &f->limits[0], words, sizeof words);
    assert_string_equal(words, "is I when any key criterion is I");
}

/* Decided (docs/language.md): on an outcome the method made NA, a "no
 * better than" limit changes nothing and an "is" limit sets its level, so
 * when both fire the "is" limit's level is the grade. */
static void test_is_and_no_better_than_on_na(void **state)
{
    fixture *f = *state;
    f->criteria[Q1].not_applicable_allowed = 1;
    f->criteria[Q2].not_applicable_allowed = 1;
    add_condition(f, -1, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_I, RUBRIC_SUBJECT_CRITERION, D1, RUBRIC_TEST_IS, LEVEL_I);
    add_condition(f, -1, RUBRIC_LIMIT_IS, LEVEL_R, RUBRIC_SUBJECT_CRITERION, D1, RUBRIC_TEST_IS, LEVEL_I);
    const rubric_result *result = graded(f, "q1=NA q2=NA q3=NA k1=Y k2=Y k3=Y d1=I");
    assert_int_equal(result->overall.method_grade, RUBRIC_GRADE_NOT_APPLICABLE);
    assert_string_equal(code(f, result->overall.grade), "R");
    assert_int_equal(result->overall.limit_rule, 1);
    f->model.rules.limit_count = 1;   /* "no better than" alone: NA stays NA */
    result = graded(f, "q1=NA q2=NA q3=NA k1=Y k2=Y k3=Y d1=I");
    assert_string_equal(code(f, result->overall.grade), "NA");
}

/* Decided: "any criterion" looks at every criterion graded on the scale,
 * in sections that are "in overall: no" too (d1, of the context section). */
static void test_any_criterion_counts_sections_out_of_overall(void **state)
{
    fixture *f = *state;
    add_condition(f, -1, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_R, RUBRIC_SUBJECT_ANY_CRITERION, -1, RUBRIC_TEST_IS, LEVEL_I);
    const rubric_result *result = graded(f, "q1=O q2=O q3=O k1=Y k2=Y k3=Y d1=I");
    assert_string_equal(code(f, result->overall.grade), "R");
    result = graded(f, "q1=O q2=O q3=O k1=Y k2=Y k3=Y d1=R");
    assert_string_equal(code(f, result->overall.grade), "O");
}

/* Decided: under "not applicable: count as X" a criterion for another case
 * type is NA like any other, so it counts as X (q3 is for LAC only). */
static void test_other_cohort_under_count_as(void **state)
{
    fixture *f = *state;
    f->model.case_types = case_types;
    f->model.case_type_count = 3;
    f->sections[QUALITY].method = RUBRIC_METHOD_WORST;
    const rubric_result *result = graded(f, "case=CIN q1=O q2=G k1=Y k2=Y d1=O");
    assert_string_equal(code(f, result->sections[QUALITY].grade), "G");
    f->model.rules.not_applicable = RUBRIC_NA_COUNT_AS;
    f->model.rules.not_applicable_level = LEVEL_I;
    result = graded(f, "case=CIN q1=O q2=G k1=Y k2=Y d1=O");
    assert_int_equal(result->criterion_grades[Q3], RUBRIC_GRADE_NOT_APPLICABLE);
    assert_string_equal(code(f, result->sections[QUALITY].grade), "I");
}

static void test_limit_v1_beside_condition(void **state)
{
    fixture *f = *state;
    f->limits[0] = (rubric_limit){RUBRIC_SCOPE_OVERALL, 0, RUBRIC_LIMIT_BY_CRITERION, D1, RUBRIC_LIMIT_NO_BETTER_THAN,
                                  -1, RUBRIC_SUBJECT_CRITERION, -1, RUBRIC_TEST_IS, 0, RUBRIC_COUNT_NONE, 0};
    f->model.rules.limit_count = 1;
    add_condition(f, -1, RUBRIC_LIMIT_NO_BETTER_THAN, LEVEL_G, RUBRIC_SUBJECT_CRITERION, Q1, RUBRIC_TEST_IS, LEVEL_O);
    const rubric_result *result = graded(f, "q1=O q2=O q3=O k1=Y k2=Y k3=Y d1=R");
    assert_string_equal(code(f, result->overall.grade), "R");
    assert_int_equal(result->overall.limit_kind, RUBRIC_LIMIT_BY_CRITERION);
    assert_int_equal(result->overall.limit_index, D1);
    assert_int_equal(result->overall.limit_rule, 0);
    result = graded(f, "q1=O q2=O q3=O k1=Y k2=Y k3=Y d1=O");
    assert_string_equal(code(f, result->overall.grade), "G");
    assert_int_equal(result->overall.limit_kind, RUBRIC_LIMIT_BY_CONDITION);
    assert_int_equal(result->overall.limit_rule, 1);
}

/* ----------------------------------------------------------------- cohorts */

/* A rubric that declares case types needs one named in the audit, one of them. */
static void test_case_type_required(void **state)
{
    fixture *f = *state;
    f->model.case_types = case_types;
    f->model.case_type_count = 3;
    const rubric_result *result = grade(f, LETTERS_ALL_GOOD);
    assert_int_equal(result->problems[0].kind, RUBRIC_PROBLEM_CASE_TYPE_MISSING);
    assert_string_equal(first_problem(f, result), "the audit does not name its case type (case_type): this rubric"
                                                  " needs one of CIN, CP, LAC");
    result = grade(f, "case=CL " LETTERS_ALL_GOOD);
    assert_string_equal(first_problem(f, result), "case type 'CL' is not one of this rubric's case types (CIN, CP, LAC)");
}

/* For a CIN case, q3 and k3 (LAC only) must be left out or NA; left out,
 * they count as NA. Graded, each is an error naming the criterion. */
static void test_case_type_wrong_cohort(void **state)
{
    fixture *f = *state;
    f->model.case_types = case_types;
    f->model.case_type_count = 3;
    const rubric_result *result = graded(f, "case=CIN q1=G q2=O k1=Y k2=N d1=G");
    assert_int_equal(result->criterion_grades[Q3], RUBRIC_GRADE_NOT_APPLICABLE);
    assert_int_equal(result->sections[QUALITY].not_applicable, 1);
    assert_int_equal(result->checklists[COMPLIANCE].applicable, 2);
    result = graded(f, "case=CIN q1=G q2=O q3=NA k1=Y k2=N k3=NA d1=G");
    assert_int_equal(result->sections[QUALITY].counted, 2);
    result = grade(f, "case=CIN q1=G q2=O q3=G k1=Y k2=N k3=Y d1=G");
    assert_int_equal(result->problem_total, 2);
    assert_int_equal(result->problems[0].kind, RUBRIC_PROBLEM_NOT_FOR_CASE_TYPE);
    assert_string_equal(first_problem(f, result),
                        "criterion 'q3' applies to LAC, not to CIN cases: leave it out or grade it NA");
    rubric_problem_describe(&f->model, &result->problems[1], f->message, sizeof f->message);
    assert_string_equal(f->message, "criterion 'k3' applies to LAC, not to CIN cases: leave it out or grade it NA");
}

/* For a LAC case, q2 (CIN, CP) is left out or NA, even though it does not
 * allow NA for its own cases; q1 (every case) and q3 (LAC) must be graded. */
static void test_case_type_applies(void **state)
{
    fixture *f = *state;
    f->model.case_types = case_types;
    f->model.case_type_count = 3;
    const rubric_result *result = graded(f, "case=LAC q1=G q3=O k1=Y k2=Y k3=Y d1=G");
    assert_int_equal(result->criterion_grades[Q2], RUBRIC_GRADE_NOT_APPLICABLE);
    result = graded(f, "case=LAC q1=G q2=NA q3=O k1=Y k2=Y k3=Y d1=G");
    assert_int_equal(result->criterion_grades[Q2], RUBRIC_GRADE_NOT_APPLICABLE);
    result = grade(f, "case=CP q1=NA q2=G k1=Y k2=Y d1=G");
    assert_string_equal(first_problem(f, result), "criterion 'q1' may not be graded NA (not applicable)");
    result = grade(f, "case=LAC q3=O k1=Y k2=Y k3=Y d1=G");
    assert_string_equal(first_problem(f, result), "criterion 'q1' is not graded");
    result = grade(f, "case=LAC q1=G k1=Y k2=Y k3=Y d1=G");
    assert_string_equal(first_problem(f, result), "criterion 'q3' is not graded");
}

/* Without "case types:" the case type is optional; given, it must be
 * named in some "applies to"; without it, today's rules (all graded). */
static void test_case_type_undeclared(void **state)
{
    fixture *f = *state;
    const rubric_result *result = graded(f, "case=CP q1=G q2=G k1=Y k2=Y d1=G");
    assert_int_equal(result->criterion_grades[Q3], RUBRIC_GRADE_NOT_APPLICABLE);
    result = grade(f, "case=CL " LETTERS_ALL_GOOD);
    assert_string_equal(first_problem(f, result), "case type 'CL' is named by no criterion's 'applies to' in this rubric");
    result = grade(f, "q1=G q2=G k1=Y k2=Y d1=G");
    assert_string_equal(first_problem(f, result), "criterion 'q3' is not graded");
}

/* ---------------------------------------------------------------- comments */

/* Comments may be on criteria, sections and "overall"; any other key is
 * an error naming it. The result keeps the audit for the output. */
static void test_comments(void **state)
{
    fixture *f = *state;
    const rubric_result *result =
        graded(f, LETTERS_ALL_GOOD " comment:q1=Seen comment:compliance=Late comment:overall=Fine");
    assert_ptr_equal(result->audit, &f->audit);
    assert_int_equal(result->audit->comment_count, 3);
    result = grade(f, LETTERS_ALL_GOOD " comment:q9=Text");
    assert_int_equal(result->problems[0].kind, RUBRIC_PROBLEM_UNKNOWN_COMMENT);
    assert_string_equal(first_problem(f, result),
                        "a comment names 'q9', which is no criterion or section of this rubric (nor 'overall')");
}

/* ---------------------------------------------------------------- format 1 */

/* A format 1 table has zeros in the new fields (written before they
 * existed): they read as the defaults, weight 1, graded on the scale, in
 * the overall, and it grades as before. */
static void test_format_1_defaults(void **state)
{
    fixture *f = *state;
    f->model.format_version = 1;
    for (unsigned section = 0; section < 3; section++)
        f->sections[section].weight_hundredths = 0, f->sections[section].answer_set = 0,
        f->sections[section].in_overall = 0;
    f->sections[COMPLIANCE].method = RUBRIC_METHOD_MEDIAN;
    for (unsigned criterion = 0; criterion < LETTER_CRITERIA; criterion++)
        f->criteria[criterion].weight_hundredths = 0, f->criteria[criterion].descriptors = letter_descriptors;
    const rubric_result *result = graded(f, "q1=G q2=G q3=G k1=O k2=O k3=O d1=I");
    assert_int_equal(rubric_section_answer_set(&f->model, COMPLIANCE), -1);
    assert_int_equal(rubric_section_weight(&f->model, QUALITY), 100);
    assert_int_equal(result->overall.counted, 3);
    assert_string_equal(code(f, result->sections[COMPLIANCE].grade), "O");
    assert_string_equal(code(f, result->overall.grade), "G");
}

#define LETTERS(name) cmocka_unit_test_setup_teardown(name, setup_letters, teardown)
#define SCORES(name) cmocka_unit_test_setup_teardown(name, setup_scores, teardown)

int main(void)
{
    const struct CMUnitTest means[] = {
        SCORES(test_mean_exact_half), SCORES(test_mean_of_sections), SCORES(test_weighted_mean),
        SCORES(test_weighted_mean_of_sections), SCORES(test_mean_leaves_out_na), SCORES(test_mean_low_is_best),
        LETTERS(test_mean_of_letters),
    };
    const struct CMUnitTest weights_and_bands[] = {
        LETTERS(test_weighted_median), LETTERS(test_weighted_median_equal_weights),
        LETTERS(test_weighted_most_frequent), LETTERS(test_most_frequent_three_way_tie),
        SCORES(test_bands_on_every_outcome), SCORES(test_no_bands), SCORES(test_score_off_scale),
    };
    const struct CMUnitTest checklists[] = {
        LETTERS(test_checklist_counts), LETTERS(test_checklist_percentage), LETTERS(test_decimal_text), LETTERS(test_checklist_wrong_answer),
        LETTERS(test_section_out_of_overall),
    };
    const struct CMUnitTest limits[] = {
        LETTERS(test_limit_is_when_criterion), LETTERS(test_limit_is_raises), LETTERS(test_limit_any_criterion),
        LETTERS(test_limit_checklist_answer), LETTERS(test_section_limit_any_criterion_in_it),
        LETTERS(test_limit_tests), LETTERS(test_limit_declaration_order), LETTERS(test_limit_v1_beside_condition),
        LETTERS(test_counting_condition), LETTERS(test_key_and_group_conditions),
        LETTERS(test_is_and_no_better_than_on_na), LETTERS(test_any_criterion_counts_sections_out_of_overall),
        LETTERS(test_other_cohort_under_count_as),
    };
    const struct CMUnitTest cohorts_and_comments[] = {
        LETTERS(test_case_type_required), LETTERS(test_case_type_wrong_cohort), LETTERS(test_case_type_applies),
        LETTERS(test_case_type_undeclared), LETTERS(test_comments), LETTERS(test_format_1_defaults),
    };
    int failures = cmocka_run_group_tests_name("mean", means, NULL, NULL);
    failures += cmocka_run_group_tests_name("weights and bands", weights_and_bands, NULL, NULL);
    failures += cmocka_run_group_tests_name("checklists", checklists, NULL, NULL);
    failures += cmocka_run_group_tests_name("conditional limits", limits, NULL, NULL);
    failures += cmocka_run_group_tests_name("cohorts and comments", cohorts_and_comments, NULL, NULL);
    return failures;
}
