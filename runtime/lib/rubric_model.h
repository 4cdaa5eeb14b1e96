/*
 * rubric_model.h — the rubric as the grading library sees it.
 *
 * These plain, const-friendly structs are the one shape of a compiled rubric
 * at run time. The JSON loader (rubric_load.c) builds them in memory, and
 * rubricc's C emitter writes them as static const tables, so a program can
 * grade either from a JSON file or from linked tables and get the same
 * answers. The model holds only what grading and reporting need: effective
 * descriptors are flattened to text (paragraphs separated by a blank line,
 * bullet items as lines starting "- ").
 *
 * Everything is addressed by index: levels are in scale order, best first
 * (index 0 is the best grade); criteria are stored section by section, so a
 * section's criteria are criteria[first_criterion .. first_criterion +
 * criterion_count - 1].
 *
 * This header is included by rubric.h, the library's public header; include
 * that one.
 */
#ifndef RUBRIC_MODEL_H
#define RUBRIC_MODEL_H

#ifdef __cplusplus
extern "C" {
#endif

/* The JSON format this library reads and the tables rubricc writes. */
#define RUBRIC_FORMAT_VERSION 3

/* How a set of grades is combined into one. */
typedef enum rubric_method {
    RUBRIC_METHOD_WORST,         /* the worst grade present */
    RUBRIC_METHOD_BEST,          /* the best grade present */
    RUBRIC_METHOD_MEDIAN,        /* middle in scale order; even count: tie rule */
    RUBRIC_METHOD_MOST_FREQUENT, /* the mode; several modes: tie rule */
    RUBRIC_METHOD_MEAN           /* the (weighted) mean, rounded by rules.rounding */
} rubric_method;

/* How a mean is rounded to a level ("rounding:"). "Down" is toward the
 * worse level; a half is exactly between two levels. */
typedef enum rubric_rounding {
    RUBRIC_ROUND_NEAREST_HALF_DOWN,  /* nearest; a half goes to the worse level */
    RUBRIC_ROUND_NEAREST_HALF_UP,    /* nearest; a half goes to the better level */
    RUBRIC_ROUND_DOWN                /* always to the worse level */
} rubric_rounding;

/* What the overall grade is computed from. */
typedef enum rubric_basis {
    RUBRIC_BASIS_SECTIONS,       /* the section grades */
    RUBRIC_BASIS_CRITERIA        /* all criterion grades directly */
} rubric_basis;

/* Which of two candidates wins a tie: the worse or the better grade. */
typedef enum rubric_ties {
    RUBRIC_TIES_LOWER,
    RUBRIC_TIES_HIGHER
} rubric_ties;

/* How a "not applicable" grade counts. */
typedef enum rubric_not_applicable {
    RUBRIC_NA_LEAVE_OUT,         /* takes no part; all-NA gives NA */
    RUBRIC_NA_COUNT_AS           /* counts as rules.not_applicable_level */
} rubric_not_applicable;

/* What a limit caps, and what caps it. */
typedef enum rubric_scope {
    RUBRIC_SCOPE_OVERALL,
    RUBRIC_SCOPE_SECTION
} rubric_scope;

typedef enum rubric_limit_kind {
    RUBRIC_LIMIT_BY_CRITERION,   /* no better than that criterion's grade */
    RUBRIC_LIMIT_BY_SECTION,     /* no better than that section's grade */
    RUBRIC_LIMIT_BY_CONDITION    /* a stated level, when a condition holds */
} rubric_limit_kind;

/* What a conditional limit does to the grade it caps. */
typedef enum rubric_limit_effect {
    RUBRIC_LIMIT_NO_BETTER_THAN, /* "no better than LEVEL" */
    RUBRIC_LIMIT_IS,             /* "is LEVEL": set, whatever it was */
    RUBRIC_LIMIT_NOT_GRADED      /* "not graded when:": no grade at all, and why (format 3; level -1) */
} rubric_limit_effect;

/* What a condition looks at ("when: any criterion in section B is I"). */
typedef enum rubric_subject {
    RUBRIC_SUBJECT_CRITERION,
    RUBRIC_SUBJECT_SECTION,
    RUBRIC_SUBJECT_ANY_CRITERION,
    RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION,
    RUBRIC_SUBJECT_ANY_KEY_CRITERION,        /* the criteria marked "key: yes" (format 3) */
    RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP,   /* the criteria of group subject_index (format 3) */
    RUBRIC_SUBJECT_TIMESCALE     /* the timescale of criterion subject_index, judged from the
                                    audit's date facts (format 3; tests MET and NOT_MET) */
} rubric_subject;

/* How a condition tests its subject's grade or answer. */
typedef enum rubric_test {
    RUBRIC_TEST_IS,              /* exactly this level (or answer) */
    RUBRIC_TEST_OR_WORSE,        /* this level or worse */
    RUBRIC_TEST_OR_BETTER,       /* this level or better */
    RUBRIC_TEST_IN_BAND,         /* in this reporting band */
    RUBRIC_TEST_GRADED,          /* given a level or an answer: not NA, not left out (format 3) */
    RUBRIC_TEST_NOT_APPLICABLE,  /* graded NA, or not applicable to the case's type (format 3) */
    RUBRIC_TEST_MET,             /* a timescale met (format 3) */
    RUBRIC_TEST_NOT_MET          /* a timescale not met; one that cannot be judged is neither (format 3) */
} rubric_test;

/* A counting condition ("when: 2 or more criteria are R or worse"): how
 * the number of the subject's criteria that pass the test is compared
 * with the limit's count. NONE: not a count ("any criterion …"). */
typedef enum rubric_count_rule {
    RUBRIC_COUNT_NONE,
    RUBRIC_COUNT_AT_LEAST,       /* "N or more" */
    RUBRIC_COUNT_MORE_THAN,      /* "more than N" */
    RUBRIC_COUNT_FEWER_THAN,     /* "fewer than N" */
    RUBRIC_COUNT_AT_MOST         /* "at most N" */
} rubric_count_rule;

/* The type of a case fact ("facts:" in the rubric language). */
typedef enum rubric_fact_type {
    RUBRIC_FACT_TEXT,            /* any text */
    RUBRIC_FACT_CHOICE,          /* one of the declared choices */
    RUBRIC_FACT_DATE,            /* YYYY-MM-DD */
    RUBRIC_FACT_NUMBER,          /* a decimal number */
    RUBRIC_FACT_YES_NO,          /* yes or no */
    RUBRIC_FACT_DATES            /* several dates, YYYY-MM-DD, separated by commas or semicolons
                                    (in JSON Lines also an array of them); none is an empty list */
} rubric_fact_type;

/* A fact an audit record carries about the case ("referral date: date"):
 * the record's member and the CSV column are named by its key. */
typedef struct rubric_fact {
    const char *key;             /* "referral_date": the name, lower case, spaces as '_' */
    const char *name;            /* "referral date", as declared */
    rubric_fact_type type;
    int required;                /* 1: every audit must give it */
    const char *const *choices;  /* RUBRIC_FACT_CHOICE: the allowed values, as declared; else NULL */
    unsigned choice_count;
} rubric_fact;

/* How a condition on a fact tests it ("applies when:"). */
typedef enum rubric_fact_test {
    RUBRIC_FACT_TEST_IS,         /* the fact is given and is one of values */
    RUBRIC_FACT_TEST_IS_NOT,     /* the fact is given and is none of values */
    RUBRIC_FACT_TEST_WITHIN      /* a date fact within amount units of another date */
} rubric_fact_test;

/* The unit of a span of time (a condition's "within", a timescale). */
typedef enum rubric_time_unit {
    RUBRIC_UNIT_DAYS,            /* calendar days */
    RUBRIC_UNIT_WORKING_DAYS,    /* Monday to Friday, not a bank holiday */
    RUBRIC_UNIT_MONTHS,
    RUBRIC_UNIT_HOURS
} rubric_time_unit;

/* "applies when: team is Children in Care", "applies when: referral date
 * is within 12 months of the audit date": when it does not hold for an
 * audit, the criterion (or every criterion of the section) is left out or
 * graded NA, as for a criterion of another case type. */
typedef struct rubric_condition {
    unsigned fact;               /* index into rubric_model.facts */
    rubric_fact_test test;
    const char *const *values;   /* IS, IS_NOT: the values, as written (yes/no as "yes", "no") */
    unsigned value_count;
    unsigned amount;             /* WITHIN: how many units */
    rubric_time_unit unit;
    int of_fact;                 /* WITHIN: the other date fact's index, or -1: the audit's date */
} rubric_condition;

/* "timescale: assessment completed within 45 working days of referral
 * date": the date fact FACT is due AMOUNT UNITs after the date fact FROM.
 * "timescale: visits at least every 10 working days from referral date"
 * (EVERY set): FACT is a dates fact, and each of its dates is due AMOUNT
 * UNITs after the one before, the first after FROM, and the audit's date
 * (or the date fact TO_FACT) no more than AMOUNT UNITs after the last. */
typedef struct rubric_timescale {
    unsigned fact;               /* index into rubric_model.facts: the date judged (EVERY: the dates) */
    unsigned from_fact;          /* the date it is counted from */
    unsigned amount;
    rubric_time_unit unit;
    int every;                   /* 1: recurring, "at least every AMOUNT UNIT" (format 3) */
    int to_fact;                 /* EVERY: the date fact it is judged up to, or -1: the audit's date */
} rubric_timescale;

typedef struct rubric_level {
    const char *code;            /* "O", or "7" on a score scale */
    const char *label;           /* "Outstanding"; on a score scale the anchor's label, else the number */
    int score;                   /* the number, on a score scale; else 0 */
    int anchor;                  /* 1: descriptors are written for this level (every level of a
                                    lettered scale); 0: a score between the anchors */
} rubric_level;

/* A reporting band: a run of levels reported under one name
 * ("8 to 10: Outstanding"). */
typedef struct rubric_band {
    const char *label;
    unsigned best_level;         /* level indexes, best_level <= worst_level */
    unsigned worst_level;
} rubric_band;

/* One answer of an answer set ("Y: Yes"), and whether it counts as met. */
typedef struct rubric_answer {
    const char *code;
    const char *label;
    int met;
} rubric_answer;

/* A set of answers for checklist sections ("answers compliance: ..."). */
typedef struct rubric_answer_set {
    const char *id;
    const char *title;           /* NULL when none */
    const rubric_answer *answers;
    unsigned answer_count;
} rubric_answer_set;

typedef struct rubric_glossary_entry {
    const char *abbreviation;    /* "CIN" */
    const char *meaning;         /* "Child in need" */
} rubric_glossary_entry;

typedef struct rubric_theme {
    const char *id;              /* "voice-of-the-child" */
    const char *label;           /* "Voice of the child" */
} rubric_theme;

typedef struct rubric_criterion {
    const char *id;
    const char *title;           /* NULL when the authority gives none */
    unsigned section;            /* index into rubric_model.sections */
    const char *const *applies_to;   /* case types, e.g. "CIN" */
    unsigned applies_to_count;
    const char *const *themes;       /* theme ids */
    unsigned theme_count;
    int not_applicable_allowed;      /* "where appropriate": NA may be given */
    const char *const *descriptors;  /* effective text, one per level; NULL for a level between
                                        the anchors; in a checklist section one per answer (or NULL) */
    unsigned weight_hundredths;      /* the criterion's weight times 100 (100: weight 1) */
    const rubric_condition *applies_when;  /* "applies when:", or NULL (format 3) */
    const rubric_timescale *timescale;     /* "timescale:", or NULL (format 3) */
    int key;                         /* 1: "key: yes", a key criterion (format 3) */
    const unsigned *groups;          /* indexes into rubric_model.groups (format 3); none: NULL */
    unsigned group_count;
} rubric_criterion;

/* A group of criteria named once ("groups:" then "safety: Safety and
 * risk"), for conditions over them (format 3). */
typedef struct rubric_group {
    const char *id;
    const char *title;
} rubric_group;

/* "target: 80% good or better": the share of audits whose grade (the
 * overall grade for the rubric's own target, a section's grade for a
 * section's) should be level or better. The grader does not use it; the
 * report and the summary compare a round with it (format 3). */
typedef struct rubric_target {
    int declared;                /* 0: no target (the other fields are 0) */
    unsigned percent;            /* 0 to 100 */
    unsigned level;              /* level index: this level or better */
} rubric_target;

typedef struct rubric_section {
    const char *id;
    const char *number;          /* as printed: "7" */
    const char *title;           /* NULL when untitled */
    rubric_method method;        /* how its criterion grades combine */
    unsigned first_criterion;
    unsigned criterion_count;
    unsigned weight_hundredths;  /* the section's weight times 100 (100: weight 1) */
    int answer_set;              /* index into rubric_model.answer_sets for a checklist
                                    section; -1: graded on the scale */
    int in_overall;              /* 1: its grade takes part in the overall grade */
    const rubric_condition *applies_when;  /* "applies when:" for all its criteria, or NULL (format 3) */
    int ties;                    /* its method's own tie rule ("median, ties higher"): 1 + rubric_ties;
                                    0: rules.ties (format 3) */
    rubric_target target;        /* "target:" (format 3) */
} rubric_section;

/* "overall no better than criterion X" / "section 2 no better than section 1" */
typedef struct rubric_limit {
    rubric_scope scope;
    unsigned section;            /* the capped section, when scope is SECTION */
    rubric_limit_kind kind;
    unsigned index;              /* criterion or section index of the cap (not for BY_CONDITION) */
    /* BY_CONDITION: "TARGET no better than LEVEL when: SUBJECT is TEST". */
    rubric_limit_effect effect;
    int level;                   /* the level index stated; -1 for the other kinds */
    rubric_subject subject;
    int subject_index;           /* criterion or section index; -1 for ANY_CRITERION */
    rubric_test test;
    int value;                   /* level index, answer index (a checklist criterion) or band index */
    /* A counting condition (format 3): with subject ANY_CRITERION or
     * ANY_CRITERION_IN_SECTION, the condition holds when the number of
     * those criteria passing the test compares with count by count_rule. */
    rubric_count_rule count_rule;
    unsigned count;
} rubric_limit;

typedef struct rubric_rules {
    rubric_method overall_method;
    rubric_basis overall_basis;
    rubric_ties ties;
    rubric_not_applicable not_applicable;
    unsigned not_applicable_level;   /* level index, with RUBRIC_NA_COUNT_AS */
    unsigned good_or_better;         /* level index: this or better is "good or better" */
    const rubric_limit *limits;
    unsigned limit_count;
    rubric_rounding rounding;        /* how "mean" rounds */
    int overall_ties;                /* the overall method's own tie rule: 1 + rubric_ties; 0: ties (format 3) */
    int unrounded_sections;          /* 1: "mean of sections, unrounded": the sections' unrounded means
                                        are averaged; 0 (the default): their grades (format 3) */
} rubric_rules;

typedef struct rubric_model {
    int format_version;          /* RUBRIC_FORMAT_VERSION */
    const char *id;
    const char *title;
    const char *authority;
    const char *version;         /* NULL when not given */
    const char *effective;       /* "YYYY-MM-DD", or NULL */
    const rubric_level *levels;
    unsigned level_count;
    const rubric_section *sections;
    unsigned section_count;
    const rubric_criterion *criteria;
    unsigned criterion_count;
    const rubric_glossary_entry *glossary;
    unsigned glossary_count;
    const rubric_theme *themes;
    unsigned theme_count;
    rubric_rules rules;
    int scores;                  /* 1: a score scale (level codes are numbers) */
    const rubric_band *bands;    /* reporting bands, as declared; none: NULL, 0 */
    unsigned band_count;
    const rubric_answer_set *answer_sets;
    unsigned answer_set_count;
    const char *const *case_types;   /* "case types:"; none declared: NULL, 0 */
    unsigned case_type_count;
    const rubric_fact *facts;        /* "facts:", as declared; none: NULL, 0 (format 3) */
    unsigned fact_count;
    const rubric_group *groups;      /* "groups:", as declared; none: NULL, 0 (format 3) */
    unsigned group_count;
    rubric_target target;        /* the rubric's own "target:", about the overall grade (format 3) */
} rubric_model;

#ifdef __cplusplus
}
#endif

#endif /* RUBRIC_MODEL_H */
