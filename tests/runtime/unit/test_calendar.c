/*
 * test_calendar.c — cmocka units for the timescale arithmetic
 * (calendar.h): day numbers across month, year and leap-year ends, the
 * weekday, working days across weekends and England and Wales' bank
 * holidays (Easter, Christmas with its substitute days, the holidays
 * moved or added by proclamation), months that end short, hours, the
 * judgement of a timescale, and a holiday file read and refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "calendar.h"

/* The day number of "YYYY-MM-DD", failing the test when it is no date. */
static long day(const char *text)
{
    long number = 0;
    if (!calendar_parse_date(text, &number))
        fail_msg("'%s' should be a date", text);
    return number;
}

static void day_numbers_round_trip(void **state)
{
    (void)state;
    assert_int_equal(calendar_day_number(1970, 1, 1), 0);
    assert_int_equal(calendar_day_number(1969, 12, 31), -1);
    assert_int_equal(calendar_day_number(2000, 3, 1) - calendar_day_number(2000, 2, 28), 2);   /* leap 400 */
    assert_int_equal(calendar_day_number(1900, 3, 1) - calendar_day_number(1900, 2, 28), 1);   /* not leap 100 */
    assert_int_equal(calendar_day_number(2024, 3, 1) - calendar_day_number(2024, 2, 28), 2);
    assert_int_equal(calendar_day_number(2026, 3, 1) - calendar_day_number(2026, 2, 28), 1);
    assert_int_equal(calendar_day_number(2027, 1, 1) - calendar_day_number(2026, 12, 31), 1);
    assert_int_equal(calendar_day_number(2025, 1, 1) - calendar_day_number(2024, 1, 1), 366);
    for (long number = calendar_day_number(1999, 12, 1); number < calendar_day_number(2032, 1, 1); number++) {
        int year, month, day_of_month;
        calendar_date(number, &year, &month, &day_of_month);
        assert_int_equal(calendar_day_number(year, month, day_of_month), number);
    }
}

static void dates_are_strict(void **state)
{
    (void)state;
    long number;
    assert_true(calendar_parse_date("2024-02-29", &number));
    assert_false(calendar_parse_date("2026-02-29", &number));
    assert_false(calendar_parse_date("2026-04-31", &number));
    assert_false(calendar_parse_date("2026-13-01", &number));
    assert_false(calendar_parse_date("2026-1-01", &number));
    assert_false(calendar_parse_date("2026-01-01T10:00", &number));
    assert_false(calendar_parse_date("", &number));
    assert_false(calendar_parse_date(NULL, &number));
    long long minutes;
    assert_true(calendar_parse_moment("2026-03-02T09:30", &minutes));
    assert_int_equal(minutes, (long long)day("2026-03-02") * 1440 + 570);
    assert_true(calendar_parse_moment("2026-03-02 09:30:15Z", &minutes));
    assert_true(calendar_parse_moment("2026-03-02", &minutes));
    assert_int_equal(minutes, (long long)day("2026-03-02") * 1440);
    assert_false(calendar_parse_moment("2026-03-02T24:00", &minutes));
    assert_false(calendar_parse_moment("2026-03-02T09", &minutes));
    assert_false(calendar_parse_moment("2026-03-02T09:30x", &minutes));
}

static void weekdays(void **state)
{
    (void)state;
    assert_int_equal(calendar_weekday(day("1970-01-01")), 3);   /* Thursday */
    assert_int_equal(calendar_weekday(day("2026-12-05")), 5);   /* Saturday */
    assert_int_equal(calendar_weekday(day("2024-02-29")), 3);   /* Thursday */
    assert_int_equal(calendar_weekday(day("1969-12-29")), 0);   /* Monday, before day 0 */
}

static void bank_holidays_of_england_and_wales(void **state)
{
    (void)state;
    const calendar_holidays *holidays = calendar_england_and_wales();
    static const char *const holidays_known[] = {
        "2015-01-01", "2015-12-28", "2020-05-08", "2022-06-02", "2022-06-03", "2022-09-19", "2023-05-08",
        "2024-03-29", "2024-04-01", "2025-04-18", "2026-04-03", "2026-04-06", "2026-12-28", "2027-12-27",
        "2030-12-26",
    };
    for (size_t index = 0; index < sizeof holidays_known / sizeof holidays_known[0]; index++)
        if (!calendar_is_holiday(holidays, day(holidays_known[index])))
            fail_msg("%s should be a bank holiday", holidays_known[index]);
    static const char *const not_holidays[] = {"2020-05-04", "2022-05-30", "2026-12-26", "2026-04-05", "2014-12-25",
                                               "2031-01-01"};
    for (size_t index = 0; index < sizeof not_holidays / sizeof not_holidays[0]; index++)
        if (calendar_is_holiday(holidays, day(not_holidays[index])))
            fail_msg("%s should not be a bank holiday", not_holidays[index]);
    /* every year 2015 to 2030 has its eight holidays (ten in 2022, nine in 2023) */
    for (int year = 2015; year <= 2030; year++) {
        int count = 0;
        for (long number = calendar_day_number(year, 1, 1); number < calendar_day_number(year + 1, 1, 1); number++)
            count += calendar_is_holiday(holidays, number);
        assert_int_equal(count, year == 2022 ? 10 : year == 2023 ? 9 : 8);
    }
}

static void working_days_skip_weekends_and_holidays(void **state)
{
    (void)state;
    const calendar_holidays *holidays = calendar_england_and_wales();
    /* a Friday referral: the first working day is Monday */
    assert_int_equal(calendar_add_working_days(holidays, day("2026-03-06"), 1), day("2026-03-09"));
    assert_int_equal(calendar_add_working_days(holidays, day("2026-03-06"), 0), day("2026-03-06"));
    /* over Easter 2026: Good Friday 3 April and Easter Monday 6 April */
    assert_int_equal(calendar_add_working_days(holidays, day("2026-04-02"), 1), day("2026-04-07"));
    /* over Christmas 2026: 25 (Friday) and 28 (Monday, Boxing Day's substitute) */
    assert_int_equal(calendar_add_working_days(holidays, day("2026-12-24"), 1), day("2026-12-29"));
    /* across the year's end: 31 December 2026 (Thursday) to 4 January 2027 */
    assert_int_equal(calendar_add_working_days(holidays, day("2026-12-31"), 1), day("2027-01-04"));
    /* 45 working days from 2 March 2026: over Easter and the May holiday */
    assert_int_equal(calendar_add_working_days(holidays, day("2026-03-02"), 45), day("2026-05-07"));
    assert_int_equal(calendar_working_days_between(holidays, day("2026-03-02"), day("2026-05-07")), 45);
    assert_int_equal(calendar_working_days_between(holidays, day("2026-05-07"), day("2026-03-02")), -45);
    assert_int_equal(calendar_working_days_between(holidays, day("2026-03-02"), day("2026-03-02")), 0);
    /* across 29 February 2024 (a Thursday, a working day) */
    assert_int_equal(calendar_add_working_days(holidays, day("2024-02-28"), 2), day("2024-03-01"));
    /* without holidays, Christmas Day is a working day */
    assert_int_equal(calendar_add_working_days(NULL, day("2026-12-24"), 1), day("2026-12-25"));
}

static void months_end_short(void **state)
{
    (void)state;
    assert_int_equal(calendar_add_months(day("2026-01-31"), 1), day("2026-02-28"));
    assert_int_equal(calendar_add_months(day("2024-01-31"), 1), day("2024-02-29"));
    assert_int_equal(calendar_add_months(day("2024-02-29"), 12), day("2025-02-28"));
    assert_int_equal(calendar_add_months(day("2026-03-15"), 12), day("2027-03-15"));
    assert_int_equal(calendar_add_months(day("2026-11-30"), 3), day("2027-02-28"));
    assert_int_equal(calendar_add_months(day("2026-03-31"), -1), day("2026-02-28"));
    assert_int_equal(calendar_add_months(day("2026-01-15"), -1), day("2025-12-15"));
}

static void timescales_are_judged(void **state)
{
    (void)state;
    const calendar_holidays *holidays = calendar_england_and_wales();
    long long from, to, deadline;
    assert_true(calendar_parse_moment("2026-03-02", &from));
    assert_true(calendar_parse_moment("2026-05-07", &to));
    assert_int_equal(calendar_late_by(holidays, CALENDAR_WORKING_DAYS, 45, from, to, &deadline), 0);
    assert_true(calendar_parse_moment("2026-05-12", &to));   /* 8 May, 11 May, 12 May */
    assert_int_equal(calendar_late_by(holidays, CALENDAR_WORKING_DAYS, 45, from, to, &deadline), 3);
    assert_int_equal(deadline, (long long)day("2026-05-07") * 1440 + 1439);
    assert_int_equal(calendar_late_by(holidays, CALENDAR_DAYS, 10, from, to, &deadline), 61);
    assert_int_equal(calendar_late_by(holidays, CALENDAR_MONTHS, 2, from, to, &deadline), 10);
    assert_true(calendar_parse_moment("2026-03-02T09:00", &from));
    assert_true(calendar_parse_moment("2026-03-03T09:00", &to));
    assert_int_equal(calendar_late_by(holidays, CALENDAR_HOURS, 24, from, to, &deadline), 0);
    assert_true(calendar_parse_moment("2026-03-03T09:01", &to));
    assert_int_equal(calendar_late_by(holidays, CALENDAR_HOURS, 24, from, to, &deadline), 1);
}

static void holiday_files(void **state)
{
    (void)state;
    static const char text[] = "# Scotland, 2026 (part)\n"
                               "2026-01-02 2nd January\n"
                               "2026-01-01 New Year's Day\r\n"
                               "\n"
                               "2026-01-01\n"
                               "  2026-08-03 Summer bank holiday\n";
    calendar_holidays holidays;
    char error[160];
    assert_true(calendar_holidays_parse(text, sizeof text - 1, &holidays, error, sizeof error));
    assert_int_equal(holidays.count, 3);
    assert_true(calendar_is_holiday(&holidays, day("2026-01-02")));
    assert_true(calendar_is_holiday(&holidays, day("2026-08-03")));
    assert_false(calendar_is_holiday(&holidays, day("2026-08-31")));
    calendar_holidays_free(&holidays);
    static const char bad[] = "2026-01-01\n2026-02-30 Not a day\n";
    assert_false(calendar_holidays_parse(bad, sizeof bad - 1, &holidays, error, sizeof error));
    assert_string_equal(error, "line 2: '2026-02-30 Not a day' does not start with a date written YYYY-MM-DD, "
                               "like 2026-12-25 Christmas Day");
    static const char glued[] = "2026-01-01x\n";
    assert_false(calendar_holidays_parse(glued, sizeof glued - 1, &holidays, error, sizeof error));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(day_numbers_round_trip),
        cmocka_unit_test(dates_are_strict),
        cmocka_unit_test(weekdays),
        cmocka_unit_test(bank_holidays_of_england_and_wales),
        cmocka_unit_test(working_days_skip_weekends_and_holidays),
        cmocka_unit_test(months_end_short),
        cmocka_unit_test(timescales_are_judged),
        cmocka_unit_test(holiday_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
