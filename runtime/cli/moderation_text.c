/*
 * moderation_text.c — moderation's figures as text a manager can read
 * (rubric-grade --moderate --format text): how many cases both graded, the
 * agreement on the overall grade, on every criterion pooled and on each
 * section, then per auditor and per pair of auditor and moderator (every
 * criterion judgement of their cases pooled), each kappa with its reading
 * in words, and the largest
 * disagreements with the case, what was graded and both grades.
 *
 * Kappa is read on the banding of Landis and Koch (1977), "The measurement
 * of observer agreement for categorical data", Biometrics 33(1), 159-174:
 * below 0 poor, 0.00-0.20 slight, 0.21-0.40 fair, 0.41-0.60 moderate,
 * 0.61-0.80 substantial, 0.81-1.00 almost perfect agreement. The banding
 * is a convention, which the text says, not a test.
 */
#include "moderation_text.h"

#include <math.h>
#include <stdlib.h>

#include "output_buffer.h"
#include "safe_text.h"

/* How many of the largest disagreements are listed. */
enum { DISAGREEMENTS_SHOWN = 20 };

const char *moderation_kappa_reading(const moderation_kappa *kappa)
{
    if (!kappa->defined)
        return "no reading";
    /* read as shown, to two places, so that a printed 0.40 is never "moderate" */
    double value = (double)(long)(kappa->value * 100.0 + (kappa->value < 0 ? -0.5 : 0.5)) / 100.0;
    return value < 0 ? "poor agreement"
           : value <= 0.20 ? "slight agreement"
           : value <= 0.40 ? "fair agreement"
           : value <= 0.60 ? "moderate agreement"
           : value <= 0.80 ? "substantial agreement"
                           : "almost perfect agreement";
}

/* "30 of 40 (75.0%)", or "-" with no pairs. */
static void share(output_buffer *buffer, unsigned long part, unsigned long whole)
{
    if (whole == 0)
        output_text(buffer, "-");
    else
        output_format(buffer, "%lu of %lu (%.1f%%)", part, whole, 100.0 * (double)part / (double)whole);
}

/* A figure as two decimals show it, never "-0.00". */
static double shown(double value)
{
    return fabs(value) < 0.005 ? 0.0 : value;
}

/* A kappa with its interval, or why there is none. */
static void kappa_text(output_buffer *buffer, const moderation_kappa *kappa)
{
    if (!kappa->defined)
        output_format(buffer, "none (%s)", kappa->reason ? kappa->reason : "undefined");
    else if (kappa->has_interval)
        output_format(buffer, "%.2f (%.2f to %.2f)", shown(kappa->value), shown(kappa->low), shown(kappa->high));
    else
        output_format(buffer, "%.2f", shown(kappa->value));
}

/* One row: what, the pairs, exact, within one level, kappa, its reading. */
static void row(output_buffer *buffer, const char *label, const moderation_agreement *agreement)
{
    output_text(buffer, "  ");
    if (output_width(label) >= 34) {
        output_text(buffer, label);   /* the figures on a line of their own, in their columns */
        output_text(buffer, "\n  ");
        label = "";
    }
    output_padded(buffer, label, 34);
    output_buffer cell = {0};
    share(&cell, agreement->exact, agreement->pairs);
    output_padded(buffer, cell.length ? cell.text : "", 22);
    output_clear(&cell);
    if (agreement->answers)
        output_text(&cell, "(answers)");
    else
        share(&cell, agreement->adjacent, agreement->pairs);
    output_padded(buffer, cell.length ? cell.text : "", 22);
    output_clear(&cell);
    kappa_text(&cell, &agreement->kappa);
    output_padded(buffer, cell.length ? cell.text : "", 25);
    output_text(buffer, " ");
    output_buffer_free(&cell);
    output_text(buffer, moderation_kappa_reading(&agreement->kappa));
    output_text(buffer, "\n");
}

/* A grade's code, for the list of disagreements. */
static const char *code_of(const rubric_model *model, const moderation_difference *difference, int grade)
{
    if (difference->subject == MODERATION_CRITERION)
        return rubric_criterion_grade_code(model, difference->index, grade);
    return rubric_grade_code(model, grade);
}

/* The order of the list: the widest gap first, else as found. */
typedef struct ranked {
    const moderation_difference *difference;
    unsigned long found;
} ranked;

static int wider_first(const void *left, const void *right)
{
    const ranked *a = left, *b = right;
    int gap_a = abs(a->difference->auditor_grade - a->difference->moderator_grade);
    int gap_b = abs(b->difference->auditor_grade - b->difference->moderator_grade);
    if (gap_a != gap_b)
        return gap_b - gap_a;
    return a->found < b->found ? -1 : a->found > b->found;
}

/* The largest disagreements: case, what, both grades. */
static int disagreements(output_buffer *buffer, const rubric_model *model, const moderation_batch *batch)
{
    unsigned long count = moderation_difference_count(batch);
    output_format(buffer, "\nLargest disagreements (two levels or more): %lu\n", count);
    if (count == 0)
        return 1;
    ranked *list = malloc(count * sizeof *list);
    if (list == NULL)
        return 0;
    for (unsigned long index = 0; index < count; index++)
        list[index] = (ranked){moderation_difference_at(batch, index), index};
    qsort(list, count, sizeof *list, wider_first);
    output_text(buffer, "  Case                Graded                                    Auditor  Moderator\n");
    for (unsigned long index = 0; index < count && index < DISAGREEMENTS_SHOWN; index++) {
        const moderation_difference *difference = list[index].difference;
        output_text(buffer, "  ");
        output_buffer cell = {0};
        safe_text_escaped(&cell, difference->case_reference);
        output_padded(buffer, cell.length ? cell.text : "", 20);
        output_clear(&cell);
        if (difference->subject == MODERATION_OVERALL)
            output_text(&cell, "overall grade");
        else if (difference->subject == MODERATION_SECTION)
            output_format(&cell, "section %s", model->sections[difference->index].id);
        else
            output_format(&cell, "criterion %s", model->criteria[difference->index].id);
        output_padded(buffer, cell.text ? cell.text : "", 41);
        output_text(buffer, " ");
        output_buffer_free(&cell);
        output_padded(buffer, code_of(model, difference, difference->auditor_grade), 9);
        output_text(buffer, code_of(model, difference, difference->moderator_grade));
        output_text(buffer, "\n");
    }
    if (count > DISAGREEMENTS_SHOWN)
        output_format(buffer, "  ... and %lu more (all of them in --moderate's JSON)\n", count - DISAGREEMENTS_SHOWN);
    free(list);
    return 1;
}

/* A rubric with "not graded when:" rules: the overall grade and the
 * sections not graded on either side, neither agreements nor disagreements. */
static void not_graded_line(output_buffer *buffer, const rubric_model *model, const moderation_batch *batch)
{
    if (!moderation_overall(batch)->counts_not_graded)
        return;
    output_format(buffer,
                  "  Not graded on one side or both (neither an agreement nor a disagreement): "
                  "the overall grade %lu",
                  moderation_overall(batch)->not_graded);
    for (unsigned section = 0; section < model->section_count; section++)
        if (rubric_section_answer_set(model, section) < 0)
            output_format(buffer, ", section %s %lu", model->sections[section].id,
                          moderation_section(batch, section)->not_graded);
    output_text(buffer, "\n");
}

/* The agreement of each auditor, then of each pair of auditor and moderator. */
static void people_rows(output_buffer *buffer, const moderation_batch *batch)
{
    for (int pairs = 0; pairs < 2; pairs++) {
        unsigned count = pairs ? moderation_auditor_pair_count(batch) : moderation_auditor_count(batch);
        if (count == 0)
            continue;
        output_text(buffer, pairs ? "\n  By auditor and moderator (every criterion of the cases both graded):\n"
                                  : "\n  By auditor (every criterion of the cases each audited):\n");
        for (unsigned index = 0; index < count; index++) {
            const moderation_people *people =
                pairs ? moderation_auditor_pair_at(batch, index) : moderation_auditor_at(batch, index);
            output_buffer label = {0};
            safe_text_escaped(&label, people->auditor ? people->auditor : "(no auditor named)");
            if (pairs) {
                output_text(&label, " / ");
                safe_text_escaped(&label, people->moderator ? people->moderator : "(no moderator named)");
            }
            output_format(&label, ", %lu case%s", people->cases, people->cases == 1 ? "" : "s");
            buffer->out_of_memory |= label.out_of_memory;
            row(buffer, label.text ? label.text : "", &people->criteria);
            output_buffer_free(&label);
        }
    }
}

int moderation_write_text(const moderation_batch *batch, const rubric_model *model, unsigned long records,
                          unsigned long errors, FILE *output)
{
    output_buffer buffer = {0};
    output_format(&buffer, "Moderation of %s: %lu records, %lu failed; %lu cases graded by both, %lu by one only\n\n",
                  model->id, records, errors, moderation_pair_count(batch), moderation_unpaired_count(batch));
    output_text(&buffer, "  ");
    output_padded(&buffer, "Agreement on", 34);
    output_padded(&buffer, "The same grade", 22);
    output_padded(&buffer, "Within one level", 22);
    output_padded(&buffer, "Kappa (95% interval)", 26);
    output_text(&buffer, "Reading\n");
    row(&buffer, "the overall grade", moderation_overall(batch));
    row(&buffer, "every criterion, pooled", moderation_all_criteria(batch));
    for (unsigned section = 0; section < model->section_count; section++) {
        char label[128];
        snprintf(label, sizeof label, "section %s", model->sections[section].id);
        safe_text_cut(label);
        row(&buffer, label, moderation_section(batch, section));
    }
    not_graded_line(&buffer, model, batch);
    people_rows(&buffer, batch);
    output_text(&buffer, "\nKappa is agreement beyond chance (1 is complete, 0 what chance would give). The reading\n"
                         "is the banding of Landis and Koch (1977), Biometrics 33(1), 159-174: below 0 poor,\n"
                         "0-0.20 slight, 0.21-0.40 fair, 0.41-0.60 moderate, 0.61-0.80 substantial, 0.81-1\n"
                         "almost perfect agreement; a convention, not a test.\n");
    int written = disagreements(&buffer, model, batch) && !buffer.out_of_memory &&
                  fwrite(buffer.text, 1, buffer.length, output) == buffer.length;
    output_buffer_free(&buffer);
    return written;
}
