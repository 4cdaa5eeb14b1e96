/*
 * report_html_chart.h — the writers every part of the managers' HTML page
 * (report_html.c, report_html_moderation.c) draws with: escaped text,
 * percentages, tables, and the chart that draws every distribution alike
 * (a stacked bar per row, codes written on the bars, a legend), each
 * followed by its data table.
 *
 * Internal to rubric-grade (not installed). Every writer appends to an
 * output_buffer, which records a lack of memory.
 */
#ifndef REPORT_HTML_CHART_H
#define REPORT_HTML_CHART_H

#include <stddef.h>

#include "output_buffer.h"
#include "rubric.h"

/* One row of a chart and its table. */
typedef struct chart_row {
    const char *number;          /* a section's number, or NULL */
    const char *label;
    const char *detail;          /* a second line in the table, or NULL */
    const unsigned long *counts; /* one per level, then NA */
} chart_row;

/* What a chart's bars are split into: a level, NA, or a degree of agreement. */
typedef struct chart_part {
    const char *code;            /* written on the bar and in the legend */
    const char *name;            /* the legend's words */
    const char *fill;
    int light;                   /* a light fill: the code is written dark */
} chart_part;

/* A section's row: its number and its title (or id). */
static inline chart_row report_html_section_row(const rubric_model *model, unsigned section,
                                                const unsigned long *counts)
{
    const rubric_section *shown = &model->sections[section];
    return (chart_row){shown->number, shown->title ? shown->title : shown->id, NULL, counts};
}

/* The fill of NA's part of a bar. */
#define NOT_APPLICABLE_FILL "#b1b4b6"

/* TEXT escaped for HTML text and attribute values. */
void report_html_text(output_buffer *buffer, const char *text);

/* A share as a percentage with one decimal, or "–" of nothing. */
void report_html_percent(output_buffer *buffer, unsigned long count, unsigned long of);

/* The name of a level as the page writes it: "Good (G)". */
void report_html_level_name(output_buffer *buffer, const rubric_model *model, unsigned level);

/* A row's label: "7 Review" for a section, else its label. */
void report_html_row_label(output_buffer *buffer, const chart_row *row, size_t cut);

/* A table row's opening and heading cell: the label, and the detail below it. */
void report_html_row_heading(output_buffer *buffer, const chart_row *row);

/* Open a table in a wrapper that scrolls sideways on a narrow screen; the
 * wrapper is a named region that takes the keyboard focus, so it can be
 * scrolled without a mouse. CAPTION is plain text. */
void report_html_open_table(output_buffer *buffer, const char *caption);

/* A chart: one bar per row, split into PARTS in proportion to the row's
 * counts (one per part), each piece long enough carrying its part's code;
 * the row's total at the end. */
void report_html_chart(output_buffer *buffer, const chart_part *parts, unsigned part_count, const char *id,
                       const char *title, const chart_row *rows, unsigned row_count);

/* A chart and its table, after a heading and an introduction. */
void report_html_distribution(output_buffer *buffer, const rubric_model *model, const char *id, const char *title,
                              const char *first_heading, const chart_row *rows, unsigned row_count);

/* Open a section of the page with its heading. */
void report_html_open_section(output_buffer *buffer, const char *id, const char *heading);

#endif /* REPORT_HTML_CHART_H */
