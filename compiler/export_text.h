/*
 * export_text.h — what the exports for other systems (Canvas, CASE, the
 * spreadsheet grid) write alike: a CSV field, a section's label and a
 * criterion's name.
 */
#ifndef EXPORT_TEXT_H
#define EXPORT_TEXT_H

#include <stdio.h>

#include "arena.h"
#include "ir.h"

/* One CSV field as RFC 4180 says: as it is, or quoted (quotes doubled)
 * when it holds a comma, a quote, a line break or spaces at either end.
 * Line breaks inside are kept; every CSV reader takes them in a quoted
 * field. */
void export_csv_field(FILE *out, const char *text);

/* "Section 3: Review (CIN/CP/LAC)", or "Section 6" for an untitled
 * section, allocated in region. */
char *export_section_label(arena *region, const ir_section *section);

/* The criterion's title, or for an untitled one "Section 6, row 2" (its
 * place in the section), allocated in region. */
const char *export_criterion_name(arena *region, const ir_rubric *rubric, const ir_criterion *criterion);

#endif /* EXPORT_TEXT_H */
