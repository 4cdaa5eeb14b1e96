/*
 * rubric_test_coverage.c — `rubricc test`: which of the rubric's grading
 * rules the audits exercised (rubric_test_internal.h shows how the
 * runner's files fit together).
 *
 * Coverage is judged in two steps: from the rubric alone, which rules an
 * audit could exercise at all (test_plan_coverage: a tie, an NA, a weight
 * counted with another grade, case type by case type); then, from the
 * graded audits, which ones did (test_note_coverage). test_report_coverage
 * says on stderr each rule that could be exercised and was not.
 */
#include "rubric_test_internal.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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
void test_plan_coverage(test_run *run)
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
void test_note_coverage(test_run *run, const rubric_result *result)
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
        if (target->not_graded && target->not_graded_rule == i)
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
size_t test_report_coverage(test_run *run, const char *rubric_path)
{
    rubric_path = diagnostics_escaped(run->region, rubric_path);   /* the user's name, shown */
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
