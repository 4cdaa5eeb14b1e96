/*
 * ast.h — the syntax tree of a rubric, as the author wrote it.
 *
 * The parser's actions are one line each, calling the constructors below;
 * the tree keeps every entry with its position and nothing is resolved
 * here: duplicate entries are reported (the first is kept), but ids,
 * references, level codes and rules are checked by check.c, which turns the
 * tree into the IR. Everything is allocated from the compilation's arena.
 *
 * Prose values keep their lines and paragraph breaks (so diagnostics can
 * point into the text, and a future formatter can reproduce it); the
 * blocks and the joined text are built once, when the value ends.
 */
#ifndef AST_H
#define AST_H

#include <stdbool.h>
#include <stddef.h>

#include "ir.h"
#include "source.h"

/* One physical line of a prose value: its text without indentation. */
typedef struct ast_prose_line {
    unsigned offset;             /* byte offset of the text in its file */
    const char *text;
    size_t length;
    bool break_before;           /* a blank line came before it */
} ast_prose_line;

typedef struct ast_prose {
    source_span where;           /* the first character of the text */
    ast_prose_line *lines;
    size_t line_count;
    size_t line_capacity;
    ir_prose built;              /* blocks and text (where filled by check.c) */
} ast_prose;

/* A comma-separated value: "CIN, CP, where appropriate". */
typedef struct ast_item {
    source_span where;
    const char *text;
} ast_item;

typedef struct ast_items {
    source_span where;
    ast_item *items;
    size_t count;
    size_t capacity;
} ast_items;

/* "O: Outstanding", "CIN: Child in need", "O: <descriptor>". */
typedef struct ast_entry {
    source_span where;           /* the label */
    const char *label;
    ast_prose *value;
    struct ast_entry *next;
} ast_entry;

typedef struct ast_entry_list {
    ast_entry *first;
    ast_entry *last;
} ast_entry_list;

typedef struct ast_criterion {
    source_span where;           /* the 'criterion' keyword */
    bool broken;                 /* its heading was reported as a syntax error */
    bool damaged;                /* a line in it was reported as a syntax error */
    ast_item id;
    ast_prose *title;
    ast_entry_list levels;
    ast_items *applies_to;
    ast_items *themes;
    ast_items *same_as;
    ast_items *weight;           /* "weight: 2" */
    ast_items *groups;           /* "groups: safety, planning" */
    ast_items *key;              /* "key: yes" */
    ast_items *applies_when;     /* "applies when: team is Children in Care" */
    ast_items *timescale;        /* "timescale: X within 45 working days of Y" */
    struct ast_criterion *next;
} ast_criterion;

typedef struct ast_section {
    source_span where;           /* the 'section' keyword */
    bool broken;                 /* its heading was reported as a syntax error */
    ast_item number;
    ast_prose *title;
    ast_items *id;
    ast_prose *out_of_sequence;
    ast_items *applies_to;
    ast_items *themes;
    ast_prose *scope;
    ast_prose *title_supplied;   /* "title supplied:": the title is not the authority's */
    source_span title_supplied_where;   /* its keyword */
    ast_items *answers;          /* "answers: ID": a checklist section */
    ast_items *weight;           /* "weight: 2" */
    ast_items *in_overall;       /* "in overall: no" */
    ast_items *applies_when;     /* "applies when: team is Children in Care" */
    ast_items *target;           /* "target: 70% good or better" */
    ast_entry_list every_criterion;
    source_span every_criterion_where;
    bool has_every_criterion;
    ast_criterion *first_criterion;
    ast_criterion *last_criterion;
    struct ast_section *next;
} ast_section;

/* The grading rules, by the name written before the colon. */
typedef enum ast_rule_kind {
    AST_RULE_SECTION_GRADE,      /* "section grade" */
    AST_RULE_ONE_SECTION_GRADE,  /* "section N grade" (parameter N) */
    AST_RULE_OVERALL_GRADE,      /* "overall grade" */
    AST_RULE_OVERALL_LIMIT,      /* "overall no better than" */
    AST_RULE_SECTION_LIMIT,      /* "section N no better than" */
    AST_RULE_NOT_APPLICABLE,     /* "not applicable" */
    AST_RULE_TIES,               /* "ties" */
    AST_RULE_GOOD_OR_BETTER,     /* "good or better" */
    AST_RULE_ROUNDING,           /* "rounding" */
    AST_RULE_OVERALL_CONDITION,  /* "overall no better than L when", "overall is L when",
                                    "overall not graded when" */
    AST_RULE_SECTION_CONDITION,  /* "section N no better than L when", "section N is L when",
                                    "section [N] not graded when" */
    AST_RULE_KIND_COUNT
} ast_rule_kind;

typedef struct ast_rule {
    source_span where;
    ast_rule_kind kind;
    ast_item parameter;          /* the section of the *_ONE_SECTION/SECTION_LIMIT/SECTION_CONDITION forms */
    ast_item level;              /* the level of the *_CONDITION forms */
    bool sets_level;             /* *_CONDITION: "is L" rather than "no better than L" */
    bool not_graded;             /* *_CONDITION: "not graded when" (no level); a SECTION_CONDITION
                                    without parameter text is about every graded section */
    ast_items *value;
    struct ast_rule *next;
} ast_rule;

/* A header entry given once: the value and where it was written. */
typedef struct ast_header_prose {
    ast_prose *value;
    source_span where;
} ast_header_prose;

typedef enum ast_header_field {
    AST_HEADER_TITLE,
    AST_HEADER_AUTHORITY,
    AST_HEADER_VERSION,
    AST_HEADER_EFFECTIVE,
    AST_HEADER_KEY_FACTORS,
    AST_HEADER_FIELD_COUNT
} ast_header_field;

typedef enum ast_block_kind {
    AST_BLOCK_SCALE,
    AST_BLOCK_GLOSSARY,
    AST_BLOCK_THEMES,
    AST_BLOCK_GRADING,
    AST_BLOCK_BANDS,
    AST_BLOCK_FACTS,
    AST_BLOCK_GROUPS,
    AST_BLOCK_KIND_COUNT
} ast_block_kind;

/* "answers ID: Title" and its entries (codes and "met:"). */
typedef struct ast_answer_set {
    source_span where;           /* the 'answers' keyword */
    ast_item id;
    ast_prose *title;
    ast_entry_list entries;
    struct ast_answer_set *next;
} ast_answer_set;

/* One entry of "facts:": "referral date: date, required". */
typedef struct ast_fact {
    source_span where;           /* the name */
    const char *name;            /* as written, up to the colon */
    ast_items *type;             /* "choice of A", "B", …; NULL when nothing follows the colon */
    struct ast_fact *next;
} ast_fact;

typedef struct ast_rubric {
    ast_items *id;
    source_span id_where;
    ast_header_prose header[AST_HEADER_FIELD_COUNT];
    ast_entry_list scale;
    ast_entry_list glossary;
    ast_entry_list themes;
    ast_entry_list groups;       /* "groups:" */
    ast_items *scale_kind;       /* "scale: scores 0 to 10": the words after 'scale:' */
    ast_entry_list bands;
    ast_items *case_types;       /* "case types: CIN, CP" */
    source_span case_types_where;
    ast_items *target;           /* "target: 80% of audits good or better overall" */
    source_span target_where;
    ast_answer_set *first_answer_set;
    ast_answer_set *last_answer_set;
    ast_fact *first_fact;        /* "facts:" */
    ast_fact *last_fact;
    source_span block_where[AST_BLOCK_KIND_COUNT];
    bool block_seen[AST_BLOCK_KIND_COUNT];
    ast_rule *first_rule;
    ast_rule *last_rule;
    ast_section *first_section;
    ast_section *last_section;
    bool unreadable;             /* the file was rejected before parsing (not UTF-8, CR line ends) */
    bool incomplete;             /* errors were reported while parsing: text was dropped */
    bool include_failed;         /* an included file could not be read: its entries are missing */
} ast_rubric;

/* Whether a prose value holds no text. */
bool ast_prose_is_empty(const ast_prose *prose);
/* The length of a bullet marker ("- ", "* ", "· ", "• ", with the spaces
 * after it) at the start of a line, or 0 when the line is not a bullet item
 * (also used by the formatter, which must not make or unmake one). */
size_t ast_bullet_marker(const char *text, size_t length);

#endif /* AST_H */
