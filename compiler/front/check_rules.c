/*
 * check_rules.c — the grading rules: how a section's and the overall
 * grade are combined (method, basis, rounding, ties, not applicable,
 * weights), the limits that cap a grade and their conditions, and the
 * circles section limits can make.
 *
 * The rules name sections, criteria, levels, bands and answers, so they
 * are checked after all of those (check_internal.h gives the order of the
 * passes); where each limit was written (check->limit_spans) is kept for
 * check_limit_circles.
 */
#include "check_internal.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* --------------------------------------------------------- grading rules */

static bool check_method(const char *text, rubric_method *method)
{
    static const struct {
        const char *words;
        rubric_method method;
    } methods[] = {
        {"worst", RUBRIC_METHOD_WORST},
        {"best", RUBRIC_METHOD_BEST},
        {"median", RUBRIC_METHOD_MEDIAN},
        {"most frequent", RUBRIC_METHOD_MOST_FREQUENT},
        {"mean", RUBRIC_METHOD_MEAN},
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        if (check_words_equal(text, methods[i].words)) {
            *method = methods[i].method;
            return true;
        }
    }
    return false;
}

static const char *const check_method_help = "use worst, best, median, most frequent or mean";

/* The words of the grading rules' values, for suggestions. */
static const char *const check_method_words[] = {"worst", "best", "median", "most frequent", "mean", NULL};
static const char *const check_overall_words[] = {
    "worst of sections", "best of sections", "median of sections", "most frequent of sections",
    "mean of sections", "worst of criteria", "best of criteria", "median of criteria",
    "most frequent of criteria", "mean of criteria", NULL,
};
static const char *const check_rounding_words[] = {"nearest, half down", "nearest, half up", "down", NULL};
static const char *const check_not_applicable_words[] = {"leave out", NULL};
static const char *const check_tie_words[] = {"lower", "higher", NULL};

/* A grading method's value, "median" or "median, ties higher" (its own tie
 * rule, format 3): the method's item, and in *TIES 1 + the tie rule, or 0
 * when none is written. */
static const ast_item *check_method_ties(checker *check, const ast_rule *rule, const char *name, int *ties)
{
    *ties = 0;
    if (rule->value->count != 2 || strncasecmp(rule->value->items[1].text, "ties ", 5) != 0)
        return check_single(check, rule->value, name);
    const ast_item *tie = &rule->value->items[1];
    const char *word = tie->text + 5;
    while (*word == ' ')
        word++;
    if (check_words_equal(word, "lower") || check_words_equal(word, "higher"))
        *ties = 1 + (check_words_equal(word, "higher") ? RUBRIC_TIES_HIGHER : RUBRIC_TIES_LOWER);
    else
        diagnostic_error(check->report, tie->where,
                         "'%s' is not a tie rule; write 'ties lower' (the worse grade wins) or 'ties higher'",
                         tie->text);
    return &rule->value->items[0];
}

/* A method's own tie rule needs ties to break: only the median and the
 * most frequent grade have them. */
static bool check_ties_apply(checker *check, const ast_rule *rule, rubric_method method, int ties)
{
    if (ties == 0 || method == RUBRIC_METHOD_MEDIAN || method == RUBRIC_METHOD_MOST_FREQUENT)
        return true;
    diagnostic_error(check->report, rule->value->items[1].where,
                     "'%s' never ties (only median and most frequent do), so it takes no tie rule; remove "
                     "', %s'", ir_method_name(method), rule->value->items[1].text);
    return false;
}

/* A section named in a rule: by its id, or by its number when only one
 * section has that number. */
static size_t check_find_section(checker *check, const char *name, source_span where)
{
    size_t found = name_index_find(&check->section_index, name);
    if (found != SIZE_MAX)
        return found;
    size_t matches = 0;
    for (size_t i = 0; i < check->rubric->section_count; i++) {
        if (strcasecmp(check->sections[i].number, name) == 0) {
            found = i;
            matches++;
        }
    }
    if (matches == 1)
        return found;
    if (matches > 1)
        diagnostic_error(check->report, where,
                         "several sections are numbered %s; name the one you mean by its id", name);
    else
    {
        const char **numbers = arena_array(check->region, check->rubric->section_count + 1, sizeof *numbers);
        for (size_t i = 0; i < check->rubric->section_count; i++)
            numbers[i] = check->sections[i].number;
        ast_item written = {where, name};
        diagnostic_error(check->report, where, "there is no section '%s' (give its number or its id)%s", name,
                         check_hint(check, &written, &check->section_index, numbers));
    }
    return SIZE_MAX;
}

/* A rule value that must be one word from a list. */
static const ast_item *check_rule_value(checker *check, const ast_rule *rule, const char *name)
{
    return check_single(check, rule->value, name);
}

/* "criterion ID" or "section N" items of a limit. */
static void check_limit_items(checker *check, const ast_rule *rule, rubric_scope scope,
                              size_t capped_section, ir_limit *limits, size_t *limit_count)
{
    for (size_t i = 0; i < rule->value->count; i++) {
        const ast_item *item = &rule->value->items[i];
        const char *space = strchr(item->text, ' ');
        size_t kind_length = space ? (size_t)(space - item->text) : strlen(item->text);
        const char *name = space ? space + 1 : "";
        while (*name == ' ')
            name++;
        ir_limit limit = {scope, capped_section, RUBRIC_LIMIT_BY_CRITERION, 0,
                          check_position(check, item->where), RUBRIC_LIMIT_NO_BETTER_THAN, SIZE_MAX,
                          RUBRIC_SUBJECT_CRITERION, SIZE_MAX, RUBRIC_TEST_IS, 0, RUBRIC_COUNT_NONE, 0};
        if (kind_length == 9 && strncasecmp(item->text, "criterion", 9) == 0 && *name != '\0') {
            size_t criterion = name_index_find(&check->criterion_index, name);
            if (criterion == SIZE_MAX) {
                ast_item written = {item->where, name};
                diagnostic_error(check->report, item->where, "there is no criterion '%s'%s", name,
                                 check_hint(check, &written, &check->criterion_index, NULL));
                continue;
            }
            if (check->sections[check->criteria[criterion].section].answer_set >= 0) {
                diagnostic_error(check->report, item->where,
                                 "criterion '%s' is a checklist item: it is answered, not graded, so it cannot "
                                 "cap a grade; write a conditional limit instead, like 'overall no better than "
                                 "R when: criterion %s is N'", name, name);
                continue;
            }
            limit.kind = RUBRIC_LIMIT_BY_CRITERION;
            limit.index = criterion;
        } else if (kind_length == 7 && strncasecmp(item->text, "section", 7) == 0 && *name != '\0') {
            size_t section = check_find_section(check, name, item->where);
            if (section == SIZE_MAX)
                continue;
            if (scope == RUBRIC_SCOPE_SECTION && section == capped_section) {
                diagnostic_error(check->report, item->where, "a section cannot be limited by itself");
                continue;
            }
            if (check->sections[section].answer_set >= 0) {
                diagnostic_error(check->report, item->where,
                                 "section %s is a checklist: it has no grade to cap another with; write a "
                                 "conditional limit instead, like 'overall no better than R when: any "
                                 "criterion in section %s is N'", check->sections[section].number,
                                 check->sections[section].number);
                continue;
            }
            limit.kind = RUBRIC_LIMIT_BY_SECTION;
            limit.index = section;
        } else {
            diagnostic_error(check->report, item->where,
                             "'%s' is not a limit; write 'criterion ID' or 'section N', separated by commas",
                             item->text);
            continue;
        }
        check->limit_spans[*limit_count] = item->where;
        limits[(*limit_count)++] = limit;
    }
}

/* An answer code of a set, for the examples in messages. */
static const char *check_first_answer(const checker *check, int answer_set)
{
    const ir_answer_set *set = &check->answer_sets[answer_set];
    return set->answer_count > 0 ? set->answers[0].code : "Y";
}

/* "… when: any criterion is I and section 1 is R": two conditions on one
 * line, which a limit cannot hold. Reported with the limits to write
 * (and what they mean: two limits cap the grade when either holds); true
 * when so. */
static bool check_two_conditions(checker *check, const ast_item *item, const char *test)
{
    const char *joiner = NULL;
    bool both = false;
    for (const char *p = strchr(test, ' '); p != NULL && joiner == NULL; p = strchr(p + 1, ' ')) {
        if (strncasecmp(p, " and ", 5) == 0) {
            joiner = p;
            both = true;
        } else if (strncasecmp(p, " or ", 4) == 0 && strncasecmp(p + 4, "worse", 5) != 0
                   && strncasecmp(p + 4, "better", 6) != 0) {
            joiner = p;
        }
    }
    if (joiner == NULL)
        return false;
    const char *second = joiner + (both ? 5 : 4);
    size_t first_length = strlen(item->text) - strlen(joiner);
    diagnostic_error(check->report, item->where,
                     "a limit tests one condition; write one limit a line, with the same start: '… when: "
                     "%.*s' and '… when: %s'%s",
                     (int)first_length, item->text, second,
                     both ? " (two limits cap the grade when either holds; the language has no limit "
                            "that needs both)" : "");
    return true;
}

/* The level (or band, or answer) a condition tests: TEST is "CODE", "CODE
 * or worse", "CODE or better" or "in band LABEL"; ANSWER_SET >= 0 when
 * the subject is answered from that set. False when wrong (reported). */
static bool check_condition_test(checker *check, const ast_item *item, const char *test_text,
                                 int answer_set, const char *subject_words, ir_limit *limit)
{
    char *text = arena_strdup(check->region, test_text);
    size_t length = strlen(text);
    while (length > 0 && text[length - 1] == ' ')
        text[--length] = '\0';
    if (check_two_conditions(check, item, text))
        return false;
    limit->test = RUBRIC_TEST_IS;
    bool graded = check_words_equal(text, "graded");
    if (graded || strcmp(text, "NA") == 0) {
        if (limit->subject == RUBRIC_SUBJECT_SECTION) {
            diagnostic_error(check->report, item->where,
                             "'%s' tests criteria, not a section's grade; count the section's criteria, like "
                             "'fewer than 2 criteria in section %s are graded'", text,
                             check->sections[limit->subject_index].number);
            return false;
        }
        limit->test = graded ? RUBRIC_TEST_GRADED : RUBRIC_TEST_NOT_APPLICABLE;
        limit->value = 0;
        return true;
    }
    if (strncasecmp(text, "in band ", 8) == 0) {
        const char *label = text + 8;
        while (*label == ' ')
            label++;
        if (answer_set >= 0) {
            diagnostic_error(check->report, item->where,
                             "%s is answered from '%s' (%s), not graded, so it is in no band; test an "
                             "answer, like 'is %s'", subject_words, check->answer_sets[answer_set].id,
                             check->answer_lists[answer_set], check_first_answer(check, answer_set));
            return false;
        }
        size_t band = name_index_find(&check->band_index, label);
        if (band == SIZE_MAX) {
            const char *bands = "";
            for (size_t i = 0; i < check->rubric->band_count; i++)
                bands = arena_printf(check->region, "%s%s'%s'", bands, i == 0 ? "" : ", ", check->bands[i].label);
            ast_item written = {item->where, label};
            diagnostic_error(check->report, item->where, "there is no band '%s'%s%s%s", label,
                             check->rubric->band_count == 0 ? " (the rubric has no 'bands:')" : "; the bands are ",
                             bands, check_hint(check, &written, &check->band_index, NULL));
            return false;
        }
        limit->test = RUBRIC_TEST_IN_BAND;
        limit->value = band;
        return true;
    }
    if (length > 9 && check_words_equal(text + length - 9, " or worse")) {
        text[length - 9] = '\0';
        limit->test = RUBRIC_TEST_OR_WORSE;
    } else if (length > 10 && check_words_equal(text + length - 10, " or better")) {
        text[length - 10] = '\0';
        limit->test = RUBRIC_TEST_OR_BETTER;
    }
    if (answer_set >= 0) {
        size_t answer = name_index_find(&check->answer_indexes[answer_set], text);
        if (answer == SIZE_MAX || limit->test != RUBRIC_TEST_IS) {
            diagnostic_error(check->report, item->where,
                             "%s is answered from '%s', not graded on the scale: test it with 'is' and an "
                             "answer (%s), like 'is %s'", subject_words, check->answer_sets[answer_set].id,
                             check->answer_lists[answer_set], check_first_answer(check, answer_set));
            return false;
        }
        limit->value = answer;
        return true;
    }
    size_t level = name_index_find(&check->level_index, text);
    if (level == SIZE_MAX) {
        ast_item written = {item->where, text};
        diagnostic_error(check->report, item->where,
                         "'%s' is not a level of the scale; the levels are %s (a condition reads "
                         "'criterion ID is I', '… is R or worse' or '… is in band NAME')%s",
                         text, check_level_list(check), check_hint(check, &written, &check->level_index, NULL));
        return false;
    }
    limit->value = level;
    return true;
}

/* The answer set all of SECTION's criteria are answered from (-1:
 * graded), for a condition on "any criterion in section X". */
static int check_section_answers(const checker *check, size_t section)
{
    return check->sections[section].answer_set;
}

/* The count that opens a counting condition: "2 or more ", "at least 2 ",
 * "more than 3 ", "fewer than 2 ", "at most 1 ". Returns the rule (NONE
 * when TEXT opens otherwise), the number in *COUNT and the rest of the
 * text in *REST. */
static rubric_count_rule check_count_opening(const char *text, size_t *count, const char **rest)
{
    static const struct {
        const char *words;
        rubric_count_rule rule;
    } openings[] = {
        {"at least ", RUBRIC_COUNT_AT_LEAST},
        {"more than ", RUBRIC_COUNT_MORE_THAN},
        {"fewer than ", RUBRIC_COUNT_FEWER_THAN},
        {"at most ", RUBRIC_COUNT_AT_MOST},
    };
    rubric_count_rule rule = RUBRIC_COUNT_NONE;
    const char *cursor = text;
    for (size_t i = 0; i < sizeof openings / sizeof openings[0]; i++) {
        size_t length = strlen(openings[i].words);
        if (strncasecmp(text, openings[i].words, length) == 0) {
            rule = openings[i].rule;
            cursor = text + length;
            break;
        }
    }
    while (*cursor == ' ')
        cursor++;
    if (*cursor < '0' || *cursor > '9')
        return RUBRIC_COUNT_NONE;
    size_t number = 0, digits = 0;
    for (; *cursor >= '0' && *cursor <= '9'; cursor++, digits++)
        number = digits < 7 ? number * 10 + (size_t)(*cursor - '0') : number;
    if (*cursor != ' ' || digits > 6)
        return RUBRIC_COUNT_NONE;
    while (*cursor == ' ')
        cursor++;
    if (rule == RUBRIC_COUNT_NONE) {
        if (strncasecmp(cursor, "or more ", 8) != 0)
            return RUBRIC_COUNT_NONE;
        rule = RUBRIC_COUNT_AT_LEAST;
        cursor += 8;
    }
    while (*cursor == ' ')
        cursor++;
    *count = number;
    *rest = cursor;
    return rule;
}

/* The place of " are " or " is " in TEXT (a counting condition's verb), or NULL. */
static const char *check_count_verb(const char *text, size_t *verb_length)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (strncasecmp(p, " are ", 5) == 0) {
            *verb_length = 5;
            return p;
        }
        if (strncasecmp(p, " is ", 4) == 0) {
            *verb_length = 4;
            return p;
        }
    }
    return NULL;
}

static bool check_count_test(checker *check, const ast_item *item, const char *test, const char *subject_words,
                             size_t in_scope, ir_limit *limit);
static bool check_count_bounds(checker *check, const ast_item *item, size_t in_scope, const ir_limit *limit);

/* A counting condition: COUNT CRITERIA are TEST (check_count_opening has
 * read COUNT), CRITERIA being "criteria", "criteria in section X",
 * "criteria in it", "key criteria" or "criteria of group ID" ("criterion"
 * and "is" read as well). Fills LIMIT's
 * subject and test; false when wrong (reported). */
static bool check_count_condition(checker *check, const ast_item *item, const char *rest, rubric_scope scope,
                                  size_t capped, ir_limit *limit)
{
    static const char *const example = "like '2 or more criteria are R or worse', 'fewer than 2 criteria in it "
                                       "are graded' or 'more than 3 criteria in section B are NA'";
    size_t verb_length;
    const char *verb = check_count_verb(rest, &verb_length);
    if (verb == NULL) {
        diagnostic_error(check->report, item->where,
                         "'%s' counts criteria but does not say what they are; write the test after 'are', %s",
                         item->text, example);
        return false;
    }
    char *subject = arena_strndup(check->region, rest, (size_t)(verb - rest));
    const char *test = verb + verb_length;
    while (*test == ' ')
        test++;
    size_t in_scope = 0;
    int group = check_group_subject(check, item, subject, limit, &in_scope);
    if (group < 0)
        return false;
    if (group > 0)
        return check_count_test(check, item, test, "the criteria counted", in_scope, limit);
    const char *place = NULL;
    if (strncasecmp(subject, "criteria", 8) == 0)
        place = subject + 8;
    else if (strncasecmp(subject, "criterion", 9) == 0)
        place = subject + 9;
    if (place == NULL || (*place != '\0' && *place != ' ')) {
        diagnostic_error(check->report, item->where,
                         "'%s' is not what a count counts; write 'criteria', 'criteria in section X', "
                         "'criteria in it', 'key criteria' or 'criteria of group ID', %s", subject, example);
        return false;
    }
    while (*place == ' ')
        place++;
    int answer_set = -1;
    const char *subject_words = "the criteria counted";
    if (*place == '\0') {
        limit->subject = RUBRIC_SUBJECT_ANY_CRITERION;
        limit->subject_index = SIZE_MAX;
        for (size_t i = 0; i < check->rubric->section_count; i++)
            if (check->sections[i].answer_set < 0)
                in_scope += check->sections[i].criterion_count;
    } else {
        size_t section;
        if (check_words_equal(place, "in it")) {
            if (scope != RUBRIC_SCOPE_SECTION) {
                diagnostic_error(check->report, item->where,
                                 "'criteria in it' names the section the rule is about, but this rule is about "
                                 "the overall grade; name the section, like 'criteria in section B'");
                return false;
            }
            section = capped;
        } else if (strncasecmp(place, "in section ", 11) == 0) {
            const char *label = place + 11;
            while (*label == ' ')
                label++;
            section = check_find_section(check, label, item->where);
            if (section == SIZE_MAX)
                return false;
        } else {
            diagnostic_error(check->report, item->where,
                             "'%s' is not what a count counts; write 'criteria', 'criteria in section X', "
                             "'criteria in it', 'key criteria' or 'criteria of group ID', %s", subject, example);
            return false;
        }
        limit->subject = RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION;
        limit->subject_index = section;
        answer_set = check_section_answers(check, section);
        in_scope = check->sections[section].criterion_count;
        subject_words = arena_printf(check->region, "every criterion of section %s", check->sections[section].number);
    }
    if (answer_set >= 0)
        return check_condition_test(check, item, test, answer_set, subject_words, limit) &&
               check_count_bounds(check, item, in_scope, limit);
    return check_count_test(check, item, test, subject_words, in_scope, limit);
}

/* A count's test (on the scale), then its bounds. */
static bool check_count_test(checker *check, const ast_item *item, const char *test, const char *subject_words,
                             size_t in_scope, ir_limit *limit)
{
    return check_condition_test(check, item, test, -1, subject_words, limit) &&
           check_count_bounds(check, item, in_scope, limit);
}

/* A count that always or never holds is an error; one that needs more
 * criteria than it counts among, a warning. */
static bool check_count_bounds(checker *check, const ast_item *item, size_t in_scope, const ir_limit *limit)
{
    if ((limit->count_rule == RUBRIC_COUNT_AT_LEAST && limit->count == 0) ||
        (limit->count_rule == RUBRIC_COUNT_FEWER_THAN && limit->count == 0)) {
        diagnostic_error(check->report, item->where,
                         "'%s' %s; count from 1, like '1 or more criteria are I'", item->text,
                         limit->count_rule == RUBRIC_COUNT_AT_LEAST ? "always holds" : "never holds");
        return false;
    }
    size_t needed = limit->count_rule == RUBRIC_COUNT_AT_LEAST ? limit->count
                    : limit->count_rule == RUBRIC_COUNT_MORE_THAN ? limit->count + 1 : 0;
    if (needed > in_scope)
        diagnostic_warning(check->report, item->where,
                           "'%s' can never hold: it needs %zu %s and counts among %zu", item->text, needed,
                           needed == 1 ? "criterion" : "criteria", in_scope);
    return true;
}

/* A conditional limit: "TARGET no better than LEVEL when: SUBJECT is
 * TEST" or "TARGET is LEVEL when: …"; SUBJECT is "criterion ID", "section
 * X", "any criterion", "any criterion in section X" or "any criterion in
 * it" (the capped section); or a count, "2 or more criteria are R or
 * worse" (check_count_condition). */
static void check_condition(checker *check, const ast_rule *rule, rubric_scope scope, size_t capped,
                            ir_limit *limits, size_t *limit_count)
{
    rubric_limit_effect effect = rule->not_graded  ? RUBRIC_LIMIT_NOT_GRADED
                                 : rule->sets_level ? RUBRIC_LIMIT_IS
                                                    : RUBRIC_LIMIT_NO_BETTER_THAN;
    size_t level = rule->not_graded ? SIZE_MAX : name_index_find(&check->level_index, rule->level.text);
    if (level == SIZE_MAX && !rule->not_graded) {
        diagnostic_error(check->report, rule->level.where,
                         "'%s' is not a level of the scale; the levels are %s%s", rule->level.text,
                         check_level_list(check), check_hint(check, &rule->level, &check->level_index, NULL));
        return;
    }
    if (rule->sets_level && level + 1 != check->rubric->level_count)
        diagnostic_warning(check->report, rule->level.where,
                           "'is %s' sets the grade to %s whatever it was, so it can raise a worse grade; "
                           "to cap the grade write 'no better than %s when:'", rule->level.text,
                           rule->level.text, rule->level.text);
    const ast_item *item = check_single(check, rule->value, "when:");
    const char *text = item->text;
    size_t count = 0;
    const char *rest = NULL;
    rubric_count_rule count_rule = check_count_opening(text, &count, &rest);
    if (count_rule != RUBRIC_COUNT_NONE) {
        ir_limit counted = {scope, capped, RUBRIC_LIMIT_BY_CONDITION, 0, check_position(check, item->where),
                            effect, level, RUBRIC_SUBJECT_ANY_CRITERION, SIZE_MAX, RUBRIC_TEST_IS, 0,
                            count_rule, count};
        if (!check_count_condition(check, item, rest, scope, capped, &counted))
            return;
        check->limit_spans[*limit_count] = item->where;
        limits[(*limit_count)++] = counted;
        return;
    }
    const char *is = NULL;
    for (const char *p = text; (p = strstr(p, " is ")) != NULL; p++) {
        is = p;
        break;
    }
    if (is == NULL) {
        diagnostic_error(check->report, item->where,
                         "'%s' is not a condition; write what is tested and its grade, like 'criterion "
                         "child-safe is I', 'any criterion in section B is R or worse' or 'section A is "
                         "in band Inadequate'", text);
        return;
    }
    char *subject = arena_strndup(check->region, text, (size_t)(is - text));
    const char *test = is + 4;
    while (*test == ' ')
        test++;
    ir_limit limit = {scope, capped, RUBRIC_LIMIT_BY_CONDITION, 0, check_position(check, item->where),
                      effect, level, RUBRIC_SUBJECT_CRITERION, SIZE_MAX, RUBRIC_TEST_IS, 0,
                      RUBRIC_COUNT_NONE, 0};
    int timescale = check_timescale_subject(check, item, subject, test, &limit);
    if (timescale < 0)
        return;
    if (timescale > 0) {
        check->limit_spans[*limit_count] = item->where;
        limits[(*limit_count)++] = limit;
        return;
    }
    int answer_set = -1;
    const char *subject_words = subject;
    size_t members = 0;
    int group = strncasecmp(subject, "any ", 4) == 0 ? check_group_subject(check, item, subject + 4, &limit, &members)
                                                     : 0;
    if (group < 0)
        return;
    if (group > 0) {
        /* "any key criterion", "any criterion of group ID": tested on the scale */
    } else if (strncasecmp(subject, "any criterion in ", 17) == 0) {
        const char *name = subject + 17;
        while (*name == ' ')
            name++;
        size_t section;
        if (check_words_equal(name, "it")) {
            if (scope != RUBRIC_SCOPE_SECTION) {
                diagnostic_error(check->report, item->where,
                                 "'any criterion in it' names the section the limit caps, but this limit caps "
                                 "the overall grade; name the section, like 'any criterion in section B'");
                return;
            }
            section = capped;
        } else if (strncasecmp(name, "section ", 8) == 0) {
            const char *label = name + 8;
            while (*label == ' ')
                label++;
            section = check_find_section(check, label, item->where);
            if (section == SIZE_MAX)
                return;
        } else {
            diagnostic_error(check->report, item->where,
                             "'%s' is not a condition's subject; write 'any criterion in section X' or "
                             "'any criterion in it'", subject);
            return;
        }
        limit.subject = RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION;
        limit.subject_index = section;
        answer_set = check_section_answers(check, section);
        subject_words = arena_printf(check->region, "every criterion of section %s", check->sections[section].number);
    } else if (check_words_equal(subject, "any criterion")) {
        limit.subject = RUBRIC_SUBJECT_ANY_CRITERION;
    } else if (strncasecmp(subject, "criterion ", 10) == 0) {
        const char *name = subject + 10;
        while (*name == ' ')
            name++;
        size_t criterion = name_index_find(&check->criterion_index, name);
        if (criterion == SIZE_MAX) {
            ast_item written = {item->where, name};
            diagnostic_error(check->report, item->where, "there is no criterion '%s'%s", name,
                             check_hint(check, &written, &check->criterion_index, NULL));
            return;
        }
        limit.subject = RUBRIC_SUBJECT_CRITERION;
        limit.subject_index = criterion;
        answer_set = check_section_answers(check, check->criteria[criterion].section);
        subject_words = arena_printf(check->region, "criterion '%s'", name);
    } else if (strncasecmp(subject, "section ", 8) == 0) {
        const char *label = subject + 8;
        while (*label == ' ')
            label++;
        size_t section = check_find_section(check, label, item->where);
        if (section == SIZE_MAX)
            return;
        if (check->sections[section].answer_set >= 0) {
            diagnostic_error(check->report, item->where,
                             "section %s is a checklist: it has no grade to test; test its answers, like "
                             "'any criterion in section %s is %s'", check->sections[section].number,
                             check->sections[section].number,
                             check_first_answer(check, check->sections[section].answer_set));
            return;
        }
        if (scope == RUBRIC_SCOPE_SECTION && section == capped) {
            diagnostic_error(check->report, item->where,
                             "a section cannot be limited by its own grade; test its criteria instead, "
                             "like 'any criterion in it is I'");
            return;
        }
        if (scope == RUBRIC_SCOPE_SECTION && effect == RUBRIC_LIMIT_NOT_GRADED) {
            /* a section's "not graded" is decided before any section limit, from its criteria */
            diagnostic_error(check->report, item->where,
                             "whether a section is graded is decided from criteria, before any section's grade "
                             "is known, so it cannot test section %s; count criteria instead, like 'fewer "
                             "than 2 criteria in it are graded'", check->sections[section].number);
            return;
        }
        limit.subject = RUBRIC_SUBJECT_SECTION;
        limit.subject_index = section;
    } else {
        diagnostic_error(check->report, item->where,
                         "'%s' is not a condition's subject; write 'criterion ID', 'section X', 'any "
                         "criterion', 'any criterion in section X', 'any key criterion' or 'any criterion "
                         "of group ID'", subject);
        return;
    }
    if (!check_condition_test(check, item, test, answer_set, subject_words, &limit))
        return;
    check->limit_spans[*limit_count] = item->where;
    limits[(*limit_count)++] = limit;
}

/* A section that a rule caps must be graded: a checklist has no grade. */
static bool check_graded_section(checker *check, size_t section, source_span where)
{
    if (check->sections[section].answer_set < 0)
        return true;
    diagnostic_error(check->report, where,
                     "section %s is a checklist ('answers:'): it has no grade to limit",
                     check->sections[section].number);
    return false;
}

/* The grading rules: each known, given once (per section for the section
 * forms), naming real sections, criteria and levels. */
void check_grading(checker *check)
{
    ir_grading *grading = &check->rubric->grading;
    const ast_rubric *tree = check->tree;
    grading->section_method = RUBRIC_METHOD_MEDIAN;
    grading->overall_method = RUBRIC_METHOD_MEDIAN;
    grading->overall_basis = RUBRIC_BASIS_SECTIONS;
    grading->ties = RUBRIC_TIES_LOWER;
    grading->not_applicable = RUBRIC_NA_LEAVE_OUT;
    grading->good_or_better = check->rubric->level_count >= 2 ? 1 : 0;
    grading->written = tree->block_seen[AST_BLOCK_GRADING];
    if (grading->written)
        grading->where = check_position(check, tree->block_where[AST_BLOCK_GRADING]);

    size_t limit_capacity = 0;
    for (const ast_rule *rule = tree->first_rule; rule != NULL; rule = rule->next)
        if (rule->kind == AST_RULE_OVERALL_LIMIT || rule->kind == AST_RULE_SECTION_LIMIT
            || rule->kind == AST_RULE_OVERALL_CONDITION || rule->kind == AST_RULE_SECTION_CONDITION)
            limit_capacity += rule->value->count * (rule->parameter.text == NULL && rule->kind ==
                                                    AST_RULE_SECTION_CONDITION ? check->rubric->section_count : 1);
    ir_limit *limits = arena_array(check->region, limit_capacity + 1, sizeof *limits);
    check->limit_spans = arena_array(check->region, limit_capacity + 1, sizeof *check->limit_spans);
    size_t limit_count = 0;

    const ast_rule *seen[AST_RULE_KIND_COUNT] = {0};
    bool *section_method_set = arena_array(check->region, check->rubric->section_count + 1, sizeof(bool));
    const ast_rule **section_method_rule = arena_array(check->region, check->rubric->section_count + 1,
                                                       sizeof *section_method_rule);
    for (const ast_rule *rule = tree->first_rule; rule != NULL; rule = rule->next) {
        bool per_section = rule->kind == AST_RULE_ONE_SECTION_GRADE || rule->kind == AST_RULE_SECTION_LIMIT
                           || rule->kind == AST_RULE_SECTION_CONDITION;
        bool repeatable = rule->kind == AST_RULE_OVERALL_LIMIT || rule->kind == AST_RULE_OVERALL_CONDITION;
        if (!per_section && !repeatable) {
            if (seen[rule->kind] != NULL) {
                diagnostic_error(check->report, rule->where, "this grading rule is given twice; keep one");
                diagnostic_note(check->report, seen[rule->kind]->where, "the first is here");
                continue;
            }
            seen[rule->kind] = rule;
        }
        switch (rule->kind) {
        case AST_RULE_SECTION_GRADE: {
            int ties;
            const ast_item *value = check_method_ties(check, rule, "section grade:", &ties);
            if (!check_method(value->text, &grading->section_method))
                diagnostic_error(check->report, value->where, "'%s' is not a grading method; %s%s",
                                 value->text, check_method_help, check_hint_words(check, value, check_method_words));
            else if (check_ties_apply(check, rule, grading->section_method, ties))
                grading->section_ties = ties;
            break;
        }
        case AST_RULE_ONE_SECTION_GRADE: {
            size_t section = check_find_section(check, rule->parameter.text, rule->parameter.where);
            int ties;
            const ast_item *value = check_method_ties(check, rule, "section N grade:", &ties);
            rubric_method method;
            if (!check_method(value->text, &method)) {
                diagnostic_error(check->report, value->where, "'%s' is not a grading method; %s%s",
                                 value->text, check_method_help, check_hint_words(check, value, check_method_words));
                break;
            }
            if (section == SIZE_MAX)
                break;
            if (check->sections[section].answer_set >= 0) {
                diagnostic_error(check->report, rule->where,
                                 "section %s is a checklist ('answers:'): its items are counted, not graded, "
                                 "so it has no grading method; remove this rule",
                                 check->sections[section].number);
                break;
            }
            if (section_method_set[section]) {
                diagnostic_error(check->report, rule->where,
                                 "the grading method of section %s is given twice; keep one",
                                 check->sections[section].number);
                diagnostic_note(check->report, section_method_rule[section]->where, "the first is here");
                break;
            }
            section_method_set[section] = true;
            section_method_rule[section] = rule;
            check->sections[section].method = method;
            if (check_ties_apply(check, rule, method, ties))
                check->sections[section].ties = ties;
            break;
        }
        case AST_RULE_OVERALL_GRADE: {
            int ties = 0;
            /* "mean of sections, unrounded" (or ", rounded", the default) */
            const ast_item *averaged = rule->value->count == 2 ? &rule->value->items[1] : NULL;
            if (averaged && !check_words_equal(averaged->text, "unrounded") &&
                !check_words_equal(averaged->text, "rounded"))
                averaged = NULL;
            const ast_item *value = averaged ? &rule->value->items[0]
                                             : check_method_ties(check, rule, "overall grade:", &ties);
            char *text = arena_strdup(check->region, value->text);
            size_t length = strlen(text);
            if (length > 12 && check_words_equal(text + length - 12, " of sections")) {
                text[length - 12] = '\0';
                grading->overall_basis = RUBRIC_BASIS_SECTIONS;
            } else if (length > 12 && check_words_equal(text + length - 12, " of criteria")) {
                text[length - 12] = '\0';
                grading->overall_basis = RUBRIC_BASIS_CRITERIA;
            }
            if (!check_method(text, &grading->overall_method))
                diagnostic_error(check->report, value->where,
                                 "'%s' is not an overall grading rule; write a method (worst, best, median, "
                                 "most frequent or mean) and 'of sections' or 'of criteria', like 'median of sections'%s",
                                 value->text, check_hint_words(check, value, check_overall_words));
            else if (averaged && (grading->overall_method != RUBRIC_METHOD_MEAN ||
                                  grading->overall_basis != RUBRIC_BASIS_SECTIONS))
                diagnostic_error(check->report, averaged->where,
                                 "'%s' says how a mean of sections averages them (their grades, or their "
                                 "unrounded means), so it needs 'mean of sections'; remove ', %s'",
                                 averaged->text, averaged->text);
            else if (averaged)
                grading->unrounded_sections = check_words_equal(averaged->text, "unrounded");
            else if (check_ties_apply(check, rule, grading->overall_method, ties))
                grading->overall_ties = ties;
            break;
        }
        case AST_RULE_OVERALL_LIMIT:
            check_limit_items(check, rule, RUBRIC_SCOPE_OVERALL, 0, limits, &limit_count);
            break;
        case AST_RULE_SECTION_LIMIT: {
            size_t section = check_find_section(check, rule->parameter.text, rule->parameter.where);
            if (section != SIZE_MAX && check_graded_section(check, section, rule->parameter.where))
                check_limit_items(check, rule, RUBRIC_SCOPE_SECTION, section, limits, &limit_count);
            break;
        }
        case AST_RULE_OVERALL_CONDITION:
            check_condition(check, rule, RUBRIC_SCOPE_OVERALL, 0, limits, &limit_count);
            break;
        case AST_RULE_SECTION_CONDITION: {
            if (rule->parameter.text == NULL) {
                /* "section not graded when:": the rule for every graded section */
                for (size_t section = 0; section < check->rubric->section_count; section++)
                    if (check->sections[section].answer_set < 0)
                        check_condition(check, rule, RUBRIC_SCOPE_SECTION, section, limits, &limit_count);
                break;
            }
            size_t section = check_find_section(check, rule->parameter.text, rule->parameter.where);
            if (section != SIZE_MAX && check_graded_section(check, section, rule->parameter.where))
                check_condition(check, rule, RUBRIC_SCOPE_SECTION, section, limits, &limit_count);
            break;
        }
        case AST_RULE_ROUNDING: {
            const ast_item *value = &rule->value->items[0];
            const char *text = value->text;
            if (rule->value->count == 2)
                text = arena_printf(check->region, "%s, %s", value->text, rule->value->items[1].text);
            if (check_words_equal(text, "down"))
                grading->rounding = RUBRIC_ROUND_DOWN;
            else if (check_words_equal(text, "nearest, half down"))
                grading->rounding = RUBRIC_ROUND_NEAREST_HALF_DOWN;
            else if (check_words_equal(text, "nearest, half up"))
                grading->rounding = RUBRIC_ROUND_NEAREST_HALF_UP;
            else {
                ast_item whole = {value->where, text};
                whole.where.end = rule->value->items[rule->value->count - 1].where.end;
                diagnostic_error(check->report, whole.where,
                                 "'%s' is not a rounding rule; write 'nearest, half down' (an exact half "
                                 "goes to the worse level), 'nearest, half up' or 'down' (always to the "
                                 "worse level)%s", text, check_hint_words(check, &whole, check_rounding_words));
            }
            break;
        }
        case AST_RULE_KIND_COUNT:
            break;
        case AST_RULE_NOT_APPLICABLE: {
            const ast_item *value = check_rule_value(check, rule, "not applicable:");
            if (check_words_equal(value->text, "leave out")) {
                grading->not_applicable = RUBRIC_NA_LEAVE_OUT;
            } else if (strncasecmp(value->text, "count as ", 9) == 0) {
                const char *code = value->text + 9;
                while (*code == ' ')
                    code++;
                size_t level = name_index_find(&check->level_index, code);
                if (level == SIZE_MAX) {
                    ast_item written = {value->where, code};
                    diagnostic_error(check->report, value->where,
                                     "'%s' is not a level of the scale; the levels are %s%s", code,
                                     check_level_list(check), check_hint(check, &written, &check->level_index, NULL));
                } else {
                    grading->not_applicable = RUBRIC_NA_COUNT_AS;
                    grading->not_applicable_level = level;
                }
            } else {
                diagnostic_error(check->report, value->where,
                                 "'%s' is not a rule for not applicable grades; write 'leave out' or 'count as' and a level%s",
                                 value->text, check_hint_words(check, value, check_not_applicable_words));
            }
            break;
        }
        case AST_RULE_TIES: {
            const ast_item *value = check_rule_value(check, rule, "ties:");
            if (check_words_equal(value->text, "lower"))
                grading->ties = RUBRIC_TIES_LOWER;
            else if (check_words_equal(value->text, "higher"))
                grading->ties = RUBRIC_TIES_HIGHER;
            else
                diagnostic_error(check->report, value->where,
                                 "'%s' is not a tie rule; write 'lower' (the worse grade wins) or 'higher'%s",
                                 value->text, check_hint_words(check, value, check_tie_words));
            break;
        }
        case AST_RULE_GOOD_OR_BETTER: {
            const ast_item *value = check_rule_value(check, rule, "good or better:");
            size_t level = name_index_find(&check->level_index, value->text);
            if (level == SIZE_MAX)
                diagnostic_error(check->report, value->where,
                                 "'%s' is not a level of the scale; the levels are %s%s", value->text,
                                 check_level_list(check), check_hint(check, value, &check->level_index, NULL));
            else
                grading->good_or_better = level;
            if (level != SIZE_MAX && level + 1 == check->rubric->level_count && level > 1)
                diagnostic_warning(check->report, value->where,
                                   "'good or better: %s' names the worst level, so every graded case "
                                   "counts as good or better; name the lowest level that counts as good "
                                   "(the scale lists levels best first: %s)",
                                   value->text, check_level_list(check));
            break;
        }
        }
    }
    for (size_t i = 0; i < check->rubric->section_count; i++)
        if (!section_method_set[i]) {
            check->sections[i].method = grading->section_method;
            check->sections[i].ties = grading->section_ties;
        }
    grading->limits = limits;
    grading->limit_count = limit_count;
}

/* ------------------------------------------------------ limit circles */

/* The section whose grade a section limit reads (its "by" section, or the
 * section its condition tests), or SIZE_MAX. */
static size_t check_limit_reads_section(const ir_limit *limit)
{
    if (limit->scope != RUBRIC_SCOPE_SECTION)
        return SIZE_MAX;
    if (limit->kind == RUBRIC_LIMIT_BY_SECTION)
        return limit->index;
    if (limit->kind == RUBRIC_LIMIT_BY_CONDITION && limit->subject == RUBRIC_SUBJECT_SECTION)
        return limit->subject_index;
    return SIZE_MAX;
}

/* A circle of section limits ("section 1 no better than: section 2" and
 * "section 2 no better than: section 1", also through conditions such as
 * "section 2 no better than R when: section 1 is I") is an error: each
 * grade would depend on the other, so the order the limits are applied
 * in would decide the result. The limits between sections form a graph,
 * searched depth first with an explicit stack (the input decides its
 * depth); each circle is reported once, at the limit that closes it. */
void check_limit_circles(checker *check)
{
    const ir_grading *grading = &check->rubric->grading;
    size_t section_count = check->rubric->section_count;
    /* The section-to-section limits, grouped by capped section. */
    size_t *first_edge = arena_array(check->region, section_count + 2, sizeof *first_edge);
    size_t *edges = arena_array(check->region, grading->limit_count + 1, sizeof *edges);
    for (size_t i = 0; i < grading->limit_count; i++)
        if (check_limit_reads_section(&grading->limits[i]) != SIZE_MAX)
            first_edge[grading->limits[i].section + 1]++;
    for (size_t n = 0; n < section_count; n++)
        first_edge[n + 1] += first_edge[n];
    size_t *fill = arena_array(check->region, section_count + 1, sizeof *fill);
    memcpy(fill, first_edge, section_count * sizeof *fill);
    for (size_t i = 0; i < grading->limit_count; i++)
        if (check_limit_reads_section(&grading->limits[i]) != SIZE_MAX)
            edges[fill[grading->limits[i].section]++] = i;

    enum { UNSEEN, ON_PATH, DONE };
    unsigned char *state = arena_array(check->region, section_count + 1, 1);
    size_t *stack = arena_array(check->region, section_count + 1, sizeof *stack);
    size_t *next = arena_array(check->region, section_count + 1, sizeof *next);
    for (size_t root = 0; root < section_count; root++) {
        if (state[root] != UNSEEN)
            continue;
        size_t depth = 0;
        stack[depth++] = root;
        state[root] = ON_PATH;
        next[root] = first_edge[root];
        while (depth > 0) {
            size_t node = stack[depth - 1];
            if (next[node] == first_edge[node + 1]) {
                state[node] = DONE;
                depth--;
                continue;
            }
            size_t limit = edges[next[node]++];
            size_t target = check_limit_reads_section(&grading->limits[limit]);
            if (state[target] == UNSEEN) {
                state[target] = ON_PATH;
                next[target] = first_edge[target];
                stack[depth++] = target;
            } else if (state[target] == ON_PATH) {
                /* The circle: target … node on the stack, then target. */
                size_t from = depth;
                while (stack[from - 1] != target)
                    from--;
                const char *circle = "";
                for (size_t k = from - 1; k < depth && k < from + 5; k++)
                    circle = arena_printf(check->region, "%ssection %s, which is no better than ", circle,
                                          check->sections[stack[k]].number);
                if (depth - from + 1 > 6)
                    circle = arena_printf(check->region, "%s… ", circle);
                diagnostic_error(check->report, check->limit_spans[limit],
                                 "the section limits go round in a circle: %ssection %s; each grade would "
                                 "depend on the other, so remove one of them",
                                 circle, check->sections[target].number);
            }
        }
    }
}
