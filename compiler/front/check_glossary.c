/*
 * check_glossary.c — the words a rubric declares and tags with: the
 * glossary of abbreviations, the case types (each a glossary entry), the
 * themes, and the tags of sections and criteria that name them ("applies
 * to:" a case type or "where appropriate", "themes:").
 *
 * The declarations are checked before the sections, whose tags are
 * checked here on check_sections.c's behalf (check_applies_to,
 * check_theme_tags); whether every glossary entry is used is only known
 * once all the prose is read (check_prose.c).
 */
#include "check_internal.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------ glossary, themes */

static bool check_is_abbreviation(const char *text)
{
    bool letter = false;
    for (const char *p = text; *p != '\0'; p++) {
        if (isalpha((unsigned char)*p))
            letter = true;
        else if (!isdigit((unsigned char)*p) && *p != '/' && *p != '&')
            return false;
    }
    return letter;
}

/* Glossary abbreviations are letters, digits, '/' and '&', unique, each
 * with a meaning. */
void check_glossary(checker *check)
{
    size_t count = 0;
    for (const ast_entry *entry = check->tree->glossary.first; entry != NULL; entry = entry->next)
        count++;
    check->glossary = arena_array(check->region, count + 1, sizeof *check->glossary);
    check->glossary_used = arena_array(check->region, count + 1, sizeof *check->glossary_used);
    check->glossary_spans = arena_array(check->region, count + 1, sizeof *check->glossary_spans);
    name_index_init(check->region, &check->glossary_index, count + 1);
    size_t kept = 0;
    for (const ast_entry *entry = check->tree->glossary.first; entry != NULL; entry = entry->next) {
        if (!check_is_abbreviation(entry->label)) {
            diagnostic_error(check->report, entry->where,
                             "'%s' is not a valid abbreviation: use letters, digits, '/' and '&'",
                             entry->label);
            continue;
        }
        if (ast_prose_is_empty(entry->value)) {
            diagnostic_error(check->report, entry->where,
                             "glossary entry '%s' has no meaning; write what it stands for after the colon",
                             entry->label);
            continue;
        }
        size_t previous = name_index_add(&check->glossary_index, entry->label, kept);
        if (previous != SIZE_MAX) {
            diagnostic_error(check->report, entry->where, "'%s' is in the glossary twice; keep one",
                             entry->label);
            diagnostic_note(check->report, check->glossary_spans[previous], "the first is here");
            continue;
        }
        check->glossary_spans[kept] = entry->where;
        ir_glossary_entry *glossary_entry = &check->glossary[kept++];
        glossary_entry->abbreviation = entry->label;
        glossary_entry->meaning = check_prose(check, entry->value);
        glossary_entry->where = check_position(check, entry->where);
    }
    check->rubric->glossary = check->glossary;
    check->rubric->glossary_count = kept;
}

/* Theme ids are ids, unique, each with a name. */
void check_themes(checker *check)
{
    size_t count = 0;
    for (const ast_entry *entry = check->tree->themes.first; entry != NULL; entry = entry->next)
        count++;
    check->themes = arena_array(check->region, count + 1, sizeof *check->themes);
    name_index_init(check->region, &check->theme_index, count + 1);
    size_t kept = 0;
    for (const ast_entry *entry = check->tree->themes.first; entry != NULL; entry = entry->next) {
        ast_item id = {entry->where, entry->label};
        if (!check_id(check, "theme", &id))
            continue;
        if (ast_prose_is_empty(entry->value)) {
            diagnostic_error(check->report, entry->where,
                             "theme '%s' has no name; write it after the colon", entry->label);
            continue;
        }
        if (name_index_add(&check->theme_index, entry->label, kept) != SIZE_MAX) {
            diagnostic_error(check->report, entry->where, "theme '%s' is declared twice; keep one",
                             entry->label);
            continue;
        }
        ir_theme *theme = &check->themes[kept++];
        theme->id = entry->label;
        theme->label = entry->value->built.text;
        theme->where = check_position(check, entry->where);
    }
    check->rubric->themes = check->themes;
    check->rubric->theme_count = kept;
}

/* False, with a warning at ITEM, when VALUE is already among the COUNT
 * values of LIST ("'CIN' is listed twice"). */
static bool check_listed_once(checker *check, const ast_item *item, const char *const *list, size_t count,
                              const char *value)
{
    for (size_t k = 0; k < count; k++) {
        if (strcmp(list[k], value) == 0) {
            diagnostic_warning(check->report, item->where, "'%s' is listed twice", item->text);
            return false;
        }
    }
    return true;
}

/* "case types: CIN, CP, LAC, CL": the case types an audit may name, each
 * a glossary abbreviation, each once. */
void check_case_types(checker *check)
{
    const ast_items *items = check->tree->case_types;
    if (items == NULL)
        return;
    const char **types = arena_array(check->region, items->count + 1, sizeof *types);
    size_t kept = 0;
    for (size_t i = 0; i < items->count; i++) {
        const ast_item *item = &items->items[i];
        size_t entry = name_index_find(&check->glossary_index, item->text);
        if (entry == SIZE_MAX) {
            diagnostic_error(check->report, item->where,
                             "case type '%s' is not in the glossary; add it there with its meaning "
                             "(like 'CL: Care leaver')%s",
                             item->text, check_hint(check, item, &check->glossary_index, NULL));
            continue;
        }
        check->glossary_used[entry] = true;
        if (check_listed_once(check, item, types, kept, check->glossary[entry].abbreviation))
            types[kept++] = check->glossary[entry].abbreviation;
    }
    check->rubric->case_types = types;
    check->rubric->case_type_count = kept;
    check->case_types_declared = true;
}

/* Whether TEXT is one of the declared case types. */
static bool check_is_case_type(const checker *check, const char *text)
{
    for (size_t i = 0; i < check->rubric->case_type_count; i++)
        if (strcmp(check->rubric->case_types[i], text) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------------ tags */

static const char *const check_where_appropriate[] = {"where appropriate", NULL};

/* With an include unread (its error says so, and that the names it would
 * declare go unchecked), a name not found is probably one of its names:
 * one mistake, one error. A name near a known one is still a slip. */
static bool check_from_missing_include(checker *check, const ast_item *item, const name_index *index)
{
    return check->tree->include_failed && *check_hint(check, item, index, NULL) == '\0';
}

/* "applies to:" names glossary abbreviations (case types) or "where
 * appropriate"; each at most once. */
void check_applies_to(checker *check, const ast_items *items, check_tags *tags)
{
    tags->applies_to = arena_array(check->region, items->count, sizeof *tags->applies_to);
    tags->applies_to_count = 0;
    tags->not_applicable_allowed = false;
    for (size_t i = 0; i < items->count; i++) {
        const ast_item *item = &items->items[i];
        if (check_words_equal(item->text, "where appropriate")) {
            tags->not_applicable_allowed = true;
            continue;
        }
        size_t entry = name_index_find(&check->glossary_index, item->text);
        if (entry == SIZE_MAX && check_from_missing_include(check, item, &check->glossary_index))
            continue;
        if (entry == SIZE_MAX) {
            diagnostic_error(check->report, item->where,
                             "'%s' is not in the glossary; 'applies to:' lists case types from the glossary "
                             "(like CIN, CP, LAC) and 'where appropriate'%s",
                             item->text, check_hint(check, item, &check->glossary_index, check_where_appropriate));
            continue;
        }
        check->glossary_used[entry] = true;
        if (check->case_types_declared && !check_is_case_type(check, check->glossary[entry].abbreviation)) {
            diagnostic_error(check->report, item->where,
                             "'%s' is not one of the rubric's case types ('case types:' at the top); add it "
                             "there, or name a case type here", item->text);
            continue;
        }
        if (check_listed_once(check, item, tags->applies_to, tags->applies_to_count,
                              check->glossary[entry].abbreviation))
            tags->applies_to[tags->applies_to_count++] = check->glossary[entry].abbreviation;
    }
}

/* "themes:" names themes declared under a "themes:" block. */
void check_theme_tags(checker *check, const ast_items *items, check_tags *tags)
{
    tags->themes = arena_array(check->region, items->count, sizeof *tags->themes);
    tags->theme_count = 0;
    for (size_t i = 0; i < items->count; i++) {
        const ast_item *item = &items->items[i];
        size_t theme = name_index_find(&check->theme_index, item->text);
        if (theme == SIZE_MAX && check_from_missing_include(check, item, &check->theme_index))
            continue;
        if (theme == SIZE_MAX) {
            diagnostic_error(check->report, item->where,
                             "unknown theme '%s'; themes are declared in a 'themes:' block%s%s",
                             item->text,
                             check->rubric->theme_count == 0 ? " (this rubric declares none)" : "",
                             check_hint(check, item, &check->theme_index, NULL));
            continue;
        }
        bool repeated = false;
        for (size_t k = 0; k < tags->theme_count; k++)
            repeated = repeated || tags->themes[k] == theme;
        if (repeated) {
            diagnostic_warning(check->report, item->where, "theme '%s' is listed twice", item->text);
            continue;
        }
        tags->themes[tags->theme_count++] = theme;
    }
}
