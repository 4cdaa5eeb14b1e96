/*
 * test_suggest.c — unit tests of the did-you-mean suggestions
 * (compiler/front/suggest.c) and of the look-alike character table
 * (compiler/front/lookalike.c): distances with swaps, case and spacing, the
 * nearness limits by length, and look-alikes found at their byte offset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lookalike.h"
#include "suggest.h"

static void distance_counts_edits(void **state)
{
    (void)state;
    assert_int_equal(suggest_distance("criterion", "criterion", 3), 0);
    assert_int_equal(suggest_distance("critrion", "criterion", 3), 1);      /* a letter left out */
    assert_int_equal(suggest_distance("crtierion", "criterion", 3), 1);     /* two letters swapped */
    assert_int_equal(suggest_distance("medain", "median", 3), 1);
    assert_int_equal(suggest_distance("sectoin", "section", 3), 1);
    assert_int_equal(suggest_distance("overal grade", "overall grade", 3), 1);
}

static void distance_ignores_case_and_spacing(void **state)
{
    (void)state;
    assert_int_equal(suggest_distance("g", "G", 1), 0);
    assert_int_equal(suggest_distance("Applies  To", "applies to", 1), 0);
}

static void distance_stops_at_the_limit(void **state)
{
    (void)state;
    assert_int_equal(suggest_distance("timeliness", "voice-of-the-child", 2), 3);
    assert_int_equal(suggest_distance("abc", "xyz", 1), 2);
    assert_int_equal(suggest_distance("", "criterion", 2), 3);
}

static void suggestions_only_when_near(void **state)
{
    (void)state;
    static const char *const levels[] = {"O", "G", "R", "I", NULL};
    assert_string_equal(suggest_from_list("g", levels), "G");          /* case only */
    assert_string_equal(suggest_from_list("RI", levels), "R");         /* one letter too many */
    assert_null(suggest_from_list("X", levels));                       /* any letter is one edit away */
    static const char *const methods[] = {"worst", "best", "median", "most frequent", NULL};
    assert_string_equal(suggest_from_list("most frequnt", methods), "most frequent");
    assert_null(suggest_from_list("average", methods));
    assert_null(suggest_from_list("median", methods));                 /* already right */
}

static void nearest_of_several(void **state)
{
    (void)state;
    suggestion search;
    suggest_begin(&search, "referal-quality");
    suggest_consider(&search, "referral-timing");
    suggest_consider(&search, "referral-quality");
    suggest_consider(&search, "assessment-quality");
    assert_string_equal(suggest_result(&search), "referral-quality");
}

static void lookalikes_named_at_their_offset(void **state)
{
    (void)state;
    lookalike found;
    const char *dash = "referral\xE2\x80\x93quality";
    assert_int_equal(lookalike_find(dash, strlen(dash), &found), 1);
    assert_int_equal(found.offset, 8);
    assert_int_equal(found.length, 3);
    assert_string_equal(found.name, "U+2013 EN DASH");
    const char *space = "applies\xC2\xA0to";
    assert_int_equal(lookalike_find(space, strlen(space), &found), 1);
    assert_string_equal(found.name, "U+00A0 NO-BREAK SPACE");
    const char *colon = "applies to\xEF\xBC\x9A";
    assert_int_equal(lookalike_find(colon, strlen(colon), &found), 1);
    assert_string_equal(found.name, "U+FF1A FULLWIDTH COLON");
}

static void plain_text_and_other_letters_pass(void **state)
{
    (void)state;
    lookalike found;
    assert_int_equal(lookalike_find("referral-quality", 16, &found), 0);
    const char *accented = "caf\xC3\xA9 \xC2\xB7 na\xC3\xAFve";   /* é, the middle dot of bullets, ï */
    assert_int_equal(lookalike_find(accented, strlen(accented), &found), 0);
    /* A character cut off at the end of the text is not matched. */
    assert_int_equal(lookalike_find("a\xE2\x80", 3, &found), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(distance_counts_edits),
        cmocka_unit_test(distance_ignores_case_and_spacing),
        cmocka_unit_test(distance_stops_at_the_limit),
        cmocka_unit_test(suggestions_only_when_near),
        cmocka_unit_test(nearest_of_several),
        cmocka_unit_test(lookalikes_named_at_their_offset),
        cmocka_unit_test(plain_text_and_other_letters_pass),
    };
    return cmocka_run_group_tests_name("suggest", tests, NULL, NULL);
}
