/*
 * diagnostics.h — errors, warnings and notes, reported as a good compiler
 * does:
 *
 *   rubrics/x.rubric:12:5: error: criterion 'referral-quality' has no descriptor for level R
 *      12 |     G: Referral on agreed format, containing all relevant …
 *         |     ^~
 *
 * One format everywhere: file:line:column (columns in characters), the
 * severity, the message, then the source line and a caret (with a tilde
 * underline for the rest of the span on that line). A note follows the
 * diagnostic it explains ("first defined here"). With warnings_are_errors
 * (-Werror) a warning is printed and counted as an error.
 */
#ifndef DIAGNOSTICS_H
#define DIAGNOSTICS_H

#include <stdbool.h>
#include <stdio.h>

#include "source.h"

typedef struct diagnostics {
    const source_set *sources;
    FILE *out;
    bool warnings_are_errors;
    int error_count;
    int warning_count;
} diagnostics;

void diagnostics_init(diagnostics *report, const source_set *sources, FILE *out);

void diagnostic_error(diagnostics *report, source_span where, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void diagnostic_warning(diagnostics *report, source_span where, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void diagnostic_note(diagnostics *report, source_span where, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* DIAGNOSTICS_H */
