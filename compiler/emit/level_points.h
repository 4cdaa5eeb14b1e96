/*
 * level_points.h — the points a grade is worth, for the exports that need
 * numbers (Canvas ratings, CASE level scores).
 *
 * Every export asks these functions. A level's points are its score on a
 * score scale ("scale: scores 0 to 10") or the points the scale declares
 * ("points: O 3, G 2, ..."), as ir_level_points() gives them. A lettered
 * scale without "points:" takes the default: for n levels, the best is
 * worth n-1 points and each level below one less, the worst 0
 * (Outstanding 3, Good 2, Requires Improvement 1, Inadequate 0). An
 * answer of a checklist section is worth 1 when it counts as met, else 0.
 */
#ifndef LEVEL_POINTS_H
#define LEVEL_POINTS_H

#include <stddef.h>

#include "ir.h"

enum { LEVEL_POINTS_TEXT_SIZE = 32 };

/* The points of level (an index into rubric->levels, best first). */
double level_points(const ir_rubric *rubric, size_t level);

/* The points of a checklist answer: 1 met, 0 not met. */
double answer_points(const ir_answer *answer);

/* points as the exports write it: "3", "1.5" (shortest exact decimal,
 * no exponent for the values a rubric has, locale-independent). */
void level_points_format(double points, char text[LEVEL_POINTS_TEXT_SIZE]);

#endif /* LEVEL_POINTS_H */
