/*
 * revisions.h — nothing counted twice: which records of a batch count in
 * its totals (summary, report, moderation, register) when the same record
 * is given twice, or a record has been amended since it was saved.
 *
 * A record is known by its case, auditor, audit date and role (its key).
 * Two records with the same key and the same content (grades, auditor's
 * grades, comments, rubric, case type, amendment) are the same record:
 * the first met counts, the rest are noted. An amended record carries
 * "amended_by" and "amended_at" beside its unchanged key: of a key's
 * records, only those with the latest amended_at count (an unamended one
 * is older than any amendment), so an amendment replaces its earlier
 * revisions wherever they were given. Records with the same key, the same
 * amendment and different content are both counted: neither says it
 * corrects the other.
 *
 * rubric-grade notes every record (revisions_survey), then asks of each
 * whether it counts (revisions_verdict): as it is read, unless an
 * amendment comes after a revision it replaces (batch_inputs.h). Memory is a few words per
 * distinct record: keys and contents are kept as 64-bit hashes (FNV-1a),
 * whose chance of a false match is about one in 10^9 at a million records.
 */
#ifndef REVISIONS_H
#define REVISIONS_H

#include "rubric.h"

typedef struct revision_table revision_table;

/* What a record is to the totals. */
typedef enum revision_verdict {
    REVISION_COUNTS,             /* count it */
    REVISION_DUPLICATE,          /* the same as an earlier record (where: *earlier) */
    REVISION_SUPERSEDED,         /* a later amendment replaces it (where: *earlier) */
} revision_verdict;

/* Where a record was read: the input's number in the run and its line. */
typedef struct revision_place {
    unsigned input;
    unsigned long line;
} revision_place;

/* One record as the table sees it. */
typedef struct revision_record {
    const rubric_audit *audit;
    const char *amended_by;      /* NULL when not amended */
    const char *amended_at;
    long long amended_seconds;   /* amended_at as seconds since 1970 (UTC) */
    revision_place place;
    unsigned long long key_hash;      /* set by revisions_hash */
    unsigned long long content_hash;
} revision_record;

revision_table *revisions_new(void);
void revisions_free(revision_table *table);

/* Hash the record's key (case, auditor, date, role) and its key and
 * content, into its key_hash and content_hash: once a record, before the
 * calls below and register_add (register.h), which take them from there.
 * The content hash is the same for the same record however its grades
 * were ordered; the register keeps it, so it never changes. */
void revisions_hash(revision_record *record);

/* The survey: note one record read (graded or not). 0 when out of memory.
 * *LATE (unless NULL) is set to 1 when the record's amendment is later
 * than that of a record with its key noted before it. */
int revisions_survey(revision_table *table, const revision_record *record, int *late);

/* The grading: whether a surveyed record counts; when it does not, where
 * the record that counts instead (or first) was read, in *earlier. */
revision_verdict revisions_verdict(const revision_table *table, const revision_record *record,
                                   revision_place *earlier);

#endif /* REVISIONS_H */
