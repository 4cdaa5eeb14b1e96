/*
 * html_style.h — the stylesheet of the guidance pages.
 *
 * emit_html.c writes one self-contained page per rubric, so its CSS travels
 * inside the page in a <style> element. The stylesheet is fixed text, the
 * same for every rubric: it holds no author string, so nothing in it needs
 * escaping. It lives in its own file so that the page structure
 * (emit_html.c) and the look (html_style.c) can be read and changed apart.
 */
#ifndef HTML_STYLE_H
#define HTML_STYLE_H

#include <stddef.h>
#include <stdio.h>

/* The number of colours grades are drawn in: a scale's levels are spread
 * over them best to worst (class "grade-colour-0" … "grade-colour-4"). */
#define HTML_GRADE_COLOUR_COUNT 5

/* Writes the whole stylesheet of the guidance page (without the <style>
 * tags); every other page starts from it too. */
void html_style_write(FILE *out);

/* Writes the audit form's rules, to follow html_style_write(). */
void html_style_write_form(FILE *out);

/* Writes the index and crosswalk pages' rules, to follow html_style_write(). */
void html_style_write_listing(FILE *out);

/* The colour class index of a level: the scale (level_count levels, at
 * least two) spread best to worst over the HTML_GRADE_COLOUR_COUNT colours. */
size_t html_style_level_colour(size_t level, size_t level_count);

#endif /* HTML_STYLE_H */
