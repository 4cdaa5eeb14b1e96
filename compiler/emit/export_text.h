/*
 * export_text.h — what the exports for other systems (Canvas, CASE, the
 * spreadsheet grid) write alike: the end of a CSV file, a section's label
 * and a criterion's name. Their CSV cells, and the audit template's, are
 * written by csv_cell (runtime/lib/csv_cell.h), the one CSV cell writer
 * of both programs.
 */
#ifndef EXPORT_TEXT_H
#define EXPORT_TEXT_H

#include <stdio.h>

#include "arena.h"
#include "ir.h"
#include "output_buffer.h"

/* Writes a CSV file built in text (cells by csv_cell) to out and frees
 * text. Returns 0, or -1 when memory ran out or the write failed. */
int export_csv_finish(output_buffer *text, FILE *out);

/* "Section 3: Review (CIN/CP/LAC)", or "Section 6" for an untitled
 * section, allocated in region. */
char *export_section_label(arena *region, const ir_section *section);

/* The criterion's title, or for an untitled one "Section 6, row 2" (its
 * place in the section), allocated in region. */
const char *export_criterion_name(arena *region, const ir_rubric *rubric, const ir_criterion *criterion);

/* One rating of a criterion, as the exports list them: a level of the
 * scale, or for a criterion of a checklist section an answer of its answer
 * set. description is "" where the criterion has no descriptor for it (a
 * score between the anchors, an answer written without one). */
typedef struct export_rating {
    const char *code;
    const char *label;
    const char *description;
    double points;               /* level_points.h */
} export_rating;

/* How many ratings the criterion has (ir_descriptor_count). */
size_t export_rating_count(const ir_rubric *rubric, const ir_criterion *criterion);

/* The criterion's rating at index (best level first, or answers in their
 * declared order). */
export_rating export_rating_at(const ir_rubric *rubric, const ir_criterion *criterion, size_t index);

/* The most ratings any criterion of the rubric has. */
size_t export_most_ratings(const ir_rubric *rubric);

/* The descriptor text of a criterion's slot, or "" when it has none. */
const char *export_descriptor_text(const ir_criterion *criterion, size_t slot);

#endif /* EXPORT_TEXT_H */
