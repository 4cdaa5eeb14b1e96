/*
 * moderation.h — agreement between an auditor and a moderator who graded
 * the same cases: per criterion, per section, for the overall grade and
 * for every criterion judgement pooled (also per auditor and per pair of
 * auditor and moderator), the pairs compared, exact
 * agreement, agreement within one level, and Cohen's kappa unweighted and
 * quadratic-weighted, each with a 95% confidence interval; and the list of
 * every judgement on which the two differ by two levels or more.
 * Checklist criteria are compared as answers, which have no order: exact
 * agreement and the unweighted kappa over the answer set only, never pooled
 * with the graded criteria nor listed as differences of levels. On a score
 * scale every number is a level, so the quadratic weights over level
 * positions are the quadratic weights over the scores.
 *
 * Internal to the library and rubric-grade (not installed). rubric-grade
 * --moderate feeds it every graded audit; it tells the two gradings of a
 * case apart by the audit's role ("auditor", "moderator") or, without one,
 * by order (the first grading of a case is the auditor's). It keeps only
 * grade indexes and the strings it names in its output.
 *
 * Kappa's standard error is the large-sample formula of Fleiss, Cohen and
 * Everitt (1969), "Large sample standard errors of kappa and weighted
 * kappa", Psychological Bulletin 72(5), 323-327, with agreement weights
 * w(i,j) = 1 for kappa's exact agreement and 1 - (i-j)^2/(k-1)^2 for the
 * quadratic weighting over a scale of k levels:
 *
 *   var = [ sum_ij p_ij (w_ij - (wr_i + wc_j)(1 - kappa))^2
 *           - (kappa - pe (1 - kappa))^2 ] / (n (1 - pe)^2)
 *
 * where wr_i = sum_j p_.j w_ij, wc_j = sum_i p_i. w_ij and pe is the
 * chance agreement sum_ij w_ij p_i. p_.j. The interval is
 * kappa +- 1.96 sqrt(var), clipped to [-1, 1]. With very few pairs the
 * formula can give a negative variance; there is then no interval.
 */
#ifndef MODERATION_H
#define MODERATION_H

#include <stdio.h>

#include "rubric.h"

/* Kappa, or why there is none. */
typedef struct moderation_kappa {
    int defined;                 /* 0: value is undefined, see reason */
    double value;
    double standard_error;
    int has_interval;            /* 0: the variance formula gave a negative value */
    double low, high;            /* the 95% confidence interval */
    const char *reason;          /* when undefined: "no pairs", ... */
} moderation_kappa;

/* Agreement over one thing graded by both. */
typedef struct moderation_agreement {
    unsigned long pairs;         /* both gave a level */
    unsigned long not_compared;  /* one or both gave NA */
    unsigned long exact;         /* the same level */
    unsigned long adjacent;      /* within one level (exact included); answers: exact */
    int answers;                 /* 1: a checklist criterion, compared as answers, whose
                                    kappa_weighted is undefined and left out of all_criteria */
    moderation_kappa kappa;
    moderation_kappa kappa_weighted;
    unsigned long not_graded;    /* a section or the overall a "not graded when:" rule decided on
                                    either side: neither an agreement nor a disagreement */
    int counts_not_graded;       /* 1: a section or the overall of a rubric with such rules */
} moderation_agreement;

/* Agreement over the cases one auditor, or one auditor and one moderator,
 * graded: every criterion judgement on the scale pooled (checklist
 * answers left out), as in moderation_all_criteria. Graders are named by
 * their records' "auditor" field. */
typedef struct moderation_people {
    const char *auditor;         /* the auditor's name; NULL when the records give none */
    const char *moderator;       /* a pair's moderator (NULL: none given); NULL per auditor */
    unsigned long cases;         /* cases graded by both */
    moderation_agreement criteria;
} moderation_people;

/* What a difference of two levels or more is about. */
typedef enum moderation_subject {
    MODERATION_CRITERION,
    MODERATION_SECTION,
    MODERATION_OVERALL
} moderation_subject;

/* One judgement on which auditor and moderator differ by two levels or more. */
typedef struct moderation_difference {
    const char *case_reference;
    moderation_subject subject;
    unsigned index;              /* criterion or section index */
    int auditor_grade;           /* level indexes */
    int moderator_grade;
} moderation_difference;

typedef struct moderation_batch moderation_batch;

moderation_batch *moderation_new(const rubric_model *model);
void moderation_free(moderation_batch *batch);

/* Take one graded audit (RESULT valid), read from INPUT at LINE. Returns 1
 * when taken, with *IS_MODERATOR set when it is the second grading of its
 * case; 0 when it cannot be (a role other than "auditor" or "moderator",
 * a role already taken for the case, a third grading), with the reason in
 * ERROR; -1 when out of memory. */
int moderation_add(moderation_batch *batch, const rubric_audit *audit, const rubric_result *result,
                   const char *input, unsigned long line, int *is_moderator, char *error, size_t error_size);

/* Compute the statistics; call once, after the last moderation_add.
 * Returns 0 when out of memory. */
int moderation_finish(moderation_batch *batch);

/* After moderation_finish: the agreement overall (the overall grade), for
 * every criterion judgement pooled, per section and per criterion. */
const moderation_agreement *moderation_overall(const moderation_batch *batch);
const moderation_agreement *moderation_all_criteria(const moderation_batch *batch);
const moderation_agreement *moderation_section(const moderation_batch *batch, unsigned section);
const moderation_agreement *moderation_criterion(const moderation_batch *batch, unsigned criterion);

/* After moderation_finish: agreement per auditor (in name order, none
 * given last) and per pair of auditor and moderator (by the auditor's
 * name, then the moderator's). */
unsigned moderation_auditor_count(const moderation_batch *batch);
const moderation_people *moderation_auditor_at(const moderation_batch *batch, unsigned index);
unsigned moderation_auditor_pair_count(const moderation_batch *batch);
const moderation_people *moderation_auditor_pair_at(const moderation_batch *batch, unsigned index);

/* Cases with both gradings, and with only one. */
unsigned long moderation_pair_count(const moderation_batch *batch);
unsigned long moderation_unpaired_count(const moderation_batch *batch);

/* The differences of two levels or more, in case order (first seen),
 * then overall, sections, criteria in model order. */
unsigned long moderation_difference_count(const moderation_batch *batch);
const moderation_difference *moderation_difference_at(const moderation_batch *batch, unsigned long index);

/* Kappa from a K x K table of counts (rows the auditor's level, columns
 * the moderator's), unweighted or with quadratic weights. */
moderation_kappa moderation_kappa_of_table(const unsigned long *table, unsigned k, int quadratic);

/* Write the statistics (after moderation_finish) as one JSON object and a
 * newline; RECORDS and ERRORS count the input. Returns 0 on a write error. */
int moderation_write_json(const moderation_batch *batch, unsigned long records, unsigned long errors,
                          FILE *output);

#endif /* MODERATION_H */
