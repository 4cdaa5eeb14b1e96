/*
 * report_html_chart.c — the managers' page's shared writers (see
 * report_html_chart.h): text escaped for HTML, percentages, level names,
 * row labels, tables, and the chart of a distribution as inline SVG.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_html_chart.h"
#include "summary.h"

/* Fill colours of the levels, best first, each dark enough for white
 * codes; a longer scale repeats them (the codes still tell levels apart). */
static const char *const level_fills[] = {"#005a30", "#1d70b8", "#6f4a00", "#a0241a", "#4c2c92", "#28363d"};

/* Chart geometry, in SVG units. */
enum {
    CHART_WIDTH = 760,
    CHART_LABEL_WIDTH = 290,
    CHART_BAR_WIDTH = 400,
    CHART_ROW_HEIGHT = 26,
    CHART_BAR_HEIGHT = 18,
    CHART_LABEL_CHARACTERS = 44, /* longer labels are cut, with an ellipsis */
    CHART_CODE_MIN_WIDTH = 22    /* a segment narrower than this has no code on it */
};

/* TEXT escaped for HTML text and attribute values. */
void report_html_text(output_buffer *buffer, const char *text)
{
    if (text == NULL)
        return;
    const char *start = text;
    for (; *text; text++) {
        const char *entity = NULL;
        switch (*text) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
        output_bytes(buffer, start, (size_t)(text - start));
        output_text(buffer, entity);
        start = text + 1;
    }
    output_bytes(buffer, start, (size_t)(text - start));
}

/* TEXT escaped, cut to at most CHARACTERS code points with an ellipsis. */
static void html_text_cut(output_buffer *buffer, const char *text, size_t characters)
{
    if (output_width(text) <= characters) {
        report_html_text(buffer, text);
        return;
    }
    size_t end = 0, counted = 0;
    while (text[end] && counted < characters - 1) {
        end++;
        while ((text[end] & 0xC0) == 0x80)
            end++;
        counted++;
    }
    char *cut = strndup(text, end);
    if (cut == NULL) {
        buffer->out_of_memory = 1;
        return;
    }
    report_html_text(buffer, cut);
    output_text(buffer, "\xE2\x80\xA6");
    free(cut);
}

/* A share as a percentage with one decimal, or "–" of nothing. */
void report_html_percent(output_buffer *buffer, unsigned long count, unsigned long of)
{
    if (of)
        output_format(buffer, "%.1f%%", 100.0 * (double)count / (double)of);
    else
        output_text(buffer, "\xE2\x80\x93");
}

/* The name of a level as the page writes it: "Good (G)". */
void report_html_level_name(output_buffer *buffer, const rubric_model *model, unsigned level)
{
    if (level == model->level_count) {
        output_text(buffer, "Not applicable (NA)");
        return;
    }
    report_html_text(buffer, model->levels[level].label);
    output_text(buffer, " (");
    report_html_text(buffer, model->levels[level].code);
    output_text(buffer, ")");
}

/* A row's label: "7 Review" for a section, else its label. */
void report_html_row_label(output_buffer *buffer, const chart_row *row, size_t cut)
{
    output_buffer whole = {0};
    if (row->number)
        output_format(&whole, "%s ", row->number);
    output_text(&whole, row->label);
    if (whole.out_of_memory)
        buffer->out_of_memory = 1;
    else if (cut)
        html_text_cut(buffer, whole.text, cut);
    else
        report_html_text(buffer, whole.text);
    output_buffer_free(&whole);
}

/* A table row's opening and heading cell: the label, and the detail below it. */
void report_html_row_heading(output_buffer *buffer, const chart_row *row)
{
    output_text(buffer, "<tr><th scope=\"row\">");
    report_html_row_label(buffer, row, 0);
    if (row->detail) {
        output_text(buffer, "<span class=\"detail\">");
        report_html_text(buffer, row->detail);
        output_text(buffer, "</span>");
    }
    output_text(buffer, "</th>");
}

/* Open a table in a wrapper that scrolls sideways on a narrow screen; the
 * wrapper is a named region that takes the keyboard focus, so it can be
 * scrolled without a mouse. CAPTION is plain text. */
void report_html_open_table(output_buffer *buffer, const char *caption)
{
    output_text(buffer, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
    report_html_text(buffer, caption);
    output_text(buffer, "\"><table>\n<caption>");
    report_html_text(buffer, caption);
    output_text(buffer, "</caption>\n");
}

/* The legend under every chart: a swatch, the words and the code of each part. */
static void chart_legend(output_buffer *buffer, const chart_part *parts, unsigned part_count)
{
    output_text(buffer, "<ul class=\"legend\">");
    for (unsigned part = 0; part < part_count; part++) {
        output_format(buffer, "<li><span class=\"swatch\" style=\"background:%s\"></span>", parts[part].fill);
        report_html_text(buffer, parts[part].name);
        output_text(buffer, " (");
        report_html_text(buffer, parts[part].code);
        output_text(buffer, ")</li>");
    }
    output_text(buffer, "</ul>\n");
}

/* A chart: one bar per row, split into PARTS in proportion to the row's
 * counts (one per part), each piece long enough carrying its part's code;
 * the row's total at the end. */
void report_html_chart(output_buffer *buffer, const chart_part *parts, unsigned part_count, const char *id,
                       const char *title, const chart_row *rows, unsigned row_count)
{
    unsigned height = row_count * CHART_ROW_HEIGHT + 8;
    output_format(buffer, "<figure class=\"chart\">\n<svg role=\"img\" aria-labelledby=\"%s-title\" "
                  "viewBox=\"0 0 %d %u\" width=\"%d\" height=\"%u\">\n<title id=\"%s-title\">",
                  id, CHART_WIDTH, height, CHART_WIDTH, height, id);
    report_html_text(buffer, title);
    output_text(buffer, " (the table below gives the figures)</title>\n");
    for (unsigned index = 0; index < row_count; index++) {
        const chart_row *row = &rows[index];
        unsigned top = index * CHART_ROW_HEIGHT + 4;
        unsigned long total = 0;
        for (unsigned part = 0; part < part_count; part++)
            total += row->counts[part];
        output_format(buffer, "<text x=\"%d\" y=\"%u\" text-anchor=\"end\">", CHART_LABEL_WIDTH - 8,
                      top + CHART_BAR_HEIGHT - 4);
        report_html_row_label(buffer, row, CHART_LABEL_CHARACTERS);
        output_text(buffer, "</text>");
        output_format(buffer, "<rect class=\"frame\" x=\"%d\" y=\"%u\" width=\"%d\" height=\"%d\"/>",
                      CHART_LABEL_WIDTH, top, CHART_BAR_WIDTH, CHART_BAR_HEIGHT);
        unsigned long before = 0;
        for (unsigned part = 0; part < part_count && total; part++) {
            unsigned long count = row->counts[part];
            if (count == 0)
                continue;
            double x = CHART_LABEL_WIDTH + (double)CHART_BAR_WIDTH * (double)before / (double)total;
            double width = (double)CHART_BAR_WIDTH * (double)count / (double)total;
            output_format(buffer, "<rect x=\"%.1f\" y=\"%u\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x, top,
                          width, CHART_BAR_HEIGHT, parts[part].fill);
            if (width >= CHART_CODE_MIN_WIDTH) {
                output_format(buffer, "<text class=\"%s\" x=\"%.1f\" y=\"%u\" text-anchor=\"middle\">",
                              parts[part].light ? "code na" : "code", x + width / 2, top + CHART_BAR_HEIGHT - 5);
                report_html_text(buffer, parts[part].code);
                output_text(buffer, "</text>");
            }
            before += count;
        }
        output_format(buffer, "<text x=\"%d\" y=\"%u\">%lu</text>\n", CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 8,
                      top + CHART_BAR_HEIGHT - 4, total);
    }
    output_text(buffer, "</svg>\n");
    chart_legend(buffer, parts, part_count);
    output_text(buffer, "</figure>\n");
}

/* The data table of a chart: a row per row, a column per level and NA,
 * then the share good or better. */
static void distribution_table(output_buffer *buffer, const rubric_model *model, const char *caption,
                               const char *first_heading, const chart_row *rows, unsigned row_count)
{
    report_html_open_table(buffer, caption);
    output_text(buffer, "<thead><tr><th scope=\"col\">");
    report_html_text(buffer, first_heading);
    output_text(buffer, "</th>");
    for (unsigned level = 0; level <= model->level_count; level++) {
        output_text(buffer, "<th scope=\"col\" class=\"number\">");
        report_html_level_name(buffer, model, level);
        output_text(buffer, "</th>");
    }
    output_text(buffer, "<th scope=\"col\" class=\"number\">");
    report_html_text(buffer, model->levels[model->rules.good_or_better].label);
    output_text(buffer, " or better</th></tr></thead>\n<tbody>\n");
    for (unsigned index = 0; index < row_count; index++) {
        const chart_row *row = &rows[index];
        unsigned long good, graded;
        report_html_row_heading(buffer, row);
        for (unsigned level = 0; level <= model->level_count; level++)
            output_format(buffer, "<td class=\"number\">%lu</td>", row->counts[level]);
        summary_good_or_better(model, row->counts, &good, &graded);
        output_format(buffer, "<td class=\"number\">%lu of %lu (", good, graded);
        report_html_percent(buffer, good, graded);
        output_text(buffer, ")</td></tr>\n");
    }
    output_text(buffer, "</tbody></table></div>\n");
}

/* A chart and its table, after a heading and an introduction. */
void report_html_distribution(output_buffer *buffer, const rubric_model *model, const char *id, const char *title,
                              const char *first_heading, const chart_row *rows, unsigned row_count)
{
    chart_part *parts = calloc(model->level_count + 1, sizeof *parts);
    if (parts == NULL) {
        buffer->out_of_memory = 1;
        return;
    }
    for (unsigned level = 0; level < model->level_count; level++)
        parts[level] = (chart_part){model->levels[level].code, model->levels[level].label,
                                    level_fills[level % (sizeof level_fills / sizeof level_fills[0])], 0};
    parts[model->level_count] = (chart_part){RUBRIC_NOT_APPLICABLE_CODE, "Not applicable", NOT_APPLICABLE_FILL, 1};
    report_html_chart(buffer, parts, model->level_count + 1, id, title, rows, row_count);
    free(parts);
    distribution_table(buffer, model, title, first_heading, rows, row_count);
}

/* Open a section of the page with its heading. */
void report_html_open_section(output_buffer *buffer, const char *id, const char *heading)
{
    output_format(buffer, "<section id=\"%s\" aria-labelledby=\"%s-heading\">\n<h2 id=\"%s-heading\">", id, id,
                  id);
    report_html_text(buffer, heading);
    output_text(buffer, "</h2>\n");
}
