/*
 * check.h — the checker: syntax tree in, checked IR out.
 *
 * check_rubric() enforces every rule of the language that the grammar does
 * not (ids, references, level codes, reuse, descriptors for every level,
 * grading rules), reports each problem through the diagnostics with its
 * place in the source, resolves inheritance (a criterion's effective
 * descriptor for each level: its own, else one taken with "same as", else
 * its section's "every criterion:" statement) and builds the IR (ir.h).
 *
 * Errors: the rubric cannot be compiled; check_rubric returns NULL.
 * Warnings: doubtful but compilable (an abbreviation missing from the
 * glossary, an unused glossary entry, the same text at two levels, a
 * section number out of sequence, a criterion's 'applies to:' that drops
 * its section's 'where appropriate', section limits in a circle); the IR
 * is returned.
 *
 * The tree may come from a parse with syntax errors: headings the parser
 * could not read are stand-ins (ast.h, "broken"), left out here, and the
 * messages that would only echo an earlier error (a criterion whose
 * 'same as:' failed lacks descriptors; a glossary entry used only in a
 * line in error looks unused) are not given. Names not found get a
 * did-you-mean (suggest.h) or the look-alike character in them named
 * (lookalike.h); prose that took in an entry is reported (swallow.h).
 */
#ifndef CHECK_H
#define CHECK_H

#include "arena.h"
#include "ast.h"
#include "diagnostics.h"
#include "ir.h"
#include "source.h"

const ir_rubric *check_rubric(arena *region, const source_set *sources, diagnostics *report,
                              const ast_rubric *tree, int main_file);

#endif /* CHECK_H */
