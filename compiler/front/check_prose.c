/*
 * check_prose.c — the checks that read the rubric's prose as a whole:
 * abbreviations used against the glossary (and glossary entries never
 * used), and prose values that took in a line that reads like an entry
 * (swallow.h).
 *
 * check_swallowed_entries runs as soon as the scale is known (it tells
 * a level's descriptor from prose); check_glossary_usage runs last, when
 * every tag has marked the glossary entries it uses (check_internal.h
 * gives the order of the passes).
 */
#include "check_internal.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "swallow.h"

/* ------------------------------------------------------- glossary usage */

/* One word of a prose line, for the abbreviation checks. */
typedef struct line_word {
    size_t start;
    size_t end;
    bool capitals;               /* two or more characters, no lower case, a capital */
} line_word;

/* Marks every glossary entry found in one line of prose, and warns (once
 * per word in the whole rubric) about words written like an abbreviation
 * that the glossary lacks: capitals and digits, at most six letters (CIN,
 * S47, MARAC). A capitalised heading ("CHILD'S LIVED EXPERIENCE") is not
 * an abbreviation, so a capitalised word next to another is not flagged. */
static void check_line_abbreviations(checker *check, int file, unsigned offset, const char *text,
                                     size_t length, name_index *warned)
{
    enum { MAX_LINE_WORDS = 256, MAX_ABBREVIATION_LETTERS = 6 };
    line_word words[MAX_LINE_WORDS];
    size_t count = 0;
    for (size_t i = 0; i < length && count < MAX_LINE_WORDS;) {
        if (!isalnum((unsigned char)text[i])) {
            i++;
            continue;
        }
        line_word *word = &words[count++];
        word->start = i;
        size_t capitals = 0, digits = 0;
        bool lower = false;
        for (; i < length; i++) {
            unsigned char byte = (unsigned char)text[i];
            if (byte >= 'A' && byte <= 'Z')
                capitals++;
            else if (byte >= '0' && byte <= '9')
                digits++;
            else if (byte >= 'a' && byte <= 'z')
                lower = true;
            else
                break;
        }
        word->end = i;
        /* A run that touches a non-ASCII letter is part of a longer word. */
        bool glued = (word->start > 0 && ((unsigned char)text[word->start - 1] & 0x80))
                     || (i < length && ((unsigned char)text[i] & 0x80));
        word->capitals = !lower && !glued && capitals > 0 && capitals + digits >= 2;
    }
    for (size_t w = 0; w < count; w++) {
        if (!words[w].capitals)
            continue;
        char word[64];
        size_t word_length = words[w].end - words[w].start;
        if (word_length >= sizeof word)
            continue;
        memcpy(word, text + words[w].start, word_length);
        word[word_length] = '\0';
        size_t entry = name_index_find(&check->glossary_index, word);
        if (entry != SIZE_MAX) {
            check->glossary_used[entry] = true;
            continue;
        }
        size_t letters = 0;
        for (size_t k = 0; k < word_length; k++)
            letters += isalpha((unsigned char)word[k]) ? 1 : 0;
        /* Neighbours, passing over one-letter words ("CHILD'S LIVED"). */
        size_t before = w, after = w + 1;
        while (before > 0 && words[before - 1].end - words[before - 1].start == 1)
            before--;
        while (after < count && words[after].end - words[after].start == 1)
            after++;
        bool in_heading = (before > 0 && words[before - 1].capitals) || (after < count && words[after].capitals);
        if (letters > MAX_ABBREVIATION_LETTERS || in_heading)
            continue;
        if (name_index_find(&check->level_index, word) != SIZE_MAX)
            continue;
        if (name_index_find(warned, word) != SIZE_MAX)
            continue;
        if (warned->count * 2 + 2 >= warned->capacity)
            continue;   /* enough said */
        name_index_add(warned, arena_strdup(check->region, word), 0);
        source_span where = {file, offset + (unsigned)words[w].start, offset + (unsigned)words[w].end};
        diagnostic_warning(check->report, where,
                           "'%s' looks like an abbreviation but is not in the glossary; "
                           "add it under 'glossary:' with what it stands for",
                           word);
    }
}

/* Entries with '/' or '&' ("CP/LAC") are found as whole words in text. */
static void check_line_compound_abbreviations(checker *check, const char *text, size_t length)
{
    for (size_t c = 0; c < check->compound_count; c++) {
        size_t entry = check->compounds[c];
        const char *abbreviation = check->glossary[entry].abbreviation;
        if (check->glossary_used[entry])
            continue;
        size_t size = strlen(abbreviation);
        for (size_t i = 0; i + size <= length; i++) {
            if (memcmp(text + i, abbreviation, size) == 0
                && (i == 0 || !isalnum((unsigned char)text[i - 1]))
                && (i + size == length || !isalnum((unsigned char)text[i + size]))) {
                check->glossary_used[entry] = true;
                break;
            }
        }
    }
}

static void check_prose_abbreviations(checker *check, const ast_prose *prose, name_index *warned)
{
    if (prose == NULL)
        return;
    for (size_t i = 0; i < prose->line_count; i++) {
        const ast_prose_line *line = &prose->lines[i];
        check_line_abbreviations(check, prose->where.file, line->offset, line->text, line->length, warned);
        check_line_compound_abbreviations(check, line->text, line->length);
    }
}

static void check_entries_abbreviations(checker *check, const ast_entry_list *entries, name_index *warned)
{
    for (const ast_entry *entry = entries->first; entry != NULL; entry = entry->next)
        check_prose_abbreviations(check, entry->value, warned);
}

/* Every abbreviation used is in the glossary, and every glossary entry is
 * used somewhere (in the text, or as a case type in 'applies to:'). */
void check_glossary_usage(checker *check)
{
    const ast_rubric *tree = check->tree;
    name_index warned;
    name_index_init(check->region, &warned, 256);
    check->compounds = arena_array(check->region, check->rubric->glossary_count + 1,
                                   sizeof *check->compounds);
    for (size_t i = 0; i < check->rubric->glossary_count; i++)
        if (strpbrk(check->glossary[i].abbreviation, "/&") != NULL)
            check->compounds[check->compound_count++] = i;
    for (int field = 0; field < AST_HEADER_FIELD_COUNT; field++)
        if (field == AST_HEADER_TITLE || field == AST_HEADER_KEY_FACTORS)
            check_prose_abbreviations(check, tree->header[field].value, &warned);
    for (const ast_section *section = tree->first_section; section != NULL; section = section->next) {
        check_prose_abbreviations(check, section->title, &warned);
        check_prose_abbreviations(check, section->scope, &warned);
        check_prose_abbreviations(check, section->out_of_sequence, &warned);
        check_prose_abbreviations(check, section->title_supplied, &warned);
        check_entries_abbreviations(check, &section->every_criterion, &warned);
        for (const ast_criterion *criterion = section->first_criterion; criterion != NULL;
             criterion = criterion->next) {
            check_prose_abbreviations(check, criterion->title, &warned);
            check_entries_abbreviations(check, &criterion->levels, &warned);
        }
    }
    /* After an error, an entry used only in the text or value in error
     * (dropped, or misspelt) would be reported as unused: an echo. */
    bool echoes = tree->incomplete || check->report->error_count > 0;
    for (size_t i = 0; i < check->rubric->glossary_count && !echoes; i++)
        if (!check->glossary_used[i])
            diagnostic_warning(check->report, check->glossary_spans[i],
                               "glossary entry '%s' is not used in the rubric; remove it, or check "
                               "the spelling where it is used",
                               check->glossary[i].abbreviation);
}

/* ----------------------------------------------------- swallowed entries */

static bool check_is_level(const void *data, const char *text, size_t length)
{
    const checker *check = data;
    char code[32];
    if (length >= sizeof code)
        return false;
    memcpy(code, text, length);
    code[length] = '\0';
    return name_index_find(&check->level_index, code) != SIZE_MAX;
}

static void check_entries_swallowed(const swallow_checker *swallow, const ast_entry_list *entries)
{
    for (const ast_entry *entry = entries->first; entry != NULL; entry = entry->next)
        swallow_check(swallow, entry->value);
}

/* No prose value has taken in a line that reads like an entry (swallow.h). */
void check_swallowed_entries(checker *check)
{
    swallow_checker swallow = {check->report, check->sources, check_is_level, check};
    const ast_rubric *tree = check->tree;
    for (int field = 0; field < AST_HEADER_FIELD_COUNT; field++)
        swallow_check(&swallow, tree->header[field].value);
    check_entries_swallowed(&swallow, &tree->scale);
    check_entries_swallowed(&swallow, &tree->glossary);
    check_entries_swallowed(&swallow, &tree->themes);
    for (const ast_section *section = tree->first_section; section != NULL; section = section->next) {
        swallow_check(&swallow, section->scope);
        swallow_check(&swallow, section->out_of_sequence);
        swallow_check(&swallow, section->title_supplied);
        check_entries_swallowed(&swallow, &section->every_criterion);
        for (const ast_criterion *criterion = section->first_criterion; criterion != NULL;
             criterion = criterion->next)
            check_entries_swallowed(&swallow, &criterion->levels);
    }
}
