/*
 * report_words.c — an outcome's agreement and limit in words (see
 * report_words.h).
 */
#include <stdio.h>

#include "report_words.h"

/* Agreement in words, or NULL when the auditor gave no grade. */
const char *report_agreement(const rubric_outcome *outcome, char *buffer, size_t size)
{
    if (outcome->auditor_grade == RUBRIC_GRADE_NONE)
        return NULL;
    if (outcome->auditor_grade == outcome->grade)
        return "agrees";
    if (outcome->auditor_grade < 0 || outcome->grade < 0)
        return "differs";
    int levels = outcome->grade - outcome->auditor_grade;
    int apart = levels < 0 ? -levels : levels;
    snprintf(buffer, size, "%d level%s %s", apart, apart == 1 ? "" : "s", levels > 0 ? "better" : "worse");
    return buffer;
}

/* What capped an outcome, in the words of its rule. */
void report_limit_words(output_buffer *buffer, const rubric_model *model, const rubric_limit *limit)
{
    if (limit->kind == RUBRIC_LIMIT_BY_CONDITION) {
        char words[512];
        rubric_limit_describe(model, limit, words, sizeof words);
        output_text(buffer, words);
        return;
    }
    int by_section = limit->kind == RUBRIC_LIMIT_BY_SECTION;
    output_text(buffer, rubric_limit_kind_name(limit->kind));
    output_bytes(buffer, " ", 1);
    output_text(buffer, by_section ? model->sections[limit->index].id : model->criteria[limit->index].id);
}

void report_not_graded_json(output_buffer *buffer, const rubric_model *model, const rubric_outcome *outcome)
{
    output_text(buffer, ",\"not_graded\":true,\"not_graded_by\":");
    output_buffer words = {0};
    report_limit_words(&words, model, &model->rules.limits[outcome->not_graded_rule]);
    output_json_string(buffer, words.text ? words.text : "");
    buffer->out_of_memory |= words.out_of_memory;
    output_buffer_free(&words);
}

int report_has_not_graded_rules(const rubric_model *model)
{
    for (unsigned limit = 0; limit < model->rules.limit_count; limit++)
        if (model->rules.limits[limit].effect == RUBRIC_LIMIT_NOT_GRADED)
            return 1;
    return 0;
}
