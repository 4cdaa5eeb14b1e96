/*
 * audit_date.h — the one check of a calendar date, for every date the
 * programs read: an audit record's "date" (JSON Lines and CSV, both read
 * by the library), a rubric JSON's "effective" date, and the effective
 * date of a rubric source (rubricc's checker). The HTML report groups
 * audits by the month of a date this check has passed.
 *
 * A date is ISO 8601's calendar date in its extended form, YYYY-MM-DD
 * and nothing else: four digits of year (0001 to 9999), two of month (01
 * to 12), two of day (01 to the length of that month, 29 in February of a
 * leap year of the Gregorian calendar), joined by hyphens. No spaces, no
 * time, no other separators, no week or ordinal dates: "2026-1-5",
 * "12/05/2026" and "2026-02-30" are not dates.
 *
 * Internal to the library and the project's programs (not installed).
 */
#ifndef AUDIT_DATE_H
#define AUDIT_DATE_H

#include <stdbool.h>
#include <stddef.h>

/* The length of a date, YYYY-MM-DD. */
enum { AUDIT_DATE_LENGTH = 10 };

/* Whether text (NUL-terminated) is a real calendar date written
 * YYYY-MM-DD. NULL is not. */
bool audit_date_valid(const char *text);

/* The same for length bytes at text (which need not end in a NUL). */
bool audit_date_valid_length(const char *text, size_t length);

/* The message for a value of field that is not a date, into message (size
 * bytes): "<kind> '<field>': '<value>' is not a date; write the date as
 * year-month-day, like 2026-04-01". kind is how the format names its
 * fields ("field" in JSON, "column" in CSV). A long value is cut, with
 * "..." after it, at a character's boundary; control characters are left
 * for the writer of the message to escape, as in every record error. */
void audit_date_problem(char *message, size_t size, const char *kind, const char *field, const char *value);

#endif /* AUDIT_DATE_H */
