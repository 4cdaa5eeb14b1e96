/*
 * emit_index.c — the index page: every rubric of one rubricc run on one
 * page (index.html), with its authority, edition, counts and links to the
 * outputs written beside it (guidance page, JSON, audit form, CSV
 * template, whichever the run wrote), and to the crosswalk; and, when the
 * offline pages (web/: the rubric studio, the results page) were put in the
 * output directory first, a section linking to them, so that a folder
 * handed out holds the whole round.
 *
 * Self-contained like the guidance pages (html_text.c writes the head and
 * escapes every author string); rubrics appear in command-line order, so
 * the page is deterministic for the same command.
 */
#include "emit.h"

#include "html_text.h"

/* Writes one row of a rubric's particulars. */
static void write_row_begin(FILE *out, const char *key)
{
    fprintf(out, "<div class=\"summary-list__row\"><dt class=\"summary-list__key\">%s</dt>"
                 "<dd class=\"summary-list__value\">", key);
}

/* Writes a link to one of a rubric's outputs when the run wrote it. */
static void write_output_link(FILE *out, const emit_rubric_set *set, unsigned link, const char *id,
                              const char *suffix, const char *label)
{
    if (set->links & link)
        fprintf(out, "<li><a href=\"%s%s\">%s<span class=\"visually-hidden\"> of rubric %s</span></a></li>\n",
                id, suffix, label, id);
}

/* Writes one rubric's card. */
static void write_rubric(FILE *out, const emit_rubric_set *set, const ir_rubric *rubric)
{
    fprintf(out, "<li class=\"rubric-card\" aria-labelledby=\"index_%s\">\n<h2 class=\"heading-m\" id=\"index_%s\">",
            rubric->id, rubric->id);
    html_text_attribute(out, rubric->title);
    fputs("</h2>\n<dl class=\"summary-list\">\n", out);
    write_row_begin(out, "Authority");
    html_text_attribute(out, rubric->authority);
    fputs("</dd></div>\n", out);
    write_row_begin(out, "Edition");
    if (!html_text_edition(out, rubric, 0))
        fputs("not given", out);
    fputs("</dd></div>\n", out);
    write_row_begin(out, "Contents");
    fprintf(out, "%zu section%s, %zu criteri%s, %zu grade%s", rubric->section_count,
            rubric->section_count == 1 ? "" : "s", rubric->criterion_count,
            rubric->criterion_count == 1 ? "on" : "a", rubric->level_count, rubric->level_count == 1 ? "" : "s");
    fputs("</dd></div>\n", out);
    write_row_begin(out, "Rubric id");
    fprintf(out, "<code>%s</code></dd></div>\n</dl>\n<ul class=\"link-list\">\n", rubric->id);
    write_output_link(out, set, EMIT_LINK_PAGE, rubric->id, ".html", "Guidance page");
    write_output_link(out, set, EMIT_LINK_JSON, rubric->id, ".json", "JSON");
    write_output_link(out, set, EMIT_LINK_FORM, rubric->id, "-form.html", "Audit form");
    write_output_link(out, set, EMIT_LINK_CSV_TEMPLATE, rubric->id, "-template.csv", "CSV template");
    fputs("</ul>\n</li>\n", out);
}

/* Writes the section on the offline pages beside the index, if any. */
static void write_browser_tools(FILE *out, const emit_rubric_set *set)
{
    if (!(set->links & (EMIT_LINK_STUDIO | EMIT_LINK_RESULTS)))
        return;
    fputs("<h2 class=\"heading-l\" id=\"browser-tools\">Tools that run in your browser</h2>\n"
          "<p class=\"readable\">Each is one page beside this one that works opened from here, from a "
          "shared drive or an email attachment, with no network and nothing to install. Nothing you "
          "open in them leaves the computer.</p>\n<ul class=\"link-list\">\n", out);
    if (set->links & EMIT_LINK_STUDIO)
        fputs("<li><a href=\"studio.html\">The rubric studio</a>: write or change a rubric, see its "
              "mistakes as you type, preview its guidance page and audit form, run its tests and "
              "download what the compiler writes</li>\n", out);
    if (set->links & EMIT_LINK_RESULTS)
        fputs("<li><a href=\"results.html\">The results page</a>: grade a round's audit records with a "
              "rubric's JSON, and download the report for managers, the graded records, the summary "
              "and the moderation figures</li>\n", out);
    fputs("</ul>\n", out);
}

int emit_index(const emit_rubric_set *set, FILE *out)
{
    html_text_set_page_begin(out, "Case audit rubrics", "All rubrics");
    fprintf(out, "<h1 class=\"heading-xl\">Case audit rubrics</h1>\n<p class=\"readable\">%zu rubric%s, "
                 "compiled together. Each has a guidance page to read, the JSON that tools and the grader "
                 "read, an audit form to print or fill in, and a CSV template for spreadsheets.",
            set->count, set->count == 1 ? "" : "s");
    if (set->links & EMIT_LINK_CROSSWALK)
        fputs(" The <a href=\"crosswalk.html\">crosswalk</a> lines up their criteria theme by theme.", out);
    fputs("</p>\n", out);
    fputs("<ul class=\"rubric-list\">\n", out);
    for (size_t i = 0; i < set->count; i++)
        write_rubric(out, set, set->rubrics[i]);
    fputs("</ul>\n", out);
    write_browser_tools(out, set);
    html_text_page_end(out);
    return ferror(out) ? -1 : 0;
}
