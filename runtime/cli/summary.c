/*
 * summary.c — the batch summary (see summary.h). For every criterion, every
 * section and the overall grade it keeps a count per level plus NA; the
 * share good or better is the count at or above rules.good_or_better over
 * the grades that are not NA. Written as JSON, as one CSV table (a row per
 * tally, a column per level) or as text tables with a column per level.
 *
 * A rubric with bands also gets each tally's distribution by band (the sum
 * of its levels' counts). Checklist sections and their criteria have no
 * grades: they are totalled instead as answers met of applicable, per
 * section and per criterion, and reported as checklists.
 */
#include <stdlib.h>
#include <string.h>

#include "csv_cell.h"
#include "output_buffer.h"
#include "report_targets.h"
#include "report_words.h"
#include "safe_text.h"
#include "summary.h"

/* Counts of one graded thing: one per level, then NA; and agreement. */
typedef struct tally {
    unsigned long *counts;       /* per level, then NA, then no grade (counted, never reported) */
    unsigned long compared;      /* audits where the auditor gave a grade */
    unsigned long agreed;
} tally;

struct batch_summary {
    const rubric_model *model;
    unsigned long records;
    unsigned long graded;
    unsigned long errors;
    tally overall;
    tally *sections;
    tally *criteria;
    unsigned long *count_storage;
    unsigned width;              /* counts per tally */
    unsigned *slots_by_grade;    /* a grade's count in a tally, by grade - RUBRIC_GRADE_NONE */
    rubric_checklist_count *checklist_criteria;  /* per criterion of a checklist section */
    rubric_checklist_count *checklist_sections;  /* per section (checklist sections only) */
    int has_checklists;
    int has_not_graded;          /* some "not graded when:" rule: outcome tallies count it apart */
};

/* All tallies' counts come from one zeroed block, each WIDTH apart: the
 * criteria's side by side, so that a result's grades are counted in one
 * pass with no branch on them. */
batch_summary *summary_new(const rubric_model *model)
{
    batch_summary *summary = calloc(1, sizeof *summary);
    if (summary == NULL)
        return NULL;
    unsigned tallies = 1 + model->section_count + model->criterion_count;
    unsigned width = model->level_count + 2;
    summary->model = model;
    summary->width = width;
    summary->sections = calloc(model->section_count, sizeof *summary->sections);
    summary->criteria = calloc(model->criterion_count, sizeof *summary->criteria);
    summary->count_storage = calloc((size_t)tallies * width, sizeof *summary->count_storage);
    summary->slots_by_grade = malloc(((size_t)model->level_count + 2) * sizeof *summary->slots_by_grade);
    summary->checklist_criteria = calloc(model->criterion_count, sizeof *summary->checklist_criteria);
    summary->checklist_sections = calloc(model->section_count, sizeof *summary->checklist_sections);
    for (unsigned section = 0; section < model->section_count; section++)
        summary->has_checklists |= rubric_section_answer_set(model, section) >= 0;
    summary->has_not_graded = report_has_not_graded_rules(model);
    if (!summary->sections || !summary->criteria || !summary->count_storage || !summary->checklist_criteria ||
        !summary->checklist_sections || !summary->slots_by_grade) {
        summary_free(summary);
        return NULL;
    }
    /* no grade (RUBRIC_GRADE_NONE) after NA, NA after the levels, each
     * level its own: a valid result's grades are no other */
    _Static_assert(RUBRIC_GRADE_NONE == -2 && RUBRIC_GRADE_NOT_APPLICABLE == -1, "the slots follow the grades");
    summary->slots_by_grade[0] = model->level_count + 1;
    summary->slots_by_grade[1] = model->level_count;
    for (unsigned level = 0; level < model->level_count; level++)
        summary->slots_by_grade[level + 2] = level;
    summary->overall.counts = summary->count_storage;
    for (unsigned section = 0; section < model->section_count; section++)
        summary->sections[section].counts = summary->count_storage + (size_t)(1 + section) * width;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        summary->criteria[criterion].counts =
            summary->count_storage + (size_t)(1 + model->section_count + criterion) * width;
    return summary;
}

/* Free the tallies. */
void summary_free(batch_summary *summary)
{
    if (summary == NULL)
        return;
    free(summary->sections);
    free(summary->criteria);
    free(summary->count_storage);
    free(summary->slots_by_grade);
    free(summary->checklist_criteria);
    free(summary->checklist_sections);
    free(summary);
}

/* Count one grade (a level, NA or none) into its slot (slots_by_grade). */
static void tally_grade(const batch_summary *summary, tally *counter, int grade)
{
    counter->counts[summary->slots_by_grade[grade - RUBRIC_GRADE_NONE]]++;
}

/* Count an outcome's grade and its agreement with the auditor; a not
 * graded outcome has no grade to agree or differ with, so it is not compared. */
static void tally_outcome(const batch_summary *summary, tally *counter, const rubric_outcome *outcome)
{
    tally_grade(summary, counter, outcome->grade);
    if (outcome->auditor_grade != RUBRIC_GRADE_NONE && !outcome->not_graded) {
        counter->compared++;
        counter->agreed += outcome->auditor_grade == outcome->grade;
    }
}

/* A rubric with checklists: graded sections and criteria into their
 * tallies, checklist answers into the met and applicable totals. */
static void add_checklists(batch_summary *summary, const rubric_result *result)
{
    const rubric_model *model = summary->model;
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        int set = rubric_section_answer_set(model, section);
        if (set < 0) {
            tally_outcome(summary, &summary->sections[section], &result->sections[section]);
            for (unsigned criterion = entry->first_criterion; criterion < entry->first_criterion + entry->criterion_count;
                 criterion++)
                tally_grade(summary, &summary->criteria[criterion], result->criterion_grades[criterion]);
            continue;
        }
        summary->checklist_sections[section].met += result->checklists[section].met;
        summary->checklist_sections[section].applicable += result->checklists[section].applicable;
        for (unsigned criterion = entry->first_criterion; criterion < entry->first_criterion + entry->criterion_count;
             criterion++) {
            int answer = result->criterion_grades[criterion];
            if (answer < 0)
                continue;
            summary->checklist_criteria[criterion].applicable++;
            summary->checklist_criteria[criterion].met += model->answer_sets[set].answers[answer].met != 0;
        }
    }
}

const rubric_checklist_count *summary_checklist_section(const batch_summary *summary, unsigned section)
{
    return &summary->checklist_sections[section];
}

const rubric_checklist_count *summary_checklist_criterion(const batch_summary *summary, unsigned criterion)
{
    return &summary->checklist_criteria[criterion];
}

/* Whether a criterion is answered with an answer set (no grade tally). */
static int is_checklist_criterion(const rubric_model *model, unsigned criterion)
{
    return rubric_criterion_answer_set(model, criterion) != NULL;
}

/* How many of COUNTS fall in band BAND. */
static unsigned long band_count(const rubric_model *model, const unsigned long *counts, unsigned band)
{
    unsigned long total = 0;
    for (unsigned level = model->bands[band].best_level; level <= model->bands[band].worst_level; level++)
        total += counts[level];
    return total;
}

/* One graded audit into every tally. */
void summary_add_result(batch_summary *summary, const rubric_result *result)
{
    const rubric_model *model = summary->model;
    summary->records++;
    summary->graded++;
    tally_outcome(summary, &summary->overall, &result->overall);
    if (summary->has_checklists) {
        add_checklists(summary, result);
        return;
    }
    for (unsigned section = 0; section < model->section_count; section++)
        tally_outcome(summary, &summary->sections[section], &result->sections[section]);
    if (model->criterion_count == 0)
        return;
    /* a grade's slot (slots_by_grade): its level, NA after the levels, no grade after NA */
    unsigned long *counts = summary->criteria[0].counts;
    const int *grades = result->criterion_grades;
    const unsigned *slots = summary->slots_by_grade;
    unsigned width = summary->width;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++, counts += width)
        counts[slots[grades[criterion] - RUBRIC_GRADE_NONE]]++;   /* tally_grade, in one pass */
}

/* One failed record. */
void summary_add_error(batch_summary *summary)
{
    summary->records++;
    summary->errors++;
}

/* How many of a tally are good or better, and of how many graded (not NA). */
static void good_or_better(const rubric_model *model, const tally *counter, unsigned long *good,
                           unsigned long *graded)
{
    summary_good_or_better(model, counter->counts, good, graded);
}

/* An outcome's tally counts what was not graded in its no-grade slot
 * (a valid result's outcome has no other reason to be without a grade). */
static unsigned long not_graded_count(const rubric_model *model, const tally *counter)
{
    return counter->counts[model->level_count + 1];
}

/* A tally as JSON: distribution, not graded (NOT_GRADED: an outcome of a
 * rubric with "not graded" rules), good or better, agreement (when tracked). */
static void json_tally(output_buffer *buffer, const rubric_model *model, const tally *counter, int with_agreement,
                       int not_graded)
{
    unsigned long good, graded;
    output_text(buffer, "\"distribution\":{");
    for (unsigned level = 0; level <= model->level_count; level++) {
        output_json_string(buffer, level < model->level_count ? model->levels[level].code
                                                              : RUBRIC_NOT_APPLICABLE_CODE);
        output_format(buffer, ":%lu%s", counter->counts[level], level < model->level_count ? "," : "");
    }
    if (not_graded)
        output_format(buffer, "},\"not_graded\":%lu", not_graded_count(model, counter));
    if (model->band_count) {
        output_text(buffer, not_graded ? ",\"bands\":{" : "},\"bands\":{");
        for (unsigned band = 0; band < model->band_count; band++) {
            output_json_string(buffer, model->bands[band].label);
            output_format(buffer, ":%lu%s", band_count(model, counter->counts, band),
                          band + 1 < model->band_count ? "," : "");
        }
    }
    good_or_better(model, counter, &good, &graded);
    output_format(buffer, "%s\"good_or_better\":{\"count\":%lu,\"of\":%lu,\"share\":",
                  not_graded && !model->band_count ? "," : "},", good, graded);
    if (graded)
        output_format(buffer, "%.4f}", (double)good / (double)graded);
    else
        output_text(buffer, "null}");
    if (with_agreement)
        output_format(buffer, ",\"auditor_agreement\":{\"compared\":%lu,\"agreed\":%lu}", counter->compared,
                      counter->agreed);
}

/* ,"target":{percent, level, count, of, share, met} after a tally whose
 * thing has a declared target (absent otherwise, so summaries of rubrics
 * without targets are as they were); "met" is null with no audit graded. */
static void json_target(output_buffer *buffer, const rubric_model *model, const rubric_target *target,
                        const tally *counter)
{
    unsigned long reached, graded;
    if (!target->declared)
        return;
    target_outcome outcome = target_judge(model, target, counter->counts, &reached, &graded);
    output_format(buffer, ",\"target\":{\"percent\":%u,\"level\":", target->percent);
    output_json_string(buffer, model->levels[target->level].code);
    output_format(buffer, ",\"count\":%lu,\"of\":%lu,\"share\":", reached, graded);
    if (graded)
        output_format(buffer, "%.4f", (double)reached / (double)graded);
    else
        output_text(buffer, "null");
    output_format(buffer, ",\"met\":%s}", outcome == TARGET_NO_AUDITS ? "null" : outcome == TARGET_MET ? "true" : "false");
}

/* One section's or criterion's tally in a JSON array: {"id": …, "title":
 * … (null when untitled), counts, its target (a section's, or NULL)}. */
static void json_named_tally(output_buffer *buffer, const rubric_model *model, int after_another,
                             const char *id, const char *title, const tally *counter, int with_agreement,
                             int not_graded, const rubric_target *target)
{
    output_text(buffer, after_another ? ",{\"id\":" : "{\"id\":");
    output_json_string(buffer, id);
    output_text(buffer, ",\"title\":");
    output_json_string(buffer, title);
    output_bytes(buffer, ",", 1);
    json_tally(buffer, model, counter, with_agreement, not_graded);
    if (target != NULL)
        json_target(buffer, model, target, counter);
    output_bytes(buffer, "}", 1);
}

/* "met", "applicable" and "percentage" (null when none applicable). */
static void json_checklist_count(output_buffer *buffer, const rubric_checklist_count *count)
{
    output_format(buffer, ",\"met\":%u,\"applicable\":%u,\"percentage\":", count->met, count->applicable);
    long tenths = rubric_checklist_percentage_tenths(count);
    char text[RUBRIC_DECIMAL_SIZE];
    output_text(buffer, tenths < 0 ? "null" : rubric_decimal_text((unsigned long)tenths, 1, text));
}

/* "checklists": each checklist section's totals, then its criteria's. */
static void json_checklists(output_buffer *buffer, const batch_summary *summary)
{
    const rubric_model *model = summary->model;
    int written = 0;
    output_text(buffer, ",\"checklists\":[");
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        if (rubric_section_answer_set(model, section) < 0)
            continue;
        output_text(buffer, written++ ? ",{\"id\":" : "{\"id\":");
        output_json_string(buffer, entry->id);
        output_text(buffer, ",\"title\":");
        output_json_string(buffer, entry->title);
        json_checklist_count(buffer, &summary->checklist_sections[section]);
        output_text(buffer, ",\"criteria\":[");
        for (unsigned criterion = entry->first_criterion; criterion < entry->first_criterion + entry->criterion_count;
             criterion++) {
            output_text(buffer, criterion > entry->first_criterion ? ",{\"id\":" : "{\"id\":");
            output_json_string(buffer, model->criteria[criterion].id);
            json_checklist_count(buffer, &summary->checklist_criteria[criterion]);
            output_text(buffer, "}");
        }
        output_text(buffer, "]}");
    }
    output_text(buffer, "]");
}

/* The summary as one JSON object and a newline. */
static void json_summary(output_buffer *buffer, const batch_summary *summary)
{
    const rubric_model *model = summary->model;
    output_text(buffer, "{\"summary\":{\"rubric\":");
    output_json_string(buffer, model->id);
    output_format(buffer, ",\"records\":%lu,\"graded\":%lu,\"errors\":%lu,\"good_or_better_from\":",
                  summary->records, summary->graded, summary->errors);
    output_json_string(buffer, model->levels[model->rules.good_or_better].code);
    output_text(buffer, ",\"overall\":{");
    json_tally(buffer, model, &summary->overall, 1, summary->has_not_graded);
    json_target(buffer, model, &model->target, &summary->overall);
    output_text(buffer, "},\"sections\":[");
    int written = 0;
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0) {
            json_named_tally(buffer, model, written++ > 0, model->sections[section].id,
                             model->sections[section].title, &summary->sections[section], 1,
                             summary->has_not_graded, &model->sections[section].target);
        }
    output_text(buffer, "],\"criteria\":[");
    written = 0;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        if (!is_checklist_criterion(model, criterion))
            json_named_tally(buffer, model, written++ > 0, model->criteria[criterion].id,
                             model->criteria[criterion].title, &summary->criteria[criterion], 0, 0, NULL);
    output_text(buffer, "]");
    if (summary->has_checklists)
        json_checklists(buffer, summary);
    output_text(buffer, "}}\n");
}

/* One text row: label, a count per level and NA, good or better,
 * agreement (blank where not tracked), then the title when there is one. */
static void text_tally(output_buffer *buffer, const rubric_model *model, const char *label, size_t label_width,
                       const tally *counter, int with_agreement, const char *title)
{
    unsigned long good, graded;
    output_text(buffer, "  ");
    output_padded(buffer, label, label_width);
    for (unsigned level = 0; level <= model->level_count; level++)
        output_format(buffer, " %5lu", counter->counts[level]);
    good_or_better(model, counter, &good, &graded);
    char share[64], agreement[64] = "";
    if (graded)
        snprintf(share, sizeof share, "%lu of %lu (%.1f%%)", good, graded, 100.0 * (double)good / (double)graded);
    else
        snprintf(share, sizeof share, "none graded");
    if (with_agreement && counter->compared)
        snprintf(agreement, sizeof agreement, "%lu of %lu", counter->agreed, counter->compared);
    output_text(buffer, "   ");
    if (title) {
        output_padded(buffer, share, 22);
        output_bytes(buffer, " ", 1);
        output_padded(buffer, agreement, 14);
        output_text(buffer, "   ");
        output_text(buffer, title);
    } else if (agreement[0]) {
        output_padded(buffer, share, 22);
        output_format(buffer, " %s", agreement);
    } else {
        output_text(buffer, share);
    }
    output_bytes(buffer, "\n", 1);
}

/* The column headings of a text table. */
static void text_headings(output_buffer *buffer, const rubric_model *model, const char *title, size_t label_width)
{
    char good_heading[128];
    output_text(buffer, "  ");
    output_padded(buffer, title, label_width);
    for (unsigned level = 0; level <= model->level_count; level++) {
        const char *code = level < model->level_count ? model->levels[level].code : RUBRIC_NOT_APPLICABLE_CODE;
        output_text(buffer, " ");
        for (size_t width = output_width(code); width < 5; width++)
            output_bytes(buffer, " ", 1);
        output_text(buffer, code);
    }
    snprintf(good_heading, sizeof good_heading, "%s or better", model->levels[model->rules.good_or_better].label);
    safe_text_cut(good_heading);
    output_text(buffer, "   ");
    output_padded(buffer, good_heading, 22);
    output_text(buffer, title[0] ? " Auditor agrees   Title\n" : " Auditor agrees\n");
}

/* Distributions by band: a column per band, a row for the overall grade
 * and each graded section. */
static void text_bands(output_buffer *buffer, const batch_summary *summary, size_t label_width)
{
    const rubric_model *model = summary->model;
    output_text(buffer, "\n  ");
    output_padded(buffer, "By band", label_width);
    for (unsigned band = 0; band < model->band_count; band++) {
        output_text(buffer, "  ");
        output_text(buffer, model->bands[band].label);
    }
    output_bytes(buffer, "\n", 1);
    for (unsigned row = 0; row <= model->section_count; row++) {
        const tally *counter = row == 0 ? &summary->overall : &summary->sections[row - 1];
        if (row > 0 && rubric_section_answer_set(model, row - 1) >= 0)
            continue;
        output_text(buffer, "  ");
        output_padded(buffer, row == 0 ? "Overall" : model->sections[row - 1].id, label_width);
        for (unsigned band = 0; band < model->band_count; band++) {
            char number[32];
            snprintf(number, sizeof number, "%lu", band_count(model, counter->counts, band));
            output_text(buffer, "  ");
            for (size_t width = strlen(number); width < output_width(model->bands[band].label); width++)
                output_bytes(buffer, " ", 1);
            output_text(buffer, number);
        }
        output_bytes(buffer, "\n", 1);
    }
}

/* One checklist row: "  id   2 of 3 met (66.7%)". */
static void text_checklist_count(output_buffer *buffer, const char *label, size_t label_width,
                                 const rubric_checklist_count *count)
{
    output_text(buffer, "  ");
    output_padded(buffer, label, label_width);
    long tenths = rubric_checklist_percentage_tenths(count);
    if (tenths < 0)
        output_text(buffer, "   none applicable\n");
    else
        output_format(buffer, "   %u of %u met (%ld.%ld%%)\n", count->met, count->applicable, tenths / 10, tenths % 10);
}

/* Checklists: each section's totals, then its criteria's. */
static void text_checklists(output_buffer *buffer, const batch_summary *summary, size_t label_width)
{
    const rubric_model *model = summary->model;
    output_text(buffer, "\n  ");
    output_padded(buffer, "Checklist", label_width);
    output_text(buffer, "   Met of applicable\n");
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        if (rubric_section_answer_set(model, section) < 0)
            continue;
        text_checklist_count(buffer, entry->id, label_width, &summary->checklist_sections[section]);
        for (unsigned criterion = entry->first_criterion; criterion < entry->first_criterion + entry->criterion_count;
             criterion++)
            text_checklist_count(buffer, model->criteria[criterion].id, label_width,
                                 &summary->checklist_criteria[criterion]);
    }
}

/* Outcomes a "not graded when:" rule decided, counted apart from every
 * grade and from NA: "  Not graded: overall 1, section-a 2, section-b 0". */
static void text_not_graded(output_buffer *buffer, const batch_summary *summary)
{
    const rubric_model *model = summary->model;
    output_format(buffer, "  Not graded: overall %lu", not_graded_count(model, &summary->overall));
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0) {
            output_text(buffer, ", ");
            output_text(buffer, model->sections[section].id);
            output_format(buffer, " %lu", not_graded_count(model, &summary->sections[section]));
        }
    output_bytes(buffer, "\n", 1);
}

/* "Targets": each declared target, the share reached and met or not. */
static void text_targets(output_buffer *buffer, const batch_summary *summary, size_t label_width)
{
    const rubric_model *model = summary->model;
    output_text(buffer, "\nTargets\n");
    for (unsigned row = 0; row <= model->section_count; row++) {
        const rubric_target *target = row == 0 ? &model->target : &model->sections[row - 1].target;
        const tally *counter = row == 0 ? &summary->overall : &summary->sections[row - 1];
        if (!target->declared)
            continue;
        unsigned long reached, graded;
        target_outcome outcome = target_judge(model, target, counter->counts, &reached, &graded);
        char wanted[96], share[64];
        snprintf(wanted, sizeof wanted, "at least %u%% %s or better", target->percent,
                 model->levels[target->level].code);
        if (graded)
            snprintf(share, sizeof share, "%lu of %lu (%.1f%%)", reached, graded,
                     100.0 * (double)reached / (double)graded);
        else
            snprintf(share, sizeof share, "none graded");
        output_text(buffer, "  ");
        output_padded(buffer, row == 0 ? "Overall" : model->sections[row - 1].id, label_width);
        output_text(buffer, "   ");
        output_padded(buffer, wanted, 28);
        output_text(buffer, " ");
        output_padded(buffer, share, 22);
        output_format(buffer, " %s\n", target_outcome_words(outcome));
    }
}

/* The summary as three tables: overall, sections, criteria. */
static void text_summary(output_buffer *buffer, const batch_summary *summary)
{
    const rubric_model *model = summary->model;
    size_t label_width = strlen("Overall");
    for (unsigned section = 0; section < model->section_count; section++)
        if (output_width(model->sections[section].id) > label_width)
            label_width = output_width(model->sections[section].id);
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        if (output_width(model->criteria[criterion].id) > label_width)
            label_width = output_width(model->criteria[criterion].id);
    output_format(buffer, "Summary of %s: %lu records, %lu graded, %lu failed\n\n", model->id,
                  summary->records, summary->graded, summary->errors);
    text_headings(buffer, model, "", label_width);
    text_tally(buffer, model, "Overall", label_width, &summary->overall, 1, NULL);
    output_bytes(buffer, "\n", 1);
    text_headings(buffer, model, "Section", label_width);
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0)
            text_tally(buffer, model, model->sections[section].id, label_width, &summary->sections[section], 1,
                       model->sections[section].title ? model->sections[section].title : "");
    if (summary->has_not_graded)
        text_not_graded(buffer, summary);
    if (targets_declared(model))
        text_targets(buffer, summary, label_width);
    output_bytes(buffer, "\n", 1);
    text_headings(buffer, model, "Criterion", label_width);
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        if (!is_checklist_criterion(model, criterion))
            text_tally(buffer, model, model->criteria[criterion].id, label_width, &summary->criteria[criterion], 0,
                       model->criteria[criterion].title ? model->criteria[criterion].title : "");
    if (model->band_count)
        text_bands(buffer, summary, label_width);
    if (summary->has_checklists)
        text_checklists(buffer, summary, label_width);
}

/* One CSV row of a tally: what, id, title, a count per level and NA, good
 * or better, share, auditor agreement (empty where not tracked); the
 * record counts are the overall row's alone, so other rows end with two
 * empty cells. LINE_END "" leaves the row open for them. */
static void csv_tally(output_buffer *buffer, const batch_summary *summary, const char *kind, const char *id,
                      const char *title, const tally *counter, int with_agreement, const char *line_end)
{
    const rubric_model *model = summary->model;
    unsigned long good, graded;
    output_text(buffer, kind);
    output_bytes(buffer, ",", 1);
    csv_cell(buffer, id);
    output_bytes(buffer, ",", 1);
    csv_cell(buffer, title);
    for (unsigned level = 0; level <= model->level_count; level++)
        output_format(buffer, ",%lu", counter->counts[level]);
    if (summary->has_not_graded && with_agreement)   /* an outcome's row */
        output_format(buffer, ",%lu", not_graded_count(model, counter));
    else if (summary->has_not_graded)
        output_bytes(buffer, ",", 1);
    good_or_better(model, counter, &good, &graded);
    output_format(buffer, ",%lu,%lu,", good, graded);
    if (graded)
        output_format(buffer, "%.4f", (double)good / (double)graded);
    if (with_agreement)
        output_format(buffer, ",%lu,%lu", counter->compared, counter->agreed);
    else
        output_text(buffer, ",,");
    if (line_end[0])
        output_format(buffer, ",,%s", line_end);
}

/* A row's band counts (a rubric with bands), then the line end. */
static void csv_band_cells(output_buffer *buffer, const rubric_model *model, const tally *counter,
                           const char *line_end)
{
    for (unsigned band = 0; band < model->band_count; band++)
        output_format(buffer, ",%lu", band_count(model, counter->counts, band));
    output_text(buffer, line_end);
}

/* Checklist rows: kind "checklist" (a section) or "checklist criterion",
 * level cells empty, met in good_or_better, applicable in graded, the
 * share met in share. */
static void csv_checklists(output_buffer *buffer, const batch_summary *summary, const char *line_end)
{
    const rubric_model *model = summary->model;
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        if (rubric_section_answer_set(model, section) < 0)
            continue;
        for (unsigned row = 0; row <= entry->criterion_count; row++) {
            unsigned criterion = entry->first_criterion + row - 1;
            const rubric_checklist_count *count = row == 0 ? &summary->checklist_sections[section]
                                                           : &summary->checklist_criteria[criterion];
            output_text(buffer, row == 0 ? "checklist," : "checklist criterion,");
            csv_cell(buffer, row == 0 ? entry->id : model->criteria[criterion].id);
            output_bytes(buffer, ",", 1);
            csv_cell(buffer, row == 0 ? entry->title : model->criteria[criterion].title);
            for (unsigned level = 0; level <= model->level_count + (summary->has_not_graded != 0); level++)
                output_bytes(buffer, ",", 1);
            output_format(buffer, ",%u,%u,", count->met, count->applicable);
            if (count->applicable)
                output_format(buffer, "%.4f", (double)count->met / (double)count->applicable);
            output_text(buffer, ",,,,");
            for (unsigned band = 0; band < model->band_count; band++)
                output_bytes(buffer, ",", 1);
            output_text(buffer, line_end);
        }
    }
}

/* The summary as one CSV table: a header, the overall row (its id the
 * rubric's, with the record counts in the last two columns), then a row
 * per section and per criterion. */
static void csv_summary(output_buffer *buffer, const batch_summary *summary, int excel)
{
    const rubric_model *model = summary->model;
    const char *line_end = excel ? "\r\n" : "\n";
    if (excel)
        output_text(buffer, "\xEF\xBB\xBF");
    output_text(buffer, "kind,id,title");
    for (unsigned level = 0; level <= model->level_count; level++) {
        output_bytes(buffer, ",", 1);
        csv_cell(buffer, level < model->level_count ? model->levels[level].code
                                                              : RUBRIC_NOT_APPLICABLE_CODE);
    }
    if (summary->has_not_graded)
        output_text(buffer, ",not_graded");
    output_text(buffer, ",good_or_better,graded,share,auditor_compared,auditor_agreed,records,failed");
    for (unsigned band = 0; band < model->band_count; band++) {
        char name[512];
        snprintf(name, sizeof name, "band:%s", model->bands[band].label);
        safe_text_cut(name);
        output_bytes(buffer, ",", 1);
        csv_cell(buffer, name);
    }
    output_text(buffer, line_end);
    csv_tally(buffer, summary, "overall", model->id, model->title, &summary->overall, 1, "");
    output_format(buffer, ",%lu,%lu", summary->records, summary->errors);
    csv_band_cells(buffer, model, &summary->overall, line_end);
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0) {
            csv_tally(buffer, summary, "section", model->sections[section].id, model->sections[section].title,
                      &summary->sections[section], 1, model->band_count ? "" : line_end);
            if (model->band_count) {
                output_text(buffer, ",,");
                csv_band_cells(buffer, model, &summary->sections[section], line_end);
            }
        }
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        if (!is_checklist_criterion(model, criterion)) {
            csv_tally(buffer, summary, "criterion", model->criteria[criterion].id, model->criteria[criterion].title,
                      &summary->criteria[criterion], 0, model->band_count ? "" : line_end);
            if (model->band_count) {
                output_text(buffer, ",,");
                csv_band_cells(buffer, model, &summary->criteria[criterion], line_end);
            }
        }
    if (summary->has_checklists)
        csv_checklists(buffer, summary, line_end);
}

/* Build the summary in memory, then write it in one go. */
int summary_write(const batch_summary *summary, report_format format, int excel, FILE *output)
{
    output_buffer buffer = {0};
    switch (format) {
    case REPORT_FORMAT_TEXT: text_summary(&buffer, summary); break;
    case REPORT_FORMAT_CSV: csv_summary(&buffer, summary, excel); break;
    case REPORT_FORMAT_JSONL: json_summary(&buffer, summary); break;
    }
    int written = output_flush_to(&buffer, output);
    output_buffer_free(&buffer);
    return written;
}

void summary_good_or_better(const rubric_model *model, const unsigned long *counts, unsigned long *good,
                            unsigned long *graded)
{
    *good = 0;
    *graded = 0;
    for (unsigned level = 0; level < model->level_count; level++) {
        *graded += counts[level];
        if (level <= model->rules.good_or_better)
            *good += counts[level];
    }
}

/* A tally as the view other reports read. */
static summary_view view_of(const tally *counter)
{
    return (summary_view){counter->counts, counter->compared, counter->agreed};
}

summary_view summary_overall_view(const batch_summary *summary) { return view_of(&summary->overall); }

summary_view summary_section_view(const batch_summary *summary, unsigned section)
{
    return view_of(&summary->sections[section]);
}

summary_view summary_criterion_view(const batch_summary *summary, unsigned criterion)
{
    return view_of(&summary->criteria[criterion]);
}

void summary_record_counts(const batch_summary *summary, unsigned long *records, unsigned long *graded,
                           unsigned long *errors)
{
    *records = summary->records;
    *graded = summary->graded;
    *errors = summary->errors;
}
