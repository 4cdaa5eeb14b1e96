/*
 * suggest.c — nearest-name suggestions for "did you mean …?" (see
 * suggest.h).
 *
 * The distance is the optimal string alignment form of Damerau-Levenshtein
 * over bytes, folded to lower case, computed in three rows of a small
 * fixed buffer: the names compared are entry keywords, level codes and
 * ids, and a name longer than the buffer is simply never suggested.
 */
#include "suggest.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

enum { SUGGEST_MAX_LENGTH = 64 };

/* The name folded to lower case with runs of spaces as one; 0 if too long. */
static size_t suggest_fold(const char *text, char *folded)
{
    size_t length = 0;
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == ' ' && (length == 0 || folded[length - 1] == ' '))
            continue;
        if (length == SUGGEST_MAX_LENGTH)
            return 0;
        folded[length++] = (char)tolower((unsigned char)*p);
    }
    while (length > 0 && folded[length - 1] == ' ')
        length--;
    return length;
}

static size_t suggest_min(size_t a, size_t b)
{
    return a < b ? a : b;
}

size_t suggest_distance(const char *written, const char *known, size_t limit)
{
    char a[SUGGEST_MAX_LENGTH], b[SUGGEST_MAX_LENGTH];
    size_t n = suggest_fold(written, a), m = suggest_fold(known, b);
    if (n == 0 || m == 0)
        return limit + 1;
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    size_t rows[3][SUGGEST_MAX_LENGTH + 1];
    size_t *before = rows[0], *previous = rows[1], *current = rows[2];
    for (size_t j = 0; j <= m; j++)
        previous[j] = j;
    for (size_t i = 1; i <= n; i++) {
        current[0] = i;
        size_t row_best = current[0];
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t value = suggest_min(suggest_min(previous[j] + 1, current[j - 1] + 1),
                                       previous[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                value = suggest_min(value, before[j - 2] + 1);
            current[j] = value;
            row_best = suggest_min(row_best, value);
        }
        if (row_best > limit)
            return limit + 1;
        size_t *spare = before;
        before = previous;
        previous = current;
        current = spare;
    }
    return previous[m] > limit ? limit + 1 : previous[m];
}

/* How far a name of this length may be from what was meant. */
static size_t suggest_limit(const char *written)
{
    size_t length = strlen(written);
    /* A one-letter name is one edit from every other: only its case. */
    return length <= 1 ? 0 : length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/* Whether written is known (of at least eight characters) with letters
 * added at the end of its last word. */
static bool suggest_extends(const char *written, const char *known)
{
    size_t length = strlen(known);
    if (length < 8 || strlen(written) <= length || strncasecmp(written, known, length) != 0)
        return false;
    for (const char *p = written + length; *p != '\0'; p++)
        if (!isalpha((unsigned char)*p))
            return false;
    return true;
}

void suggest_begin(suggestion *search, const char *written)
{
    search->written = written;
    search->best = NULL;
    search->best_distance = suggest_limit(written) + 1;
    search->exact_but_case = false;
}

void suggest_consider(suggestion *search, const char *known)
{
    if (search->exact_but_case || strcmp(search->written, known) == 0)
        return;
    size_t distance = suggest_distance(search->written, known, search->best_distance);
    if (distance == 0) {
        /* "g" for "G": the same but for case (or spacing). */
        search->best = known;
        search->best_distance = 0;
        search->exact_but_case = true;
    } else if (distance < search->best_distance) {
        search->best = known;
        search->best_distance = distance;
    } else if (search->best == NULL && suggest_extends(search->written, known)) {
        /* "nearest, half upwards" for "nearest, half up": the known name
         * with a word's ending added, far by letters but plainly meant. */
        search->best = known;
        search->best_distance = suggest_limit(search->written);
    }
}

const char *suggest_result(const suggestion *search)
{
    return search->best;
}

const char *suggest_from_list(const char *written, const char *const *known)
{
    suggestion search;
    suggest_begin(&search, written);
    for (size_t i = 0; known[i] != NULL; i++)
        suggest_consider(&search, known[i]);
    return suggest_result(&search);
}
