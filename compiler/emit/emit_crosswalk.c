/*
 * emit_crosswalk.c — the crosswalk page: the criteria of every rubric of
 * one rubricc run lined up theme by theme (crosswalk.html).
 *
 * Themes are matched by id, the shared vocabulary of
 * rubrics/shared/themes.rubric that every rubric includes; a theme's label
 * is the first rubric's. Themes come in the order the rubrics declare them
 * (the first rubric's, then any the next adds), rubrics in command-line
 * order, criteria in rubric order, so the page is deterministic. Under each
 * theme every rubric has a column (a stacked block on a phone) listing its
 * criteria tagged with the theme, directly or through their section,
 * linked to their row on the guidance page when the run wrote it.
 */
#include "emit.h"

#include <stdbool.h>
#include <string.h>

#include "html_text.h"

/* The index in rubric of the theme with this id, or SIZE_MAX. */
static size_t theme_index(const ir_rubric *rubric, const char *id)
{
    for (size_t i = 0; i < rubric->theme_count; i++)
        if (strcmp(rubric->themes[i].id, id) == 0)
            return i;
    return (size_t)-1;
}

/* Whether an earlier rubric of the set (before rubric number r) declares
 * the theme with this id: then it is already on the page. */
static bool declared_before(const emit_rubric_set *set, size_t r, const char *id)
{
    for (size_t earlier = 0; earlier < r; earlier++)
        if (theme_index(set->rubrics[earlier], id) != (size_t)-1)
            return true;
    return false;
}

/* Whether a criterion is tagged with theme (an index into its rubric). */
static bool has_theme(const ir_criterion *criterion, size_t theme)
{
    for (size_t i = 0; i < criterion->theme_count; i++)
        if (criterion->themes[i] == theme)
            return true;
    return false;
}

/* Writes one rubric's criteria under a theme. */
static void write_rubric_column(FILE *out, const emit_rubric_set *set, const ir_rubric *rubric, const char *theme_id)
{
    size_t theme = theme_index(rubric, theme_id);
    fputs("<div class=\"theme__rubric\">\n<h3 class=\"heading-s\">", out);
    html_text_attribute(out, rubric->authority);
    fputs("</h3>\n", out);
    size_t listed = 0;
    for (size_t i = 0; theme != (size_t)-1 && i < rubric->criterion_count; i++) {
        const ir_criterion *criterion = &rubric->criteria[i];
        if (!has_theme(criterion, theme))
            continue;
        if (listed++ == 0)
            fputs("<ul>\n", out);
        fputs("<li>", out);
        if (set->links & EMIT_LINK_PAGE)
            fprintf(out, "<a href=\"%s.html#%s\">", rubric->id, criterion->id);
        html_text_criterion_name(out, rubric, criterion);
        if (set->links & EMIT_LINK_PAGE)
            fputs("</a>", out);
        fputs("<span class=\"crosswalk-id\">Section ", out);
        html_text_attribute(out, rubric->sections[criterion->section].number);
        fprintf(out, " \xC2\xB7 <code>%s</code></span></li>\n", criterion->id);
    }
    fputs(listed > 0 ? "</ul>\n" : "<p class=\"theme__none\">No criterion tagged with this theme.</p>\n", out);
    fputs("</div>\n", out);
}

/* Writes one theme: its heading and a column per rubric. */
static void write_theme(FILE *out, const emit_rubric_set *set, const ir_theme *theme)
{
    fprintf(out, "<section class=\"theme\" id=\"theme_%s\" aria-labelledby=\"theme_%s_heading\">\n"
                 "<h2 class=\"heading-l\" id=\"theme_%s_heading\">", theme->id, theme->id, theme->id);
    html_text_attribute(out, theme->label);
    fputs("</h2>\n<div class=\"theme__rubrics\">\n", out);
    for (size_t r = 0; r < set->count; r++)
        write_rubric_column(out, set, set->rubrics[r], theme->id);
    fputs("</div>\n</section>\n", out);
}

/* Calls write for every theme of the set once, in declaration order. */
static void for_each_theme(FILE *out, const emit_rubric_set *set,
                           void (*write)(FILE *out, const emit_rubric_set *set, const ir_theme *theme))
{
    for (size_t r = 0; r < set->count; r++)
        for (size_t t = 0; t < set->rubrics[r]->theme_count; t++)
            if (!declared_before(set, r, set->rubrics[r]->themes[t].id))
                write(out, set, &set->rubrics[r]->themes[t]);
}

/* Writes a theme's entry in the contents. */
static void write_contents_entry(FILE *out, const emit_rubric_set *set, const ir_theme *theme)
{
    (void)set;
    fprintf(out, "<li class=\"contents__item\"><a href=\"#theme_%s\">", theme->id);
    html_text_attribute(out, theme->label);
    fputs("</a></li>\n", out);
}

int emit_crosswalk(const emit_rubric_set *set, FILE *out)
{
    html_text_set_page_begin(out, "Crosswalk of criteria by theme", "Crosswalk by theme");
    fputs("<h1 class=\"heading-xl\">Criteria by theme</h1>\n<p class=\"readable\">Every authority\xE2\x80\x99s "
          "criteria lined up theme by theme, from the shared theme vocabulary: ", out);
    for (size_t r = 0; r < set->count; r++) {
        if (r > 0)
            fputs(r + 1 == set->count ? " and " : ", ", out);
        html_text_attribute(out, set->rubrics[r]->authority);
    }
    fputs(".", out);
    if (set->links & EMIT_LINK_INDEX)
        fputs(" See also the <a href=\"index.html\">index of rubrics</a>.", out);
    fputs("</p>\n<nav class=\"contents\" aria-labelledby=\"crosswalk_contents\">\n"
          "<h2 class=\"heading-m\" id=\"crosswalk_contents\">Themes</h2>\n<ol class=\"contents__list\">\n", out);
    for_each_theme(out, set, write_contents_entry);
    fputs("</ol>\n</nav>\n", out);
    for_each_theme(out, set, write_theme);
    html_text_page_end(out);
    return ferror(out) ? -1 : 0;
}
