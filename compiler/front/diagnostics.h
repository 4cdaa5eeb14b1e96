/*
 * diagnostics.h — errors, warnings and notes, reported as a good compiler
 * does:
 *
 *   In file included from rubrics/x.rubric:35:
 *   rubrics/shared/themes.rubric:12:5: error: criterion 'referral-quality' has no descriptor for level R
 *      12 |     G: Referral on agreed format, containing all relevant …
 *         |     ^~
 *
 * One format everywhere: file:line:column (columns in characters), the
 * severity, the message, then the source line and a caret (with a tilde
 * underline for the rest of the span on that line). A diagnostic in an
 * included file is preceded by the chain of includes that led to it, the
 * nearest first, as gcc does. A note follows the diagnostic it explains
 * ("first defined here"). With warnings_are_errors (-Werror) a warning is
 * printed and counted as an error.
 *
 * A quoted line that holds control characters (binary data) is not quoted,
 * and a very long one is shown as a window around the caret, so a file that
 * is not a rubric is never echoed to the terminal. File names and messages
 * (which quote names and values from the user) are shown with their
 * control characters escaped (diagnostics_escaped), so every diagnostic is
 * the lines it says it is.
 *
 * That is the text format, and what a diagnostics with no run prints. A
 * run (one rubricc invocation, made by main.c) chooses the format — text,
 * json, sarif or github (diagnostics_document.c writes the last three) —
 * and caps the errors shown: past max_errors, diagnostics are counted
 * (the exit status still says there were errors) but not shown, and the
 * run's end says how many were not.
 */
#ifndef DIAGNOSTICS_H
#define DIAGNOSTICS_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "diagnostics_format.h"
#include "source.h"


/* The default of --max-errors. */
enum { DIAGNOSTICS_DEFAULT_MAX_ERRORS = 50 };

typedef struct diagnostics {
    const source_set *sources;
    FILE *out;
    bool warnings_are_errors;
    int error_count;
    int warning_count;
    diagnostics_run *run;        /* NULL: text, every diagnostic shown */
} diagnostics;

void diagnostics_init(diagnostics *report, const source_set *sources, FILE *out);

void diagnostic_error(diagnostics *report, source_span where, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void diagnostic_warning(diagnostics *report, source_span where, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void diagnostic_note(diagnostics *report, source_span where, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* text as it may be shown inside one line of a diagnostic, a report or a
 * generated file: control characters escaped (\n, \t, \x1b, \u0085, the
 * bidirectional overrides) and malformed UTF-8 as U+FFFD, by the escaping
 * rubric-grade uses for the same purpose (runtime/lib/safe_text.h). A file
 * name or a string from a user passes through here before it is echoed,
 * so that a name holding a newline cannot forge a "file:line: error:"
 * line. Returns text itself when nothing needs escaping, else a copy in
 * region. The text format escapes every file name and message with it. */
const char *diagnostics_escaped(arena *region, const char *text);

/* A run writing format to out, showing at most max_errors errors (0: no
 * limit). NULL when out of memory. tool_version names rubricc's version
 * in the json and sarif documents. */
diagnostics_run *diagnostics_run_new(diagnostics_format format, FILE *out, int max_errors,
                                     const char *tool_version);

/* End the run: write the json or sarif document (diagnostics are held
 * until then), and the count of those not shown; free the run. Returns 0,
 * or -1 when writing failed. */
int diagnostics_run_finish(diagnostics_run *run);

#endif /* DIAGNOSTICS_H */
