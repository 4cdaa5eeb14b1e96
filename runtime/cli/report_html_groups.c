/*
 * report_html_groups.c — results by group and rounds compared on the
 * managers' page (see report_html_groups.h). Counting goes through
 * report_groups.c, a table per grouping and one for the rounds; writing
 * uses the page's shared chart and table writers (report_html_chart.h),
 * plus the one chart only rounds need: the share good or better round by
 * round, as a line.
 *
 * A group of fewer audits than the layout's threshold keeps its place in
 * the tables, its figures withheld ("fewer than 5"), and is left out of
 * the charts: a small team's grades, or a worker's, can identify the
 * children and staff behind them. A group with no audits shows 0, which
 * tells nothing about anyone.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit_date.h"
#include "report_groups.h"
#include "report_html_chart.h"
#include "report_html_groups.h"
#include "summary.h"

struct report_splits {
    const rubric_model *model;
    const report_layout *layout;
    group_table groupings[REPORT_GROUP_BY_MAX];
    char *names[REPORT_GROUP_BY_MAX];          /* each field in words: the fact's name, or the key */
    char *columns[REPORT_GROUP_BY_MAX];        /* the same with a capital, to head a column */
    int is_fact[REPORT_GROUP_BY_MAX];
    unsigned grouping_count;
    group_table rounds;
    unsigned long undated;                     /* --rounds by date: audits without one */
    int sorted;
};

void report_splits_free(report_splits *splits)
{
    if (splits == NULL)
        return;
    for (unsigned index = 0; index < splits->grouping_count; index++) {
        group_table_free(&splits->groupings[index]);
        free(splits->names[index]);
        free(splits->columns[index]);
    }
    group_table_free(&splits->rounds);
    free(splits);
}

report_splits *report_splits_new(const rubric_model *model, const report_layout *layout)
{
    report_splits *splits = calloc(1, sizeof *splits);
    if (splits == NULL)
        return NULL;
    splits->model = model;
    splits->layout = layout;
    int made = 1;
    for (unsigned index = 0; made && index < layout->group_by_count; index++) {
        const char *key = layout->group_by[index];
        int fact_index = rubric_find_fact(model, key);
        rubric_fact fact = fact_index >= 0 ? rubric_fact_at(model, (unsigned)fact_index) : (rubric_fact){0};
        splits->is_fact[index] = fact_index >= 0;
        made = group_table_start(&splits->groupings[index], model,
                                 fact.type == RUBRIC_FACT_CHOICE ? (const char *const *)fact.choices : NULL,
                                 fact.type == RUBRIC_FACT_CHOICE ? fact.choice_count : 0);
        splits->grouping_count++;
        splits->names[index] = strdup(fact_index >= 0 ? fact.name : key);
        made = made && splits->names[index];
        for (char *letter = splits->names[index]; made && !splits->is_fact[index] && *letter; letter++)
            if (*letter == '_')
                *letter = ' ';
        splits->columns[index] = made ? strdup(splits->names[index]) : NULL;
        made = made && splits->columns[index];
        if (made)
            splits->columns[index][0] = (char)toupper((unsigned char)splits->columns[index][0]);
    }
    if (made && layout->rounds == REPORT_ROUNDS_BY_INPUT)
        made = group_table_start(&splits->rounds, model, (const char *const *)layout->round_labels,
                                 layout->round_count);
    else
        splits->rounds.model = model;
    if (!made) {
        report_splits_free(splits);
        return NULL;
    }
    return splits;
}

/* The round key of DATE: "2026-03" by month, "2026-Q1" by quarter; 0 when undated. */
static int round_key(report_rounds rounds, const char *date, char key[8])
{
    if (date == NULL || !audit_date_valid(date))
        return 0;
    memcpy(key, date, 7);
    key[7] = '\0';
    if (rounds == REPORT_ROUNDS_QUARTER) {
        int month = (date[5] - '0') * 10 + (date[6] - '0');
        key[5] = 'Q';
        key[6] = (char)('1' + (month - 1) / 3);
    }
    return 1;
}

int report_splits_add(report_splits *splits, const rubric_audit *audit, const rubric_result *result,
                      const char *input)
{
    const report_layout *layout = splits->layout;
    for (unsigned index = 0; index < splits->grouping_count; index++) {
        const char *key = layout->group_by[index];
        const char *value = strcmp(key, "auditor") == 0 ? audit->auditor : rubric_audit_field(audit, key);
        if (value && *value == '\0')
            value = NULL;
        int group = group_table_find(&splits->groupings[index], value);
        if (group < 0)
            return 0;
        group_table_count(&splits->groupings[index], (unsigned)group, result);
    }
    int round = -1;
    char key[8];
    if (layout->rounds == REPORT_ROUNDS_BY_INPUT)
        round = report_layout_round_of_input(layout, input);
    else if (layout->rounds != REPORT_ROUNDS_NONE) {
        if (!round_key(layout->rounds, audit->date, key))
            splits->undated++;
        else if ((round = group_table_find(&splits->rounds, key)) < 0)
            return 0;
    }
    if (round >= 0)
        group_table_count(&splits->rounds, (unsigned)round, result);
    return 1;
}

int report_splits_has_rounds(const report_splits *splits)
{
    return splits->layout->rounds != REPORT_ROUNDS_NONE;
}

unsigned report_splits_grouping_count(const report_splits *splits)
{
    return splits->grouping_count;
}

/* Sort the groups made while counting, once, before writing. */
static void sort_once(report_splits *splits)
{
    if (splits->sorted)
        return;
    for (unsigned index = 0; index < splits->grouping_count; index++)
        group_table_sort(&splits->groupings[index]);
    group_table_sort(&splits->rounds);
    splits->sorted = 1;
}

/* A grouping's part of the page: its id and heading. */
static void grouping_heading(const report_splits *splits, unsigned index, output_buffer *id, output_buffer *heading)
{
    output_format(id, "group-by-%u", index + 1);
    output_text(heading, "Results by ");
    output_text(heading, splits->names[index]);
}

void report_splits_contents(const report_splits *splits, output_buffer *buffer)
{
    for (unsigned index = 0; index < splits->grouping_count; index++) {
        output_buffer id = {0}, heading = {0};
        grouping_heading(splits, index, &id, &heading);
        buffer->out_of_memory |= id.out_of_memory | heading.out_of_memory;
        if (!id.out_of_memory && !heading.out_of_memory) {
            output_format(buffer, "<li><a href=\"#%s\">", id.text);
            report_html_text(buffer, heading.text);
            output_text(buffer, "</a></li>\n");
        }
        output_buffer_free(&id);
        output_buffer_free(&heading);
    }
}

/* A share good or better of COUNTS as a percentage, or "–" when none is graded. */
static void share_cell(output_buffer *buffer, const rubric_model *model, const unsigned long *counts)
{
    unsigned long good, graded;
    summary_good_or_better(model, counts, &good, &graded);
    output_text(buffer, "<td class=\"number\">");
    report_html_percent(buffer, good, graded);
    output_text(buffer, "</td>");
}

/* The share good or better of COUNTS, in percent; -1 when none is graded. */
static double share_of(const rubric_model *model, const unsigned long *counts)
{
    unsigned long good, graded;
    summary_good_or_better(model, counts, &good, &graded);
    return graded ? 100.0 * (double)good / (double)graded : -1.0;
}

/* The change from BEFORE to NOW in percentage points, "+4.2" or "−3.0",
 * or "–" when either has no share. */
static void change_cell(output_buffer *buffer, double before, double now)
{
    output_text(buffer, "<td class=\"number\">");
    if (before < 0 || now < 0) {
        output_text(buffer, "\xE2\x80\x93");
    } else {
        double change = now - before;
        char text[32];
        snprintf(text, sizeof text, "%.1f", fabs(change));
        if (strcmp(text, "0.0") == 0)
            output_text(buffer, "0.0");
        else
            output_format(buffer, "%s%s", change > 0 ? "+" : "\xE2\x88\x92", text);
    }
    output_text(buffer, "</td>");
}

/* The column headings of the sections that have grades (checklists have none),
 * each followed by its change when CHANGES. */
static void section_headings(output_buffer *buffer, const rubric_model *model, int changes)
{
    for (unsigned section = 0; section < model->section_count; section++) {
        if (rubric_section_answer_set(model, section) >= 0)
            continue;
        chart_row row = report_html_section_row(model, section, NULL);
        output_text(buffer, "<th scope=\"col\" class=\"number\">");
        report_html_row_label(buffer, &row, 0);
        output_text(buffer, "</th>");
        if (changes) {
            output_text(buffer, "<th scope=\"col\" class=\"number\">");
            report_html_row_label(buffer, &row, 0);
            output_text(buffer, ": change</th>");
        }
    }
}

/* A group's label: its value, or the words for those that gave none. */
static const char *group_label(const report_group *group)
{
    return group->value ? group->value : "Not given";
}

/* Whether GROUP's figures are withheld. */
static int withheld(const report_splits *splits, const report_group *group)
{
    return group->audits > 0 && group->audits < splits->layout->suppress_below;
}

/* The shares table of one grouping: audits, overall, each section. */
static void shares_table(output_buffer *buffer, const report_splits *splits, unsigned index, const char *caption)
{
    const rubric_model *model = splits->model;
    const group_table *table = &splits->groupings[index];
    unsigned graded_sections = 0;
    for (unsigned section = 0; section < model->section_count; section++)
        graded_sections += rubric_section_answer_set(model, section) < 0;
    report_html_open_table(buffer, caption);
    output_text(buffer, "<thead><tr><th scope=\"col\">");
    report_html_text(buffer, splits->columns[index]);
    output_text(buffer, "</th><th scope=\"col\" class=\"number\">Audits</th><th scope=\"col\" class=\"number\">"
                        "Overall</th>");
    section_headings(buffer, model, 0);
    output_text(buffer, "</tr></thead>\n<tbody>\n");
    for (unsigned place = 0; place < table->count; place++) {
        const report_group *group = &table->groups[place];
        chart_row row = {NULL, group_label(group), NULL, NULL};
        report_html_row_heading(buffer, &row);
        if (withheld(splits, group)) {
            output_format(buffer, "<td class=\"number\">fewer than %u</td><td colspan=\"%u\">withheld</td></tr>\n",
                          splits->layout->suppress_below, graded_sections + 1);
            continue;
        }
        output_format(buffer, "<td class=\"number\">%lu</td>", group->audits);
        share_cell(buffer, model, group_counts(table, group, 0));
        for (unsigned section = 0; section < model->section_count; section++)
            if (rubric_section_answer_set(model, section) < 0)
                share_cell(buffer, model, group_counts(table, group, section + 1));
        output_text(buffer, "</tr>\n");
    }
    output_text(buffer, "</tbody></table></div>\n");
}

/* One grouping's part: what is counted, the shares, the distribution. */
static void write_grouping(report_splits *splits, output_buffer *buffer, unsigned index)
{
    const rubric_model *model = splits->model;
    const group_table *table = &splits->groupings[index];
    const char *key = splits->layout->group_by[index];
    output_buffer id = {0}, heading = {0}, caption = {0};
    grouping_heading(splits, index, &id, &heading);
    if (id.out_of_memory || heading.out_of_memory) {
        buffer->out_of_memory = 1;
        goto done;
    }
    report_html_open_section(buffer, id.text, heading.text);
    unsigned long given = 0, audits = 0, shown_withheld = 0;
    for (unsigned place = 0; place < table->count; place++) {
        audits += table->groups[place].audits;
        given += table->groups[place].value ? table->groups[place].audits : 0;
        shown_withheld += withheld(splits, &table->groups[place]);
    }
    output_text(buffer, "<p>Each graded audit counted under its ");
    report_html_text(buffer, splits->names[index]);
    output_text(buffer, splits->is_fact[index] ? " (the case fact <code>" : " (the audits' field <code>");
    report_html_text(buffer, key);
    output_format(buffer, "</code>): %lu of %lu audit%s %s a value", given, audits, audits == 1 ? "" : "s",
                  given == 1 ? "gives" : "give");
    output_text(buffer, table->fixed ? "; groups in the order of the fact's choices, then any other value, "
                                       "then audits that give none.</p>\n"
                                     : "; groups in alphabetical order, then audits that give none.</p>\n");
    if (given == 0 && audits > 0) {
        output_text(buffer, "<p>No audit gives <code>");
        report_html_text(buffer, key);
        output_text(buffer, "</code>: check the field's name against the audits' columns or members.</p>\n");
    }
    if (splits->layout->suppress_below > 1)
        output_format(buffer, "<p>Groups of fewer than %u audits are shown as \xE2\x80\x9C" "fewer than %u\xE2\x80\x9D "
                      "and their figures withheld, here and in the chart: small numbers can identify children "
                      "and staff. The totals elsewhere on this page still count them.%s</p>\n",
                      splits->layout->suppress_below, splits->layout->suppress_below,
                      shown_withheld ? "" : " No group is that small.");
    output_text(&caption, "Share ");
    output_text(&caption, model->levels[model->rules.good_or_better].label);
    output_text(&caption, " or better by ");
    output_text(&caption, splits->names[index]);
    output_text(&caption, ", overall and by section");
    if (caption.out_of_memory) {
        buffer->out_of_memory = 1;
        goto done;
    }
    shares_table(buffer, splits, index, caption.text);
    chart_row *rows = calloc(table->count ? table->count : 1, sizeof *rows);
    if (rows == NULL) {
        buffer->out_of_memory = 1;
        goto done;
    }
    unsigned row_count = 0;
    for (unsigned place = 0; place < table->count; place++) {
        const report_group *group = &table->groups[place];
        if (group->audits > 0 && !withheld(splits, group))
            rows[row_count++] = (chart_row){NULL, group_label(group), NULL, group_counts(table, group, 0)};
    }
    output_clear(&caption);
    output_text(&caption, "Overall grades by ");
    output_text(&caption, splits->names[index]);
    output_buffer chart_id = {0};
    output_format(&chart_id, "%s-chart", id.text);
    if (row_count && !caption.out_of_memory && !chart_id.out_of_memory)
        report_html_distribution(buffer, model, chart_id.text, caption.text, splits->columns[index],
                                 rows, row_count);
    else if (row_count == 0 && audits > 0)
        output_text(buffer, "<p>Every group is too small to show, so there is no chart.</p>\n");
    buffer->out_of_memory |= caption.out_of_memory | chart_id.out_of_memory;
    output_buffer_free(&chart_id);
    free(rows);
    output_text(buffer, "</section>\n");
done:
    output_buffer_free(&id);
    output_buffer_free(&heading);
    output_buffer_free(&caption);
}

void report_splits_write_groups(report_splits *splits, output_buffer *buffer)
{
    sort_once(splits);
    for (unsigned index = 0; index < splits->grouping_count; index++)
        write_grouping(splits, buffer, index);
}

static const char *const month_names[12] = {"January", "February", "March", "April", "May", "June",
                                            "July", "August", "September", "October", "November", "December"};

/* A round's label: "March 2026" or "2026 Q1" of its key, or its --round label. */
static void round_label(output_buffer *buffer, report_rounds rounds, const char *value)
{
    if (rounds == REPORT_ROUNDS_MONTH)
        output_format(buffer, "%s %.4s", month_names[(value[5] - '0') * 10 + (value[6] - '0') - 1], value);
    else if (rounds == REPORT_ROUNDS_QUARTER)
        output_format(buffer, "%.4s %s", value, value + 5);
    else
        output_text(buffer, value);
}

/* Trend chart geometry, in SVG units: the plot's box, 100% at its top. */
enum { TREND_WIDTH = 760, TREND_HEIGHT = 270, TREND_LEFT = 56, TREND_RIGHT = 740, TREND_TOP = 24,
       TREND_BOTTOM = 224 };

/* The share good or better overall, round by round, as a line; a round
 * with no graded audit breaks it. LABELS holds each round's label. */
static void trend_chart(output_buffer *buffer, const report_splits *splits, const char *const *labels)
{
    const rubric_model *model = splits->model;
    const group_table *rounds = &splits->rounds;
    output_format(buffer, "<figure class=\"chart\">\n<svg role=\"img\" aria-labelledby=\"rounds-trend-title\" "
                  "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n<title id=\"rounds-trend-title\">Share ",
                  TREND_WIDTH, TREND_HEIGHT, TREND_WIDTH, TREND_HEIGHT);
    report_html_text(buffer, model->levels[model->rules.good_or_better].label);
    output_text(buffer, " or better overall, round by round (the table below gives the figures)</title>\n");
    for (int percent = 0; percent <= 100; percent += 25) {
        double y = TREND_BOTTOM - (TREND_BOTTOM - TREND_TOP) * percent / 100.0;
        output_format(buffer, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#b1b4b6\"/>"
                      "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>\n",
                      TREND_LEFT, y, TREND_RIGHT, y, TREND_LEFT - 6, y + 4, percent);
    }
    double step = (double)(TREND_RIGHT - TREND_LEFT) / (rounds->count ? rounds->count : 1);
    size_t cut = step / 7 < 4 ? 4 : (size_t)(step / 7);
    double last_x = 0, last_y = 0;
    int drawn = 0;
    for (unsigned round = 0; round < rounds->count; round++) {
        double x = TREND_LEFT + step * (round + 0.5);
        chart_row row = {NULL, labels[round], NULL, NULL};
        output_format(buffer, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", x, TREND_BOTTOM + 20);
        report_html_row_label(buffer, &row, cut);
        output_text(buffer, "</text>\n");
        double share = share_of(model, group_counts(rounds, &rounds->groups[round], 0));
        if (share < 0) {
            drawn = 0;
            continue;
        }
        double y = TREND_BOTTOM - (TREND_BOTTOM - TREND_TOP) * share / 100.0;
        if (drawn)
            output_format(buffer, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1d70b8\" "
                          "stroke-width=\"3\"/>\n", last_x, last_y, x, y);
        output_format(buffer, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#1d70b8\"/>"
                      "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.1f%%</text>\n",
                      x, y, x, y - 10 < 12 ? y + 20 : y - 10, share);
        last_x = x, last_y = y, drawn = 1;
    }
    output_text(buffer, "</svg>\n</figure>\n");
}

/* The rounds' table: audits, the share overall and by section, each with
 * its change from the round before. */
static void rounds_table(output_buffer *buffer, const report_splits *splits, const char *const *labels)
{
    const rubric_model *model = splits->model;
    const group_table *rounds = &splits->rounds;
    output_buffer caption = {0};
    output_text(&caption, "Share ");
    output_text(&caption, model->levels[model->rules.good_or_better].label);
    output_text(&caption, " or better by round, with the change in percentage points");
    buffer->out_of_memory |= caption.out_of_memory;
    report_html_open_table(buffer, caption.out_of_memory ? "Rounds" : caption.text);
    output_buffer_free(&caption);
    output_text(buffer, "<thead><tr><th scope=\"col\">Round</th><th scope=\"col\" class=\"number\">Audits</th>"
                        "<th scope=\"col\" class=\"number\">Overall</th>"
                        "<th scope=\"col\" class=\"number\">Overall: change</th>");
    section_headings(buffer, model, 1);
    output_text(buffer, "</tr></thead>\n<tbody>\n");
    for (unsigned round = 0; round < rounds->count; round++) {
        const report_group *group = &rounds->groups[round];
        const report_group *before = round ? &rounds->groups[round - 1] : NULL;
        chart_row row = {NULL, labels[round], NULL, NULL};
        report_html_row_heading(buffer, &row);
        output_format(buffer, "<td class=\"number\">%lu</td>", group->audits);
        for (unsigned place = 0; place <= model->section_count; place++) {
            if (place > 0 && rubric_section_answer_set(model, place - 1) >= 0)
                continue;
            share_cell(buffer, model, group_counts(rounds, group, place));
            change_cell(buffer, before ? share_of(model, group_counts(rounds, before, place)) : -1.0,
                        share_of(model, group_counts(rounds, group, place)));
        }
        output_text(buffer, "</tr>\n");
    }
    output_text(buffer, "</tbody></table></div>\n");
}

void report_splits_write_rounds(report_splits *splits, output_buffer *buffer, const char *id, const char *heading)
{
    const rubric_model *model = splits->model;
    const report_layout *layout = splits->layout;
    const group_table *rounds = &splits->rounds;
    sort_once(splits);
    report_html_open_section(buffer, id, heading);
    output_text(buffer, layout->rounds == REPORT_ROUNDS_BY_INPUT
                            ? "<p>Each round is the audits of the file given for it, in the order given"
                        : layout->rounds == REPORT_ROUNDS_MONTH ? "<p>Each round is a month of the audits' dates"
                                                                : "<p>Each round is a calendar quarter of the "
                                                                  "audits' dates (Q1 is January to March)");
    if (splits->undated)
        output_format(buffer, "; %lu audit%s without a date %s in no round", splits->undated,
                      splits->undated == 1 ? "" : "s", splits->undated == 1 ? "is" : "are");
    output_text(buffer, ". The change is in percentage points from the round before; the chart draws the "
                        "overall share, the table gives every section's.</p>\n");
    if (rounds->count == 0) {
        output_text(buffer, "<p>No round has a graded audit.</p>\n</section>\n");
        return;
    }
    output_buffer labels = {0};
    size_t *label_at = calloc(rounds->count, sizeof *label_at);
    const char **label_of = calloc(rounds->count, sizeof *label_of);
    chart_row *rows = calloc(rounds->count, sizeof *rows);
    for (unsigned round = 0; label_at && round < rounds->count; round++) {
        label_at[round] = labels.length;
        round_label(&labels, layout->rounds, rounds->groups[round].value);
        output_bytes(&labels, "", 1);
    }
    if (label_at && label_of && rows && !labels.out_of_memory) {
        for (unsigned round = 0; round < rounds->count; round++) {
            label_of[round] = labels.text + label_at[round];
            rows[round] = (chart_row){NULL, label_of[round], NULL, group_counts(rounds, &rounds->groups[round], 0)};
        }
        trend_chart(buffer, splits, label_of);
        rounds_table(buffer, splits, label_of);
        report_html_distribution(buffer, model, "rounds-chart", "Overall grades by round", "Round", rows,
                                 rounds->count);
    } else {
        buffer->out_of_memory = 1;
    }
    output_text(buffer, "</section>\n");
    output_buffer_free(&labels);
    free(label_at);
    free(label_of);
    free(rows);
}
