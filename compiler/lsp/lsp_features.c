/*
 * lsp_features.c — the language server's answers (see lsp_features.h).
 *
 * Everything here reads the analysis of the document: the index of names
 * for hover, definition and references, the syntax tree for the outline
 * and completion, the IR (when the document compiles) for a criterion's
 * effective descriptors, and the compiler's json diagnostics. Results are
 * built in a fixed order (the order of the source), so the same document
 * always gets the same answer.
 */
#include "lsp_features.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keywords.h"

/* ------------------------------------------------------------ places */

static json_t *lsp_position_json(lsp_position position)
{
    return json_pack("{s:I,s:I}", "line", (json_int_t)position.line, "character",
                     (json_int_t)position.character);
}

json_t *lsp_range_json(lsp_position start, lsp_position end)
{
    return json_pack("{s:o,s:o}", "start", lsp_position_json(start), "end",
                     lsp_position_json(end));
}

static json_t *lsp_span_range(const lsp_analysis *analysis, source_span where)
{
    return lsp_range_json(lsp_analysis_position(analysis, where.file, where.begin),
                          lsp_analysis_position(analysis, where.file, where.end));
}

/* The URI of a file of the analysis: the document's own, or its path's. */
static json_t *lsp_file_uri(const lsp_analysis *analysis, const lsp_document *document,
                            int file)
{
    if (file == analysis->main_file)
        return json_string(document->uri);
    char *uri = lsp_uri_from_path(analysis->sources.files[file].name);
    json_t *value = uri != NULL ? json_string(uri) : NULL;
    free(uri);
    return value;
}

static json_t *lsp_location(const lsp_analysis *analysis, const lsp_document *document,
                            source_span where)
{
    return json_pack("{s:o,s:o}", "uri", lsp_file_uri(analysis, document, where.file), "range",
                     lsp_span_range(analysis, where));
}

/* -------------------------------------------------------- diagnostics */

/* The file of the analysis that the compiler called name, or -1. */
static int lsp_file_named(const lsp_analysis *analysis, const char *name)
{
    for (size_t i = 0; i < analysis->sources.count; i++)
        if (strcmp(analysis->sources.files[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* The protocol position of the compiler's line and character column. */
static lsp_position lsp_place_position(const lsp_analysis *analysis, int file, json_t *line,
                                       json_t *column)
{
    lsp_position position = {json_integer_value(line) - 1, json_integer_value(column) - 1};
    if (position.line < 0)
        position.line = 0;
    if (position.character < 0)
        position.character = 0;
    const source_file *source = &analysis->sources.files[file];
    if ((size_t)position.line < source->line_count) {
        size_t length;
        const char *text = source_line(source, (int)position.line + 1, &length);
        position.character = lsp_utf16_units(text, length, position.character);
    }
    return position;
}

/* The range of a record of the json diagnostics ({file, line, column,
 * endLine, endColumn}); the file index is stored in *file (-1: none). */
static json_t *lsp_record_range(const lsp_analysis *analysis, json_t *record, int *file)
{
    json_t *name = json_object_get(record, "file");
    *file = json_is_string(name) ? lsp_file_named(analysis, json_string_value(name)) : -1;
    if (*file < 0) {
        lsp_position start = {0, 0};
        return lsp_range_json(start, start);
    }
    lsp_position start = lsp_place_position(analysis, *file, json_object_get(record, "line"),
                                            json_object_get(record, "column"));
    lsp_position end = start;
    if (json_object_get(record, "endLine") != NULL)
        end = lsp_place_position(analysis, *file, json_object_get(record, "endLine"),
                                 json_object_get(record, "endColumn"));
    else
        end.character++;
    return lsp_range_json(start, end);
}

static json_t *lsp_related(const lsp_analysis *analysis, const lsp_document *document,
                           json_t *record, const char *message)
{
    int file;
    json_t *range = lsp_record_range(analysis, record, &file);
    if (file < 0) {
        json_decref(range);
        return NULL;
    }
    return json_pack("{s:{s:o,s:o},s:s}", "location", "uri",
                     lsp_file_uri(analysis, document, file), "range", range, "message", message);
}

static json_t *lsp_diagnostic(const lsp_analysis *analysis, const lsp_document *document,
                              json_t *record)
{
    int file;
    json_t *range = lsp_record_range(analysis, record, &file);
    const char *message = json_string_value(json_object_get(record, "message"));
    if (message == NULL)
        message = "";
    const char *severity = json_string_value(json_object_get(record, "severity"));
    json_t *related = json_array();
    json_t *included_from = json_object_get(record, "includedFrom");
    char *shown = NULL;
    if (file >= 0 && file != analysis->main_file && json_array_size(included_from) > 0) {
        /* In an included file: shown on the include line of this document
         * (the last of the chain), pointing at the place itself. */
        json_array_append_new(related, lsp_related(analysis, document, record, message));
        json_t *include = json_array_get(included_from, json_array_size(included_from) - 1);
        json_decref(range);
        range = lsp_record_range(analysis, include, &file);
        const char *included = json_string_value(json_object_get(record, "file"));
        shown = malloc(strlen(message) + strlen(included) + sizeof "in the included file : ");
        if (shown != NULL)
            sprintf(shown, "in the included file %s: %s", included, message);
    }
    json_t *note;
    size_t i;
    json_array_foreach(json_object_get(record, "notes"), i, note) {
        json_t *entry = lsp_related(analysis, document, note,
                                    json_string_value(json_object_get(note, "message")));
        if (entry != NULL)
            json_array_append_new(related, entry);
    }
    json_t *diagnostic = json_pack("{s:o,s:i,s:s,s:s}", "range", range, "severity",
                                   severity != NULL && strcmp(severity, "error") == 0 ? 1 : 2,
                                   "source", "rubricc", "message",
                                   shown != NULL ? shown : message);
    free(shown);
    if (diagnostic != NULL && json_array_size(related) > 0)
        json_object_set(diagnostic, "relatedInformation", related);
    json_decref(related);
    return diagnostic;
}

json_t *lsp_diagnostics(const lsp_analysis *analysis, const lsp_document *document)
{
    json_t *list = json_array();
    json_t *record;
    size_t i;
    json_array_foreach(json_object_get(analysis->diagnostics, "diagnostics"), i, record) {
        json_t *diagnostic = lsp_diagnostic(analysis, document, record);
        if (diagnostic != NULL)
            json_array_append_new(list, diagnostic);
    }
    return list;
}

/* -------------------------------------------------------------- hover */

static const ast_entry *lsp_entry_named(const ast_entry_list *list, const char *label)
{
    for (const ast_entry *entry = list->first; entry != NULL; entry = entry->next)
        if (strcmp(entry->label, label) == 0)
            return entry;
    return NULL;
}

static const char *lsp_entry_text(const ast_entry *entry)
{
    return entry != NULL && entry->value != NULL && entry->value->built.text != NULL
               ? entry->value->built.text
               : "";
}

static const ast_criterion *lsp_criterion_named(const ast_rubric *tree, const char *id)
{
    for (const ast_section *section = tree->first_section; section != NULL;
         section = section->next)
        for (const ast_criterion *criterion = section->first_criterion; criterion != NULL;
             criterion = criterion->next)
            if (criterion->id.text != NULL && strcmp(criterion->id.text, id) == 0)
                return criterion;
    return NULL;
}

static const char *lsp_prose_text(const ast_prose *prose)
{
    return prose != NULL && prose->built.text != NULL ? prose->built.text : NULL;
}

/* A criterion: its title, then each level's effective descriptor (from
 * the IR) or, while the document has errors, its own descriptors. */
static void lsp_hover_criterion(const lsp_analysis *analysis, FILE *out, const char *id)
{
    fprintf(out, "**criterion %s**", id);
    const ast_criterion *criterion = lsp_criterion_named(analysis->tree, id);
    const char *title = criterion != NULL ? lsp_prose_text(criterion->title) : NULL;
    if (title != NULL)
        fprintf(out, ": %s", title);
    fputs("\n", out);
    const ir_rubric *rubric = analysis->rubric;
    for (size_t c = 0; rubric != NULL && c < rubric->criterion_count; c++) {
        const ir_criterion *checked = &rubric->criteria[c];
        if (strcmp(checked->id, id) != 0)
            continue;
        const ir_section *home = &rubric->sections[checked->section];
        if (checked->timescale != NULL) {
            char words[768];
            ir_timescale_describe(rubric, checked->timescale, words, sizeof words);
            fprintf(out, "\n*Timescale*: %s (met, not met or late by N, worked out from the audit's dates)\n", words);
        }
        size_t slots = ir_descriptor_count(rubric, home);
        for (size_t slot = 0; slot < slots; slot++) {
            const ir_descriptor *descriptor = &checked->effective[slot];
            const char *code, *label;
            if (home->answer_set >= 0) {
                code = rubric->answer_sets[home->answer_set].answers[slot].code;
                label = rubric->answer_sets[home->answer_set].answers[slot].label;
            } else {
                code = rubric->levels[slot].code;
                label = rubric->levels[slot].label;
            }
            if (descriptor->prose == NULL && descriptor->origin == IR_ORIGIN_BETWEEN)
                continue;           /* a score between the anchors: nothing to show */
            fprintf(out, "\n**%s** (%s): %s", code, label,
                    descriptor->prose != NULL ? descriptor->prose->text : "*(no descriptor)*");
            if (descriptor->origin == IR_ORIGIN_REUSED)
                fprintf(out, " *(same as %s)*", descriptor->origin_id);
            else if (descriptor->origin == IR_ORIGIN_SECTION)
                fprintf(out, " *(every criterion of %s)*", descriptor->origin_id);
            fputs("\n", out);
        }
        return;
    }
    for (const ast_entry *entry = criterion != NULL ? criterion->levels.first : NULL;
         entry != NULL; entry = entry->next)
        fprintf(out, "\n**%s**: %s\n", entry->label, lsp_entry_text(entry));
}

/* A level of a score scale from the IR: an anchor's label or "a score
 * between the anchors", and its band; false when the scale is not one of
 * scores (or the document does not compile), to hover from the text. */
static bool lsp_hover_score(const lsp_analysis *analysis, FILE *out, const char *code, bool anchor)
{
    const ir_rubric *rubric = analysis->rubric;
    if (rubric == NULL || !rubric->scores)
        return false;
    for (size_t level = 0; level < rubric->level_count; level++) {
        if (strcmp(rubric->levels[level].code, code) != 0)
            continue;
        if (rubric->levels[level].anchor && anchor)
            fprintf(out, "**%s**: %s (an anchor of the scale of scores)\n", code,
                    rubric->levels[level].label);
        else
            fprintf(out, "**%s**: a score between the anchors (no descriptor of its own)\n", code);
        size_t band = ir_band_of_level(rubric, level);
        if (band != SIZE_MAX)
            fprintf(out, "\nin band %s\n", rubric->bands[band].label);
        return true;
    }
    return false;
}

/* An answer set: its title and answers, those that count as met marked. */
static void lsp_hover_answer_set(const ast_rubric *tree, FILE *out, const char *id)
{
    for (const ast_answer_set *set = tree->first_answer_set; set != NULL; set = set->next) {
        if (set->id.text == NULL || strcmp(set->id.text, id) != 0)
            continue;
        const char *title = lsp_prose_text(set->title);
        fprintf(out, "**answers %s**%s%s\n", id, title != NULL ? ": " : "", title != NULL ? title : "");
        for (const ast_entry *entry = set->entries.first; entry != NULL; entry = entry->next)
            fprintf(out, "\n**%s**: %s\n", entry->label, lsp_entry_text(entry));
        return;
    }
    fprintf(out, "**answers %s**: not declared (write 'answers %s: Title' above the sections)\n", id, id);
}

/* A band: the levels it holds (from the IR, once the document compiles). */
static void lsp_hover_band(const ir_rubric *rubric, FILE *out, const char *name)
{
    fprintf(out, "**band %s**", name);
    for (size_t i = 0; rubric != NULL && i < rubric->band_count; i++) {
        const ir_band *band = &rubric->bands[i];
        if (strcmp(band->label, name) == 0) {
            fprintf(out, ": levels %s to %s", rubric->levels[band->best_level].code,
                    rubric->levels[band->worst_level].code);
            break;
        }
    }
    fputs("\n", out);
}

static void lsp_hover_section(const lsp_analysis *analysis, FILE *out, const char *id)
{
    for (const ast_section *section = analysis->tree->first_section; section != NULL;
         section = section->next) {
        const char *own_id = section->id != NULL && section->id->count > 0
                                 ? section->id->items[0].text
                                 : NULL;
        bool named = own_id != NULL ? strcmp(own_id, id) == 0
                                    : strncmp(id, "section-", 8) == 0
                                          && strcasecmp(id + 8, section->number.text) == 0;
        if (!named)
            continue;
        const char *title = lsp_prose_text(section->title);
        fprintf(out, "**section %s**%s%s (id %s)\n", section->number.text,
                title != NULL ? ": " : "", title != NULL ? title : "", id);
        const char *scope = lsp_prose_text(section->scope);
        if (scope != NULL)
            fprintf(out, "\n%s\n", scope);
        const ir_rubric *rubric = analysis->rubric;
        for (size_t i = 0; rubric != NULL && i < rubric->section_count; i++) {
            const ir_target *target = rubric->sections[i].target;
            if (target != NULL && strcmp(rubric->sections[i].id, id) == 0)
                fprintf(out, "\n*Target*: at least %u%% of audits %s (%s) or better\n", target->percent,
                        rubric->levels[target->level].label, rubric->levels[target->level].code);
        }
        return;
    }
}

static void lsp_hover_text(const lsp_analysis *analysis, FILE *out,
                           const lsp_occurrence *occurrence)
{
    const ast_rubric *tree = analysis->tree;
    switch (occurrence->kind) {
    case LSP_NAME_LEVEL: {
        size_t index = 0, count = 0;
        for (const ast_entry *entry = tree->scale.first; entry != NULL; entry = entry->next) {
            count++;
            if (strcmp(entry->label, occurrence->name) == 0)
                index = count;
        }
        const ast_entry *level = lsp_entry_named(&tree->scale, occurrence->name);
        if (lsp_hover_score(analysis, out, occurrence->name, level != NULL))
            break;
        if (level == NULL)
            fprintf(out, "**%s**: not a level of the scale\n", occurrence->name);
        else
            fprintf(out, "**%s**: %s (level %zu of %zu, best first)\n", occurrence->name,
                    lsp_entry_text(level), index, count);
        break;
    }
    case LSP_NAME_ABBREVIATION:
        fprintf(out, "**%s**: %s\n", occurrence->name,
                lsp_entry_text(lsp_entry_named(&tree->glossary, occurrence->name)));
        break;
    case LSP_NAME_THEME: {
        const ast_entry *theme = lsp_entry_named(&tree->themes, occurrence->name);
        if (theme == NULL)
            fprintf(out, "**theme %s**: not declared under themes:\n", occurrence->name);
        else
            fprintf(out, "**theme %s**: %s\n", occurrence->name, lsp_entry_text(theme));
        break;
    }
    case LSP_NAME_SECTION:
        lsp_hover_section(analysis, out, occurrence->name);
        break;
    case LSP_NAME_CRITERION:
        lsp_hover_criterion(analysis, out, occurrence->name);
        break;
    case LSP_NAME_ANSWER_SET:
        lsp_hover_answer_set(tree, out, occurrence->name);
        break;
    case LSP_NAME_BAND:
        lsp_hover_band(analysis->rubric, out, occurrence->name);
        break;
    }
}

static const lsp_occurrence *lsp_occurrence_at_position(const lsp_analysis *analysis,
                                                        const lsp_document *document,
                                                        lsp_position position)
{
    return lsp_occurrence_at(analysis,
                             lsp_offset_of(document->text, document->length, position));
}

json_t *lsp_hover(const lsp_analysis *analysis, const lsp_document *document,
                  lsp_position position)
{
    const lsp_occurrence *occurrence = lsp_occurrence_at_position(analysis, document, position);
    if (occurrence == NULL)
        return json_null();
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    if (out == NULL)
        return NULL;
    lsp_hover_text(analysis, out, occurrence);
    fclose(out);
    json_t *hover = json_pack("{s:{s:s,s:s%},s:o}", "contents", "kind", "markdown", "value",
                              text, length, "range", lsp_span_range(analysis, occurrence->where));
    free(text);
    return hover;
}

/* ------------------------------------------------ definition, references */

json_t *lsp_definition(const lsp_analysis *analysis, const lsp_document *document,
                       lsp_position position)
{
    const lsp_occurrence *occurrence = lsp_occurrence_at_position(analysis, document, position);
    if (occurrence == NULL)
        return json_null();
    const lsp_occurrence *definition = lsp_definition_of(analysis, occurrence->kind,
                                                         occurrence->name);
    if (definition == NULL)
        return json_null();
    return lsp_location(analysis, document, definition->where);
}

json_t *lsp_references(const lsp_analysis *analysis, const lsp_document *document,
                       lsp_position position, bool include_declaration)
{
    const lsp_occurrence *occurrence = lsp_occurrence_at_position(analysis, document, position);
    json_t *list = json_array();
    if (occurrence == NULL || list == NULL)
        return list;
    for (size_t i = 0; i < analysis->occurrence_count; i++) {
        const lsp_occurrence *other = &analysis->occurrences[i];
        if (other->kind == occurrence->kind && strcmp(other->name, occurrence->name) == 0
            && (include_declaration || !other->is_definition))
            json_array_append_new(list, lsp_location(analysis, document, other->where));
    }
    return list;
}

/* ------------------------------------------------------------ outline */

enum { LSP_SYMBOL_NAMESPACE = 3, LSP_SYMBOL_FIELD = 8 };

static json_t *lsp_symbol(const lsp_analysis *analysis, const char *name, const char *detail,
                          int kind, unsigned begin, unsigned end, source_span selection)
{
    lsp_position start = lsp_analysis_position(analysis, analysis->main_file, begin);
    lsp_position stop = lsp_analysis_position(analysis, analysis->main_file, end);
    json_t *symbol = json_pack("{s:s,s:i,s:o,s:o}", "name", name, "kind", kind, "range",
                               lsp_range_json(start, stop), "selectionRange",
                               lsp_span_range(analysis, selection));
    if (symbol != NULL && detail != NULL)
        json_object_set_new(symbol, "detail", json_string(detail));
    return symbol;
}

/* Where an outline entry ends: where the next one begins, or the end of
 * the text (without its final newline). */
static unsigned lsp_end_before(const lsp_analysis *analysis, const source_span *next)
{
    if (next != NULL && next->file == analysis->main_file)
        return next->begin;
    return (unsigned)analysis->sources.files[analysis->main_file].length;
}

json_t *lsp_document_symbols(const lsp_analysis *analysis, const lsp_document *document)
{
    (void)document;
    json_t *list = json_array();
    if (analysis->main_file < 0)
        return list;
    char name[256];
    for (const ast_section *section = analysis->tree->first_section; section != NULL;
         section = section->next) {
        if (section->where.file != analysis->main_file)
            continue;
        unsigned end = lsp_end_before(analysis, section->next ? &section->next->where : NULL);
        snprintf(name, sizeof name, "section %s", section->number.text);
        json_t *symbol = lsp_symbol(analysis, name, lsp_prose_text(section->title),
                                    LSP_SYMBOL_NAMESPACE, section->where.begin, end,
                                    section->number.where);
        json_t *children = json_array();
        for (const ast_criterion *criterion = section->first_criterion; criterion != NULL;
             criterion = criterion->next) {
            unsigned criterion_end = criterion->next != NULL
                                         ? lsp_end_before(analysis, &criterion->next->where)
                                         : end;
            snprintf(name, sizeof name, "criterion %s", criterion->id.text);
            json_array_append_new(children,
                                  lsp_symbol(analysis, name, lsp_prose_text(criterion->title),
                                             LSP_SYMBOL_FIELD, criterion->where.begin,
                                             criterion_end, criterion->id.where));
        }
        if (symbol != NULL)
            json_object_set_new(symbol, "children", children);
        else
            json_decref(children);
        json_array_append_new(list, symbol);
    }
    return list;
}

/* --------------------------------------------------------- completion */

enum { LSP_COMPLETION_VALUE = 12, LSP_COMPLETION_KEYWORD = 14, LSP_COMPLETION_REFERENCE = 18 };

static void lsp_offer(json_t *list, const char *label, const char *insert, int kind,
                      const char *detail)
{
    json_t *item = json_pack("{s:s,s:i,s:s}", "label", label, "kind", kind, "insertText",
                             insert != NULL ? insert : label);
    if (item != NULL && detail != NULL)
        json_object_set_new(item, "detail", json_string(detail));
    json_array_append_new(list, item);
}

static void lsp_offer_entries(json_t *list, const ast_entry_list *entries, const char *suffix,
                              int kind)
{
    char insert[256];
    for (const ast_entry *entry = entries->first; entry != NULL; entry = entry->next) {
        snprintf(insert, sizeof insert, "%s%s", entry->label, suffix);
        lsp_offer(list, entry->label, insert, kind, lsp_entry_text(entry));
    }
}

static void lsp_offer_keywords(json_t *list, unsigned place)
{
    for (size_t i = 0; i < language_keyword_count; i++)
        if (language_keywords[i].places & place)
            lsp_offer(list, language_keywords[i].name, language_keywords[i].insert,
                      LSP_COMPLETION_KEYWORD, language_keywords[i].summary);
}

static void lsp_offer_criteria(json_t *list, const ast_rubric *tree, const char *prefix)
{
    char label[256];
    for (const ast_section *section = tree->first_section; section != NULL;
         section = section->next)
        for (const ast_criterion *criterion = section->first_criterion; criterion != NULL;
             criterion = criterion->next) {
            snprintf(label, sizeof label, "%s%s", prefix, criterion->id.text);
            lsp_offer(list, label, NULL, LSP_COMPLETION_REFERENCE,
                      lsp_prose_text(criterion->title));
        }
}

static void lsp_offer_words(json_t *list, const char *const *words)
{
    for (; *words != NULL; words++)
        lsp_offer(list, *words, NULL, LSP_COMPLETION_VALUE, NULL);
}

/* The values that may follow an entry name (the text before the colon,
 * lower case), or the glossary's abbreviations in prose. */
static void lsp_complete_value(json_t *list, const ast_rubric *tree, const char *name)
{
    static const char *const methods[] = {"worst", "best", "median", "most frequent", NULL};
    static const char *const overall[] = {
        "median of sections", "median of criteria", "worst of sections", "worst of criteria",
        "best of sections", "best of criteria", "most frequent of sections",
        "most frequent of criteria", NULL};
    static const char *const ties[] = {"lower", "higher", NULL};
    static const char *const not_applicable[] = {"leave out", NULL};
    size_t length = strlen(name);
    bool rule_of_section = strncmp(name, "section ", 8) == 0;
    if (strcmp(name, "same as") == 0) {
        lsp_offer_criteria(list, tree, "");
    } else if (strcmp(name, "themes") == 0) {
        lsp_offer_entries(list, &tree->themes, "", LSP_COMPLETION_REFERENCE);
    } else if (strcmp(name, "applies to") == 0) {
        lsp_offer_entries(list, &tree->glossary, "", LSP_COMPLETION_REFERENCE);
        lsp_offer(list, "where appropriate", NULL, LSP_COMPLETION_VALUE,
                  "the auditor may mark it not applicable");
    } else if (strcmp(name, "good or better") == 0) {
        lsp_offer_entries(list, &tree->scale, "", LSP_COMPLETION_REFERENCE);
    } else if (strcmp(name, "not applicable") == 0) {
        lsp_offer_words(list, not_applicable);
        lsp_offer_entries(list, &tree->scale, "", LSP_COMPLETION_REFERENCE);
    } else if (strcmp(name, "ties") == 0) {
        lsp_offer_words(list, ties);
    } else if (strcmp(name, "overall grade") == 0) {
        lsp_offer_words(list, overall);
    } else if (rule_of_section && length > 6 && strcmp(name + length - 6, " grade") == 0) {
        lsp_offer_words(list, methods);
    } else if ((rule_of_section || strcmp(name, "overall no better than") == 0) && length > 15
               && strcmp(name + length - 15, " no better than") == 0) {
        char label[256];
        for (const ast_section *section = tree->first_section; section != NULL;
             section = section->next) {
            snprintf(label, sizeof label, "section %s", section->number.text);
            lsp_offer(list, label, NULL, LSP_COMPLETION_REFERENCE,
                      lsp_prose_text(section->title));
        }
        lsp_offer_criteria(list, tree, "criterion ");
    } else {
        lsp_offer_entries(list, &tree->glossary, "", LSP_COMPLETION_VALUE);
    }
}

/* Where the entry being written stands: the first line above it indented
 * less says which block it is in. A label or prose entry there means the
 * cursor is in that entry's prose. */
static void lsp_complete_entry(json_t *list, const ast_rubric *tree, const char *text,
                               size_t line_start, size_t indent)
{
    if (indent == 0) {
        lsp_offer_keywords(list, KEYWORD_TOP);
        return;
    }
    size_t end = line_start;
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && text[start - 1] != '\n')
            start--;
        const char *line = text + start;
        size_t length = end - 1 - start;
        end = start;
        size_t spaces = 0;
        while (spaces < length && line[spaces] == ' ')
            spaces++;
        if (spaces == length || line[spaces] == '#' || spaces >= indent)
            continue;
        const char *word = line + spaces;
        if (strncmp(word, "criterion ", 10) == 0) {
            lsp_offer_keywords(list, KEYWORD_CRITERION);
            lsp_offer_entries(list, &tree->scale, ": ", LSP_COMPLETION_REFERENCE);
        } else if (strncmp(word, "section ", 8) == 0) {
            lsp_offer_keywords(list, KEYWORD_SECTION);
        } else if (strncmp(word, "grading:", 8) == 0) {
            lsp_offer_keywords(list, KEYWORD_GRADING);
        } else if (strncmp(word, "every criterion:", 16) == 0) {
            lsp_offer_entries(list, &tree->scale, ": ", LSP_COMPLETION_REFERENCE);
        } else if (strncmp(word, "scale:", 6) != 0 && strncmp(word, "glossary:", 9) != 0
                   && strncmp(word, "themes:", 7) != 0) {
            lsp_offer_entries(list, &tree->glossary, "", LSP_COMPLETION_VALUE);
        }
        return;
    }
    lsp_offer_keywords(list, KEYWORD_TOP);
}

json_t *lsp_completion(const lsp_analysis *analysis, const lsp_document *document,
                       lsp_position position)
{
    json_t *list = json_array();
    if (list == NULL)
        return NULL;
    const char *text = document->text;
    size_t offset = lsp_offset_of(text, document->length, position);
    size_t line_start = offset;
    while (line_start > 0 && text[line_start - 1] != '\n')
        line_start--;
    size_t indent = 0;
    while (line_start + indent < offset && text[line_start + indent] == ' ')
        indent++;
    const char *colon = memchr(text + line_start, ':', offset - line_start);
    if (colon == NULL) {
        lsp_complete_entry(list, analysis->tree, text, line_start, indent);
        return list;
    }
    char name[128];
    size_t length = (size_t)(colon - (text + line_start + indent));
    if (length >= sizeof name)
        length = sizeof name - 1;
    for (size_t i = 0; i < length; i++) {
        char c = text[line_start + indent + i];
        name[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    name[length] = '\0';
    lsp_complete_value(list, analysis->tree, name);
    return list;
}
