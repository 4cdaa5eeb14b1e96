/*
 * report_html_moderation.c — the managers' page's moderation part (see
 * report_html_moderation.h): an overview chart of agreement, a table by
 * section and criterion with kappa and its reading in words (Landis and
 * Koch, as moderation_text.c reads it), tables by auditor and by pair of
 * auditor and moderator, and the differences case by case.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report_html_chart.h"
#include "moderation_text.h"
#include "report_html_moderation.h"

/* The parts of a moderation chart: how far apart the two grades are. */
enum { AGREEMENT_PART_COUNT = 4 };
static const chart_part agreement_parts[AGREEMENT_PART_COUNT] = {
    {"=", "Same grade", "#005a30", 0},
    {"1", "One level apart", "#1d70b8", 0},
    {"2+", "Two or more levels apart", "#a0241a", 0},
    {"NA", "Not compared", NOT_APPLICABLE_FILL, 1},
};

/* A figure as two decimals show it, never "-0.00". */
static double shown(double value)
{
    return fabs(value) < 0.005 ? 0.0 : value;
}

/* A kappa with its interval, or why it is undefined. */
static void kappa_cell(output_buffer *buffer, const moderation_kappa *kappa)
{
    if (kappa->defined && kappa->has_interval)
        output_format(buffer, "<td class=\"number\">%.2f (%.2f to %.2f)</td>", shown(kappa->value), shown(kappa->low),
                      shown(kappa->high));
    else if (kappa->defined)
        output_format(buffer, "<td class=\"number\">%.2f (too few pairs for an interval)</td>", shown(kappa->value));
    else {
        output_text(buffer, "<td>none: ");
        report_html_text(buffer, kappa->reason);
        output_text(buffer, "</td>");
    }
}

/* One moderation row. */
static void moderation_row(output_buffer *buffer, const chart_row *label, const moderation_agreement *agreement)
{
    report_html_row_heading(buffer, label);
    output_format(buffer, "<td class=\"number\">%lu</td><td class=\"number\">%lu</td><td class=\"number\">%lu (",
                  agreement->pairs, agreement->not_compared, agreement->exact);
    report_html_percent(buffer, agreement->exact, agreement->pairs);
    output_format(buffer, ")</td><td class=\"number\">%lu (", agreement->adjacent);
    report_html_percent(buffer, agreement->adjacent, agreement->pairs);
    output_text(buffer, ")</td>");
    kappa_cell(buffer, &agreement->kappa);
    output_text(buffer, "<td>");
    report_html_text(buffer, moderation_kappa_reading(&agreement->kappa));
    output_text(buffer, "</td>");
    kappa_cell(buffer, &agreement->kappa_weighted);
    output_text(buffer, "</tr>\n");
}

/* The head of a moderation table. */
static void moderation_table_head(output_buffer *buffer, const char *caption, const char *first_heading)
{
    report_html_open_table(buffer, caption);
    output_text(buffer, "<thead><tr><th scope=\"col\">");
    report_html_text(buffer, first_heading);
    output_text(buffer, "</th><th scope=\"col\" class=\"number\">Pairs</th>"
                        "<th scope=\"col\" class=\"number\">Not compared</th>"
                        "<th scope=\"col\" class=\"number\">Same grade</th>"
                        "<th scope=\"col\" class=\"number\">Within one level</th>"
                        "<th scope=\"col\" class=\"number\">Kappa (95% CI)</th>"
                        "<th scope=\"col\">Reading</th>"
                        "<th scope=\"col\" class=\"number\">Weighted kappa (95% CI)</th></tr></thead>\n<tbody>\n");
}

/* The differences of two levels or more. */
static void moderation_differences(output_buffer *buffer, const rubric_model *model,
                                   const moderation_batch *moderation)
{
    unsigned long count = moderation_difference_count(moderation);
    output_text(buffer, "<h3>Judgements two levels or more apart</h3>\n");
    if (count == 0) {
        output_text(buffer, "<p>No judgement differs by two levels or more.</p>\n");
        return;
    }
    char caption[96];
    snprintf(caption, sizeof caption, "%lu judgement%s two levels or more apart", count, count == 1 ? "" : "s");
    report_html_open_table(buffer, caption);
    output_text(buffer, "<thead><tr><th scope=\"col\">Case</th><th scope=\"col\">Judgement</th>"
                  "<th scope=\"col\">Auditor</th><th scope=\"col\">Moderator</th></tr></thead>\n<tbody>\n");
    for (unsigned long index = 0; index < count; index++) {
        const moderation_difference *difference = moderation_difference_at(moderation, index);
        output_text(buffer, "<tr><th scope=\"row\">");
        report_html_text(buffer, difference->case_reference);
        output_text(buffer, "</th><td>");
        if (difference->subject == MODERATION_OVERALL) {
            output_text(buffer, "Overall grade");
        } else if (difference->subject == MODERATION_SECTION) {
            chart_row row = report_html_section_row(model, difference->index, NULL);
            output_text(buffer, "Section ");
            report_html_row_label(buffer, &row, 0);
        } else {
            const rubric_criterion *criterion = &model->criteria[difference->index];
            output_text(buffer, "Criterion ");
            report_html_text(buffer, criterion->id);
            if (criterion->title) {
                output_text(buffer, ": ");
                report_html_text(buffer, criterion->title);
            }
        }
        output_text(buffer, "</td><td>");
        report_html_level_name(buffer, model, (unsigned)difference->auditor_grade);
        output_text(buffer, "</td><td>");
        report_html_level_name(buffer, model, (unsigned)difference->moderator_grade);
        output_text(buffer, "</td></tr>\n");
    }
    output_text(buffer, "</tbody></table></div>\n");
}

/* How far apart a pair's grades are, counted as a chart's parts. */
static void agreement_counts(const moderation_agreement *agreement, unsigned long counts[AGREEMENT_PART_COUNT])
{
    counts[0] = agreement->exact;
    counts[1] = agreement->adjacent - agreement->exact;
    counts[2] = agreement->pairs - agreement->adjacent;
    counts[3] = agreement->not_compared;
}

/* A rubric with "not graded when:" rules: the grades not graded on one
 * side or both, which are neither agreements nor disagreements. */
static void moderation_not_graded(output_buffer *buffer, const rubric_model *model,
                                  const moderation_batch *moderation)
{
    if (!moderation_overall(moderation)->counts_not_graded)
        return;
    output_format(buffer, "<p>Not graded on one side or both (neither an agreement nor a disagreement, so in no "
                          "figure above): the overall grade %lu",
                  moderation_overall(moderation)->not_graded);
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0) {
            output_text(buffer, "; section ");
            report_html_text(buffer, model->sections[section].number);
            output_format(buffer, " %lu", moderation_section(moderation, section)->not_graded);
        }
    output_text(buffer, ".</p>\n");
}

/* Agreement on the overall grade, on every criterion judgement and per
 * section: a chart, then its table. 0 when out of memory. */
static int moderation_overview(output_buffer *buffer, const rubric_model *model, const moderation_batch *moderation)
{
    unsigned row_count = 2;
    for (unsigned section = 0; section < model->section_count; section++)
        row_count += rubric_section_answer_set(model, section) < 0;  /* a checklist section has no grade */
    chart_row *rows = calloc(row_count, sizeof *rows);
    const moderation_agreement **agreements = calloc(row_count, sizeof *agreements);
    unsigned long *counts = calloc((size_t)row_count * AGREEMENT_PART_COUNT, sizeof *counts);
    int made = rows && agreements && counts;
    if (made) {
        rows[0] = (chart_row){NULL, "Overall grade", NULL, NULL};
        agreements[0] = moderation_overall(moderation);
        rows[1] = (chart_row){NULL, "Every criterion judgement", NULL, NULL};
        agreements[1] = moderation_all_criteria(moderation);
        for (unsigned section = 0, row = 2; section < model->section_count; section++)
            if (rubric_section_answer_set(model, section) < 0) {
                rows[row] = report_html_section_row(model, section, NULL);
                agreements[row++] = moderation_section(moderation, section);
            }
        for (unsigned index = 0; index < row_count; index++) {
            rows[index].counts = counts + (size_t)index * AGREEMENT_PART_COUNT;
            agreement_counts(agreements[index], counts + (size_t)index * AGREEMENT_PART_COUNT);
        }
        report_html_chart(buffer, agreement_parts, AGREEMENT_PART_COUNT, "moderation-chart",
                          "How far apart auditors' and moderators' grades are", rows, row_count);
        moderation_table_head(buffer, "Agreement overall and by section", "Grade");
        for (unsigned index = 0; index < row_count; index++)
            moderation_row(buffer, &rows[index], agreements[index]);
        output_text(buffer, "</tbody></table></div>\n");
        moderation_not_graded(buffer, model, moderation);
    } else {
        buffer->out_of_memory = 1;
    }
    free(rows);
    free(agreements);
    free(counts);
    return made;
}

/* Agreement per auditor, then per pair of auditor and moderator, over
 * every criterion judgement of their cases. */
static void moderation_people_tables(output_buffer *buffer, const moderation_batch *moderation)
{
    for (int pairs = 0; pairs < 2; pairs++) {
        unsigned count = pairs ? moderation_auditor_pair_count(moderation) : moderation_auditor_count(moderation);
        if (count == 0)
            continue;
        moderation_table_head(buffer, pairs ? "Agreement by auditor and moderator, every criterion judgement"
                                            : "Agreement by auditor, every criterion judgement",
                              pairs ? "Auditor and moderator" : "Auditor");
        for (unsigned index = 0; index < count; index++) {
            const moderation_people *people =
                pairs ? moderation_auditor_pair_at(moderation, index) : moderation_auditor_at(moderation, index);
            output_buffer label = {0}, detail = {0};
            output_text(&label, people->auditor ? people->auditor : "No auditor named");
            if (pairs) {
                output_text(&label, " and ");
                output_text(&label, people->moderator ? people->moderator : "no moderator named");
            }
            output_format(&detail, "%lu case%s", people->cases, people->cases == 1 ? "" : "s");
            buffer->out_of_memory |= label.out_of_memory | detail.out_of_memory;
            chart_row row = {NULL, label.text ? label.text : "", detail.text, NULL};
            moderation_row(buffer, &row, &people->criteria);
            output_buffer_free(&label);
            output_buffer_free(&detail);
        }
        output_text(buffer, "</tbody></table></div>\n");
    }
}

/* Moderation: agreement overall, by section, by criterion, and the differences. */
void report_html_moderation(output_buffer *buffer, const rubric_model *model, const moderation_batch *moderation,
                            const char *id, const char *heading)
{
    report_html_open_section(buffer, id, heading);
    unsigned long unpaired = moderation_unpaired_count(moderation);
    output_format(buffer, "<p>%lu case%s graded by both an auditor and a moderator", moderation_pair_count(moderation),
                  moderation_pair_count(moderation) == 1 ? "" : "s");
    if (unpaired)
        output_format(buffer, "; %lu case%s graded only once %s left out", unpaired, unpaired == 1 ? "" : "s",
                      unpaired == 1 ? "is" : "are");
    output_text(buffer, ". A pair counts where both gave a grade on the scale (a not-applicable grade on either "
                        "side is left out). Kappa is Cohen's, corrected for chance; the weighted kappa gives "
                        "partial credit by the square of the distance between grades. Intervals are 95% "
                        "(Fleiss, Cohen and Everitt, 1969). The reading of kappa in words is the banding of "
                        "Landis and Koch (1977), <cite>The measurement of observer agreement for categorical "
                        "data</cite>, Biometrics 33(1), 159\xE2\x80\x93" "174: below 0 poor, 0 to 0.20 slight, "
                        "0.21 to 0.40 fair, 0.41 to 0.60 moderate, 0.61 to 0.80 substantial, 0.81 to 1 almost "
                        "perfect agreement; a convention, not a test.</p>\n");
    if (!moderation_overview(buffer, model, moderation))
        return;
    moderation_people_tables(buffer, moderation);
    moderation_table_head(buffer, "Agreement by criterion", "Criterion");
    for (unsigned index = 0; index < model->criterion_count; index++) {
        const rubric_criterion *criterion = &model->criteria[index];
        chart_row row = {model->sections[criterion->section].number,
                         criterion->title ? criterion->title : criterion->id, criterion->title ? criterion->id : NULL,
                         NULL};
        moderation_row(buffer, &row, moderation_criterion(moderation, index));
    }
    output_text(buffer, "</tbody></table></div>\n");
    moderation_differences(buffer, model, moderation);
    output_text(buffer, "</section>\n");
}
