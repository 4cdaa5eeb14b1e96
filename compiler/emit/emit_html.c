/*
 * emit_html.c — the guidance page: checked IR in, one HTML page out.
 *
 * One self-contained page per rubric, for auditors to read on screen and
 * to print: the stylesheet travels inside the page (html_style.c), there is
 * no script and nothing is fetched. The page, top to bottom: a skip link and
 * a masthead; the title and particulars; key factors; contents (sections
 * and their criteria); the grading scale; how grades are combined, in plain
 * English; per section its notes, the tags it gives all its criteria, its
 * section-wide statements written once, and a table (criteria down, levels
 * across) whose cells point to those statements instead of repeating them;
 * the glossary. Criteria and sections that cap a grade are marked, and a
 * thick line follows the last good-or-better level. html_style.c turns each
 * row into a card on a phone and lays the page out for A4 landscape; the
 * print running header (rubric and edition) is written here, as it quotes
 * author text, and each criteria table's head holds a print-only row naming
 * the section, which the browser repeats at the top of every page.
 *
 * Every author string goes through html_page_text() or html_text.c, which
 * escape &, <, >, " and ' (and quote it safely inside CSS strings). Ids come from the IR, which guarantees them to be
 * [a-z][a-z0-9-]*, so they are written as they are. Criterion rows take the
 * criterion id as their HTML id (the permalink); every other id on the page
 * holds an underscore, which no IR id can, so the two never collide.
 *
 * The guidance text itself (author text with its glossary abbreviations
 * marked up at their first occurrence in each unit of text, prose, grades,
 * each descriptor) is written by html_page.c, which the audit form shares,
 * so that the form's descriptors are this page's.
 */
#include "emit.h"

#include <stdbool.h>
#include <string.h>

#include "html_page.h"
#include "html_style.h"
#include "html_text.h"

/* ------------------------------------------------------------- naming */

/* The colour class index of a level (see html_style.h). */
static size_t level_colour(const ir_rubric *rubric, size_t level)
{
    return html_style_level_colour(level, rubric->level_count);
}

/* Writes a level as words: "Good (G)", or "score 7" between the anchors. */
static void write_level_name(html_page *page, size_t level)
{
    const ir_level *entry = &page->rubric->levels[level];
    if (!entry->anchor) {
        fputs("score ", page->out);
        html_page_text(page, entry->code);
        return;
    }
    html_page_text(page, entry->label);
    fputs(" (", page->out);
    html_page_text(page, entry->code);
    fputc(')', page->out);
}

/* Writes a criterion's title, or for an untitled one "section 2, row 1". */
static void write_criterion_name(html_page *page, const ir_criterion *criterion)
{
    if (criterion->title != NULL) {
        html_page_text(page, criterion->title);
        return;
    }
    fputs("section ", page->out);
    html_page_text(page, page->rubric->sections[criterion->section].number);
    fprintf(page->out, ", row %zu", html_text_criterion_row(page->rubric, criterion));
}

/* Writes a section's name: "Section 7: Title", or "Section 7" untitled. */
static void write_section_name(html_page *page, const ir_section *section)
{
    fputs("Section ", page->out);
    html_page_text(page, section->number);
    if (section->title != NULL) {
        fputs(": ", page->out);
        html_page_text(page, section->title);
    }
}

/* Writes the tag that marks a section's title as supplied by the rubric,
 * not the authority's own, when it is: wherever the title is shown. */
static void write_title_supplied_tag(html_page *page, const ir_section *section, const char *tag_class)
{
    if (section->title_supplied != NULL)
        fprintf(page->out, " <strong class=\"%s tag--grey title-supplied-tag\">Title supplied</strong>",
                tag_class);
}

/* Writes a link to a criterion's row: "criterion “Title” (section 2)", or
 * "the criterion in section 2, row 1" for an untitled one. */
static void write_criterion_reference(html_page *page, size_t index)
{
    const ir_criterion *criterion = &page->rubric->criteria[index];
    if (criterion->title == NULL) {
        fprintf(page->out, "the criterion in <a href=\"#%s\">", criterion->id);
        write_criterion_name(page, criterion);
        fputs("</a>", page->out);
        return;
    }
    fprintf(page->out, "criterion <a href=\"#%s\">\xE2\x80\x9C", criterion->id);
    html_page_text(page, criterion->title);
    fputs("\xE2\x80\x9D</a> (section ", page->out);
    html_page_text(page, page->rubric->sections[criterion->section].number);
    fputc(')', page->out);
}

/* Writes a link to a section: "section 2 (Title)". */
static void write_section_reference(html_page *page, size_t index)
{
    const ir_section *section = &page->rubric->sections[index];
    fprintf(page->out, "<a href=\"#section_%s\">section ", section->id);
    html_page_text(page, section->number);
    fputs("</a>", page->out);
    if (section->title != NULL) {
        fputs(" (", page->out);
        html_page_text(page, section->title);
        fputc(')', page->out);
        write_title_supplied_tag(page, section, "tag tag--small");
    }
}

/* The index of the criterion with this id (the IR resolved it). */
static size_t criterion_index(const ir_rubric *rubric, const char *id)
{
    for (size_t i = 0; i < rubric->criterion_count; i++)
        if (strcmp(rubric->criteria[i].id, id) == 0)
            return i;
    return 0;
}

/* ------------------------------------------------------------- tags */

/* Writes "Applies to: CIN CP" as tags, each abbreviation marked up. */
static void write_case_type_tags(html_page *page, const char *const *case_types, size_t count,
                                 const char *tag_class)
{
    if (count == 0)
        return;
    fputs("<span class=\"tag-list__label\">Applies to:</span>\n", page->out);
    for (size_t i = 0; i < count; i++) {
        html_page_unit_begin(page);
        fprintf(page->out, "<strong class=\"%s\">", tag_class);
        html_page_text(page, case_types[i]);
        fputs("</strong>\n", page->out);
    }
}

/* Writes "Themes: …" as purple tags. */
static void write_theme_tags(html_page *page, const size_t *themes, size_t count, const char *tag_class)
{
    if (count == 0)
        return;
    fputs("<span class=\"tag-list__label\">Themes:</span>\n", page->out);
    for (size_t i = 0; i < count; i++) {
        fprintf(page->out, "<strong class=\"%s tag--purple\">", tag_class);
        html_text_escaped(page->out, page->rubric->themes[themes[i]].label,
                      strlen(page->rubric->themes[themes[i]].label));
        fputs("</strong>\n", page->out);
    }
}

/* Writes the grey "may be marked not applicable" tag when it applies. */
static void write_not_applicable_tag(html_page *page, bool allowed, const char *tag_class)
{
    if (allowed)
        fprintf(page->out, "<strong class=\"%s tag--grey\">May be marked not applicable (NA)</strong>\n",
                tag_class);
}

/* ------------------------------------------------------- page parts */

/* Writes the print rule that names the rubric and its edition at the top
 * of every printed page. Sections run on from page to page (a page break
 * before each would leave half-empty pages); each page names its section
 * through the head of the section's criteria table, which the browser
 * repeats on every page the table spans. */
static void write_running_head(html_page *page)
{
    FILE *out = page->out;
    fputs("/* Running header of the printed page: rubric and edition */\n@page { @top-left { content: \"", out);
    html_text_css_string(out, page->rubric->title);
    fputs(" \xC2\xB7 ", out);
    if (!html_text_edition(out, page->rubric, 1))
        fputs("no edition given", out);
    fputs("\"; } }\n", out);
}

/* Writes <head>: title, viewport, the stylesheet, the running headers. */
static void write_head(html_page *page)
{
    html_text_head_begin(page->out, NULL, page->rubric);
    write_running_head(page);
    html_text_head_end(page->out);
}

/* Writes the skip link and the masthead: the authority's name. */
static void write_masthead(html_page *page)
{
    html_text_masthead(page->out, page->rubric->authority, "Case audit grading guidance");
}

/* Writes one row of the particulars list. */
static void write_summary_row_begin(html_page *page, const char *key)
{
    fprintf(page->out, "<div class=\"summary-list__row\"><dt class=\"summary-list__key\">%s</dt>"
                       "<dd class=\"summary-list__value\">", key);
    html_page_unit_begin(page);
}

/* Writes an effective date "2024-04-01" as "1 April 2024". */
static void write_date(html_page *page, const char *iso_date)
{
    char date[64];
    html_text_date(iso_date, date, sizeof date);
    fputs("<time datetime=\"", page->out);
    html_text_attribute(page->out, iso_date);
    fputs("\">", page->out);
    html_page_text(page, date);
    fputs("</time>", page->out);
}

/* Writes the title and the rubric's particulars. */
static void write_title(html_page *page)
{
    const ir_rubric *rubric = page->rubric;
    fputs("<span class=\"caption\">Grading guidance</span>\n<h1 class=\"heading-xl\">", page->out);
    html_page_unit_begin(page);
    html_page_text(page, rubric->title);
    fputs("</h1>\n<dl class=\"summary-list\">\n", page->out);
    write_summary_row_begin(page, "Authority");
    html_page_text(page, rubric->authority);
    fputs("</dd></div>\n", page->out);
    if (rubric->version != NULL) {
        write_summary_row_begin(page, "Version");
        html_page_text(page, rubric->version);
        fputs("</dd></div>\n", page->out);
    }
    if (rubric->effective != NULL) {
        write_summary_row_begin(page, "Effective from");
        write_date(page, rubric->effective);
        fputs("</dd></div>\n", page->out);
    }
    write_summary_row_begin(page, "Contents");
    fprintf(page->out, "%zu section%s, %zu criteri%s", rubric->section_count,
            rubric->section_count == 1 ? "" : "s", rubric->criterion_count,
            rubric->criterion_count == 1 ? "on" : "a");
    fputs("</dd></div>\n", page->out);
    fprintf(page->out, "<div class=\"summary-list__row\"><dt class=\"summary-list__key\">Rubric id</dt>"
                       "<dd class=\"summary-list__value\"><code>%s</code></dd></div>\n</dl>\n", rubric->id);
}

/* Writes the key factors, when the rubric has them. */
static void write_key_factors(html_page *page)
{
    if (page->rubric->key_factors == NULL)
        return;
    fputs("<h2 class=\"heading-l\" id=\"page_key_factors\">Key factors</h2>\n<div class=\"readable prose key-factors\">\n",
          page->out);
    html_page_unit_begin(page);
    html_page_prose(page, page->rubric->key_factors);
    fputs("</div>\n", page->out);
}

/* Writes one entry of the contents list. */
static void write_contents_entry(html_page *page, const char *anchor, const char *label)
{
    fprintf(page->out, "<li class=\"contents__item\"><a href=\"#%s\">%s</a></li>\n", anchor, label);
}

/* Writes the criteria of a section as a list nested in its contents entry. */
static void write_contents_criteria(html_page *page, const ir_section *section)
{
    if (section->criterion_count == 0)
        return;
    fputs("\n<ol class=\"contents__criteria\">\n", page->out);
    for (size_t row = 0; row < section->criterion_count; row++) {
        const ir_criterion *criterion = &page->rubric->criteria[section->first_criterion + row];
        fprintf(page->out, "<li><a href=\"#%s\">", criterion->id);
        html_page_unit_begin(page);
        write_criterion_name(page, criterion);
        fputs("</a></li>\n", page->out);
    }
    fputs("</ol>\n", page->out);
}

/* Writes the contents list: page parts, every section and its criteria. */
static void write_contents(html_page *page)
{
    const ir_rubric *rubric = page->rubric;
    fputs("<nav class=\"contents\" aria-labelledby=\"page_contents\">\n"
          "<h2 class=\"heading-m\" id=\"page_contents\">Contents</h2>\n<ol class=\"contents__list\">\n",
          page->out);
    if (rubric->key_factors != NULL)
        write_contents_entry(page, "page_key_factors", "Key factors");
    write_contents_entry(page, "page_scale", "Grading scale");
    write_contents_entry(page, "page_rules", "How grades are combined");
    if (rubric->fact_count > 0)
        write_contents_entry(page, "page_facts", "Case facts");
    for (size_t i = 0; i < rubric->section_count; i++) {
        fprintf(page->out, "<li class=\"contents__item\"><a href=\"#section_%s\">", rubric->sections[i].id);
        html_page_unit_begin(page);
        write_section_name(page, &rubric->sections[i]);
        fputs("</a>", page->out);
        write_title_supplied_tag(page, &rubric->sections[i], "tag tag--small");
        write_contents_criteria(page, &rubric->sections[i]);
        fputs("</li>\n", page->out);
    }
    if (rubric->glossary_count > 0)
        write_contents_entry(page, "page_glossary", "Glossary");
    fputs("</ol>\n</nav>\n", page->out);
}

/* Writes the reporting bands: each band's name and the grades in it. */
static void write_bands(html_page *page)
{
    const ir_rubric *rubric = page->rubric;
    if (rubric->band_count == 0)
        return;
    fputs("<h3 class=\"heading-m\" id=\"page_bands\">Reporting bands</h3>\n"
          "<p class=\"readable\">Summaries and limits group the grades into these bands.</p>\n"
          "<table class=\"table table--narrow\">\n<caption class=\"visually-hidden\">Reporting bands, best "
          "first</caption>\n<thead>\n<tr><th scope=\"col\">Band</th><th scope=\"col\">Grades</th></tr>\n"
          "</thead>\n<tbody>\n", page->out);
    for (size_t i = 0; i < rubric->band_count; i++) {
        const ir_band *band = &rubric->bands[i];
        html_page_unit_begin(page);
        fputs("<tr><th scope=\"row\">", page->out);
        html_page_text(page, band->label);
        fputs("</th><td>", page->out);
        html_page_text(page, rubric->levels[band->best_level].code);
        if (band->worst_level != band->best_level) {
            fputs(" to ", page->out);
            html_page_text(page, rubric->levels[band->worst_level].code);
        }
        fputs("</td></tr>\n", page->out);
    }
    fputs("</tbody>\n</table>\n", page->out);
}

/* Writes the grading scale: each level's colour tag, code and name. */
static void write_scale(html_page *page)
{
    const ir_rubric *rubric = page->rubric;
    fputs("<h2 class=\"heading-l\" id=\"page_scale\">Grading scale</h2>\n"
          "<p class=\"readable\">Each criterion is graded on this scale, best first. Each grade has a "
          "colour, but the page always writes its code and name too.</p>\n"
          "<table class=\"table table--narrow\">\n<caption class=\"visually-hidden\">Grading scale, best "
          "first</caption>\n<thead>\n<tr><th scope=\"col\">Grade</th><th scope=\"col\">Code</th>"
          "<th scope=\"col\">Counts as good or better</th></tr>\n</thead>\n<tbody>\n",
          page->out);
    for (size_t level = 0; level < rubric->level_count; level++) {
        html_page_unit_begin(page);
        fputs("<tr><th scope=\"row\">", page->out);
        html_page_grade(page, level);
        fputs("</th><td>", page->out);
        html_page_text(page, rubric->levels[level].code);
        fprintf(page->out, "</td><td>%s</td></tr>\n", level <= rubric->grading.good_or_better ? "Yes" : "No");
    }
    fputs("</tbody>\n</table>\n", page->out);
    write_bands(page);
}

/* Writes how a method combines grades: "the median of". */
static void write_method(html_page *page, rubric_method method)
{
    switch (method) {
    case RUBRIC_METHOD_WORST: fputs("the worst", page->out); break;
    case RUBRIC_METHOD_BEST: fputs("the best", page->out); break;
    case RUBRIC_METHOD_MEDIAN: fputs("the median (the middle grade, in scale order)", page->out); break;
    case RUBRIC_METHOD_MOST_FREQUENT: fputs("the most frequent", page->out); break;
    case RUBRIC_METHOD_MEAN: fputs("the mean (the average, weighted where weights are given, rounded to a grade)", page->out); break;
    }
}

/* Whether a method can meet a tie that the tie rule must break. */
static bool method_has_ties(rubric_method method)
{
    return method == RUBRIC_METHOD_MEDIAN || method == RUBRIC_METHOD_MOST_FREQUENT;
}

/* Writes the rule for section grades, with the sections that differ. */
static void write_section_grade_rule(html_page *page)
{
    const ir_rubric *rubric = page->rubric;
    fputs("<li>A section\xE2\x80\x99s grade is ", page->out);
    write_method(page, rubric->grading.section_method);
    fputs(" of its criteria\xE2\x80\x99s grades", page->out);
    size_t exceptions = 0;
    for (size_t i = 0; i < rubric->section_count; i++)
        exceptions += rubric->sections[i].method != rubric->grading.section_method;
    if (exceptions == 0) {
        fputs(".</li>\n", page->out);
        return;
    }
    fputs(", except:\n<ul class=\"list-bullet\">\n", page->out);
    for (size_t i = 0; i < rubric->section_count; i++) {
        if (rubric->sections[i].method == rubric->grading.section_method)
            continue;
        fputs("<li>", page->out);
        write_section_reference(page, i);
        fputs(": ", page->out);
        write_method(page, rubric->sections[i].method);
        fputs(" of its criteria\xE2\x80\x99s grades</li>\n", page->out);
    }
    fputs("</ul>\n</li>\n", page->out);
}

/* Writes the rule for the overall grade and the tie rule. */
static void write_overall_grade_rule(html_page *page)
{
    const ir_grading *grading = &page->rubric->grading;
    fputs("<li>The overall grade is ", page->out);
    write_method(page, grading->overall_method);
    fputs(grading->overall_basis == RUBRIC_BASIS_SECTIONS ? " of the section grades.</li>\n"
                                                          : " of all the criterion grades, across sections.</li>\n",
          page->out);
    bool ties = method_has_ties(grading->overall_method) || method_has_ties(grading->section_method);
    for (size_t i = 0; i < page->rubric->section_count; i++)
        ties = ties || method_has_ties(page->rubric->sections[i].method);
    if (ties)
        fprintf(page->out, "<li>Where the middle falls between two grades, or two grades are given equally "
                           "often, the %s grade of the two is taken.</li>\n",
                grading->ties == RUBRIC_TIES_LOWER ? "lower (worse)" : "higher (better)");
    if (grading->unrounded_sections)
        fputs("<li>The overall mean averages the sections\xE2\x80\x99 unrounded means, not their grades.</li>\n",
              page->out);
    /* a method's own tie rule ("median, ties higher") */
    if (grading->overall_ties)
        fprintf(page->out, "<li>For the overall grade, the %s grade of the two is taken.</li>\n",
                grading->overall_ties == 1 + RUBRIC_TIES_LOWER ? "lower (worse)" : "higher (better)");
    for (size_t i = 0; i < page->rubric->section_count; i++)
        if (page->rubric->sections[i].ties && page->rubric->sections[i].answer_set < 0) {
            fputs("<li>For ", page->out);
            write_section_reference(page, i);
            fprintf(page->out, ", the %s grade of the two is taken.</li>\n",
                    page->rubric->sections[i].ties == 1 + RUBRIC_TIES_LOWER ? "lower (worse)" : "higher (better)");
        }
}

/* Writes the limits on one grade (the overall grade when scope is
 * RUBRIC_SCOPE_OVERALL, else section's), if any. */
static void write_limits_on(html_page *page, rubric_scope scope, size_t section)
{
    const ir_grading *grading = &page->rubric->grading;
    bool any = false;
    for (size_t i = 0; i < grading->limit_count; i++) {
        const ir_limit *limit = &grading->limits[i];
        if (limit->scope != scope || (scope == RUBRIC_SCOPE_SECTION && limit->section != section)
            || limit->kind == RUBRIC_LIMIT_BY_CONDITION)
            continue;
        if (!any) {
            fputs("<li>", page->out);
            if (scope == RUBRIC_SCOPE_OVERALL) {
                fputs("The overall grade", page->out);
            } else {
                fputs("The grade of ", page->out);
                write_section_reference(page, section);
            }
            fputs(" can be no better than the grade of:\n<ul class=\"list-bullet\">\n", page->out);
            any = true;
        }
        fputs("<li>", page->out);
        if (limit->kind == RUBRIC_LIMIT_BY_CRITERION)
            write_criterion_reference(page, limit->index);
        else
            write_section_reference(page, limit->index);
        fputs("</li>\n", page->out);
    }
    if (any)
        fputs("</ul>\n</li>\n", page->out);
}

/* Writes how "not applicable" grades count. */
static void write_not_applicable_rule(html_page *page)
{
    const ir_grading *grading = &page->rubric->grading;
    fputs("<li>Only criteria tagged \xE2\x80\x9CMay be marked not applicable (NA)\xE2\x80\x9D may be graded "
          "NA. ", page->out);
    if (grading->not_applicable == RUBRIC_NA_LEAVE_OUT) {
        fputs("An NA grade is left out: it takes no part in the section or overall grade and limits "
              "nothing. A section whose criteria are all NA is itself NA.</li>\n", page->out);
        return;
    }
    fputs("An NA grade counts as ", page->out);
    write_level_name(page, grading->not_applicable_level);
    fputs(".</li>\n", page->out);
}

/* Writes which grades count as "good or better" in summaries. */
static void write_good_or_better_rule(html_page *page)
{
    const ir_rubric *rubric = page->rubric;
    fputs("<li>In summaries, a grade counts as \xE2\x80\x9Cgood or better\xE2\x80\x9D when it is ", page->out);
    for (size_t level = 0; level <= rubric->grading.good_or_better; level++) {
        if (level > 0)
            fputs(level == rubric->grading.good_or_better ? " or " : ", ", page->out);
        write_level_name(page, level);
    }
    fputs(". In the criteria tables a thick line stands between these grades and the ones below "
          "them.</li>\n", page->out);
}

/* Writes a target ("target:") as a sentence in ELEMENT of class CLASS:
 * the share of audits whose grade (WHOSE: "overall", "in this section")
 * should be its level or better. */
static void write_target(html_page *page, const ir_target *target, const char *element, const char *class,
                         const char *whose)
{
    if (target == NULL)
        return;
    fprintf(page->out, "<%s class=\"%s\">Target: at least %u%% of audits graded ", element, class,
            target->percent);
    write_level_name(page, target->level);
    fprintf(page->out, " or better %s.</%s>\n", whose, element);
}

/* Writes how a mean is rounded to a grade, when a rule takes a mean. */
static void write_rounding_rule(html_page *page)
{
    const ir_rubric *rubric = page->rubric;
    bool mean = rubric->grading.overall_method == RUBRIC_METHOD_MEAN;
    for (size_t i = 0; i < rubric->section_count; i++)
        mean = mean || (rubric->sections[i].answer_set < 0 && rubric->sections[i].method == RUBRIC_METHOD_MEAN);
    if (!mean)
        return;
    fputs("<li>A mean counts each grade as ", page->out);
    fputs(rubric->scores ? "its score" : "its place on the scale, counted from the worst (the worst is 1)",
          page->out);
    fputs(" and is rounded to a grade ", page->out);
    switch (rubric->grading.rounding) {
    case RUBRIC_ROUND_NEAREST_HALF_DOWN:
        fputs("to the nearest; an exact half goes to the worse grade", page->out);
        break;
    case RUBRIC_ROUND_NEAREST_HALF_UP:
        fputs("to the nearest; an exact half goes to the better grade", page->out);
        break;
    case RUBRIC_ROUND_DOWN:
        fputs("downwards, always to the worse grade", page->out);
        break;
    }
    fputs(".</li>\n", page->out);
}

/* Writes the criteria a condition looks at: "any criterion", "2 or more
 * key criteria", "fewer than 2 criteria in section B", "any criterion of
 * the group “Safety”". */
static void write_criteria_counted(html_page *page, const ir_limit *limit)
{
    static const char *const before[] = {"any", "", "more than ", "fewer than ", "at most "};
    bool plural = limit->count_rule != RUBRIC_COUNT_NONE && limit->count != 1;
    fputs(before[limit->count_rule], page->out);
    if (limit->count_rule != RUBRIC_COUNT_NONE)
        fprintf(page->out, "%zu%s", limit->count, limit->count_rule == RUBRIC_COUNT_AT_LEAST ? " or more" : "");
    fprintf(page->out, " %s%s", limit->subject == RUBRIC_SUBJECT_ANY_KEY_CRITERION ? "key " : "",
            plural ? "criteria" : "criterion");
    if (limit->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION) {
        fputs(" in ", page->out);
        write_section_reference(page, limit->subject_index);
    } else if (limit->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP) {
        fputs(" of the group \xE2\x80\x9C", page->out);
        html_page_text(page, page->rubric->groups[limit->subject_index].title);
        fputs("\xE2\x80\x9D", page->out);
    }
}

/* Writes what a condition tests: "criterion X is Inadequate (I) or worse". */
static void write_limit_condition(html_page *page, const ir_limit *limit)
{
    const ir_rubric *rubric = page->rubric;
    int answer_set = -1;
    bool counting = limit->count_rule != RUBRIC_COUNT_NONE;
    const char *is = counting && limit->count != 1 ? " are" : " is";
    if (limit->subject == RUBRIC_SUBJECT_TIMESCALE) {
        /* "the timescale of criterion X is not met" */
        fputs("the timescale of ", page->out);
        write_criterion_reference(page, limit->subject_index);
        fputs(limit->test == RUBRIC_TEST_MET ? " is met" : " is not met", page->out);
        return;
    }
    if (limit->subject != RUBRIC_SUBJECT_CRITERION && limit->subject != RUBRIC_SUBJECT_SECTION) {
        write_criteria_counted(page, limit);
        if (limit->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION)
            answer_set = rubric->sections[limit->subject_index].answer_set;
    }
    switch (limit->subject) {
    case RUBRIC_SUBJECT_CRITERION:
        write_criterion_reference(page, limit->subject_index);
        answer_set = rubric->sections[rubric->criteria[limit->subject_index].section].answer_set;
        break;
    case RUBRIC_SUBJECT_SECTION:
        fputs("the grade of ", page->out);
        write_section_reference(page, limit->subject_index);
        break;
    default:
        break;
    }
    if (limit->test == RUBRIC_TEST_GRADED || limit->test == RUBRIC_TEST_NOT_APPLICABLE) {
        fputs(is, page->out);
        fputs(limit->test == RUBRIC_TEST_GRADED ? " graded (not NA)" : " not applicable (NA, or for another case type)",
              page->out);
        return;
    }
    if (limit->test == RUBRIC_TEST_IN_BAND) {
        fputs(is, page->out);
        fputs(" in the band \xE2\x80\x9C", page->out);
        html_page_text(page, rubric->bands[limit->value].label);
        fputs("\xE2\x80\x9D", page->out);
        return;
    }
    if (answer_set >= 0) {
        const ir_answer *answer = &rubric->answer_sets[answer_set].answers[limit->value];
        fputs(is, page->out);
        fputs(" answered ", page->out);
        html_page_text(page, answer->label);
        fputs(" (", page->out);
        html_page_text(page, answer->code);
        fputs(")", page->out);
        return;
    }
    fputs(is, page->out);
    fputs(" graded ", page->out);
    write_level_name(page, limit->value);
    if (limit->test == RUBRIC_TEST_OR_WORSE)
        fputs(" or worse", page->out);
    else if (limit->test == RUBRIC_TEST_OR_BETTER)
        fputs(" or better", page->out);
}

/* Writes the conditional limits, in the order they are applied. */
static void write_conditional_limits(html_page *page)
{
    const ir_grading *grading = &page->rubric->grading;
    for (size_t i = 0; i < grading->limit_count; i++) {
        const ir_limit *limit = &grading->limits[i];
        if (limit->kind != RUBRIC_LIMIT_BY_CONDITION)
            continue;
        fputs("<li>", page->out);
        if (limit->scope == RUBRIC_SCOPE_OVERALL) {
            fputs("The overall grade", page->out);
        } else {
            fputs("The grade of ", page->out);
            write_section_reference(page, limit->section);
        }
        if (limit->effect == RUBRIC_LIMIT_NOT_GRADED) {
            fputs(" is not graded (and the report says why) when ", page->out);
        } else {
            fputs(limit->effect == RUBRIC_LIMIT_IS ? " is " : " can be no better than ", page->out);
            write_level_name(page, limit->level);
            fputs(" when ", page->out);
        }
        write_limit_condition(page, limit);
        fputs(".</li>\n", page->out);
    }
}

/* Writes how checklist sections and sections out of the overall count. */
static void write_checklist_rule(html_page *page)
{
    const ir_rubric *rubric = page->rubric;
    bool checklist = false, left_out = false;
    for (size_t i = 0; i < rubric->section_count; i++) {
        checklist = checklist || rubric->sections[i].answer_set >= 0;
        left_out = left_out || (rubric->sections[i].answer_set < 0 && !rubric->sections[i].in_overall);
    }
    if (checklist)
        fputs("<li>A checklist section is not graded: for each case its items are counted (how many "
              "are met of those that apply, and the percentage). It takes no part in the overall grade, "
              "except through a limit above that names it.</li>\n", page->out);
    if (left_out) {
        fputs("<li>These sections are graded but take no part in the overall grade:", page->out);
        for (size_t i = 0; i < rubric->section_count; i++) {
            if (rubric->sections[i].answer_set >= 0 || rubric->sections[i].in_overall)
                continue;
            fputs(" ", page->out);
            write_section_reference(page, i);
        }
        fputs(".</li>\n", page->out);
    }
    bool weights = false;
    for (size_t i = 0; i < rubric->section_count; i++)
        weights = weights || rubric->sections[i].weight_hundredths != 100;
    for (size_t i = 0; i < rubric->criterion_count; i++)
        weights = weights || rubric->criteria[i].weight_hundredths != 100;
    if (weights)
        fputs("<li>A criterion or section marked with a weight counts that many times in a mean or a "
              "median (\xE2\x80\x9CWeight 2\xE2\x80\x9D counts twice); the others count once.</li>\n",
              page->out);
}

/* Writes the aggregation rules in plain English. */
static void write_grading_rules(html_page *page)
{
    fputs("<h2 class=\"heading-l\" id=\"page_rules\">How grades are combined</h2>\n"
          "<ul class=\"list-bullet readable\">\n", page->out);
    html_page_unit_begin(page);
    write_section_grade_rule(page);
    write_overall_grade_rule(page);
    write_rounding_rule(page);
    write_limits_on(page, RUBRIC_SCOPE_OVERALL, 0);
    for (size_t i = 0; i < page->rubric->section_count; i++)
        write_limits_on(page, RUBRIC_SCOPE_SECTION, i);
    write_conditional_limits(page);
    write_checklist_rule(page);
    if (page->rubric->grading.limit_count > 0)
        fputs("<li>Each criterion or section that limits a grade is marked where it is set out: "
              "<strong class=\"tag tag--small tag--caps\">Caps the overall grade</strong> or "
              "\xE2\x80\x9C" "Caps the grade of section \xE2\x80\xA6\xE2\x80\x9D.</li>\n", page->out);
    write_not_applicable_rule(page);
    write_good_or_better_rule(page);
    write_target(page, page->rubric->target, "li", "target", "overall");
    fputs("</ul>\n", page->out);
}

/* Writes "Key criterion" and a tag per group beside a criterion's title,
 * so that the criteria a condition over them reads can be seen. */
static void write_group_tags(html_page *page, const ir_criterion *criterion)
{
    if (criterion->key)
        fputs(" <strong class=\"tag tag--small tag--caps\">Key criterion</strong>", page->out);
    for (size_t i = 0; i < criterion->group_count; i++) {
        fputs(" <strong class=\"tag tag--small tag--purple\">Group: ", page->out);
        html_page_text(page, page->rubric->groups[criterion->groups[i]].title);
        fputs("</strong>", page->out);
    }
}

/* Writes "Weight 2" beside a title whose weight is not 1. */
static void write_weight_tag(html_page *page, unsigned weight_hundredths, const char *tag_class)
{
    if (weight_hundredths == 100)
        return;
    char text[32];
    fprintf(page->out, " <strong class=\"%s tag--purple\">Weight %s</strong>", tag_class,
            ir_weight_text(weight_hundredths, text, sizeof text));
}

/* Writes a section's heading: its printed number above its title; a
 * supplied title is tagged so, and the note saying why follows in small
 * type. */
static void write_section_heading(html_page *page, const ir_section *section)
{
    fprintf(page->out, "<h2 class=\"heading-l\" id=\"section_%s_heading\">"
                       "<span class=\"section-heading__number\">Section ", section->id);
    html_page_unit_begin(page);
    html_page_text(page, section->number);
    fputs("</span>", page->out);
    if (section->title != NULL) {
        fputs(" ", page->out);
        html_page_text(page, section->title);
        write_title_supplied_tag(page, section, "tag");
    }
    write_weight_tag(page, section->weight_hundredths, "tag");
    if (section->answer_set >= 0)
        fputs(" <strong class=\"tag tag--grey\">Checklist</strong>", page->out);
    else if (!section->in_overall)
        fputs(" <strong class=\"tag tag--grey\">Not in the overall grade</strong>", page->out);
    fputs("</h2>\n", page->out);
    if (section->title_supplied != NULL) {
        fputs("<div class=\"title-supplied-note prose\">\n", page->out);
        html_page_unit_begin(page);
        html_page_prose(page, section->title_supplied);
        fputs("</div>\n", page->out);
    }
}

/* Writes a labelled note (scope, numbering) as inset text. */
static void write_note(html_page *page, const char *label, const ir_prose *prose)
{
    if (prose == NULL)
        return;
    fprintf(page->out, "<div class=\"inset-text\">\n<p class=\"note-label\">%s</p>\n", label);
    html_page_unit_begin(page);
    html_page_prose(page, prose);
    fputs("</div>\n", page->out);
}

/* Writes a "caps" tag for every grade that the criterion or section
 * (kind) at index limits: "Caps the overall grade", "Caps the grade of
 * section 3". Returns how many it wrote. */
static size_t write_caps_tags(html_page *page, rubric_limit_kind kind, size_t index, const char *tag_class)
{
    const ir_grading *grading = &page->rubric->grading;
    size_t written = 0;
    for (size_t i = 0; i < grading->limit_count; i++) {
        const ir_limit *limit = &grading->limits[i];
        bool subject = limit->kind == RUBRIC_LIMIT_BY_CONDITION && limit->subject_index == index
                       && limit->subject == (kind == RUBRIC_LIMIT_BY_CRITERION ? RUBRIC_SUBJECT_CRITERION
                                                                               : RUBRIC_SUBJECT_SECTION);
        if (!subject && (limit->kind != kind || limit->index != index))
            continue;
        fprintf(page->out, "<strong class=\"%s tag--caps\">Caps the ", tag_class);
        if (limit->scope == RUBRIC_SCOPE_OVERALL) {
            fputs("overall grade", page->out);
        } else {
            fputs("grade of section ", page->out);
            html_page_text(page, page->rubric->sections[limit->section].number);
        }
        fputs("</strong>\n", page->out);
        written++;
    }
    return written;
}

/* "Only when team is Children in Care.": a section's or criterion's
 * condition ("applies when:") in an element ELEMENT of class CLASS. */
static void write_condition(html_page *page, const ir_condition *condition, const char *element,
                            const char *class_name)
{
    if (condition == NULL)
        return;
    char words[512];
    ir_condition_describe(page->rubric, condition, words, sizeof words);
    fprintf(page->out, "<%s class=\"%s\">Only when ", element, class_name);
    html_page_text(page, words);
    fprintf(page->out, "; otherwise left out or NA.</%s>\n", element);
}

/* "Timescale: assessment completed within 45 working days of referral
 * date (worked out from the audit's dates)." under a criterion's title
 * (ir_timescale_describe: a recurring one too). */
static void write_timescale(html_page *page, const ir_timescale *timescale)
{
    if (timescale == NULL)
        return;
    char words[768];
    ir_timescale_describe(page->rubric, timescale, words, sizeof words);
    fputs("<span class=\"criterion-condition\">Timescale: ", page->out);
    html_page_text(page, words);
    fputs(" (worked out from the audit's dates, bank holidays of England and Wales left out).</span>\n", page->out);
}

/* Writes the tags a section gives its criteria, and its caps. */
static void write_section_tags(html_page *page, const ir_section *section)
{
    size_t index = (size_t)(section - page->rubric->sections);
    bool caps = ir_limits_a_grade(page->rubric, RUBRIC_LIMIT_BY_SECTION, index);
    if (section->applies_to_count == 0 && section->theme_count == 0 && !section->not_applicable_allowed && !caps)
        return;
    fputs("<p class=\"tag-list section-tags\">\n", page->out);
    write_caps_tags(page, RUBRIC_LIMIT_BY_SECTION, index, "tag");
    write_case_type_tags(page, section->applies_to, section->applies_to_count, "tag");
    write_not_applicable_tag(page, section->not_applicable_allowed, "tag");
    write_theme_tags(page, section->themes, section->theme_count, "tag");
    fputs("</p>\n", page->out);
}

/* The class that draws the line between the good-or-better grades and the
 * rest, on the last good-or-better level's cells ("" elsewhere). */
static const char *good_boundary_class(const ir_rubric *rubric, size_t level)
{
    return level == rubric->grading.good_or_better && level + 1 < rubric->level_count ? " level--good-boundary"
                                                                                         : "";
}

/* The colour class of a column: the grade's colour; none for answers. */
static void write_slot_class(html_page *page, const ir_section *section, size_t slot)
{
    if (section->answer_set < 0)
        fprintf(page->out, "grade-colour-%zu%s", level_colour(page->rubric, slot),
                good_boundary_class(page->rubric, slot));
    else
        fputs("answer", page->out);
}

/* Whether no criterion of a section writes a descriptor for a score
 * between the anchors (the column only points to the anchors). */
static bool column_between_anchors(const ir_rubric *rubric, const ir_section *section, size_t level)
{
    if (section->answer_set >= 0 || rubric->levels[level].anchor)
        return false;
    for (size_t row = 0; row < section->criterion_count; row++)
        if (rubric->criteria[section->first_criterion + row].effective[level].origin != IR_ORIGIN_BETWEEN)
            return false;
    return true;
}

/* Whether every criterion of a section takes level's section-wide statement. */
static bool section_wide_for_all(const ir_rubric *rubric, const ir_section *section, size_t level)
{
    for (size_t row = 0; row < section->criterion_count; row++)
        if (rubric->criteria[section->first_criterion + row].effective[level].origin != IR_ORIGIN_SECTION)
            return false;
    return true;
}

/* Writes the table head: the criterion column and one column per level (a
 * narrow one where every row only points to the section-wide statement);
 * the head stays in view while the table scrolls past. */
static void write_table_head(html_page *page, const ir_section *section)
{
    size_t slots = ir_descriptor_count(page->rubric, section);
    fputs("<colgroup><col class=\"criteria__criterion-column\">", page->out);
    for (size_t level = 0; level < slots; level++)
        fputs(column_between_anchors(page->rubric, section, level) ? "<col class=\"criteria__between-column\">"
              : section_wide_for_all(page->rubric, section, level) ? "<col class=\"criteria__pointer-column\">"
                                                                   : "<col>", page->out);
    fprintf(page->out, "</colgroup>\n<thead>\n<tr class=\"running-head\"><td colspan=\"%zu\">",
            slots + 1);
    html_page_unit_begin(page);
    write_section_name(page, section);
    fputs("</td></tr>\n<tr><th scope=\"col\" class=\"criteria__corner\">Criterion</th>", page->out);
    for (size_t level = 0; level < slots; level++) {
        fputs("<th scope=\"col\" class=\"", page->out);
        write_slot_class(page, section, level);
        fputs(column_between_anchors(page->rubric, section, level) ? " descriptor--between\">" : "\">", page->out);
        html_page_unit_begin(page);
        html_page_slot(page, section, level);
        fputs("</th>", page->out);
    }
    fputs("</tr>\n</thead>\n", page->out);
}

/* Whether a criterion's case types are its section's (written once, above). */
static bool case_types_as_section(const ir_criterion *criterion, const ir_section *section)
{
    if (criterion->applies_to_count != section->applies_to_count ||
        criterion->not_applicable_allowed != section->not_applicable_allowed)
        return false;
    for (size_t i = 0; i < section->applies_to_count; i++)
        if (strcmp(criterion->applies_to[i], section->applies_to[i]) != 0)
            return false;
    return true;
}

/* Whether a criterion's themes are its section's (written once, above). */
static bool themes_as_section(const ir_criterion *criterion, const ir_section *section)
{
    if (criterion->theme_count != section->theme_count)
        return false;
    for (size_t i = 0; i < section->theme_count; i++)
        if (criterion->themes[i] != section->themes[i])
            return false;
    return true;
}

/* Writes a criterion's row header: title, caps, the tags that differ from
 * its section's (those are written once, above the table), reuse,
 * permalink. */
static void write_criterion_header(html_page *page, const ir_criterion *criterion)
{
    const ir_section *section = &page->rubric->sections[criterion->section];
    size_t index = (size_t)(criterion - page->rubric->criteria);
    bool caps = ir_limits_a_grade(page->rubric, RUBRIC_LIMIT_BY_CRITERION, index);
    bool own_case_types = !case_types_as_section(criterion, section);
    bool own_themes = !themes_as_section(criterion, section);
    fprintf(page->out, "<th scope=\"row\" id=\"%s_title\">", criterion->id);
    html_page_unit_begin(page);
    fprintf(page->out, "<span class=\"criterion-title%s\">",
            criterion->title == NULL ? " criterion-title--untitled" : "");
    write_criterion_name(page, criterion);
    fputs("</span>\n", page->out);
    write_weight_tag(page, criterion->weight_hundredths, "tag tag--small");
    write_group_tags(page, criterion);
    write_condition(page, criterion->applies_when, "span", "criterion-condition");
    write_timescale(page, criterion->timescale);
    if (caps || (own_case_types && (criterion->applies_to_count > 0 || criterion->not_applicable_allowed)) ||
        (own_themes && criterion->theme_count > 0)) {
        fputs("<span class=\"criterion-tags\">\n", page->out);
        write_caps_tags(page, RUBRIC_LIMIT_BY_CRITERION, index, "tag tag--small");
        if (own_case_types) {
            write_case_type_tags(page, criterion->applies_to, criterion->applies_to_count, "tag tag--small");
            write_not_applicable_tag(page, criterion->not_applicable_allowed, "tag tag--small");
        }
        if (own_themes)
            write_theme_tags(page, criterion->themes, criterion->theme_count, "tag tag--small");
        fputs("</span>\n", page->out);
    }
    if (criterion->same_as != NULL) {
        fputs("<span class=\"criterion-reuse\">Wording as ", page->out);
        write_criterion_reference(page, criterion_index(page->rubric, criterion->same_as));
        fputs("</span>\n", page->out);
    }
    fprintf(page->out, "<a class=\"criterion-link\" href=\"#%s\"><span class=\"visually-hidden\">"
                       "Permalink to criterion </span><span class=\"criterion-link__hash\">#</span>"
                       "<code>%s</code></a>",
            criterion->id, criterion->id);
    fputs("</th>\n", page->out);
}

/* Writes the section-wide statements once, above the table, each with an
 * id that the rows taking it link to. */
static void write_section_wide_statements(html_page *page, const ir_section *section)
{
    const ir_rubric *rubric = page->rubric;
    bool any = false;
    size_t slots = ir_descriptor_count(rubric, section);
    for (size_t level = 0; level < slots; level++)
        any = any || section->section_wide[level] != NULL;
    if (!any)
        return;
    fprintf(page->out, "<div class=\"section-wide\" id=\"section_%s_wide\">\n"
                       "<h3 class=\"heading-s\">Statements for every criterion in section ", section->id);
    html_page_unit_begin(page);
    html_page_text(page, section->number);
    fputs("</h3>\n"
                       "<p class=\"section-wide__intro\">Each applies to every criterion below that has no "
                       "statement of its own at that grade; the table points here instead of repeating "
                       "it.</p>\n<dl class=\"section-wide__list\">\n", page->out);
    for (size_t level = 0; level < slots; level++) {
        if (section->section_wide[level] == NULL)
            continue;
        fputs("<div class=\"section-wide__item ", page->out);
        write_slot_class(page, section, level);
        fprintf(page->out, "\" id=\"section_%s_level_%zu\"><dt>", section->id, level);
        html_page_unit_begin(page);
        html_page_slot(page, section, level);
        fputs("</dt>\n<dd class=\"prose\">\n", page->out);
        html_page_unit_begin(page);
        html_page_prose(page, section->section_wide[level]);
        fputs("</dd></div>\n", page->out);
    }
    fputs("</dl>\n</div>\n", page->out);
}

/* Writes one descriptor cell. A section-wide statement is not repeated:
 * the cell points to it, above the table. In the phone layout each cell
 * shows its grade, as the column header is out of sight there. */
static void write_descriptor_cell(html_page *page, const ir_section *section, const ir_descriptor *descriptor,
                                  size_t level)
{
    bool section_wide = descriptor->origin == IR_ORIGIN_SECTION;
    fprintf(page->out, "<td class=\"descriptor%s%s\">\n<p class=\"card-level\">",
            section_wide ? " descriptor--section-wide"
            : descriptor->origin == IR_ORIGIN_BETWEEN ? " descriptor--between" : "",
            section->answer_set < 0 ? good_boundary_class(page->rubric, level) : "");
    html_page_unit_begin(page);
    html_page_slot(page, section, level);
    fputs("</p>\n", page->out);
    html_page_descriptor(page, section, descriptor, level, HTML_SECTION_WIDE_POINTER);
    fputs("</td>\n", page->out);
}

/* Writes one criterion's row: its header and one cell per level. */
static void write_criterion_row(html_page *page, const ir_section *section, size_t row)
{
    const ir_criterion *criterion = &page->rubric->criteria[section->first_criterion + row];
    fprintf(page->out, "<tr id=\"%s\">\n", criterion->id);
    write_criterion_header(page, criterion);
    for (size_t level = 0; level < ir_descriptor_count(page->rubric, section); level++)
        write_descriptor_cell(page, section, &criterion->effective[level], level);
    fputs("</tr>\n", page->out);
}

/* Writes a section's table of criteria by level. It fits the width of the
 * page (on a phone each row becomes a card), so it needs no scrolling
 * region, and its head can stay in view while the page scrolls. */
static void write_criteria_table(html_page *page, const ir_section *section)
{
    fprintf(page->out, "<table class=\"criteria\">\n<caption class=\"visually-hidden\" "
                       "id=\"section_%s_caption\">", section->id);
    html_page_unit_begin(page);
    write_section_name(page, section);
    if (section->title_supplied != NULL)
        fputs(" (title supplied)", page->out);
    fputs(": criteria by grade</caption>\n", page->out);
    write_table_head(page, section);
    fputs("<tbody>\n", page->out);
    for (size_t row = 0; row < section->criterion_count; row++)
        write_criterion_row(page, section, row);
    fputs("</tbody>\n</table>\n", page->out);
}

/* Writes the link back to the contents. */
static void write_back_to_contents(html_page *page)
{
    fputs("<p class=\"back-to-top\"><a href=\"#page_contents\">Back to contents</a></p>\n", page->out);
}

/* Writes one section: heading, notes, tags, statements, table. */
static void write_section(html_page *page, const ir_section *section)
{
    fprintf(page->out, "<section class=\"rubric-section\" id=\"section_%s\" "
                       "aria-labelledby=\"section_%s_heading\">\n", section->id, section->id);
    write_section_heading(page, section);
    write_note(page, "Scope", section->scope);
    write_note(page, "Out of sequence", section->sequence_note);
    write_section_tags(page, section);
    write_condition(page, section->applies_when, "p", "readable section-condition");
    write_target(page, section->target, "p", "readable section-target", "in this section");
    write_section_wide_statements(page, section);
    write_criteria_table(page, section);
    write_back_to_contents(page);
    fputs("</section>\n", page->out);
}

/* Writes what each audit records about the case ("facts:"): a table of
 * the facts, their types (a choice's choices), and whether required. */
/* A fact's key, with a line break allowed after each underscore so that a
 * long key ("assessment_completed") wraps on a phone's screen instead of
 * widening the table. A key is letters, digits, hyphens and underscores
 * (check_facts.c), so nothing in it needs escaping. */
static void write_fact_key(html_page *page, const char *key)
{
    for (const char *character = key; *character; character++) {
        if (*character == '_')
            fputs("_<wbr>", page->out);
        else
            fputc(*character, page->out);
    }
}

static void write_facts(html_page *page)
{
    const ir_rubric *rubric = page->rubric;
    if (rubric->fact_count == 0)
        return;
    /* Two columns, the field's name under the fact's, so that the table
     * fits a phone's screen at 390 px. */
    fputs("<section aria-labelledby=\"page_facts\">\n"
          "<h2 class=\"heading-l\" id=\"page_facts\">Case facts</h2>\n"
          "<p class=\"readable\">Each audit also records these facts about the case, each under the field "
          "name shown below it.</p>\n<table class=\"table\">\n<caption class=\"visually-hidden\">Case facts</caption>\n"
          "<thead>\n<tr><th scope=\"col\">Fact and field</th><th scope=\"col\">What is written</th></tr>\n"
          "</thead>\n<tbody>\n", page->out);
    static const char *const forms[] = {"Text", "One of: ", "A date (YYYY-MM-DD)", "A number", "Yes or no",
                                        "Dates (YYYY-MM-DD, separated by commas)"};
    for (size_t i = 0; i < rubric->fact_count; i++) {
        const ir_fact *fact = &rubric->facts[i];
        html_page_unit_begin(page);
        fputs("<tr><th scope=\"row\">", page->out);
        html_page_text(page, fact->name);
        fputs("<br><code>", page->out);
        write_fact_key(page, fact->key);
        fprintf(page->out, "</code></th><td>%s", forms[fact->type]);
        for (size_t choice = 0; choice < fact->choice_count; choice++) {
            if (choice > 0)
                fputs(", ", page->out);
            html_page_text(page, fact->choices[choice]);
        }
        fprintf(page->out, ". %s.</td></tr>\n", fact->required ? "Required" : "Optional");
    }
    fputs("</tbody>\n</table>\n", page->out);
    write_back_to_contents(page);
    fputs("</section>\n", page->out);
}

/* Writes the glossary as a description list. */
static void write_glossary(html_page *page)
{
    const ir_rubric *rubric = page->rubric;
    if (rubric->glossary_count == 0)
        return;
    fputs("<section class=\"glossary-part\" aria-labelledby=\"page_glossary\">\n"
          "<h2 class=\"heading-l\" id=\"page_glossary\">Glossary</h2>\n<dl class=\"glossary\">\n", page->out);
    for (size_t i = 0; i < rubric->glossary_count; i++) {
        fputs("<dt>", page->out);
        html_text_escaped(page->out, rubric->glossary[i].abbreviation, strlen(rubric->glossary[i].abbreviation));
        fputs("</dt>\n<dd>\n", page->out);
        html_page_unit_begin(page);
        page->abbreviation_marked[i] = true;   /* the term itself is defined here */
        html_page_prose(page, rubric->glossary[i].meaning);
        fputs("</dd>\n", page->out);
    }
    fputs("</dl>\n", page->out);
    write_back_to_contents(page);
    fputs("</section>\n", page->out);
}

/* Writes the footer: what the page was made from. */
static void write_footer(html_page *page)
{
    fprintf(page->out, "<footer class=\"footer\">\n<div class=\"width-container\">\n"
                       "<p>Made with rubricc from rubric <code>%s</code>. Criterion ids (shown as "
                       "<code>#id</code>) are stable: use them to refer to a criterion.</p>\n"
                       "</div>\n</footer>\n", page->rubric->id);
}

int emit_html(const ir_rubric *rubric, FILE *out)
{
    html_page page;
    if (html_page_begin(&page, rubric, out) != 0)
        return -1;
    write_head(&page);
    write_masthead(&page);
    fputs("<div class=\"width-container\">\n<main class=\"main\" id=\"page_main\">\n", out);
    write_title(&page);
    write_key_factors(&page);
    write_contents(&page);
    write_scale(&page);
    write_grading_rules(&page);
    write_facts(&page);
    for (size_t i = 0; i < rubric->section_count; i++)
        write_section(&page, &rubric->sections[i]);
    write_glossary(&page);
    fputs("</main>\n</div>\n", out);
    write_footer(&page);
    fputs("</body>\n</html>\n", out);
    html_page_end(&page);
    return ferror(out) ? -1 : 0;
}
