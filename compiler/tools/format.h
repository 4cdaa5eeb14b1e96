/*
 * format.h — the canonical layout of a rubric file (rubricc fmt).
 *
 * The formatter reads the main file's lines the way the scanner does
 * (entries, prose continuation lines, comments, blank lines) and writes
 * them out again in one layout:
 *
 *   - indentation by nesting: the rubric's header entries, blocks and
 *     section lines at column 0; a block's entries, a section's entries and
 *     its criterion lines at 2; a criterion's entries and the entries of
 *     "every criterion:" at 4;
 *   - names in their canonical spelling ("applies to:", one space between
 *     words), comma-separated values as "a, b, c";
 *   - prose rewrapped at FORMAT_WIDTH characters without changing a word:
 *     continuation lines aligned under the value, bullet items hung under
 *     their text, the author's paragraph breaks and bullets kept;
 *   - one blank line before each section, block and criterion, none inside
 *     a section's or a criterion's entries; between header entries the
 *     author's blank lines are kept (at most one);
 *   - a criterion's entries in one order: same as, applies to, themes, then
 *     the level descriptors in scale order; a section's entries in the
 *     order id, title supplied, out of sequence, applies to, themes, scope;
 *     everything else (sections, criteria, blocks' entries) stays where it
 *     was written;
 *   - every comment kept: a comment line goes with the entry that follows
 *     it (so it moves when that entry moves), a comment inside a prose
 *     value stays between the same lines of text, and a comment after a
 *     list of values stays at the end of its line.
 *
 * The layout depends on entry kinds and nesting only (the table in
 * format.c), so a new keyword needs one table row. Only a file that parses
 * without errors is formatted; the formatted text compiles to the same
 * rubric (only source positions differ), and formatting it again changes
 * nothing.
 */
#ifndef FORMAT_H
#define FORMAT_H

#include <stddef.h>

#include "arena.h"
#include "diagnostics.h"
#include "source.h"

/* The column prose is wrapped at (in characters). */
enum { FORMAT_WIDTH = 80 };

/* The formatted text, allocated in the caller's arena. */
typedef struct format_text {
    char *data;
    size_t length;
} format_text;

/* Format sources->files[main_file]. Returns 0 with the text in *out, or -1
 * when the file has syntax errors (reported to report; nothing formatted). */
int format_loaded(arena *region, source_set *sources, diagnostics *report, int main_file,
                  format_text *out);

/* The same for text held in memory (an editor's buffer), named name in
 * diagnostics and used to find its includes. */
int format_rubric_text(arena *region, source_set *sources, diagnostics *report, const char *name,
                       const char *text, size_t length, format_text *out);

/* rubricc fmt [--check | --diff | --write] [-I DIR] FILE...: argv[0] is
 * "fmt". Without a mode, the formatted files are written to stdout.
 * Returns the exit status (format_command.c). */
int format_command(int argc, char **argv);

#endif /* FORMAT_H */
