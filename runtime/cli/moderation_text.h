/*
 * moderation_text.h — moderation's figures as readable text (rubric-grade
 * --moderate --format text), each kappa with its reading in words on the
 * banding of Landis and Koch (1977). See moderation_text.c.
 */
#ifndef MODERATION_TEXT_H
#define MODERATION_TEXT_H

#include <stdio.h>

#include "moderation.h"

/* "moderate agreement", ..., or "no reading" when kappa is undefined. */
const char *moderation_kappa_reading(const moderation_kappa *kappa);

/* Write the statistics (after moderation_finish) as text; RECORDS and
 * ERRORS count the input. 0 on a write error or lack of memory. */
int moderation_write_text(const moderation_batch *batch, const rubric_model *model, unsigned long records,
                          unsigned long errors, FILE *output);

#endif /* MODERATION_TEXT_H */
