/*
 * calendar.h — date arithmetic for timescales: calendar days, working
 * days (Monday to Friday, less bank holidays), months and hours.
 *
 * Statutory timescales in children's social care are counted in working
 * days ("an assessment within 45 working days of the referral"), so the
 * grader needs to know which days are bank holidays. England and Wales'
 * bank holidays from 2015 to 2030 are built in (calendar.c cites the
 * source); another nation's, or later years, are read from a plain file
 * of dates (calendar_holidays_parse, docs/grader.md).
 *
 * Days are counted as day numbers: days since 1970-01-01 (which is day
 * 0, a Thursday), negative before it, so that arithmetic is integer
 * arithmetic. Internal to the library.
 */
#ifndef CALENDAR_H
#define CALENDAR_H

#include <stddef.h>

/* A set of holidays: dates written as numbers YYYYMMDD (20261225), in
 * ascending order, each once (so that the built-in table is a constant
 * that reads like the published list). */
typedef struct calendar_holidays {
    const long *dates;
    size_t count;
    long *owned;                 /* a parsed file's dates (the same as dates), freed with it */
} calendar_holidays;

/* The unit a timescale is counted in. */
typedef enum calendar_unit {
    CALENDAR_DAYS,               /* calendar days */
    CALENDAR_WORKING_DAYS,       /* Monday to Friday, not a holiday */
    CALENDAR_MONTHS,             /* the same day of a later month (its last day when shorter) */
    CALENDAR_HOURS               /* 60 minutes */
} calendar_unit;

/* England and Wales' bank holidays, 2015 to 2030. */
const calendar_holidays *calendar_england_and_wales(void);

/* The day number of a real date (month 1-12, day 1 to the month's last). */
long calendar_day_number(int year, int month, int day);

/* The date of day number DAY. */
void calendar_date(long day, int *year, int *month, int *day_of_month);

/* TEXT as a date, strictly YYYY-MM-DD; 1 with *DAY set, else 0. */
int calendar_parse_date(const char *text, long *day);

/* TEXT as a moment, in minutes since 1970-01-01 00:00: a date
 * (YYYY-MM-DD, its midnight) or a date and time (YYYY-MM-DDTHH:MM, with
 * optional :SS and Z; a space in place of the T); 1 when read, else 0. */
int calendar_parse_moment(const char *text, long long *minutes);

/* 0 for Monday … 6 for Sunday. */
int calendar_weekday(long day);

/* Whether DAY is a holiday of HOLIDAYS (NULL: none). */
int calendar_is_holiday(const calendar_holidays *holidays, long day);

/* Monday to Friday and not a holiday. */
int calendar_is_working_day(const calendar_holidays *holidays, long day);

/* The day COUNT working days after DAY (COUNT >= 0; 0 is DAY itself).
 * The first working day after a referral made on a Friday is Monday. */
long calendar_add_working_days(const calendar_holidays *holidays, long day, long count);

/* The working days after FROM up to and including TO (0 when TO is FROM;
 * negative, counted the other way, when TO is before FROM). */
long calendar_working_days_between(const calendar_holidays *holidays, long from, long to);

/* The same day MONTHS months later (earlier when negative), or the last
 * day of that month when it is shorter: 31 January + 1 month is 28 or
 * 29 February. */
long calendar_add_months(long day, int months);

/* A timescale "TO within AMOUNT UNIT of FROM", judged: returns how late TO
 * is, in UNIT (in days for CALENDAR_MONTHS), 0 when it is within (met),
 * and sets *DEADLINE to the last moment allowed, in minutes. FROM and TO
 * are in minutes (calendar_parse_moment); a date is its midnight, and a
 * deadline in days falls at the end of its day. */
long calendar_late_by(const calendar_holidays *holidays, calendar_unit unit, long amount, long long from,
                      long long to, long long *deadline);

/* A recurring timescale "at least every AMOUNT UNIT from FROM to TO",
 * judged over the moments DATES (COUNT of them, ascending): each gap,
 * from FROM to the first date, between dates, and from the last date to
 * TO, must be within AMOUNT UNIT (calendar_late_by); dates before FROM or
 * after TO are not counted. Returns the longest lateness of any gap, in
 * UNIT (days for CALENDAR_MONTHS), 0 when every gap is within. *DEADLINE
 * is the moment the first gap that late was due by, or, when none is
 * late, the moment the next date is due by (from the last date counted,
 * or FROM when there is none). */
long calendar_every_late_by(const calendar_holidays *holidays, calendar_unit unit, long amount, long long from,
                            const long long *dates, size_t count, long long to, long long *deadline);

/* A holiday file: one date a line (YYYY-MM-DD), anything after the date
 * (a space, then the holiday's name) ignored, blank lines and lines
 * starting '#' skipped. Returns 1 with *OUT holding the dates (sorted,
 * each once; free with calendar_holidays_free), else 0 with the line and
 * why in ERROR. */
int calendar_holidays_parse(const char *text, size_t length, calendar_holidays *out, char *error,
                            size_t error_size);
void calendar_holidays_free(calendar_holidays *holidays);

#endif /* CALENDAR_H */
