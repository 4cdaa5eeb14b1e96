/*
 * suggest.h — "did you mean …?": the nearest of a list of known names to
 * a name the author wrote.
 *
 * Names are compared without regard to case, with runs of spaces as one
 * space, by the number of single-character edits (insert, delete, replace,
 * or swap two neighbours) that turn one into the other. A name is only
 * suggested when it is near enough that it is plausibly what was meant:
 * case only for a one-letter name,
 * one edit for names of up to four characters, two up to eight, three
 * beyond. The checker and the parser phrase the suggestion themselves.
 */
#ifndef SUGGEST_H
#define SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

/* The edit distance between two names, or limit + 1 when it is above limit. */
size_t suggest_distance(const char *written, const char *known, size_t limit);

/* A candidate list being searched for the nearest name. */
typedef struct suggestion {
    const char *written;
    const char *best;            /* the nearest name so far, or NULL */
    size_t best_distance;
    bool exact_but_case;         /* best differs from written only in case */
} suggestion;

void suggest_begin(suggestion *search, const char *written);
void suggest_consider(suggestion *search, const char *known);
/* The nearest name if it is near enough, else NULL. */
const char *suggest_result(const suggestion *search);

/* The nearest of a NULL-terminated list, or NULL. */
const char *suggest_from_list(const char *written, const char *const *known);

#endif /* SUGGEST_H */
