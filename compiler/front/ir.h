/*
 * ir.h — the checked intermediate form of a rubric.
 *
 * The checker (check.c) turns the syntax tree into this form and only hands
 * it on when the rubric has no errors. From then on it is the one truth that
 * every emitter reads (emit_json.c, emit_c.c, emit_html.c): emitters never
 * look at the syntax tree, and never need to resolve anything themselves.
 *
 * Guarantees an emitter may rely on:
 *   - every id is unique in its kind and matches [a-z][a-z0-9-]*;
 *   - levels are in scale order, best first, and there are at least two;
 *   - criteria are stored section by section, in source order, and each
 *     section's criteria are criteria[first_criterion .. + criterion_count);
 *   - every criterion of a graded section has an effective descriptor for
 *     every level (criterion->effective[level]); its prose is NULL only
 *     for a level between the anchors of a score scale (IR_ORIGIN_BETWEEN);
 *   - a criterion of a checklist section (section->answer_set >= 0) has
 *     own[] and effective[] per answer of its set instead of per level,
 *     with NULL prose (IR_ORIGIN_NONE) for an answer it writes nothing for;
 *   - own[] and section_wide[] hold what the author wrote at that very place
 *     (not what a criterion took with "same as"), or NULL for a level not
 *     written there;
 *   - every limit, theme and case type named has been resolved to an index;
 *   - all strings are valid UTF-8 and NUL-terminated; optional ones are NULL
 *     when absent.
 *
 * Memory: an ir_rubric and everything it points to live in the arena that
 * built it (see arena.h) and are freed with it.
 */
#ifndef IR_H
#define IR_H

#include <stdbool.h>
#include <stddef.h>

#include "rubric_model.h"

/* The version of the JSON form written by emit_json.c (format_version). */
#define IR_FORMAT_VERSION RUBRIC_FORMAT_VERSION

/* Where something was written: file name as given, 1-based line and column
 * (columns count characters, not bytes). */
typedef struct ir_position {
    const char *file;
    int line;
    int column;
} ir_position;

/* A piece of prose: paragraphs and bullet lists, as the author wrote them. */
typedef enum ir_block_kind {
    IR_BLOCK_PARAGRAPH,
    IR_BLOCK_LIST
} ir_block_kind;

typedef struct ir_block {
    ir_block_kind kind;
    const char *text;            /* IR_BLOCK_PARAGRAPH: the paragraph */
    const char *const *items;    /* IR_BLOCK_LIST: the bullet items */
    size_t item_count;
} ir_block;

typedef struct ir_prose {
    const ir_block *blocks;
    size_t block_count;
    /* The same prose as one string: blocks separated by "\n\n", list items
     * each on a line of their own starting "- ". */
    const char *text;
    ir_position where;
} ir_prose;

/* Where a criterion's effective descriptor for one level came from. */
typedef enum ir_origin {
    IR_ORIGIN_OWN,               /* written in the criterion itself */
    IR_ORIGIN_REUSED,            /* taken with "same as" (origin_id says from whom) */
    IR_ORIGIN_SECTION,           /* the section's "every criterion" statement */
    IR_ORIGIN_BETWEEN,           /* none: a score between the anchors (prose NULL) */
    IR_ORIGIN_NONE               /* none: a checklist answer written without one (prose NULL) */
} ir_origin;

typedef struct ir_descriptor {
    const ir_prose *prose;
    ir_origin origin;
    const char *origin_id;       /* REUSED: the criterion that wrote it; SECTION: the section id */
} ir_descriptor;

typedef struct ir_level {
    const char *code;
    const char *label;           /* on a score scale: the anchor's label, else the number */
    ir_position where;
    int score;                   /* the score (score scale) or the declared points */
    bool has_score;              /* false on a lettered scale without 'points:' */
    bool anchor;                 /* false: a score between the anchors */
} ir_level;

/* A reporting band: levels best_level .. worst_level (indexes). */
typedef struct ir_band {
    const char *label;
    size_t best_level;
    size_t worst_level;
    ir_position where;
} ir_band;

typedef struct ir_answer {
    const char *code;
    const char *label;
    bool met;
} ir_answer;

/* "answers ID: Title": the answers of checklist sections. */
typedef struct ir_answer_set {
    const char *id;
    const char *title;           /* NULL when none */
    const ir_answer *answers;
    size_t answer_count;
    ir_position where;
} ir_answer_set;

/* "facts:": a fact an audit record carries about the case. */
typedef struct ir_fact {
    const char *key;             /* "referral_date" */
    const char *name;            /* "referral date", as declared */
    rubric_fact_type type;
    bool required;
    const char *const *choices;  /* RUBRIC_FACT_CHOICE: the choices, as declared */
    size_t choice_count;
    ir_position where;
} ir_fact;

/* "applies when:": a condition on a fact (rubric_condition's fields,
 * with the IR's sizes). */
typedef struct ir_condition {
    size_t fact;                 /* index into ir_rubric.facts */
    rubric_fact_test test;
    const char *const *values;   /* IS, IS_NOT */
    size_t value_count;
    unsigned amount;             /* WITHIN */
    rubric_time_unit unit;
    int of_fact;                 /* WITHIN: a date fact's index, or -1: the audit's date */
    ir_position where;
} ir_condition;

/* "timescale:": rubric_timescale's fields, with the IR's sizes. */
typedef struct ir_timescale {
    size_t fact;                 /* the date judged */
    size_t from_fact;            /* the date it is counted from */
    unsigned amount;
    rubric_time_unit unit;
    bool every;                  /* "at least every N UNIT": FACT is a dates fact */
    int to_fact;                 /* EVERY: the date fact judged up to, or -1: the audit's date */
    ir_position where;
} ir_timescale;

/* "target: 80% good or better": the share of audits whose grade (the
 * overall grade for the rubric's own target, the section's grade for a
 * section's) should be LEVEL or better. */
typedef struct ir_target {
    unsigned percent;            /* 0 to 100 */
    size_t level;                /* index into ir_rubric.levels */
    ir_position where;
} ir_target;

typedef struct ir_glossary_entry {
    const char *abbreviation;
    const ir_prose *meaning;
    ir_position where;
} ir_glossary_entry;

typedef struct ir_theme {
    const char *id;
    const char *label;
    ir_position where;
} ir_theme;

typedef struct ir_criterion {
    const char *id;
    const char *title;           /* NULL when untitled */
    size_t section;              /* index into ir_rubric.sections */
    const char *const *applies_to;   /* case types (glossary abbreviations) */
    size_t applies_to_count;
    const size_t *themes;        /* indexes into ir_rubric.themes */
    size_t theme_count;
    bool not_applicable_allowed;
    const char *same_as;         /* the criterion reused, or NULL */
    const ir_prose *const *own;  /* per level (per answer in a checklist section), or NULL */
    const ir_descriptor *effective;  /* per level (per answer in a checklist section) */
    ir_position where;
    unsigned weight_hundredths;  /* "weight:" times 100; 100 by default */
    bool key;                    /* "key: yes" */
    const size_t *groups;        /* "groups:": indexes into ir_rubric.groups */
    size_t group_count;
    const ir_condition *applies_when;    /* "applies when:", or NULL */
    const ir_timescale *timescale;       /* "timescale:", or NULL */
} ir_criterion;

/* "groups:": a group of criteria named once, for conditions over them. */
typedef struct ir_group {
    const char *id;
    const char *title;
    ir_position where;
} ir_group;

typedef struct ir_section {
    const char *id;
    const char *number;          /* as printed */
    const char *title;           /* NULL when untitled */
    /* "title supplied:": why the title is the rubric's, not the
     * authority's (the source leaves the table untitled), or NULL when the
     * title is the authority's own; never set on an untitled section. */
    const ir_prose *title_supplied;
    const ir_prose *scope;       /* NULL when none */
    const ir_prose *sequence_note;   /* "out of sequence:" reason, or NULL */
    const char *const *applies_to;
    size_t applies_to_count;
    const size_t *themes;
    size_t theme_count;
    bool not_applicable_allowed;
    const ir_prose *const *section_wide;  /* per level, or NULL */
    rubric_method method;
    size_t first_criterion;
    size_t criterion_count;
    ir_position where;
    unsigned weight_hundredths;  /* "weight:" times 100; 100 by default */
    int answer_set;              /* index into ir_rubric.answer_sets, or -1: graded */
    bool in_overall;             /* false: "in overall: no", or a checklist section */
    const ir_condition *applies_when;    /* "applies when:" (for all its criteria), or NULL */
    int ties;                    /* its method's own tie rule ("median, ties higher"): 1 + rubric_ties;
                                    0: the rubric's "ties:" */
    const ir_target *target;     /* "target:", or NULL */
} ir_section;

typedef struct ir_limit {
    rubric_scope scope;
    size_t section;              /* capped section, when scope is SECTION */
    rubric_limit_kind kind;
    size_t index;                /* criterion or section index (not BY_CONDITION) */
    ir_position where;
    /* BY_CONDITION: "TARGET no better than LEVEL when: SUBJECT is TEST". */
    rubric_limit_effect effect;
    size_t level;                /* the level stated */
    rubric_subject subject;
    size_t subject_index;        /* criterion or section index; SIZE_MAX for ANY_CRITERION */
    rubric_test test;
    size_t value;                /* level index, answer index (checklist criterion) or band index */
    rubric_count_rule count_rule;    /* a counting condition: NONE, or how the count compares */
    size_t count;
} ir_limit;

typedef struct ir_grading {
    rubric_method section_method;     /* the default for sections */
    rubric_method overall_method;
    rubric_basis overall_basis;
    rubric_ties ties;
    int section_ties;            /* "section grade: median, ties higher": as ir_section.ties */
    int overall_ties;            /* "overall grade: median of sections, ties higher": the same */
    bool unrounded_sections;     /* "overall grade: mean of sections, unrounded" */
    rubric_not_applicable not_applicable;
    size_t not_applicable_level;
    size_t good_or_better;
    rubric_rounding rounding;
    const ir_limit *limits;
    size_t limit_count;
    bool written;                /* false: all defaults */
    ir_position where;
} ir_grading;

typedef struct ir_rubric {
    const char *id;
    const char *title;
    const char *authority;
    const char *version;         /* NULL when not given */
    const char *effective;       /* "YYYY-MM-DD", or NULL */
    const ir_prose *key_factors; /* NULL when none */
    const ir_level *levels;
    size_t level_count;
    bool scores;                 /* a score scale ("scale: scores 0 to 10") */
    const ir_band *bands;
    size_t band_count;
    const ir_answer_set *answer_sets;
    size_t answer_set_count;
    const char *const *case_types;   /* "case types:" (glossary abbreviations) */
    size_t case_type_count;
    const ir_fact *facts;        /* "facts:", as declared */
    size_t fact_count;
    const ir_group *groups;      /* "groups:", as declared */
    size_t group_count;
    const ir_glossary_entry *glossary;
    size_t glossary_count;
    const ir_theme *themes;
    size_t theme_count;
    const ir_section *sections;
    size_t section_count;
    const ir_criterion *criteria;
    size_t criterion_count;
    ir_grading grading;
    const ir_target *target;     /* the rubric's own "target:" (the overall grade), or NULL */
    const char *const *files;    /* every source file, main file first */
    size_t file_count;
    ir_position where;
} ir_rubric;

/* Names for enum values, as written in the language and in the JSON. */
const char *ir_method_name(rubric_method method);      /* "median" */
const char *ir_basis_name(rubric_basis basis);         /* "sections" */
const char *ir_ties_name(rubric_ties ties);            /* "lower" */
const char *ir_effect_name(rubric_limit_effect effect); /* "no better than", "is", "not graded" */
const char *ir_origin_name(ir_origin origin);          /* "own", "reused", "section", "between", "none" */
const char *ir_rounding_name(rubric_rounding rounding);  /* "nearest, half down" */
const char *ir_subject_name(rubric_subject subject);   /* "any criterion in section" */
const char *ir_test_name(rubric_test test);            /* "or worse", "graded", "NA" */
const char *ir_count_rule_name(rubric_count_rule rule); /* "at least", "fewer than"; NULL for NONE */
const char *ir_fact_type_name(rubric_fact_type type);  /* "choice", "yes/no" */
const char *ir_time_unit_name(rubric_time_unit unit);  /* "working days" */
const char *ir_fact_test_name(rubric_fact_test test);  /* "is", "is not", "within" */
/* A condition as the author would write it, into BUFFER like snprintf:
 * "team is Children in Care, Care Leavers", "referral date is within 12
 * months of the audit date". */
size_t ir_condition_describe(const ir_rubric *rubric, const ir_condition *condition, char *buffer, size_t size);
/* A timescale in the language's words, like snprintf: "assessment completed
 * within 45 working days of referral date", "visit dates at least every 10
 * working days from start date to the audit date". */
size_t ir_timescale_describe(const ir_rubric *rubric, const ir_timescale *timescale, char *buffer, size_t size);

/* A weight in hundredths written as the author would: "2", "1.5", "0.25". */
const char *ir_weight_text(unsigned weight_hundredths, char *buffer, size_t size);

/* The points of a level for export: its score on a score scale or its
 * declared points ("points: O 4, …"); false when it has none. */
bool ir_level_points(const ir_rubric *rubric, size_t level, int *points);

/* The band a level falls in, or SIZE_MAX when the rubric has no bands. */
size_t ir_band_of_level(const ir_rubric *rubric, size_t level);

/* The number of descriptor slots of a criterion of section: the answers
 * of its answer set for a checklist section, else the levels. */
size_t ir_descriptor_count(const ir_rubric *rubric, const ir_section *section);

/* Whether the criterion or section (kind) at index limits any grade (is
 * named in an "overall no better than" or "section N no better than"). */
bool ir_limits_a_grade(const ir_rubric *rubric, rubric_limit_kind kind, size_t index);

#endif /* IR_H */
