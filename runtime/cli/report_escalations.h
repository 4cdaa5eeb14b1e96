/*
 * report_escalations.h — the cases the managers' page lists to escalate,
 * kept on a temporary file as they are graded rather than in memory, and
 * read back one by one when the page is written: a round of 100,000
 * audits can escalate tens of thousands of cases, and the report's memory
 * must not grow with them.
 *
 * Internal to rubric-grade (not installed); used by report_html.c.
 */
#ifndef REPORT_ESCALATIONS_H
#define REPORT_ESCALATIONS_H

#include <stdio.h>

/* One case to escalate; any text but the case may be NULL. */
typedef struct escalation {
    const char *case_reference;
    const char *team;            /* the case's team and social worker, as the audit gives them */
    const char *worker;
    const char *auditor;
    const char *date;
    const char *input;           /* where it was read */
    unsigned long line;
    int overall;                 /* the overall grade (a level index), or -1 */
    const char *reasons;         /* in words, "; " between them */
} escalation;

typedef struct escalation_spool escalation_spool;

/* An empty list (its file is made with the first case); NULL when out of memory. */
escalation_spool *escalation_spool_new(void);
void escalation_spool_free(escalation_spool *spool);

/* Keep CASE at the end of the list; 0 when it cannot be written. */
int escalation_spool_add(escalation_spool *spool, const escalation *kept);

/* The cases kept, and whether any gives a team, or a social worker. */
unsigned long escalation_spool_count(const escalation_spool *spool);
int escalation_spool_has_team(const escalation_spool *spool);
int escalation_spool_has_worker(const escalation_spool *spool);

/* Read the list from its start: escalation_spool_rewind, then
 * escalation_spool_next until it returns 0 (the end) or -1 (a read
 * error). The texts of *KEPT last until the next call. */
int escalation_spool_rewind(escalation_spool *spool);
int escalation_spool_next(escalation_spool *spool, escalation *kept);

#endif /* REPORT_ESCALATIONS_H */
