/*
 * rubric_diff.h — rubricc diff: what changed between two editions of a
 * rubric, and what each change does to audits already graded.
 *
 * Both editions are compiled and compared through their IR, matched by
 * id: sections and criteria added, removed, moved to another section,
 * reordered, retitled or renumbered; descriptor text changed (shown word by
 * word, "[-old-]{+new+}" in a terminal, <del>/<ins> in HTML); case types,
 * themes and NA changed; the scale, and every grading rule. Each change is
 * classed by its effect on existing audits:
 *
 *   cannot be graded any more  an audit valid under OLD is refused under NEW
 *                              (a criterion removed or added, a level
 *                              removed, NA no longer allowed, a new id);
 *   may grade differently      the same grades may combine differently (a
 *                              method, tie, NA or limit rule, the scale's
 *                              order, a criterion moved between sections);
 *   wording only               what auditors read, not what they get.
 *
 * The first two are breaking: with --breaking the command exits 1 when
 * there is one. OLD may be git:REV, the same file as NEW at revision REV
 * (read with `git show REV:./NEW`).
 */
#ifndef RUBRIC_DIFF_H
#define RUBRIC_DIFF_H

#include <stdio.h>

#include "arena.h"
#include "ir.h"

typedef enum rubric_diff_class {
    DIFF_WORDING,                /* wording only */
    DIFF_GRADES,                 /* may grade differently */
    DIFF_UNGRADABLE              /* cannot be graded any more */
} rubric_diff_class;

/* One change: a sentence saying what changed, its class, and for a
 * changed text the old and new text for a word-level diff. */
typedef struct rubric_diff_change {
    rubric_diff_class class_;
    const char *what;
    const char *old_text;        /* NULL unless a text changed */
    const char *new_text;
} rubric_diff_change;

typedef struct rubric_diff_changes {
    rubric_diff_change *changes;
    size_t count;
} rubric_diff_changes;

/* The changes from old to new, in the order of the new edition (header,
 * scale, sections and their criteria, grading). Allocated in region. */
rubric_diff_changes rubric_diff_compare(arena *region, const ir_rubric *old, const ir_rubric *new);

/* The report, as text for a terminal or as an HTML page. */
int rubric_diff_write_text(arena *region, FILE *out, const rubric_diff_changes *changes,
                           const char *old_name, const char *new_name, int with_classes);
int rubric_diff_write_html(arena *region, FILE *out, const rubric_diff_changes *changes,
                           const char *old_name, const char *new_name);

/* rubricc diff [--breaking] [--html FILE | --format text|html] [-I DIR] OLD NEW:
 * argv[0] is "diff". Returns the exit status: 0, or 1 with --breaking when
 * a change is breaking, or when an edition does not compile; 2 bad usage. */
int rubric_diff_command(int argc, char **argv);

#endif /* RUBRIC_DIFF_H */
