/*
 * export_text.h — what the exports for other systems (Canvas, CASE, the
 * spreadsheet grid) write alike: a CSV field, a section's label and a
 * criterion's name.
 */
#ifndef EXPORT_TEXT_H
#define EXPORT_TEXT_H

#include <stdio.h>

#include "ir.h"

/* One CSV field as RFC 4180 says: as it is, or quoted (quotes doubled)
 * when it holds a comma, a quote, a line break or spaces at either end.
 * Line breaks inside are kept; every CSV reader takes them in a quoted
 * field. */
void export_csv_field(FILE *out, const char *text);

/* "Section 3: Review (CIN/CP/LAC)", or "Section 6" for an untitled
 * section. Returns a string to free(), or NULL when out of memory. */
char *export_section_label(const ir_section *section);

/* The criterion's title, or for an untitled one "Section 6, row 2" (its
 * place in the section). Returns a string to free(), or NULL. */
char *export_criterion_name(const ir_rubric *rubric, const ir_criterion *criterion);

#endif /* EXPORT_TEXT_H */
