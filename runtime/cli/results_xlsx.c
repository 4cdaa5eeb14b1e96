/*
 * results_xlsx.c — rubric-grade's results as an Excel workbook
 * (--format xlsx -o FILE), written with libxlsxwriter (see results_xlsx.h).
 *
 * Two sheets, written as the records come (libxlsxwriter's constant
 * memory mode: a row goes to its scratch file when the next begins, so
 * 100,000 audits take no more memory than ten):
 *
 *   Results   one row per record read, in order: where it was read
 *             (input, line), case, rubric, auditor, date, case type, the
 *             rubric's declared facts, the overall grade and the rule that
 *             decided it, each section's grade and rule, each criterion's
 *             grade; a record that failed has its error instead of grades.
 *             The header row and the case column are frozen, with a
 *             filter on the header.
 *   Summary   the counts per level of the overall grade and of every
 *             section (graded records), records graded and failed, the
 *             share good or better; the rubric's targets, each with the
 *             audits that reached it and whether it is met (report_targets.h,
 *             as the summary and the report judge them); and two native
 *             Excel charts drawn from those cells: the overall distribution
 *             (columns) and each section's (stacked bars).
 *   By FIELD, Rounds   with --group-by, --round or --rounds: the report's
 *             tables by group and by round, small groups withheld, with
 *             their charts (results_xlsx_splits.c), counted as the report
 *             counts them (report_splits.h).
 *
 * Every text is written as a string cell, never as a formula, so a case
 * reference or comment "=HYPERLINK(...)" is shown as the text it is: in a
 * workbook, unlike CSV, a cell's type decides, so no apostrophe is added
 * and the text is kept exactly (csv_cell.h says how CSV does it).
 *
 * libxlsxwriter writes to a file name: a scratch file (common/
 * scratch_file.h), copied at the end into the output's stream, which
 * common/output_file.c puts in place whole or not at all. The workbook's
 * dates are fixed (no clock in the output).
 */
#include "results_xlsx.h"

#if defined(RUBRIC_NO_XLSX_WRITE)

results_book *results_book_new(const rubric_model *model, const report_layout *layout)
{
    (void)model, (void)layout;
    return NULL;
}

void results_book_free(results_book *book)
{
    (void)book;
}

int results_book_result(results_book *book, const char *input, unsigned long line, const rubric_audit *audit,
                        const rubric_result *result)
{
    (void)book, (void)input, (void)line, (void)audit, (void)result;
    return 0;
}

int results_book_error(results_book *book, const char *input, unsigned long line, const char *case_reference,
                       const char *message)
{
    (void)book, (void)input, (void)line, (void)case_reference, (void)message;
    return 0;
}

int results_book_write(results_book *book, FILE *output)
{
    (void)book, (void)output;
    return 0;
}

#else

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "report_targets.h"
#include "report_words.h"
#include "results_xlsx_splits.h"
#include "scratch_file.h"

/* The fixed columns of the Results sheet before the facts. */
static const char *const fixed_columns[] = {"input", "line", "case", "rubric", "auditor", "date", "case_type"};
enum { FIXED_COLUMNS = 7, COLUMN_CASE = 2 };

struct results_book {
    const rubric_model *model;
    scratch_file scratch;
    lxw_workbook *workbook;
    lxw_worksheet *results;
    lxw_format *header;
    lxw_row_t row;               /* the next row of Results */
    lxw_col_t error_column;      /* the error column, after the grades */
    unsigned long graded;
    unsigned long failed;
    unsigned long good_or_better;
    unsigned long *overall_counts;   /* per level, then NA */
    unsigned long *section_counts;   /* per section, per level then NA */
    unsigned long *not_graded;       /* per section, then the overall: outcomes not graded */
    int has_not_graded;              /* the rubric has "not graded when:" rules: Summary counts them */
    report_splits *splits;           /* by group and by round, or NULL */
    int failed_write;
    char rule[256];
};

/* Whether libxlsxwriter took the cell; a refusal marks the book. */
static void check(results_book *book, lxw_error error)
{
    if (error != LXW_NO_ERROR)
        book->failed_write = 1;
}

static void put_text(results_book *book, lxw_worksheet *sheet, lxw_row_t row, lxw_col_t column, const char *text,
                     lxw_format *format)
{
    if (text && text[0])
        check(book, worksheet_write_string(sheet, row, column, text, format));
}

/* A grade's code: a level's, NA, or nothing. */
static const char *grade_code(const rubric_model *model, int grade)
{
    if (grade == RUBRIC_GRADE_NOT_APPLICABLE)
        return "NA";
    if (grade >= 0 && (unsigned)grade < model->level_count)
        return model->levels[grade].code;
    return NULL;
}

/* The rule that decided an outcome, in words: "median of 2 sections,
 * tie to lower, no better than criterion child-seen". */
static const char *rule_text(results_book *book, const rubric_outcome *outcome)
{
    const rubric_model *model = book->model;
    if (outcome->not_graded) {
        /* "not graded when fewer than 2 criteria in section s2 are graded" */
        rubric_limit_describe(model, &model->rules.limits[outcome->not_graded_rule], book->rule, sizeof book->rule);
        return book->rule;
    }
    int used = snprintf(book->rule, sizeof book->rule, "%s of %u", rubric_method_name(outcome->method),
                        outcome->counted);
    if (used > 0 && outcome->decided_by_tie && (size_t)used < sizeof book->rule)
        used += snprintf(book->rule + used, sizeof book->rule - (size_t)used, ", tie to %s",
                         rubric_ties_name(outcome->ties));
    if (used > 0 && outcome->limited && (size_t)used < sizeof book->rule)
        snprintf(book->rule + used, sizeof book->rule - (size_t)used, ", no better than %s %s",
                 rubric_limit_kind_name(outcome->limit_kind),
                 outcome->limit_kind == RUBRIC_LIMIT_BY_SECTION && outcome->limit_index < model->section_count
                     ? model->sections[outcome->limit_index].id
                 : outcome->limit_index < model->criterion_count ? model->criteria[outcome->limit_index].id : "");
    return book->rule;
}

/* The Results sheet's header row. */
static void write_header(results_book *book)
{
    const rubric_model *model = book->model;
    lxw_col_t column = 0;
    for (unsigned i = 0; i < FIXED_COLUMNS; i++)
        put_text(book, book->results, 0, column++, fixed_columns[i], book->header);
    for (unsigned i = 0; i < model->fact_count; i++)
        put_text(book, book->results, 0, column++, model->facts[i].key, book->header);
    put_text(book, book->results, 0, column++, "overall", book->header);
    put_text(book, book->results, 0, column++, "overall_rule", book->header);
    char name[300];
    for (unsigned i = 0; i < model->section_count; i++) {
        snprintf(name, sizeof name, "section:%s", model->sections[i].id);
        put_text(book, book->results, 0, column++, name, book->header);
        snprintf(name, sizeof name, "section:%s:rule", model->sections[i].id);
        put_text(book, book->results, 0, column++, name, book->header);
    }
    for (unsigned i = 0; i < model->criterion_count; i++)
        put_text(book, book->results, 0, column++, model->criteria[i].id, book->header);
    book->error_column = column;
    put_text(book, book->results, 0, column, "error", book->header);
    worksheet_freeze_panes(book->results, 1, COLUMN_CASE + 1);
    worksheet_autofilter(book->results, 0, 0, 0, column);
    worksheet_set_column(book->results, 0, 0, 24, NULL);
    worksheet_set_column(book->results, COLUMN_CASE, COLUMN_CASE, 16, NULL);
    worksheet_set_column(book->results, book->error_column, book->error_column, 60, NULL);
    book->row = 1;
}

results_book *results_book_new(const rubric_model *model, const report_layout *layout)
{
    results_book *book = calloc(1, sizeof *book);
    if (book == NULL)
        return NULL;
    book->model = model;
    if (layout && (layout->group_by_count > 0 || layout->rounds != REPORT_ROUNDS_NONE) &&
        (book->splits = report_splits_new(model, layout)) == NULL) {
        free(book);
        return NULL;
    }
    book->overall_counts = calloc(model->level_count + 1, sizeof *book->overall_counts);
    book->section_counts = calloc((size_t)(model->level_count + 1) * (model->section_count ? model->section_count : 1),
                                  sizeof *book->section_counts);
    book->not_graded = calloc((size_t)model->section_count + 1, sizeof *book->not_graded);
    for (unsigned limit = 0; limit < model->rules.limit_count; limit++)
        book->has_not_graded |= model->rules.limits[limit].effect == RUBRIC_LIMIT_NOT_GRADED;
    if (book->overall_counts == NULL || book->section_counts == NULL || book->not_graded == NULL ||
        scratch_file_open(&book->scratch) != 0) {
        free(book->overall_counts);
        free(book->section_counts);
        free(book->not_graded);
        report_splits_free(book->splits);
        free(book);
        return NULL;
    }
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    book->workbook = workbook_new_opt(book->scratch.name, &options);
    book->results = book->workbook ? workbook_add_worksheet(book->workbook, "Results") : NULL;
    book->header = book->workbook ? workbook_add_format(book->workbook) : NULL;
    if (book->results == NULL || book->header == NULL) {
        results_book_free(book);
        return NULL;
    }
    format_set_bold(book->header);
    write_header(book);
    return book;
}

void results_book_free(results_book *book)
{
    if (book == NULL)
        return;
    if (book->workbook)
        workbook_close(book->workbook);     /* not written out: the scratch file goes */
    scratch_file_close(&book->scratch);
    free(book->overall_counts);
    free(book->section_counts);
    free(book->not_graded);
    report_splits_free(book->splits);
    free(book);
}

/* The columns every record has: where it was read, and the audit's own. */
static void write_record_start(results_book *book, const char *input, unsigned long line, const char *case_reference,
                               const rubric_audit *audit)
{
    put_text(book, book->results, book->row, 0, input, NULL);
    check(book, worksheet_write_number(book->results, book->row, 1, (double)line, NULL));
    put_text(book, book->results, book->row, COLUMN_CASE, case_reference, NULL);
    if (audit == NULL)
        return;
    put_text(book, book->results, book->row, 3, audit->rubric_id, NULL);
    put_text(book, book->results, book->row, 4, audit->auditor, NULL);
    put_text(book, book->results, book->row, 5, audit->date, NULL);
    put_text(book, book->results, book->row, 6, audit->case_type, NULL);
    for (unsigned i = 0; i < book->model->fact_count; i++)
        put_text(book, book->results, book->row, (lxw_col_t)(FIXED_COLUMNS + i),
                 rubric_audit_field(audit, book->model->facts[i].key), NULL);
}

int results_book_result(results_book *book, const char *input, unsigned long line, const rubric_audit *audit,
                        const rubric_result *result)
{
    const rubric_model *model = book->model;
    write_record_start(book, input, line, audit->case_reference, audit);
    lxw_col_t column = (lxw_col_t)(FIXED_COLUMNS + model->fact_count);
    put_text(book, book->results, book->row, column++,
             result->overall.not_graded ? REPORT_NOT_GRADED : grade_code(model, result->overall.grade), NULL);
    put_text(book, book->results, book->row, column++, rule_text(book, &result->overall), NULL);
    unsigned levels = model->level_count;
    int overall = result->overall.grade;
    book->not_graded[model->section_count] += result->overall.not_graded != 0;
    if (!result->overall.not_graded)
        book->overall_counts[overall == RUBRIC_GRADE_NOT_APPLICABLE ? levels : (unsigned)overall < levels
                                                                               ? (unsigned)overall : levels]++;
    if (overall >= 0 && (unsigned)overall <= model->rules.good_or_better)
        book->good_or_better++;
    for (unsigned i = 0; i < model->section_count; i++) {
        const rubric_outcome *section = &result->sections[i];
        if (rubric_section_answer_set(model, i) >= 0) {
            column += 2;
            continue;
        }
        put_text(book, book->results, book->row, column++,
                 section->not_graded ? REPORT_NOT_GRADED : grade_code(model, section->grade), NULL);
        put_text(book, book->results, book->row, column++, rule_text(book, section), NULL);
        book->not_graded[i] += section->not_graded != 0;
        int grade = section->grade;
        if (grade == RUBRIC_GRADE_NOT_APPLICABLE || (grade >= 0 && (unsigned)grade < levels))
            book->section_counts[(size_t)i * (levels + 1) + (grade < 0 ? levels : (unsigned)grade)]++;
    }
    for (unsigned i = 0; i < model->criterion_count; i++) {
        int grade = result->criterion_grades[i];
        const rubric_answer_set *set = rubric_criterion_answer_set(model, i);
        const char *code = set && grade >= 0 && (unsigned)grade < set->answer_count ? set->answers[grade].code
                                                                                    : grade_code(model, grade);
        put_text(book, book->results, book->row, column++, code, NULL);
    }
    if (book->splits && !report_splits_add(book->splits, audit, result, input))
        book->failed_write = 1;
    book->graded++;
    book->row++;
    return !book->failed_write;
}

int results_book_error(results_book *book, const char *input, unsigned long line, const char *case_reference,
                       const char *message)
{
    write_record_start(book, input, line, case_reference, NULL);
    put_text(book, book->results, book->row, book->error_column, message, NULL);
    book->failed++;
    book->row++;
    return !book->failed_write;
}

/* One target's row: whose it is, its level and share, the audits that
 * reached it of those graded, and whether that meets it (target_judge,
 * the rule every output shows). */
static void write_target_row(results_book *book, lxw_worksheet *sheet, lxw_row_t row, const char *whose,
                             const rubric_target *target, const unsigned long *counts)
{
    unsigned long reached = 0, graded = 0;
    target_outcome outcome = target_judge(book->model, target, counts, &reached, &graded);
    put_text(book, sheet, row, 0, whose, NULL);
    put_text(book, sheet, row, 1, book->model->levels[target->level].code, NULL);
    check(book, worksheet_write_number(sheet, row, 2, (double)target->percent, NULL));
    check(book, worksheet_write_number(sheet, row, 3, (double)reached, NULL));
    check(book, worksheet_write_number(sheet, row, 4, (double)graded, NULL));
    put_text(book, sheet, row, 5, target_outcome_words(outcome), NULL);
}

/* The rubric's targets against this run's counts, from row TOP, when it
 * declares any: the row after them (where the charts go). */
static lxw_row_t write_targets(results_book *book, lxw_worksheet *sheet, lxw_row_t top)
{
    const rubric_model *model = book->model;
    if (!targets_declared(model))
        return top;
    static const char *const headings[] = {"target", "level or better", "at least %", "audits reaching it",
                                           "audits graded", "met"};
    for (lxw_col_t column = 0; column < sizeof headings / sizeof headings[0]; column++)
        put_text(book, sheet, top, column, headings[column], book->header);
    lxw_row_t row = top + 1;
    if (model->target.declared)
        write_target_row(book, sheet, row++, "overall", &model->target, book->overall_counts);
    for (unsigned i = 0; i < model->section_count; i++) {
        if (!model->sections[i].target.declared)
            continue;
        char whose[300];
        snprintf(whose, sizeof whose, "section %s", model->sections[i].id);
        write_target_row(book, sheet, row++, whose, &model->sections[i].target,
                         book->section_counts + (size_t)i * (model->level_count + 1));
    }
    return row + 1;
}

/* The Summary sheet and its charts. */
static void write_summary(results_book *book)
{
    const rubric_model *model = book->model;
    lxw_worksheet *sheet = workbook_add_worksheet(book->workbook, "Summary");
    if (sheet == NULL) {
        book->failed_write = 1;
        return;
    }
    unsigned levels = model->level_count;
    put_text(book, sheet, 0, 0, "records graded", book->header);
    check(book, worksheet_write_number(sheet, 0, 1, (double)book->graded, NULL));
    put_text(book, sheet, 1, 0, "records failed", book->header);
    check(book, worksheet_write_number(sheet, 1, 1, (double)book->failed, NULL));
    put_text(book, sheet, 2, 0, "overall good or better", book->header);
    check(book, worksheet_write_number(sheet, 2, 1, (double)book->good_or_better, NULL));
    /* the distributions: a row per level (and NA), a column for overall and per graded section;
     * row by row, as the constant memory mode writes */
    lxw_row_t top = 4;
    put_text(book, sheet, top, 0, "grade", book->header);
    put_text(book, sheet, top, 1, "overall", book->header);
    lxw_col_t column = 2;
    for (unsigned i = 0; i < model->section_count; i++) {
        if (rubric_section_answer_set(model, i) >= 0)
            continue;
        char name[300];
        snprintf(name, sizeof name, "section %s", model->sections[i].id);
        put_text(book, sheet, top, column++, name, book->header);
    }
    for (unsigned level = 0; level <= levels; level++) {
        char label[160];
        if (level < levels)
            snprintf(label, sizeof label, "%s %s", model->levels[level].code, model->levels[level].label);
        else
            snprintf(label, sizeof label, "NA");
        lxw_row_t row = top + 1 + level;
        put_text(book, sheet, row, 0, label, NULL);
        check(book, worksheet_write_number(sheet, row, 1, (double)book->overall_counts[level], NULL));
        lxw_col_t at = 2;
        for (unsigned i = 0; i < model->section_count; i++)
            if (rubric_section_answer_set(model, i) < 0)
                check(book, worksheet_write_number(sheet, row, at++,
                                                   (double)book->section_counts[(size_t)i * (levels + 1) + level],
                                                   NULL));
    }
    worksheet_set_column(sheet, 0, 0, 28, NULL);
    lxw_row_t last = top + levels + 1;
    if (book->has_not_graded) {
        /* counted apart from the grades and NA, below them (out of the charts) */
        put_text(book, sheet, last + 1, 0, REPORT_NOT_GRADED, NULL);
        check(book, worksheet_write_number(sheet, last + 1, 1, (double)book->not_graded[model->section_count], NULL));
        lxw_col_t at = 2;
        for (unsigned i = 0; i < model->section_count; i++)
            if (rubric_section_answer_set(model, i) < 0)
                check(book, worksheet_write_number(sheet, last + 1, at++, (double)book->not_graded[i], NULL));
    }

    lxw_row_t charts_at = write_targets(book, sheet, last + (book->has_not_graded ? 3 : 2));
    lxw_chart *overall = workbook_add_chart(book->workbook, LXW_CHART_COLUMN);
    if (overall) {
        lxw_chart_series *series = chart_add_series(overall, NULL, NULL);
        chart_series_set_categories(series, "Summary", top + 1, 0, last, 0);
        chart_series_set_values(series, "Summary", top + 1, 1, last, 1);
        chart_series_set_name(series, "overall");
        chart_title_set_name(overall, "Overall grades");
        chart_legend_set_position(overall, LXW_CHART_LEGEND_NONE);
        check(book, worksheet_insert_chart(sheet, charts_at, 0, overall));
    }
    if (column > 2) {
        lxw_chart *sections = workbook_add_chart(book->workbook, LXW_CHART_BAR_STACKED);
        if (sections) {
            for (unsigned level = 0; level <= levels; level++) {
                lxw_chart_series *series = chart_add_series(sections, NULL, NULL);
                chart_series_set_categories(series, "Summary", top, 2, top, column - 1);
                chart_series_set_values(series, "Summary", top + 1 + level, 2, top + 1 + level, column - 1);
                chart_series_set_name_range(series, "Summary", top + 1 + level, 0);
            }
            chart_title_set_name(sections, "Grades by section");
            check(book, worksheet_insert_chart(sheet, charts_at, 6, sections));
        }
    }
}

int results_book_write(results_book *book, FILE *output)
{
    static char title[] = "Graded audits";
    lxw_doc_properties properties;
    memset(&properties, 0, sizeof properties);
    properties.title = title;
    properties.created = (time_t)946684800;      /* 2000-01-01T00:00:00Z: no clock in the output */
    check(book, workbook_set_properties(book->workbook, &properties));
    write_summary(book);
    if (book->splits && !results_xlsx_write_splits(book->workbook, book->splits, book->header))
        book->failed_write = 1;
    lxw_error closed = workbook_close(book->workbook);
    book->workbook = NULL;
    if (closed != LXW_NO_ERROR || book->failed_write)
        return 0;
    return scratch_file_copy(&book->scratch, output) == 0;
}

#endif /* RUBRIC_NO_XLSX_WRITE */
