/*
 * report_html_summary.c — the managers' page's one-page summary (see
 * report_html_summary.h). A head of service asks first how the service is
 * doing, whether practice is better than last round and which cases need
 * action now; this part answers in three short paragraphs and one small
 * table, in the words and figures of the parts below it.
 */
#include "report_html_summary.h"

#include "report_html_chart.h"
#include "report_targets.h"
#include "report_words.h"

/* The overall grades counted: one row per level, then not applicable,
 * then (a rubric with "not graded when:" rules) not graded, which like not
 * applicable is no share of those graded. */
static void grade_counts(output_buffer *buffer, const rubric_model *model, const unsigned long *counts)
{
    unsigned long graded = 0;
    for (unsigned level = 0; level < model->level_count; level++)
        graded += counts[level];
    report_html_open_table(buffer, "Overall grades counted");
    output_text(buffer, "<thead><tr><th scope=\"col\">Overall grade</th><th scope=\"col\" class=\"number\">Audits</th>"
                        "<th scope=\"col\" class=\"number\">Share of those graded</th></tr></thead>\n<tbody>\n");
    for (unsigned level = 0; level <= model->level_count; level++) {
        if (level == model->level_count && counts[level] == 0)
            break;   /* not applicable: a row only when some audit has it */
        output_text(buffer, "<tr><th scope=\"row\">");
        report_html_level_name(buffer, model, level);
        output_format(buffer, "</th><td class=\"number\">%lu</td><td class=\"number\">", counts[level]);
        if (level < model->level_count)
            report_html_percent(buffer, counts[level], graded);
        output_text(buffer, "</td></tr>\n");
    }
    if (report_has_not_graded_rules(model) && counts[model->level_count + 1])
        output_format(buffer, "<tr><th scope=\"row\">Not graded</th><td class=\"number\">%lu</td><td "
                              "class=\"number\"></td></tr>\n", counts[model->level_count + 1]);
    output_text(buffer, "</tbody></table></div>\n");
}

/* A rubric with "not graded when:" rules: how many audits the share above
 * leaves out because their overall was not graded. */
static void not_graded_overall(output_buffer *buffer, const rubric_model *model, const unsigned long *counts)
{
    unsigned long not_graded = counts[model->level_count + 1];
    if (!report_has_not_graded_rules(model) || not_graded == 0)
        return;
    output_format(buffer, "<p>%lu audit%s not graded overall (a &ldquo;not graded when&rdquo; rule of the rubric "
                          "held): counted apart, in no share of the audits graded.</p>\n",
                  not_graded, not_graded == 1 ? " was" : "s were");
}

/* One target's line: the share reached against it, met or not met. */
static void target_item(output_buffer *buffer, const rubric_model *model, const rubric_target *target,
                        const char *whose, const chart_row *row, const unsigned long *counts)
{
    unsigned long reached, graded;
    target_outcome outcome = target_judge(model, target, counts, &reached, &graded);
    output_text(buffer, "<li>");
    if (row != NULL)
        report_html_row_label(buffer, row, 0);
    else
        output_text(buffer, whose);
    output_format(buffer, ": at least %u%% ", target->percent);
    report_html_level_name(buffer, model, target->level);
    output_text(buffer, " or better; ");
    if (outcome == TARGET_NO_AUDITS) {
        output_text(buffer, "no audit graded, so neither met nor missed.</li>\n");
        return;
    }
    report_html_percent(buffer, reached, graded);
    output_format(buffer, " (%lu of %lu): <strong>%s</strong>.</li>\n", reached, graded,
                  outcome == TARGET_MET ? "met" : "not met");
}

/* The rubric's targets, met or not: in the latest round with a graded
 * audit when the page compares rounds, else over all the audits. */
static void targets_list(output_buffer *buffer, const rubric_model *model, const batch_summary *summary,
                         report_splits *splits)
{
    const group_table *rounds = splits && report_splits_has_rounds(splits) ? report_splits_rounds(splits) : NULL;
    const report_group *latest = NULL;
    for (unsigned round = rounds ? rounds->count : 0; round > 0 && latest == NULL; round--)
        if (report_share_good_or_better(model, group_counts(rounds, &rounds->groups[round - 1], 0)) >= 0)
            latest = &rounds->groups[round - 1];
    if (latest != NULL) {
        output_text(buffer, "<p>Targets in the latest round, ");
        output_buffer label = {0};
        report_round_label(&label, report_splits_layout(splits)->rounds, latest->value);
        if (!label.out_of_memory)
            report_html_text(buffer, label.text);
        buffer->out_of_memory |= label.out_of_memory;
        output_buffer_free(&label);
        output_text(buffer, ":</p>\n<ul class=\"targets\">\n");
    } else {
        output_text(buffer, "<p>Targets, over all the audits:</p>\n<ul class=\"targets\">\n");
    }
    for (unsigned place = 0; place <= model->section_count; place++) {
        const rubric_target *target = place == 0 ? &model->target : &model->sections[place - 1].target;
        if (!target->declared || (place > 0 && rubric_section_answer_set(model, place - 1) >= 0))
            continue;
        chart_row row = place ? report_html_section_row(model, place - 1, NULL) : (chart_row){0};
        const unsigned long *counts = latest ? group_counts(rounds, latest, place)
                                      : place ? summary_section_view(summary, place - 1).counts
                                              : summary_overall_view(summary).counts;
        target_item(buffer, model, target, "Overall", place ? &row : NULL, counts);
    }
    output_text(buffer, "</ul>\n");
}

void report_html_summary(output_buffer *buffer, const rubric_model *model, const batch_summary *summary,
                         report_splits *splits, unsigned long escalations, const char *id, const char *heading,
                         const char *escalations_id)
{
    summary_view overall = summary_overall_view(summary);
    unsigned long good, graded;
    summary_good_or_better(model, overall.counts, &good, &graded);
    output_format(buffer, "<section id=\"%s\" class=\"summary\" aria-labelledby=\"%s-heading\">\n", id, id);
    output_format(buffer, "<h2 id=\"%s-heading\">", id);
    report_html_text(buffer, heading);
    output_text(buffer, "</h2>\n<p class=\"headline\">");
    if (graded) {
        report_html_percent(buffer, good, graded);
        output_text(buffer, " of audits graded are ");
        report_html_text(buffer, model->levels[model->rules.good_or_better].label);
        output_format(buffer, " or better overall (%lu of %lu).</p>\n", good, graded);
    } else {
        output_text(buffer, "No audit has an overall grade.</p>\n");
    }
    not_graded_overall(buffer, model, overall.counts);
    if (splits && report_splits_has_rounds(splits)) {
        output_buffer change = {0};
        if (report_splits_write_change(splits, &change))
            output_format(buffer, "<p>%s</p>\n", change.text);
        else
            output_text(buffer, "<p>No change since the last round to give: fewer than two rounds have a graded "
                                "audit.</p>\n");
        buffer->out_of_memory |= change.out_of_memory;
        output_buffer_free(&change);
    }
    if (targets_declared(model))
        targets_list(buffer, model, summary, splits);
    output_text(buffer, "<p>");
    if (escalations == 0)
        output_text(buffer, "No case to escalate.");
    else
        output_format(buffer, "<a href=\"#%s\">%lu case%s to escalate</a>, listed with the rule that decided each.",
                      escalations_id, escalations, escalations == 1 ? "" : "s");
    output_text(buffer, "</p>\n");
    grade_counts(buffer, model, overall.counts);
    output_text(buffer, "</section>\n");
}
