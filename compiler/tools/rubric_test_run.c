/*
 * rubric_test_run.c — `rubricc test`: one audit graded and its
 * expectations checked (rubric_test_internal.h shows how the runner's
 * files fit together).
 *
 * The audit's grades are made complete as its entries say (the section
 * fills, every other criterion) and graded by the grading library, as
 * rubric-grade would grade them. Each expectation that does not hold is
 * said on stderr at its line, with what was expected and what came out,
 * and kept for the audit's JUnit test case; an error the grader gives
 * that no "expect error" names is a failure too.
 */
#include "rubric_test_internal.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_text.h"

/* ----------------------------------------------------------------- grading */

/* Whether id is one of the comma-separated names in list. */
static bool test_listed(const char *list, const char *id)
{
    size_t length = strlen(id);
    for (const char *at = list; (at = strstr(at, id)) != NULL; at++) {
        const char *before = at;
        while (before > list && before[-1] == ' ')
            before--;
        const char *after = at + length;
        while (*after == ' ')
            after++;
        if (before > list && before[-1] == ',' && *after == ',')
            return true;
    }
    return false;
}

/* The audit's grades: those written, then the section fills and the
 * grade for every other criterion (every other answer, in a checklist),
 * for the criteria not written that apply to the audit's case type and
 * whose "applies when:" its facts meet. */
static rubric_audit test_make_audit(test_run *run, const test_audit *audit)
{
    const rubric_model *model = run->model;
    rubric_entry *grades = arena_array(run->region, audit->grade_count + model->criterion_count + 1,
                                       sizeof *grades);
    unsigned count = 0;
    for (unsigned i = 0; i < audit->grade_count; i++)
        grades[count++] = audit->grades[i];
    /* A case type the rubric does not know is the audit's one error: every criterion is filled. */
    bool known = audit->case_type == NULL || rubric_case_type_known(model, audit->case_type);
    rubric_audit facts = {0};
    facts.date = audit->date;
    facts.fields = audit->facts;
    facts.field_count = (unsigned)audit->fact_count;
    for (unsigned c = 0; c < model->criterion_count; c++) {
        const char *id = model->criteria[c].id;
        bool written = audit->not_graded != NULL && test_listed(audit->not_graded, id);
        for (unsigned i = 0; i < audit->grade_count && !written; i++)
            written = strcmp(audit->grades[i].key, id) == 0;
        const char *grade = rubric_criterion_answer_set(model, c) != NULL ? audit->other_answer
                                                                          : audit->other_grade;
        for (size_t f = 0; f < audit->fill_count; f++)
            if (audit->fills[f].section == (int)model->criteria[c].section)
                grade = audit->fills[f].grade;
        if (!written && grade != NULL && (!known || (rubric_criterion_applies(model, c, audit->case_type) &&
                                                     rubric_criterion_condition_holds(model, c, &facts))))
            grades[count++] = (rubric_entry){id, grade};
    }
    rubric_audit graded = {0};
    graded.case_reference = audit->name;
    graded.grades = grades;
    graded.grade_count = count;
    graded.case_type = audit->case_type;
    graded.comments = audit->comments;
    graded.comment_count = (unsigned)audit->comment_count;
    graded.date = audit->date;
    graded.fields = audit->facts;
    graded.field_count = (unsigned)audit->fact_count;
    return graded;
}

static const char *test_grade_text(const rubric_model *model, int grade)
{
    const char *code = rubric_grade_code(model, grade);
    return code != NULL ? code : "no grade";
}

/* What capped an outcome: "criterion ID", "section ID", a conditional
 * limit in the words of rubric_limit_describe, or "nothing". */
static const char *test_limit_text(test_run *run, const rubric_outcome *outcome)
{
    if (!outcome->limited)
        return "nothing";
    const rubric_model *model = run->model;
    if (outcome->limit_kind == RUBRIC_LIMIT_BY_CONDITION)
        return test_limit_description(run, outcome->limit_rule);
    const char *id = outcome->limit_kind == RUBRIC_LIMIT_BY_CRITERION
                         ? model->criteria[outcome->limit_index].id
                         : model->sections[outcome->limit_index].id;
    return arena_printf(run->region, "%s %s", rubric_limit_kind_name(outcome->limit_kind), id);
}


/* Whether an expectation of a graded audit holds; *actual says what came
 * out, in the words the expectation is written in. */
static bool test_expectation_holds(test_run *run, const rubric_result *result, const test_expectation *expectation,
                                   const char **actual)
{
    const rubric_model *model = run->model;
    int section = expectation->section;
    const rubric_outcome *outcome = section >= 0 ? &result->sections[section] : &result->overall;
    const rubric_checklist_count *count = section >= 0 ? &result->checklists[section] : NULL;
    long tenths;
    switch (expectation->kind) {
    case EXPECT_GRADE:
        *actual = outcome->not_graded ? "not graded" : test_grade_text(model, outcome->grade);
        return strcmp(*actual, expectation->value) == 0;
    case EXPECT_LIMIT:
        *actual = test_limit_text(run, outcome);
        if (expectation->number == TEST_NONE || !outcome->limited)
            return expectation->number == TEST_NONE && !outcome->limited;
        return strcmp(test_limit_description(run, outcome->limit_rule),
                      test_limit_description(run, (unsigned)expectation->number))
               == 0;
    case EXPECT_BAND:
        *actual = outcome->band >= 0 ? model->bands[outcome->band].label : "none";
        return expectation->number == (outcome->band >= 0 ? outcome->band : TEST_NONE);
    case EXPECT_MEAN:
        *actual = outcome->has_mean ? test_decimal_text(run, outcome->mean_hundredths, 2) : "none";
        return expectation->number == (outcome->has_mean ? (long)outcome->mean_hundredths : TEST_NONE);
    case EXPECT_MET:
        *actual = arena_printf(run->region, "%u of %u", count->met, count->applicable);
        return expectation->number == (long)count->met && expectation->applicable == (long)count->applicable;
    case EXPECT_PERCENTAGE:
        tenths = rubric_checklist_percentage_tenths(count);
        *actual = tenths < 0 ? "none" : test_decimal_text(run, (unsigned long)tenths, 1);
        return expectation->number == (tenths < 0 ? TEST_NONE : tenths);
    case EXPECT_ERROR:
        break;
    }
    *actual = "";
    return true;
}

/* ------------------------------------------------------------ running audits */

/* One failed expectation: said on stderr and kept for the JUnit report. */
static void test_fail(test_run *run, const test_file *tests, const test_audit *audit, int line,
                      FILE *failures, const char *format, ...) __attribute__((format(printf, 6, 7)));

static void test_fail(test_run *run, const test_file *tests, const test_audit *audit, int line,
                      FILE *failures, const char *format, ...)
{
    char message[1024];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    /* the path and the audit's name are the user's: shown escaped */
    fprintf(stderr, "%s:%d: audit %s: %s\n", diagnostics_escaped(run->region, tests->path), line,
            diagnostics_escaped(run->region, audit->name), diagnostics_escaped(run->region, message));
    fprintf(failures, "%s:%d: %s\n", tests->path, line, message);
    run->failed_expectations++;
}

/* Grade one audit and check what it expects. Returns the failures. */
size_t test_run_audit(test_run *run, const test_file *tests, const test_audit *audit)
{
    const rubric_model *model = run->model;
    rubric_audit graded = test_make_audit(run, audit);
    const rubric_result *result = rubric_grade(run->grader, &graded);
    size_t failed_before = run->failed_expectations;
    char *failure_text = NULL;
    size_t failure_length = 0;
    FILE *failures = open_memstream(&failure_text, &failure_length);
    if (failures == NULL)
        exit(3);

    /* Every error expected must occur, and every error that occurs must be expected. */
    bool *expected = arena_array(run->region, result->problem_count + 1, sizeof *expected);
    char **described = arena_array(run->region, result->problem_count + 1, sizeof *described);
    for (unsigned p = 0; p < result->problem_count; p++) {
        size_t size = rubric_problem_describe(model, &result->problems[p], NULL, 0) + 1;
        described[p] = arena_alloc(run->region, size);
        rubric_problem_describe(model, &result->problems[p], described[p], size);
    }
    for (size_t e = 0; e < audit->expectation_count; e++) {
        const test_expectation *expectation = &audit->expectations[e];
        run->expectation_total++;
        if (expectation->kind == EXPECT_ERROR) {
            bool found = false;
            for (unsigned p = 0; p < result->problem_count; p++)
                if (!expected[p] && strcmp(described[p], expectation->value) == 0)
                    found = expected[p] = true;
            if (!found)
                test_fail(run, tests, audit, expectation->line, failures,
                          "expected error: %s; got %s%s%s", expectation->value,
                          result->problem_count == 0 ? "no error" : "'",
                          result->problem_count == 0 ? "" : described[0],
                          result->problem_count == 0 ? "" : "'");
            continue;
        }
        const char *what = expectation->section >= 0
                               ? arena_printf(run->region, "section %s",
                                              model->sections[expectation->section].id)
                               : "overall";
        const char *suffix = test_expect_suffix(expectation->kind);
        if (!result->valid) {
            test_fail(run, tests, audit, expectation->line, failures,
                      "expected %s%s: %s; got no grades: the audit has errors", what, suffix,
                      expectation->value);
            continue;
        }
        const char *actual;
        if (!test_expectation_holds(run, result, expectation, &actual)) {
            const rubric_outcome *outcome = expectation->section >= 0 ? &result->sections[expectation->section]
                                                                      : &result->overall;
            bool grade = expectation->kind == EXPECT_GRADE && outcome->limited;
            test_fail(run, tests, audit, expectation->line, failures, "expected %s%s: %s; got %s%s%s", what,
                      suffix, expectation->value, actual, grade ? ", limited by " : "",
                      grade ? test_limit_text(run, outcome) : "");
        }
    }
    /* The first few errors not expected are named; the rest counted. */
    enum { SHOWN_ERRORS = 5 };
    unsigned unexpected = 0;
    for (unsigned p = 0; p < result->problem_count; p++)
        if (!expected[p] && unexpected++ < SHOWN_ERRORS)
            test_fail(run, tests, audit, audit->line, failures, "unexpected error: %s", described[p]);
    unexpected += result->problem_total - result->problem_count;
    if (unexpected > SHOWN_ERRORS)
        test_fail(run, tests, audit, audit->line, failures, "and %u more unexpected errors",
                  unexpected - SHOWN_ERRORS);

    if (result->valid)
        test_note_coverage(run, result);
    fclose(failures);
    size_t failed = run->failed_expectations - failed_before;
    fprintf(run->junit, "    <testcase classname=\"%s\" name=\"audit ", model->id);
    html_text_escaped(run->junit, audit->name, strlen(audit->name));
    if (failed == 0) {
        fputs("\"/>\n", run->junit);
    } else {
        fprintf(run->junit, "\">\n      <failure message=\"%zu expectation%s not met\">", failed,
                failed == 1 ? "" : "s");
        html_text_escaped(run->junit, failure_text, failure_length);
        fputs("</failure>\n    </testcase>\n", run->junit);
    }
    free(failure_text);
    return failed;
}
