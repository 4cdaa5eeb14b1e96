/*
 * ir.c — names of the IR's enumerations, as the language and the JSON
 * write them (see ir.h). One table per enumeration, so that the checker's
 * words and the emitters' words cannot drift apart.
 */
#include "ir.h"

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
    }
    return "own";
}

bool ir_limits_a_grade(const ir_rubric *rubric, rubric_limit_kind kind, size_t index)
{
    for (size_t i = 0; i < rubric->grading.limit_count; i++)
        if (rubric->grading.limits[i].kind == kind && rubric->grading.limits[i].index == index)
            return true;
    return false;
}
