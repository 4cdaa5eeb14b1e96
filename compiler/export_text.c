/*
 * export_text.c — texts the exports share (see export_text.h).
 */
#include "export_text.h"

#include <stdbool.h>
#include <string.h>

void export_csv_field(FILE *out, const char *text)
{
    size_t length = strlen(text);
    bool quoted = strpbrk(text, ",\"\r\n") != NULL
                  || (length > 0 && (text[0] == ' ' || text[length - 1] == ' '));
    if (!quoted) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *cursor = text; *cursor != '\0'; cursor++) {
        if (*cursor == '"')
            fputc('"', out);
        fputc(*cursor, out);
    }
    fputc('"', out);
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
