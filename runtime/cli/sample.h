/*
 * sample.h — `rubric-grade sample`: choosing the cases of an audit round
 * and allocating them to auditors, before any grading.
 *
 *   rubric-grade sample --cases N | --percent P --auditors FILE [OPTION]... CASES.csv
 *
 * Four modules share the types below:
 *
 *   sample.c         the command line, the run and the outputs (the
 *                    allocation as CSV, a draft record file per auditor)
 *   sample_read.c    the inputs: the case list, the auditors, the audit
 *                    records that say which cases were audited when
 *                    (CSV through libcsv, Excel workbooks through
 *                    runtime/lib/xlsx_rows.h, JSON Lines through jansson)
 *   sample_xlsx.c    the allocation as an Excel workbook (libxlsxwriter)
 *   sample_choose.c  the seeded generator, the stratified choice and the
 *                    allocation to auditors
 *
 * Every choice is made with sample_random, a xoshiro256** generator seeded
 * by splitmix64 from --seed, and every ordering is a total one (ties
 * broken by a case's place in the list), so the same inputs and seed
 * choose and allocate the same cases on every machine, the WebAssembly
 * build included.
 */
#ifndef SAMPLE_H
#define SAMPLE_H

#include <stddef.h>
#include <stdint.h>

/* rubric-grade sample's whole run (ARGV[0] is "sample"); the exit status. */
int rubric_grade_sample(int argc, char **argv);

/* ---------------------------------------------------------------- the data */

/* One case of the case list. Its strings are owned by the list. */
typedef struct sample_case {
    char *reference;
    char *team;
    char *case_type;             /* "" when the list has no case type column */
    char *worker;                /* "" when not given */
    char *opened;                /* YYYY-MM-DD or "" */
    char *closed;
    unsigned long row;           /* its row in the list (the header is row 1) */
    unsigned team_index;         /* into sample_list.teams */
    unsigned stratum;            /* into sample_list.strata */
    int excluded;                /* audited within the months given: not chosen */
    int chosen;
    int auditor;                 /* into the auditors, or -1 */
} sample_case;

/* A growing table of distinct names, each with its place: teams, strata,
 * case references. Lookups are by hash. */
typedef struct sample_names {
    char **names;                /* in the order first met */
    size_t count;
    size_t capacity;
    size_t *slots;               /* the hash table: index + 1, 0 when empty */
    size_t slot_count;
} sample_names;

/* The case list as read. */
typedef struct sample_list {
    sample_case *cases;
    size_t count;
    size_t capacity;
    int has_case_type;           /* the list has a case type column */
    sample_names teams;          /* the teams, as the cases name them */
    sample_names strata;         /* "TEAM\x1fCASE TYPE", one per team and case type */
    sample_names references;     /* the case references (no two alike) */
} sample_list;

/* One auditor. */
typedef struct sample_auditor {
    char *name;
    char *team;
    unsigned long row;
    long capacity;               /* the most cases given; -1 for no limit */
    int team_index;              /* the team among the cases' teams, or -1 */
    unsigned long load;          /* the cases allocated */
} sample_auditor;

typedef struct sample_auditors {
    sample_auditor *auditors;
    size_t count;
} sample_auditors;

/* What went wrong, as a message that names the file and row. */
typedef struct sample_error {
    char message[1024];
} sample_error;

/* ------------------------------------------------------------ sample_read.c */

/* The index of NAME in NAMES, adding it when ADD (else -1 when absent);
 * -2 when out of memory. */
long sample_names_find(sample_names *names, const char *name, int add);
void sample_names_free(sample_names *names);

/* Read the case list at PATH; 1, or 0 with the reason in ERROR. */
int sample_read_cases(const char *path, sample_list *list, sample_error *error);
void sample_list_free(sample_list *list);

/* Read the auditors at PATH and match their teams to the list's; 1, or 0
 * with the reason in ERROR. */
int sample_read_auditors(const char *path, sample_list *list, sample_auditors *auditors,
                         sample_error *error);
void sample_auditors_free(sample_auditors *auditors);

/* Read the audit records at PATH (CSV by its .csv extension, a workbook
 * by its .xlsx extension or its first bytes, else JSON Lines) and mark every listed case audited on or after the day SINCE
 * (calendar.h's day number) as excluded; the count of cases newly
 * excluded in *EXCLUDED. 1, or 0 with the reason in ERROR. */
int sample_read_audited(const char *path, long since, sample_list *list, size_t *excluded, sample_error *error);

/* Format a message into ERROR; always returns 0. */
int sample_fail(sample_error *error, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---------------------------------------------------------- sample_xlsx.c */

struct output_buffer;

/* The allocation of the chosen cases as an Excel workbook's bytes, added
 * to OUT; 1, or 0 with the reason in ERROR. */
int sample_allocation_xlsx(struct output_buffer *out, const sample_list *list, const sample_auditors *auditors,
                           sample_error *error);

/* ---------------------------------------------------------- sample_choose.c */

/* The seeded generator: xoshiro256** (Blackman and Vigna), its state set
 * from the 64-bit seed by splitmix64, as its authors advise. */
typedef struct sample_random {
    uint64_t state[4];
} sample_random;

void sample_random_seed(sample_random *random, uint64_t seed);
uint64_t sample_random_next(sample_random *random);
/* A number from 0 to BOUND - 1 (BOUND > 0), every one as likely (by
 * rejection: no bias towards the small ones). */
uint64_t sample_random_below(sample_random *random, uint64_t bound);

/* Choose WANTED of the cases not excluded, stratified by team and case
 * type in proportion to each stratum's cases (largest remainder, ties
 * drawn at random), uniformly within each stratum: marks them chosen.
 * WANTED is at most the cases not excluded. 1, or 0 out of memory. */
int sample_choose(sample_list *list, size_t wanted, sample_random *random);

/* Allocate the chosen cases to AUDITORS: never to an auditor of the
 * case's team, within every capacity, the loads as even as the teams
 * allow (no allocation has a smaller sum of squared loads). 1, or 0 with
 * the reason in ERROR (the team whose cases cannot be placed). */
int sample_allocate(sample_list *list, sample_auditors *auditors, sample_random *random, const char *auditors_path,
                    sample_error *error);

#endif /* SAMPLE_H */
