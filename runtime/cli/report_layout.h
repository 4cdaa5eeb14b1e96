/*
 * report_layout.h — how rubric-grade's HTML report splits the batch:
 * by the values of fields (--group-by team), into rounds (--round
 * LABEL=FILE, or --rounds month|quarter by the audit's date), and below
 * how many audits a group's figures are withheld (--suppress-below N).
 *
 * Internal to rubric-grade (not installed). grade_cli.c passes the values
 * of these options here as it parses them, and hands the layout to the
 * report (report_html.h), which counts through report_groups.h.
 */
#ifndef REPORT_LAYOUT_H
#define REPORT_LAYOUT_H

/* The most fields one report is grouped by, and rounds it compares. */
enum { REPORT_GROUP_BY_MAX = 8, REPORT_ROUND_MAX = 64 };

/* Groups of fewer audits than this are shown as "fewer than N": small
 * numbers can identify children and staff. */
enum { REPORT_SUPPRESS_DEFAULT = 5 };

typedef enum report_rounds {
    REPORT_ROUNDS_NONE,
    REPORT_ROUNDS_MONTH,         /* by the month of the audit's date */
    REPORT_ROUNDS_QUARTER,       /* by its calendar quarter */
    REPORT_ROUNDS_BY_INPUT       /* --round LABEL=FILE: by the file the audit was read from */
} report_rounds;

typedef struct report_layout {
    const char *group_by[REPORT_GROUP_BY_MAX];   /* field keys, as given */
    unsigned group_by_count;
    char *field_copies[REPORT_GROUP_BY_MAX];     /* owned: the FIELD,FIELD lists, cut at commas */
    unsigned field_copy_count;
    unsigned suppress_below;
    int suppress_given;                          /* --suppress-below was given */
    report_rounds rounds;
    char *round_labels[REPORT_ROUND_MAX];        /* --round: owned copies */
    const char *round_inputs[REPORT_ROUND_MAX];  /* the files, as given (also the run's inputs) */
    unsigned round_count;
    char message[256];                           /* what was wrong with the last value */
} report_layout;

/* The layout's options, in the order of their codes from FIRST: each
 * option's code is FIRST + one of these. */
enum { REPORT_OPTION_GROUP_BY, REPORT_OPTION_SUPPRESS_BELOW, REPORT_OPTION_ROUND, REPORT_OPTION_ROUNDS,
       REPORT_OPTION_COUNT };

/* A layout that splits nothing, suppressing below the default. */
void report_layout_start(report_layout *layout);
void report_layout_free(report_layout *layout);

/* Take option OPTION (REPORT_OPTION_...) with value WORD; 0 when the value
 * is refused, with the reason in layout->message. A --round's FILE is
 * set in *INPUT (the caller adds it to the inputs), else *INPUT is NULL. */
int report_layout_option(report_layout *layout, int option, const char *word, const char **input);

/* Whether the layout asks for anything beyond the plain report. */
int report_layout_used(const report_layout *layout);

/* The label of the round whose --round FILE is INPUT (as the reader shows
 * it: "<stdin>" for "-"), or -1. */
int report_layout_round_of_input(const report_layout *layout, const char *input);

/* The options' lines in rubric-grade's option table (command_line.h),
 * codes from FIRST. */
#define REPORT_LAYOUT_OPTIONS(FIRST)                                                          \
    {"group-by", 0, "FIELD",                                                                  \
     "with --report or --format xlsx: results by each\n"                                      \
     "value of FIELD (a case fact such as team, a field\n"                                    \
     "the audits carry such as social_worker, or\n"                                           \
     "auditor); repeat it or give FIELD,FIELD for more\n"                                     \
     "than one grouping",                                                                     \
     (FIRST) + REPORT_OPTION_GROUP_BY, COMMAND_LINE_NO_FILE},                                 \
    {"suppress-below", 0, "N",                                                                \
     "with --group-by: show a group of fewer than N\n"                                        \
     "audits as \"fewer than N\", without its figures\n"                                      \
     "(default 5; 0 shows every group)",                                                      \
     (FIRST) + REPORT_OPTION_SUPPRESS_BELOW, COMMAND_LINE_NO_FILE},                           \
    {"round", 0, "LABEL=FILE",                                                                \
     "with --report or --format xlsx: FILE is an input\n"                                     \
     "and its audits are the round LABEL; the rounds are\n"                                   \
     "compared in the order given (repeat for each round)",                                   \
     (FIRST) + REPORT_OPTION_ROUND, COMMAND_LINE_NO_FILE},                                    \
    {"rounds", 0, "PERIOD",                                                                   \
     "with --report or --format xlsx: compare rounds by\n"                                    \
     "the month or quarter of each audit's date (month or\n"                                  \
     "quarter)",                                                                              \
     (FIRST) + REPORT_OPTION_ROUNDS, COMMAND_LINE_NO_FILE}

#endif /* REPORT_LAYOUT_H */
