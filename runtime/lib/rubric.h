/*
 * rubric.h — the grading library's one public header.
 *
 * A program grades case audits against a compiled rubric in four steps:
 *
 *   1. Get a rubric model: load the JSON that `rubricc --emit json` writes
 *      (rubric_document_load_file), or take the `const rubric_model` tables
 *      that `rubricc --emit c` writes and link them in. Both paths give the
 *      same struct and the same grades.
 *   2. Make a grader for it (rubric_grader_new). The grader checks the
 *      model's integrity once and holds every buffer grading needs, so
 *      grading allocates nothing.
 *   3. Grade each audit (rubric_grade), filled in by the program or read
 *      from a JSON record by rubric_audit_parse_json: the result validates
 *      every criterion grade against the scale and applies the rubric's own
 *      aggregation rules (section methods, overall method, ties, not
 *      applicable, limits).
 *   4. Walk the result (a plain struct of arrays indexed like the model),
 *      then free the grader and the document.
 *
 * Rubrics of format 2 add, all read from the model and used by
 * rubric_grade: score scales, the mean method with its rounding, weights
 * (mean, weighted median, most frequent), reporting bands (every outcome's
 * band), checklist sections (answers counted met of applicable per case,
 * out of the overall), sections left out of the overall, conditional
 * limits ("is I when ...", "no better than R when ..."), case types
 * (criteria of other cohorts left out or NA), and evidence comments
 * checked against the rubric's ids. A model of format 1 reads as format 2
 * with every new field at its default.
 *
 * The library has no global state and never writes to stdout or stderr:
 * errors come back in a caller-supplied rubric_error. A model is read-only
 * once made, so several threads may share one; each thread uses its own
 * grader.
 *
 * Every function here is exported from librubric.so.MAJOR and librubric.a,
 * and nothing else is; the versions and the promise kept between them are
 * below (RUBRIC_API_VERSION) and in docs/library.md.
 *
 *     rubric_error error;
 *     rubric_document *document = rubric_document_load_file("lbx.json", &error);
 *     if (!document) { fprintf(stderr, "%s\n", error.message); return 2; }
 *     rubric_grader *grader = rubric_grader_new(rubric_document_model(document), &error);
 *     const rubric_result *result = rubric_grade(grader, &audit);
 *     if (result->valid)
 *         printf("overall %s\n", rubric_grade_code(result->model, result->overall.grade));
 *     rubric_grader_free(grader);
 *     rubric_document_free(document);
 */
#ifndef RUBRIC_H
#define RUBRIC_H

#include <stddef.h>

#include "rubric_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ----------------------------------------------------------------- version */

/* The version of this API, the header a program was compiled with.
 * MAJOR changes when a program built against an older header could break
 * (a function removed or changed, a struct or enum laid out differently);
 * it is the shared library's soname, librubric.so.MAJOR. MINOR adds
 * functions and nothing else; PATCH changes no declaration. As one number,
 * MAJOR * 10000 + MINOR * 100 + PATCH: 20000 is 2.0.0. Compare it with
 * rubric_library_api_version() to learn what the library at run time
 * offers (see docs/library.md). Version 2 grew the model's structs for
 * language v3 (case facts, groups, counting conditions, timescales). */
#define RUBRIC_API_VERSION_MAJOR 2
#define RUBRIC_API_VERSION_MINOR 0
#define RUBRIC_API_VERSION_PATCH 0
#define RUBRIC_API_VERSION \
    (RUBRIC_API_VERSION_MAJOR * 10000 + RUBRIC_API_VERSION_MINOR * 100 + RUBRIC_API_VERSION_PATCH)

/* Marks the library's exported functions. The library is compiled with
 * -fvisibility=hidden, so its internal functions stay out of the shared
 * library's symbol table and only these are seen; in a program's own code
 * the mark changes nothing. */
#ifndef RUBRIC_API
#if defined(__GNUC__) || defined(__clang__)
#define RUBRIC_API __attribute__((visibility("default")))
#else
#define RUBRIC_API
#endif
#endif

/* The release of the library, as "MAJOR.MINOR.PATCH" (the toolchain's
 * version: rubric-grade --version prints it). */
RUBRIC_API const char *rubric_library_version(void);

/* RUBRIC_API_VERSION as the library in use was built: a program may check
 * that its major part is the one it was compiled with, and that the
 * library is at least as new as the functions it calls. */
RUBRIC_API long rubric_library_api_version(void);

/* ------------------------------------------------------------------ errors */

/* Why a rubric could not be loaded or used, or an audit read: one line, no
 * trailing newline. When a rubric's text is not JSON at all
 * (rubric_document_load_file and _text), LINE and COLUMN say where, as the
 * message does ("NAME:LINE:COLUMN: invalid JSON: ..."); otherwise both are
 * 0 (an audit's message names its column itself). */
typedef struct rubric_error {
    char message[512];
    int line;
    int column;
} rubric_error;

/* ------------------------------------------------------- loading a rubric */

/* A rubric loaded from the compiler's JSON; it owns its model. */
typedef struct rubric_document rubric_document;

/* Load DIR/<id>.json as written by rubricc. Checks format_version and the
 * rubric's integrity; on failure returns NULL and explains in *error,
 * naming the file and the place in it ("sections[2].criteria[0]: ..."). A
 * file larger than RUBRIC_MAX_FILE_BYTES is refused unread, and running
 * out of memory is an error ("out of memory"), never a wait. */
RUBRIC_API rubric_document *rubric_document_load_file(const char *path, rubric_error *error);

/* The largest rubric file rubric_document_load_file reads: 64 MiB. A
 * rubric of 100,000 criteria is about 61 MiB of the compiler's JSON. */
#define RUBRIC_MAX_FILE_BYTES ((size_t)64 << 20)

/* rubric_document_load_file with another largest size, in bytes. */
RUBRIC_API rubric_document *rubric_document_load_file_limited(const char *path, size_t max_bytes,
                                                              rubric_error *error);

/* The same from JSON text in memory; NAME is used in messages. */
RUBRIC_API rubric_document *rubric_document_load_text(const char *text, size_t length,
                                           const char *name, rubric_error *error);

/* The model of a loaded document, valid until rubric_document_free. */
RUBRIC_API const rubric_model *rubric_document_model(const rubric_document *document);

/* Free a document and its model (NULL is allowed). */
RUBRIC_API void rubric_document_free(rubric_document *document);

/* Check a model's integrity: the format version, every index in range,
 * one descriptor per level, unique ids, sections holding their criteria in
 * order. Returns 1 when usable, else 0 with the reason in *error. The JSON
 * loader and rubric_grader_new both call it; call it yourself to vet
 * linked tables early. */
RUBRIC_API int rubric_model_check(const rubric_model *model, rubric_error *error);

/* ----------------------------------------------------------------- grades */

/* A grade is a level index (0 is the best level), or one of these. */
#define RUBRIC_GRADE_NOT_APPLICABLE (-1)   /* "NA" */
#define RUBRIC_GRADE_NONE (-2)             /* not graded, or not given */

/* The text of the not-applicable grade in audits and output. */
#define RUBRIC_NOT_APPLICABLE_CODE "NA"

/* The code of GRADE ("G", "NA"), or NULL for RUBRIC_GRADE_NONE. */
RUBRIC_API const char *rubric_grade_code(const rubric_model *model, int grade);

/* The grade whose code is CODE ("NA" included), or RUBRIC_GRADE_NONE. */
RUBRIC_API int rubric_grade_from_code(const rubric_model *model, const char *code);

/* A section's and a criterion's v2 fields as grading reads them: a model
 * of format_version 1 (C tables written before format 2, whose new fields
 * are zero) reads as every new field at its default: weight 1 (100
 * hundredths), graded on the scale (answer set -1), in the overall. */
RUBRIC_API unsigned rubric_section_weight(const rubric_model *model, unsigned section);
RUBRIC_API unsigned rubric_criterion_weight(const rubric_model *model, unsigned criterion);
RUBRIC_API int rubric_section_answer_set(const rubric_model *model, unsigned section);
RUBRIC_API int rubric_section_in_overall(const rubric_model *model, unsigned section);

/* The answer set of CRITERION's section, or NULL when it is graded on the
 * scale. A checklist criterion's grade is an answer index (or NA). */
RUBRIC_API const rubric_answer_set *rubric_criterion_answer_set(const rubric_model *model, unsigned criterion);

/* The code of a criterion's grade: an answer code for a checklist
 * criterion, else as rubric_grade_code. */
RUBRIC_API const char *rubric_criterion_grade_code(const rubric_model *model, unsigned criterion, int grade);

/* The reporting band holding level GRADE, or -1 (no bands, or NA/NONE). */
RUBRIC_API int rubric_band_of(const rubric_model *model, int grade);

/* The case type CASE_TYPE is one the rubric knows: declared in "case types:"
 * or, when none are declared, named in some criterion's "applies to:". */
RUBRIC_API int rubric_case_type_known(const rubric_model *model, const char *case_type);

/* The rubric's facts: those it declares ("facts:", in order), then, when it
 * declares case types and no fact of that key, "case_type" (name "case
 * type"), a required choice of the case types. INDEX from 0 to
 * rubric_fact_count() - 1; the strings are the model's. (Format 3.) */
RUBRIC_API unsigned rubric_fact_count(const rubric_model *model);
RUBRIC_API rubric_fact rubric_fact_at(const rubric_model *model, unsigned index);
/* The index of the fact with this key ("referral_date"), or -1. */
RUBRIC_API int rubric_find_fact(const rubric_model *model, const char *key);
/* "text", "choice", "date", "number", "yes/no", "dates", as the language writes them. */
RUBRIC_API const char *rubric_fact_type_name(rubric_fact_type type);
/* Whether VALUE is a valid value of FACT: any text; one of a choice's
 * choices; a date YYYY-MM-DD; a decimal number; yes or no; for dates, a
 * list of dates YYYY-MM-DD separated by commas or semicolons, or a JSON
 * array of them (empty: none). */
RUBRIC_API int rubric_fact_value_valid(const rubric_fact *fact, const char *value);

/* Whether CRITERION applies to CASE_TYPE: yes when CASE_TYPE is NULL or the
 * criterion's applies_to is empty or names it. */
RUBRIC_API int rubric_criterion_applies(const rubric_model *model, unsigned criterion, const char *case_type);

/* Whether GRADE counts as "good or better" under rules.good_or_better. */
RUBRIC_API int rubric_grade_is_good_or_better(const rubric_model *model, int grade);

/* The grade as aggregation counts it: NA becomes rules.not_applicable_level
 * under "not applicable: count as"; anything else is returned unchanged. */
RUBRIC_API int rubric_grade_as_counted(const rubric_model *model, int grade);

/* The names the rubric language and the reports use for a rule's parts,
 * or NULL for a value that is none of them:
 * a method ("worst", "best", "median", "most frequent", "mean"), the tie
 * rule ("lower", "higher") and what a limit is by ("criterion", "section",
 * "condition"). */
RUBRIC_API const char *rubric_method_name(rubric_method method);
RUBRIC_API const char *rubric_ties_name(rubric_ties ties);
/* The tie rule of SECTION's method (-1: the overall's): its own ("median,
 * ties higher"), else rules.ties. (Format 3.) */
RUBRIC_API rubric_ties rubric_outcome_ties(const rubric_model *model, int section);
RUBRIC_API const char *rubric_limit_kind_name(rubric_limit_kind kind);
/* "nearest, half down", "nearest, half up", "down". */
RUBRIC_API const char *rubric_rounding_name(rubric_rounding rounding);

/* A limit in the rubric language's words into BUFFER, like snprintf:
 * "no better than criterion s47-risk", "no better than section section-1",
 * "is I when criterion child-safe is I", "no better than R when any
 * criterion in section section-c is N", "no better than 5 when criterion
 * q3 is 3 or worse", "... when section section-b is in band Inadequate". */
RUBRIC_API size_t rubric_limit_describe(const rubric_model *model, const rubric_limit *limit, char *buffer, size_t size);

/* The index of the criterion or section with this id, or -1. */
RUBRIC_API int rubric_find_criterion(const rubric_model *model, const char *id);
RUBRIC_API int rubric_find_section(const rubric_model *model, const char *id);

/* ------------------------------------------------------------------ audits */

/* One "key: value" pair of an audit, both NUL-terminated. */
typedef struct rubric_entry {
    const char *key;
    const char *value;
} rubric_entry;

/* One audit as the caller read it. The grader only reads it, and the
 * result may point into it: keep it alive while using the result. */
typedef struct rubric_audit {
    const char *case_reference;      /* may be NULL */
    const char *rubric_id;           /* NULL: not checked */
    const char *auditor;             /* may be NULL */
    const char *date;                /* may be NULL */
    const rubric_entry *grades;      /* criterion id -> level code or "NA" */
    unsigned grade_count;
    const char *auditor_overall;     /* the auditor's own overall grade, or NULL */
    const rubric_entry *auditor_sections;  /* section id -> the auditor's grade */
    unsigned auditor_section_count;
    const char *role;                /* "auditor" or "moderator" in moderation input, or NULL */
    const char *case_type;           /* "LAC": the audit's cohort, or NULL when not named */
    const rubric_entry *comments;    /* criterion id, section id or "overall" -> evidence text */
    unsigned comment_count;
    /* Facts about the case and pass-through fields (format 3): every
     * member of the record (column of a CSV audit) that is not one of its
     * own, key -> value as text, in the order read: a declared fact
     * ("referral_date" -> "2026-03-02") or a field the rubric does not
     * declare, kept and written out again. case_type stays above. */
    const rubric_entry *fields;
    unsigned field_count;
    /* Per field, 1 when its value is the compact JSON text of an object
     * or array the record held ("{\"street\":\"…\"}"), to be written back
     * as that JSON value; NULL when every value is plain text. */
    const unsigned char *field_json;
} rubric_audit;

/* The text of the audit's fact or pass-through field KEY ("case_type"
 * included), or NULL when the audit does not give it. (Format 3.) */
RUBRIC_API const char *rubric_audit_field(const rubric_audit *audit, const char *key);

/* Whether CONDITION ("applies when:") holds for AUDIT: IS, the fact is
 * given and is one of the values; IS_NOT, given and none of them; WITHIN,
 * both dates are given and valid and lie within the span of each other,
 * in either order. A fact not given fails every test. (Format 3.) */
RUBRIC_API int rubric_condition_holds(const rubric_model *model, const rubric_condition *condition,
                                      const rubric_audit *audit);

/* Whether CRITERION's own condition and its section's hold for AUDIT
 * (1 when it has none): when not, the criterion is left out or graded NA,
 * as for a criterion of another case type. (Format 3.) */
RUBRIC_API int rubric_criterion_condition_holds(const rubric_model *model, unsigned criterion,
                                                const rubric_audit *audit);

/* A timescale judged for one audit ("timescale:"). */
typedef enum rubric_timescale_status {
    RUBRIC_TIMESCALE_UNKNOWN,    /* the date counted from is not given (or not a date), or the date
                                    judged is not given and the audit is not yet past the deadline */
    RUBRIC_TIMESCALE_MET,        /* the date judged is on or before the deadline */
    RUBRIC_TIMESCALE_NOT_MET     /* after it, or not given and the audit's date is after it */
} rubric_timescale_status;

typedef struct rubric_timescale_outcome {
    rubric_timescale_status status;
    long late_by;                /* NOT_MET: how late, in the timescale's unit (days for months); for
                                    a recurring timescale the longest gap's lateness */
    char deadline[20];           /* the last day allowed, "YYYY-MM-DD" ("YYYY-MM-DD HH:MM" for hours);
                                    "" when the date counted from is not known; recurring: the day
                                    the latest gap was due by, or when met the day the next is due */
} rubric_timescale_outcome;

/* TIMESCALE judged from AUDIT's date facts, with England and Wales' bank
 * holidays for working days (or those of rubric_use_holidays). (Format 3.) */
RUBRIC_API rubric_timescale_outcome rubric_timescale_judge(const rubric_model *model, const rubric_timescale *timescale,
                                                            const rubric_audit *audit);

/* Count working days, from now on and for the whole process, without the
 * holidays listed in the file PATH in place of England and Wales' bank
 * holidays (built in for 2015 to 2030): one date a line, YYYY-MM-DD, a
 * name after it if wanted, blank lines and lines starting '#' skipped. For
 * years after 2030, or another nation's holidays. PATH NULL goes back to
 * the built-in list. 1 when done, else 0 with "PATH:LINE: why" (or why the
 * file cannot be read) in *ERROR and the holidays as they were. Not for
 * use while another thread judges timescales. (Format 3.) */
RUBRIC_API int rubric_use_holidays(const char *path, rubric_error *error);

/* "met", "not met", "unknown". */
RUBRIC_API const char *rubric_timescale_status_name(rubric_timescale_status status);

/* "working days" (AMOUNT other than 1) or "working day", and so on for
 * "days", "months", "hours". */
RUBRIC_API const char *rubric_time_unit_name(rubric_time_unit unit, long amount);

/* A condition in the rubric language's words into BUFFER, like snprintf:
 * "team is Children in Care", "team is not Assessment", "referral date is
 * within 12 months of the audit date". (Format 3.) */
RUBRIC_API size_t rubric_condition_describe(const rubric_model *model, const rubric_condition *condition,
                                            char *buffer, size_t size);

/* The key of the overall grade's evidence comment. */
#define RUBRIC_OVERALL_COMMENT_KEY "overall"

/* ----------------------------------------------------------------- results */

/* What is wrong with an audit. */
typedef enum rubric_problem_kind {
    RUBRIC_PROBLEM_WRONG_RUBRIC,          /* text: the audit's rubric id */
    RUBRIC_PROBLEM_UNKNOWN_CRITERION,     /* text: the unknown id */
    RUBRIC_PROBLEM_DUPLICATE_CRITERION,   /* criterion */
    RUBRIC_PROBLEM_GRADE_NOT_ON_SCALE,    /* criterion; text: the grade */
    RUBRIC_PROBLEM_NOT_APPLICABLE_NOT_ALLOWED, /* criterion */
    RUBRIC_PROBLEM_MISSING_CRITERION,     /* criterion */
    RUBRIC_PROBLEM_UNKNOWN_SECTION,       /* text: the id in the auditor's grades */
    RUBRIC_PROBLEM_AUDITOR_GRADE_NOT_ON_SCALE, /* section (-1: overall); text: the grade */
    RUBRIC_PROBLEM_CASE_TYPE_MISSING,     /* the rubric declares case types; the audit names none */
    RUBRIC_PROBLEM_UNKNOWN_CASE_TYPE,     /* text: the audit's case type */
    RUBRIC_PROBLEM_NOT_FOR_CASE_TYPE,     /* criterion graded for a case type it does not apply to;
                                             text: the case type */
    RUBRIC_PROBLEM_UNKNOWN_COMMENT,       /* text: a comment key that is no criterion, section or "overall" */
    RUBRIC_PROBLEM_FACT_MISSING,          /* fact: a required fact the audit does not give */
    RUBRIC_PROBLEM_FACT_NOT_VALID,        /* fact; text: a value not of the fact's type or choices */
    RUBRIC_PROBLEM_NOT_FOR_CONDITION      /* criterion graded though its "applies when:" does not hold */
} rubric_problem_kind;

typedef struct rubric_problem {
    rubric_problem_kind kind;
    int criterion;                   /* criterion index, or -1 */
    int section;                     /* section index, or -1 */
    const char *text;                /* points into the audit, or NULL */
    int fact;                        /* the FACT_* kinds: index for rubric_fact_at; else -1 */
} rubric_problem;

/* Describe a problem in one line ("unknown criterion 'x'") into BUFFER;
 * returns the length the full text needs, like snprintf. */
RUBRIC_API size_t rubric_problem_describe(const rubric_model *model, const rubric_problem *problem,
                               char *buffer, size_t size);

/* How one section grade, or the overall grade, was decided. */
typedef struct rubric_outcome {
    int grade;                       /* the result: level index or NOT_APPLICABLE */
    int method_grade;                /* what the method gave, before limits */
    rubric_method method;            /* the rule applied */
    int decided_by_tie;              /* the tie rule chose between two grades */
    unsigned counted;                /* grades that took part */
    unsigned not_applicable;         /* NA grades among the inputs */
    int limited;                     /* a limit lowered method_grade to grade */
    rubric_limit_kind limit_kind;    /* when limited: what capped it */
    unsigned limit_index;            /* when limited: its criterion or section index */
    int auditor_grade;               /* the auditor's own grade, or RUBRIC_GRADE_NONE */
    unsigned limit_rule;             /* when limited: the index of the limit in rules.limits
                                        (with RUBRIC_LIMIT_BY_CONDITION limit_index is the same) */
    int band;                        /* index into model->bands of grade, or -1 (no bands, NA) */
    int has_mean;                    /* method MEAN over at least one grade: mean_hundredths is set */
    unsigned long mean_hundredths;   /* the exact mean times 100, rounded half up: the score on a
                                        score scale, else the position from the worst (worst = 1) */
    int not_graded;                  /* a "not graded when:" rule held: grade is RUBRIC_GRADE_NONE,
                                        no limit applied (format 3) */
    unsigned not_graded_rule;        /* when not_graded: the index of that rule in rules.limits */
    rubric_ties ties;                /* the tie rule its method uses (rubric_outcome_ties) */
} rubric_outcome;

/* A checklist section's count for one case: answers that count as met, of
 * the criteria that apply (graded NA or for another case type: left out). */
typedef struct rubric_checklist_count {
    unsigned met;
    unsigned applicable;
} rubric_checklist_count;

/* 100 * met / applicable in tenths, rounded half up (-1 when applicable is 0):
 * 2 of 3 gives 667, written "66.7". */
RUBRIC_API long rubric_checklist_percentage_tenths(const rubric_checklist_count *count);

/* Room for any number rubric_decimal_text writes, with its NUL. */
#define RUBRIC_DECIMAL_SIZE 32

/* VALUE in units of 10^-PLACES (PLACES 1 or 2: tenths, hundredths) as
 * rubric-grade writes a mean or a percentage, into BUFFER: no trailing
 * zero after the point and no point for a whole number ("7.5", "1.33",
 * "100"). Returns BUFFER. */
RUBRIC_API const char *rubric_decimal_text(unsigned long value, unsigned places, char buffer[RUBRIC_DECIMAL_SIZE]);

/* One graded audit. Arrays are indexed like the model's; the result
 * belongs to the grader and is valid until its next rubric_grade call. */
typedef struct rubric_result {
    const rubric_model *model;
    int valid;                       /* no problems: the grades below are set */
    const rubric_problem *problems;  /* in the order found */
    unsigned problem_count;          /* stored problems */
    unsigned problem_total;          /* all found (more than stored if many) */
    const int *criterion_grades;     /* per criterion: level index, NA or NONE */
    const rubric_outcome *sections;  /* per section */
    rubric_outcome overall;          /* method and basis: model->rules */
    const rubric_checklist_count *checklists; /* per section; set for checklist sections */
    const rubric_audit *audit;       /* the audit graded (its case type and comments) */
} rubric_result;

/* ------------------------------------------------------------------ grader */

/* A model plus the reusable workspace that grading needs. */
typedef struct rubric_grader rubric_grader;

/* Make a grader for MODEL (which must outlive it). Checks the model with
 * rubric_model_check; NULL with the reason in *error when unusable. */
RUBRIC_API rubric_grader *rubric_grader_new(const rubric_model *model, rubric_error *error);

/* Free a grader (NULL is allowed). */
RUBRIC_API void rubric_grader_free(rubric_grader *grader);

/* Validate and grade one audit. Never fails: problems are in the result.
 * Allocates nothing. */
RUBRIC_API const rubric_result *rubric_grade(rubric_grader *grader, const rubric_audit *audit);

/* Whether a conditional limit's condition (RUBRIC_LIMIT_BY_CONDITION)
 * holds for a graded audit, as the grader judged it: the subject's grade
 * passes the test; "any criterion" looks at the criteria graded on the
 * scale (not checklist answers). For tools that explain a result. */
RUBRIC_API int rubric_limit_condition_holds(const rubric_result *result, const rubric_limit *limit);

/* Partial grading (off by default), for a record still being filled in
 * (the audit form's live grade, rubric-grade --partial): criteria left
 * ungraded no longer make the audit invalid (every other problem still
 * does). A section whose grade can be told from what is graded gets it as
 * a full record would; a section, or the overall, that waits for an
 * ungraded criterion (its own, or one a limit on it reads) is incomplete:
 * grade RUBRIC_GRADE_NONE, nothing counted, no limit, and
 * rubric_outcome_missing lists what it waits for. A record with every
 * criterion graded grades exactly as without the flag. */
RUBRIC_API void rubric_grader_set_partial(rubric_grader *grader, int partial);

/* The criteria an outcome of RESULT waits for (SECTION: a section's index,
 * or -1 for the overall): those left ungraded that its grade depends on,
 * through its method or a limit on it (a limit on another section's grade
 * brings in what that section waits for). Stores up to CAPACITY criterion
 * indexes, in the model's order, in CRITERIA (NULL with 0 to count
 * them) and returns how many there are: 0 when the outcome is decided. */
RUBRIC_API unsigned rubric_outcome_missing(const rubric_result *result, int section, unsigned *criteria,
                                           unsigned capacity);

/* ------------------------------------------------------ explaining results */

/* Why RESULT is not valid, in one line as rubric-grade reports it, into
 * BUFFER (cut to SIZE - 1 bytes): the problems in the order found, joined
 * by "; ", then "; and N more" for problems found but not stored. An audit
 * of another rubric gets that problem alone ("the audit is for rubric 'x',
 * not 'y'"), not one for each of its criteria this rubric does not know.
 * An empty text for a valid result. Returns the length written. rubric-grade uses
 * a buffer of 4096 bytes. Since API 1.0.0. */
RUBRIC_API size_t rubric_result_describe(const rubric_result *result, char *buffer, size_t size);

/* Whether a member graded MEMBER_GRADE (a criterion of a section, or a
 * criterion or section of the overall) is one that decided OUTCOME, as
 * rubric-grade's "decided_by" lists them: it holds the grade the method
 * chose (NA as the rubric counts it), or, for the mean, it was counted.
 * A member left out of OUTCOME is passed as RUBRIC_GRADE_NONE and decides
 * nothing; nothing decides an outcome that counted no grade. Since API
 * 1.0.0. */
RUBRIC_API int rubric_outcome_decided_by(const rubric_model *model, const rubric_outcome *outcome,
                                         int member_grade);

/* The same rule as one range of grades, for a writer that tests many
 * members of one outcome: a member graded G (NA first replaced by
 * not_applicable_as) decided OUTCOME when (unsigned)G - lowest <= span.
 * For a mean every level is in the range, else the chosen grade alone;
 * RUBRIC_GRADE_NONE and an uncounted NA are never in it. `any` is 0 when
 * the outcome counted no grade (then nothing decided it). rubric-grade's
 * "decided_by" lists are written from this range. Since API 1.0.0. */
typedef struct rubric_deciding_range {
    int any;
    int not_applicable_as;
    unsigned lowest;
    unsigned span;
} rubric_deciding_range;
RUBRIC_API rubric_deciding_range rubric_outcome_deciding_range(const rubric_model *model,
                                                               const rubric_outcome *outcome);

/* ------------------------------------------------- audits as JSON records */

/* Reads audits written as JSON, one record at a time, exactly as
 * rubric-grade reads each line of a JSON Lines input (see rubric-audit(5)
 * and docs/library.md): for programs and bindings that hold an audit as
 * JSON text, so that no second reader with its own rules is written. The
 * parser holds the buffers the audit's strings live in, reused record
 * after record. One parser per thread. */
typedef struct rubric_audit_parser rubric_audit_parser;

/* A parser for audits of MODEL (NULL: any rubric, ids matched by text;
 * with MODEL, criterion ids are matched in the rubric's order first, as
 * rubric-grade does). MODEL must outlive the parser. NULL with the reason
 * in *error when out of memory. Since API 1.0.0. */
RUBRIC_API rubric_audit_parser *rubric_audit_parser_new(const rubric_model *model, rubric_error *error);

/* Free a parser (NULL is allowed). */
RUBRIC_API void rubric_audit_parser_free(rubric_audit_parser *parser);

/* Read one audit record from TEXT[0..LENGTH): one JSON object, as on a
 * line of a JSON Lines file (a line end after it is allowed). Returns the
 * audit, valid until the parser's next call or its freeing, ready for
 * rubric_grade; or NULL with why in *error ("malformed JSON at column 35:
 * ...", "'grades' must be an object", "out of memory"). Since API 1.0.0. */
RUBRIC_API const rubric_audit *rubric_audit_parse_json(rubric_audit_parser *parser, const char *text,
                                                       size_t length, rubric_error *error);

/* The "case" of the record last read, when it named one, even if the
 * record was not a usable audit; else NULL. Valid as long as the audit
 * rubric_audit_parse_json returned. Since API 1.0.0. */
RUBRIC_API const char *rubric_audit_parser_case(const rubric_audit_parser *parser);

#ifdef __cplusplus
}
#endif

#endif /* RUBRIC_H */
