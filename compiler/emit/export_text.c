/*
 * export_text.c — texts the exports share (see export_text.h).
 */
#include "export_text.h"

#include "level_points.h"

int export_csv_finish(output_buffer *text, FILE *out)
{
    int failed = text->out_of_memory;
    if (!failed && text->length > 0)
        failed = fwrite(text->text, 1, text->length, out) != text->length;
    output_buffer_free(text);
    return failed || ferror(out) ? -1 : 0;
}

char *export_section_label(arena *region, const ir_section *section)
{
    if (section->title == NULL)
        return arena_printf(region, "Section %s", section->number);
    return arena_printf(region, "Section %s: %s", section->number, section->title);
}

const char *export_criterion_name(arena *region, const ir_rubric *rubric, const ir_criterion *criterion)
{
    if (criterion->title != NULL)
        return criterion->title;
    const ir_section *section = &rubric->sections[criterion->section];
    size_t row = (size_t)(criterion - rubric->criteria) - section->first_criterion + 1;
    return arena_printf(region, "Section %s, row %zu", section->number, row);
}

const char *export_descriptor_text(const ir_criterion *criterion, size_t slot)
{
    const ir_prose *prose = criterion->effective[slot].prose;
    return prose != NULL ? prose->text : "";
}

size_t export_rating_count(const ir_rubric *rubric, const ir_criterion *criterion)
{
    return ir_descriptor_count(rubric, &rubric->sections[criterion->section]);
}

export_rating export_rating_at(const ir_rubric *rubric, const ir_criterion *criterion, size_t index)
{
    int set = rubric->sections[criterion->section].answer_set;
    export_rating rating;
    rating.description = export_descriptor_text(criterion, index);
    if (set >= 0) {
        const ir_answer *answer = &rubric->answer_sets[set].answers[index];
        rating.code = answer->code;
        rating.label = answer->label;
        rating.points = answer_points(answer);
    } else {
        rating.code = rubric->levels[index].code;
        rating.label = rubric->levels[index].label;
        rating.points = level_points(rubric, index);
    }
    return rating;
}

size_t export_most_ratings(const ir_rubric *rubric)
{
    size_t most = rubric->level_count;
    for (size_t i = 0; i < rubric->criterion_count; i++) {
        size_t count = export_rating_count(rubric, &rubric->criteria[i]);
        if (count > most)
            most = count;
    }
    return most;
}
