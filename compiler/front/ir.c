/*
 * ir.c — names of the IR's enumerations, as the language and the JSON
 * write them (see ir.h). One table per enumeration, so that the checker's
 * words and the emitters' words cannot drift apart.
 */
#include "ir.h"

#include <stdint.h>
#include <stdio.h>

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
    }
    return "is";
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
