/*
 * test_revisions.c — cmocka units for revisions.c, which records count:
 * the hashes of a record (the register stores them, so their values are
 * pinned here: a change would make every record a new revision), the same
 * record given again counted once, an amendment replacing its earlier
 * revisions wherever they were read, and the "late" mark that sends
 * rubric-grade's one read of its inputs to a second (batch_inputs.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "revisions.h"

static const rubric_entry good_grades[] = {{"a1", "G"}, {"a2", "R"}};
static const rubric_entry same_grades_reordered[] = {{"a2", "R"}, {"a1", "G"}};
static const rubric_entry amended_grades[] = {{"a1", "O"}, {"a2", "G"}};

static rubric_audit audit_of(const rubric_entry *grades)
{
    rubric_audit audit = {.case_reference = "C-1", .rubric_id = "tiny-rubric", .auditor = "Invented Auditor A",
                          .date = "2026-04-01", .grades = grades, .grade_count = 2};
    return audit;
}

/* A record read at LINE of input 0, hashed; AMENDED_SECONDS 0: not amended. */
static revision_record record_of(const rubric_audit *audit, long long amended_seconds, unsigned long line)
{
    revision_record record = {audit, NULL, NULL, 0, {0, line}, 0, 0};
    if (amended_seconds) {
        record.amended_by = "Invented Moderator M";
        record.amended_at = "2026-04-20T10:31:00Z";  /* the seconds decide; the text is only hashed */
        record.amended_seconds = amended_seconds;
    }
    revisions_hash(&record);
    return record;
}

static void hashes_are_pinned(void **state)
{
    (void)state;
    rubric_audit audit = audit_of(good_grades);
    revision_record record = record_of(&audit, 0, 1);
    assert_true(record.key_hash == 16979101791474244819ULL);
    assert_true(record.content_hash == 757118624164264472ULL);
    rubric_audit reordered = audit_of(same_grades_reordered);
    revision_record again = record_of(&reordered, 0, 2);
    assert_true(again.content_hash == record.content_hash);
    rubric_audit amended = audit_of(amended_grades);
    revision_record other = record_of(&amended, 0, 3);
    assert_true(other.key_hash == record.key_hash);
    assert_true(other.content_hash != record.content_hash);
}

static void the_same_record_counts_once(void **state)
{
    (void)state;
    revision_table *table = revisions_new();
    assert_non_null(table);
    rubric_audit audit = audit_of(good_grades), reordered = audit_of(same_grades_reordered);
    revision_record first = record_of(&audit, 0, 1), second = record_of(&reordered, 0, 2);
    int late = 0;
    assert_true(revisions_survey(table, &first, &late));
    assert_true(revisions_survey(table, &second, &late));
    assert_int_equal(late, 0);
    revision_place earlier = {9, 9};
    assert_int_equal(revisions_verdict(table, &first, &earlier), REVISION_COUNTS);
    assert_int_equal(revisions_verdict(table, &second, &earlier), REVISION_DUPLICATE);
    assert_int_equal(earlier.line, 1);
    revisions_free(table);
}

static void an_amendment_first_is_not_late(void **state)
{
    (void)state;
    revision_table *table = revisions_new();
    assert_non_null(table);
    rubric_audit amended = audit_of(amended_grades), original = audit_of(good_grades);
    revision_record amendment = record_of(&amended, 1776681060LL, 1), earlier_revision = record_of(&original, 0, 2);
    int late = 0;
    assert_true(revisions_survey(table, &amendment, &late));
    assert_true(revisions_survey(table, &earlier_revision, &late));
    assert_int_equal(late, 0);
    revision_place place;
    assert_int_equal(revisions_verdict(table, &amendment, &place), REVISION_COUNTS);
    assert_int_equal(revisions_verdict(table, &earlier_revision, &place), REVISION_SUPERSEDED);
    assert_int_equal(place.line, 1);
    revisions_free(table);
}

static void an_amendment_after_is_late(void **state)
{
    (void)state;
    revision_table *table = revisions_new();
    assert_non_null(table);
    rubric_audit original = audit_of(good_grades), amended = audit_of(amended_grades);
    revision_record first = record_of(&original, 0, 1), older_amendment = record_of(&amended, 1775813460LL, 2);
    revision_record newer_amendment = record_of(&original, 1776681060LL, 3);
    int late = 0;
    assert_true(revisions_survey(table, &first, &late));
    assert_true(revisions_survey(table, &older_amendment, &late));
    assert_int_equal(late, 1);   /* it replaces line 1, read before it */
    late = 0;
    assert_true(revisions_survey(table, &newer_amendment, &late));
    assert_int_equal(late, 1);
    late = 0;
    assert_true(revisions_survey(table, &older_amendment, NULL));  /* NULL: not asked */
    revision_place place;
    assert_int_equal(revisions_verdict(table, &first, &place), REVISION_SUPERSEDED);
    assert_int_equal(place.line, 3);
    assert_int_equal(revisions_verdict(table, &older_amendment, &place), REVISION_SUPERSEDED);
    assert_int_equal(revisions_verdict(table, &newer_amendment, &place), REVISION_COUNTS);
    revisions_free(table);
}

static void many_records_grow_the_table(void **state)
{
    (void)state;
    revision_table *table = revisions_new();
    assert_non_null(table);
    enum { RECORDS = 5000 };
    static char cases[RECORDS][16];
    static rubric_audit audits[RECORDS];
    static revision_record records[RECORDS];
    for (unsigned index = 0; index < RECORDS; index++) {
        snprintf(cases[index], sizeof cases[index], "C-%u", index);
        audits[index] = audit_of(good_grades);
        audits[index].case_reference = cases[index];
        records[index] = record_of(&audits[index], 0, index + 1);
        assert_true(revisions_survey(table, &records[index], NULL));
    }
    revision_place place;
    for (unsigned index = 0; index < RECORDS; index++)
        assert_int_equal(revisions_verdict(table, &records[index], &place), REVISION_COUNTS);
    revisions_free(table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hashes_are_pinned),
        cmocka_unit_test(the_same_record_counts_once),
        cmocka_unit_test(an_amendment_first_is_not_late),
        cmocka_unit_test(an_amendment_after_is_late),
        cmocka_unit_test(many_records_grow_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
