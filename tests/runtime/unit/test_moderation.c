/*
 * test_moderation.c — cmocka units for moderation.c: kappa and its standard
 * error against figures from statsmodels' cohens_kappa (Fleiss, Cohen and
 * Everitt), the undefined cases (no pairs, one grade throughout), and how
 * gradings pair up: by role, by order, a role that is neither, a third
 * grading, cases graded once, NA left out, differences of two levels;
 * checklist items compared as answers (exact agreement and kappa over the
 * answer set only, left out of the pooled criteria and the differences);
 * agreement per auditor and per pair of auditor and moderator, in name
 * order with no name last.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "moderation.h"
#include "report_fixture.h"

/* cmocka's float comparison is single precision. */
#define assert_near(actual, expected, within) assert_true(fabs((actual) - (expected)) <= (within))

/* A 4 x 4 table with every kind of disagreement, and one of three pairs. */
static const unsigned long mixed_table[16] = {5, 2, 0, 0, 1, 8, 3, 0, 0, 2, 6, 1, 1, 0, 1, 4};
static const unsigned long small_table[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0};

static void kappa_matches_statsmodels(void **state)
{
    (void)state;
    moderation_kappa plain = moderation_kappa_of_table(mixed_table, 4, 0);
    moderation_kappa weighted = moderation_kappa_of_table(mixed_table, 4, 1);
    assert_true(plain.defined && plain.has_interval && weighted.defined && weighted.has_interval);
    assert_near(plain.value, 0.5563463819691579, 1e-12);
    assert_near(plain.standard_error, 0.11153797810972126, 1e-12);
    assert_near(weighted.value, 0.7133984028393967, 1e-12);
    assert_near(weighted.standard_error, 0.13355011832031766, 1e-12);
    assert_near(plain.low, 0.5563463819691579 - 1.959963984540054 * 0.11153797810972126, 1e-12);
    moderation_kappa small = moderation_kappa_of_table(small_table, 4, 0);
    assert_near(small.value, 0.5, 1e-12);
    assert_near(small.standard_error, 0.31180478223116187, 1e-12);
    assert_near(small.low, 0.5 - 1.959963984540054 * 0.31180478223116187, 1e-12);
    small = moderation_kappa_of_table(small_table, 4, 1);
    assert_near(small.value, 0.4, 1e-12);
    assert_near(small.standard_error, 0.21354156504062624, 1e-12);
}

static void kappa_undefined_and_perfect(void **state)
{
    (void)state;
    unsigned long table[16] = {0};
    moderation_kappa none = moderation_kappa_of_table(table, 4, 0);
    assert_false(none.defined);
    assert_string_equal(none.reason, "no pairs");
    table[5] = 7;                /* both said G every time */
    moderation_kappa one = moderation_kappa_of_table(table, 4, 1);
    assert_false(one.defined);
    assert_string_equal(one.reason, "one grade throughout: agreement by chance is certain");
    table[0] = 3;                /* and O three times: perfect agreement */
    moderation_kappa perfect = moderation_kappa_of_table(table, 4, 0);
    assert_true(perfect.defined && perfect.has_interval);
    assert_near(perfect.value, 1.0, 1e-12);
    assert_near(perfect.standard_error, 0.0, 1e-12);
    assert_near(perfect.high, 1.0, 1e-12);
    /* chance-level agreement is 0, complete opposition is negative and clipped at -1 */
    const unsigned long opposite[4] = {0, 5, 5, 0};
    moderation_kappa against = moderation_kappa_of_table(opposite, 2, 0);
    assert_near(against.value, -1.0, 1e-12);
    assert_true(against.low >= -1.0);
}

/* One grading into the batch; returns what moderation_add does. */
static int add(moderation_batch *batch, rubric_grader *grader, const char *case_reference, const char *role,
               const char *c1, const char *c2, unsigned long line, int *is_moderator, char *error)
{
    rubric_audit audit;
    rubric_entry grades[2];
    const rubric_result *result = fixture_grade(grader, &audit, grades, case_reference, role, NULL, c1, c2);
    assert_true(result->valid);
    return moderation_add(batch, &audit, result, "in.jsonl", line, is_moderator, error, 512);
}

/* A grader and a batch for MODEL, both checked. */
static moderation_batch *new_batch(const rubric_model *model, rubric_grader **grader)
{
    rubric_error problem;
    *grader = rubric_grader_new(model, &problem);
    moderation_batch *batch = moderation_new(model);
    assert_non_null(*grader);
    assert_non_null(batch);
    return batch;
}

/* The batch's JSON (records and errors as given); the caller frees it. */
static char *json_of(const moderation_batch *batch, unsigned long records, unsigned long errors)
{
    char *text = NULL;
    size_t size = 0;
    FILE *memory = open_memstream(&text, &size);
    assert_non_null(memory);
    assert_true(moderation_write_json(batch, records, errors, memory));
    fclose(memory);
    return text;
}

static void gradings_pair_by_role_and_order(void **state)
{
    (void)state;
    rubric_grader *grader;
    moderation_batch *batch = new_batch(&fixture_model, &grader);
    char error[512];
    int is_moderator = -1;
    /* by order */
    assert_int_equal(add(batch, grader, "A", NULL, "G", "G", 1, &is_moderator, error), 1);
    assert_int_equal(is_moderator, 0);
    assert_int_equal(add(batch, grader, "A", NULL, "I", "G", 2, &is_moderator, error), 1);
    assert_int_equal(is_moderator, 1);
    /* a third grading */
    assert_int_equal(add(batch, grader, "A", NULL, "G", "G", 3, &is_moderator, error), 0);
    assert_string_equal(error, "the case is already graded by its auditor (in.jsonl line 1) and its moderator "
                               "(in.jsonl line 2); a case is graded at most twice");
    /* by role, the moderator first */
    assert_int_equal(add(batch, grader, "B", "moderator", "O", "NA", 4, &is_moderator, error), 1);
    assert_int_equal(is_moderator, 1);
    assert_int_equal(add(batch, grader, "B", NULL, "O", "R", 5, &is_moderator, error), 1);
    assert_int_equal(is_moderator, 0);
    /* a role that is neither, and a role taken twice */
    assert_int_equal(add(batch, grader, "C", "Moderator", "G", "G", 6, &is_moderator, error), 0);
    assert_string_equal(error, "field 'role' must be \"auditor\" or \"moderator\", not \"Moderator\"");
    assert_int_equal(add(batch, grader, "D", "auditor", "G", "G", 7, &is_moderator, error), 1);
    assert_int_equal(add(batch, grader, "D", "auditor", "G", "G", 8, &is_moderator, error), 0);
    assert_non_null(strstr(error, "already has its auditor's grading (in.jsonl line 7)"));
    assert_true(moderation_finish(batch));
    assert_int_equal(moderation_pair_count(batch), 2);
    assert_int_equal(moderation_unpaired_count(batch), 1);
    /* c1: A G/I, B O/O; c2: A G/G, B R/NA (left out) */
    const moderation_agreement *c1 = moderation_criterion(batch, 0), *c2 = moderation_criterion(batch, 1);
    assert_int_equal(c1->pairs, 2);
    assert_int_equal(c1->exact, 1);
    assert_int_equal(c1->adjacent, 1);
    assert_int_equal(c2->pairs, 1);
    assert_int_equal(c2->not_compared, 1);
    assert_int_equal(moderation_all_criteria(batch)->pairs, 3);
    assert_int_equal(moderation_all_criteria(batch)->not_compared, 1);
    /* A's c1 (G against I) is two levels apart, and so are its section and overall grades;
     * B's section and overall grades too (R against O: the moderator's NA leaves c2 out) */
    assert_int_equal(moderation_difference_count(batch), 5);
    const moderation_difference *first = moderation_difference_at(batch, 0);
    assert_string_equal(first->case_reference, "A");
    assert_int_equal(first->subject, MODERATION_OVERALL);
    const moderation_difference *criterion = moderation_difference_at(batch, 2);
    assert_int_equal(criterion->subject, MODERATION_CRITERION);
    assert_int_equal(criterion->auditor_grade, 1);
    assert_int_equal(criterion->moderator_grade, 3);
    const moderation_difference *last = moderation_difference_at(batch, 4);
    assert_string_equal(last->case_reference, "B");
    assert_int_equal(last->subject, MODERATION_SECTION);
    assert_int_equal(last->auditor_grade, 2);
    assert_int_equal(last->moderator_grade, 0);
    char *text = json_of(batch, 8, 2);
    assert_non_null(strstr(text, "\"unpaired\":[{\"case\":\"D\",\"graded_by\":\"auditor\""));
    assert_non_null(strstr(text, "{\"case\":\"A\",\"criterion\":\"c1\",\"auditor\":\"G\",\"moderator\":\"I\",\"levels\":2}"));
    free(text);
    moderation_free(batch);
    rubric_grader_free(grader);
}

/* The fixture with c2 moved to a checklist section answered Y (met), N or
 * P: three answers, so an answer "two apart" would show if answers were
 * wrongly taken for levels. */
static const rubric_answer checklist_answers[] = {{"Y", "Yes", 1}, {"N", "No", 0}, {"P", "Partly", 0}};
static const rubric_answer_set checklist_sets[] = {{"checks", "Checks", checklist_answers, 3}};
static const rubric_criterion checklist_criteria[] = {
    {.id = "c1", .section = 0, .descriptors = fixture_descriptors, .weight_hundredths = 100},
    {.id = "c2", .section = 1, .descriptors = fixture_descriptors, .weight_hundredths = 100},
};
static const rubric_section checklist_sections[] = {{.id = "q", .number = "1", .title = "Quality", .method = RUBRIC_METHOD_WORST, .first_criterion = 0, .criterion_count = 1, .weight_hundredths = 100, .answer_set = -1, .in_overall = 1},
                                                    {.id = "k", .number = "2", .title = "Checks", .method = RUBRIC_METHOD_WORST, .first_criterion = 1, .criterion_count = 1, .weight_hundredths = 100, .answer_set = 0, .in_overall = 0}};
static const rubric_model checklist_model = {
    .format_version = RUBRIC_FORMAT_VERSION, .id = "checklist", .title = "Checklist", .authority = "Tests",
    .levels = fixture_levels, .level_count = 4, .sections = checklist_sections, .section_count = 2,
    .criteria = checklist_criteria, .criterion_count = 2, .answer_sets = checklist_sets, .answer_set_count = 1,
    .rules = {.overall_method = RUBRIC_METHOD_WORST, .overall_basis = RUBRIC_BASIS_SECTIONS, .good_or_better = 1},
};

/* One grading by NAME (NULL: none given) into the batch, taken. */
static void add_by(moderation_batch *batch, rubric_grader *grader, const char *name, const char *case_reference,
                   const char *c1, const char *c2)
{
    rubric_audit audit;
    rubric_entry grades[2];
    const rubric_result *result = fixture_grade(grader, &audit, grades, case_reference, NULL, NULL, c1, c2);
    assert_true(result->valid);
    audit.auditor = name;
    int is_moderator;
    char error[512];
    assert_int_equal(moderation_add(batch, &audit, result, "in.jsonl", 1, &is_moderator, error, sizeof error), 1);
}

static void agreement_per_auditor_and_pair(void **state)
{
    (void)state;
    rubric_grader *grader;
    moderation_batch *batch = new_batch(&fixture_model, &grader);
    add_by(batch, grader, "Zoe", "A", "G", "G");        /* Zoe, moderated by Max: both agree */
    add_by(batch, grader, "Max", "A", "G", "G");
    add_by(batch, grader, NULL, "B", "O", "R");         /* no name, moderated by Max: one of two agree */
    add_by(batch, grader, "Max", "B", "O", "I");
    add_by(batch, grader, "Amy", "C", "G", "NA");       /* Amy, moderated by Zoe: c2 not compared */
    add_by(batch, grader, "Zoe", "C", "R", "G");
    add_by(batch, grader, "Amy", "D", "G", "G");        /* Amy graded once: no pair */
    add_by(batch, grader, "Zoe", "E", "O", "O");        /* Zoe again, moderated by Amy */
    add_by(batch, grader, "Amy", "E", "O", "G");
    assert_true(moderation_finish(batch));
    assert_int_equal(moderation_auditor_count(batch), 3);   /* Max only moderated */
    const moderation_people *amy = moderation_auditor_at(batch, 0), *zoe = moderation_auditor_at(batch, 1),
                            *nobody = moderation_auditor_at(batch, 2);
    assert_string_equal(amy->auditor, "Amy");
    assert_int_equal(amy->cases, 1);
    assert_int_equal(amy->criteria.pairs, 1);
    assert_int_equal(amy->criteria.not_compared, 1);
    assert_int_equal(amy->criteria.exact, 0);
    assert_string_equal(zoe->auditor, "Zoe");
    assert_int_equal(zoe->cases, 2);
    assert_int_equal(zoe->criteria.pairs, 4);
    assert_int_equal(zoe->criteria.exact, 3);
    assert_null(nobody->auditor);
    assert_int_equal(nobody->criteria.pairs, 2);
    assert_int_equal(nobody->criteria.exact, 1);
    assert_int_equal(moderation_auditor_pair_count(batch), 4);
    const char *const order[4][2] = {{"Amy", "Zoe"}, {"Zoe", "Amy"}, {"Zoe", "Max"}, {NULL, "Max"}};
    for (unsigned index = 0; index < 4; index++) {
        const moderation_people *pair = moderation_auditor_pair_at(batch, index);
        if (order[index][0])
            assert_string_equal(pair->auditor, order[index][0]);
        else
            assert_null(pair->auditor);
        assert_string_equal(pair->moderator, order[index][1]);
        assert_int_equal(pair->cases, 1);
    }
    char *json = json_of(batch, 9, 0);
    assert_non_null(strstr(json, "\"auditors\":[{\"auditor\":\"Amy\",\"cases\":1,\"pairs\":1,"));
    assert_non_null(strstr(json, "{\"auditor\":null,\"moderator\":\"Max\",\"cases\":1,\"pairs\":2,"));
    free(json);
    moderation_free(batch);
    rubric_grader_free(grader);
}

static void checklist_items_compared_as_answers(void **state)
{
    (void)state;
    rubric_grader *grader;
    moderation_batch *batch = new_batch(&checklist_model, &grader);
    char error[512];
    int is_moderator;
    /* c1 graded, c2 answered: A G/G and Y/P, B O/R and N/N, C R/R and Y/Y */
    static const char *const gradings[][3] = {{"A", "G", "Y"}, {"A", "G", "P"}, {"B", "O", "N"},
                                              {"B", "R", "N"}, {"C", "R", "Y"}, {"C", "R", "Y"}};
    for (unsigned index = 0; index < 6; index++)
        assert_int_equal(add(batch, grader, gradings[index][0], NULL, gradings[index][1], gradings[index][2],
                             index + 1, &is_moderator, error), 1);
    assert_true(moderation_finish(batch));
    const moderation_agreement *answers = moderation_criterion(batch, 1);
    assert_true(answers->answers);
    assert_int_equal(answers->pairs, 3);
    assert_int_equal(answers->exact, 2);
    assert_int_equal(answers->adjacent, 2);     /* Y against P is no "adjacent" answer */
    assert_true(answers->kappa.defined);        /* po 2/3, pe 1/3 over the three answers */
    assert_near(answers->kappa.value, 0.5, 1e-12);
    assert_false(answers->kappa_weighted.defined);
    assert_string_equal(answers->kappa_weighted.reason, "checklist answers have no order: no weighted kappa");
    assert_false(moderation_criterion(batch, 0)->answers);
    assert_int_equal(moderation_all_criteria(batch)->pairs, 3);  /* c1 only */
    /* B's c1, section q and overall (O against R); never c2, whose Y and P are not levels */
    assert_int_equal(moderation_difference_count(batch), 3);
    for (unsigned long index = 0; index < 3; index++)
        assert_false(moderation_difference_at(batch, index)->subject == MODERATION_CRITERION &&
                     moderation_difference_at(batch, index)->index == 1);
    char *text = json_of(batch, 6, 0);
    assert_non_null(strstr(text, "\"criteria\":[{\"id\":\"c1\",\"pairs\":3"));
    assert_non_null(strstr(text, "{\"id\":\"c2\",\"compared\":\"answers\",\"pairs\":3"));
    assert_non_null(strstr(text, "\"sections\":[{\"id\":\"q\""));
    assert_null(strstr(text, "\"id\":\"k\""));   /* a checklist section has no grade to compare */
    free(text);
    moderation_free(batch);
    rubric_grader_free(grader);
}

/* The fixture's rubric with "overall not graded when: 1 or more criteria are NA". */
static const rubric_limit not_graded_limits[] = {{.scope = RUBRIC_SCOPE_OVERALL, .kind = RUBRIC_LIMIT_BY_CONDITION,
                                                   .effect = RUBRIC_LIMIT_NOT_GRADED, .level = -1,
                                                   .subject = RUBRIC_SUBJECT_ANY_CRITERION, .subject_index = -1,
                                                   .test = RUBRIC_TEST_NOT_APPLICABLE, .value = -1,
                                                   .count_rule = RUBRIC_COUNT_AT_LEAST, .count = 1}};
static const rubric_model not_graded_model = {
    .format_version = RUBRIC_FORMAT_VERSION, .id = "not-graded", .title = "Not graded", .authority = "Tests",
    .levels = fixture_levels, .level_count = 4, .sections = fixture_sections, .section_count = 1,
    .criteria = fixture_criteria, .criterion_count = 2,
    .rules = {.overall_method = RUBRIC_METHOD_WORST, .overall_basis = RUBRIC_BASIS_SECTIONS, .good_or_better = 1,
              .limits = not_graded_limits, .limit_count = 1},
};

/* An overall not graded on one side or both is neither an agreement nor a
 * disagreement: in no pair, not in not_compared (NA), but counted apart. */
static void not_graded_counted_apart(void **state)
{
    (void)state;
    rubric_grader *grader;
    moderation_batch *batch = new_batch(&not_graded_model, &grader);
    char error[512];
    int is_moderator;
    /* A: the auditor's overall not graded (c2 NA), the moderator's R; B: both
     * graded, I against G; C: both not graded */
    static const char *const gradings[][3] = {{"A", "G", "NA"}, {"A", "R", "R"}, {"B", "I", "G"},
                                              {"B", "G", "G"},  {"C", "G", "NA"}, {"C", "G", "NA"}};
    for (unsigned index = 0; index < 6; index++)
        assert_int_equal(add(batch, grader, gradings[index][0], NULL, gradings[index][1], gradings[index][2],
                             index + 1, &is_moderator, error), 1);
    assert_true(moderation_finish(batch));
    const moderation_agreement *overall = moderation_overall(batch);
    assert_true(overall->counts_not_graded);
    assert_int_equal(overall->pairs, 1);
    assert_int_equal(overall->not_graded, 2);
    assert_int_equal(overall->not_compared, 0);
    assert_int_equal(overall->exact, 0);
    assert_int_equal(moderation_section(batch, 0)->pairs, 3);      /* the section is graded throughout */
    assert_int_equal(moderation_section(batch, 0)->not_graded, 0);
    assert_false(moderation_criterion(batch, 0)->counts_not_graded);
    /* the one difference of two levels or more on the overall is B's (I against G) */
    unsigned long overall_differences = 0;
    for (unsigned long index = 0; index < moderation_difference_count(batch); index++)
        overall_differences += moderation_difference_at(batch, index)->subject == MODERATION_OVERALL;
    assert_int_equal(overall_differences, 1);
    char *text = json_of(batch, 6, 0);
    assert_non_null(strstr(text, "\"overall\":{\"pairs\":1,\"not_compared\":0,\"not_graded\":2,"));
    assert_non_null(strstr(text, "\"sections\":[{\"id\":\"s\",\"pairs\":3,\"not_compared\":0,\"not_graded\":0,"));
    assert_non_null(strstr(text, "\"criteria\":[{\"id\":\"c1\",\"pairs\":3,\"not_compared\":0,\"exact\""));
    free(text);
    moderation_free(batch);
    rubric_grader_free(grader);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kappa_matches_statsmodels),
        cmocka_unit_test(kappa_undefined_and_perfect),
        cmocka_unit_test(gradings_pair_by_role_and_order),
        cmocka_unit_test(checklist_items_compared_as_answers),
        cmocka_unit_test(agreement_per_auditor_and_pair),
        cmocka_unit_test(not_graded_counted_apart),
    };
    return cmocka_run_group_tests_name("moderation", tests, NULL, NULL);
}
