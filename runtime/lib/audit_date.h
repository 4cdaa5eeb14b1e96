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
 * An audit's date may also be read in one other declared form
 * (audit_date_format: rubric-grade's --date-format), such as dd/mm/yyyy
 * for a UK spreadsheet's export; it is rewritten YYYY-MM-DD as it is read,
 * so everything after the reader sees only ISO dates. A date that is in
 * neither form is an error naming the form expected, never dropped.
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

/* Whether TEXT is an ISO 8601 date-time as an amendment's "amended_at"
 * is written: YYYY-MM-DDTHH:MM, optional :SS, then Z or an offset +HH:MM
 * or -HH:MM (2026-12-05T10:31:00Z). When it is, *seconds is the moment
 * in seconds since 1970-01-01T00:00:00Z, for putting revisions in order
 * whatever their offsets. */
bool audit_date_time_parse(const char *text, long long *seconds);

/* A declared form of date: the order of its parts and their separator.
 * yyyy-mm-dd (ISO 8601) is the default and is always accepted besides the
 * declared form, as it cannot be mistaken for another. */
typedef enum audit_date_order { AUDIT_DATE_YMD, AUDIT_DATE_DMY, AUDIT_DATE_MDY } audit_date_order;
typedef struct audit_date_format {
    audit_date_order order;
    char separator;              /* '-', '/' or '.' */
} audit_date_format;

/* The default form, yyyy-mm-dd. */
#define AUDIT_DATE_FORMAT_ISO ((audit_date_format){AUDIT_DATE_YMD, '-'})

/* The forms accepted by audit_date_format_parse, for messages and help. */
#define AUDIT_DATE_FORMS "yyyy-mm-dd, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or mm/dd/yyyy"

/* Read a form's name (one of AUDIT_DATE_FORMS, in either case) into
 * *format; false when it is none of them. */
bool audit_date_format_parse(const char *word, audit_date_format *format);

/* A form's name, "dd/mm/yyyy", into name (at least 11 bytes). */
void audit_date_format_name(audit_date_format format, char name[11]);

/* TEXT as a YYYY-MM-DD date into iso (AUDIT_DATE_LENGTH + 1 bytes): an
 * ISO date as it is, or a date in FORMAT (its day and month of one or two
 * digits, its year of four) rewritten. False when TEXT is a real date in
 * neither form. */
bool audit_date_normalise(const char *text, audit_date_format format, char iso[AUDIT_DATE_LENGTH + 1]);

/* The message for a value of field that is a date in neither ISO form
 * nor FORMAT: audit_date_problem's for the ISO form, with a pointer to
 * --date-format when the value looks like a date written another way; for
 * another FORMAT, "... is not a date in the form dd/mm/yyyy
 * (--date-format) or yyyy-mm-dd". */
void audit_date_problem_in_form(char *message, size_t size, const char *kind, const char *field, const char *value,
                                audit_date_format format);

#endif /* AUDIT_DATE_H */
