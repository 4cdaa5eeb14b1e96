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

/* --date-format's forms: each name read (in either case) and written back;
 * a date in the form rewritten YYYY-MM-DD; ISO always read; the rest not. */
static void declared_forms(void **state)
{
    (void)state;
    static const char *const names[] = {"yyyy-mm-dd", "dd/mm/yyyy", "dd-mm-yyyy", "dd.mm.yyyy", "mm/dd/yyyy"};
    audit_date_format format;
    char name[11], iso[AUDIT_DATE_LENGTH + 1];
    for (size_t index = 0; index < sizeof names / sizeof names[0]; index++) {
        assert_true(audit_date_format_parse(names[index], &format));
        audit_date_format_name(format, name);
        assert_string_equal(name, names[index]);
    }
    assert_true(audit_date_format_parse("DD/MM/YYYY", &format));
    static const char *const unknown[] = {"dd/mm/yy", "yyyy/mm/dd", "d/m/yyyy", "", "dd/mm/yyyyy", "mm.dd.yyyy"};
    for (size_t index = 0; index < sizeof unknown / sizeof unknown[0]; index++)
        assert_false(audit_date_format_parse(unknown[index], &format));
    assert_false(audit_date_format_parse(NULL, &format));

    audit_date_format uk = {AUDIT_DATE_DMY, '/'}, us = {AUDIT_DATE_MDY, '/'}, dotted = {AUDIT_DATE_DMY, '.'};
    static const struct { const char *text; audit_date_format format; const char *iso; } read[] = {
        {"12/05/2026", {AUDIT_DATE_DMY, '/'}, "2026-05-12"}, {"5/3/2026", {AUDIT_DATE_DMY, '/'}, "2026-03-05"},
        {"29/02/2024", {AUDIT_DATE_DMY, '/'}, "2024-02-29"}, {"2026-05-12", {AUDIT_DATE_DMY, '/'}, "2026-05-12"},
        {"12/05/2026", {AUDIT_DATE_MDY, '/'}, "2026-12-05"}, {"12.05.2026", {AUDIT_DATE_DMY, '.'}, "2026-05-12"},
        {"2026-05-12", {AUDIT_DATE_YMD, '-'}, "2026-05-12"}, {"01-01-0001", {AUDIT_DATE_DMY, '-'}, "0001-01-01"},
    };
    for (size_t index = 0; index < sizeof read / sizeof read[0]; index++) {
        if (!audit_date_normalise(read[index].text, read[index].format, iso))
            fail_msg("'%s' should be read", read[index].text);
        assert_string_equal(iso, read[index].iso);
    }
    static const char *const unread[] = {"31/02/2026", "29/02/2026", "12/05/26", "12.05.2026", "123/05/2026",
                                         "12/5/20266", "/05/2026", "12//2026", "12/05/", "+1/05/2026",
                                         "12/13/2026", "00/05/2026", "12/05/2026 ", "12/05/0000"};
    for (size_t index = 0; index < sizeof unread / sizeof unread[0]; index++)
        if (audit_date_normalise(unread[index], uk, iso))
            fail_msg("'%s' should not be read as dd/mm/yyyy", unread[index]);
    assert_false(audit_date_normalise("13/05/2026", us, iso));
    assert_false(audit_date_normalise("12/05/2026", dotted, iso));
    assert_false(audit_date_normalise("12/05/2026", AUDIT_DATE_FORMAT_ISO, iso));
    assert_false(audit_date_normalise(NULL, uk, iso));

    char message[512];
    audit_date_problem_in_form(message, sizeof message, "column", "date", "31/02/2026", uk);
    assert_string_equal(message, "column 'date': '31/02/2026' is not a date in the form dd/mm/yyyy (--date-format) "
                                 "or yyyy-mm-dd");
    audit_date_problem_in_form(message, sizeof message, "field", "date", "12.05.2026", AUDIT_DATE_FORMAT_ISO);
    assert_non_null(strstr(message, "; for dates written day/month/year give --date-format dd.mm.yyyy"));
    audit_date_problem_in_form(message, sizeof message, "field", "date", "31/02/2026", AUDIT_DATE_FORMAT_ISO);
    assert_null(strstr(message, "--date-format"));
}

/* An amendment's date and time, in seconds since 1970 (UTC). */
static void amendment_times(void **state)
{
    (void)state;
    long long seconds;
    assert_true(audit_date_time_parse("1970-01-01T00:00:00Z", &seconds));
    assert_int_equal(seconds, 0);
    assert_true(audit_date_time_parse("2026-12-05T10:31:00Z", &seconds));
    assert_int_equal(seconds, 1796466660LL);
    assert_true(audit_date_time_parse("2026-12-05T11:31+01:00", &seconds));
    assert_int_equal(seconds, 1796466660LL);
    assert_true(audit_date_time_parse("2024-02-29T23:59:59-00:30", &seconds));
    assert_int_equal(seconds, 1709251199LL + 1800);
    static const char *const bad[] = {"2026-12-05", "2026-12-05T10:31:00", "2026-12-05 10:31:00Z",
                                      "2026-02-30T10:31:00Z", "2026-12-05T24:00:00Z", "2026-12-05T10:60Z",
                                      "2026-12-05T10:31:00+1:00", "2026-12-05T10:31:00+15:00", "20/04/2026 10:31",
                                      "2026-12-05T10:31:00Zx", ""};
    for (size_t index = 0; index < sizeof bad / sizeof bad[0]; index++)
        if (audit_date_time_parse(bad[index], &seconds))
            fail_msg("'%s' should not be a date and time", bad[index]);
    assert_false(audit_date_time_parse(NULL, &seconds));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(real_dates_pass),
        cmocka_unit_test(other_forms_fail),
        cmocka_unit_test(length_is_honoured),
        cmocka_unit_test(problem_names_the_field),
        cmocka_unit_test(declared_forms),
        cmocka_unit_test(amendment_times),
    };
    return cmocka_run_group_tests_name("audit_date", tests, NULL, NULL);
}
