/*
 * html_page.c — the guidance text of one page (see html_page.h): author
 * text with its abbreviations marked up, prose, grades, and a criterion's
 * descriptor at one level, for the guidance page and the audit form.
 */
#include "html_page.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html_style.h"
#include "html_text.h"

int html_page_begin(html_page *page, const ir_rubric *rubric, FILE *out)
{
    page->out = out;
    page->rubric = rubric;
    page->abbreviation_marked = calloc(rubric->glossary_count + 1, sizeof(bool));
    return page->abbreviation_marked == NULL ? -1 : 0;
}

void html_page_end(html_page *page)
{
    free(page->abbreviation_marked);
    page->abbreviation_marked = NULL;
}

/* ------------------------------------------------------- abbreviations */

/* Whether a byte belongs to a word, for matching abbreviations whole. */
static bool is_word_byte(char byte)
{
    return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
           (byte >= '0' && byte <= '9');
}

void html_page_unit_begin(html_page *page)
{
    for (size_t i = 0; i < page->rubric->glossary_count; i++)
        page->abbreviation_marked[i] = false;
}

/* The glossary entry whose abbreviation stands whole at cursor (the longest
 * when several do), or -1. */
static long abbreviation_at(const html_page *page, const char *cursor)
{
    long found = -1;
    size_t found_length = 0;
    for (size_t i = 0; i < page->rubric->glossary_count; i++) {
        const char *abbreviation = page->rubric->glossary[i].abbreviation;
        size_t length = strlen(abbreviation);
        if (length > found_length && strncmp(cursor, abbreviation, length) == 0 &&
            !is_word_byte(cursor[length])) {
            found = (long)i;
            found_length = length;
        }
    }
    return found;
}

/* Writes <abbr title="meaning">ABBR</abbr> for glossary entry index. */
static void write_abbreviation(const html_page *page, size_t index)
{
    const ir_glossary_entry *entry = &page->rubric->glossary[index];
    fputs("<abbr title=\"", page->out);
    html_text_attribute(page->out, entry->meaning->text);
    fputs("\">", page->out);
    html_text_escaped(page->out, entry->abbreviation, strlen(entry->abbreviation));
    fputs("</abbr>", page->out);
}

void html_page_text(html_page *page, const char *text)
{
    const char *plain = text;   /* start of the text not yet written */
    for (const char *cursor = text; *cursor != '\0'; cursor++) {
        if (cursor != text && is_word_byte(cursor[-1]))
            continue;
        long index = abbreviation_at(page, cursor);
        if (index < 0)
            continue;
        size_t length = strlen(page->rubric->glossary[index].abbreviation);
        if (!page->abbreviation_marked[index]) {
            html_text_escaped(page->out, plain, (size_t)(cursor - plain));
            write_abbreviation(page, (size_t)index);
            page->abbreviation_marked[index] = true;
            plain = cursor + length;
        }
        cursor += length - 1;   /* never match inside a matched abbreviation */
    }
    html_text_escaped(page->out, plain, strlen(plain));
}

void html_page_prose(html_page *page, const ir_prose *prose)
{
    for (size_t b = 0; b < prose->block_count; b++) {
        const ir_block *block = &prose->blocks[b];
        if (block->kind == IR_BLOCK_PARAGRAPH) {
            fputs("<p>", page->out);
            html_page_text(page, block->text);
            fputs("</p>\n", page->out);
            continue;
        }
        fputs("<ul class=\"list-bullet\">\n", page->out);
        for (size_t i = 0; i < block->item_count; i++) {
            fputs("<li>", page->out);
            html_page_text(page, block->items[i]);
            fputs("</li>\n", page->out);
        }
        fputs("</ul>\n", page->out);
    }
}

/* -------------------------------------------------------------- grades */

void html_page_grade(html_page *page, size_t level)
{
    const ir_level *entry = &page->rubric->levels[level];
    fprintf(page->out, "<span class=\"grade-tag grade-colour-%zu\">",
            html_style_level_colour(level, page->rubric->level_count));
    html_text_escaped(page->out, entry->code, strlen(entry->code));
    fputs("</span>", page->out);
    if (!entry->anchor)
        return;
    fputs(" ", page->out);
    html_page_text(page, entry->label);
}

void html_page_slot(html_page *page, const ir_section *section, size_t slot)
{
    if (section->answer_set < 0) {
        html_page_grade(page, slot);
        return;
    }
    const ir_answer *answer = &page->rubric->answer_sets[section->answer_set].answers[slot];
    fputs("<span class=\"grade-tag\">", page->out);
    html_page_text(page, answer->code);
    fputs("</span> ", page->out);
    html_page_text(page, answer->label);
    if (answer->met)
        fputs(" (met)", page->out);
}

/* ---------------------------------------------------------- descriptors */

/* The anchors either side of a score between them: the nearest labelled
 * levels before (better) and after (worse), SIZE_MAX where there is none. */
static void anchors_around(const ir_rubric *rubric, size_t level, size_t *better, size_t *worse)
{
    *better = *worse = SIZE_MAX;
    for (size_t i = level; i-- > 0;)
        if (rubric->levels[i].anchor) {
            *better = i;
            break;
        }
    for (size_t i = level + 1; i < rubric->level_count; i++)
        if (rubric->levels[i].anchor) {
            *worse = i;
            break;
        }
}

void html_page_descriptor(html_page *page, const ir_section *section, const ir_descriptor *descriptor, size_t level,
                          html_section_wide section_wide)
{
    if (descriptor->origin == IR_ORIGIN_SECTION && section_wide == HTML_SECTION_WIDE_POINTER) {
        fprintf(page->out, "<p class=\"section-wide-pointer\">Section-wide: <a href=\"#section_%s_level_%zu\">"
                           "see above<span class=\"visually-hidden\"> the ", section->id, level);
        html_page_text(page, section->answer_set >= 0
                                 ? page->rubric->answer_sets[section->answer_set].answers[level].label
                                 : page->rubric->levels[level].label);
        fputs(" statement for every criterion in this section</span></a></p>\n", page->out);
    } else if (descriptor->origin == IR_ORIGIN_SECTION) {
        fputs("<p class=\"section-wide-pointer\">For every criterion in this section:</p>\n", page->out);
        html_page_unit_begin(page);
        html_page_prose(page, section->section_wide[level]);
    } else if (descriptor->origin == IR_ORIGIN_BETWEEN) {
        size_t better, worse;
        anchors_around(page->rubric, level, &better, &worse);
        fputs("<p class=\"between-anchors\">Between the anchors: see ", page->out);
        if (better != SIZE_MAX)
            html_page_text(page, page->rubric->levels[better].code);
        if (better != SIZE_MAX && worse != SIZE_MAX)
            fputs(" and ", page->out);
        if (worse != SIZE_MAX)
            html_page_text(page, page->rubric->levels[worse].code);
        fputs("</p>\n", page->out);
    } else if (descriptor->origin == IR_ORIGIN_NONE) {
        fputs("<p class=\"between-anchors\">No statement: answer from the case record</p>\n", page->out);
    } else {
        html_page_unit_begin(page);
        html_page_prose(page, descriptor->prose);
    }
}
