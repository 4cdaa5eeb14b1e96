/*
 * level_points.h — the points a grade is worth, for the exports that need
 * numbers (Canvas ratings, CASE level scores).
 *
 * The language does not declare points yet, so every export asks this one
 * function. The default: for n levels, the best is worth n-1 points and
 * each level below one less, the worst 0 (Outstanding 3, Good 2, Requires
 * Improvement 1, Inadequate 0). When a scale can declare its levels'
 * scores, level_points() returns the declared score instead, and every
 * export follows.
 */
#ifndef LEVEL_POINTS_H
#define LEVEL_POINTS_H

#include <stddef.h>

#include "ir.h"

enum { LEVEL_POINTS_TEXT_SIZE = 32 };

/* The points of level (an index into rubric->levels, best first). */
double level_points(const ir_rubric *rubric, size_t level);

/* points as the exports write it: "3", "1.5" (shortest exact decimal,
 * no exponent for the values a rubric has, locale-independent). */
void level_points_format(double points, char text[LEVEL_POINTS_TEXT_SIZE]);

#endif /* LEVEL_POINTS_H */
