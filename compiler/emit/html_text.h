/*
 * html_text.h — author text written safely into the generated pages.
 *
 * Every HTML output of rubricc (the guidance page, the audit form, the
 * index and the crosswalk, see emit.h) writes author strings only through
 * these functions, so that escaping is decided in one place: HTML text and
 * attribute values escape &, <, >, " and '; CSS strings (the running
 * headers of the printed page) escape quotes, backslashes and < so that no
 * author text can close the <style> element. C0 control characters other
 * than tab and newline, which HTML forbids, are left out everywhere.
 */
#ifndef HTML_TEXT_H
#define HTML_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "ir.h"

/* Writes length bytes of author text, escaped for HTML text and attribute
 * values alike. */
void html_text_escaped(FILE *out, const char *text, size_t length);

/* Writes author text for an attribute value (or <title>): escaped, with
 * line breaks and runs of spaces folded into one space. */
void html_text_attribute(FILE *out, const char *text);

/* Writes author text inside a CSS string ("…"), line breaks and runs of
 * spaces folded into one space. */
void html_text_css_string(FILE *out, const char *text);

/* Formats an effective date "2024-04-01" as "1 April 2024" into buffer
 * (size bytes); a date in any other form is copied as it is. */
void html_text_date(const char *iso_date, char *buffer, size_t size);

/* Writes the rubric's edition in words: its version, else "effective 1
 * April 2024", else nothing; returns whether it wrote anything. escape_css
 * selects CSS string escaping instead of HTML. */
int html_text_edition(FILE *out, const ir_rubric *rubric, int escape_css);

/* Writes a criterion's name as plain escaped text: its title, or for an
 * untitled one "Section 2, row 1". */
void html_text_criterion_name(FILE *out, const ir_rubric *rubric, const ir_criterion *criterion);

/* The position of a criterion within its section, counting from 1. */
size_t html_text_criterion_row(const ir_rubric *rubric, const ir_criterion *criterion);

/* Writes the start of a self-contained page, up to and inside <style>:
 * the doctype, <head> with the <title> "title_prefix rubric title –
 * authority" (title_prefix and rubric may each be NULL; with no rubric the
 * title is title_prefix alone), the viewport, and the guidance stylesheet
 * (html_style.c). The caller may add rules of its own, then calls
 * html_text_head_end(). */
void html_text_head_begin(FILE *out, const char *title_prefix, const ir_rubric *rubric);

/* As html_text_head_begin(), for a page with scripts: the Content-
 * Security-Policy allows the scripts script_sources names (fixed text:
 * "'sha256-…'" for each script, the form's) and nothing else. */
void html_text_head_begin_scripts(FILE *out, const char *title_prefix, const ir_rubric *rubric,
                                  const char *script_sources);

/* Closes the <style> and <head> and opens <body>. */
void html_text_head_end(FILE *out);

/* Writes the start of a page about all the rubrics of a run (the index,
 * the crosswalk) up to the opening of <main>: title (fixed text) in the
 * <title>, the listing rules after the guidance stylesheet, the masthead
 * with service (fixed text). html_text_page_end() closes it. */
void html_text_set_page_begin(FILE *out, const char *title, const char *service);

/* Closes <main>, its container, <body> and <html>. */
void html_text_page_end(FILE *out);

/* Writes the skip link and the masthead: authority (escaped) and service. */
void html_text_masthead(FILE *out, const char *authority, const char *service);

#endif /* HTML_TEXT_H */
