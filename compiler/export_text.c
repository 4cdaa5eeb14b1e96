/*
 * export_text.c — texts the exports share (see export_text.h).
 */
#include "export_text.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
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

/* A formatted string to free(), or NULL when out of memory. */
static char *format_text(const char *format, ...) __attribute__((format(printf, 1, 2)));

static char *format_text(const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(NULL, 0, format, arguments);
    va_end(arguments);
    if (length < 0)
        return NULL;
    char *text = malloc((size_t)length + 1);
    if (text == NULL)
        return NULL;
    va_start(arguments, format);
    vsnprintf(text, (size_t)length + 1, format, arguments);
    va_end(arguments);
    return text;
}

char *export_section_label(const ir_section *section)
{
    if (section->title == NULL)
        return format_text("Section %s", section->number);
    return format_text("Section %s: %s", section->number, section->title);
}

char *export_criterion_name(const ir_rubric *rubric, const ir_criterion *criterion)
{
    if (criterion->title != NULL)
        return format_text("%s", criterion->title);
    const ir_section *section = &rubric->sections[criterion->section];
    size_t row = (size_t)(criterion - rubric->criteria) - section->first_criterion + 1;
    return format_text("Section %s, row %zu", section->number, row);
}
