/*
 * check_facts.c — the facts a rubric declares about each case ("facts:"):
 * their names, keys and types.
 *
 *   facts:
 *     team: choice of Assessment, Child Protection, Children in Care, required
 *     referral date: date, required
 *
 * A fact's key names the audit record's member and the CSV column: the
 * name in lower case with spaces as underscores ("referral_date"). Keys
 * must not clash with each other, with the record's own members (case,
 * date, grades …) or with the case type, which "case types:" declares.
 * What is declared here is read by the grader (validation), the emitters
 * (a column per fact, the form's controls) and the conditions and
 * timescales that name facts.
 *
 * Conditions ("applies when: team is Children in Care", "… referral date
 * is within 12 months of the audit date") name a declared fact and test
 * it: is / is not one of some values, checked against the fact's type,
 * or, for a date, within a span of the audit's date or of another date
 * fact; check_conditions reads them once the sections are known.
 *
 * Timescales ("timescale: assessment completed within 45 working days of
 * referral date") name two date facts; a recurring one ("visit dates at
 * least every 10 working days from referral date", "… to case closed")
 * names a dates fact, the date counted from and, if wanted, the date
 * judged up to (else the audit's date).
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit_date.h"
#include "check_internal.h"
#include "suggest.h"

/* The record's own members and columns: no fact may take their names. */
static const char *const record_members[] = {
    "case", "rubric", "auditor", "date", "role", "comments", "grades", "auditor_grades",
    "overall", "sections", "error", "amended_by", "amended_at", NULL,
};

/* The type words, as written after the colon. */
static const char *const type_words[] = {"text", "choice of", "date", "number", "yes/no", "dates", NULL};

/* A fact's name: letters, digits, spaces and hyphens, starting with a
 * letter, no two spaces together. */
static bool fact_name_valid(const char *name)
{
    if (!isalpha((unsigned char)name[0]))
        return false;
    for (const char *p = name; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (!(isalnum(c) || c == '-' || (c == ' ' && p[1] != ' ')))
            return false;
    }
    return true;
}

/* The key of a fact named NAME: lower case, spaces as underscores. */
static const char *fact_key(checker *check, const char *name)
{
    size_t length = strlen(name);
    char *key = arena_alloc(check->region, length + 1);
    for (size_t i = 0; i < length; i++)
        key[i] = name[i] == ' ' ? '_' : (char)tolower((unsigned char)name[i]);
    key[length] = '\0';
    return key;
}

/* Whether TEXT starts with the words "choice of" and a space; *REST is
 * then the first choice. */
static bool starts_with_choice(const char *text, const char **rest)
{
    if (strncasecmp(text, "choice", 6) != 0 || text[6] != ' ')
        return false;
    const char *p = text + 6;
    while (*p == ' ')
        p++;
    if (strncasecmp(p, "of", 2) != 0 || p[2] != ' ')
        return false;
    p += 2;
    while (*p == ' ')
        p++;
    *rest = p;
    return true;
}

/* The type of FACT from its items; false (reported) when not one. */
static bool check_fact_type(checker *check, const ast_fact *fact, ir_fact *out)
{
    const ast_items *items = fact->type;
    size_t count = items->count;
    const ast_item *last = &items->items[count - 1];
    if (count > 1 && strcasecmp(last->text, "required") == 0) {
        out->required = true;
        count--;
    } else if (count > 1 && strcasecmp(last->text, "optional") == 0) {
        count--;
    }
    const ast_item *first = &items->items[0];
    const char *rest;
    if (starts_with_choice(first->text, &rest)) {
        out->type = RUBRIC_FACT_CHOICE;
        const char **choices = arena_array(check->region, count, sizeof *choices);
        size_t kept = 0;
        for (size_t i = 0; i < count; i++) {
            const char *choice = i == 0 ? rest : items->items[i].text;
            bool repeated = false;
            for (size_t k = 0; k < kept; k++)
                repeated = repeated || strcmp(choices[k], choice) == 0;
            if (repeated) {
                diagnostic_warning(check->report, items->items[i].where, "choice '%s' is listed twice",
                                   choice);
                continue;
            }
            choices[kept++] = choice;
        }
        if (kept < 2) {
            diagnostic_error(check->report, first->where,
                             "fact '%s' is a choice of only one value; list the choices, separated by "
                             "commas, like 'choice of Assessment, Child Protection'",
                             fact->name);
            return false;
        }
        out->choices = choices;
        out->choice_count = kept;
        return true;
    }
    if (count > 1) {
        diagnostic_error(check->report, items->items[1].where,
                         "fact '%s' has one type; only 'choice of' takes a list, and 'required' comes last",
                         fact->name);
        return false;
    }
    static const rubric_fact_type types[] = {RUBRIC_FACT_TEXT, RUBRIC_FACT_CHOICE, RUBRIC_FACT_DATE,
                                             RUBRIC_FACT_NUMBER, RUBRIC_FACT_YES_NO, RUBRIC_FACT_DATES};
    for (size_t i = 0; type_words[i] != NULL; i++) {
        if (i != 1 && check_words_equal(first->text, type_words[i])) {
            out->type = types[i];
            return true;
        }
    }
    diagnostic_error(check->report, first->where,
                     "'%s' is not a type of fact; write text, choice of A, B, C, date, dates, number or yes/no, "
                     "then ', required' if every audit must give it%s",
                     first->text, check_hint_words(check, first, type_words));
    return false;
}

void check_facts(checker *check)
{
    const ast_rubric *tree = check->tree;
    size_t count = 0;
    for (const ast_fact *fact = tree->first_fact; fact != NULL; fact = fact->next)
        count++;
    if (tree->block_seen[AST_BLOCK_FACTS] && count == 0)
        diagnostic_warning(check->report, tree->block_where[AST_BLOCK_FACTS],
                           "'facts:' declares no fact; write one a line under it, indented, like "
                           "'  referral date: date'");
    if (count == 0)
        return;
    ir_fact *facts = arena_array(check->region, count, sizeof *facts);
    const ast_fact **trees = arena_array(check->region, count, sizeof *trees);
    size_t kept = 0;
    for (const ast_fact *fact = tree->first_fact; fact != NULL; fact = fact->next) {
        if (!fact_name_valid(fact->name)) {
            diagnostic_error(check->report, fact->where,
                             "'%s' is not a fact name; use letters, digits, single spaces and hyphens, "
                             "starting with a letter, like 'referral date'",
                             fact->name);
            continue;
        }
        if (fact->type == NULL) {
            diagnostic_error(check->report, fact->where,
                             "fact '%s' needs a type after the colon: text, choice of A, B, C, date, "
                             "dates, number or yes/no",
                             fact->name);
            continue;
        }
        ir_fact *out = &facts[kept];
        memset(out, 0, sizeof *out);
        out->name = fact->name;
        out->key = fact_key(check, fact->name);
        out->where = check_position(check, fact->where);
        if (strcmp(out->key, "case_type") == 0) {
            diagnostic_error(check->report, fact->where,
                             "the case type is declared with 'case types:' (like 'case types: CIN, CP'), "
                             "not as a fact");
            continue;
        }
        bool clash = false;
        for (size_t i = 0; record_members[i] != NULL; i++)
            clash = clash || strcmp(out->key, record_members[i]) == 0;
        if (clash) {
            diagnostic_error(check->report, fact->where,
                             "a fact cannot be called '%s': an audit record's '%s' is its own; name the "
                             "fact for what it is, like '%s of referral'",
                             fact->name, out->key, fact->name);
            continue;
        }
        size_t earlier = SIZE_MAX;
        for (size_t k = 0; k < kept; k++)
            if (strcmp(facts[k].key, out->key) == 0)
                earlier = k;
        if (earlier != SIZE_MAX) {
            diagnostic_error(check->report, fact->where,
                             "fact '%s' is declared twice (first at line %d); its audit field '%s' can "
                             "hold one value",
                             fact->name, facts[earlier].where.line, out->key);
            continue;
        }
        if (!check_fact_type(check, fact, out))
            continue;
        trees[kept++] = fact;
    }
    check->rubric->facts = facts;
    check->rubric->fact_count = kept;
    check->fact_trees = trees;
}

size_t check_find_fact(const checker *check, const char *name)
{
    for (size_t i = 0; i < check->rubric->fact_count; i++) {
        const ir_fact *fact = &check->rubric->facts[i];
        if (strcasecmp(fact->name, name) == 0 || strcmp(fact->key, name) == 0)
            return i;
    }
    return SIZE_MAX;
}

/* A criterion or section id equal to a fact's key would make a CSV
 * column that is two things. */
void check_fact_keys(checker *check)
{
    for (size_t i = 0; i < check->rubric->fact_count; i++) {
        const ir_fact *fact = &check->rubric->facts[i];
        bool criterion = name_index_find(&check->criterion_index, fact->key) != SIZE_MAX;
        bool section = name_index_find(&check->section_index, fact->key) != SIZE_MAX;
        if (criterion || section)
            diagnostic_error(check->report, check->fact_trees[i]->where,
                             "fact '%s' has the key '%s', which is also a %s id: an audit's column '%s' "
                             "would be both; rename the fact or the %s",
                             fact->name, fact->key, criterion ? "criterion" : "section", fact->key,
                             criterion ? "criterion" : "section");
    }
}

/* ------------------------------------------------------------ conditions */

/* Whether TEXT starts with WORDS (any case, spaces as written in WORDS)
 * followed by a space or its end; *REST is what follows, spaces skipped. */
static bool starts_with_words(const char *text, const char *words, const char **rest)
{
    size_t length = strlen(words);
    if (strncasecmp(text, words, length) != 0 || (text[length] != ' ' && text[length] != '\0'))
        return false;
    const char *p = text + length;
    while (*p == ' ')
        p++;
    *rest = p;
    return true;
}

/* The fact a condition names at the start of TEXT, followed by " is ":
 * the longest declared name or key that fits; SIZE_MAX when none. */
static size_t condition_fact(const checker *check, const char *text, const char **rest)
{
    size_t best = SIZE_MAX, best_length = 0;
    for (size_t i = 0; i < check->rubric->fact_count; i++) {
        const ir_fact *fact = &check->rubric->facts[i];
        const char *names[] = {fact->name, fact->key};
        for (size_t n = 0; n < 2; n++) {
            size_t length = strlen(names[n]);
            const char *after;
            if (length > best_length && strncasecmp(text, names[n], length) == 0 && text[length] == ' ' &&
                starts_with_words(text + length + 1, "is", &after)) {
                best = i;
                best_length = length;
                *rest = after;
            }
        }
    }
    return best;
}

/* The unit words after a number: "working days", "months", "years"
 * (twelve months each); false when not one. */
static bool condition_unit(const char *text, rubric_time_unit *unit, unsigned *factor, const char **rest)
{
    static const struct { const char *words; rubric_time_unit unit; unsigned factor; } units[] = {
        {"working days", RUBRIC_UNIT_WORKING_DAYS, 1}, {"working day", RUBRIC_UNIT_WORKING_DAYS, 1},
        {"calendar days", RUBRIC_UNIT_DAYS, 1}, {"calendar day", RUBRIC_UNIT_DAYS, 1},
        {"days", RUBRIC_UNIT_DAYS, 1}, {"day", RUBRIC_UNIT_DAYS, 1},
        {"weeks", RUBRIC_UNIT_DAYS, 7}, {"week", RUBRIC_UNIT_DAYS, 7},
        {"months", RUBRIC_UNIT_MONTHS, 1}, {"month", RUBRIC_UNIT_MONTHS, 1},
        {"years", RUBRIC_UNIT_MONTHS, 12}, {"year", RUBRIC_UNIT_MONTHS, 12},
        {"hours", RUBRIC_UNIT_HOURS, 1}, {"hour", RUBRIC_UNIT_HOURS, 1},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (starts_with_words(text, units[i].words, rest)) {
            *unit = units[i].unit;
            *factor = units[i].factor;
            return true;
        }
    }
    return false;
}

/* "within N UNIT of REF" (after "is"), into CONDITION; false, reported,
 * when it is not. */
static bool check_within(checker *check, const ast_item *item, const ir_fact *fact, const char *text,
                         ir_condition *condition)
{
    static const char form[] = "write it like 'referral date is within 12 months of the audit date' or "
                               "'… within 45 working days of referral date'";
    if (fact->type != RUBRIC_FACT_DATE) {
        diagnostic_error(check->report, item->where,
                         "'within' compares dates, and fact '%s' is of type %s, not a date; test it with "
                         "'is' or 'is not', like '%s is …'",
                         fact->name, ir_fact_type_name(fact->type), fact->name);
        return false;
    }
    char *end;
    unsigned long amount = strtoul(text, &end, 10);
    const char *rest = end;
    while (*rest == ' ')
        rest++;
    unsigned factor = 1;
    if (end == text || amount == 0 || amount > 10000 || rest == end ||
        !condition_unit(rest, &condition->unit, &factor, &rest) || !starts_with_words(rest, "of", &rest)) {
        diagnostic_error(check->report, item->where, "'%s' is not a span of time; %s (days, working days, "
                         "months, years or hours)", item->text, form);
        return false;
    }
    condition->test = RUBRIC_FACT_TEST_WITHIN;
    condition->amount = (unsigned)amount * factor;
    const char *reference = rest;
    starts_with_words(reference, "the", &reference);
    if (check_words_equal(reference, "audit date") || check_words_equal(reference, "audit's date") ||
        check_words_equal(reference, "date of the audit")) {
        condition->of_fact = -1;
        return true;
    }
    size_t other = check_find_fact(check, reference);
    if (other == SIZE_MAX || check->rubric->facts[other].type != RUBRIC_FACT_DATE) {
        diagnostic_error(check->report, item->where,
                         "'%s' is neither the audit date nor a date fact of this rubric; %s", reference, form);
        return false;
    }
    condition->of_fact = (int)other;
    return true;
}

/* A value a condition compares a fact with: one of a choice's choices, a
 * number, yes or no, a date; kept as written (yes/no in lower case). */
static const char *check_condition_value(checker *check, const ast_item *item, const ir_fact *fact,
                                         const char *value)
{
    switch (fact->type) {
    case RUBRIC_FACT_CHOICE:
        for (size_t i = 0; i < fact->choice_count; i++)
            if (strcmp(fact->choices[i], value) == 0)
                return value;
        {
            const char **choices = arena_array(check->region, fact->choice_count + 1, sizeof *choices);
            memcpy(choices, fact->choices, fact->choice_count * sizeof *choices);
            const char *list = fact->choices[0];
            for (size_t i = 1; i < fact->choice_count; i++)
                list = arena_printf(check->region, "%s, %s", list, fact->choices[i]);
            ast_item probe = {item->where, value};
            diagnostic_error(check->report, item->where, "'%s' is not a choice of fact '%s' (its choices: %s)%s",
                             value, fact->name, list, check_hint_words(check, &probe, choices));
        }
        return NULL;
    case RUBRIC_FACT_YES_NO:
        if (strcasecmp(value, "yes") == 0)
            return "yes";
        if (strcasecmp(value, "no") == 0)
            return "no";
        diagnostic_error(check->report, item->where, "fact '%s' is yes or no; write '%s is yes' or '%s is no'",
                         fact->name, fact->name, fact->name);
        return NULL;
    case RUBRIC_FACT_DATE:
        if (!audit_date_valid(value)) {
            diagnostic_error(check->report, item->where,
                             "'%s' is not a date; write a date as year-month-day, like 2026-04-01, or test "
                             "a date fact with 'within', like '%s is within 12 months of the audit date'",
                             value, fact->name);
            return NULL;
        }
        return value;
    case RUBRIC_FACT_NUMBER: {
        char *end;
        (void)strtod(value, &end);
        if (end == value || *end != '\0') {
            diagnostic_error(check->report, item->where, "'%s' is not a number; fact '%s' is a number",
                             value, fact->name);
            return NULL;
        }
        return value;
    }
    case RUBRIC_FACT_TEXT:
        return value;
    case RUBRIC_FACT_DATES:
        diagnostic_error(check->report, item->where,
                         "fact '%s' is a list of dates, which a condition cannot test; judge it with a "
                         "timescale, like 'timescale: %s at least every 10 working days from referral date'",
                         fact->name, fact->name);
        return NULL;
    }
    return value;
}

/* "applies when: CONDITION" of a section or criterion, checked; NULL
 * (reported) when it is not one. */
static const ir_condition *check_condition(checker *check, const ast_items *items)
{
    const ast_item *first = &items->items[0];
    ir_condition *condition = arena_alloc(check->region, sizeof *condition);
    memset(condition, 0, sizeof *condition);
    condition->where = check_position(check, first->where);
    const char *rest = NULL;
    size_t fact_index = condition_fact(check, first->text, &rest);
    if (fact_index == SIZE_MAX) {
        const char *is = strstr(first->text, " is ");
        int name_length = is != NULL ? (int)(is - first->text) : (int)strlen(first->text);
        const char **names = arena_array(check->region, check->rubric->fact_count + 1, sizeof *names);
        for (size_t i = 0; i < check->rubric->fact_count; i++)
            names[i] = check->rubric->facts[i].name;
        ast_item probe = {first->where, arena_printf(check->region, "%.*s", name_length, first->text)};
        diagnostic_error(check->report, first->where,
                         "'%s' is not a condition on a fact of this rubric; write 'FACT is VALUE', 'FACT is "
                         "not VALUE' or 'DATE FACT is within N months of the audit date', naming a fact "
                         "declared under 'facts:'%s%s",
                         first->text, check->rubric->fact_count == 0 ? " (this rubric declares none)" : "",
                         check->rubric->fact_count ? check_hint_words(check, &probe, names) : "");
        return NULL;
    }
    const ir_fact *fact = &check->rubric->facts[fact_index];
    condition->fact = fact_index;
    const char *within;
    if (starts_with_words(rest, "within", &within)) {
        if (items->count > 1) {
            diagnostic_error(check->report, items->items[1].where,
                             "a 'within' condition compares two dates and takes no list");
            return NULL;
        }
        return check_within(check, first, fact, within, condition) ? condition : NULL;
    }
    condition->test = starts_with_words(rest, "not", &rest) ? RUBRIC_FACT_TEST_IS_NOT : RUBRIC_FACT_TEST_IS;
    if (*rest == '\0') {
        diagnostic_error(check->report, first->where, "the condition needs a value after 'is', like '%s is …'",
                         fact->name);
        return NULL;
    }
    const char **values = arena_array(check->region, items->count, sizeof *values);
    bool valid = true;
    for (size_t i = 0; i < items->count; i++) {
        const char *value = check_condition_value(check, &items->items[i], fact, i == 0 ? rest : items->items[i].text);
        valid = valid && value != NULL;
        values[i] = value;
    }
    if (!valid)
        return NULL;
    condition->values = values;
    condition->value_count = items->count;
    return condition;
}

void check_conditions(checker *check)
{
    for (size_t i = 0; i < check->rubric->section_count; i++) {
        const ast_items *items = check->section_trees[i] ? check->section_trees[i]->applies_when : NULL;
        if (items != NULL && items->count > 0)
            check->sections[i].applies_when = check_condition(check, items);
    }
    for (size_t i = 0; i < check->rubric->criterion_count; i++) {
        const ast_items *items = check->criterion_trees[i] ? check->criterion_trees[i]->applies_when : NULL;
        if (items != NULL && items->count > 0)
            check->criteria[i].applies_when = check_condition(check, items);
    }
}

/* ------------------------------------------------------------ timescales */

/* The names of the rubric's facts of TYPE, NULL-terminated, for a
 * did-you-mean among them. */
static const char **fact_names_of_type(checker *check, rubric_fact_type type)
{
    const char **names = arena_array(check->region, check->rubric->fact_count + 1, sizeof *names);
    size_t count = 0;
    for (size_t i = 0; i < check->rubric->fact_count; i++)
        if (check->rubric->facts[i].type == type)
            names[count++] = check->rubric->facts[i].name;
    return names;
}

/* The date fact named NAME (as declared or by key, an optional "the"
 * before it), or SIZE_MAX, reported at ITEM, when there is none. */
static size_t check_date_fact(checker *check, const ast_item *item, const char *name, const char *role)
{
    starts_with_words(name, "the", &name);
    size_t index = check_find_fact(check, name);
    if (index != SIZE_MAX && check->rubric->facts[index].type == RUBRIC_FACT_DATE)
        return index;
    const char **names = fact_names_of_type(check, RUBRIC_FACT_DATE);
    ast_item probe = {item->where, name};
    if (index != SIZE_MAX && check->rubric->facts[index].type == RUBRIC_FACT_DATES)
        diagnostic_error(check->report, item->where,
                         "'%s' (%s) is a list of dates; a timescale 'within' counts between two single dates, "
                         "and a list is judged by a recurring one, like 'timescale: %s at least every 10 "
                         "working days from referral date'", name, role, name);
    else if (index != SIZE_MAX)
        diagnostic_error(check->report, item->where,
                         "'%s' (%s) is a fact of type %s; a timescale counts between two date facts", name, role,
                         ir_fact_type_name(check->rubric->facts[index].type));
    else
        diagnostic_error(check->report, item->where,
                         "'%s' (%s) is not a date fact of this rubric; declare it under 'facts:' as '%s: date'%s",
                         name, role, name, check_hint_words(check, &probe, names));
    return SIZE_MAX;
}

/* The dates fact a recurring timescale judges, named NAME; SIZE_MAX,
 * reported at ITEM, when there is none. */
static size_t check_dates_fact(checker *check, const ast_item *item, const char *name)
{
    starts_with_words(name, "the", &name);
    size_t index = check_find_fact(check, name);
    if (index != SIZE_MAX && check->rubric->facts[index].type == RUBRIC_FACT_DATES)
        return index;
    if (index != SIZE_MAX) {
        diagnostic_error(check->report, item->where,
                         "'%s' is a fact of type %s; 'at least every' judges a list of dates: declare it "
                         "under 'facts:' as '%s: dates'", name, ir_fact_type_name(check->rubric->facts[index].type),
                         name);
        return SIZE_MAX;
    }
    const char **names = fact_names_of_type(check, RUBRIC_FACT_DATES);
    ast_item probe = {item->where, name};
    diagnostic_error(check->report, item->where,
                     "'%s' (the dates judged) is not a dates fact of this rubric; declare it under 'facts:' as "
                     "'%s: dates'%s", name, name, check_hint_words(check, &probe, names));
    return SIZE_MAX;
}

/* A new timescale of ITEM with its span read from TEXT: a number and a
 * unit, then the word CONNECTOR ("from", "of") and what follows it, at
 * *REST. NULL, reported, when the span is not written so (WHAT names the
 * part that needs it, FORM shows how to write the whole). */
static ir_timescale *timescale_span(checker *check, const ast_item *item, const char *text, const char *connector,
                                    const char *what, const char *form, const char **rest)
{
    ir_timescale *timescale = arena_alloc(check->region, sizeof *timescale);
    memset(timescale, 0, sizeof *timescale);
    timescale->where = check_position(check, item->where);
    timescale->to_fact = -1;
    char *end;
    unsigned long amount = strtoul(text, &end, 10);
    const char *after = end;
    while (*after == ' ')
        after++;
    unsigned factor = 1;
    if (end == text || amount == 0 || amount > 10000 || after == end ||
        !condition_unit(after, &timescale->unit, &factor, &after) || !starts_with_words(after, connector, &after) ||
        *after == '\0') {
        diagnostic_error(check->report, item->where, "'%s' is not a timescale: %s needs a number and a unit (days, "
                         "working days, weeks, months, years or hours), then '%s' and a date; %s",
                         item->text, what, connector, form);
        return NULL;
    }
    timescale->amount = (unsigned)amount * factor;
    *rest = after;
    return timescale;
}

/* "timescale: DATES FACT at least every N UNIT from DATE FACT", with
 * "to DATE FACT" or "to the audit date" (the default) after it; TEXT is
 * what follows "at least every", JUDGED the words before it. */
static const ir_timescale *check_recurring(checker *check, const ast_item *item, const char *judged,
                                           const char *text)
{
    static const char form[] = "write it like 'timescale: visits at least every 10 working days from referral "
                               "date', with 'to closure date' after it when the visits end before the audit date";
    const char *rest;
    ir_timescale *timescale = timescale_span(check, item, text, "from", "'at least every'", form, &rest);
    if (timescale == NULL)
        return NULL;
    timescale->every = true;
    /* "from A to B": the last " to " splits them, unless all of it names a fact */
    const char *from_name = rest, *to_name = NULL;
    const char *to = NULL;
    for (const char *p = strstr(rest, " to "); p != NULL; p = strstr(p + 1, " to "))
        to = p;
    if (to != NULL && check_find_fact(check, rest) == SIZE_MAX) {
        from_name = arena_printf(check->region, "%.*s", (int)(to - rest), rest);
        to_name = to + 4;
        while (*to_name == ' ')
            to_name++;
    }
    size_t fact = check_dates_fact(check, item, judged);
    size_t from = check_date_fact(check, item, from_name, "the date counted from");
    if (fact == SIZE_MAX || from == SIZE_MAX)
        return NULL;
    if (to_name != NULL) {
        const char *reference = to_name;
        starts_with_words(reference, "the", &reference);
        if (!check_words_equal(reference, "audit date") && !check_words_equal(reference, "audit's date") &&
            !check_words_equal(reference, "date of the audit")) {
            size_t until = check_date_fact(check, item, to_name, "the date judged up to");
            if (until == SIZE_MAX)
                return NULL;
            if (until == from) {
                diagnostic_error(check->report, item->where,
                                 "the timescale runs from '%s' to itself; end it at another date fact, or leave "
                                 "'to …' out to judge up to the audit date", check->rubric->facts[from].name);
                return NULL;
            }
            timescale->to_fact = (int)until;
        }
    }
    timescale->fact = fact;
    timescale->from_fact = from;
    return timescale;
}

/* "timescale: DATE FACT within N UNIT of DATE FACT", checked; or a
 * recurring one (check_recurring). */
static const ir_timescale *check_timescale(checker *check, const ast_items *items)
{
    const ast_item *item = &items->items[0];
    static const char form[] = "write it like 'timescale: assessment completed within 45 working days of "
                               "referral date'";
    if (items->count > 1) {
        diagnostic_error(check->report, items->items[1].where, "a timescale is one sentence, without commas; %s",
                         form);
        return NULL;
    }
    const char *every = strstr(item->text, " at least every ");
    if (every != NULL)
        return check_recurring(check, item, arena_printf(check->region, "%.*s", (int)(every - item->text), item->text),
                               every + 16);
    const char *within = strstr(item->text, " within ");
    if (within == NULL) {
        diagnostic_error(check->report, item->where, "'%s' is not a timescale; %s, or for visits or reviews that "
                         "recur, 'visits at least every 10 working days from referral date'", item->text, form);
        return NULL;
    }
    const char *judged = arena_printf(check->region, "%.*s", (int)(within - item->text), item->text);
    const char *rest;
    ir_timescale *timescale = timescale_span(check, item, within + 8, "of", "the span after 'within'", form, &rest);
    if (timescale == NULL)
        return NULL;
    size_t fact = check_date_fact(check, item, judged, "the date judged");
    size_t from = check_date_fact(check, item, rest, "the date counted from");
    if (fact == SIZE_MAX || from == SIZE_MAX)
        return NULL;
    if (fact == from) {
        diagnostic_error(check->report, item->where, "the timescale counts from '%s' to itself; name two date facts",
                         check->rubric->facts[fact].name);
        return NULL;
    }
    timescale->fact = fact;
    timescale->from_fact = from;
    return timescale;
}

void check_timescales(checker *check)
{
    for (size_t i = 0; i < check->rubric->criterion_count; i++) {
        const ast_items *items = check->criterion_trees[i] ? check->criterion_trees[i]->timescale : NULL;
        if (items != NULL && items->count > 0)
            check->criteria[i].timescale = check_timescale(check, items);
    }
}

/* A condition on a timescale: SUBJECT "the timescale of criterion ID"
 * ("the" may be left out), TEST "met" or "not met". The criterion must
 * declare a timescale (its "timescale:" item, checked by
 * check_timescales, which runs after the rules). */
int check_timescale_subject(checker *check, const ast_item *item, const char *subject, const char *test,
                            ir_limit *limit)
{
    const char *rest = subject;
    if (strncasecmp(rest, "the ", 4) == 0)
        rest += 4;
    while (*rest == ' ')
        rest++;
    if (strncasecmp(rest, "timescale of ", 13) != 0)
        return 0;
    rest += 13;
    while (*rest == ' ')
        rest++;
    if (strncasecmp(rest, "criterion ", 10) != 0) {
        diagnostic_error(check->report, item->where,
                         "'%s' names no criterion; a timescale is a criterion's: write 'the timescale of "
                         "criterion ID is not met'", subject);
        return -1;
    }
    const char *name = rest + 10;
    while (*name == ' ')
        name++;
    size_t criterion = name_index_find(&check->criterion_index, name);
    if (criterion == SIZE_MAX) {
        ast_item written = {item->where, name};
        diagnostic_error(check->report, item->where, "there is no criterion '%s'%s", name,
                         check_hint(check, &written, &check->criterion_index, NULL));
        return -1;
    }
    const ast_criterion *tree = check->criterion_trees[criterion];
    if (tree == NULL || tree->timescale == NULL || tree->timescale->count == 0) {
        diagnostic_error(check->report, item->where,
                         "criterion '%s' declares no timescale to test; give it one, like 'timescale: "
                         "assessment completed within 45 working days of referral date', or test its "
                         "grade, like 'criterion %s is R or worse'", name, name);
        return -1;
    }
    char *words = arena_strdup(check->region, test);
    size_t length = strlen(words);
    while (length > 0 && words[length - 1] == ' ')
        words[--length] = '\0';
    if (check_words_equal(words, "met")) {
        limit->test = RUBRIC_TEST_MET;
    } else if (check_words_equal(words, "not met")) {
        limit->test = RUBRIC_TEST_NOT_MET;
    } else {
        diagnostic_error(check->report, item->where,
                         "a timescale is met or not met, not '%s'; write 'the timescale of criterion %s is "
                         "not met' (or 'is met'); one that cannot be worked out (a date not given) is "
                         "neither", words, name);
        return -1;
    }
    limit->subject = RUBRIC_SUBJECT_TIMESCALE;
    limit->subject_index = criterion;
    limit->value = 0;
    return 1;
}
