/*
 * results_xlsx_splits.c — the results workbook's sheets by group and by
 * round (see results_xlsx_splits.h), the report page's parts "Results by
 * FIELD" and "Rounds compared" as tables a manager can sort and chart.
 *
 *   By FIELD  (one per --group-by field) the share good or better of each
 *             group, overall and by section, as the page's table: a group
 *             of fewer audits than --suppress-below keeps its row, "fewer
 *             than N" and "withheld" in place of its figures; then the
 *             overall grades counted per group shown, the data of the
 *             chart beside them (a bar per group, split by grade). Withheld
 *             groups are in neither: small numbers can identify children
 *             and staff.
 *   Rounds    the share good or better of each round, overall and by
 *             section, each with its change in percentage points from
 *             the round before; then the overall grades counted per round.
 *             Two charts: the overall share round by round (a line, a gap
 *             where a round has no graded audit) and the grades by round.
 *
 * Shares are numbers (a fraction shown as a percentage), so a manager can
 * sort and chart them; a share with nothing graded is an empty cell. The
 * workbook is written in libxlsxwriter's constant memory mode, so each
 * sheet is written row by row, top to bottom.
 */
#if defined(RUBRIC_NO_XLSX_WRITE)

typedef int results_xlsx_splits_not_built;   /* no workbook is written in this build */

#else

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results_xlsx_splits.h"

/* The sheet being written and the formats its cells take. */
typedef struct sheet_writer {
    lxw_worksheet *sheet;
    char name[LXW_MAX_SHEETNAME_LENGTH];      /* for the charts' ranges */
    lxw_format *header;
    lxw_format *share;                         /* a fraction shown as "62.5%" */
    lxw_format *change;                        /* percentage points shown as "+4.2" */
    int failed;
} sheet_writer;

static void check(sheet_writer *writer, lxw_error error)
{
    if (error != LXW_NO_ERROR)
        writer->failed = 1;
}

static void put_text(sheet_writer *writer, lxw_row_t row, lxw_col_t column, const char *text, lxw_format *format)
{
    if (text && text[0])
        check(writer, worksheet_write_string(writer->sheet, row, column, text, format));
}

static void put_number(sheet_writer *writer, lxw_row_t row, lxw_col_t column, double number, lxw_format *format)
{
    check(writer, worksheet_write_number(writer->sheet, row, column, number, format));
}

/* The share good or better of COUNTS, or an empty cell when none is graded. */
static void put_share(sheet_writer *writer, lxw_row_t row, lxw_col_t column, const rubric_model *model,
                      const unsigned long *counts)
{
    double share = report_share_good_or_better(model, counts);
    if (share >= 0)
        put_number(writer, row, column, share / 100.0, writer->share);
}

/* The number of sections with grades (checklists have none). */
static unsigned graded_section_count(const rubric_model *model)
{
    unsigned count = 0;
    for (unsigned section = 0; section < model->section_count; section++)
        count += rubric_section_answer_set(model, section) < 0;
    return count;
}

/* A section's heading, as the page has it: its number and title (or id),
 * then SUFFIX. */
static void section_heading(const rubric_model *model, unsigned section, const char *suffix, char *text, size_t size)
{
    const rubric_section *shown = &model->sections[section];
    snprintf(text, size, "%s%s%s%s", shown->number ? shown->number : "", shown->number ? " " : "",
             shown->title ? shown->title : shown->id, suffix);
}

/* The header row of a table of shares: LABEL (the group or the round),
 * Audits, Overall and each graded section, each share followed by its
 * change since the row before when WITH_CHANGE (the rounds). */
static void shares_header(sheet_writer *writer, const rubric_model *model, lxw_row_t row, const char *label,
                          int with_change)
{
    char text[600];
    put_text(writer, row, 0, label, writer->header);
    put_text(writer, row, 1, "Audits", writer->header);
    put_text(writer, row, 2, "Overall", writer->header);
    lxw_col_t at = 3;
    if (with_change)
        put_text(writer, row, at++, "Overall: change", writer->header);
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0) {
            section_heading(model, section, "", text, sizeof text);
            put_text(writer, row, at++, text, writer->header);
            if (with_change) {
                section_heading(model, section, ": change", text, sizeof text);
                put_text(writer, row, at++, text, writer->header);
            }
        }
}

/* A level's heading in the counts tables: "G Good", or "NA". */
static void level_heading(const rubric_model *model, unsigned level, char *text, size_t size)
{
    if (level < model->level_count)
        snprintf(text, size, "%s %s", model->levels[level].code, model->levels[level].label);
    else
        snprintf(text, size, "NA");
}

/* A caption in bold and, below it, the header of a counts table: LABEL,
 * then a column per level and NA. */
static void counts_header(sheet_writer *writer, const rubric_model *model, lxw_row_t row, const char *caption,
                          const char *label)
{
    char heading[160];
    put_text(writer, row, 0, caption, writer->header);
    put_text(writer, row + 1, 0, label, writer->header);
    for (unsigned level = 0; level <= model->level_count; level++) {
        level_heading(model, level, heading, sizeof heading);
        put_text(writer, row + 1, (lxw_col_t)(1 + level), heading, writer->header);
    }
}

/* A row of a counts table: LABEL, then COUNTS (one per level, then NA). */
static void counts_row(sheet_writer *writer, const rubric_model *model, lxw_row_t row, const char *label,
                       const unsigned long *counts)
{
    put_text(writer, row, 0, label, NULL);
    for (unsigned level = 0; level <= model->level_count; level++)
        put_number(writer, row, (lxw_col_t)(1 + level), (double)counts[level], NULL);
}

/* A chart of the counts table whose header is at HEADER_ROW and rows follow
 * for COUNT rows: a bar per row, split by grade in proportion, at ROW,
 * COLUMN. */
static void distribution_chart(lxw_workbook *workbook, sheet_writer *writer, const rubric_model *model,
                               lxw_row_t header_row, unsigned count, const char *title, lxw_row_t row,
                               lxw_col_t column)
{
    lxw_chart *chart = workbook_add_chart(workbook, LXW_CHART_BAR_STACKED_PERCENT);
    if (chart == NULL) {
        writer->failed = 1;
        return;
    }
    lxw_row_t first = header_row + 1, last = header_row + count;
    for (unsigned level = 0; level <= model->level_count; level++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (series == NULL) {
            writer->failed = 1;
            return;
        }
        chart_series_set_categories(series, writer->name, first, 0, last, 0);
        chart_series_set_values(series, writer->name, first, (lxw_col_t)(1 + level), last, (lxw_col_t)(1 + level));
        chart_series_set_name_range(series, writer->name, header_row, (lxw_col_t)(1 + level));
    }
    chart_title_set_name(chart, title);
    chart_axis_set_reverse(chart->y_axis);       /* the first row at the top, as in the table */
    check(writer, worksheet_insert_chart(writer->sheet, row, column, chart));
}

/* A new sheet named NAME, or "By field INDEX" when Excel would refuse NAME
 * (a name already taken, say): its characters []:*?/\ become '_' and it is
 * cut to Excel's 31 characters. */
static int add_sheet(lxw_workbook *workbook, sheet_writer *writer, const char *name, unsigned index)
{
    size_t length = 0;
    unsigned characters = 0;
    for (const unsigned char *at = (const unsigned char *)name; *at && length + 1 < sizeof writer->name; at++) {
        int starts = (*at & 0xC0) != 0x80;          /* not inside a UTF-8 sequence */
        if (starts && characters == LXW_SHEETNAME_MAX)
            break;
        characters += starts;
        writer->name[length++] = strchr("[]:*?/\\", *at) ? '_' : (char)*at;
    }
    writer->name[length] = '\0';
    if (workbook_validate_sheet_name(workbook, writer->name) != LXW_NO_ERROR)
        snprintf(writer->name, sizeof writer->name, "By field %u", index + 1);
    writer->sheet = workbook_add_worksheet(workbook, writer->name);
    if (writer->sheet == NULL)
        return 0;
    worksheet_set_column(writer->sheet, 0, 0, 28, NULL);
    return 1;
}

/* One grouping's sheet. */
static void write_grouping(lxw_workbook *workbook, sheet_writer *writer, const report_splits *splits, unsigned index)
{
    const rubric_model *model = report_splits_model(splits);
    const report_layout *layout = report_splits_layout(splits);
    const group_table *table = report_splits_grouping(splits, index);
    const char *words = report_splits_grouping_name(splits, index);
    const char *column = report_splits_grouping_column(splits, index);
    const char *good = model->levels[model->rules.good_or_better].label;
    char text[600];
    snprintf(text, sizeof text, "By %s", words);
    if (!add_sheet(workbook, writer, text, index)) {
        writer->failed = 1;
        return;
    }
    unsigned long given = 0, audits = 0;
    unsigned shown = 0;
    for (unsigned place = 0; place < table->count; place++) {
        const report_group *group = &table->groups[place];
        audits += group->audits;
        given += group->value ? group->audits : 0;
        shown += group->audits > 0 && !report_group_withheld(layout, group);
    }
    snprintf(text, sizeof text, "Results by %s", words);
    put_text(writer, 0, 0, text, writer->header);
    snprintf(text, sizeof text, "Each graded audit counted under its %s (%s %s): %lu of %lu audit%s %s a value.",
             words, report_splits_grouping_is_fact(splits, index) ? "the case fact" : "the audits' field",
             layout->group_by[index], given, audits, audits == 1 ? "" : "s", given == 1 ? "gives" : "give");
    put_text(writer, 1, 0, text, NULL);
    if (layout->suppress_below > 1) {
        snprintf(text, sizeof text, "Groups of fewer than %u audits show \xE2\x80\x9C" "fewer than %u\xE2\x80\x9D "
                 "and their figures are withheld, here and in the chart: small numbers can identify children "
                 "and staff.", layout->suppress_below, layout->suppress_below);
        put_text(writer, 2, 0, text, NULL);
    }
    if (given == 0 && audits > 0) {
        snprintf(text, sizeof text, "No audit gives %s: check the field's name against the audits' columns or "
                 "members.", layout->group_by[index]);
        put_text(writer, 3, 0, text, NULL);
    }

    /* the shares, as the page's table */
    lxw_row_t row = 4;
    snprintf(text, sizeof text, "Share %s or better by %s, overall and by section", good, words);
    put_text(writer, row++, 0, text, writer->header);
    shares_header(writer, model, row++, column, 0);
    for (unsigned place = 0; place < table->count; place++, row++) {
        const report_group *group = &table->groups[place];
        put_text(writer, row, 0, report_group_label(group), NULL);
        if (report_group_withheld(layout, group)) {
            snprintf(text, sizeof text, "fewer than %u", layout->suppress_below);
            put_text(writer, row, 1, text, NULL);
            put_text(writer, row, 2, "withheld", NULL);
            continue;
        }
        put_number(writer, row, 1, (double)group->audits, NULL);
        put_share(writer, row, 2, model, group_counts(table, group, 0));
        lxw_col_t at = 3;
        for (unsigned section = 0; section < model->section_count; section++)
            if (rubric_section_answer_set(model, section) < 0)
                put_share(writer, row, at++, model, group_counts(table, group, section + 1));
    }

    /* the overall grades of the groups shown: the chart's data */
    row++;
    snprintf(text, sizeof text, "Overall grades by %s", words);
    if (shown == 0) {
        if (audits > 0)
            put_text(writer, row, 0, "Every group is too small to show, so there is no chart.", NULL);
        return;
    }
    lxw_row_t header_row = row + 1;
    counts_header(writer, model, row, text, column);
    row = header_row + 1;
    for (unsigned place = 0; place < table->count; place++) {
        const report_group *group = &table->groups[place];
        if (group->audits > 0 && !report_group_withheld(layout, group))
            counts_row(writer, model, row++, report_group_label(group), group_counts(table, group, 0));
    }
    unsigned width = graded_section_count(model) + 3;
    if (width < model->level_count + 2)
        width = model->level_count + 2;
    distribution_chart(workbook, writer, model, header_row, shown, text, 4, (lxw_col_t)(width + 1));
}

/* The rounds' sheet. */
static void write_rounds(lxw_workbook *workbook, sheet_writer *writer, const report_splits *splits)
{
    const rubric_model *model = report_splits_model(splits);
    const report_layout *layout = report_splits_layout(splits);
    const group_table *rounds = report_splits_rounds(splits);
    const char *good = model->levels[model->rules.good_or_better].label;
    unsigned long undated = report_splits_undated(splits);
    char text[600];
    if (!add_sheet(workbook, writer, "Rounds", REPORT_GROUP_BY_MAX)) {
        writer->failed = 1;
        return;
    }
    put_text(writer, 0, 0, "Rounds compared", writer->header);
    int used = snprintf(text, sizeof text, "%s",
                        layout->rounds == REPORT_ROUNDS_BY_INPUT ? "Each round is the audits of the file given "
                                                                   "for it, in the order given"
                        : layout->rounds == REPORT_ROUNDS_MONTH ? "Each round is a month of the audits' dates"
                                                                : "Each round is a calendar quarter of the audits' "
                                                                  "dates (Q1 is January to March)");
    if (undated && used > 0 && (size_t)used < sizeof text)
        used += snprintf(text + used, sizeof text - (size_t)used, "; %lu audit%s without a date %s in no round",
                         undated, undated == 1 ? "" : "s", undated == 1 ? "is" : "are");
    if (used > 0 && (size_t)used < sizeof text)
        snprintf(text + used, sizeof text - (size_t)used, ". The change is in percentage points from the round "
                 "before.");
    put_text(writer, 1, 0, text, NULL);
    if (rounds->count == 0) {
        put_text(writer, 3, 0, "No round has a graded audit.", NULL);
        return;
    }
    output_buffer labels = {0};
    size_t *label_at = calloc(rounds->count, sizeof *label_at);
    for (unsigned round = 0; label_at && round < rounds->count; round++) {
        label_at[round] = labels.length;
        report_round_label(&labels, layout->rounds, rounds->groups[round].value);
        output_bytes(&labels, "", 1);
    }
    if (label_at == NULL || labels.out_of_memory) {
        writer->failed = 1;
        goto done;
    }

    /* the shares and their changes, as the page's table */
    lxw_row_t row = 3;
    snprintf(text, sizeof text, "Share %s or better by round, with the change in percentage points", good);
    put_text(writer, row++, 0, text, writer->header);
    shares_header(writer, model, row, "Round", 1);
    lxw_row_t shares_top = ++row;
    for (unsigned round = 0; round < rounds->count; round++, row++) {
        const report_group *group = &rounds->groups[round];
        const report_group *before = round ? &rounds->groups[round - 1] : NULL;
        put_text(writer, row, 0, labels.text + label_at[round], NULL);
        put_number(writer, row, 1, (double)group->audits, NULL);
        lxw_col_t at = 2;
        for (unsigned place = 0; place <= model->section_count; place++) {
            if (place > 0 && rubric_section_answer_set(model, place - 1) >= 0)
                continue;
            double now = report_share_good_or_better(model, group_counts(rounds, group, place));
            double then = before ? report_share_good_or_better(model, group_counts(rounds, before, place)) : -1.0;
            put_share(writer, row, at++, model, group_counts(rounds, group, place));
            if (now >= 0 && then >= 0)
                put_number(writer, row, at, now - then, writer->change);
            at++;
        }
    }

    /* the overall grades by round: the second chart's data */
    row++;
    lxw_row_t header_row = row + 1;
    counts_header(writer, model, row, "Overall grades by round", "Round");
    row = header_row + 1;
    for (unsigned round = 0; round < rounds->count; round++)
        counts_row(writer, model, row++, labels.text + label_at[round],
                   group_counts(rounds, &rounds->groups[round], 0));

    unsigned width = 2 * graded_section_count(model) + 4;
    if (width < model->level_count + 2)
        width = model->level_count + 2;
    lxw_chart *trend = workbook_add_chart(workbook, LXW_CHART_LINE);
    lxw_chart_series *series = trend ? chart_add_series(trend, NULL, NULL) : NULL;
    if (series == NULL) {
        writer->failed = 1;
        goto done;
    }
    chart_series_set_categories(series, writer->name, shares_top, 0, shares_top + rounds->count - 1, 0);
    chart_series_set_values(series, writer->name, shares_top, 2, shares_top + rounds->count - 1, 2);
    chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
    snprintf(text, sizeof text, "Share %s or better overall, round by round", good);
    chart_series_set_name(series, text);
    chart_title_set_name(trend, text);
    chart_legend_set_position(trend, LXW_CHART_LEGEND_NONE);
    chart_axis_set_min(trend->y_axis, 0);
    chart_axis_set_max(trend->y_axis, 1);
    chart_axis_set_num_format(trend->y_axis, "0%");
    chart_show_blanks_as(trend, LXW_CHART_BLANKS_AS_GAP);
    check(writer, worksheet_insert_chart(writer->sheet, 3, (lxw_col_t)(width + 1), trend));
    distribution_chart(workbook, writer, model, header_row, rounds->count, "Overall grades by round", 19,
                       (lxw_col_t)(width + 1));
done:
    output_buffer_free(&labels);
    free(label_at);
}

int results_xlsx_write_splits(lxw_workbook *workbook, report_splits *splits, lxw_format *header)
{
    sheet_writer writer = {.header = header};
    writer.share = workbook_add_format(workbook);
    writer.change = workbook_add_format(workbook);
    if (writer.share == NULL || writer.change == NULL)
        return 0;
    format_set_num_format(writer.share, "0.0%");
    format_set_num_format(writer.change, "+0.0;-0.0;0.0");
    report_splits_sort(splits);
    for (unsigned index = 0; !writer.failed && index < report_splits_grouping_count(splits); index++)
        write_grouping(workbook, &writer, splits, index);
    if (!writer.failed && report_splits_has_rounds(splits))
        write_rounds(workbook, &writer, splits);
    return !writer.failed;
}

#endif /* RUBRIC_NO_XLSX_WRITE */
