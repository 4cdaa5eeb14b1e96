/*
 * rubric_test.c — rubricc test: runs a rubric's tests (see rubric_test.h
 * and docs/rubric-tests.md).
 *
 * A tests file is read the way a rubric is: one entry per line, "name:
 * value", a value continued on the lines indented further than its name,
 * '#' comments and blank lines anywhere. "audit NAME: what it shows"
 * starts an audit; the entries after it give its grades and what is
 * expected. The rubric is compiled, its JSON written into memory and
 * loaded with rubric_document_load_text, so the audits are graded by the
 * same library and the same JSON as rubric-grade uses.
 */
#include "rubric_test.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "emit.h"
#include "html_text.h"
#include "includes.h"
#include "output.h"
#include "rubric.h"

enum test_exit { TEST_PASSED = 0, TEST_FAILED = 1, TEST_USAGE = 2 };

typedef enum test_expect_kind {
    EXPECT_OVERALL,              /* expect overall: G */
    EXPECT_SECTION,              /* expect section ID: G */
    EXPECT_LIMIT,                /* expect limited by: criterion ID */
    EXPECT_SECTION_LIMIT,        /* expect section ID limited by: section ID */
    EXPECT_ERROR                 /* expect error: criterion 'x' is not graded */
} test_expect_kind;

typedef struct test_expectation {
    test_expect_kind kind;
    int line;
    int section;                 /* EXPECT_SECTION, EXPECT_SECTION_LIMIT */
    const char *value;
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
    const char *not_graded;      /* "not graded: a, b": left out of the fills */
    test_expectation *expectations;
    size_t expectation_count;
} test_audit;

/* One entry of a tests file: its name and its whole value. */
typedef struct test_entry {
    int line;
    int indent;
    source_span where;
    char *name;
    char *value;
} test_entry;

typedef struct test_file {
    const char *path;
    test_audit *audits;
    size_t audit_count;
    size_t failure_count;        /* audits with a failed expectation */
} test_file;

/* What the audits exercised of the rubric's grading rules. */
typedef struct test_coverage {
    bool method_used[4];         /* by rubric_method: the model uses it */
    bool method_met[4];          /* an outcome combined two grades or more with it */
    bool *limit_met;             /* per rules.limits */
    bool tie_met;
    bool not_applicable_met;
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

/* --------------------------------------------------------------- helpers */

static char *test_trim(arena *region, const char *text, size_t length)
{
    while (length > 0 && (*text == ' ' || *text == '\t')) {
        text++;
        length--;
    }
    while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t'))
        length--;
    return arena_strndup(region, text, length);
}

/* Split "a b" at its first run of spaces; *rest is NULL when there is none. */
static char *test_first_word(arena *region, const char *text, const char **rest)
{
    const char *space = strchr(text, ' ');
    if (space == NULL) {
        *rest = NULL;
        return arena_strdup(region, text);
    }
    *rest = space;
    while (**rest == ' ')
        (*rest)++;
    return arena_strndup(region, text, (size_t)(space - text));
}

static void *test_append(arena *region, void *array, size_t *count, size_t size)
{
    /* Grows by one; arena_grow keeps it in place when it can. */
    array = arena_grow(region, array, *count, *count + 1, size);
    (*count)++;
    return array;
}

/* ------------------------------------------------------- reading entries */

/* The entries of a tests file: a line "name: value", and the lines after
 * it indented further, which continue its value. */
static test_entry *test_read_entries(arena *region, diagnostics *report, const source_file *file,
                                     int file_index, size_t *count)
{
    test_entry *entries = NULL;
    *count = 0;
    for (size_t line = 1; line <= file->line_count; line++) {
        size_t length;
        const char *text = source_line(file, (int)line, &length);
        size_t indent = 0;
        while (indent < length && text[indent] == ' ')
            indent++;
        if (indent == length || text[indent] == '#')
            continue;
        unsigned offset = (unsigned)(text - file->text);
        source_span where = {file_index, offset + (unsigned)indent, offset + (unsigned)length};
        if (text[indent] == '\t') {
            diagnostic_error(report, where, "a tab in the indentation; indent with spaces");
            continue;
        }
        /* A deeper line continues the entry above, unless that entry
         * starts an audit: its entries are the deeper lines. */
        if (*count > 0 && (int)indent > entries[*count - 1].indent
            && strncmp(entries[*count - 1].name, "audit ", 6) != 0) {
            test_entry *entry = &entries[*count - 1];
            char *more = test_trim(region, text + indent, length - indent);
            entry->value = entry->value[0] == '\0' ? more
                                                   : arena_printf(region, "%s %s", entry->value, more);
            continue;
        }
        const char *colon = memchr(text + indent, ':', length - indent);
        if (colon == NULL) {
            diagnostic_error(report, where,
                             "this line is not an entry; write 'name: value', like 'expect overall: G'");
            continue;
        }
        entries = test_append(region, entries, count, sizeof *entries);
        test_entry *entry = &entries[*count - 1];
        entry->line = (int)line;
        entry->indent = (int)indent;
        entry->where = where;
        entry->name = test_trim(region, text + indent, (size_t)(colon - text) - indent);
        entry->value = test_trim(region, colon + 1, (size_t)(text + length - colon - 1));
        /* Names are compared with one space between words. */
        char *in = entry->name, *out = entry->name;
        for (; *in != '\0'; in++)
            if (*in != ' ' || (out > entry->name && out[-1] != ' '))
                *out++ = *in;
        *out = '\0';
    }
    return entries;
}

/* A section id written in an entry's name; -1 after reporting. */
static int test_section(const test_run *run, const test_entry *entry, const char *id, size_t length)
{
    char *copy = arena_strndup(run->region, id, length);
    int section = rubric_find_section(run->model, copy);
    if (section < 0)
        diagnostic_error(run->report, entry->where, "the rubric has no section '%s'", copy);
    return section;
}

/* Whether name is prefix ID suffix; the ID is returned. */
static bool test_name_with_id(const char *name, const char *prefix, const char *suffix,
                              const char **id, size_t *length)
{
    size_t prefix_length = strlen(prefix), suffix_length = strlen(suffix), name_length = strlen(name);
    if (name_length <= prefix_length + suffix_length || strncmp(name, prefix, prefix_length) != 0
        || strcmp(name + name_length - suffix_length, suffix) != 0)
        return false;
    *id = name + prefix_length;
    *length = name_length - prefix_length - suffix_length;
    return memchr(*id, ' ', *length) == NULL;
}

/* "grades: referral-threshold G, referral-quality O". */
static void test_read_grades(test_run *run, test_audit *audit, const test_entry *entry)
{
    const char *item = entry->value;
    while (*item != '\0') {
        const char *comma = strchr(item, ',');
        size_t length = comma != NULL ? (size_t)(comma - item) : strlen(item);
        char *pair = test_trim(run->region, item, length);
        const char *rest;
        char *id = test_first_word(run->region, pair, &rest);
        if (rest == NULL || *rest == '\0' || strchr(rest, ' ') != NULL) {
            diagnostic_error(run->report, entry->where,
                             "'%s' is not a grade; write each as 'criterion-id CODE', like "
                             "'referral-threshold G', separated by commas",
                             pair);
        } else {
            size_t count = audit->grade_count;
            audit->grades = test_append(run->region, audit->grades, &count, sizeof *audit->grades);
            audit->grades[audit->grade_count].key = id;
            audit->grades[audit->grade_count].value = arena_strdup(run->region, rest);
            audit->grade_count = (unsigned)count;
        }
        item = comma != NULL ? comma + 1 : item + length;
    }
}

static void test_add_expectation(test_run *run, test_audit *audit, test_expect_kind kind,
                                 const test_entry *entry, int section)
{
    audit->expectations = test_append(run->region, audit->expectations, &audit->expectation_count,
                                      sizeof *audit->expectations);
    test_expectation *expectation = &audit->expectations[audit->expectation_count - 1];
    expectation->kind = kind;
    expectation->line = entry->line;
    expectation->section = section;
    expectation->value = entry->value;
}

/* One entry of an audit: what it grades or what it expects. */
static void test_read_audit_entry(test_run *run, test_audit *audit, const test_entry *entry)
{
    const char *id;
    size_t length;
    const char *name = entry->name;
    if (entry->value[0] == '\0') {
        diagnostic_error(run->report, entry->where, "'%s:' needs a value", name);
    } else if (strcmp(name, "grades") == 0) {
        test_read_grades(run, audit, entry);
    } else if (strcmp(name, "not graded") == 0) {
        audit->not_graded = arena_printf(run->region, ",%s,", entry->value);
    } else if (strcmp(name, "every other criterion") == 0) {
        audit->other_grade = entry->value;
    } else if (test_name_with_id(name, "every criterion of section ", "", &id, &length)) {
        int section = test_section(run, entry, id, length);
        audit->fills = test_append(run->region, audit->fills, &audit->fill_count, sizeof *audit->fills);
        audit->fills[audit->fill_count - 1] = (test_fill){section, entry->value};
    } else if (strcmp(name, "expect overall") == 0) {
        test_add_expectation(run, audit, EXPECT_OVERALL, entry, -1);
    } else if (strcmp(name, "expect limited by") == 0) {
        test_add_expectation(run, audit, EXPECT_LIMIT, entry, -1);
    } else if (strcmp(name, "expect error") == 0) {
        test_add_expectation(run, audit, EXPECT_ERROR, entry, -1);
    } else if (test_name_with_id(name, "expect section ", " limited by", &id, &length)) {
        test_add_expectation(run, audit, EXPECT_SECTION_LIMIT, entry, test_section(run, entry, id, length));
    } else if (test_name_with_id(name, "expect section ", "", &id, &length)) {
        test_add_expectation(run, audit, EXPECT_SECTION, entry, test_section(run, entry, id, length));
    } else {
        diagnostic_error(run->report, entry->where,
                         "'%s:' is not an entry of an audit; write grades:, every other criterion:, not graded:, "
                         "every criterion of section ID:, expect overall:, expect section ID:, "
                         "expect limited by:, expect section ID limited by: or expect error:",
                         name);
    }
}

/* A tests file into its audits. Returns -1 when it has errors (reported). */
static int test_read_file(test_run *run, source_set *sources, test_file *tests)
{
    source_span none = {-1, 0, 0};
    int errors_before = run->report->error_count;
    int file = source_load(sources, tests->path, -1, none);
    if (file < 0) {
        diagnostic_error(run->report, none, "cannot read the tests file '%s': %s", tests->path,
                         strerror(errno));
        return -1;
    }
    size_t count;
    test_entry *entries = test_read_entries(run->region, run->report, &sources->files[file], file,
                                            &count);
    test_audit *audit = NULL;
    for (size_t i = 0; i < count; i++) {
        test_entry *entry = &entries[i];
        if (strncmp(entry->name, "audit ", 6) == 0) {
            tests->audits = test_append(run->region, tests->audits, &tests->audit_count,
                                        sizeof *tests->audits);
            audit = &tests->audits[tests->audit_count - 1];
            audit->name = entry->name + 6;
            audit->line = entry->line;
        } else if (strcmp(entry->name, "rubric") == 0 && audit == NULL) {
            if (strcmp(entry->value, run->model->id) != 0)
                diagnostic_error(run->report, entry->where,
                                 "these tests are for rubric '%s', not '%s'", entry->value,
                                 run->model->id);
        } else if (audit == NULL) {
            diagnostic_error(run->report, entry->where,
                             "'%s:' before the first audit; start one with a line like "
                             "'audit SAMPLE-1: every criterion good'",
                             entry->name);
        } else {
            test_read_audit_entry(run, audit, entry);
        }
    }
    if (tests->audit_count == 0 && run->report->error_count == errors_before)
        diagnostic_error(run->report, (source_span){file, 0, 0},
                         "the tests file holds no audit; start one with a line like "
                         "'audit SAMPLE-1: every criterion good'");
    return run->report->error_count > errors_before ? -1 : 0;
}

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
 * grade for every other criterion, for the criteria not written. */
static rubric_audit test_make_audit(test_run *run, const test_audit *audit)
{
    const rubric_model *model = run->model;
    rubric_entry *grades = arena_array(run->region, audit->grade_count + model->criterion_count + 1,
                                       sizeof *grades);
    unsigned count = 0;
    for (unsigned i = 0; i < audit->grade_count; i++)
        grades[count++] = audit->grades[i];
    for (unsigned c = 0; c < model->criterion_count; c++) {
        const char *id = model->criteria[c].id;
        bool written = audit->not_graded != NULL && test_listed(audit->not_graded, id);
        for (unsigned i = 0; i < audit->grade_count && !written; i++)
            written = strcmp(audit->grades[i].key, id) == 0;
        const char *grade = audit->other_grade;
        for (size_t f = 0; f < audit->fill_count; f++)
            if (audit->fills[f].section == (int)model->criteria[c].section)
                grade = audit->fills[f].grade;
        if (!written && grade != NULL)
            grades[count++] = (rubric_entry){id, grade};
    }
    rubric_audit graded = {0};
    graded.case_reference = audit->name;
    graded.grades = grades;
    graded.grade_count = count;
    return graded;
}

static const char *test_grade_text(const rubric_model *model, int grade)
{
    const char *code = rubric_grade_code(model, grade);
    return code != NULL ? code : "no grade";
}

/* What capped an outcome: "criterion ID", "section ID" or "nothing". */
static const char *test_limit_text(test_run *run, const rubric_outcome *outcome)
{
    if (!outcome->limited)
        return "nothing";
    const rubric_model *model = run->model;
    const char *id = outcome->limit_kind == RUBRIC_LIMIT_BY_CRITERION
                         ? model->criteria[outcome->limit_index].id
                         : model->sections[outcome->limit_index].id;
    return arena_printf(run->region, "%s %s", rubric_limit_kind_name(outcome->limit_kind), id);
}

static void test_note_coverage(test_run *run, const rubric_outcome *outcome, int scope_section)
{
    test_coverage *coverage = &run->coverage;
    if (outcome->counted >= 2)
        coverage->method_met[outcome->method] = true;
    coverage->tie_met = coverage->tie_met || outcome->decided_by_tie;
    coverage->not_applicable_met = coverage->not_applicable_met || outcome->not_applicable > 0;
    if (!outcome->limited)
        return;
    const rubric_rules *rules = &run->model->rules;
    for (unsigned i = 0; i < rules->limit_count; i++) {
        const rubric_limit *limit = &rules->limits[i];
        bool scope = scope_section < 0 ? limit->scope == RUBRIC_SCOPE_OVERALL
                                       : limit->scope == RUBRIC_SCOPE_SECTION
                                             && limit->section == (unsigned)scope_section;
        if (scope && limit->kind == outcome->limit_kind && limit->index == outcome->limit_index)
            coverage->limit_met[i] = true;
    }
}

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
    fprintf(stderr, "%s:%d: audit %s: %s\n", tests->path, line, audit->name, message);
    fprintf(failures, "%s:%d: %s\n", tests->path, line, message);
    run->failed_expectations++;
}

/* Grade one audit and check what it expects. Returns the failures. */
static size_t test_run_audit(test_run *run, const test_file *tests, const test_audit *audit)
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
        bool limit = expectation->kind == EXPECT_LIMIT || expectation->kind == EXPECT_SECTION_LIMIT;
        const char *what = expectation->section >= 0
                               ? arena_printf(run->region, "section %s",
                                              model->sections[expectation->section].id)
                               : "overall";
        if (!result->valid) {
            test_fail(run, tests, audit, expectation->line, failures,
                      "expected %s%s: %s; got no grades: the audit has errors", what,
                      limit ? " limited by" : "", expectation->value);
            continue;
        }
        const rubric_outcome *outcome = expectation->section >= 0
                                            ? &result->sections[expectation->section]
                                            : &result->overall;
        const char *actual = limit ? test_limit_text(run, outcome) : test_grade_text(model, outcome->grade);
        if (strcmp(actual, expectation->value) != 0) {
            test_fail(run, tests, audit, expectation->line, failures, "expected %s%s: %s; got %s%s%s",
                      what, limit ? " limited by" : "", expectation->value, actual,
                      !limit && outcome->limited ? ", limited by " : "",
                      !limit && outcome->limited ? test_limit_text(run, outcome) : "");
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

    if (result->valid) {
        test_note_coverage(run, &result->overall, -1);
        for (unsigned s = 0; s < model->section_count; s++)
            test_note_coverage(run, &result->sections[s], (int)s);
    }
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

/* --------------------------------------------------------------- coverage */

/* Report the rules no audit exercised; returns how many. */
static size_t test_report_coverage(test_run *run, const char *rubric_path)
{
    const rubric_model *model = run->model;
    const rubric_rules *rules = &model->rules;
    test_coverage *coverage = &run->coverage;
    size_t missing = 0;
    for (int method = 0; method < 4; method++) {
        if (coverage->method_used[method] && !coverage->method_met[method]) {
            fprintf(stderr, "%s: not exercised: no audit combines two grades or more by '%s'\n",
                    rubric_path, rubric_method_name((rubric_method)method));
            missing++;
        }
    }
    for (unsigned i = 0; i < rules->limit_count; i++) {
        if (coverage->limit_met[i])
            continue;
        const rubric_limit *limit = &rules->limits[i];
        const char *by = limit->kind == RUBRIC_LIMIT_BY_CRITERION ? model->criteria[limit->index].id
                                                                  : model->sections[limit->index].id;
        if (limit->scope == RUBRIC_SCOPE_OVERALL)
            fprintf(stderr, "%s: not exercised: no audit's overall grade is limited by %s %s\n",
                    rubric_path, rubric_limit_kind_name(limit->kind), by);
        else
            fprintf(stderr, "%s: not exercised: no audit's section %s grade is limited by %s %s\n",
                    rubric_path, model->sections[limit->section].id,
                    rubric_limit_kind_name(limit->kind), by);
        missing++;
    }
    if (!coverage->tie_met) {
        fprintf(stderr, "%s: not exercised: no grade is decided by the tie rule (ties: %s)\n",
                rubric_path, rubric_ties_name(rules->ties));
        missing++;
    }
    if (!coverage->not_applicable_met) {
        if (rules->not_applicable == RUBRIC_NA_LEAVE_OUT)
            fprintf(stderr, "%s: not exercised: no audit grades a criterion NA (not applicable: leave out)\n",
                    rubric_path);
        else
            fprintf(stderr, "%s: not exercised: no audit grades a criterion NA (not applicable: count as %s)\n",
                    rubric_path, model->levels[rules->not_applicable_level].code);
        missing++;
    }
    return missing;
}

/* -------------------------------------------------------------- the command */

typedef struct test_options {
    const char *rubric;
    const char **tests;
    int test_count;
    const char *junit;
    bool require_coverage;
    include_policy includes;
    const char **directories;
} test_options;

static int test_usage_error(const char *message, const char *argument)
{
    fprintf(stderr, "rubricc test: %s%s%s\n", message, argument ? " " : "", argument ? argument : "");
    fputs("usage: rubricc test [--junit FILE] [--require-coverage] [-I DIR] RUBRIC [TESTS...]\n",
          stderr);
    return TEST_USAGE;
}

static int test_parse_options(int argc, char **argv, test_options *options)
{
    for (int i = 1; i < argc; i++) {
        const char *argument = argv[i];
        if (strcmp(argument, "--junit") == 0) {
            if (i + 1 >= argc || argv[i + 1][0] == '\0')
                return test_usage_error("--junit needs a file name", NULL);
            options->junit = argv[++i];
        } else if (strncmp(argument, "--junit=", 8) == 0 && argument[8] != '\0') {
            options->junit = argument + 8;
        } else if (strcmp(argument, "--require-coverage") == 0) {
            options->require_coverage = true;
        } else if (strncmp(argument, "-I", 2) == 0 && (argument[2] != '\0' || i + 1 < argc)) {
            options->directories[options->includes.directory_count++] =
                argument[2] != '\0' ? argument + 2 : argv[++i];
        } else if (strcmp(argument, "-h") == 0 || strcmp(argument, "--help") == 0) {
            fputs("usage: rubricc test [--junit FILE] [--require-coverage] [-I DIR] RUBRIC [TESTS...]\n"
                  "\n"
                  "Grade the audits of a rubric's tests files and check the grades they expect\n"
                  "(docs/rubric-tests.md). TESTS defaults to RUBRIC with .tests for .rubric.\n"
                  "\n"
                  "  --junit FILE        also write the results as JUnit XML\n"
                  "  --require-coverage  fail when a grading rule is exercised by no audit\n"
                  "  -I DIR              look for the rubric's included files in DIR too\n",
                  stdout);
            return -1;
        } else if (argument[0] == '-' && argument[1] != '\0') {
            return test_usage_error("unknown option", argument);
        } else if (options->rubric == NULL) {
            options->rubric = argument;
        } else {
            options->tests[options->test_count++] = argument;
        }
    }
    if (options->rubric == NULL)
        return test_usage_error("no rubric file given", NULL);
    return 0;
}

/* The rubric compiled, as JSON in memory, loaded into the library. */
static rubric_document *test_load_rubric(test_run *run, source_set *sources, const char *path)
{
    const ir_rubric *rubric = compile_file(run->region, sources, run->report, path);
    if (rubric == NULL || run->report->error_count > 0)
        return NULL;
    char *json = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&json, &length);
    if (stream == NULL)
        return NULL;
    int written = emit_json(rubric, stream);
    if (fclose(stream) != 0 || written != 0) {
        free(json);
        return NULL;
    }
    rubric_error error;
    rubric_document *document = rubric_document_load_text(json, length, path, &error);
    free(json);
    if (document == NULL)
        fprintf(stderr, "rubricc test: %s\n", error.message);
    return document;
}

static int test_write_junit(const void *context, FILE *out)
{
    const test_run *run = context;
    return fwrite(run->junit_text, 1, run->junit_length, out) == run->junit_length ? 0 : -1;
}

/* Run every tests file; the JUnit XML is built as they run. */
static int test_run_files(test_run *run, source_set *sources, const test_options *options)
{
    int status = TEST_PASSED;
    for (int t = 0; t < options->test_count; t++) {
        test_file tests = {0};
        tests.path = options->tests[t];
        if (test_read_file(run, sources, &tests) != 0) {
            status = TEST_FAILED;
            continue;
        }
        char *suite = NULL;
        size_t suite_length = 0;
        FILE *saved = run->junit;
        run->junit = open_memstream(&suite, &suite_length);
        if (run->junit == NULL)
            exit(3);
        for (size_t a = 0; a < tests.audit_count; a++) {
            run->audit_total++;
            if (test_run_audit(run, &tests, &tests.audits[a]) > 0) {
                tests.failure_count++;
                run->failed_audits++;
                status = TEST_FAILED;
            }
        }
        fclose(run->junit);
        run->junit = saved;
        fputs("  <testsuite name=\"", run->junit);
        html_text_escaped(run->junit, tests.path, strlen(tests.path));
        fprintf(run->junit, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", tests.audit_count,
                tests.failure_count);
        fwrite(suite, 1, suite_length, run->junit);
        fputs("  </testsuite>\n", run->junit);
        free(suite);
    }
    return status;
}

int rubric_test_command(int argc, char **argv)
{
    test_options options = {0};
    options.tests = calloc((size_t)argc + 2, sizeof *options.tests);
    options.directories = calloc((size_t)argc + 1, sizeof *options.directories);
    options.includes.directories = options.directories;
    int status = options.tests == NULL || options.directories == NULL ? 3 : 0;
    if (status == 0) {
        int parsed = test_parse_options(argc, argv, &options);
        status = parsed < 0 ? TEST_PASSED : parsed;
        if (parsed < 0) {
            free(options.tests);
            free(options.directories);
            return status;
        }
    }
    if (status != 0) {
        free(options.tests);
        free(options.directories);
        return status;
    }
    arena *region = arena_new();
    if (options.test_count == 0) {
        /* The tests beside the rubric: NAME.tests for NAME.rubric. */
        const char *path = options.rubric;
        size_t length = strlen(path);
        if (length > 7 && strcmp(path + length - 7, ".rubric") == 0)
            length -= 7;
        options.tests[options.test_count++] = arena_printf(region, "%.*s.tests", (int)length, path);
    }
    source_set sources;
    source_set_init(&sources, region);
    sources.includes = &options.includes;
    diagnostics report;
    diagnostics_init(&report, &sources, stderr);
    test_run run = {0};
    run.region = region;
    run.report = &report;
    rubric_document *document = test_load_rubric(&run, &sources, options.rubric);
    rubric_error error;
    if (document != NULL) {
        run.model = rubric_document_model(document);
        run.grader = rubric_grader_new(run.model, &error);
        if (run.grader == NULL)
            fprintf(stderr, "rubricc test: %s\n", error.message);
    }
    if (run.grader == NULL) {
        fprintf(stderr, "rubricc test: %s cannot be tested: it does not compile\n", options.rubric);
        status = TEST_FAILED;
    } else {
        const rubric_model *model = run.model;
        run.coverage.limit_met = arena_array(region, model->rules.limit_count + 1, sizeof(bool));
        run.coverage.method_used[model->rules.overall_method] = true;
        for (unsigned s = 0; s < model->section_count; s++)
            if (model->sections[s].criterion_count >= 2)
                run.coverage.method_used[model->sections[s].method] = true;
        run.junit = open_memstream(&run.junit_text, &run.junit_length);
        if (run.junit == NULL)
            exit(3);
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", run.junit);
        char *body = NULL;
        size_t body_length = 0;
        FILE *document_stream = run.junit;
        run.junit = open_memstream(&body, &body_length);
        if (run.junit == NULL)
            exit(3);
        status = test_run_files(&run, &sources, &options);
        fclose(run.junit);
        run.junit = document_stream;
        fprintf(run.junit, "<testsuites name=\"rubricc test %s\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
                model->id, run.audit_total, run.failed_audits);
        fwrite(body, 1, body_length, run.junit);
        fputs("</testsuites>\n", run.junit);
        free(body);
        fclose(run.junit);
        size_t missing = status == TEST_PASSED ? test_report_coverage(&run, options.rubric) : 0;
        if (missing > 0 && options.require_coverage) {
            fprintf(stderr, "rubricc test: %zu grading rule%s of %s exercised by no audit (--require-coverage)\n",
                    missing, missing == 1 ? "" : "s", options.rubric);
            status = TEST_FAILED;
        }
        if (options.junit != NULL
            && output_write_path_atomically(&report, options.junit, test_write_junit, &run) != 0)
            status = TEST_FAILED;
        printf("rubricc test: %s: %zu audit%s, %zu expectation%s, %zu failed\n", model->id,
               run.audit_total, run.audit_total == 1 ? "" : "s", run.expectation_total,
               run.expectation_total == 1 ? "" : "s", run.failed_expectations);
        free(run.junit_text);
    }
    rubric_grader_free(run.grader);
    rubric_document_free(document);
    arena_free(region);
    free(options.tests);
    free(options.directories);
    return status;
}
