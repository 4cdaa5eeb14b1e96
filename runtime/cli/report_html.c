/*
 * report_html.c — the managers' HTML page (see report_html.h). Collecting
 * keeps a count per level for each month seen and a line per escalated
 * case; writing builds the whole page in one output buffer: the header,
 * contents, then one section per view of the batch. Every distribution is
 * drawn by one chart writer (a stacked bar per row, codes written on the
 * bars, a legend) and listed by one table writer, so all charts read alike.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit_date.h"
#include "audit_support.h"
#include "output_buffer.h"
#include "report_escalations.h"
#include "report_html.h"
#include "report_html_chart.h"
#include "report_html_groups.h"
#include "report_html_moderation.h"
#include "report_html_summary.h"
#include "report_words.h"

/* A month's grades: "YYYY-MM" and a count per level, then NA. */
typedef struct month_tally {
    char month[8];
    unsigned long *counts;
} month_tally;

/* The fields that name a case's team and its social worker on the
 * escalation list: a declared fact or a field the audits carry, by key;
 * the first worker key an audit gives is its worker. */
static const char escalation_team_key[] = "team";
static const char *const escalation_worker_keys[] = {"social_worker", "worker"};

/* How many audits name one case type. */
typedef struct case_type_tally {
    char *name;
    unsigned long audits;
} case_type_tally;

struct html_report {
    const rubric_model *model;
    unsigned char *limiting;     /* per criterion: it limits a grade */
    month_tally *months;         /* in month order */
    unsigned month_count, month_capacity;
    unsigned long undated;
    escalation_spool *escalations; /* in input order, on a temporary file */
    output_buffer reasons;       /* reused: the reasons of the audit being added */
    unsigned long commented;     /* audits with evidence comments (never shown) */
    case_type_tally *case_types; /* the declared case types in order, then others as first named */
    unsigned case_type_count, case_type_capacity;
    unsigned long untyped;       /* audits naming no case type */
    unsigned long *mean_sums;    /* per section, then overall: the audits' means times 100 */
    unsigned long *mean_counts;  /* per section, then overall: audits with a mean */
    report_splits *splits;       /* by group and by round (report_html_groups.h), or NULL */
};

html_report *html_report_new(const rubric_model *model, const report_layout *layout)
{
    html_report *report = calloc(1, sizeof *report);
    if (report == NULL)
        return NULL;
    report->model = model;
    report->limiting = calloc(model->criterion_count ? model->criterion_count : 1, 1);
    report->mean_sums = calloc(model->section_count + 1, sizeof *report->mean_sums);
    report->mean_counts = calloc(model->section_count + 1, sizeof *report->mean_counts);
    report->escalations = escalation_spool_new();
    if (layout && (layout->group_by_count || layout->rounds != REPORT_ROUNDS_NONE))
        report->splits = report_splits_new(model, layout);
    if (report->limiting == NULL || report->mean_sums == NULL || report->mean_counts == NULL ||
        report->escalations == NULL ||
        (layout && (layout->group_by_count || layout->rounds != REPORT_ROUNDS_NONE) && report->splits == NULL)) {
        html_report_free(report);
        return NULL;
    }
    for (unsigned limit = 0; limit < model->rules.limit_count; limit++)
        if (model->rules.limits[limit].kind == RUBRIC_LIMIT_BY_CRITERION)
            report->limiting[model->rules.limits[limit].index] = 1;
    return report;
}

void html_report_free(html_report *report)
{
    if (report == NULL)
        return;
    for (unsigned month = 0; month < report->month_count; month++)
        free(report->months[month].counts);
    free(report->months);
    escalation_spool_free(report->escalations);
    output_buffer_free(&report->reasons);
    for (unsigned type = 0; type < report->case_type_count; type++)
        free(report->case_types[type].name);
    free(report->case_types);
    free(report->limiting);
    free(report->mean_sums);
    free(report->mean_counts);
    report_splits_free(report->splits);
    free(report);
}

/* Count an audit of case type NAME (NULL: none named); the rubric's
 * declared case types come first, in order, whether named or not. 0 when
 * out of memory. */
static int count_case_type(html_report *report, const char *name)
{
    const rubric_model *model = report->model;
    if (report->case_type_count == 0 && model->case_type_count > 0) {
        if (!audit_reserve((void **)&report->case_types, &report->case_type_capacity, model->case_type_count,
                           sizeof *report->case_types))
            return 0;
        for (unsigned type = 0; type < model->case_type_count; type++) {
            report->case_types[report->case_type_count] = (case_type_tally){strdup(model->case_types[type]), 0};
            if (report->case_types[report->case_type_count++].name == NULL)
                return 0;
        }
    }
    if (name == NULL) {
        report->untyped++;
        return 1;
    }
    unsigned type = 0;
    while (type < report->case_type_count && strcmp(report->case_types[type].name, name) != 0)
        type++;
    if (type == report->case_type_count) {
        if (!audit_reserve((void **)&report->case_types, &report->case_type_capacity, type + 1,
                           sizeof *report->case_types))
            return 0;
        report->case_types[type] = (case_type_tally){strdup(name), 0};
        if (report->case_types[type].name == NULL)
            return 0;
        report->case_type_count++;
    }
    report->case_types[type].audits++;
    return 1;
}

/* The month of DATE ("YYYY-MM" of "YYYY-MM-DD") into MONTH; 0 when there
 * is no date. The readers refuse a record whose date is not a real one,
 * and this is the same check (audit_date.h), so no date is counted in
 * the wrong month, or quietly in none, by an audit built otherwise. */
static int month_of(const char *date, char month[8])
{
    if (!audit_date_valid(date))
        return 0;
    memcpy(month, date, 7);
    month[7] = '\0';
    return 1;
}

/* Count GRADE in MONTH, keeping months in order; 0 when out of memory. */
static int count_month(html_report *report, const char month[8], int grade)
{
    const rubric_model *model = report->model;
    unsigned place = 0;
    while (place < report->month_count && strcmp(report->months[place].month, month) < 0)
        place++;
    if (place == report->month_count || strcmp(report->months[place].month, month) != 0) {
        if (!audit_reserve((void **)&report->months, &report->month_capacity, report->month_count + 1,
                           sizeof *report->months))
            return 0;
        unsigned long *counts = calloc(model->level_count + 1, sizeof *counts);
        if (counts == NULL)
            return 0;
        memmove(&report->months[place + 1], &report->months[place],
                (report->month_count - place) * sizeof *report->months);
        memcpy(report->months[place].month, month, 8);
        report->months[place].counts = counts;
        report->month_count++;
    }
    report->months[place].counts[grade >= 0 ? (unsigned)grade : model->level_count]++;
    return 1;
}

/* When a conditional limit ("no better than R when: …") lowered OUTCOME,
 * the reason in words into REASONS: "WHAT no better than R when: …". */
static void condition_reason(const rubric_model *model, const rubric_outcome *outcome, const char *what,
                             const char *number, output_buffer *reasons)
{
    if (!outcome->limited || outcome->limit_kind != RUBRIC_LIMIT_BY_CONDITION)
        return;
    char rule[512];
    rubric_limit_describe(model, &model->rules.limits[outcome->limit_rule], rule, sizeof rule);
    output_text(reasons, reasons->length ? "; " : "");
    output_format(reasons, "%s%s%s %s", what, number ? " " : "", number ? number : "", rule);
}

/* Why RESULT is escalated, into REASONS; empty when it is not: the worst
 * grade overall or on a limiting criterion, or a conditional limit that
 * lowered the overall grade or a section's. */
static void escalation_reasons(const html_report *report, const rubric_result *result, output_buffer *reasons)
{
    const rubric_model *model = report->model;
    int worst = (int)model->level_count - 1;
    if (result->overall.grade == worst)
        output_format(reasons, "overall %s", model->levels[worst].label);
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        if (!report->limiting[criterion] || result->criterion_grades[criterion] != worst)
            continue;
        const rubric_criterion *limiting = &model->criteria[criterion];
        output_text(reasons, reasons->length ? "; " : "");
        output_format(reasons, "%s on limiting criterion %s", model->levels[worst].label, limiting->id);
        if (limiting->title)
            output_format(reasons, " (%s)", limiting->title);
    }
    condition_reason(model, &result->overall, "overall", NULL, reasons);
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0)
            condition_reason(model, &result->sections[section], "section", model->sections[section].number,
                             reasons);
}

int html_report_add(html_report *report, const rubric_audit *audit, const rubric_result *result,
                    const char *input, unsigned long line)
{
    char month[8];
    report->commented += audit->comment_count > 0;
    if (!count_case_type(report, audit->case_type))
        return 0;
    if (report->splits && !report_splits_add(report->splits, audit, result, input))
        return 0;
    for (unsigned place = 0; place <= report->model->section_count; place++) {
        const rubric_outcome *outcome =
            place < report->model->section_count ? &result->sections[place] : &result->overall;
        if (outcome->has_mean && (place == report->model->section_count ||
                                  rubric_section_answer_set(report->model, place) < 0)) {
            report->mean_sums[place] += outcome->mean_hundredths;
            report->mean_counts[place]++;
        }
    }
    if (!month_of(audit->date, month))
        report->undated++;
    else if (!result->overall.not_graded && !count_month(report, month, result->overall.grade))
        return 0;
    output_buffer *reasons = &report->reasons;
    output_clear(reasons);
    escalation_reasons(report, result, reasons);
    if (reasons->out_of_memory)
        return 0;
    if (reasons->length == 0)
        return 1;
    const char *worker = NULL;
    for (size_t key = 0; worker == NULL && key < sizeof escalation_worker_keys / sizeof *escalation_worker_keys; key++)
        worker = rubric_audit_field(audit, escalation_worker_keys[key]);
    escalation kept = {audit->case_reference, rubric_audit_field(audit, escalation_team_key), worker, audit->auditor,
                       audit->date, input, line, result->overall.grade, reasons->text};
    return escalation_spool_add(report->escalations, &kept);
}

/* The page's head: title, style. */
static void page_head(output_buffer *buffer, const rubric_model *model)
{
    output_text(buffer, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Audit results: ");
    report_html_text(buffer, model->title);
    output_text(buffer, "</title>\n<style>\n"
        "body{font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;background:#fff;margin:0;line-height:1.4}\n"
        ".page{max-width:1000px;margin:0 auto;padding:16px 24px 48px;overflow-wrap:break-word}\n"
        "header{border-bottom:10px solid #1d70b8;margin-bottom:24px;padding-bottom:8px}\n"
        ".caption{color:#505a5f;font-size:1.1rem;margin:0}\n"
        "h1{font-size:2rem;margin:4px 0 12px}h2{font-size:1.5rem;margin:40px 0 12px}\n"
        "h3{font-size:1.2rem;margin:24px 0 8px}\n"
        "a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}\n"
        "nav li{margin:6px 0}\n"
        ".headline{font-size:1.25rem;font-weight:bold}\n"
        "figure.chart{margin:12px 0}\nfigure.chart svg{max-width:100%;height:auto;font-size:12px}\n"
        "svg text{fill:#0b0c0c}svg text.code{fill:#fff;font-weight:bold}svg text.code.na{fill:#0b0c0c}\n"
        "svg rect.frame{fill:#f3f2f1;stroke:#b1b4b6}\n"
        ".legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 16px}\n"
        ".swatch{display:inline-block;width:14px;height:14px;margin-right:6px;vertical-align:-2px;"
        "border:1px solid #0b0c0c}\n"
        ".table-wrap{overflow-x:auto}.table-wrap:focus{outline:3px solid #fd0}\n"
        "table{border-collapse:collapse;margin:8px 0 16px;font-size:0.95rem}\n"
        "caption{text-align:left;font-weight:bold;padding:4px 0}\n"
        "th,td{border-bottom:1px solid #b1b4b6;padding:6px 12px 6px 0;text-align:left;vertical-align:top}\n"
        "thead th{border-bottom:2px solid #0b0c0c}\n.number{text-align:right}td.number{white-space:nowrap}\n"
        ".detail{display:block;font-weight:normal;color:#505a5f;font-size:0.85rem}\n"
        "@page{size:A4;margin:15mm}\n"
        "@media print{body{font-size:10pt}.page{max-width:none;padding:0}nav{display:none}"
        "section.summary{break-after:page}h2{break-after:avoid}figure.chart,tr{break-inside:avoid}thead{display:table-header-group}"
        "a{color:#0b0c0c;text-decoration:none}.table-wrap{overflow:visible}td.number{white-space:normal}"
        "header{border-bottom-width:4px}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
        "</style>\n</head>\n");
}

/* The header: the rubric, the records, the dates covered. */
static void page_header(output_buffer *buffer, const html_report *report, const batch_summary *summary,
                        const moderation_batch *moderation)
{
    const rubric_model *model = report->model;
    unsigned long records, graded, errors;
    summary_record_counts(summary, &records, &graded, &errors);
    output_text(buffer, "<body>\n<div class=\"page\">\n<header>\n<p class=\"caption\">");
    report_html_text(buffer, model->authority);
    output_text(buffer, "</p>\n<h1>Audit results: ");
    report_html_text(buffer, model->title);
    output_text(buffer, "</h1>\n<p>Graded against rubric <code>");
    report_html_text(buffer, model->id);
    output_text(buffer, "</code>");
    if (model->version || model->effective) {
        output_text(buffer, model->version ? ", version " : ", effective ");
        report_html_text(buffer, model->version ? model->version : "");
        if (!model->version)
            report_html_text(buffer, model->effective);
    }
    output_format(buffer, ". %lu audit%s graded", graded, graded == 1 ? "" : "s");
    if (moderation)
        output_text(buffer, " (each moderated case counted once, as its auditor graded it)");
    if (errors)
        output_format(buffer, "; %lu record%s could not be graded and %s left out", errors,
                      errors == 1 ? "" : "s", errors == 1 ? "is" : "are");
    output_text(buffer, ".");
    if (report->month_count) {
        output_text(buffer, " Audits dated ");
        report_html_text(buffer, report->months[0].month);
        if (report->month_count > 1) {
            output_text(buffer, " to ");
            report_html_text(buffer, report->months[report->month_count - 1].month);
        }
        output_text(buffer, ".");
    }
    if (report->commented)
        output_format(buffer, " %lu audit%s evidence comments; comments are not shown on this page, which goes "
                              "to managers: they can name children, families and staff.",
                      report->commented, report->commented == 1 ? " carries" : "s carry");
    output_text(buffer, "</p>\n</header>\n");
}

/* The page's sections, for the contents and the headings. */
typedef enum page_part {
    PART_SUMMARY, PART_OVERALL, PART_ROUNDS, PART_GROUPS, PART_CASE_TYPES, PART_BANDS, PART_MEANS, PART_SECTIONS, PART_CRITERIA, PART_COMPLIANCE, PART_THEMES,
    PART_MONTHS, PART_AGREEMENT, PART_ESCALATIONS,
    PART_MODERATION, PART_COUNT
} page_part;

static const struct { const char *id; const char *heading; } parts[PART_COUNT] = {
    {"summary", "The round at a glance"},
    {"overall", "Overall grades"},
    {"rounds", "Rounds compared"},
    {"groups", "Results by group"},       /* one part per grouping, named by its field */
    {"case-types", "How many audits of each case type"},
    {"bands", "Grades by the rubric's bands"},
    {"means", "Mean grades"},
    {"sections", "Grades by section"},
    {"criteria", "Criteria, weakest first"},
    {"compliance", "Checklists: how often each item was met"},
    {"themes", "Grades by theme"},
    {"months", "Overall grades by month"},
    {"agreement", "Auditors' own grades against the rubric's rules"},
    {"escalations", "Cases to escalate"},
    {"moderation", "Moderation: auditors and moderators compared"},
};

/* The contents: a link to every part shown. */
static void page_contents(output_buffer *buffer, const int *shown, const report_splits *splits)
{
    output_text(buffer, "<nav aria-labelledby=\"contents-heading\">\n<h2 id=\"contents-heading\">Contents</h2>\n<ol>\n");
    for (int part = 0; part < PART_COUNT; part++)
        if (shown[part] && part == PART_GROUPS)
            report_splits_contents(splits, buffer);
        else if (shown[part])
            output_format(buffer, "<li><a href=\"#%s\">%s</a></li>\n", parts[part].id, parts[part].heading);
    output_text(buffer, "</ol>\n</nav>\n<main>\n");
}

/* Outcomes a "not graded when:" rule decided (a rubric with such rules),
 * counted apart from the grades and from NA: the overall's, then each
 * graded section's. Their counts are the summary's no-grade slot. */
static void not_graded_note(output_buffer *buffer, const rubric_model *model, const batch_summary *summary)
{
    if (!report_has_not_graded_rules(model))
        return;
    output_format(buffer, "<p>Not graded (counted apart from the grades and from not applicable): overall %lu",
                  summary_overall_view(summary).counts[model->level_count + 1]);
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0) {
            output_text(buffer, "; section ");
            report_html_text(buffer, model->sections[section].number);
            output_format(buffer, " %lu", summary_section_view(summary, section).counts[model->level_count + 1]);
        }
    output_text(buffer, ".</p>\n");
}

/* Overall: the headline share good or better, the chart and the table. */
static void part_overall(output_buffer *buffer, const rubric_model *model, const batch_summary *summary)
{
    summary_view overall = summary_overall_view(summary);
    unsigned long good, graded;
    summary_good_or_better(model, overall.counts, &good, &graded);
    report_html_open_section(buffer, parts[PART_OVERALL].id, parts[PART_OVERALL].heading);
    output_format(buffer, "<p class=\"headline\">%lu of %lu audits graded (", good, graded);
    report_html_percent(buffer, good, graded);
    output_text(buffer, ") are ");
    report_html_text(buffer, model->levels[model->rules.good_or_better].label);
    output_text(buffer, " or better overall.</p>\n");
    chart_row row = {NULL, "All audits", NULL, overall.counts};
    report_html_distribution(buffer, model, "overall-chart", "Overall grade of every audit", "Audits", &row, 1);
    not_graded_note(buffer, model, summary);
    output_text(buffer, "</section>\n");
}

/* How many audits of each case type, then those naming none. */
static void part_case_types(output_buffer *buffer, const html_report *report, const batch_summary *summary)
{
    unsigned long records, graded, errors;
    summary_record_counts(summary, &records, &graded, &errors);
    report_html_open_section(buffer, parts[PART_CASE_TYPES].id, parts[PART_CASE_TYPES].heading);
    output_text(buffer, "<p>The case type each graded audit names (its <code>case_type</code>); criteria that "
                        "apply to other case types are left out of its grades.</p>\n");
    report_html_open_table(buffer, "Audits by case type");
    output_text(buffer, "<thead><tr><th scope=\"col\">Case type</th><th scope=\"col\" class=\"number\">Audits</th>"
                        "<th scope=\"col\" class=\"number\">Share</th></tr></thead>\n<tbody>\n");
    for (unsigned type = 0; type <= report->case_type_count; type++) {
        unsigned long audits = type < report->case_type_count ? report->case_types[type].audits : report->untyped;
        output_text(buffer, "<tr><th scope=\"row\">");
        report_html_text(buffer, type < report->case_type_count ? report->case_types[type].name : "None named");
        output_format(buffer, "</th><td class=\"number\">%lu</td><td class=\"number\">", audits);
        report_html_percent(buffer, audits, graded);
        output_text(buffer, "</td></tr>\n");
    }
    output_text(buffer, "</tbody></table></div>\n</section>\n");
}

/* One row of the bands table: the audits in each band, with shares of
 * those graded (NA left out). */
static void band_row(output_buffer *buffer, const rubric_model *model, const chart_row *row)
{
    unsigned long graded = 0;
    for (unsigned level = 0; level < model->level_count; level++)
        graded += row->counts[level];
    report_html_row_heading(buffer, row);
    for (unsigned band = 0; band < model->band_count; band++) {
        unsigned long audits = 0;
        for (unsigned level = model->bands[band].best_level; level <= model->bands[band].worst_level; level++)
            audits += row->counts[level];
        output_format(buffer, "<td class=\"number\">%lu (", audits);
        report_html_percent(buffer, audits, graded);
        output_text(buffer, ")</td>");
    }
    output_format(buffer, "<td class=\"number\">%lu</td></tr>\n", row->counts[model->level_count]);
}

/* The overall grade and every graded section's, counted by band. */
static void part_bands(output_buffer *buffer, const rubric_model *model, const batch_summary *summary)
{
    report_html_open_section(buffer, parts[PART_BANDS].id, parts[PART_BANDS].heading);
    output_text(buffer, "<p>The rubric groups its grades into bands for reporting; each cell is the audits whose "
                        "grade falls in the band, with its share of those graded.</p>\n");
    report_html_open_table(buffer, "Audits in each band, overall and by section");
    output_text(buffer, "<thead><tr><th scope=\"col\">Grade</th>");
    for (unsigned band = 0; band < model->band_count; band++) {
        output_text(buffer, "<th scope=\"col\" class=\"number\">");
        report_html_text(buffer, model->bands[band].label);
        output_text(buffer, "</th>");
    }
    output_text(buffer, "<th scope=\"col\" class=\"number\">Not applicable</th></tr></thead>\n<tbody>\n");
    chart_row overall = {NULL, "Overall grade", NULL, summary_overall_view(summary).counts};
    band_row(buffer, model, &overall);
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0) {
            chart_row row = report_html_section_row(model, section, summary_section_view(summary, section).counts);
            band_row(buffer, model, &row);
        }
    output_text(buffer, "</tbody></table></div>\n</section>\n");
}

/* One row of the means table: the audits with a mean, and their mean. */
static void mean_row(output_buffer *buffer, const chart_row *row, unsigned long sum, unsigned long count)
{
    report_html_row_heading(buffer, row);
    output_format(buffer, "<td class=\"number\">%lu</td><td class=\"number\">", count);
    if (count)
        output_format(buffer, "%.2f", (double)sum / (double)count / 100.0);
    else
        output_text(buffer, "\xE2\x80\x93");
    output_text(buffer, "</td></tr>\n");
}

/* Where the overall grade or a section's is the mean of its inputs: the
 * mean over the batch of each audit's mean. */
static void part_means(output_buffer *buffer, const html_report *report)
{
    const rubric_model *model = report->model;
    report_html_open_section(buffer, parts[PART_MEANS].id, parts[PART_MEANS].heading);
    output_text(buffer, model->scores
                    ? "<p>Where the rubric grades by the mean, the mean score of the audits.</p>\n"
                    : "<p>Where the rubric grades by the mean, the audits' mean position on the scale, counting "
                      "the worst level as 1.</p>\n");
    report_html_open_table(buffer, "Mean over the audits");
    output_text(buffer, "<thead><tr><th scope=\"col\">Grade</th><th scope=\"col\" class=\"number\">Audits</th>"
                        "<th scope=\"col\" class=\"number\">Mean</th></tr></thead>\n<tbody>\n");
    if (model->rules.overall_method == RUBRIC_METHOD_MEAN) {
        chart_row overall = {NULL, "Overall grade", NULL, NULL};
        mean_row(buffer, &overall, report->mean_sums[model->section_count], report->mean_counts[model->section_count]);
    }
    for (unsigned section = 0; section < model->section_count; section++)
        if (model->sections[section].method == RUBRIC_METHOD_MEAN && rubric_section_answer_set(model, section) < 0) {
            chart_row row = report_html_section_row(model, section, NULL);
            mean_row(buffer, &row, report->mean_sums[section], report->mean_counts[section]);
        }
    output_text(buffer, "</tbody></table></div>\n</section>\n");
}

/* A weight in hundredths as the rubric writes it: "2", "1.5", "0.25". */
static void weight_text(output_buffer *buffer, unsigned hundredths)
{
    char text[RUBRIC_DECIMAL_SIZE];
    output_text(buffer, rubric_decimal_text(hundredths, 2, text));
}

/* The sections and criteria whose weight is not 1, in one sentence; nothing
 * when every weight is 1. */
static void weights_note(output_buffer *buffer, const rubric_model *model)
{
    int listed = 0;
    for (unsigned section = 0; section < model->section_count; section++)
        if (model->sections[section].weight_hundredths != 100) {
            output_text(buffer, listed++ ? "; section " : "<p>Weights other than 1: section ");
            report_html_text(buffer, model->sections[section].number ? model->sections[section].number
                                                                : model->sections[section].id);
            output_text(buffer, " \xC3\x97");
            weight_text(buffer, model->sections[section].weight_hundredths);
        }
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        if (model->criteria[criterion].weight_hundredths != 100) {
            output_text(buffer, listed++ ? "; criterion " : "<p>Weights other than 1: criterion ");
            report_html_text(buffer, model->criteria[criterion].id);
            output_text(buffer, " \xC3\x97");
            weight_text(buffer, model->criteria[criterion].weight_hundredths);
        }
    if (listed)
        output_text(buffer, ".</p>\n");
}

/* Every graded section's grades (a checklist section has none). */
static int part_sections(output_buffer *buffer, const rubric_model *model, const batch_summary *summary)
{
    chart_row *rows = calloc(model->section_count, sizeof *rows);
    unsigned row_count = 0;
    if (rows == NULL)
        return 0;
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0)
            rows[row_count++] = report_html_section_row(model, section, summary_section_view(summary, section).counts);
    report_html_open_section(buffer, parts[PART_SECTIONS].id, parts[PART_SECTIONS].heading);
    output_text(buffer, "<p>Each section's grade as the rubric's rules give it, audit by audit.</p>\n");
    weights_note(buffer, model);
    report_html_distribution(buffer, model, "sections-chart", "Section grades", "Section", rows, row_count);
    output_text(buffer, "</section>\n");
    free(rows);
    return 1;
}

/* Weakness of a criterion's counts: its share good or better (none graded
 * is strongest), then its share at the worst level. */
typedef struct weakness {
    unsigned criterion;
    double good_share;
    double worst_share;
} weakness;

static int compare_weakness(const void *left, const void *right)
{
    const weakness *a = left, *b = right;
    if (a->good_share != b->good_share)
        return a->good_share < b->good_share ? -1 : 1;
    if (a->worst_share != b->worst_share)
        return a->worst_share > b->worst_share ? -1 : 1;
    return a->criterion < b->criterion ? -1 : a->criterion > b->criterion;
}

/* Every criterion's grades, the weakest first. */
static int part_criteria(output_buffer *buffer, const rubric_model *model, const batch_summary *summary)
{
    weakness *order = calloc(model->criterion_count, sizeof *order);
    chart_row *rows = calloc(model->criterion_count, sizeof *rows);
    if (order == NULL || rows == NULL) {
        free(order);
        free(rows);
        return 0;
    }
    unsigned row_count = 0;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        if (rubric_criterion_answer_set(model, criterion))
            continue;   /* a checklist answer is no grade */
        const unsigned long *counts = summary_criterion_view(summary, criterion).counts;
        unsigned long good, graded;
        summary_good_or_better(model, counts, &good, &graded);
        weakness *entry = &order[row_count++];
        entry->criterion = criterion;
        entry->good_share = graded ? (double)good / (double)graded : 2.0;
        entry->worst_share = graded ? (double)counts[model->level_count - 1] / (double)graded : 0.0;
    }
    qsort(order, row_count, sizeof *order, compare_weakness);
    for (unsigned index = 0; index < row_count; index++) {
        const rubric_criterion *criterion = &model->criteria[order[index].criterion];
        rows[index] = (chart_row){model->sections[criterion->section].number,
                                  criterion->title ? criterion->title : criterion->id,
                                  criterion->title ? criterion->id : NULL,
                                  summary_criterion_view(summary, order[index].criterion).counts};
    }
    report_html_open_section(buffer, parts[PART_CRITERIA].id, parts[PART_CRITERIA].heading);
    output_text(buffer, "<p>Every criterion, the lowest share ");
    report_html_text(buffer, model->levels[model->rules.good_or_better].label);
    output_text(buffer, " or better first (then the highest share ");
    report_html_text(buffer, model->levels[model->level_count - 1].label);
    output_text(buffer, "); each row starts with its section's number.</p>\n");
    report_html_distribution(buffer, model, "criteria-chart", "Criterion grades, weakest first", "Criterion", rows,
                             row_count);
    output_text(buffer, "</section>\n");
    free(order);
    free(rows);
    return 1;
}

/* A checklist item's place in its table: the share met (none applicable
 * last), then the rubric's order. */
typedef struct compliance {
    unsigned criterion;
    double met_share;
} compliance;

static int compare_compliance(const void *left, const void *right)
{
    const compliance *a = left, *b = right;
    if (a->met_share != b->met_share)
        return a->met_share < b->met_share ? -1 : 1;
    return a->criterion < b->criterion ? -1 : a->criterion > b->criterion;
}

/* One row of a compliance table: met, applicable and the percentage met. */
static void compliance_row(output_buffer *buffer, const chart_row *row, const rubric_checklist_count *count)
{
    report_html_row_heading(buffer, row);
    output_format(buffer, "<td class=\"number\">%u</td><td class=\"number\">%u</td><td class=\"number\">",
                  count->met, count->applicable);
    report_html_percent(buffer, count->met, count->applicable);
    output_text(buffer, "</td></tr>\n");
}

/* Checklist sections as compliance: each section's answers met of
 * applicable across the batch, then its items, least often met first. */
static int part_compliance(output_buffer *buffer, const rubric_model *model, const batch_summary *summary)
{
    compliance *order = calloc(model->criterion_count, sizeof *order);
    if (order == NULL)
        return 0;
    report_html_open_section(buffer, parts[PART_COMPLIANCE].id, parts[PART_COMPLIANCE].heading);
    output_text(buffer, "<p>Checklist items are answered, not graded: each counts where it applied to the case "
                        "(a not-applicable answer is left out). A section's first row totals its items; the items "
                        "follow, the least often met first.</p>\n");
    for (unsigned section = 0; section < model->section_count; section++) {
        if (rubric_section_answer_set(model, section) < 0)
            continue;
        const rubric_section *entry = &model->sections[section];
        for (unsigned member = 0; member < entry->criterion_count; member++) {
            unsigned criterion = entry->first_criterion + member;
            const rubric_checklist_count *count = summary_checklist_criterion(summary, criterion);
            order[member] = (compliance){criterion, count->applicable ? (double)count->met / (double)count->applicable : 2.0};
        }
        qsort(order, entry->criterion_count, sizeof *order, compare_compliance);
        chart_row heading = report_html_section_row(model, section, NULL);
        output_buffer caption = {0};
        output_format(&caption, "%s%s%s: answers met", entry->number ? entry->number : "", entry->number ? " " : "",
                      heading.label);
        report_html_open_table(buffer, caption.out_of_memory ? heading.label : caption.text);
        buffer->out_of_memory |= caption.out_of_memory;
        output_buffer_free(&caption);
        output_text(buffer, "<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Met</th>"
                            "<th scope=\"col\">Applicable</th><th scope=\"col\">Met (%)</th></tr></thead>\n<tbody>\n");
        chart_row total = {NULL, "All items", NULL, NULL};
        compliance_row(buffer, &total, summary_checklist_section(summary, section));
        for (unsigned index = 0; index < entry->criterion_count; index++) {
            const rubric_criterion *criterion = &model->criteria[order[index].criterion];
            chart_row row = {NULL, criterion->title ? criterion->title : criterion->id,
                             criterion->title ? criterion->id : NULL, NULL};
            compliance_row(buffer, &row, summary_checklist_criterion(summary, order[index].criterion));
        }
        output_text(buffer, "</tbody></table></div>\n");
    }
    output_text(buffer, "</section>\n");
    free(order);
    return 1;
}

/* Whether CRITERION carries THEME. */
static int has_theme(const rubric_criterion *criterion, const char *theme)
{
    for (unsigned index = 0; index < criterion->theme_count; index++)
        if (strcmp(criterion->themes[index], theme) == 0)
            return 1;
    return 0;
}

/* The criterion grades of each theme of the shared vocabulary, summed over
 * the criteria that carry it. */
static int part_themes(output_buffer *buffer, const rubric_model *model, const batch_summary *summary)
{
    unsigned width = model->level_count + 1;
    chart_row *rows = calloc(model->theme_count, sizeof *rows);
    unsigned long *counts = calloc((size_t)model->theme_count * width, sizeof *counts);
    output_buffer details = {0};
    size_t *detail_at = calloc(model->theme_count, sizeof *detail_at);
    if (rows == NULL || counts == NULL || detail_at == NULL) {
        free(rows);
        free(counts);
        free(detail_at);
        return 0;
    }
    for (unsigned theme = 0; theme < model->theme_count; theme++) {
        unsigned carried = 0;
        for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
            if (!has_theme(&model->criteria[criterion], model->themes[theme].id))
                continue;
            carried++;
            const unsigned long *criterion_counts = summary_criterion_view(summary, criterion).counts;
            for (unsigned level = 0; level < width; level++)
                counts[(size_t)theme * width + level] += criterion_counts[level];
        }
        detail_at[theme] = details.length;
        output_format(&details, "%u criteri%s", carried, carried == 1 ? "on" : "a");
        output_bytes(&details, "", 1);
    }
    int made = !details.out_of_memory;
    for (unsigned theme = 0; made && theme < model->theme_count; theme++)
        rows[theme] = (chart_row){NULL, model->themes[theme].label, details.text + detail_at[theme],
                                  counts + (size_t)theme * width};
    if (made) {
        report_html_open_section(buffer, parts[PART_THEMES].id, parts[PART_THEMES].heading);
        output_text(buffer, "<p>Criterion grades gathered by the themes of the shared vocabulary, so that "
                            "authorities' results line up; a criterion counts under each of its themes.</p>\n");
        report_html_distribution(buffer, model, "themes-chart", "Criterion grades by theme", "Theme", rows,
                                 model->theme_count);
        output_text(buffer, "</section>\n");
    }
    output_buffer_free(&details);
    free(rows);
    free(counts);
    free(detail_at);
    return made;
}

static const char *const month_names[12] = {"January", "February", "March", "April", "May", "June",
                                            "July", "August", "September", "October", "November", "December"};

/* The overall grades month by month. */
static int part_months(output_buffer *buffer, const html_report *report)
{
    const rubric_model *model = report->model;
    chart_row *rows = calloc(report->month_count, sizeof *rows);
    output_buffer labels = {0};
    size_t *label_at = calloc(report->month_count, sizeof *label_at);
    int made = rows && label_at;
    for (unsigned month = 0; made && month < report->month_count; month++) {
        const char *text = report->months[month].month;
        label_at[month] = labels.length;
        output_format(&labels, "%s %.4s", month_names[(text[5] - '0') * 10 + (text[6] - '0') - 1], text);
        output_bytes(&labels, "", 1);
    }
    made = made && !labels.out_of_memory;
    for (unsigned month = 0; made && month < report->month_count; month++)
        rows[month] = (chart_row){NULL, labels.text + label_at[month], NULL, report->months[month].counts};
    if (made) {
        report_html_open_section(buffer, parts[PART_MONTHS].id, parts[PART_MONTHS].heading);
        output_text(buffer, "<p>By the month of each audit's date");
        if (report->undated)
            output_format(buffer, "; %lu audit%s without a date %s left out", report->undated,
                          report->undated == 1 ? "" : "s", report->undated == 1 ? "is" : "are");
        output_text(buffer, ".</p>\n");
        report_html_distribution(buffer, model, "months-chart", "Overall grades by month", "Month", rows,
                                 report->month_count);
        output_text(buffer, "</section>\n");
    }
    output_buffer_free(&labels);
    free(rows);
    free(label_at);
    return made;
}

/* One agreement row: compared, agreed, share. */
static void agreement_row(output_buffer *buffer, const char *number, const char *label, summary_view view)
{
    chart_row row = {number, label, NULL, NULL};
    output_text(buffer, "<tr><th scope=\"row\">");
    report_html_row_label(buffer, &row, 0);
    output_format(buffer, "</th><td class=\"number\">%lu</td><td class=\"number\">%lu</td><td class=\"number\">",
                  view.compared, view.agreed);
    report_html_percent(buffer, view.agreed, view.compared);
    output_text(buffer, "</td></tr>\n");
}

/* How often the auditors' own grades match the rubric's rules. */
static void part_agreement(output_buffer *buffer, const rubric_model *model, const batch_summary *summary)
{
    report_html_open_section(buffer, parts[PART_AGREEMENT].id, parts[PART_AGREEMENT].heading);
    summary_view overall = summary_overall_view(summary);
    unsigned long compared = overall.compared;
    for (unsigned section = 0; section < model->section_count; section++)
        compared += summary_section_view(summary, section).compared;
    if (compared == 0) {
        output_text(buffer, "<p>No audit carried the auditor's own overall or section grades.</p>\n</section>\n");
        return;
    }
    output_text(buffer, "<p>Where an audit carries the auditor's own grade for a section or overall, how often "
                        "it is the grade the rubric's rules give.</p>\n");
    report_html_open_table(buffer, "Auditors' own grades that match the rules");
    output_text(buffer, "<thead><tr>"
                        "<th scope=\"col\">Grade</th><th scope=\"col\" class=\"number\">Compared</th>"
                        "<th scope=\"col\" class=\"number\">Agreed</th><th scope=\"col\" class=\"number\">Share"
                        "</th></tr></thead>\n<tbody>\n");
    agreement_row(buffer, NULL, "Overall", overall);
    for (unsigned section = 0; section < model->section_count; section++) {
        chart_row row = report_html_section_row(model, section, NULL);
        agreement_row(buffer, row.number, row.label, summary_section_view(summary, section));
    }
    output_text(buffer, "</tbody></table></div>\n</section>\n");
}

/* The page is written out whenever its buffer holds this much, so that a
 * long escalation list never sits in memory whole. */
enum { PAGE_FLUSH_BYTES = 1 << 16 };

/* The escalation list, read back from its file; rows are written to
 * OUTPUT as they are made. 0 when the list cannot be read or the page
 * written. */
static int part_escalations(output_buffer *buffer, const html_report *report, FILE *output)
{
    const rubric_model *model = report->model;
    const char *worst = model->levels[model->level_count - 1].label;
    report_html_open_section(buffer, parts[PART_ESCALATIONS].id, parts[PART_ESCALATIONS].heading);
    output_text(buffer, "<p>Cases graded ");
    report_html_text(buffer, worst);
    output_text(buffer, " overall, or ");
    report_html_text(buffer, worst);
    output_text(buffer, " on a criterion that limits a section or the overall grade");
    int has_conditions = 0;
    for (unsigned limit = 0; limit < model->rules.limit_count; limit++)
        has_conditions |= model->rules.limits[limit].kind == RUBRIC_LIMIT_BY_CONDITION;
    if (has_conditions)
        output_text(buffer, ", and cases whose overall or section grade a conditional rule of the rubric "
                            "(\xE2\x80\x9Cno better than \xE2\x80\xA6 when: \xE2\x80\xA6\xE2\x80\x9D) lowered, "
                            "the rule given in words");
    output_text(buffer, ".</p>\n");
    unsigned long count = escalation_spool_count(report->escalations);
    if (count == 0) {
        output_text(buffer, "<p>No case to escalate.</p>\n</section>\n");
        return 1;
    }
    int has_team = escalation_spool_has_team(report->escalations);
    int has_worker = escalation_spool_has_worker(report->escalations);
    if (has_team || has_worker)
        output_text(buffer, "<p>Team and social worker as the audits give them: the case fact or field "
                            "<code>team</code>, and <code>social_worker</code> (or else <code>worker</code>).</p>\n");
    char caption[64];
    snprintf(caption, sizeof caption, "%lu case%s to escalate", count, count == 1 ? "" : "s");
    report_html_open_table(buffer, caption);
    output_text(buffer, "<thead><tr><th scope=\"col\">Case</th>");
    if (has_team)
        output_text(buffer, "<th scope=\"col\">Team</th>");
    if (has_worker)
        output_text(buffer, "<th scope=\"col\">Social worker</th>");
    output_text(buffer, "<th scope=\"col\">Auditor</th><th scope=\"col\">Date</th>"
                  "<th scope=\"col\">Overall</th><th scope=\"col\">Why</th><th scope=\"col\">Record</th></tr></thead>\n"
                  "<tbody>\n");
    if (!escalation_spool_rewind(report->escalations))
        return 0;
    escalation read;
    int status;
    while ((status = escalation_spool_next(report->escalations, &read)) > 0) {
        const escalation *kept = &read;
        output_text(buffer, "<tr><th scope=\"row\">");
        report_html_text(buffer, kept->case_reference ? kept->case_reference : "");
        output_text(buffer, "</th><td>");
        if (has_team) {
            report_html_text(buffer, kept->team ? kept->team : "");
            output_text(buffer, "</td><td>");
        }
        if (has_worker) {
            report_html_text(buffer, kept->worker ? kept->worker : "");
            output_text(buffer, "</td><td>");
        }
        report_html_text(buffer, kept->auditor ? kept->auditor : "");
        output_text(buffer, "</td><td>");
        report_html_text(buffer, kept->date ? kept->date : "");
        output_text(buffer, "</td><td>");
        if (kept->overall >= 0)
            report_html_level_name(buffer, model, (unsigned)kept->overall);
        else
            report_html_level_name(buffer, model, model->level_count);
        output_text(buffer, "</td><td>");
        report_html_text(buffer, kept->reasons ? kept->reasons : "");
        output_text(buffer, "</td><td>");
        report_html_text(buffer, kept->input ? kept->input : "");
        output_format(buffer, " line %lu</td></tr>\n", kept->line);
        if (buffer->length >= PAGE_FLUSH_BYTES && !buffer->out_of_memory && !output_flush_to(buffer, output))
            return 0;
    }
    output_text(buffer, "</tbody></table></div>\n</section>\n");
    return status == 0;
}

int html_report_write(const html_report *report, const batch_summary *summary,
                      const moderation_batch *moderation, FILE *output)
{
    const rubric_model *model = report->model;
    int has_checklists = 0;
    for (unsigned section = 0; section < model->section_count; section++)
        has_checklists |= rubric_section_answer_set(model, section) >= 0;
    unsigned long typed = 0;
    for (unsigned type = 0; type < report->case_type_count; type++)
        typed += report->case_types[type].audits;
    int uses_mean = model->rules.overall_method == RUBRIC_METHOD_MEAN;
    for (unsigned section = 0; section < model->section_count; section++)
        uses_mean |= model->sections[section].method == RUBRIC_METHOD_MEAN &&
                     rubric_section_answer_set(model, section) < 0;
    int shown[PART_COUNT] = {1, 1, report->splits && report_splits_has_rounds(report->splits),
                             report->splits && report_splits_grouping_count(report->splits) > 0, typed > 0, model->band_count > 0, uses_mean, 1, 1, has_checklists, model->theme_count > 0, report->month_count > 0, 1, 1,
                             moderation != NULL};
    output_buffer buffer = {0};
    page_head(&buffer, model);
    page_header(&buffer, report, summary, moderation);
    page_contents(&buffer, shown, report->splits);
    report_html_summary(&buffer, model, summary, report->splits, escalation_spool_count(report->escalations),
                        parts[PART_SUMMARY].id,
                        parts[PART_SUMMARY].heading, parts[PART_ESCALATIONS].id);
    part_overall(&buffer, model, summary);
    if (shown[PART_ROUNDS])
        report_splits_write_rounds(report->splits, &buffer, parts[PART_ROUNDS].id, parts[PART_ROUNDS].heading);
    if (shown[PART_GROUPS])
        report_splits_write_groups(report->splits, &buffer);
    if (shown[PART_CASE_TYPES])
        part_case_types(&buffer, report, summary);
    if (shown[PART_BANDS])
        part_bands(&buffer, model, summary);
    if (shown[PART_MEANS])
        part_means(&buffer, report);
    int made = part_sections(&buffer, model, summary) && part_criteria(&buffer, model, summary);
    if (made && shown[PART_COMPLIANCE])
        made = part_compliance(&buffer, model, summary);
    if (made && shown[PART_THEMES])
        made = part_themes(&buffer, model, summary);
    if (made && shown[PART_MONTHS])
        made = part_months(&buffer, report);
    part_agreement(&buffer, model, summary);
    made = made && part_escalations(&buffer, report, output);
    if (moderation)
        report_html_moderation(&buffer, model, moderation, parts[PART_MODERATION].id, parts[PART_MODERATION].heading);
    output_text(&buffer, "</main>\n</div>\n</body>\n</html>\n");
    int written = made && !buffer.out_of_memory && output_flush_to(&buffer, output);
    output_buffer_free(&buffer);
    return written;
}
