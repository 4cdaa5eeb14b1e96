/*
 * html_page.h — the guidance text of one page, as the guidance page
 * (emit_html.c) writes it and the audit form (emit_form.c) shows it under
 * each criterion: author text with its glossary abbreviations marked up,
 * prose, a grade's tag, a column's heading and a criterion's descriptor at
 * one level. One module, so that the form's descriptors are the guidance
 * page's text and cannot drift from it.
 *
 * Glossary abbreviations are marked up with <abbr title="meaning"> at their
 * first occurrence in each unit of text (a table cell, a note, a heading, a
 * glossary meaning): html_page_unit_begin() starts a unit. Every author
 * string is escaped through html_text.c.
 */
#ifndef HTML_PAGE_H
#define HTML_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ir.h"

/* What one page is being written with. */
typedef struct html_page {
    FILE *out;
    const ir_rubric *rubric;
    bool *abbreviation_marked;   /* per glossary entry, within the current unit */
} html_page;

/* Starts writing a page of rubric to out; returns -1 when out of memory. */
int html_page_begin(html_page *page, const ir_rubric *rubric, FILE *out);

/* Frees what html_page_begin() took. */
void html_page_end(html_page *page);

/* Starts a new unit of text: every abbreviation is marked up again once. */
void html_page_unit_begin(html_page *page);

/* Writes author text as element content: escaped, with the first
 * occurrence of each glossary abbreviation in the unit marked up. */
void html_page_text(html_page *page, const char *text);

/* Writes prose as paragraphs and bullet lists. */
void html_page_prose(html_page *page, const ir_prose *prose);

/* Writes a grade tag: the level's code on its colour, then its label (a
 * score between the anchors has no label: its number is all). */
void html_page_grade(html_page *page, size_t level);

/* Writes a column's heading in a section's table: the grade, or in a
 * checklist section the answer (and whether it counts as met). */
void html_page_slot(html_page *page, const ir_section *section, size_t slot);

/* How a descriptor taken from the section-wide statement is written: as a
 * pointer to the statement written once above (the guidance page), or as
 * the statement itself (the form, which has no "above"). */
typedef enum html_section_wide {
    HTML_SECTION_WIDE_POINTER,
    HTML_SECTION_WIDE_INLINE
} html_section_wide;

/* Writes the body of a criterion's descriptor at one level (slot): its
 * prose; for a score between the anchors "Between the anchors: see 10 and
 * 5"; for a checklist answer without a statement "No statement: answer
 * from the case record"; for a section-wide statement, as section_wide
 * says. */
void html_page_descriptor(html_page *page, const ir_section *section, const ir_descriptor *descriptor, size_t slot,
                          html_section_wide section_wide);

#endif /* HTML_PAGE_H */
