/*
 * rubric_test_internal.h — what the files of `rubricc test` share: the
 * audits read from a tests file, the run they are graded in, and the
 * coverage of the rubric's grading rules (rubric_test.h says what the
 * command does).
 *
 * The runner is four files, one job each, in the order a run goes:
 *   rubric_test.c           the command: its options, compiling and loading
 *                           the rubric, each tests file in turn, the JUnit
 *                           document and the summary line
 *   rubric_test_parse.c     a tests file into audits and expectations, each
 *                           value read against the rubric (mistakes are
 *                           diagnostics at their line)
 *   rubric_test_run.c       grading one audit and checking what it expects
 *                           (failures on stderr and as JUnit test cases)
 *   rubric_test_coverage.c  which grading rules an audit could exercise, which
 *                           ones the audits did, and the report of the rest
 *
 * Everything here lives in the run's arena (test_run.region) unless said
 * otherwise; nothing is shared but through a test_run.
 */
#ifndef RUBRIC_TEST_INTERNAL_H
#define RUBRIC_TEST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "diagnostics.h"
#include "rubric.h"
#include "source.h"

/* What an expectation looks at; each is of the overall grade (section
 * -1) or of one section's ("expect section ID …"). */
typedef enum test_expect_kind {
    EXPECT_GRADE,                /* expect overall: G / expect section ID: G */
    EXPECT_LIMIT,                /* expect limited by: criterion ID / …: no better than R when … */
    EXPECT_BAND,                 /* expect overall band: Good */
    EXPECT_MEAN,                 /* expect overall mean: 7.5 */
    EXPECT_MET,                  /* expect section ID met: 2 of 3 (a checklist) */
    EXPECT_PERCENTAGE,           /* expect section ID percentage: 66.7 (a checklist) */
    EXPECT_ERROR                 /* expect error: criterion 'x' is not graded */
} test_expect_kind;

/* A value that is "none": no band, no mean, no percentage. */
#define TEST_NONE (-1L)

typedef struct test_expectation {
    test_expect_kind kind;
    int line;
    int section;                 /* -1: the overall grade */
    const char *value;           /* as written */
    long number;                 /* the value read: a limit's index in rules.limits, a band index,
                                    a mean in hundredths, a percentage in tenths, the count met;
                                    TEST_NONE for nothing or none */
    long applicable;             /* EXPECT_MET: of how many */
} test_expectation;

/* A section filled with one grade: "every criterion of section ID: G". */
typedef struct test_fill {
    int section;
    const char *grade;
} test_fill;

typedef struct test_audit {
    const char *name;
    int line;
    rubric_entry *grades;        /* as written */
    unsigned grade_count;
    test_fill *fills;
    size_t fill_count;
    const char *other_grade;     /* "every other criterion: G", or NULL */
    const char *other_answer;    /* "every other answer: Y" (checklist criteria), or NULL */
    const char *case_type;       /* "case type: LAC", or NULL */
    source_span case_type_where; /* where it is written */
    rubric_entry *comments;      /* "comment on ID: text" */
    size_t comment_count;
    rubric_entry *facts;         /* "fact referral date: 2026-03-02", by the fact's key */
    size_t fact_count;
    const char *date;            /* "date: 2026-05-01", the audit's date, or NULL */
    const char *not_graded;      /* "not graded: a, b": left out of the fills */
    test_expectation *expectations;
    size_t expectation_count;
} test_audit;

typedef struct test_file {
    const char *path;
    test_audit *audits;
    size_t audit_count;
    size_t failure_count;        /* audits with a failed expectation */
} test_file;

struct test_combination;

/* What the audits exercised of the rubric's grading rules, and (the
 * *_possible fields) what the rubric lets an audit exercise at all. */
typedef struct test_coverage {
    bool method_used[RUBRIC_METHOD_MEAN + 1];  /* by rubric_method: the model uses it */
    bool method_met[RUBRIC_METHOD_MEAN + 1];   /* an outcome combined two grades or more with it */
    bool *limit_met;             /* per rules.limits: it changed a grade */
    bool tie_possible, tie_met;
    bool not_applicable_possible, not_applicable_met;
    bool mean_used, mean_rounded;  /* a mean that was not a whole number */
    bool *band_met;              /* per band: a section or the overall graded in it */
    bool *section_met;           /* per section: graded (not NA), or a checklist counted */
    bool **answer_met;           /* per answer set, per answer: given in a checklist */
    bool *case_type_met;         /* per declared case type */
    bool *weight_possible;       /* per criterion, then per section: a weight not 1 that can count */
    bool *weight_met;            /* … counted with another grade by a method that reads weights */
    struct test_combination *combinations;
    size_t combination_count;
} test_coverage;

typedef struct test_run {
    arena *region;
    diagnostics *report;
    const rubric_model *model;
    rubric_grader *grader;
    test_coverage coverage;
    FILE *junit;                 /* a memory stream: the JUnit XML */
    char *junit_text;
    size_t junit_length;
    size_t audit_total;
    size_t expectation_total;
    size_t failed_expectations;
    size_t failed_audits;
} test_run;

/* rubric_test_parse.c: a tests file read (-1 when it has errors, all
 * reported), and the rubric's words the other files write messages in. */
int test_read_file(test_run *run, source_set *sources, test_file *tests);
const char *test_limit_description(const test_run *run, unsigned rule);
const char *const *test_case_types(const test_run *run, size_t *count);
const char *test_expect_suffix(test_expect_kind kind);

/* rubric_test_run.c: one audit graded and checked (returns its failed
 * expectations). */
size_t test_run_audit(test_run *run, const test_file *tests, const test_audit *audit);

/* VALUE in units of 10^-PLACES as rubric-grade writes numbers: "7.5",
 * "1.33", "100" (rubric_decimal_text), kept in the run's arena. Used by
 * the run and the coverage report alike. */
static inline const char *test_decimal_text(test_run *run, unsigned long value, int places)
{
    char text[RUBRIC_DECIMAL_SIZE];
    return arena_printf(run->region, "%s", rubric_decimal_text(value, (unsigned)places, text));
}

/* rubric_test_coverage.c: before the audits, what they could exercise;
 * after each valid one, what it did; at the end, the rules none did
 * (returns how many). */
void test_plan_coverage(test_run *run);
void test_note_coverage(test_run *run, const rubric_result *result);
size_t test_report_coverage(test_run *run, const char *rubric_path);

#endif /* RUBRIC_TEST_INTERNAL_H */
