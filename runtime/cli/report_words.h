/*
 * report_words.h — the words a report uses for an outcome, whether it
 * writes them into a record (report.c) or into the pieces made once per
 * rubric (report_pieces.c): how the auditor's grade compares, and what
 * limited a grade.
 *
 * Internal to rubric-grade (not installed). Below both of its users, so
 * that a record written from pieces and one written in full say the same.
 */
#ifndef REPORT_WORDS_H
#define REPORT_WORDS_H

#include <stddef.h>

#include "output_buffer.h"
#include "rubric.h"

/* How the auditor's own grade compares: "agrees", "1 level better" (the
 * auditor's grade is better), "2 levels worse", "differs" (NA against a level), or
 * NULL when the auditor gave none. BUFFER holds the text. */
const char *report_agreement(const rubric_outcome *outcome, char *buffer, size_t size);

/* A limit in words, as the rule words and the CSV cells say it: "criterion
 * s47-risk", "section section-2", or a conditional limit in its own words
 * ("is I when criterion child-safe is I"). */
void report_limit_words(output_buffer *buffer, const rubric_model *model, const rubric_limit *limit);

/* The label of an outcome a "not graded when:" rule decided, where a
 * grade would be (CSV cells, text, summaries): never a grade code or NA. */
#define REPORT_NOT_GRADED "not graded"

/* 1 when the rubric has a "not graded when:" rule: then summaries,
 * moderation and the report count not graded outcomes in a place of their own. */
int report_has_not_graded_rules(const rubric_model *model);

/* A not graded outcome's JSON members: ,"not_graded":true,"not_graded_by":
 * and its rule in words ("not graded when more than 3 criteria are NA"),
 * as "limited_by" names a limit. */
void report_not_graded_json(output_buffer *buffer, const rubric_model *model, const rubric_outcome *outcome);

#endif /* REPORT_WORDS_H */
