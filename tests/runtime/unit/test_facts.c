/*
 * test_facts.c — cmocka units for case facts (rubric.h): the list of a
 * rubric's facts with the case type after the declared ones, a value
 * checked against each type, an audit's fact or pass-through field by
 * key, and the grader's problems for a fact missing or not valid, in the
 * words rubric-grade prints (the value, the allowed values, did you mean);
 * a rule on a timescale, and a holiday file in place of the built-in
 * bank holidays (rubric_use_holidays).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rubric.h"

static const rubric_level levels[] = {{"G", "Good", 0, 1}, {"I", "Inadequate", 0, 1}};
static const char *const descriptors[] = {"good", "bad"};
static const rubric_section sections[] = {
    {.id = "one", .number = "1", .method = RUBRIC_METHOD_WORST, .criterion_count = 1, .weight_hundredths = 100,
     .answer_set = -1, .in_overall = 1},
};
static const rubric_criterion criteria[] = {
    {.id = "a", .descriptors = descriptors, .weight_hundredths = 100},
};
static const char *const teams[] = {"Assessment", "Child Protection", "Children in Care"};
static const char *const case_types[] = {"CIN", "CP"};
static const rubric_fact facts[] = {
    {"team", "team", RUBRIC_FACT_CHOICE, 1, teams, 3},
    {"referral_date", "referral date", RUBRIC_FACT_DATE, 1, NULL, 0},
    {"siblings", "siblings", RUBRIC_FACT_NUMBER, 0, NULL, 0},
    {"disabled", "disabled", RUBRIC_FACT_YES_NO, 0, NULL, 0},
    {"note", "note", RUBRIC_FACT_TEXT, 0, NULL, 0},
};

static rubric_model model_with_facts(void)
{
    rubric_model model = {
        .format_version = RUBRIC_FORMAT_VERSION, .id = "facts", .title = "Facts", .authority = "Test",
        .levels = levels, .level_count = 2, .sections = sections, .section_count = 1, .criteria = criteria,
        .criterion_count = 1,
        .rules = {.overall_method = RUBRIC_METHOD_WORST, .good_or_better = 0},
        .facts = facts, .fact_count = 5,
    };
    return model;
}

static void facts_listed_with_the_case_type(void **state)
{
    (void)state;
    rubric_model model = model_with_facts();
    assert_int_equal(rubric_fact_count(&model), 5);
    model.case_types = case_types;
    model.case_type_count = 2;
    assert_int_equal(rubric_fact_count(&model), 6);
    rubric_fact case_type = rubric_fact_at(&model, 5);
    assert_string_equal(case_type.key, "case_type");
    assert_int_equal(case_type.type, RUBRIC_FACT_CHOICE);
    assert_int_equal(case_type.choice_count, 2);
    assert_int_equal(rubric_find_fact(&model, "referral_date"), 1);
    assert_int_equal(rubric_find_fact(&model, "case_type"), 5);
    assert_int_equal(rubric_find_fact(&model, "Referral date"), -1);
    assert_string_equal(rubric_fact_type_name(RUBRIC_FACT_YES_NO), "yes/no");
}

static void values_checked_by_type(void **state)
{
    (void)state;
    assert_true(rubric_fact_value_valid(&facts[0], "Children in Care"));
    assert_false(rubric_fact_value_valid(&facts[0], "children in care"));
    assert_true(rubric_fact_value_valid(&facts[1], "2024-02-29"));
    assert_false(rubric_fact_value_valid(&facts[1], "2026-02-29"));
    assert_false(rubric_fact_value_valid(&facts[1], "02/03/2026"));
    assert_true(rubric_fact_value_valid(&facts[2], "3"));
    assert_true(rubric_fact_value_valid(&facts[2], "-2.5"));
    assert_false(rubric_fact_value_valid(&facts[2], "three"));
    assert_false(rubric_fact_value_valid(&facts[2], "2."));
    assert_true(rubric_fact_value_valid(&facts[3], "Yes"));
    assert_true(rubric_fact_value_valid(&facts[3], "no"));
    assert_false(rubric_fact_value_valid(&facts[3], "maybe"));
    assert_true(rubric_fact_value_valid(&facts[4], "anything at all"));
    /* a list of dates: commas or semicolons, or a JSON array as the JSON
     * Lines reader keeps one; empty is no date */
    static const rubric_fact visits = {"visits", "visits", RUBRIC_FACT_DATES, 0, NULL, 0};
    assert_string_equal(rubric_fact_type_name(RUBRIC_FACT_DATES), "dates");
    assert_true(rubric_fact_value_valid(&visits, "2026-03-02, 2026-03-16"));
    assert_true(rubric_fact_value_valid(&visits, "2026-03-02;2026-03-16"));
    assert_true(rubric_fact_value_valid(&visits, "2024-02-29"));
    assert_true(rubric_fact_value_valid(&visits, ""));
    assert_true(rubric_fact_value_valid(&visits, "[\"2026-03-02\",\"2026-03-16\"]"));
    assert_true(rubric_fact_value_valid(&visits, "[]"));
    assert_false(rubric_fact_value_valid(&visits, "2026-03-02,"));
    assert_false(rubric_fact_value_valid(&visits, "2026-03-02 2026-03-16"));
    assert_false(rubric_fact_value_valid(&visits, "2026-02-30"));
    assert_false(rubric_fact_value_valid(&visits, "[2026-03-02]"));
    assert_false(rubric_fact_value_valid(&visits, "[\"2026-03-02\"] x"));
    assert_false(rubric_fact_value_valid(&visits, "[\"2026-03-02\";\"2026-03-16\"]"));
}

/* The problems of grading AUDIT, described and joined. */
static void describe(const rubric_model *model, const rubric_audit *audit, char *text, size_t size)
{
    rubric_error error;
    rubric_grader *grader = rubric_grader_new(model, &error);
    assert_non_null(grader);
    const rubric_result *result = rubric_grade(grader, audit);
    rubric_result_describe(result, text, size);
    rubric_grader_free(grader);
}

static void grader_checks_facts(void **state)
{
    (void)state;
    rubric_model model = model_with_facts();
    static const rubric_entry grades[] = {{"a", "G"}};
    static const rubric_entry good[] = {{"team", "Assessment"}, {"referral_date", "2026-03-02"},
                                        {"extra", "kept"}};
    rubric_audit audit = {.case_reference = "c1", .grades = grades, .grade_count = 1, .fields = good,
                          .field_count = 3};
    char text[1024];
    describe(&model, &audit, text, sizeof text);
    assert_string_equal(text, "");
    assert_string_equal(rubric_audit_field(&audit, "extra"), "kept");
    assert_null(rubric_audit_field(&audit, "siblings"));

    static const rubric_entry bad[] = {{"team", "Children In Cre"}, {"siblings", "two"}};
    audit.fields = bad;
    audit.field_count = 2;
    describe(&model, &audit, text, sizeof text);
    assert_string_equal(text,
                        "fact 'team': 'Children In Cre' is not one of Assessment, Child Protection, Children in "
                        "Care; did you mean 'Children in Care'?; fact 'referral date' is missing: the rubric "
                        "requires it ('referral_date': a date written YYYY-MM-DD, like 2026-03-02); fact "
                        "'siblings': 'two' is not a number, like 12 or 2.5");
}

/* A rubric whose one criterion has a timescale (completed within 10
 * working days of referred) and whose overall is held at I when it is
 * not met, as "overall no better than I when: the timescale of criterion
 * a is not met" compiles. */
static const rubric_fact date_facts[] = {
    {"referred", "referred", RUBRIC_FACT_DATE, 1, NULL, 0},
    {"completed", "completed", RUBRIC_FACT_DATE, 0, NULL, 0},
};
static const rubric_timescale ten_working_days = {.fact = 1, .from_fact = 0, .amount = 10,
                                                  .unit = RUBRIC_UNIT_WORKING_DAYS};
static const rubric_criterion timed_criteria[] = {
    {.id = "a", .descriptors = descriptors, .weight_hundredths = 100, .timescale = &ten_working_days},
};
static const rubric_limit timescale_limits[] = {
    {.scope = RUBRIC_SCOPE_OVERALL, .kind = RUBRIC_LIMIT_BY_CONDITION, .effect = RUBRIC_LIMIT_NO_BETTER_THAN,
     .level = 1, .subject = RUBRIC_SUBJECT_TIMESCALE, .subject_index = 0, .test = RUBRIC_TEST_NOT_MET},
};

static rubric_model model_with_timescale_rule(void)
{
    rubric_model model = {
        .format_version = RUBRIC_FORMAT_VERSION, .id = "timed", .title = "Timed", .authority = "Test",
        .levels = levels, .level_count = 2, .sections = sections, .section_count = 1, .criteria = timed_criteria,
        .criterion_count = 1,
        .rules = {.overall_method = RUBRIC_METHOD_WORST, .good_or_better = 0, .limits = timescale_limits,
                  .limit_count = 1},
        .facts = date_facts, .fact_count = 2,
    };
    return model;
}

/* The overall grade of an audit of the timed rubric graded G, referred on
 * REFERRED and completed on COMPLETED; the limit's words in WORDS. */
static int timed_overall(rubric_grader *grader, const char *referred, const char *completed, char *words,
                         size_t size)
{
    static const rubric_entry grades[] = {{"a", "G"}};
    rubric_entry fields[] = {{"referred", referred}, {"completed", completed}};
    rubric_audit audit = {.case_reference = "t", .date = "2026-06-01", .grades = grades, .grade_count = 1,
                          .fields = fields, .field_count = 2};
    const rubric_result *result = rubric_grade(grader, &audit);
    assert_true(result->valid);
    words[0] = '\0';
    if (result->overall.limited)
        rubric_limit_describe(result->model, &result->model->rules.limits[result->overall.limit_rule], words, size);
    return result->overall.grade;
}

static void rule_on_a_timescale(void **state)
{
    (void)state;
    rubric_model model = model_with_timescale_rule();
    rubric_error error;
    rubric_grader *grader = rubric_grader_new(&model, &error);
    assert_non_null(grader);
    char words[256];
    /* Friday 3 April 2026 is Good Friday, Monday 6 April Easter Monday:
     * ten working days from Wednesday 1 April end on Friday 17 April. */
    assert_int_equal(timed_overall(grader, "2026-04-01", "2026-04-17", words, sizeof words), 0);
    assert_string_equal(words, "");
    assert_int_equal(timed_overall(grader, "2026-04-01", "2026-04-20", words, sizeof words), 1);
    assert_string_equal(words, "no better than I when the timescale of criterion a is not met");
    rubric_grader_free(grader);

    /* a condition on a criterion without a timescale is refused */
    static const rubric_criterion untimed[] = {{.id = "a", .descriptors = descriptors, .weight_hundredths = 100}};
    model.criteria = untimed;
    assert_null(rubric_grader_new(&model, &error));
    assert_string_equal(error.message, "limit 1 tests the timescale of criterion 'a', which has none");
}

/* "visits at least every 10 working days from start to closed" judged
 * from an audit's facts: the longest gap, the end at the closing date
 * when given (else the audit's date), and what cannot be judged. */
static void recurring_timescale_judged(void **state)
{
    (void)state;
    static const rubric_fact visit_facts[] = {
        {"start", "start", RUBRIC_FACT_DATE, 1, NULL, 0},
        {"visits", "visits", RUBRIC_FACT_DATES, 0, NULL, 0},
        {"closed", "closed", RUBRIC_FACT_DATE, 0, NULL, 0},
    };
    static const rubric_timescale fortnightly = {.fact = 1, .from_fact = 0, .amount = 10,
                                                 .unit = RUBRIC_UNIT_WORKING_DAYS, .every = 1, .to_fact = 2};
    rubric_model model = model_with_facts();
    model.facts = visit_facts;
    model.fact_count = 3;
    rubric_entry fields[] = {{"start", "2026-03-02"}, {"visits", "2026-03-27; 2026-03-20"}, {"closed", NULL}};
    rubric_audit audit = {.case_reference = "t", .date = "2026-04-30", .fields = fields, .field_count = 2};
    rubric_timescale_outcome outcome = rubric_timescale_judge(&model, &fortnightly, &audit);
    assert_int_equal(outcome.status, RUBRIC_TIMESCALE_NOT_MET);
    assert_int_equal(outcome.late_by, 12);   /* 27 March to the audit date, Easter left out */
    assert_string_equal(outcome.deadline, "2026-04-14");
    /* closed on 10 April: the last gap ends there; the first was 4 late */
    fields[2].value = "2026-04-10";
    audit.field_count = 3;
    outcome = rubric_timescale_judge(&model, &fortnightly, &audit);
    assert_int_equal(outcome.status, RUBRIC_TIMESCALE_NOT_MET);
    assert_int_equal(outcome.late_by, 4);
    assert_string_equal(outcome.deadline, "2026-03-16");
    /* every gap within: met, with the day the next visit is due */
    fields[1].value = "[\"2026-03-12\",\"2026-03-24\",\"2026-04-02\"]";
    outcome = rubric_timescale_judge(&model, &fortnightly, &audit);
    assert_int_equal(outcome.status, RUBRIC_TIMESCALE_MET);
    assert_int_equal(outcome.late_by, 0);
    assert_string_equal(outcome.deadline, "2026-04-20");
    /* no start date, or a list that is not one: unknown */
    fields[1].value = "12/03/2026";
    assert_int_equal(rubric_timescale_judge(&model, &fortnightly, &audit).status, RUBRIC_TIMESCALE_UNKNOWN);
    fields[1].value = "2026-03-12";
    fields[0].value = NULL;
    assert_int_equal(rubric_timescale_judge(&model, &fortnightly, &audit).status, RUBRIC_TIMESCALE_UNKNOWN);
}

/* Another list of holidays from a file: without Easter Monday the
 * deadline comes a day sooner; a line that is not a date names the file
 * and the line; NULL goes back to the built-in list. */
static void holidays_from_a_file(void **state)
{
    (void)state;
    rubric_model model = model_with_timescale_rule();
    rubric_error error;
    rubric_grader *grader = rubric_grader_new(&model, &error);
    assert_non_null(grader);
    char path[] = "/tmp/test_facts_holidays_XXXXXX", words[256];
    int descriptor = mkstemp(path);
    assert_true(descriptor >= 0);
    FILE *file = fdopen(descriptor, "w");
    assert_non_null(file);
    fputs("# Scotland, 2026\n2026-04-03 Good Friday\n\n2026-05-04 Early May\n", file);
    fclose(file);
    assert_true(rubric_use_holidays(path, &error));
    assert_int_equal(timed_overall(grader, "2026-04-01", "2026-04-17", words, sizeof words), 1);
    assert_int_equal(timed_overall(grader, "2026-04-01", "2026-04-16", words, sizeof words), 0);

    file = fopen(path, "w");
    assert_non_null(file);
    fputs("2026-04-03 Good Friday\n6 April 2026 Easter Monday\n", file);
    fclose(file);
    assert_false(rubric_use_holidays(path, &error));
    char expected[512];
    snprintf(expected, sizeof expected, "%s:2: '6 April 2026 Easter Monday' does not start with a date written "
             "YYYY-MM-DD, like 2026-12-25 Christmas Day", path);
    assert_string_equal(error.message, expected);
    /* the list given before is kept */
    assert_int_equal(timed_overall(grader, "2026-04-01", "2026-04-17", words, sizeof words), 1);
    remove(path);

    assert_true(rubric_use_holidays(NULL, &error));
    assert_int_equal(timed_overall(grader, "2026-04-01", "2026-04-17", words, sizeof words), 0);
    rubric_grader_free(grader);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(facts_listed_with_the_case_type),
        cmocka_unit_test(values_checked_by_type),
        cmocka_unit_test(grader_checks_facts),
        cmocka_unit_test(rule_on_a_timescale),
        cmocka_unit_test(recurring_timescale_judged),
        cmocka_unit_test(holidays_from_a_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
