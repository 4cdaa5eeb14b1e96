/*
 * calendar.c — date arithmetic for timescales (see calendar.h): day
 * numbers, working days across weekends and bank holidays, months, hours,
 * and the built-in table of England and Wales' bank holidays.
 *
 * Day numbers use the proleptic Gregorian calendar and the well-known
 * conversion from a civil date to days since 1970-01-01 by eras of 400
 * years (Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms"),
 * which needs no table and no loop, and is exact for every date a
 * rubric meets.
 */
#include "calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* England and Wales' bank holidays, 2015 to 2030, from the UK
 * government's published list, "UK bank holidays"
 * (https://www.gov.uk/bank-holidays, also as
 * https://www.gov.uk/bank-holidays.json, division "england-and-wales"),
 * including the holidays moved or added by proclamation: the early May
 * holiday on Friday 8 May 2020 (VE Day), the spring holiday on Thursday 2
 * June 2022 and the Platinum Jubilee on Friday 3 June 2022, the State
 * Funeral of Queen Elizabeth II on Monday 19 September 2022 and the
 * Coronation on Monday 8 May 2023. The list is published a year or two
 * ahead; for the years after it (2028 to 2030) the dates are those of
 * the usual rules (New Year's Day, Good Friday, Easter Monday, the first
 * and last Mondays of May, the last Monday of August, Christmas Day and
 * Boxing Day, a holiday on a weekend moved to the next weekday), which a
 * proclamation may still change: a later or corrected list is given with
 * rubric-grade --holidays FILE (docs/grader.md). */
static const long england_and_wales_dates[] = {
    20150101, 20150403, 20150406, 20150504, 20150525, 20150831, 20151225, 20151228,
    20160101, 20160325, 20160328, 20160502, 20160530, 20160829, 20161226, 20161227,
    20170102, 20170414, 20170417, 20170501, 20170529, 20170828, 20171225, 20171226,
    20180101, 20180330, 20180402, 20180507, 20180528, 20180827, 20181225, 20181226,
    20190101, 20190419, 20190422, 20190506, 20190527, 20190826, 20191225, 20191226,
    20200101, 20200410, 20200413, 20200508, 20200525, 20200831, 20201225, 20201228,
    20210101, 20210402, 20210405, 20210503, 20210531, 20210830, 20211227, 20211228,
    20220103, 20220415, 20220418, 20220502, 20220602, 20220603, 20220829, 20220919, 20221226, 20221227,
    20230102, 20230407, 20230410, 20230501, 20230508, 20230529, 20230828, 20231225, 20231226,
    20240101, 20240329, 20240401, 20240506, 20240527, 20240826, 20241225, 20241226,
    20250101, 20250418, 20250421, 20250505, 20250526, 20250825, 20251225, 20251226,
    20260101, 20260403, 20260406, 20260504, 20260525, 20260831, 20261225, 20261228,
    20270101, 20270326, 20270329, 20270503, 20270531, 20270830, 20271227, 20271228,
    20280103, 20280414, 20280417, 20280501, 20280529, 20280828, 20281225, 20281226,
    20290101, 20290330, 20290402, 20290507, 20290528, 20290827, 20291225, 20291226,
    20300101, 20300419, 20300422, 20300506, 20300527, 20300826, 20301225, 20301226,
};

static const calendar_holidays england_and_wales = {
    england_and_wales_dates, sizeof england_and_wales_dates / sizeof england_and_wales_dates[0], NULL,
};

const calendar_holidays *calendar_england_and_wales(void)
{
    return &england_and_wales;
}

long calendar_day_number(int year, int month, int day)
{
    long y = (long)year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long year_of_era = y - era * 400;
    long day_of_year = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

void calendar_date(long day, int *year, int *month, int *day_of_month)
{
    day += 719468;
    long era = (day >= 0 ? day : day - 146096) / 146097;
    long day_of_era = day - era * 146097;
    long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    long shifted_month = (5 * day_of_year + 2) / 153;
    *day_of_month = (int)(day_of_year - (153 * shifted_month + 2) / 5 + 1);
    *month = (int)(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
    *year = (int)(year_of_era + era * 400 + (*month <= 2));
}

/* The days of MONTH in YEAR. */
static int month_length(int year, int month)
{
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return lengths[month - 1] + (month == 2 && leap);
}

/* COUNT digits at TEXT as a number, or -1 when one is not a digit. */
static int digits(const char *text, int count)
{
    int value = 0;
    for (int index = 0; index < count; index++) {
        if (text[index] < '0' || text[index] > '9')
            return -1;
        value = value * 10 + (text[index] - '0');
    }
    return value;
}

/* "YYYY-MM-DD" at the start of TEXT, a real date. */
static int parse_date_prefix(const char *text, long *day)
{
    if (strlen(text) < 10 || text[4] != '-' || text[7] != '-')
        return 0;
    int year = digits(text, 4), month = digits(text + 5, 2), day_of_month = digits(text + 8, 2);
    if (year < 1 || month < 1 || month > 12 || day_of_month < 1 || day_of_month > month_length(year, month))
        return 0;
    *day = calendar_day_number(year, month, day_of_month);
    return 1;
}

int calendar_parse_date(const char *text, long *day)
{
    return text != NULL && strlen(text) == 10 && parse_date_prefix(text, day);
}

int calendar_parse_moment(const char *text, long long *minutes)
{
    long day;
    if (text == NULL || !parse_date_prefix(text, &day))
        return 0;
    const char *rest = text + 10;
    int hour = 0, minute = 0;
    if (*rest != '\0') {
        if ((*rest != 'T' && *rest != ' ') || strlen(rest) < 6 || rest[3] != ':')
            return 0;
        hour = digits(rest + 1, 2);
        minute = digits(rest + 4, 2);
        rest += 6;
        if (*rest == ':') {
            if (digits(rest + 1, 2) < 0 || digits(rest + 1, 2) > 59)
                return 0;
            rest += 3;
        }
        if (*rest == 'Z')
            rest++;
        if (*rest != '\0' || hour < 0 || hour > 23 || minute < 0 || minute > 59)
            return 0;
    }
    *minutes = (long long)day * 1440 + hour * 60 + minute;
    return 1;
}

int calendar_weekday(long day)
{
    /* day 0, 1 January 1970, was a Thursday (3) */
    long weekday = (day + 3) % 7;
    return (int)(weekday < 0 ? weekday + 7 : weekday);
}

/* A date as the holiday tables hold it: YYYYMMDD. */
static long date_key(long day)
{
    int year, month, day_of_month;
    calendar_date(day, &year, &month, &day_of_month);
    return (long)year * 10000 + month * 100 + day_of_month;
}

/* The first entry of HOLIDAYS (sorted, no repeats) not before KEY. */
static size_t first_holiday_from(const calendar_holidays *holidays, long key)
{
    size_t low = 0, high = holidays->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (holidays->dates[middle] < key)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

int calendar_is_holiday(const calendar_holidays *holidays, long day)
{
    if (holidays == NULL || holidays->count == 0)
        return 0;
    long key = date_key(day);
    size_t index = first_holiday_from(holidays, key);
    return index < holidays->count && holidays->dates[index] == key;
}

int calendar_is_working_day(const calendar_holidays *holidays, long day)
{
    return calendar_weekday(day) < 5 && !calendar_is_holiday(holidays, day);
}

/* The working days after FROM up to and including TO, FROM <= TO, by
 * arithmetic rather than day by day (a record's dates may lie years
 * apart, and every record of a round is judged): five in every whole
 * week, the weekdays of the days left over, less the holidays of the
 * table that fall on a weekday in between. */
static long working_days_after(const calendar_holidays *holidays, long from, long to)
{
    long weeks = (to - from) / 7;
    long count = weeks * 5;
    for (long day = from + weeks * 7 + 1; day <= to; day++)
        count += calendar_weekday(day) < 5;
    if (holidays == NULL || holidays->count == 0 || to == from)
        return count;
    long last = date_key(to);
    for (size_t index = first_holiday_from(holidays, date_key(from + 1));
         index < holidays->count && holidays->dates[index] <= last; index++) {
        long holiday = holidays->dates[index];
        long day = calendar_day_number((int)(holiday / 10000), (int)(holiday / 100 % 100), (int)(holiday % 100));
        count -= calendar_weekday(day) < 5;
    }
    return count;
}

long calendar_add_working_days(const calendar_holidays *holidays, long day, long count)
{
    if (count <= 0)
        return day;
    /* whole weeks first: they hold at most COUNT working days (five each,
     * fewer where a holiday falls), so the answer is not before their end
     * unless it is the working day that ends them */
    long end = day + count / 5 * 7;
    long remaining = count - working_days_after(holidays, day, end);
    if (remaining == 0) {
        while (!calendar_is_working_day(holidays, end))
            end--;
        return end;
    }
    while (remaining > 0) {
        end++;
        remaining -= calendar_is_working_day(holidays, end);
    }
    return end;
}

long calendar_working_days_between(const calendar_holidays *holidays, long from, long to)
{
    return to < from ? -working_days_after(holidays, to, from) : working_days_after(holidays, from, to);
}

long calendar_add_months(long day, int months)
{
    int year, month, day_of_month;
    calendar_date(day, &year, &month, &day_of_month);
    long index = (long)year * 12 + (month - 1) + months;
    int new_year = (int)(index >= 0 ? index / 12 : (index - 11) / 12);
    int new_month = (int)(index - (long)new_year * 12) + 1;
    int length = month_length(new_year, new_month);
    return calendar_day_number(new_year, new_month, day_of_month < length ? day_of_month : length);
}

/* The day a moment falls on. */
static long day_of(long long minutes)
{
    return (long)(minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440);
}

long calendar_late_by(const calendar_holidays *holidays, calendar_unit unit, long amount, long long from,
                      long long to, long long *deadline)
{
    long from_day = day_of(from), to_day = day_of(to), last_day;
    switch (unit) {
    case CALENDAR_HOURS: {
        *deadline = from + (long long)amount * 60;
        long long late = to - *deadline;
        return late <= 0 ? 0 : (long)((late + 59) / 60);
    }
    case CALENDAR_WORKING_DAYS:
        last_day = calendar_add_working_days(holidays, from_day, amount);
        *deadline = (long long)last_day * 1440 + 1439;
        return to_day <= last_day ? 0 : calendar_working_days_between(holidays, last_day, to_day);
    case CALENDAR_MONTHS:
        last_day = calendar_add_months(from_day, (int)amount);
        break;
    case CALENDAR_DAYS:
    default:
        last_day = from_day + amount;
        break;
    }
    *deadline = (long long)last_day * 1440 + 1439;
    return to_day <= last_day ? 0 : to_day - last_day;
}

long calendar_every_late_by(const calendar_holidays *holidays, calendar_unit unit, long amount, long long from,
                            const long long *dates, size_t count, long long to, long long *deadline)
{
    long longest = 0;
    long long previous = from, due;
    *deadline = 0;
    for (size_t index = 0; index <= count; index++) {
        /* the gap to the next date counted, then the last gap: to TO */
        long long next = index < count ? dates[index] : to;
        if (index < count && (next < from || next > to))
            continue;
        long late = calendar_late_by(holidays, unit, amount, previous, next, &due);
        if (late > longest || (longest == 0 && index == count)) {
            longest = late > longest ? late : longest;
            *deadline = due;
        }
        previous = next;
    }
    return longest;
}

/* Order of dates, for qsort. */
static int compare_dates(const void *left, const void *right)
{
    long a = *(const long *)left, b = *(const long *)right;
    return (a > b) - (a < b);
}

int calendar_holidays_parse(const char *text, size_t length, calendar_holidays *out, char *error,
                            size_t error_size)
{
    out->dates = out->owned = NULL;
    out->count = 0;
    size_t capacity = 0, count = 0, line = 0;
    long *dates = NULL;
    for (size_t at = 0; at < length;) {
        const char *start = text + at;
        const char *newline = memchr(start, '\n', length - at);
        size_t line_length = newline ? (size_t)(newline - start) : length - at;
        at += line_length + 1;
        line++;
        while (line_length > 0 && (start[line_length - 1] == '\r' || start[line_length - 1] == ' '))
            line_length--;
        size_t lead = 0;
        while (lead < line_length && start[lead] == ' ')
            lead++;
        if (lead == line_length || start[lead] == '#')
            continue;
        char date[11];
        long day;
        size_t date_length = line_length - lead < 10 ? line_length - lead : 10;
        memcpy(date, start + lead, date_length);
        date[date_length] = '\0';
        if (date_length < 10 || !calendar_parse_date(date, &day) ||
            (line_length - lead > 10 && start[lead + 10] != ' ' && start[lead + 10] != '\t')) {
            snprintf(error, error_size, "line %zu: '%.*s' does not start with a date written YYYY-MM-DD, "
                     "like 2026-12-25 Christmas Day", line, (int)(line_length - lead > 40 ? 40 : line_length - lead),
                     start + lead);
            free(dates);
            return 0;
        }
        if (count == capacity) {
            size_t grown = capacity ? capacity * 2 : 32;
            long *more = realloc(dates, grown * sizeof *more);
            if (more == NULL) {
                snprintf(error, error_size, "out of memory");
                free(dates);
                return 0;
            }
            dates = more;
            capacity = grown;
        }
        dates[count++] = (long)digits(date, 4) * 10000 + digits(date + 5, 2) * 100 + digits(date + 8, 2);
    }
    if (count > 1)
        qsort(dates, count, sizeof *dates, compare_dates);
    size_t kept = 0;
    for (size_t index = 0; index < count; index++)
        if (kept == 0 || dates[kept - 1] != dates[index])
            dates[kept++] = dates[index];
    out->dates = out->owned = dates;
    out->count = kept;
    return 1;
}

void calendar_holidays_free(calendar_holidays *holidays)
{
    free(holidays->owned);
    holidays->dates = holidays->owned = NULL;
    holidays->count = 0;
}
