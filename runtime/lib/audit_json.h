/*
 * audit_json.h — one JSON Lines record into a rubric_audit, without a tree.
 *
 * Internal to the library and rubric-grade (not installed); audit_read.c
 * calls it for every line of a JSON Lines input. The record is read by
 * yajl's event parser straight into the audit: keys and strings are copied
 * once into a buffer that is reused line after line, so a long run
 * allocates only while lines grow. A line the event reader refuses is
 * explained by jansson, so a malformed record is reported in the same
 * words ("malformed JSON at column 35: invalid token near 'G'") whichever
 * parser saw it first; both accept exactly the same lines. Most lines
 * never reach yajl: a plain path reads the common shapes several times
 * faster and hands anything unusual to yajl.
 */
#ifndef AUDIT_JSON_H
#define AUDIT_JSON_H

#include <stddef.h>

#include "rubric.h"

typedef struct json_record_reader json_record_reader;

/* What one line held: an audit, or why it is not one. */
typedef struct json_record {
    const rubric_audit *audit;   /* NULL when the line is not a usable audit */
    const char *case_reference;  /* the case, when known even if unusable */
    const char *error;           /* why it is unusable, when audit is NULL */
    const char *amended_by;      /* an amended record's "amended_by", or NULL */
    const char *amended_at;      /* and its "amended_at", or NULL */
} json_record;

/* Whether lines may take the plain path (see audit_json.c); 1 unless a
 * test sets it to 0 to read every line by yajl and compare the two. */
extern int json_record_plain_path;

json_record_reader *json_record_reader_new(void);
void json_record_reader_free(json_record_reader *reader);

/* Tell the reader the rubric the audits are for (NULL: none): the keys of
 * grades are then matched against its criterion ids in the rubric's order
 * first, and a grade entry's key is the model's own id string (so the
 * grader can match it by address). MODEL must outlive the reader's use.
 * Returns 0 when out of memory (the reader then works without it). */
int json_record_reader_set_rubric(json_record_reader *reader, const rubric_model *model);

/* Read LINE[0..LENGTH) (no line end) into *RECORD, whose strings stay valid
 * until the next call. Returns 0 only when out of memory. */
int json_record_read(json_record_reader *reader, const char *line, size_t length, json_record *record);

#endif /* AUDIT_JSON_H */
