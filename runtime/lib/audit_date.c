/*
 * audit_date.c — the one calendar check of a YYYY-MM-DD date (see
 * audit_date.h). Written out digit by digit rather than with sscanf,
 * whose %d would take a sign or leading blanks ("+202-01-01", " 2026-1-05")
 * for digits.
 */
#include "audit_date.h"

#include <stdio.h>
#include <string.h>

#include "safe_text.h"

/* The number written by count digits at text; -1 when one is not a digit. */
static int digits_value(const char *text, int count)
{
    int value = 0;
    for (int index = 0; index < count; index++) {
        if (text[index] < '0' || text[index] > '9')
            return -1;
        value = value * 10 + (text[index] - '0');
    }
    return value;
}

/* Whether year has a 29 February (Gregorian: every fourth year, but not
 * the centuries, save every fourth century). */
static bool leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool audit_date_valid_length(const char *text, size_t length)
{
    static const int days_in_month[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (text == NULL || length != AUDIT_DATE_LENGTH || text[4] != '-' || text[7] != '-')
        return false;
    int year = digits_value(text, 4), month = digits_value(text + 5, 2), day = digits_value(text + 8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1)
        return false;
    int last_day = days_in_month[month - 1] + (month == 2 && leap_year(year) ? 1 : 0);
    return day <= last_day;
}

bool audit_date_valid(const char *text)
{
    return text != NULL && audit_date_valid_length(text, strlen(text));
}

void audit_date_problem(char *message, size_t size, const char *kind, const char *field, const char *value)
{
    enum { SHOWN_MAX = 40 };
    size_t length = strlen(value);
    size_t shown = length > SHOWN_MAX ? safe_text_boundary(value, SHOWN_MAX) : length;
    snprintf(message, size, "%s '%s': '%.*s%s' is not a date; write the date as year-month-day, like 2026-04-01",
             kind, field, (int)shown, value, shown < length ? "..." : "");
    safe_text_cut(message);
}
