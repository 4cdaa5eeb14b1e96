/*
 * csv_cell.c — CSV cells, neutralised and quoted (see csv_cell.h).
 *
 * rubric-grade writes a cell per value of every audit it reports, so the
 * common cell (no formula start, nothing to quote) costs one look at its
 * first byte, one strpbrk and one copy into room reserved once.
 */
#include <string.h>

#include "csv_cell.h"

/* A plain number: an optional sign, digits, at most one decimal point. */
static int is_plain_number(const char *text)
{
    const char *cursor = text + (text[0] == '-' || text[0] == '+');
    int digits = 0, points = 0;
    for (; *cursor; cursor++) {
        if (*cursor >= '0' && *cursor <= '9')
            digits++;
        else if (*cursor == '.' && points++ == 0)
            continue;
        else
            return 0;
    }
    return digits > 0;
}

int csv_cell_is_formula(const char *text)
{
    if (text == NULL || text[0] == '\0' || strchr("=+-@\t\r", text[0]) == NULL)
        return 0;
    return !is_plain_number(text);
}

int csv_cell_needs_neutralising(const char *text)
{
    if (text == NULL)
        return 0;
    return csv_cell_is_formula(text + strspn(text, "'"));
}

/* The cell: an apostrophe first where needed; between quotes when QUOTE
 * is set or the text asks for it. Room for the longest result (every
 * byte a quote, doubled, the apostrophe and the two quotes around) is
 * made once. */
static void write_cell(output_buffer *buffer, const char *text, int quote)
{
    if (text == NULL)
        text = "";
    int neutralise = text[0] != '\0' && strchr("=+-@\t\r'", text[0]) != NULL
                     && csv_cell_needs_neutralising(text);
    size_t length = strlen(text);
    if (!output_reserve(buffer, output_room_add(output_room_add(length, length), 3)))
        return;
    quote = quote || strpbrk(text, ",\"\r\n") != NULL;
    char *to = output_end(buffer);
    if (quote)
        *to++ = '"';
    if (neutralise)
        *to++ = '\'';
    if (!quote) {
        to = output_put(to, text, length);
    } else {
        for (const char *cursor = text; *cursor; cursor++) {
            if (*cursor == '"')
                *to++ = '"';
            *to++ = *cursor;
        }
        *to++ = '"';
    }
    *to = '\0';
    output_set_end(buffer, to);
}

void csv_cell(output_buffer *buffer, const char *text)
{
    write_cell(buffer, text, 0);
}

void csv_cell_quoted(output_buffer *buffer, const char *text)
{
    write_cell(buffer, text, 1);
}

const char *csv_cell_restored(const char *text)
{
    if (text[0] == '\'' && csv_cell_needs_neutralising(text + 1))
        return text + 1;
    return text;
}
