/*
 * test_audit_date.c — cmocka units for the one date check (audit_date.h)
 * that every reader of a date shares: real calendar dates pass (leap years
 * by the Gregorian rule, every month's last day), and every other form
 * fails — a day past the month's end, 29 February of a common year, month
 * 00 or 13, day 00, digits left out, other orders and separators, signs
 * and blanks, text, the empty string, NULL — with the message that names
 * the field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "audit_date.h"

static void real_dates_pass(void **state)
{
    (void)state;
    static const char *const dates[] = {
        "2026-01-01", "2026-01-31", "2026-02-28", "2024-02-29", "2000-02-29", "2026-03-31",
        "2026-04-30", "2026-06-30", "2026-09-30", "2026-11-30", "2026-12-31", "0001-01-01",
        "9999-12-31", "1996-02-29",
    };
    for (size_t index = 0; index < sizeof dates / sizeof dates[0]; index++) {
        if (!audit_date_valid(dates[index]))
            fail_msg("'%s' should be a date", dates[index]);
    }
}

static void other_forms_fail(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "2026-02-30", "2026-02-29", "1900-02-29", "2100-02-29", "2026-13-45", "2026-13-01",
        "2026-00-10", "2026-01-00", "2026-01-32", "2026-04-31", "2026-06-31", "2026-09-31",
        "2026-11-31", "0000-01-01", "2026-1-5", "2026-01-5", "26-01-05", "12/05/2026",
        "2026/05/12", "20260512", "2026-05-12T10:00", "2026-05-12 ", " 2026-05-12",
        "+202-01-01", "2026-+1-01", "2026- 1-01", "2026-05-1x", "not a date", "", "2026-W01-1",
    };
    for (size_t index = 0; index < sizeof texts / sizeof texts[0]; index++) {
        if (audit_date_valid(texts[index]))
            fail_msg("'%s' should not be a date", texts[index]);
    }
    assert_false(audit_date_valid(NULL));
}

static void length_is_honoured(void **state)
{
    (void)state;
    assert_true(audit_date_valid_length("2026-05-12 and more", 10));
    assert_false(audit_date_valid_length("2026-05-12", 9));
    assert_false(audit_date_valid_length(NULL, 10));
}

static void problem_names_the_field(void **state)
{
    (void)state;
    char message[512];
    audit_date_problem(message, sizeof message, "field", "date", "2026-02-30");
    assert_string_equal(message, "field 'date': '2026-02-30' is not a date; write the date as year-month-day, "
                                 "like 2026-04-01");
    audit_date_problem(message, sizeof message, "column", "date", "");
    assert_string_equal(message, "column 'date': '' is not a date; write the date as year-month-day, "
                                 "like 2026-04-01");
    /* A long value is cut to 40 bytes at a character's boundary, and said
     * to be: a character across the 40th byte is left out whole. */
    char long_value[100];
    memset(long_value, 'x', sizeof long_value);
    long_value[sizeof long_value - 1] = '\0';
    memcpy(long_value + 38, "\xc3\xa9", 2);
    audit_date_problem(message, sizeof message, "field", "date", long_value);
    assert_non_null(strstr(message, ": 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\xc3\xa9...' is not a date"));
    memset(long_value, 'x', 40);
    memcpy(long_value + 39, "\xc3\xa9", 2);
    audit_date_problem(message, sizeof message, "field", "date", long_value);
    assert_non_null(strstr(message, ": 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not a date"));
    /* A message too small for it is cut, still valid UTF-8. */
    char small[8];
    audit_date_problem(small, sizeof small, "field", "d\xc3\xa9", "x");
    assert_string_equal(small, "field '");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(real_dates_pass),
        cmocka_unit_test(other_forms_fail),
        cmocka_unit_test(length_is_honoured),
        cmocka_unit_test(problem_names_the_field),
    };
    return cmocka_run_group_tests_name("audit_date", tests, NULL, NULL);
}
