/*
 * facts.h — what the grader and the readers share about case facts
 * (facts.c); the public part is in rubric.h (rubric_fact_*,
 * rubric_audit_field). Internal to the library.
 */
#ifndef FACTS_H
#define FACTS_H

#include <stddef.h>

#include "rubric.h"

/* 1 for "yes" (any case) or "true", 0 for "no" or "false", else -1. */
int facts_yes_no(const char *value);

/* The dates of a dates fact's value TEXT ("2026-03-02, 2026-03-16", ';'
 * also between them, or a JSON array ["2026-03-02","2026-03-16"]): their
 * number (0 for an empty list), the first CAPACITY of them stored in
 * MOMENTS as minutes since 1970 (their midnights), in the order written;
 * -1 when TEXT is not such a list. */
long facts_dates(const char *text, long long *moments, size_t capacity);

/* The edit distance of A and B, ignoring the case of ASCII letters, or a
 * number above LIMIT when it is more than that. */
unsigned facts_distance(const char *a, const char *b, unsigned limit);

/* How far a name may be from VALUE to be suggested for it: 1 for a short
 * VALUE, up to 3 for a long one. */
unsigned facts_distance_limit(const char *value);

/* The choice of FACT nearest VALUE (a few letters apart, any case), or NULL. */
const char *facts_nearest_choice(const rubric_fact *fact, const char *value);

/* A FACT_MISSING or FACT_NOT_VALID problem in one line, like snprintf:
 * "fact 'team': 'Children In Cre' is not one of Assessment, …; did you
 * mean 'Children in Care'?". */
size_t facts_describe_problem(const rubric_model *model, const rubric_problem *problem, char *buffer,
                              size_t size);

#endif /* FACTS_H */
