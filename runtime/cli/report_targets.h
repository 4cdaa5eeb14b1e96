/*
 * report_targets.h — the rubric's targets ("target: 80% good or better")
 * against a round's counts: the share of graded audits at the target's
 * level or better, and whether that meets it. One judgement for every
 * output that shows a target (the summary's JSON and text, the report's
 * summary page, charts and tables), so they can never disagree.
 */
#ifndef REPORT_TARGETS_H
#define REPORT_TARGETS_H

#include "rubric.h"

/* Whether a target is met, by the counts of one tally. */
typedef enum target_outcome {
    TARGET_NO_AUDITS = -1,       /* no audit graded: neither met nor missed */
    TARGET_NOT_MET = 0,
    TARGET_MET = 1
} target_outcome;

/* COUNTS: one per level in scale order (then NA, not read). *REACHED gets
 * the graded audits at TARGET's level or better, *GRADED those graded at
 * all (not NA). Met when REACHED * 100 >= percent * GRADED (exact, no
 * rounding). TARGET must be declared. */
target_outcome target_judge(const rubric_model *model, const rubric_target *target, const unsigned long *counts,
                            unsigned long *reached, unsigned long *graded);

/* "met", "not met", "no audits". */
const char *target_outcome_words(target_outcome outcome);

/* Whether the rubric declares any target (its own or a section's). */
int targets_declared(const rubric_model *model);

#endif /* REPORT_TARGETS_H */
