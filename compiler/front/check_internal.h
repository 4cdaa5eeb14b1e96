/*
 * check_internal.h — what the checker's files share (check.h says what
 * the checker does).
 *
 * The checker is one pass over the syntax tree split by what it checks:
 *   check.c           check_rubric (the order of the passes) and the
 *                     header entries
 *   check_support.c   the helpers every pass uses: positions, prose, hints
 *                     for names not found, ids (the name indexes they fill
 *                     are name_index.c); they call no pass, so calls run
 *                     one way: check.c -> passes -> check_support.c
 *   check_scale.c     what a grade can be: the scale, the bands, the
 *                     checklists' answer sets
 *   check_glossary.c  the words a rubric declares and tags with: the
 *                     glossary, the case types, the themes, and the
 *                     "applies to:" and "themes:" tags that name them
 *   check_sections.c  sections, their criteria and descriptors, and each
 *                     criterion's effective descriptors ("same as", the
 *                     section's "every criterion:")
 *   check_rules.c     the grading rules: methods, rounding, ties, NA, the
 *                     limits and their conditions, and circles of limits
 *   check_facts.c     the facts a record carries about the case ("facts:")
 *   check_groups.c    groups of criteria ("groups:"), a criterion's "groups:"
 *                     and "key:", and the conditions' subjects naming them
 *   check_targets.c   the targets: "target: 80% good or better"
 *   check_prose.c     the checks that read all the prose: abbreviations
 *                     against the glossary, entries a prose value took in
 *
 * The contract: one checker is shared by every pass, and check_rubric
 * calls the passes in a fixed order, each reading what the earlier ones
 * filled in (and nothing later):
 *
 *   pass                     fills
 *   check_header             rubric's id, title, authority, version, dates
 *   check_scale              levels, level_index, the rubric's scale
 *   check_swallowed_entries  (reads level_index)
 *   check_bands              bands, band_index
 *   check_glossary           glossary, glossary_spans, glossary_used,
 *                            glossary_index
 *   check_case_types         the rubric's case types, case_types_declared
 *   check_facts              the rubric's facts, fact_trees
 *   check_answer_sets        answer_sets, answer_set_index,
 *                            answer_indexes, answer_lists
 *   check_themes             themes, theme_index
 *   check_groups             the rubric's groups, group_index
 *   check_sections           sections, section_trees, section_index,
 *                            criteria, criterion_trees, criterion_index
 *   check_criteria           each criterion's effective descriptors
 *   check_group_tags         each criterion's key and groups
 *   check_grading            the rubric's grading rules, limit_spans
 *   check_limit_circles      (reads the limits and limit_spans)
 *   check_glossary_usage     compounds; marks glossary_used, then warns
 *   check_fact_keys          (reads the facts and the id indexes)
 *   check_conditions         each section's and criterion's applies_when
 *   check_timescales         each criterion's timescale
 *   check_targets            the rubric's and each section's target
 *
 * Every pass reports its problems through check->report and goes on, so
 * that one run shows them all; everything it makes lives in
 * check->region. A name not found is reported with check_hint's advice.
 */
#ifndef CHECK_INTERNAL_H
#define CHECK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diagnostics.h"
#include "ir.h"
#include "name_index.h"
#include "source.h"

/* What every pass shares: the tree, the IR being built, and the names
 * checked so far (which pass fills what: above). */
typedef struct checker {
    arena *region;
    const source_set *sources;
    diagnostics *report;
    const ast_rubric *tree;
    int main_file;

    ir_rubric *rubric;
    ir_level *levels;
    ir_glossary_entry *glossary;
    source_span *glossary_spans;     /* where each entry was written */
    bool *glossary_used;
    size_t *compounds;               /* glossary entries with '/' or '&' */
    size_t compound_count;
    ir_theme *themes;
    ir_section *sections;
    ir_criterion *criteria;
    const ast_criterion **criterion_trees;    /* by criterion index */
    const ast_section **section_trees;        /* by section index */

    name_index level_index;
    name_index glossary_index;
    name_index theme_index;
    name_index section_index;
    name_index criterion_index;
    name_index group_index;          /* "groups:" (check_groups.c) */

    source_span *limit_spans;        /* where each limit of grading.limits was written */

    ir_band *bands;
    name_index band_index;
    ir_answer_set *answer_sets;
    name_index answer_set_index;
    name_index *answer_indexes;      /* per answer set: its codes */
    const char **answer_lists;       /* per answer set: "Y or N", for messages */
    bool case_types_declared;
    const struct ast_fact **fact_trees;   /* by fact index: where each was declared */
} checker;

/* "applies to:" and "themes:" of a section or a criterion, checked. */
typedef struct check_tags {
    const char **applies_to;
    size_t applies_to_count;
    bool not_applicable_allowed;
    size_t *themes;
    size_t theme_count;
} check_tags;

/* ------------------------------------------------- check.c: shared helpers */

/* Places and prose, for the IR. */
ir_position check_position(const checker *check, source_span where);
source_span check_file_start(const checker *check);
const ir_prose *check_prose(const checker *check, ast_prose *prose);
const char *check_plain(const ast_prose *prose);

/* Names and values as written: the hints end a message about a name not
 * known ("; did you mean 'G'?"); check_id and check_single report what
 * they reject. */
const char *check_hint(checker *check, const ast_item *item, const name_index *index,
                       const char *const *extra);
const char *check_hint_words(checker *check, const ast_item *item, const char *const *words);
bool check_id(checker *check, const char *what, const ast_item *item);
const ast_item *check_single(checker *check, const ast_items *items, const char *entry);
bool check_words_equal(const char *text, const char *words);
const char *check_level_list(checker *check);

/* ------------------------------------------------------------ the passes */

/* check_facts.c */
void check_facts(checker *check);
void check_fact_keys(checker *check);
void check_conditions(checker *check);
void check_timescales(checker *check);
/* The index of the fact named NAME (as declared, or its key), or SIZE_MAX. */
size_t check_find_fact(const checker *check, const char *name);
/* A condition's subject "the timescale of criterion ID", its TEST "met"
 * or "not met": 1 (LIMIT's subject and test filled), 0 (not such a
 * subject), -1 (reported). */
int check_timescale_subject(checker *check, const ast_item *item, const char *subject, const char *test,
                            ir_limit *limit);

/* check_scale.c */
void check_scale(checker *check);
void check_bands(checker *check);
void check_answer_sets(checker *check);

/* check_glossary.c */
void check_glossary(checker *check);
void check_case_types(checker *check);
void check_themes(checker *check);
/* A section's or a criterion's tags, for check_sections.c. */
void check_applies_to(checker *check, const ast_items *items, check_tags *tags);
void check_theme_tags(checker *check, const ast_items *items, check_tags *tags);

/* check_sections.c */
void check_sections(checker *check);
void check_criteria(checker *check);

/* check_groups.c */
void check_groups(checker *check);
void check_group_tags(checker *check);
/* A condition's subject naming key criteria or a group: 1 (LIMIT's subject
 * filled, *MEMBERS its size), 0 (not such a subject), -1 (reported). */
int check_group_subject(checker *check, const ast_item *item, const char *text, ir_limit *limit,
                        size_t *members);

/* check_rules.c */
void check_grading(checker *check);
void check_limit_circles(checker *check);

/* check_meaning.c: valid rubrics that probably mean something else (warnings) */
void check_meaning(checker *check);

/* check_targets.c */
void check_targets(checker *check);

/* check_prose.c */
void check_swallowed_entries(checker *check);
void check_glossary_usage(checker *check);

#endif /* CHECK_INTERNAL_H */
