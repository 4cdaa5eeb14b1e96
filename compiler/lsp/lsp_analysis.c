/*
 * lsp_analysis.c — compile an open document and index the names in it
 * (see lsp_analysis.h).
 *
 * The index is built from the syntax tree, which exists even when the
 * checker would refuse the rubric, so hover and go to definition keep
 * working while the author is half-way through an edit. Spans in the tree
 * are byte offsets; a label's span is cut down to the label itself (the
 * token includes its colon) and a limit's "criterion x" to the id.
 */
#include "lsp_analysis.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diagnostics.h"
#include "frontend.h"

#ifndef RUBRIC_VERSION
#define RUBRIC_VERSION "0"
#endif

static void lsp_add(lsp_analysis *analysis, lsp_name_kind kind, const char *name,
                    source_span where, bool is_definition)
{
    if (name == NULL || where.file < 0)
        return;
    if (analysis->occurrence_count == analysis->occurrence_capacity) {
        size_t capacity = analysis->occurrence_capacity ? analysis->occurrence_capacity * 2 : 64;
        analysis->occurrences = arena_grow(analysis->region, analysis->occurrences,
                                           analysis->occurrence_count, capacity,
                                           sizeof *analysis->occurrences);
        analysis->occurrence_capacity = capacity;
    }
    lsp_occurrence *occurrence = &analysis->occurrences[analysis->occurrence_count++];
    occurrence->kind = kind;
    occurrence->name = name;
    occurrence->where = where;
    occurrence->is_definition = is_definition;
}

/* Label entries ("O: …", "CIN: …"): the span of the label alone. */
static void lsp_index_entries(lsp_analysis *analysis, const ast_entry_list *list,
                              lsp_name_kind kind, bool is_definition)
{
    for (const ast_entry *entry = list->first; entry != NULL; entry = entry->next) {
        source_span where = entry->where;
        where.end = where.begin + (unsigned)strlen(entry->label);
        lsp_add(analysis, kind, entry->label, where, is_definition);
    }
}

/* A section's id: its "id:" or "section-N", as the checker names it. */
static const char *lsp_section_id(lsp_analysis *analysis, const ast_section *section)
{
    if (section->id != NULL && section->id->count > 0)
        return section->id->items[0].text;
    char *made = arena_printf(analysis->region, "section-%s", section->number.text);
    for (char *p = made; *p != '\0'; p++)   /* lettered labels: "section-b1" */
        *p = (char)tolower((unsigned char)*p);
    return made;
}

/* A section named in a limit or rule, by number or by id. */
static const char *lsp_section_named(lsp_analysis *analysis, const char *text)
{
    for (const ast_section *section = analysis->tree->first_section; section != NULL;
         section = section->next) {
        const char *id = lsp_section_id(analysis, section);
        if (strcmp(section->number.text, text) == 0 || strcmp(id, text) == 0)
            return id;
    }
    return text;
}

/* A value of "applies to:" or "themes:" or "same as:". */
static void lsp_index_items(lsp_analysis *analysis, const ast_items *items, lsp_name_kind kind)
{
    if (items == NULL)
        return;
    for (size_t i = 0; i < items->count; i++) {
        if (kind == LSP_NAME_ABBREVIATION && strcmp(items->items[i].text, "where appropriate") == 0)
            continue;
        lsp_add(analysis, kind, items->items[i].text, items->items[i].where, false);
    }
}

/* "criterion x", "section 2", "count as G": the name after the word. A
 * condition ("criterion x is 3 or worse", "any criterion in section C is
 * N") names its subject the same way: the name ends at the first space. */
static void lsp_index_phrase(lsp_analysis *analysis, const ast_item *item)
{
    static const struct {
        const char *word;
        lsp_name_kind kind;
    } phrases[] = {
        {"criterion", LSP_NAME_CRITERION},
        {"section", LSP_NAME_SECTION},
        {"count as", LSP_NAME_LEVEL},
        {"any criterion in section", LSP_NAME_SECTION},
    };
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
        size_t length = strlen(phrases[i].word);
        if (strncmp(item->text, phrases[i].word, length) != 0 || item->text[length] != ' ')
            continue;
        const char *name = item->text + length;
        while (*name == ' ')
            name++;
        unsigned skip = (unsigned)(name - item->text);
        size_t name_length = strcspn(name, " ");
        source_span where = {item->where.file, item->where.begin + skip,
                             item->where.begin + skip + (unsigned)name_length};
        name = arena_strndup(analysis->region, name, name_length);
        if (phrases[i].kind == LSP_NAME_SECTION)
            name = lsp_section_named(analysis, name);
        lsp_add(analysis, phrases[i].kind, name, where, false);
        return;
    }
}

/* The band a condition names: "section 1 is in band Below good". */
static void lsp_index_band_test(lsp_analysis *analysis, const ast_item *item)
{
    static const char marker[] = " is in band ";
    const char *found = strstr(item->text, marker);
    if (found == NULL)
        return;
    const char *name = found + sizeof marker - 1;
    unsigned skip = (unsigned)(name - item->text);
    source_span where = {item->where.file, item->where.begin + skip,
                         item->where.begin + skip + (unsigned)strlen(name)};
    lsp_add(analysis, LSP_NAME_BAND, name, where, false);
}

/* The bands' names, where each is declared. */
static void lsp_index_bands(lsp_analysis *analysis)
{
    for (const ast_entry *band = analysis->tree->bands.first; band != NULL; band = band->next) {
        const char *name = band->value != NULL ? band->value->built.text : NULL;
        if (name == NULL || *name == '\0' || strchr(name, '\n') != NULL)
            continue;
        source_span where = band->value->where;
        where.end = where.begin + (unsigned)strlen(name);
        lsp_add(analysis, LSP_NAME_BAND, name, where, true);
    }
}

static void lsp_index_rules(lsp_analysis *analysis)
{
    for (const ast_rule *rule = analysis->tree->first_rule; rule != NULL; rule = rule->next) {
        if ((rule->kind == AST_RULE_ONE_SECTION_GRADE || rule->kind == AST_RULE_SECTION_LIMIT
             || rule->kind == AST_RULE_SECTION_CONDITION) && rule->parameter.text != NULL)
            lsp_add(analysis, LSP_NAME_SECTION, lsp_section_named(analysis, rule->parameter.text),
                    rule->parameter.where, false);
        if (rule->value == NULL)
            continue;
        for (size_t i = 0; i < rule->value->count; i++) {
            if (rule->kind == AST_RULE_GOOD_OR_BETTER)
                lsp_add(analysis, LSP_NAME_LEVEL, rule->value->items[i].text,
                        rule->value->items[i].where, false);
            else
                lsp_index_phrase(analysis, &rule->value->items[i]);
            if (rule->kind == AST_RULE_OVERALL_CONDITION || rule->kind == AST_RULE_SECTION_CONDITION)
                lsp_index_band_test(analysis, &rule->value->items[i]);
        }
    }
}

/* Glossary abbreviations written in prose, as whole words. */
static bool lsp_is_word_byte(char c)
{
    return isalnum((unsigned char)c) || c == '/' || c == '&';
}

static void lsp_index_prose(lsp_analysis *analysis, const ast_prose *prose)
{
    if (prose == NULL || analysis->tree->glossary.first == NULL)
        return;
    for (size_t i = 0; i < prose->line_count; i++) {
        const ast_prose_line *line = &prose->lines[i];
        size_t at = 0;
        while (at < line->length) {
            if (!lsp_is_word_byte(line->text[at])) {
                at++;
                continue;
            }
            size_t end = at;
            while (end < line->length && lsp_is_word_byte(line->text[end]))
                end++;
            for (const ast_entry *entry = analysis->tree->glossary.first; entry != NULL;
                 entry = entry->next) {
                if (strlen(entry->label) == end - at
                    && memcmp(entry->label, line->text + at, end - at) == 0) {
                    source_span where = {prose->where.file, line->offset + (unsigned)at,
                                         line->offset + (unsigned)end};
                    lsp_add(analysis, LSP_NAME_ABBREVIATION, entry->label, where, false);
                    break;
                }
            }
            at = end;
        }
    }
}

static void lsp_index_entry_prose(lsp_analysis *analysis, const ast_entry_list *list)
{
    for (const ast_entry *entry = list->first; entry != NULL; entry = entry->next)
        lsp_index_prose(analysis, entry->value);
}

static void lsp_index_criterion(lsp_analysis *analysis, const ast_criterion *criterion)
{
    lsp_add(analysis, LSP_NAME_CRITERION, criterion->id.text, criterion->id.where, true);
    lsp_index_prose(analysis, criterion->title);
    lsp_index_entries(analysis, &criterion->levels, LSP_NAME_LEVEL, false);
    lsp_index_entry_prose(analysis, &criterion->levels);
    lsp_index_items(analysis, criterion->applies_to, LSP_NAME_ABBREVIATION);
    lsp_index_items(analysis, criterion->themes, LSP_NAME_THEME);
    lsp_index_items(analysis, criterion->same_as, LSP_NAME_CRITERION);
}

static void lsp_index(lsp_analysis *analysis)
{
    const ast_rubric *tree = analysis->tree;
    lsp_index_entries(analysis, &tree->scale, LSP_NAME_LEVEL, true);
    lsp_index_entries(analysis, &tree->glossary, LSP_NAME_ABBREVIATION, true);
    lsp_index_entries(analysis, &tree->themes, LSP_NAME_THEME, true);
    lsp_index_entry_prose(analysis, &tree->glossary);
    lsp_index_prose(analysis, tree->header[AST_HEADER_KEY_FACTORS].value);
    lsp_index_rules(analysis);
    lsp_index_bands(analysis);
    for (const ast_answer_set *set = tree->first_answer_set; set != NULL; set = set->next)
        if (set->id.text != NULL)
            lsp_add(analysis, LSP_NAME_ANSWER_SET, set->id.text, set->id.where, true);
    for (const ast_section *section = tree->first_section; section != NULL;
         section = section->next) {
        lsp_add(analysis, LSP_NAME_SECTION, lsp_section_id(analysis, section),
                section->number.where, true);
        if (section->id != NULL && section->id->count > 0)
            lsp_add(analysis, LSP_NAME_SECTION, section->id->items[0].text,
                    section->id->items[0].where, false);
        lsp_index_prose(analysis, section->title);
        lsp_index_prose(analysis, section->scope);
        lsp_index_items(analysis, section->applies_to, LSP_NAME_ABBREVIATION);
        lsp_index_items(analysis, section->themes, LSP_NAME_THEME);
        lsp_index_items(analysis, section->answers, LSP_NAME_ANSWER_SET);
        lsp_index_entries(analysis, &section->every_criterion, LSP_NAME_LEVEL, false);
        lsp_index_entry_prose(analysis, &section->every_criterion);
        for (const ast_criterion *criterion = section->first_criterion; criterion != NULL;
             criterion = criterion->next)
            lsp_index_criterion(analysis, criterion);
    }
}

lsp_analysis *lsp_analyse(const lsp_document *document)
{
    lsp_analysis *analysis = calloc(1, sizeof *analysis);
    if (analysis == NULL)
        return NULL;
    analysis->region = arena_new();
    source_set_init(&analysis->sources, analysis->region);
    char *written = NULL;
    size_t written_length = 0;
    FILE *collected = open_memstream(&written, &written_length);
    if (collected == NULL) {
        lsp_analysis_free(analysis);
        return NULL;
    }
    diagnostics report;
    diagnostics_init(&report, &analysis->sources, collected);
    report.run = diagnostics_run_new(DIAGNOSTICS_JSON, collected, 0, RUBRIC_VERSION);
    if (report.run == NULL) {
        fclose(collected);
        free(written);
        lsp_analysis_free(analysis);
        return NULL;
    }
    analysis->main_file = source_add_text_limited(&analysis->sources, document->path,
                                                  document->text, document->length);
    if (analysis->main_file < 0) {
        source_span none = {-1, 0, 0};
        diagnostic_error(&report, none,
                         "the document is larger than the limit of %zu bytes for one file",
                         analysis->sources.limits.max_file_bytes);
        analysis->tree = arena_alloc(analysis->region, sizeof *analysis->tree);
    } else {
        analysis->tree = frontend_parse(analysis->region, &analysis->sources, &report,
                                        analysis->main_file);
        if (report.error_count == 0)
            analysis->rubric = check_rubric(analysis->region, &analysis->sources, &report,
                                            analysis->tree, analysis->main_file);
    }
    diagnostics_run_finish(report.run);
    fclose(collected);
    analysis->diagnostics = json_loadb(written, written_length, 0, NULL);
    free(written);
    lsp_index(analysis);
    return analysis;
}

void lsp_analysis_free(lsp_analysis *analysis)
{
    if (analysis == NULL)
        return;
    json_decref(analysis->diagnostics);
    arena_free(analysis->region);
    free(analysis);
}

const lsp_occurrence *lsp_occurrence_at(const lsp_analysis *analysis, size_t offset)
{
    for (size_t i = 0; i < analysis->occurrence_count; i++) {
        const lsp_occurrence *occurrence = &analysis->occurrences[i];
        if (occurrence->where.file == analysis->main_file && occurrence->where.begin <= offset
            && offset <= occurrence->where.end)
            return occurrence;
    }
    return NULL;
}

const lsp_occurrence *lsp_definition_of(const lsp_analysis *analysis, lsp_name_kind kind,
                                        const char *name)
{
    for (size_t i = 0; i < analysis->occurrence_count; i++) {
        const lsp_occurrence *occurrence = &analysis->occurrences[i];
        if (occurrence->is_definition && occurrence->kind == kind
            && strcmp(occurrence->name, name) == 0)
            return occurrence;
    }
    return NULL;
}

lsp_position lsp_analysis_position(const lsp_analysis *analysis, int file, unsigned offset)
{
    const source_file *source = &analysis->sources.files[file];
    return lsp_position_of(source->text, source->length, offset);
}
