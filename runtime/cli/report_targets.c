/*
 * report_targets.c — a round's counts against the rubric's targets (see
 * report_targets.h). Integer arithmetic only, so "met" never depends on
 * how a share is rounded for display.
 */
#include "report_targets.h"

target_outcome target_judge(const rubric_model *model, const rubric_target *target, const unsigned long *counts,
                            unsigned long *reached, unsigned long *graded)
{
    *reached = 0;
    *graded = 0;
    for (unsigned level = 0; level < model->level_count; level++) {
        *graded += counts[level];
        if (level <= target->level)
            *reached += counts[level];
    }
    if (*graded == 0)
        return TARGET_NO_AUDITS;
    return (unsigned long long)*reached * 100 >= (unsigned long long)target->percent * *graded ? TARGET_MET
                                                                                                : TARGET_NOT_MET;
}

const char *target_outcome_words(target_outcome outcome)
{
    return outcome == TARGET_MET ? "met" : outcome == TARGET_NOT_MET ? "not met" : "no audits";
}

int targets_declared(const rubric_model *model)
{
    if (model->target.declared)
        return 1;
    for (unsigned section = 0; section < model->section_count; section++)
        if (model->sections[section].target.declared)
            return 1;
    return 0;
}
