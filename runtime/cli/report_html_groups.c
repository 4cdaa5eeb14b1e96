/*
 * report_html_groups.c — results by group and rounds compared on the
 * managers' page (see report_html_groups.h). Counting and the rule that
 * withholds a small group are report_splits.c's (the results workbook
 * shares them); writing uses the page's shared chart and table writers
 * (report_html_chart.h), plus the one chart only rounds need: the share
 * good or better round by round, as a line.
 *
 * A group of fewer audits than the layout's threshold keeps its place in
 * the tables, its figures withheld ("fewer than 5"), and is left out of
 * the charts: a small team's grades, or a worker's, can identify the
 * children and staff behind them. A group with no audits shows 0, which
 * tells nothing about anyone.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_html_chart.h"
#include "report_html_groups.h"
#include "report_targets.h"
#include "summary.h"

/* A grouping's part of the page: its id and heading. */
static void grouping_heading(const report_splits *splits, unsigned index, output_buffer *id, output_buffer *heading)
{
    output_format(id, "group-by-%u", index + 1);
    output_text(heading, "Results by ");
    output_text(heading, report_splits_grouping_name(splits, index));
}

void report_splits_contents(const report_splits *splits, output_buffer *buffer)
{
    for (unsigned index = 0; index < report_splits_grouping_count(splits); index++) {
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

/* The target of the overall grade (PLACE 0) or of section PLACE - 1, or
 * NULL when it has none. */
static const rubric_target *place_target(const rubric_model *model, unsigned place)
{
    const rubric_target *target = place == 0 ? &model->target : &model->sections[place - 1].target;
    return target->declared ? target : NULL;
}

/* "Met" or "Not met" for COUNTS against the target of PLACE, "–" with no
 * audit graded; nothing when PLACE has no target. */
static void target_cell(output_buffer *buffer, const rubric_model *model, unsigned place, const unsigned long *counts)
{
    const rubric_target *target = place_target(model, place);
    if (target == NULL)
        return;
    unsigned long reached, graded;
    target_outcome outcome = target_judge(model, target, counts, &reached, &graded);
    output_format(buffer, "<td>%s</td>", outcome == TARGET_MET       ? "Met"
                                         : outcome == TARGET_NOT_MET ? "Not met"
                                                                     : "\xE2\x80\x93");
}

/* The heading of a target column: "Overall: target 80% G or better". */
static void target_heading(output_buffer *buffer, const rubric_model *model, unsigned place, const chart_row *row)
{
    const rubric_target *target = place_target(model, place);
    if (target == NULL)
        return;
    output_text(buffer, "<th scope=\"col\">");
    if (row != NULL)
        report_html_row_label(buffer, row, 0);
    else
        output_text(buffer, "Overall");
    output_format(buffer, ": target %u%% ", target->percent);
    report_html_text(buffer, model->levels[target->level].code);
    output_text(buffer, " or better</th>");
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
 * each followed by its change when CHANGES, then whether it meets its
 * target when it has one. */
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
        target_heading(buffer, model, section + 1, &row);
    }
}

/* The shares table of one grouping: audits, overall, each section. */
static void shares_table(output_buffer *buffer, const report_splits *splits, unsigned index, const char *caption)
{
    const rubric_model *model = report_splits_model(splits);
    const report_layout *layout = report_splits_layout(splits);
    const group_table *table = report_splits_grouping(splits, index);
    unsigned shown_columns = 1 + (place_target(model, 0) != NULL);
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0)
            shown_columns += 1 + (place_target(model, section + 1) != NULL);
    report_html_open_table(buffer, caption);
    output_text(buffer, "<thead><tr><th scope=\"col\">");
    report_html_text(buffer, report_splits_grouping_column(splits, index));
    output_text(buffer, "</th><th scope=\"col\" class=\"number\">Audits</th><th scope=\"col\" class=\"number\">"
                        "Overall</th>");
    target_heading(buffer, model, 0, NULL);
    section_headings(buffer, model, 0);
    output_text(buffer, "</tr></thead>\n<tbody>\n");
    for (unsigned place = 0; place < table->count; place++) {
        const report_group *group = &table->groups[place];
        chart_row row = {NULL, report_group_label(group), NULL, NULL};
        report_html_row_heading(buffer, &row);
        if (report_group_withheld(layout, group)) {
            output_format(buffer, "<td class=\"number\">fewer than %u</td><td colspan=\"%u\">withheld</td></tr>\n",
                          layout->suppress_below, shown_columns);
            continue;
        }
        output_format(buffer, "<td class=\"number\">%lu</td>", group->audits);
        for (unsigned part = 0; part <= model->section_count; part++)
            if (part == 0 || rubric_section_answer_set(model, part - 1) < 0) {
                share_cell(buffer, model, group_counts(table, group, part));
                target_cell(buffer, model, part, group_counts(table, group, part));
            }
        output_text(buffer, "</tr>\n");
    }
    output_text(buffer, "</tbody></table></div>\n");
}

/* One grouping's part: what is counted, the shares, the distribution. */
static void write_grouping(report_splits *splits, output_buffer *buffer, unsigned index)
{
    const rubric_model *model = report_splits_model(splits);
    const report_layout *layout = report_splits_layout(splits);
    const group_table *table = report_splits_grouping(splits, index);
    const char *key = layout->group_by[index];
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
        shown_withheld += report_group_withheld(layout, &table->groups[place]);
    }
    output_text(buffer, "<p>Each graded audit counted under its ");
    report_html_text(buffer, report_splits_grouping_name(splits, index));
    output_text(buffer, report_splits_grouping_is_fact(splits, index) ? " (the case fact <code>"
                                                                       : " (the audits' field <code>");
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
    if (layout->suppress_below > 1)
        output_format(buffer, "<p>Groups of fewer than %u audits are shown as \xE2\x80\x9C" "fewer than %u\xE2\x80\x9D "
                      "and their figures withheld, here and in the chart: small numbers can identify children "
                      "and staff. The totals elsewhere on this page still count them.%s</p>\n",
                      layout->suppress_below, layout->suppress_below,
                      shown_withheld ? "" : " No group is that small.");
    output_text(&caption, "Share ");
    output_text(&caption, model->levels[model->rules.good_or_better].label);
    output_text(&caption, " or better by ");
    output_text(&caption, report_splits_grouping_name(splits, index));
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
        if (group->audits > 0 && !report_group_withheld(layout, group))
            rows[row_count++] = (chart_row){NULL, report_group_label(group), NULL, group_counts(table, group, 0)};
    }
    output_clear(&caption);
    output_text(&caption, "Overall grades by ");
    output_text(&caption, report_splits_grouping_name(splits, index));
    output_buffer chart_id = {0};
    output_format(&chart_id, "%s-chart", id.text);
    if (row_count && !caption.out_of_memory && !chart_id.out_of_memory)
        report_html_distribution(buffer, model, chart_id.text, caption.text, report_splits_grouping_column(splits, index),
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
    report_splits_sort(splits);
    for (unsigned index = 0; index < report_splits_grouping_count(splits); index++)
        write_grouping(splits, buffer, index);
}

/* Trend chart geometry, in SVG units: the plot's box, 100% at its top. */
enum { TREND_WIDTH = 760, TREND_HEIGHT = 270, TREND_LEFT = 56, TREND_RIGHT = 740, TREND_TOP = 24,
       TREND_BOTTOM = 224 };

/* The share good or better overall, round by round, as a line; a round
 * with no graded audit breaks it. LABELS holds each round's label. */
static void trend_chart(output_buffer *buffer, const report_splits *splits, const char *const *labels)
{
    const rubric_model *model = report_splits_model(splits);
    const group_table *rounds = report_splits_rounds(splits);
    output_format(buffer, "<figure class=\"chart\">\n<svg role=\"img\" aria-labelledby=\"rounds-trend-title\" "
                  "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n<title id=\"rounds-trend-title\">Share ",
                  TREND_WIDTH, TREND_HEIGHT, TREND_WIDTH, TREND_HEIGHT);
    report_html_text(buffer, model->levels[model->rules.good_or_better].label);
    output_text(buffer, " or better overall, round by round");
    if (model->target.declared && model->target.level == model->rules.good_or_better)
        output_format(buffer, ", against the target of %u%% (dashed)", model->target.percent);
    output_text(buffer, " (the table below gives the figures)</title>\n");
    for (int percent = 0; percent <= 100; percent += 25) {
        double y = TREND_BOTTOM - (TREND_BOTTOM - TREND_TOP) * percent / 100.0;
        output_format(buffer, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#b1b4b6\"/>"
                      "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>\n",
                      TREND_LEFT, y, TREND_RIGHT, y, TREND_LEFT - 6, y + 4, percent);
    }
    if (model->target.declared && model->target.level == model->rules.good_or_better) {
        /* The overall target, when it is about the share the line draws. */
        double y = TREND_BOTTOM - (TREND_BOTTOM - TREND_TOP) * model->target.percent / 100.0;
        output_format(buffer, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d4351c\" "
                      "stroke-width=\"2\" stroke-dasharray=\"8 4\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" "
                      "fill=\"#d4351c\">Target %u%%</text>\n", TREND_LEFT, y, TREND_RIGHT, y, TREND_RIGHT, y - 6,
                      model->target.percent);
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
        double share = report_share_good_or_better(model, group_counts(rounds, &rounds->groups[round], 0));
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
    const rubric_model *model = report_splits_model(splits);
    const group_table *rounds = report_splits_rounds(splits);
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
    target_heading(buffer, model, 0, NULL);
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
            change_cell(buffer, before ? report_share_good_or_better(model, group_counts(rounds, before, place)) : -1.0,
                        report_share_good_or_better(model, group_counts(rounds, group, place)));
            target_cell(buffer, model, place, group_counts(rounds, group, place));
        }
        output_text(buffer, "</tr>\n");
    }
    output_text(buffer, "</tbody></table></div>\n");
}

void report_splits_write_rounds(report_splits *splits, output_buffer *buffer, const char *id, const char *heading)
{
    const rubric_model *model = report_splits_model(splits);
    const report_layout *layout = report_splits_layout(splits);
    const group_table *rounds = report_splits_rounds(splits);
    report_splits_sort(splits);
    report_html_open_section(buffer, id, heading);
    output_text(buffer, layout->rounds == REPORT_ROUNDS_BY_INPUT
                            ? "<p>Each round is the audits of the file given for it, in the order given"
                        : layout->rounds == REPORT_ROUNDS_MONTH ? "<p>Each round is a month of the audits' dates"
                                                                : "<p>Each round is a calendar quarter of the "
                                                                  "audits' dates (Q1 is January to March)");
    if (report_splits_undated(splits))
        output_format(buffer, "; %lu audit%s without a date %s in no round", report_splits_undated(splits),
                      report_splits_undated(splits) == 1 ? "" : "s", report_splits_undated(splits) == 1 ? "is" : "are");
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
        report_round_label(&labels, layout->rounds, rounds->groups[round].value);
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

/* A round's label, escaped for the page. */
static void round_label_text(output_buffer *buffer, report_rounds rounds, const char *value)
{
    output_buffer label = {0};
    report_round_label(&label, rounds, value);
    buffer->out_of_memory |= label.out_of_memory;
    if (!label.out_of_memory)
        report_html_text(buffer, label.text);
    output_buffer_free(&label);
}

int report_splits_write_change(report_splits *splits, output_buffer *buffer)
{
    const rubric_model *model = report_splits_model(splits);
    const group_table *rounds = report_splits_rounds(splits);
    report_splits_sort(splits);
    int last = -1, before = -1;
    for (int round = (int)rounds->count - 1; round >= 0 && before < 0; round--)
        if (report_share_good_or_better(model, group_counts(rounds, &rounds->groups[round], 0)) >= 0) {
            if (last < 0)
                last = round;
            else
                before = round;
        }
    if (before < 0)
        return 0;
    double now = report_share_good_or_better(model, group_counts(rounds, &rounds->groups[last], 0));
    double then = report_share_good_or_better(model, group_counts(rounds, &rounds->groups[before], 0));
    char now_text[16], then_text[16], change_text[16];
    snprintf(now_text, sizeof now_text, "%.1f", now);
    snprintf(then_text, sizeof then_text, "%.1f", then);
    snprintf(change_text, sizeof change_text, "%.1f", fabs(now - then));
    output_text(buffer, "In ");
    round_label_text(buffer, report_splits_layout(splits)->rounds, rounds->groups[last].value);
    output_format(buffer, ", %s%% were ", now_text);
    report_html_text(buffer, model->levels[model->rules.good_or_better].label);
    output_text(buffer, " or better overall, ");
    if (strcmp(change_text, "0.0") == 0)
        output_text(buffer, "no change");
    else
        output_format(buffer, "%s %s percentage points", now > then ? "up" : "down", change_text);
    output_format(buffer, " from %s%% in ", then_text);
    round_label_text(buffer, report_splits_layout(splits)->rounds, rounds->groups[before].value);
    output_text(buffer, ".");
    return 1;
}
