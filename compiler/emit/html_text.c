/*
 * html_text.c — author text written safely into the generated pages (see
 * html_text.h), and the parts every page shares: its head and masthead.
 */
#include "html_text.h"

#include <stdbool.h>
#include <string.h>

#include "html_style.h"

void html_text_escaped(FILE *out, const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = (unsigned char)text[i];
        switch (byte) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (byte >= 0x20 || byte == '\t' || byte == '\n')
                fputc(byte, out);
        }
    }
}

/* Writes text with whitespace runs folded into one space, each other byte
 * through write_byte. */
static void write_folded(FILE *out, const char *text, void (*write_byte)(FILE *out, char byte))
{
    bool pending_space = false;
    for (const char *cursor = text; *cursor != '\0'; cursor++) {
        if (*cursor == '\n' || *cursor == ' ' || *cursor == '\t') {
            pending_space = true;
            continue;
        }
        if (pending_space && cursor != text)
            fputc(' ', out);
        pending_space = false;
        write_byte(out, *cursor);
    }
}

static void write_html_byte(FILE *out, char byte)
{
    html_text_escaped(out, &byte, 1);
}

/* A byte inside a CSS string: quotes and backslashes escaped, and < and >
 * as hex escapes (the space ends the escape) so that "</style" cannot
 * appear. */
static void write_css_byte(FILE *out, char byte)
{
    unsigned char value = (unsigned char)byte;
    if (byte == '"' || byte == '\\')
        fprintf(out, "\\%c", byte);
    else if (byte == '<' || byte == '>')
        fprintf(out, "\\%x ", value);
    else if (value >= 0x20 && value != 0x7f)
        fputc(byte, out);
}

void html_text_attribute(FILE *out, const char *text)
{
    write_folded(out, text, write_html_byte);
}

void html_text_css_string(FILE *out, const char *text)
{
    write_folded(out, text, write_css_byte);
}

void html_text_date(const char *iso_date, char *buffer, size_t size)
{
    static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
    int year, month, day;
    if (sscanf(iso_date, "%4d-%2d-%2d", &year, &month, &day) == 3 && month >= 1 && month <= 12)
        snprintf(buffer, size, "%d %s %d", day, months[month - 1], year);
    else
        snprintf(buffer, size, "%s", iso_date);
}

int html_text_edition(FILE *out, const ir_rubric *rubric, int escape_css)
{
    void (*write)(FILE *, const char *) = escape_css ? html_text_css_string : html_text_attribute;
    if (rubric->version != NULL) {
        write(out, rubric->version);
        return 1;
    }
    if (rubric->effective != NULL) {
        char date[64];
        html_text_date(rubric->effective, date, sizeof date);
        fputs("effective ", out);
        write(out, date);
        return 1;
    }
    return 0;
}

size_t html_text_criterion_row(const ir_rubric *rubric, const ir_criterion *criterion)
{
    return (size_t)(criterion - rubric->criteria) - rubric->sections[criterion->section].first_criterion + 1;
}

void html_text_criterion_name(FILE *out, const ir_rubric *rubric, const ir_criterion *criterion)
{
    if (criterion->title != NULL) {
        html_text_attribute(out, criterion->title);
        return;
    }
    fputs("Section ", out);
    html_text_attribute(out, rubric->sections[criterion->section].number);
    fprintf(out, ", row %zu", html_text_criterion_row(rubric, criterion));
}

void html_text_head_begin(FILE *out, const char *title_prefix, const ir_rubric *rubric)
{
    html_text_head_begin_scripts(out, title_prefix, rubric, "'unsafe-inline'");
}

void html_text_head_begin_scripts(FILE *out, const char *title_prefix, const ir_rubric *rubric,
                                  const char *script_sources)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"rubricc\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
          "script-src ", out);
    fputs(script_sources, out);
    fputs("\">\n<title>", out);
    if (title_prefix != NULL)
        fputs(title_prefix, out);
    if (rubric != NULL) {
        html_text_attribute(out, rubric->title);
        fputs(" \xE2\x80\x93 ", out);
        html_text_attribute(out, rubric->authority);
    }
    fputs("</title>\n<style>\n", out);
    html_style_write(out);
}

void html_text_head_end(FILE *out)
{
    fputs("</style>\n</head>\n<body>\n", out);
}

void html_text_set_page_begin(FILE *out, const char *title, const char *service)
{
    html_text_head_begin(out, title, NULL);
    html_style_write_listing(out);
    html_text_head_end(out);
    html_text_masthead(out, "Case audit grading guidance", service);
    fputs("<div class=\"width-container\">\n<main class=\"main\" id=\"page_main\">\n", out);
}

void html_text_page_end(FILE *out)
{
    fputs("</main>\n</div>\n</body>\n</html>\n", out);
}

void html_text_masthead(FILE *out, const char *authority, const char *service)
{
    fputs("<a href=\"#page_main\" class=\"skip-link\">Skip to main content</a>\n"
          "<header class=\"masthead\">\n<div class=\"width-container masthead__inner\">\n"
          "<p class=\"masthead__authority\">", out);
    html_text_attribute(out, authority);
    fputs("</p>\n<p class=\"masthead__service\">", out);
    fputs(service, out);
    fputs("</p>\n</div>\n</header>\n", out);
}
