/*
 * ir.c — names of the IR's enumerations, as the language and the JSON
 * write them (see ir.h). One table per enumeration, so that the checker's
 * words and the emitters' words cannot drift apart.
 */
#include "ir.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

const char *ir_method_name(rubric_method method)
{
    switch (method) {
    case RUBRIC_METHOD_WORST:
        return "worst";
    case RUBRIC_METHOD_BEST:
        return "best";
    case RUBRIC_METHOD_MEDIAN:
        return "median";
    case RUBRIC_METHOD_MOST_FREQUENT:
        return "most frequent";
    case RUBRIC_METHOD_MEAN:
        return "mean";
    }
    return "median";
}

const char *ir_basis_name(rubric_basis basis)
{
    return basis == RUBRIC_BASIS_CRITERIA ? "criteria" : "sections";
}

const char *ir_ties_name(rubric_ties ties)
{
    return ties == RUBRIC_TIES_HIGHER ? "higher" : "lower";
}

const char *ir_effect_name(rubric_limit_effect effect)
{
    return effect == RUBRIC_LIMIT_IS ? "is" : effect == RUBRIC_LIMIT_NOT_GRADED ? "not graded" : "no better than";
}

const char *ir_origin_name(ir_origin origin)
{
    switch (origin) {
    case IR_ORIGIN_OWN:
        return "own";
    case IR_ORIGIN_REUSED:
        return "reused";
    case IR_ORIGIN_SECTION:
        return "section";
    case IR_ORIGIN_BETWEEN:
        return "between";
    case IR_ORIGIN_NONE:
        return "none";
    }
    return "own";
}

const char *ir_rounding_name(rubric_rounding rounding)
{
    switch (rounding) {
    case RUBRIC_ROUND_NEAREST_HALF_DOWN:
        return "nearest, half down";
    case RUBRIC_ROUND_NEAREST_HALF_UP:
        return "nearest, half up";
    case RUBRIC_ROUND_DOWN:
        return "down";
    }
    return "nearest, half down";
}

const char *ir_subject_name(rubric_subject subject)
{
    switch (subject) {
    case RUBRIC_SUBJECT_CRITERION:
        return "criterion";
    case RUBRIC_SUBJECT_SECTION:
        return "section";
    case RUBRIC_SUBJECT_ANY_CRITERION:
        return "any criterion";
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION:
        return "any criterion in section";
    case RUBRIC_SUBJECT_ANY_KEY_CRITERION:
        return "any key criterion";
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP:
        return "any criterion of group";
    case RUBRIC_SUBJECT_TIMESCALE:
        return "timescale";
    }
    return "criterion";
}

const char *ir_test_name(rubric_test test)
{
    switch (test) {
    case RUBRIC_TEST_IS:
        return "is";
    case RUBRIC_TEST_OR_WORSE:
        return "or worse";
    case RUBRIC_TEST_OR_BETTER:
        return "or better";
    case RUBRIC_TEST_IN_BAND:
        return "band";
    case RUBRIC_TEST_GRADED:
        return "graded";
    case RUBRIC_TEST_NOT_APPLICABLE:
        return "NA";
    case RUBRIC_TEST_MET:
        return "met";
    case RUBRIC_TEST_NOT_MET:
        return "not met";
    }
    return "is";
}

const char *ir_count_rule_name(rubric_count_rule rule)
{
    switch (rule) {
    case RUBRIC_COUNT_NONE:
        return NULL;
    case RUBRIC_COUNT_AT_LEAST:
        return "at least";
    case RUBRIC_COUNT_MORE_THAN:
        return "more than";
    case RUBRIC_COUNT_FEWER_THAN:
        return "fewer than";
    case RUBRIC_COUNT_AT_MOST:
        return "at most";
    }
    return NULL;
}

const char *ir_fact_type_name(rubric_fact_type type)
{
    switch (type) {
    case RUBRIC_FACT_TEXT:
        return "text";
    case RUBRIC_FACT_CHOICE:
        return "choice";
    case RUBRIC_FACT_DATE:
        return "date";
    case RUBRIC_FACT_NUMBER:
        return "number";
    case RUBRIC_FACT_YES_NO:
        return "yes/no";
    case RUBRIC_FACT_DATES:
        return "dates";
    }
    return "text";
}

const char *ir_weight_text(unsigned weight_hundredths, char *buffer, size_t size)
{
    unsigned whole = weight_hundredths / 100, fraction = weight_hundredths % 100;
    if (fraction == 0)
        snprintf(buffer, size, "%u", whole);
    else if (fraction % 10 == 0)
        snprintf(buffer, size, "%u.%u", whole, fraction / 10);
    else
        snprintf(buffer, size, "%u.%02u", whole, fraction);
    return buffer;
}

bool ir_level_points(const ir_rubric *rubric, size_t level, int *points)
{
    if (level >= rubric->level_count || !rubric->levels[level].has_score)
        return false;
    *points = rubric->levels[level].score;
    return true;
}

size_t ir_band_of_level(const ir_rubric *rubric, size_t level)
{
    for (size_t band = 0; band < rubric->band_count; band++)
        if (rubric->bands[band].best_level <= level && level <= rubric->bands[band].worst_level)
            return band;
    return SIZE_MAX;
}

size_t ir_descriptor_count(const ir_rubric *rubric, const ir_section *section)
{
    if (section->answer_set >= 0)
        return rubric->answer_sets[section->answer_set].answer_count;
    return rubric->level_count;
}

bool ir_limits_a_grade(const ir_rubric *rubric, rubric_limit_kind kind, size_t index)
{
    for (size_t i = 0; i < rubric->grading.limit_count; i++)
    {
        const ir_limit *limit = &rubric->grading.limits[i];
        if (limit->kind == kind && limit->index == index)
            return true;
        /* A condition on the criterion or section limits a grade too. */
        bool subject_kind = kind == RUBRIC_LIMIT_BY_CRITERION
                                ? limit->subject == RUBRIC_SUBJECT_CRITERION
                                : limit->subject == RUBRIC_SUBJECT_SECTION;
        if (limit->kind == RUBRIC_LIMIT_BY_CONDITION && subject_kind && limit->subject_index == index)
            return true;
    }
    return false;
}

const char *ir_time_unit_name(rubric_time_unit unit)
{
    switch (unit) {
    case RUBRIC_UNIT_DAYS:
        return "days";
    case RUBRIC_UNIT_WORKING_DAYS:
        return "working days";
    case RUBRIC_UNIT_MONTHS:
        return "months";
    case RUBRIC_UNIT_HOURS:
        return "hours";
    }
    return "days";
}

const char *ir_fact_test_name(rubric_fact_test test)
{
    switch (test) {
    case RUBRIC_FACT_TEST_IS:
        return "is";
    case RUBRIC_FACT_TEST_IS_NOT:
        return "is not";
    case RUBRIC_FACT_TEST_WITHIN:
        return "within";
    }
    return "is";
}

size_t ir_timescale_describe(const ir_rubric *rubric, const ir_timescale *timescale, char *buffer, size_t size)
{
    const char *unit = ir_time_unit_name(timescale->unit);
    const ir_fact *facts = rubric->facts;
    int written = snprintf(buffer, size, "%s %s %u %.*s %s %s%s%s", facts[timescale->fact].name,
                           timescale->every ? "at least every" : "within", timescale->amount,
                           (int)(strlen(unit) - (timescale->amount == 1)), unit, timescale->every ? "from" : "of",
                           facts[timescale->from_fact].name, timescale->every ? " to " : "",
                           !timescale->every ? "" : timescale->to_fact < 0 ? "the audit date"
                                                                           : facts[timescale->to_fact].name);
    return written < 0 ? 0 : (size_t)written;
}

size_t ir_condition_describe(const ir_rubric *rubric, const ir_condition *condition, char *buffer, size_t size)
{
    const char *name = rubric->facts[condition->fact].name;
    int written;
    if (condition->test == RUBRIC_FACT_TEST_WITHIN) {
        const char *unit = ir_time_unit_name(condition->unit);
        written = snprintf(buffer, size, "%s is within %u %.*s of %s", name, condition->amount,
                           (int)(strlen(unit) - (condition->amount == 1)), unit,
                           condition->of_fact < 0 ? "the audit date" : rubric->facts[condition->of_fact].name);
        return written < 0 ? 0 : (size_t)written;
    }
    written = snprintf(buffer, size, "%s is %s", name, condition->test == RUBRIC_FACT_TEST_IS_NOT ? "not " : "");
    for (size_t i = 0; i < condition->value_count && written >= 0; i++) {
        size_t used = (size_t)written < size ? (size_t)written : size;
        int more = snprintf(buffer + used, size - used, "%s%s", i > 0 ? (i + 1 == condition->value_count ? " or " : ", ") : "",
                            condition->values[i]);
        written = more < 0 ? more : written + more;
    }
    return written < 0 ? 0 : (size_t)written;
}
