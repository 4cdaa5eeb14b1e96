/*
 * audit_date.c — the one calendar check of a YYYY-MM-DD date, and the
 * reading of a date in a declared form into one (see
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

/* Days from 1970-01-01 to a valid YYYY-MM-DD's day (Howard Hinnant's
 * days_from_civil, for the proleptic Gregorian calendar). */
static long long days_from_civil(int year, int month, int day)
{
    year -= month <= 2;
    long long era = (year >= 0 ? year : year - 399) / 400;
    long long year_of_era = year - era * 400;
    long long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

bool audit_date_time_parse(const char *text, long long *seconds)
{
    if (text == NULL || strlen(text) < 17 || !audit_date_valid_length(text, AUDIT_DATE_LENGTH) || text[10] != 'T' ||
        text[13] != ':')
        return false;
    int hour = digits_value(text + 11, 2), minute = digits_value(text + 14, 2), second = 0;
    const char *rest = text + 16;
    if (*rest == ':') {
        second = digits_value(rest + 1, 2);
        rest += 3;
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
        return false;
    long long offset = 0;
    if (strcmp(rest, "Z") != 0) {
        if ((rest[0] != '+' && rest[0] != '-') || strlen(rest) != 6 || rest[3] != ':')
            return false;
        int offset_hours = digits_value(rest + 1, 2), offset_minutes = digits_value(rest + 4, 2);
        if (offset_hours < 0 || offset_hours > 14 || offset_minutes < 0 || offset_minutes > 59)
            return false;
        offset = (rest[0] == '+' ? 1 : -1) * (offset_hours * 3600LL + offset_minutes * 60LL);
    }
    long long days = days_from_civil(digits_value(text, 4), digits_value(text + 5, 2), digits_value(text + 8, 2));
    *seconds = days * 86400 + hour * 3600LL + minute * 60LL + second - offset;
    return true;
}

/* How much of a bad value a message shows, and whether it was cut. */
enum { SHOWN_MAX = 40 };
static int shown_length(const char *value)
{
    size_t length = strlen(value);
    return (int)(length > SHOWN_MAX ? safe_text_boundary(value, SHOWN_MAX) : length);
}

void audit_date_problem(char *message, size_t size, const char *kind, const char *field, const char *value)
{
    int shown = shown_length(value);
    snprintf(message, size, "%s '%s': '%.*s%s' is not a date; write the date as year-month-day, like 2026-04-01",
             kind, field, shown, value, (size_t)shown < strlen(value) ? "..." : "");
    safe_text_cut(message);
}

bool audit_date_format_parse(const char *word, audit_date_format *format)
{
    static const struct { const char *name; audit_date_format format; } forms[] = {
        {"yyyy-mm-dd", {AUDIT_DATE_YMD, '-'}}, {"dd/mm/yyyy", {AUDIT_DATE_DMY, '/'}},
        {"dd-mm-yyyy", {AUDIT_DATE_DMY, '-'}}, {"dd.mm.yyyy", {AUDIT_DATE_DMY, '.'}},
        {"mm/dd/yyyy", {AUDIT_DATE_MDY, '/'}},
    };
    if (word == NULL || strlen(word) != 10)
        return false;
    for (size_t form = 0; form < sizeof forms / sizeof forms[0]; form++) {
        size_t index = 0;
        while (index < 10 && (word[index] | 0x20) == forms[form].name[index])
            index++;
        if (index == 10) {
            *format = forms[form].format;
            return true;
        }
    }
    return false;
}

void audit_date_format_name(audit_date_format format, char name[11])
{
    static const char *const orders[] = {"yyyy-mm-dd", "dd-mm-yyyy", "mm-dd-yyyy"};
    memcpy(name, orders[format.order], 11);
    name[format.order == AUDIT_DATE_YMD ? 4 : 2] = name[format.order == AUDIT_DATE_YMD ? 7 : 5] = format.separator;
}

/* Digits at *text, one to MAX of them, up to the separator or the end;
 * their value, or -1. *text is moved past them. */
static int part_value(const char **text, int max, char separator)
{
    int count = 0;
    while ((*text)[count] >= '0' && (*text)[count] <= '9')
        count++;
    if (count < 1 || count > max || ((*text)[count] != separator && (*text)[count] != '\0'))
        return -1;
    int value = digits_value(*text, count);
    *text += count;
    return value;
}

bool audit_date_normalise(const char *text, audit_date_format format, char iso[AUDIT_DATE_LENGTH + 1])
{
    if (text == NULL)
        return false;
    if (audit_date_valid(text)) {
        memcpy(iso, text, AUDIT_DATE_LENGTH + 1);
        return true;
    }
    if (format.order == AUDIT_DATE_YMD)
        return false;
    const char *cursor = text;
    int first = part_value(&cursor, 2, format.separator);
    if (first < 0 || *cursor++ != format.separator)
        return false;
    int second = part_value(&cursor, 2, format.separator);
    if (second < 0 || *cursor++ != format.separator)
        return false;
    const char *year_text = cursor;
    int year = part_value(&cursor, 4, '\0');
    if (year < 0 || cursor - year_text != 4)
        return false;
    int day = format.order == AUDIT_DATE_DMY ? first : second;
    int month = format.order == AUDIT_DATE_DMY ? second : first;
    if (day > 31 || month > 12)
        return false;
    const int parts[3] = {year, month, day};
    const int widths[3] = {4, 2, 2};
    char *to = iso;
    for (int part = 0; part < 3; part++) {
        for (int digit = widths[part] - 1, value = parts[part]; digit >= 0; digit--, value /= 10)
            to[digit] = (char)('0' + value % 10);
        to += widths[part];
        *to++ = part < 2 ? '-' : '\0';
    }
    return audit_date_valid(iso);
}

void audit_date_problem_in_form(char *message, size_t size, const char *kind, const char *field, const char *value,
                                audit_date_format format)
{
    int shown = shown_length(value);
    const char *cut = (size_t)shown < strlen(value) ? "..." : "";
    if (format.order == AUDIT_DATE_YMD) {
        audit_date_problem(message, size, kind, field, value);
        /* a day/month/year date (as UK spreadsheets write them): say how to read it */
        static const char separators[] = "/.-";
        for (const char *separator = separators; *separator; separator++) {
            char iso[AUDIT_DATE_LENGTH + 1], name[11];
            audit_date_format day_first = {AUDIT_DATE_DMY, *separator};
            if (!audit_date_normalise(value, day_first, iso))
                continue;
            audit_date_format_name(day_first, name);
            size_t used = strlen(message);
            snprintf(message + used, size - used, "; for dates written day/month/year give --date-format %s", name);
            break;
        }
    } else {
        char name[11];
        audit_date_format_name(format, name);
        snprintf(message, size, "%s '%s': '%.*s%s' is not a date in the form %s (--date-format) or yyyy-mm-dd",
                 kind, field, shown, value, cut, name);
    }
    safe_text_cut(message);
}
