/*
 * rubric_test_parse.c — `rubricc test`: a tests file read into audits
 * (rubric_test_internal.h shows how the runner's files fit together;
 * docs/rubric-tests.md has the format).
 *
 * A tests file is read the way a rubric is: one entry per line, "name:
 * value", a value continued on the lines indented further than its name,
 * '#' comments and blank lines anywhere. "audit NAME: what it shows"
 * starts an audit; the entries after it give its grades and what is
 * expected.
 *
 * Values are read against the rubric when the file is read (a band, a
 * case type, a limit the grade has), so that a mistake in the file is a
 * diagnostic at its line, not a failed expectation.
 */
#include "rubric_test_internal.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <ctype.h>
#include <string.h>

#include "suggest.h"

/* What the entries say after "expect overall" or "expect section ID",
 * and what each expects: its name and its kind. */
static const struct test_expect_name {
    const char *suffix;
    test_expect_kind kind;
} test_expect_names[] = {
    {"", EXPECT_GRADE},         {" limited by", EXPECT_LIMIT}, {" band", EXPECT_BAND},
    {" mean", EXPECT_MEAN},     {" met", EXPECT_MET},          {" percentage", EXPECT_PERCENTAGE},
};

/* One entry of a tests file: its name and its whole value. */
typedef struct test_entry {
    int line;
    int indent;
    source_span where;
    char *name;
    char *value;
} test_entry;

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
const char *test_limit_description(const test_run *run, unsigned rule)
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

/* "expect … : CODE": a level of the scale, NA, or "not graded" (the
 * outcome of a "not graded when:" rule); false after reporting. */
static bool test_read_grade(const test_run *run, const test_entry *entry)
{
    const rubric_model *model = run->model;
    if (rubric_grade_from_code(model, entry->value) != RUBRIC_GRADE_NONE || strcmp(entry->value, "not graded") == 0)
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
                                        "expect limited by", "date"};
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
    } else if (strncmp(name, "fact ", 5) == 0 && name[5] != '\0') {
        /* "fact referral date: 2026-03-02": the fact by its name or key */
        char *key = arena_strndup(run->region, name + 5, strlen(name + 5));
        for (char *p = key; *p != '\0'; p++)
            *p = *p == ' ' ? '_' : (char)tolower((unsigned char)*p);
        if (rubric_find_fact(run->model, key) < 0) {
            suggestion search;
            suggest_begin(&search, name + 5);
            for (unsigned f = 0; f < rubric_fact_count(run->model); f++)
                suggest_consider(&search, rubric_fact_at(run->model, f).name);
            const char *near = suggest_result(&search);
            diagnostic_error(run->report, entry->where,
                             "'%s' is not a fact of the rubric ('facts:' declares them)%s%s%s", name + 5,
                             near ? "; did you mean 'fact " : "", near ? near : "", near ? ":'?" : "");
        }
        audit->facts = test_append(run->region, audit->facts, &audit->fact_count, sizeof *audit->facts);
        audit->facts[audit->fact_count - 1] = (rubric_entry){key, entry->value};
    } else if (strcmp(name, "date") == 0) {
        audit->date = entry->value;
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
                                           "case type:, fact NAME:, date:, comment on ID:, expect error:, "
                                           "or expect overall or "
                                           "expect section ID, each alone or followed by limited by, band, mean, "
                                           "met or percentage%s",
                         name, hint);
    }
}

/* The case types an audit may name: those declared under "case types:",
 * else those the criteria's "applies to:" name (as rubric_case_type_known). */
const char *const *test_case_types(const test_run *run, size_t *count)
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
int test_read_file(test_run *run, source_set *sources, test_file *tests)
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

/* The words after "expect overall" or "expect section ID" for KIND. */
const char *test_expect_suffix(test_expect_kind kind)
{
    for (size_t i = 0; i < sizeof test_expect_names / sizeof *test_expect_names; i++)
        if (test_expect_names[i].kind == kind)
            return test_expect_names[i].suffix;
    return "";
}
