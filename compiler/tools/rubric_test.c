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
 *
 * Values are read against the rubric when the file is read (a band, a
 * case type, a limit the grade has), so that a mistake in the file is a
 * diagnostic at its line, not a failed expectation. Coverage is judged in
 * two steps: from the rubric alone, which rules an audit could exercise at
 * all (test_plan_coverage: a tie, an NA, a weight counted with another
 * grade, case type by case type); then, from the graded audits, which
 * ones did (test_note_coverage).
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
#include "suggest.h"

enum test_exit { TEST_PASSED = 0, TEST_FAILED = 1, TEST_USAGE = 2 };

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

/* What the entries say after "expect overall" or "expect section ID",
 * and what each expects: its name and its kind. */
static const struct test_expect_name {
    const char *suffix;
    test_expect_kind kind;
} test_expect_names[] = {
    {"", EXPECT_GRADE},         {" limited by", EXPECT_LIMIT}, {" band", EXPECT_BAND},
    {" mean", EXPECT_MEAN},     {" met", EXPECT_MET},          {" percentage", EXPECT_PERCENTAGE},
};

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

/* "; did you mean 'X'?" for the nearest name a search found, or "". */
static const char *test_hint(const test_run *run, const suggestion *search)
{
    const char *best = suggest_result(search);
    return best != NULL ? arena_printf(run->region, "; did you mean '%s'?", best) : "";
}

/* A section by its id, else by its label as the rubric prints it ("C",
 * "2"), as the grading rules name sections; -1 when none. */
static int test_find_section(const rubric_model *model, const char *written)
{
    int section = rubric_find_section(model, written);
    for (unsigned s = 0; section < 0 && s < model->section_count; s++)
        if (strcmp(model->sections[s].number, written) == 0)
            section = (int)s;
    return section;
}

/* A section written in an entry's name; -1 after reporting. */
static int test_section(const test_run *run, const test_entry *entry, const char *id, size_t length)
{
    char *copy = arena_strndup(run->region, id, length);
    int section = test_find_section(run->model, copy);
    if (section < 0) {
        suggestion search;
        suggest_begin(&search, copy);
        for (unsigned s = 0; s < run->model->section_count; s++) {
            suggest_consider(&search, run->model->sections[s].id);
            suggest_consider(&search, run->model->sections[s].number);
        }
        diagnostic_error(run->report, entry->where, "the rubric has no section '%s'%s", copy,
                         test_hint(run, &search));
    }
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

/* A number written with at most PLACES decimals ("7.5", "100"), into
 * *value in units of 10^-PLACES. */
static bool test_read_decimal(const char *text, int places, long *value)
{
    long number = 0;
    int digits = 0, decimals = -1;
    for (const char *at = text; *at != '\0'; at++) {
        if (*at == '.' && decimals < 0 && digits > 0 && at[1] != '\0') {
            decimals = 0;
        } else if (*at >= '0' && *at <= '9' && digits < 9 && decimals < places) {
            number = number * 10 + (*at - '0');
            digits++;
            decimals += decimals >= 0;
        } else {
            return false;
        }
    }
    for (int place = decimals < 0 ? 0 : decimals; place < places; place++)
        number *= 10;
    *value = number;
    return digits > 0;
}

/* What the scope of an expectation is called in messages. */
static const char *test_scope_name(const test_run *run, int section)
{
    return section < 0 ? "the overall grade"
                       : arena_printf(run->region, "section %s", run->model->sections[section].id);
}

/* Limit number RULE in the words of rubric_limit_describe. */
static const char *test_limit_description(const test_run *run, unsigned rule)
{
    const rubric_limit *limit = &run->model->rules.limits[rule];
    size_t size = rubric_limit_describe(run->model, limit, NULL, 0) + 1;
    char *text = arena_alloc(run->region, size);
    rubric_limit_describe(run->model, limit, text, size);
    return text;
}

/* Whether limit RULE caps SECTION's grade (-1: the overall grade). */
static bool test_limit_caps(const rubric_model *model, unsigned rule, int section)
{
    const rubric_limit *limit = &model->rules.limits[rule];
    return section < 0 ? limit->scope == RUBRIC_SCOPE_OVERALL
                       : limit->scope == RUBRIC_SCOPE_SECTION && limit->section == (unsigned)section;
}

/* A limit as an author writes it, in the words of rubric_limit_describe:
 * "when:" as "when", a section named by its label as by its id, "in it"
 * as the section the limit caps, one space between words. */
static const char *test_limit_words(const test_run *run, const char *text, int section)
{
    char *words = arena_strdup(run->region, "");
    const char *previous = "";
    for (const char *at = text; *at != '\0';) {
        while (*at == ' ')
            at++;
        size_t length = strcspn(at, " ");
        if (length == 0)
            break;
        const char *word = arena_strndup(run->region, at, length);
        at += length;
        int named = strcmp(previous, "section") == 0 ? test_find_section(run->model, word) : -1;
        if (strcmp(word, "when:") == 0)
            word = "when";
        else if (named >= 0)
            word = run->model->sections[named].id;
        else if (strcmp(previous, "in") == 0 && strcmp(word, "it") == 0 && section >= 0)
            word = arena_printf(run->region, "section %s", run->model->sections[section].id);
        words = arena_printf(run->region, "%s%s%s", words, words[0] != '\0' ? " " : "", word);
        previous = word;
    }
    return words;
}

/* "expect limited by: …": the index of the limit named, TEST_NONE for
 * "nothing"; -2 after reporting a limit the grade does not have. A limit
 * by a criterion's or a section's grade may also be written as before,
 * "criterion ID" or "section ID". */
static long test_read_limit(const test_run *run, const test_entry *entry, int section)
{
    if (strcmp(entry->value, "nothing") == 0)
        return TEST_NONE;
    const rubric_model *model = run->model;
    const char *words = test_limit_words(run, entry->value, section);
    const char *prefix = "no better than ";
    suggestion search;
    suggest_begin(&search, words);
    char *listed = arena_strdup(run->region, "");
    for (unsigned rule = 0; rule < model->rules.limit_count; rule++) {
        if (!test_limit_caps(model, rule, section))
            continue;
        const char *described = test_limit_description(run, rule);
        bool short_form = model->rules.limits[rule].kind != RUBRIC_LIMIT_BY_CONDITION;
        if (strcmp(words, described) == 0 || (short_form && strcmp(words, described + strlen(prefix)) == 0))
            return rule;
        suggest_consider(&search, short_form ? described + strlen(prefix) : described);
        listed = arena_printf(run->region, "%s%s'%s'", listed, listed[0] != '\0' ? ", " : "",
                              short_form ? described + strlen(prefix) : described);
    }
    const char *hint = test_hint(run, &search);
    diagnostic_error(run->report, entry->where, "%s has no limit '%s'%s%s%s", test_scope_name(run, section),
                     entry->value, hint,
                     hint[0] != '\0' ? "" : listed[0] != '\0' ? "; its limits: " : "; it has none: write 'nothing'",
                     hint[0] != '\0' ? "" : listed);
    return -2;
}

/* "expect … band: NAME" or "none"; -2 after reporting. */
static long test_read_band(const test_run *run, const test_entry *entry)
{
    const rubric_model *model = run->model;
    if (strcmp(entry->value, "none") == 0)
        return TEST_NONE;
    suggestion search;
    suggest_begin(&search, entry->value);
    for (unsigned band = 0; band < model->band_count; band++) {
        if (strcmp(model->bands[band].label, entry->value) == 0)
            return band;
        suggest_consider(&search, model->bands[band].label);
    }
    if (model->band_count == 0)
        diagnostic_error(run->report, entry->where, "the rubric has no bands: it declares none under 'bands:'");
    else
        diagnostic_error(run->report, entry->where, "the rubric has no band '%s'%s (write 'none' for a grade of no band)",
                         entry->value, test_hint(run, &search));
    return -2;
}

/* "expect … : CODE": a level of the scale or NA; false after reporting. */
static bool test_read_grade(const test_run *run, const test_entry *entry)
{
    const rubric_model *model = run->model;
    if (rubric_grade_from_code(model, entry->value) != RUBRIC_GRADE_NONE)
        return true;
    suggestion search;
    suggest_begin(&search, entry->value);
    char *listed = model->scores ? arena_printf(run->region, "%s to %s", model->levels[model->level_count - 1].code,
                                                model->levels[0].code)
                                 : arena_strdup(run->region, "");
    for (unsigned level = 0; level < model->level_count; level++) {
        suggest_consider(&search, model->levels[level].code);
        if (!model->scores)
            listed = arena_printf(run->region, "%s%s, ", listed, model->levels[level].code);
    }
    diagnostic_error(run->report, entry->where, "'%s' is not a grade of the scale (%s%sor NA)%s", entry->value, listed,
                     model->scores ? ", " : "", test_hint(run, &search));
    return false;
}

/* Whether an expectation of KIND fits its scope: a checklist section is
 * counted, not graded; a mean only comes from the mean method. */
static bool test_expectation_fits(const test_run *run, const test_entry *entry, test_expect_kind kind, int section)
{
    const rubric_model *model = run->model;
    bool checklist = section >= 0 && rubric_section_answer_set(model, (unsigned)section) >= 0;
    bool counted = kind == EXPECT_MET || kind == EXPECT_PERCENTAGE;
    const char *scope = test_scope_name(run, section);
    if (checklist && !counted) {
        diagnostic_error(run->report, entry->where,
                         "%s is a checklist: it is counted, not graded; expect its count, like "
                         "'expect section %s met: 2 of 3' or 'expect section %s percentage: 66.7'",
                         scope, model->sections[section].id, model->sections[section].id);
        return false;
    }
    if (counted && !checklist) {
        diagnostic_error(run->report, entry->where,
                         "%s is no checklist: only a checklist section (answers: ID) has a count met and a percentage",
                         scope);
        return false;
    }
    rubric_method method = section < 0 ? model->rules.overall_method : model->sections[section].method;
    if (kind == EXPECT_MEAN && method != RUBRIC_METHOD_MEAN) {
        diagnostic_error(run->report, entry->where, "%s is decided by %s, not by mean: it has no mean", scope,
                         rubric_method_name(method));
        return false;
    }
    return true;
}

/* The value of an expectation, read into it; false after reporting. */
static bool test_read_expected(const test_run *run, const test_entry *entry, test_expectation *expectation)
{
    const char *value = entry->value;
    long applicable;
    int consumed = 0;
    switch (expectation->kind) {
    case EXPECT_GRADE:
        return test_read_grade(run, entry);
    case EXPECT_LIMIT:
        return (expectation->number = test_read_limit(run, entry, expectation->section)) != -2;
    case EXPECT_BAND:
        return (expectation->number = test_read_band(run, entry)) != -2;
    case EXPECT_MEAN:
    case EXPECT_PERCENTAGE:
        if (strcmp(value, "none") == 0) {
            expectation->number = TEST_NONE;
            return true;
        }
        if (expectation->kind == EXPECT_MEAN && test_read_decimal(value, 2, &expectation->number))
            return true;
        if (expectation->kind == EXPECT_PERCENTAGE && test_read_decimal(value, 1, &expectation->number)
            && expectation->number <= 1000)
            return true;
        diagnostic_error(run->report, entry->where,
                         expectation->kind == EXPECT_MEAN
                             ? "'%s' is not a mean; write it as rubric-grade does, like '7.5' or '1.33', or 'none'"
                             : "'%s' is not a percentage; write it as rubric-grade does, like '66.7' or '100' "
                               "(no '%%'), or 'none' when no criterion applies",
                         value);
        return false;
    case EXPECT_MET:
        if (sscanf(value, "%ld of %ld%n", &expectation->number, &applicable, &consumed) == 2
            && value[consumed] == '\0' && value[0] >= '0' && value[0] <= '9' && expectation->number >= 0
            && expectation->number <= applicable) {
            expectation->applicable = applicable;
            return true;
        }
        diagnostic_error(run->report, entry->where,
                         "'%s' is not a count; write how many are met of how many apply, like '2 of 3'", value);
        return false;
    case EXPECT_ERROR:
        break;
    }
    return true;
}

static void test_add_expectation(test_run *run, test_audit *audit, test_expect_kind kind,
                                 const test_entry *entry, int section)
{
    test_expectation expectation = {kind, entry->line, section, entry->value, TEST_NONE, 0};
    if (kind != EXPECT_ERROR
        && (!test_expectation_fits(run, entry, kind, section) || !test_read_expected(run, entry, &expectation)))
        return;
    audit->expectations = test_append(run->region, audit->expectations, &audit->expectation_count,
                                      sizeof *audit->expectations);
    audit->expectations[audit->expectation_count - 1] = expectation;
}

/* "expect overall …", "expect limited by: …", "expect section ID …":
 * an expectation of a grade; false when the name is none of these. */
static bool test_read_expectation(test_run *run, test_audit *audit, const test_entry *entry)
{
    const char *name = entry->name, *id;
    size_t length;
    if (strcmp(name, "expect limited by") == 0) {
        test_add_expectation(run, audit, EXPECT_LIMIT, entry, -1);
        return true;
    }
    for (size_t i = 0; i < sizeof test_expect_names / sizeof *test_expect_names; i++) {
        const struct test_expect_name *form = &test_expect_names[i];
        if (strncmp(name, "expect overall", 14) == 0 && strcmp(name + 14, form->suffix) == 0) {
            test_add_expectation(run, audit, form->kind, entry, -1);
            return true;
        }
        if (test_name_with_id(name, "expect section ", form->suffix, &id, &length)) {
            int section = test_section(run, entry, id, length);
            if (section >= 0)
                test_add_expectation(run, audit, form->kind, entry, section);
            return true;
        }
    }
    return false;
}

/* The nearest entry of an audit to a name that is none, for a hint. */
static const char *test_entry_hint(const test_run *run, const char *name)
{
    static const char *const plain[] = {"grades",         "not graded",        "every other criterion",
                                        "every other answer", "case type",      "expect error",
                                        "expect limited by"};
    suggestion search;
    suggest_begin(&search, name);
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        suggest_consider(&search, plain[i]);
    /* The words after "section" or "on" as an id, for the entries that hold one. */
    const char *after = strstr(name, "section ");
    after = after != NULL ? after + 8 : strchr(name, ' ') != NULL ? strrchr(name, ' ') + 1 : "";
    size_t length = strcspn(after, " ");
    for (size_t i = 0; i < sizeof test_expect_names / sizeof *test_expect_names; i++) {
        suggest_consider(&search, arena_printf(run->region, "expect overall%s", test_expect_names[i].suffix));
        if (length > 0)
            suggest_consider(&search, arena_printf(run->region, "expect section %.*s%s", (int)length, after,
                                                   test_expect_names[i].suffix));
    }
    if (length > 0) {
        suggest_consider(&search, arena_printf(run->region, "every criterion of section %.*s", (int)length, after));
        suggest_consider(&search, arena_printf(run->region, "comment on %.*s", (int)length, after));
    }
    const char *best = suggest_result(&search);
    return best != NULL ? arena_printf(run->region, "; did you mean '%s:'?", best) : "";
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
    } else if (strcmp(name, "every other answer") == 0) {
        audit->other_answer = entry->value;
    } else if (strcmp(name, "case type") == 0) {
        if (audit->case_type != NULL)
            diagnostic_error(run->report, entry->where, "the audit's case type is given twice");
        audit->case_type = entry->value;
        audit->case_type_where = entry->where;
    } else if (test_name_with_id(name, "comment on ", "", &id, &length)) {
        audit->comments = test_append(run->region, audit->comments, &audit->comment_count,
                                      sizeof *audit->comments);
        audit->comments[audit->comment_count - 1] =
            (rubric_entry){arena_strndup(run->region, id, length), entry->value};
    } else if (test_name_with_id(name, "every criterion of section ", "", &id, &length)) {
        int section = test_section(run, entry, id, length);
        audit->fills = test_append(run->region, audit->fills, &audit->fill_count, sizeof *audit->fills);
        audit->fills[audit->fill_count - 1] = (test_fill){section, entry->value};
    } else if (strcmp(name, "expect error") == 0) {
        test_add_expectation(run, audit, EXPECT_ERROR, entry, -1);
    } else if (!test_read_expectation(run, audit, entry)) {
        const char *hint = test_entry_hint(run, name);
        diagnostic_error(run->report, entry->where,
                         hint[0] != '\0' ? "'%s:' is not an entry of an audit%s"
                                         : "'%s:' is not an entry of an audit; write grades:, every other criterion:, "
                                           "every other answer:, not graded:, every criterion of section ID:, "
                                           "case type:, comment on ID:, expect error:, or expect overall or "
                                           "expect section ID, each alone or followed by limited by, band, mean, "
                                           "met or percentage%s",
                         name, hint);
    }
}

/* The case types an audit may name: those declared under "case types:",
 * else those the criteria's "applies to:" name (as rubric_case_type_known). */
static const char *const *test_case_types(const test_run *run, size_t *count)
{
    const rubric_model *model = run->model;
    if (model->case_type_count > 0) {
        *count = model->case_type_count;
        return model->case_types;
    }
    const char **types = NULL;
    *count = 0;
    for (unsigned c = 0; c < model->criterion_count; c++)
        for (unsigned a = 0; a < model->criteria[c].applies_to_count; a++) {
            const char *type = model->criteria[c].applies_to[a];
            bool seen = false;
            for (size_t t = 0; t < *count && !seen; t++)
                seen = strcmp(types[t], type) == 0;
            if (!seen) {
                types = test_append(run->region, types, count, sizeof *types);
                types[*count - 1] = type;
            }
        }
    return types;
}

/* After an audit's entries: its case type is one the rubric knows,
 * unless the audit expects the grader to refuse it. */
static void test_check_case_type(test_run *run, const test_audit *audit)
{
    const rubric_model *model = run->model;
    if (audit->case_type == NULL || rubric_case_type_known(model, audit->case_type))
        return;
    const char *refused = arena_printf(run->region, "case type '%s' ", audit->case_type);
    for (size_t e = 0; e < audit->expectation_count; e++)
        if (audit->expectations[e].kind == EXPECT_ERROR
            && strncmp(audit->expectations[e].value, refused, strlen(refused)) == 0)
            return;
    suggestion search;
    suggest_begin(&search, audit->case_type);
    size_t count;
    const char *const *types = test_case_types(run, &count);
    char *listed = arena_strdup(run->region, "");
    for (size_t t = 0; t < count; t++) {
        suggest_consider(&search, types[t]);
        listed = arena_printf(run->region, "%s%s%s", listed, t > 0 ? ", " : "", types[t]);
    }
    const char *hint = test_hint(run, &search);
    if (count == 0)
        diagnostic_error(run->report, audit->case_type_where,
                         "the rubric has no case types; leave 'case type:' out");
    else
        diagnostic_error(run->report, audit->case_type_where, "the rubric has no case type '%s'%s%s%s",
                         audit->case_type, hint, hint[0] != '\0' ? "" : "; its case types: ",
                         hint[0] != '\0' ? "" : listed);
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
            if (audit != NULL)
                test_check_case_type(run, audit);
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
    if (audit != NULL)
        test_check_case_type(run, audit);
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
 * grade for every other criterion (every other answer, in a checklist),
 * for the criteria not written that apply to the audit's case type. */
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
        if (!written && grade != NULL && (!known || rubric_criterion_applies(model, c, audit->case_type)))
            grades[count++] = (rubric_entry){id, grade};
    }
    rubric_audit graded = {0};
    graded.case_reference = audit->name;
    graded.grades = grades;
    graded.grade_count = count;
    graded.case_type = audit->case_type;
    graded.comments = audit->comments;
    graded.comment_count = (unsigned)audit->comment_count;
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

/* The words after "expect overall" or "expect section ID" for KIND. */
static const char *test_expect_suffix(test_expect_kind kind)
{
    for (size_t i = 0; i < sizeof test_expect_names / sizeof *test_expect_names; i++)
        if (test_expect_names[i].kind == kind)
            return test_expect_names[i].suffix;
    return "";
}

/* VALUE in units of 10^-PLACES as rubric-grade writes numbers: "7.5",
 * "1.33", "100" (rubric_decimal_text), kept in the run's arena. */
static const char *test_decimal_text(test_run *run, unsigned long value, int places)
{
    char text[RUBRIC_DECIMAL_SIZE];
    return arena_printf(run->region, "%s", rubric_decimal_text(value, (unsigned)places, text));
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
        *actual = test_grade_text(model, outcome->grade);
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

/* --------------------------------------------------------------- coverage */

/* What a combination's input may be in audits of one case type: never
 * there, there or not (graded NA, left out), always there. */
typedef enum test_presence { TEST_ABSENT, TEST_OPTIONAL, TEST_PRESENT } test_presence;

/* One combination of grades into one: a section's criteria, or the
 * overall's sections or criteria. */
typedef struct test_combination {
    int section;                 /* -1: the overall grade */
    rubric_method method;
    unsigned input_count;
    unsigned *inputs;            /* criterion indexes, or section indexes (overall of sections) */
    bool of_sections;
} test_combination;

static bool test_method_reads_weights(rubric_method method)
{
    return method == RUBRIC_METHOD_MEDIAN || method == RUBRIC_METHOD_MOST_FREQUENT || method == RUBRIC_METHOD_MEAN;
}

static bool test_is_checklist(const rubric_model *model, unsigned section)
{
    return rubric_section_answer_set(model, section) >= 0;
}

/* Whether a criterion is there in an audit of CASE_TYPE (NULL: none named):
 * one that may be NA, or is for other case types, is NA, which the rule
 * "not applicable: count as" counts and "leave out" leaves out. */
static test_presence test_criterion_presence(const rubric_model *model, unsigned criterion, const char *case_type)
{
    bool applies = rubric_criterion_applies(model, criterion, case_type);
    if (applies && !model->criteria[criterion].not_applicable_allowed)
        return TEST_PRESENT;
    if (model->rules.not_applicable == RUBRIC_NA_COUNT_AS)
        return TEST_PRESENT;
    return applies ? TEST_OPTIONAL : TEST_ABSENT;
}

/* A section's grade as an input of the overall: there when one of its
 * criteria always is, never when none can be. */
static test_presence test_section_presence(const rubric_model *model, unsigned section, const char *case_type)
{
    const rubric_section *entry = &model->sections[section];
    test_presence presence = TEST_ABSENT;
    for (unsigned c = entry->first_criterion; c < entry->first_criterion + entry->criterion_count; c++) {
        test_presence criterion = test_criterion_presence(model, c, case_type);
        if (criterion > presence)
            presence = criterion;
    }
    return presence;
}

static test_presence test_input_presence(const rubric_model *model, const test_combination *combination,
                                         unsigned input, const char *case_type)
{
    return combination->of_sections ? test_section_presence(model, combination->inputs[input], case_type)
                                    : test_criterion_presence(model, combination->inputs[input], case_type);
}

static unsigned test_input_weight(const rubric_model *model, const test_combination *combination, unsigned input)
{
    return combination->of_sections ? rubric_section_weight(model, combination->inputs[input])
                                    : rubric_criterion_weight(model, combination->inputs[input]);
}

static unsigned test_gcd(unsigned a, unsigned b)
{
    while (b != 0) {
        unsigned rest = a % b;
        a = b;
        b = rest;
    }
    return a;
}

/* Whether the tie rule can decide a combination in an audit of
 * CASE_TYPE: its inputs there can be split into two groups of the same
 * weight, one graded better than the other (the weighted median's exact
 * half; for "most frequent", two modes, the other inputs elsewhere). */
static bool test_tie_possible(test_run *run, const test_combination *combination, const char *case_type)
{
    const rubric_model *model = run->model;
    if (combination->method != RUBRIC_METHOD_MEDIAN && combination->method != RUBRIC_METHOD_MOST_FREQUENT)
        return false;
    unsigned divisor = 0;
    size_t total = 0;
    for (unsigned i = 0; i < combination->input_count; i++)
        divisor = test_gcd(divisor, test_input_weight(model, combination, i));
    for (unsigned i = 0; i < combination->input_count; i++)
        total += test_input_weight(model, combination, i) / (divisor ? divisor : 1);
    enum { TEST_MOST_WEIGHT = 100000 };
    if (total > TEST_MOST_WEIGHT)
        return true; /* too many sums to try: counted as possible */
    /* reach[sign][sum + total]: a signed sum of the weights so far, bit 1
     * when some input is in the better group, bit 2 in the worse. */
    size_t width = 2 * total + 1;
    unsigned char *reach = arena_array(run->region, width, 1), *next = arena_array(run->region, width, 1);
    reach[total] = 1; /* nothing yet: sum 0, no group */
    for (unsigned i = 0; i < combination->input_count; i++) {
        test_presence presence = test_input_presence(model, combination, i, case_type);
        if (presence == TEST_ABSENT)
            continue;
        size_t weight = test_input_weight(model, combination, i) / (divisor ? divisor : 1);
        /* For "most frequent" an input may also be graded a third level
         * (generously: whatever its weight). */
        bool may_stay_out = presence == TEST_OPTIONAL
                            || (combination->method == RUBRIC_METHOD_MOST_FREQUENT && model->level_count >= 3);
        memset(next, 0, width);
        for (size_t sum = 0; sum < width; sum++) {
            if (reach[sum] == 0)
                continue;
            for (unsigned bits = 0; bits < 4; bits++) {
                if (!(reach[sum] & (1u << bits)))
                    continue;
                if (may_stay_out)
                    next[sum] |= (unsigned char)(1u << bits);
                if (sum + weight < width)
                    next[sum + weight] |= (unsigned char)(1u << (bits | 1));
                if (sum >= weight)
                    next[sum - weight] |= (unsigned char)(1u << (bits | 2));
            }
        }
        memcpy(reach, next, width);
    }
    return (reach[total] & (1u << 3)) != 0;
}

/* Whether input INPUT can be counted with another input of the
 * combination in an audit of CASE_TYPE, so that its weight counts. */
static bool test_weight_can_count(const rubric_model *model, const test_combination *combination, unsigned input,
                                  const char *case_type)
{
    if (test_input_presence(model, combination, input, case_type) == TEST_ABSENT)
        return false;
    for (unsigned other = 0; other < combination->input_count; other++)
        if (other != input && test_input_presence(model, combination, other, case_type) != TEST_ABSENT)
            return true;
    return false;
}

/* The rubric's combinations: each section graded on the scale, then the overall. */
static test_combination *test_combinations(test_run *run, size_t *count)
{
    const rubric_model *model = run->model;
    test_combination *combinations = arena_array(run->region, model->section_count + 1, sizeof *combinations);
    unsigned *overall = arena_array(run->region, model->criterion_count + model->section_count + 1, sizeof *overall);
    test_combination *whole = &combinations[model->section_count];
    *whole = (test_combination){-1, model->rules.overall_method, 0, overall,
                                model->rules.overall_basis == RUBRIC_BASIS_SECTIONS};
    *count = 0;
    for (unsigned s = 0; s < model->section_count; s++) {
        const rubric_section *entry = &model->sections[s];
        if (test_is_checklist(model, s))
            continue;
        unsigned *inputs = arena_array(run->region, entry->criterion_count + 1, sizeof *inputs);
        for (unsigned c = 0; c < entry->criterion_count; c++)
            inputs[c] = entry->first_criterion + c;
        combinations[(*count)++] = (test_combination){(int)s, entry->method, entry->criterion_count, inputs, false};
        if (!rubric_section_in_overall(model, s))
            continue;
        if (whole->of_sections)
            overall[whole->input_count++] = s;
        else
            for (unsigned c = 0; c < entry->criterion_count; c++)
                overall[whole->input_count++] = entry->first_criterion + c;
    }
    combinations[(*count)++] = *whole;
    return combinations;
}

/* Which rules can be exercised at all, from the rubric alone: a tie, an
 * NA, a weight counted with another grade. The others always can. */
static void test_plan_coverage(test_run *run)
{
    const rubric_model *model = run->model;
    test_coverage *coverage = &run->coverage;
    size_t type_count;
    const char *const *types = test_case_types(run, &type_count);
    /* An audit names a case type, or (when none is declared) none. */
    size_t scenario_count = type_count + (model->case_type_count == 0);
    coverage->combinations = test_combinations(run, &coverage->combination_count);
    coverage->weight_possible = arena_array(run->region, model->criterion_count + model->section_count + 1, sizeof(bool));
    coverage->weight_met = arena_array(run->region, model->criterion_count + model->section_count + 1, sizeof(bool));
    for (size_t k = 0; k < coverage->combination_count; k++) {
        const test_combination *combination = &coverage->combinations[k];
        for (size_t t = 0; t < scenario_count; t++) {
            const char *case_type = t < type_count ? types[t] : NULL;
            /* A method (and a mean's rounding) is there to exercise when two grades can meet. */
            for (unsigned i = 0; i < combination->input_count; i++)
                if (test_weight_can_count(model, combination, i, case_type)) {
                    coverage->method_used[combination->method] = true;
                    coverage->mean_used = coverage->mean_used || combination->method == RUBRIC_METHOD_MEAN;
                }
            coverage->tie_possible = coverage->tie_possible || test_tie_possible(run, combination, case_type);
            for (unsigned i = 0; i < combination->input_count; i++) {
                unsigned slot = combination->inputs[i] + (combination->of_sections ? model->criterion_count : 0);
                if (test_input_weight(model, combination, i) != 100 && test_method_reads_weights(combination->method)
                    && test_weight_can_count(model, combination, i, case_type))
                    coverage->weight_possible[slot] = true;
                if (!combination->of_sections
                    && test_criterion_presence(model, combination->inputs[i], case_type) != TEST_PRESENT)
                    coverage->not_applicable_possible = true;
                if (!combination->of_sections && model->rules.not_applicable == RUBRIC_NA_COUNT_AS
                    && (model->criteria[combination->inputs[i]].not_applicable_allowed
                        || !rubric_criterion_applies(model, combination->inputs[i], case_type)))
                    coverage->not_applicable_possible = true;
            }
        }
    }
    coverage->limit_met = arena_array(run->region, model->rules.limit_count + 1, sizeof(bool));
    coverage->band_met = arena_array(run->region, model->band_count + 1, sizeof(bool));
    coverage->section_met = arena_array(run->region, model->section_count + 1, sizeof(bool));
    coverage->case_type_met = arena_array(run->region, model->case_type_count + 1, sizeof(bool));
    coverage->answer_met = arena_array(run->region, model->answer_set_count + 1, sizeof *coverage->answer_met);
    for (unsigned a = 0; a < model->answer_set_count; a++)
        coverage->answer_met[a] = arena_array(run->region, model->answer_sets[a].answer_count + 1, sizeof(bool));
}

/* What one outcome of a valid audit exercised. */
static void test_note_outcome(test_run *run, const rubric_outcome *outcome)
{
    test_coverage *coverage = &run->coverage;
    if (outcome->counted >= 2)
        coverage->method_met[outcome->method] = true;
    coverage->tie_met = coverage->tie_met || outcome->decided_by_tie;
    coverage->not_applicable_met = coverage->not_applicable_met || outcome->not_applicable > 0;
    coverage->mean_rounded = coverage->mean_rounded || (outcome->has_mean && outcome->mean_hundredths % 100 != 0);
    if (outcome->band >= 0)
        coverage->band_met[outcome->band] = true;
    if (outcome->limited)
        coverage->limit_met[outcome->limit_rule] = true;
}

/* What a valid audit exercised of the rubric's rules. A conditional
 * limit is exercised when it changes a grade, or when its condition holds
 * for a graded target whose grade already is no better than it says. */
static void test_note_coverage(test_run *run, const rubric_result *result)
{
    const rubric_model *model = run->model;
    test_coverage *coverage = &run->coverage;
    for (unsigned i = 0; i < model->rules.limit_count; i++) {
        const rubric_limit *limit = &model->rules.limits[i];
        const rubric_outcome *target =
            limit->scope == RUBRIC_SCOPE_OVERALL ? &result->overall : &result->sections[limit->section];
        if (limit->kind == RUBRIC_LIMIT_BY_CONDITION && target->grade >= 0 && target->grade >= limit->level
            && rubric_limit_condition_holds(result, limit))
            coverage->limit_met[i] = true;
    }
    test_note_outcome(run, &result->overall);
    for (unsigned s = 0; s < model->section_count; s++) {
        int set = rubric_section_answer_set(model, s);
        if (set < 0) {
            test_note_outcome(run, &result->sections[s]);
            coverage->section_met[s] = coverage->section_met[s] || result->sections[s].grade >= 0;
            continue;
        }
        coverage->section_met[s] = coverage->section_met[s] || result->checklists[s].applicable > 0;
        const rubric_section *entry = &model->sections[s];
        for (unsigned c = entry->first_criterion; c < entry->first_criterion + entry->criterion_count; c++)
            if (result->criterion_grades[c] >= 0)
                coverage->answer_met[set][result->criterion_grades[c]] = true;
    }
    const char *case_type = result->audit->case_type;
    for (unsigned t = 0; t < model->case_type_count && case_type != NULL; t++)
        coverage->case_type_met[t] = coverage->case_type_met[t] || strcmp(model->case_types[t], case_type) == 0;
    for (size_t k = 0; k < coverage->combination_count; k++) {
        const test_combination *combination = &coverage->combinations[k];
        const rubric_outcome *outcome =
            combination->section >= 0 ? &result->sections[combination->section] : &result->overall;
        if (outcome->counted < 2 || !test_method_reads_weights(combination->method))
            continue;
        for (unsigned i = 0; i < combination->input_count; i++) {
            unsigned index = combination->inputs[i];
            int grade = combination->of_sections ? result->sections[index].grade : result->criterion_grades[index];
            if (rubric_grade_as_counted(model, grade) >= 0)
                coverage->weight_met[index + (combination->of_sections ? model->criterion_count : 0)] = true;
        }
    }
}

/* One rule no audit exercised, said on standard error. */
static void test_uncovered(size_t *missing, const char *rubric_path, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void test_uncovered(size_t *missing, const char *rubric_path, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    fprintf(stderr, "%s: not exercised: ", rubric_path);
    vfprintf(stderr, format, arguments);
    fputc('\n', stderr);
    va_end(arguments);
    (*missing)++;
}

/* Report the rules no audit exercised; returns how many. */
static size_t test_report_coverage(test_run *run, const char *rubric_path)
{
    const rubric_model *model = run->model;
    const rubric_rules *rules = &model->rules;
    test_coverage *coverage = &run->coverage;
    size_t missing = 0;
    for (int method = 0; method <= RUBRIC_METHOD_MEAN; method++)
        if (coverage->method_used[method] && !coverage->method_met[method])
            test_uncovered(&missing, rubric_path, "no audit combines two grades or more by '%s'",
                           rubric_method_name((rubric_method)method));
    for (unsigned i = 0; i < rules->limit_count; i++) {
        if (coverage->limit_met[i])
            continue;
        const rubric_limit *limit = &rules->limits[i];
        const char *scope = limit->scope == RUBRIC_SCOPE_OVERALL
                                ? "overall"
                                : arena_printf(run->region, "section %s", model->sections[limit->section].id);
        if (limit->kind == RUBRIC_LIMIT_BY_CONDITION)
            test_uncovered(&missing, rubric_path, "no audit meets the condition of the %s grade's limit '%s'",
                           scope, test_limit_description(run, i));
        else
            test_uncovered(&missing, rubric_path, "no audit's %s grade is limited by %s %s", scope,
                           rubric_limit_kind_name(limit->kind),
                           limit->kind == RUBRIC_LIMIT_BY_CRITERION ? model->criteria[limit->index].id
                                                                    : model->sections[limit->index].id);
    }
    if (coverage->tie_possible && !coverage->tie_met)
        test_uncovered(&missing, rubric_path, "no grade is decided by the tie rule (ties: %s)",
                       rubric_ties_name(rules->ties));
    if (coverage->not_applicable_possible && !coverage->not_applicable_met) {
        if (rules->not_applicable == RUBRIC_NA_LEAVE_OUT)
            test_uncovered(&missing, rubric_path, "no audit grades a criterion NA (not applicable: leave out)");
        else
            test_uncovered(&missing, rubric_path, "no audit grades a criterion NA (not applicable: count as %s)",
                           model->levels[rules->not_applicable_level].code);
    }
    if (coverage->mean_used && !coverage->mean_rounded)
        test_uncovered(&missing, rubric_path, "no mean needs rounding (rounding: %s): every mean is a whole number",
                       rubric_rounding_name(rules->rounding));
    for (unsigned b = 0; b < model->band_count; b++)
        if (!coverage->band_met[b])
            test_uncovered(&missing, rubric_path, "no section or overall grade is in band '%s'",
                           model->bands[b].label);
    for (unsigned s = 0; s < model->section_count; s++) {
        if (test_is_checklist(model, s) && !coverage->section_met[s])
            test_uncovered(&missing, rubric_path, "no audit counts checklist section %s: none of its criteria applies",
                           model->sections[s].id);
        else if (!test_is_checklist(model, s) && !rubric_section_in_overall(model, s) && !coverage->section_met[s])
            test_uncovered(&missing, rubric_path, "section %s (in overall: no) is never graded", model->sections[s].id);
    }
    for (unsigned a = 0; a < model->answer_set_count; a++) {
        bool used = false;
        for (unsigned s = 0; s < model->section_count; s++)
            used = used || rubric_section_answer_set(model, s) == (int)a;
        for (unsigned answer = 0; used && answer < model->answer_sets[a].answer_count; answer++)
            if (!coverage->answer_met[a][answer])
                test_uncovered(&missing, rubric_path, "no audit answers %s (answers %s)",
                               model->answer_sets[a].answers[answer].code, model->answer_sets[a].id);
    }
    for (unsigned t = 0; t < model->case_type_count; t++)
        if (!coverage->case_type_met[t])
            test_uncovered(&missing, rubric_path, "no audit is of case type %s", model->case_types[t]);
    for (unsigned i = 0; i < model->criterion_count + model->section_count; i++) {
        if (!coverage->weight_possible[i] || coverage->weight_met[i])
            continue;
        bool criterion = i < model->criterion_count;
        unsigned index = criterion ? i : i - model->criterion_count;
        test_uncovered(&missing, rubric_path, "the weight of %s %s (%s) never counts: no audit grades it with another %s",
                       criterion ? "criterion" : "section",
                       criterion ? model->criteria[index].id : model->sections[index].id,
                       test_decimal_text(run, criterion ? rubric_criterion_weight(model, index)
                                                        : rubric_section_weight(model, index), 2),
                       criterion ? "criterion it is combined with" : "section in the overall grade");
    }
    return missing;
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
        test_plan_coverage(&run);
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
