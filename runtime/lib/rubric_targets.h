/*
 * rubric_targets.h — the targets a rubric declares ("target: 80% good or
 * better"), read from the compiled JSON and checked (rubric_targets.c).
 * Internal to the library: rubric_load.c reads them, model.c checks them
 * in rubric_model_check; the report reads rubric_model's target fields.
 */
#ifndef RUBRIC_TARGETS_H
#define RUBRIC_TARGETS_H

#include <stddef.h>

#include "rubric.h"

struct json_node;   /* json_tree.h: the loader includes it, model.c need not */

/* OBJECT's "target" (absent or null: none, *TARGET zeroed): {"percent",
 * "level"}, the level resolved against MODEL's levels, loaded before.
 * 0 with the problem in PROBLEM[SIZE] when it is not a valid target. */
int targets_load(const struct json_node *object, const rubric_model *model, rubric_target *target, char *problem,
                 size_t size);

/* Whether every declared target of MODEL names a level of its scale and a
 * share from 0 to 100; 0 with the problem in PROBLEM[SIZE] when not. */
int targets_check(const rubric_model *model, char *problem, size_t size);

#endif /* RUBRIC_TARGETS_H */
