/*
 * level_points.c — the points of a grade (see level_points.h): the one
 * place where the exports learn them.
 */
#include "level_points.h"

#include <stdio.h>

double level_points(const ir_rubric *rubric, size_t level)
{
    int declared;
    if (ir_level_points(rubric, level, &declared))
        return (double)declared;
    return (double)(rubric->level_count - 1 - level);
}

double answer_points(const ir_answer *answer)
{
    return answer->met ? 1.0 : 0.0;
}

void level_points_format(double points, char text[LEVEL_POINTS_TEXT_SIZE])
{
    /* rubricc never calls setlocale, so the decimal point is '.'. */
    snprintf(text, LEVEL_POINTS_TEXT_SIZE, "%.15g", points);
}
