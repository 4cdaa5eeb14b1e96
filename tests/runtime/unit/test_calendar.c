/*
 * test_calendar.c — cmocka units for the timescale arithmetic
 * (calendar.h): day numbers across month, year and leap-year ends, the
 * weekday, working days across weekends and England and Wales' bank
 * holidays (Easter, Christmas with its substitute days, the holidays
 * moved or added by proclamation), months that end short, hours, the
 * judgement of a timescale, a recurring timescale's longest gap across
 * those edges, and a holiday file read and refused.
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

/* The day-by-day definitions the library's arithmetic must agree with. */
static long working_days_one_by_one(const calendar_holidays *holidays, long from, long to)
{
    long count = 0;
    for (long day = from + 1; day <= to; day++)
        count += calendar_is_working_day(holidays, day);
    return count;
}

static long add_working_days_one_by_one(const calendar_holidays *holidays, long day, long count)
{
    while (count > 0) {
        day++;
        count -= calendar_is_working_day(holidays, day);
    }
    return day;
}

static void working_day_arithmetic_agrees_day_by_day(void **state)
{
    (void)state;
    /* every start in 2019 to 2028 (each weekday, over every holiday of the
     * table), every count up to 70, with the table, without it, and with
     * a table of weekend dates too (a holiday file may list them) */
    calendar_holidays weekend_too;
    const char text[] = "2026-12-25\n2026-12-26\n2026-12-27\n2027-01-01\n";
    char error[80];
    assert_true(calendar_holidays_parse(text, sizeof text - 1, &weekend_too, error, sizeof error));
    const calendar_holidays *tables[] = { calendar_england_and_wales(), NULL, &weekend_too };
    for (size_t table = 0; table < sizeof tables / sizeof tables[0]; table++)
        for (long start = day("2019-01-01"); start <= day("2028-12-31"); start += table == 0 ? 1 : 13)
            for (long count = 0; count <= 70; count += table == 0 ? 1 : 7) {
                long end = add_working_days_one_by_one(tables[table], start, count);
                assert_int_equal(calendar_add_working_days(tables[table], start, count), end);
                assert_int_equal(calendar_working_days_between(tables[table], start, end),
                                 working_days_one_by_one(tables[table], start, end));
                assert_int_equal(calendar_working_days_between(tables[table], start, start + count),
                                 working_days_one_by_one(tables[table], start, start + count));
            }
    /* years apart: an audit long after the date it counts from */
    assert_int_equal(calendar_working_days_between(calendar_england_and_wales(), day("2015-01-01"), day("2030-12-31")),
                     working_days_one_by_one(calendar_england_and_wales(), day("2015-01-01"), day("2030-12-31")));
    calendar_holidays_free(&weekend_too);
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

/* The moments of up to 8 dates "YYYY-MM-DD" into MOMENTS; their number. */
static size_t moments(const char *const *dates, long long *out)
{
    size_t count = 0;
    while (count < 8 && dates[count] != NULL) {
        if (!calendar_parse_moment(dates[count], &out[count]))
            fail_msg("'%s' should be a date", dates[count]);
        count++;
    }
    return count;
}

/* "at least every N UNIT from FROM to TO" over DATES: the lateness of the
 * longest gap, and the deadline it gives. */
static long every(calendar_unit unit, long amount, const char *from, const char *const *dates, const char *to,
                  const char *expected_deadline)
{
    long long from_moment, to_moment, list[8], deadline;
    size_t count = moments(dates, list);
    assert_true(calendar_parse_moment(from, &from_moment));
    assert_true(calendar_parse_moment(to, &to_moment));
    long late = calendar_every_late_by(calendar_england_and_wales(), unit, amount, from_moment, list, count,
                                       to_moment, &deadline);
    assert_int_equal(deadline, (long long)day(expected_deadline) * 1440 + 1439);
    return late;
}

static void recurring_timescales_are_judged(void **state)
{
    (void)state;
    /* every 10 working days from Monday 2 March 2026: each gap within */
    const char *const regular[] = {"2026-03-12", "2026-03-24", "2026-04-02", NULL};
    /* Good Friday (3 April) and Easter Monday (6 April) are not counted:
     * the next visit after Thursday 2 April is due on Monday 20 April */
    assert_int_equal(every(CALENDAR_WORKING_DAYS, 10, "2026-03-02", regular, "2026-04-20", "2026-04-20"), 0);
    assert_int_equal(every(CALENDAR_WORKING_DAYS, 10, "2026-03-02", regular, "2026-04-21", "2026-04-20"), 1);
    /* the first gap 4 working days late, the last (to the audit date) 12:
     * the longest is reported, with the day it was due */
    const char *const late[] = {"2026-03-20", "2026-03-27", NULL};
    assert_int_equal(every(CALENDAR_WORKING_DAYS, 10, "2026-03-02", late, "2026-04-30", "2026-04-14"), 12);
    assert_int_equal(every(CALENDAR_WORKING_DAYS, 10, "2026-03-02", late, "2026-04-14", "2026-03-16"), 4);
    /* no dates: the one gap is from the start to the end */
    const char *const none[] = {NULL};
    assert_int_equal(every(CALENDAR_WORKING_DAYS, 10, "2026-03-02", none, "2026-03-16", "2026-03-16"), 0);
    assert_int_equal(every(CALENDAR_WORKING_DAYS, 10, "2026-03-02", none, "2026-03-17", "2026-03-16"), 1);
    /* dates before the start or after the end are not counted */
    const char *const outside[] = {"2026-02-20", "2026-03-10", "2026-05-01", NULL};
    assert_int_equal(every(CALENDAR_WORKING_DAYS, 10, "2026-03-02", outside, "2026-03-20", "2026-03-24"), 0);
    /* across the Christmas bank holidays and the year's end: from Monday
     * 22 December 2025, 25 and 26 December and 1 January left out */
    const char *const christmas[] = {"2026-01-06", NULL};
    assert_int_equal(every(CALENDAR_WORKING_DAYS, 10, "2025-12-22", christmas, "2026-01-07", "2026-01-20"), 0);
    assert_int_equal(every(CALENDAR_WORKING_DAYS, 10, "2025-12-22", none, "2026-01-08", "2026-01-08"), 0);
    assert_int_equal(every(CALENDAR_WORKING_DAYS, 10, "2025-12-22", none, "2026-01-09", "2026-01-08"), 1);
    /* calendar days across a leap day: 28 February 2024 + 7 is 6 March */
    const char *const leap[] = {"2024-03-06", "2024-03-14", NULL};
    assert_int_equal(every(CALENDAR_DAYS, 7, "2024-02-28", leap, "2024-03-14", "2024-03-13"), 1);
    /* months end short: 31 January + 1 month is 29 February in 2024 */
    const char *const monthly[] = {"2024-02-29", "2024-03-29", NULL};
    assert_int_equal(every(CALENDAR_MONTHS, 1, "2024-01-31", monthly, "2024-04-29", "2024-04-29"), 0);
    const char *const monthly_late[] = {"2024-03-01", NULL};
    assert_int_equal(every(CALENDAR_MONTHS, 1, "2024-01-31", monthly_late, "2024-03-01", "2024-02-29"), 1);
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
        cmocka_unit_test(working_day_arithmetic_agrees_day_by_day),
        cmocka_unit_test(months_end_short),
        cmocka_unit_test(timescales_are_judged),
        cmocka_unit_test(recurring_timescales_are_judged),
        cmocka_unit_test(holiday_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
