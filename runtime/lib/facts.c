/*
 * facts.c — the facts an audit carries about its case (rubric.h): the
 * rubric's declared facts as one list with the case type, a value checked
 * against its fact's type, and an audit's fact or pass-through field by key.
 *
 * The case type predates facts ("case types: CIN, CP" and the record's
 * "case_type"); rather than compile it into a fact, and change the JSON
 * and the C tables of every rubric that has one, the list here adds it
 * after the declared facts, so that a report grouping by a choice fact or
 * a template with a column per fact treats it as one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit_date.h"
#include "calendar.h"
#include "facts.h"
#include "rubric.h"
#include "rubric_file.h"

/* The case type's fact, when the rubric has one besides its declared facts. */
static int has_case_type_fact(const rubric_model *model)
{
    if (model->case_type_count == 0)
        return 0;
    for (unsigned index = 0; index < model->fact_count; index++)
        if (strcmp(model->facts[index].key, "case_type") == 0)
            return 0;
    return 1;
}

unsigned rubric_fact_count(const rubric_model *model)
{
    return model->fact_count + (unsigned)has_case_type_fact(model);
}

rubric_fact rubric_fact_at(const rubric_model *model, unsigned index)
{
    if (index < model->fact_count)
        return model->facts[index];
    rubric_fact case_type = {"case_type", "case type", RUBRIC_FACT_CHOICE, 1, model->case_types,
                             model->case_type_count};
    return case_type;
}

int rubric_find_fact(const rubric_model *model, const char *key)
{
    unsigned count = rubric_fact_count(model);
    for (unsigned index = 0; index < count; index++)
        if (strcmp(rubric_fact_at(model, index).key, key) == 0)
            return (int)index;
    return -1;
}

const char *rubric_fact_type_name(rubric_fact_type type)
{
    switch (type) {
    case RUBRIC_FACT_TEXT: return "text";
    case RUBRIC_FACT_CHOICE: return "choice";
    case RUBRIC_FACT_DATE: return "date";
    case RUBRIC_FACT_NUMBER: return "number";
    case RUBRIC_FACT_YES_NO: return "yes/no";
    case RUBRIC_FACT_DATES: return "dates";
    }
    return NULL;
}

/* A decimal number as people write one: an optional sign, digits, at most
 * one point with digits after it ("12", "-3", "2.5"). */
static int is_decimal(const char *text)
{
    const char *p = text + (*text == '-' || *text == '+');
    int digits = 0;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (*p == '.') {
        p++;
        int decimals = 0;
        while (*p >= '0' && *p <= '9')
            p++, decimals++;
        if (decimals == 0)
            return 0;
    }
    return digits > 0 && *p == '\0';
}

int facts_yes_no(const char *value)
{
    if (strcasecmp(value, "yes") == 0 || strcmp(value, "true") == 0)
        return 1;
    if (strcasecmp(value, "no") == 0 || strcmp(value, "false") == 0)
        return 0;
    return -1;
}

int rubric_fact_value_valid(const rubric_fact *fact, const char *value)
{
    switch (fact->type) {
    case RUBRIC_FACT_TEXT:
        return 1;
    case RUBRIC_FACT_CHOICE:
        for (unsigned index = 0; index < fact->choice_count; index++)
            if (strcmp(fact->choices[index], value) == 0)
                return 1;
        return 0;
    case RUBRIC_FACT_DATE:
        return audit_date_valid(value);
    case RUBRIC_FACT_NUMBER:
        return is_decimal(value);
    case RUBRIC_FACT_YES_NO:
        return facts_yes_no(value) >= 0;
    case RUBRIC_FACT_DATES:
        return facts_dates(value, NULL, 0) >= 0;
    }
    return 0;
}

/* The next date of a list at *TEXT, in its JSON quotes when QUOTED, with
 * what separates it from the one before: 1 with *DAY set and *TEXT past
 * it, 0 at the list's end, -1 when what is there is no date. */
static int next_listed_date(const char **text, int quoted, int first, long *day)
{
    const char *p = *text;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!first) {
        if (*p == '\0' || (quoted && *p == ']'))
            return 0;
        if (*p != ',' && !(*p == ';' && !quoted))
            return -1;
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
    } else if (*p == '\0' || (quoted && *p == ']')) {
        return 0;
    }
    if (quoted && *p++ != '"')
        return -1;
    char date[11];
    size_t length = 0;
    while (length < 10 && p[length] != '\0')
        length++;
    memcpy(date, p, length);
    date[length] = '\0';
    if (length < 10 || !calendar_parse_date(date, day))
        return -1;
    p += 10;
    if (quoted && *p++ != '"')
        return -1;
    *text = p;
    return 1;
}

long facts_dates(const char *text, long long *moments, size_t capacity)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    int quoted = *p == '[';
    p += quoted;
    long count = 0;
    long day;
    int read;
    while ((read = next_listed_date(&p, quoted, count == 0, &day)) > 0) {
        if ((size_t)count < capacity)
            moments[count] = (long long)day * 1440;
        count++;
    }
    if (read < 0)
        return -1;
    if (quoted) {
        if (*p++ != ']')
            return -1;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '\0')
            return -1;
    }
    return count;
}

const char *rubric_audit_field(const rubric_audit *audit, const char *key)
{
    if (strcmp(key, "case_type") == 0 && audit->case_type != NULL)
        return audit->case_type;
    for (unsigned index = 0; index < audit->field_count; index++)
        if (strcmp(audit->fields[index].key, key) == 0)
            return audit->fields[index].value;
    return NULL;
}

unsigned facts_distance(const char *a, const char *b, unsigned limit)
{
    enum { MAX = 64 };
    size_t m = strlen(a), n = strlen(b);
    if (m >= MAX || n >= MAX)
        return limit + 1;
    unsigned row[MAX + 1];
    for (size_t j = 0; j <= n; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= m; i++) {
        unsigned diagonal = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= n; j++) {
            unsigned above = row[j];
            char x = a[i - 1] >= 'A' && a[i - 1] <= 'Z' ? (char)(a[i - 1] + 32) : a[i - 1];
            char y = b[j - 1] >= 'A' && b[j - 1] <= 'Z' ? (char)(b[j - 1] + 32) : b[j - 1];
            unsigned best = diagonal + (x != y);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[n];
}

unsigned facts_distance_limit(const char *value)
{
    size_t length = strlen(value);
    return length < 4 ? 1 : length < 10 ? 2 : 3;
}

const char *facts_nearest_choice(const rubric_fact *fact, const char *value)
{
    const char *nearest = NULL;
    unsigned limit = facts_distance_limit(value), best = limit + 1;
    for (unsigned index = 0; index < fact->choice_count; index++) {
        unsigned far = facts_distance(value, fact->choices[index], limit);
        if (far < best) {
            best = far;
            nearest = fact->choices[index];
        }
    }
    return nearest;
}

size_t facts_describe_problem(const rubric_model *model, const rubric_problem *problem, char *buffer,
                              size_t size)
{
    if (problem->kind == RUBRIC_PROBLEM_NOT_FOR_CONDITION && problem->criterion >= 0) {
        const rubric_criterion *criterion = &model->criteria[problem->criterion];
        const rubric_condition *own = criterion->applies_when;
        const rubric_condition *section = model->sections[criterion->section].applies_when;
        char words[256] = "its condition", more[128] = "";
        if (own != NULL || section != NULL)
            rubric_condition_describe(model, own != NULL ? own : section, words, sizeof words);
        if (own != NULL && section != NULL) {
            rubric_condition_describe(model, section, more, sizeof more);
            size_t used = strlen(words);
            snprintf(words + used, sizeof words - used, " and %s", more);
        }
        int written = snprintf(buffer, size, "criterion '%s' applies only when %s, which this case's facts "
                               "do not say: leave it out or grade it NA", criterion->id, words);
        return written < 0 ? 0 : (size_t)written;
    }
    if (problem->fact < 0 || (unsigned)problem->fact >= rubric_fact_count(model))
        return (size_t)snprintf(buffer, size, "a fact is missing or not valid");
    rubric_fact fact = rubric_fact_at(model, (unsigned)problem->fact);
    static const char *const forms[] = {"any text", "", "a date written YYYY-MM-DD, like 2026-03-02",
                                        "a number, like 12 or 2.5", "yes or no",
                                        "a list of dates written YYYY-MM-DD, separated by commas"};
    char allowed[400];
    if (fact.type == RUBRIC_FACT_CHOICE) {
        size_t used = (size_t)snprintf(allowed, sizeof allowed, "one of ");
        for (unsigned index = 0; index < fact.choice_count && used < sizeof allowed; index++)
            used += (size_t)snprintf(allowed + used, sizeof allowed - used, "%s%s", index ? ", " : "",
                                     fact.choices[index]);
    } else {
        snprintf(allowed, sizeof allowed, "%s", forms[fact.type]);
    }
    int written;
    if (problem->kind == RUBRIC_PROBLEM_FACT_MISSING) {
        written = snprintf(buffer, size, "fact '%s' is missing: the rubric requires it ('%s': %s)", fact.name,
                           fact.key, allowed);
    } else {
        const char *nearest = fact.type == RUBRIC_FACT_CHOICE ? facts_nearest_choice(&fact, problem->text) : NULL;
        written = snprintf(buffer, size, "fact '%s': '%s' is not %s%s%s%s", fact.name,
                           problem->text ? problem->text : "", allowed, nearest ? "; did you mean '" : "",
                           nearest ? nearest : "", nearest ? "'?" : "");
    }
    return written < 0 ? 0 : (size_t)written;
}

/* The model's units are the calendar's, in the same order. */
_Static_assert((int)RUBRIC_UNIT_DAYS == (int)CALENDAR_DAYS && (int)RUBRIC_UNIT_WORKING_DAYS == (int)CALENDAR_WORKING_DAYS &&
                   (int)RUBRIC_UNIT_MONTHS == (int)CALENDAR_MONTHS && (int)RUBRIC_UNIT_HOURS == (int)CALENDAR_HOURS,
               "rubric_time_unit and calendar_unit differ");

const char *rubric_time_unit_name(rubric_time_unit unit, long amount)
{
    static const char *const names[][2] = {
        {"day", "days"}, {"working day", "working days"}, {"month", "months"}, {"hour", "hours"},
    };
    return (unsigned)unit < 4 ? names[unit][amount != 1] : NULL;
}

const char *rubric_timescale_status_name(rubric_timescale_status status)
{
    switch (status) {
    case RUBRIC_TIMESCALE_UNKNOWN: return "unknown";
    case RUBRIC_TIMESCALE_MET: return "met";
    case RUBRIC_TIMESCALE_NOT_MET: return "not met";
    }
    return NULL;
}

/* The holidays of rubric_use_holidays, when a file was given. */
static calendar_holidays chosen_holidays;
static int holidays_chosen;

/* The holidays working days leave out: a file's, else the built-in list. */
static const calendar_holidays *holidays_in_use(void)
{
    return holidays_chosen ? &chosen_holidays : calendar_england_and_wales();
}

int rubric_use_holidays(const char *path, rubric_error *error)
{
    if (path == NULL) {
        calendar_holidays_free(&chosen_holidays);
        holidays_chosen = 0;
        return 1;
    }
    size_t length;
    char *text = read_whole_file(path, RUBRIC_MAX_FILE_BYTES, &length, error);
    if (text == NULL)
        return 0;
    calendar_holidays parsed;
    char why[400];
    int read = calendar_holidays_parse(text, length, &parsed, why, sizeof why);
    free(text);
    if (!read) {
        /* "line 3: …" from the parser, said as PATH:3: … */
        unsigned long line = 0;
        int skipped = 0;
        if (sscanf(why, "line %lu: %n", &line, &skipped) >= 1 && skipped > 0)
            snprintf(error->message, sizeof error->message, "%s:%lu: %s", path, line, why + skipped);
        else
            snprintf(error->message, sizeof error->message, "%s: %s", path, why);
        error->line = (int)line;
        error->column = 0;
        return 0;
    }
    calendar_holidays_free(&chosen_holidays);
    chosen_holidays = parsed;
    holidays_chosen = 1;
    return 1;
}

/* Room for a recurring timescale's dates: a list longer than this is
 * judged on an allocated copy. */
enum { DATES_ON_STACK = 64 };

/* Order of moments, for qsort. */
static int compare_moments(const void *left, const void *right)
{
    long long a = *(const long long *)left, b = *(const long long *)right;
    return (a > b) - (a < b);
}

/* A recurring timescale ("at least every 10 working days from referral
 * date") judged: the longest lateness of its gaps, or -1 when it cannot be
 * judged (no date to count from, no date to judge up to, or a list of
 * dates that is not one), with *DEADLINE set (calendar_every_late_by). */
static long judge_every(const rubric_model *model, const rubric_timescale *timescale, const rubric_audit *audit,
                        long long from, long long *deadline)
{
    long long to;
    const char *to_text = timescale->to_fact >= 0 && (unsigned)timescale->to_fact < model->fact_count
                              ? rubric_audit_field(audit, model->facts[timescale->to_fact].key)
                              : NULL;
    if (!calendar_parse_moment(to_text, &to) && !calendar_parse_moment(audit->date, &to))
        return -1;
    const char *listed = rubric_audit_field(audit, model->facts[timescale->fact].key);
    long long on_stack[DATES_ON_STACK];
    long count = listed == NULL ? 0 : facts_dates(listed, on_stack, DATES_ON_STACK);
    if (count < 0)
        return -1;
    long long *dates = on_stack;
    if (count > DATES_ON_STACK) {
        dates = malloc((size_t)count * sizeof *dates);
        if (dates == NULL)
            return -1;
        facts_dates(listed, dates, (size_t)count);
    }
    qsort(dates, (size_t)count, sizeof *dates, compare_moments);
    long late = calendar_every_late_by(holidays_in_use(), (calendar_unit)timescale->unit, timescale->amount, from,
                                       dates, (size_t)count, to, deadline);
    if (dates != on_stack)
        free(dates);
    return late;
}

rubric_timescale_outcome rubric_timescale_judge(const rubric_model *model, const rubric_timescale *timescale,
                                                const rubric_audit *audit)
{
    rubric_timescale_outcome outcome = {RUBRIC_TIMESCALE_UNKNOWN, 0, ""};
    if (timescale->fact >= model->fact_count || timescale->from_fact >= model->fact_count)
        return outcome;
    const char *from_text = rubric_audit_field(audit, model->facts[timescale->from_fact].key);
    const char *judged_text = rubric_audit_field(audit, model->facts[timescale->fact].key);
    long long from, judged, deadline;
    if (!calendar_parse_moment(from_text, &from))
        return outcome;
    long late;
    int judged_known;
    if (timescale->every) {
        late = judge_every(model, timescale, audit, from, &deadline);
        if (late < 0)
            return outcome;
        judged_known = 1;
    } else {
        judged_known = calendar_parse_moment(judged_text, &judged);
        if (!judged_known && (audit->date == NULL || !calendar_parse_moment(audit->date, &judged)))
            judged = from;   /* nothing to judge by: only the deadline is worked out */
        late = calendar_late_by(holidays_in_use(), (calendar_unit)timescale->unit, timescale->amount, from, judged,
                                &deadline);
    }
    long deadline_day = (long)(deadline >= 0 ? deadline / 1440 : (deadline - 1439) / 1440);
    int year, month, day;
    calendar_date(deadline_day, &year, &month, &day);
    /* every part reduced to its digits, so the text fits (a date of years 1 to 9999) */
    unsigned minute_of_day = (unsigned)(deadline - (long long)deadline_day * 1440);
    unsigned parts[] = {(unsigned)year % 10000u, (unsigned)month % 100u, (unsigned)day % 100u,
                        minute_of_day / 60 % 100u, minute_of_day % 60u};
    if (timescale->unit == RUBRIC_UNIT_HOURS)
        snprintf(outcome.deadline, sizeof outcome.deadline, "%04u-%02u-%02u %02u:%02u", parts[0], parts[1],
                 parts[2], parts[3], parts[4]);
    else
        snprintf(outcome.deadline, sizeof outcome.deadline, "%04u-%02u-%02u", parts[0], parts[1], parts[2]);
    if (judged_known)
        outcome.status = late > 0 ? RUBRIC_TIMESCALE_NOT_MET : RUBRIC_TIMESCALE_MET;
    else if (late > 0)
        outcome.status = RUBRIC_TIMESCALE_NOT_MET;
    outcome.late_by = outcome.status == RUBRIC_TIMESCALE_NOT_MET ? late : 0;
    return outcome;
}

/* VALUE equals the condition's value TEXT: yes/no facts by meaning
 * ("true" is "yes"), numbers by value text as written, others exactly. */
static int value_matches(const rubric_fact *fact, const char *value, const char *text)
{
    if (fact->type == RUBRIC_FACT_YES_NO)
        return facts_yes_no(value) >= 0 && facts_yes_no(value) == facts_yes_no(text);
    return strcmp(value, text) == 0;
}

int rubric_condition_holds(const rubric_model *model, const rubric_condition *condition,
                           const rubric_audit *audit)
{
    if (condition->fact >= model->fact_count)
        return 0;
    const rubric_fact *fact = &model->facts[condition->fact];
    const char *value = rubric_audit_field(audit, fact->key);
    if (value == NULL || value[0] == '\0')
        return 0;
    if (condition->test == RUBRIC_FACT_TEST_WITHIN) {
        const char *other = condition->of_fact < 0 ? audit->date
                            : (unsigned)condition->of_fact < model->fact_count
                                ? rubric_audit_field(audit, model->facts[condition->of_fact].key)
                                : NULL;
        long long first, second, deadline;
        if (other == NULL || !calendar_parse_moment(value, &first) || !calendar_parse_moment(other, &second))
            return 0;
        if (first > second) {
            long long swap = first;
            first = second;
            second = swap;
        }
        return calendar_late_by(holidays_in_use(), (calendar_unit)condition->unit, condition->amount,
                                first, second, &deadline) == 0;
    }
    int found = 0;
    for (unsigned index = 0; index < condition->value_count && !found; index++)
        found = value_matches(fact, value, condition->values[index]);
    return condition->test == RUBRIC_FACT_TEST_IS ? found : !found;
}

int rubric_criterion_condition_holds(const rubric_model *model, unsigned criterion, const rubric_audit *audit)
{
    const rubric_criterion *entry = &model->criteria[criterion];
    const rubric_condition *section = model->sections[entry->section].applies_when;
    return (entry->applies_when == NULL || rubric_condition_holds(model, entry->applies_when, audit)) &&
           (section == NULL || rubric_condition_holds(model, section, audit));
}

size_t rubric_condition_describe(const rubric_model *model, const rubric_condition *condition, char *buffer,
                                 size_t size)
{
    const char *name = condition->fact < model->fact_count ? model->facts[condition->fact].name : "?";
    int written;
    if (condition->test == RUBRIC_FACT_TEST_WITHIN) {
        const char *other = condition->of_fact < 0 ? "the audit date"
                            : (unsigned)condition->of_fact < model->fact_count ? model->facts[condition->of_fact].name
                                                                                : "?";
        written = snprintf(buffer, size, "%s is within %u %s of %s", name, condition->amount,
                           rubric_time_unit_name(condition->unit, condition->amount), other);
    } else {
        written = snprintf(buffer, size, "%s is %s", name, condition->test == RUBRIC_FACT_TEST_IS_NOT ? "not " : "");
        for (unsigned index = 0; index < condition->value_count && written >= 0; index++) {
            size_t used = (size_t)written < size ? (size_t)written : size;
            const char *separator = index == 0 ? "" : index + 1 == condition->value_count ? " or " : ", ";
            int more = snprintf(buffer + used, size - used, "%s%s", separator, condition->values[index]);
            written = more < 0 ? more : written + more;
        }
    }
    return written < 0 ? 0 : (size_t)written;
}
