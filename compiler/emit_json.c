/*
 * emit_json.c — the IR as JSON (format described in docs/json-format.md,
 * schema in docs/rubric.schema.json).
 *
 * The JSON is built as a jansson tree and written with jansson, which does
 * the escaping and keeps keys in insertion order; so the output is exactly
 * the order written here, the same on every run. Keys are written even
 * when their value is null or empty, so consumers never test for absence.
 */
#include "emit.h"

#include <jansson.h>

static json_t *json_text_or_null(const char *text)
{
    return text ? json_string(text) : json_null();
}

static json_t *json_position(const ir_position *where)
{
    json_t *object = json_object();
    json_object_set_new(object, "file", json_text_or_null(where->file));
    json_object_set_new(object, "line", json_integer(where->line));
    json_object_set_new(object, "column", json_integer(where->column));
    return object;
}

static json_t *json_prose(const ir_prose *prose)
{
    if (prose == NULL)
        return json_null();
    json_t *object = json_object();
    json_object_set_new(object, "text", json_string(prose->text));
    json_t *blocks = json_array();
    for (size_t i = 0; i < prose->block_count; i++) {
        const ir_block *block = &prose->blocks[i];
        json_t *entry = json_object();
        if (block->kind == IR_BLOCK_PARAGRAPH) {
            json_object_set_new(entry, "paragraph", json_string(block->text));
        } else {
            json_t *items = json_array();
            for (size_t k = 0; k < block->item_count; k++)
                json_array_append_new(items, json_string(block->items[k]));
            json_object_set_new(entry, "list", items);
        }
        json_array_append_new(blocks, entry);
    }
    json_object_set_new(object, "blocks", blocks);
    json_object_set_new(object, "source", json_position(&prose->where));
    return object;
}

static json_t *json_strings(const char *const *strings, size_t count)
{
    json_t *array = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(array, json_string(strings[i]));
    return array;
}

static json_t *json_theme_ids(const ir_rubric *rubric, const size_t *themes, size_t count)
{
    json_t *array = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(array, json_string(rubric->themes[themes[i]].id));
    return array;
}

/* {"O": PROSE, …} for the levels written, in scale order. */
static json_t *json_levels_written(const ir_rubric *rubric, const ir_prose *const *per_level)
{
    json_t *object = json_object();
    for (size_t level = 0; level < rubric->level_count; level++)
        if (per_level[level] != NULL)
            json_object_set_new(object, rubric->levels[level].code, json_prose(per_level[level]));
    return object;
}

static json_t *json_criterion(const ir_rubric *rubric, const ir_criterion *criterion)
{
    json_t *object = json_object();
    json_object_set_new(object, "id", json_string(criterion->id));
    json_object_set_new(object, "title", json_text_or_null(criterion->title));
    json_object_set_new(object, "applies_to",
                        json_strings(criterion->applies_to, criterion->applies_to_count));
    json_object_set_new(object, "themes",
                        json_theme_ids(rubric, criterion->themes, criterion->theme_count));
    json_object_set_new(object, "not_applicable_allowed",
                        json_boolean(criterion->not_applicable_allowed));
    json_object_set_new(object, "same_as", json_text_or_null(criterion->same_as));
    json_object_set_new(object, "descriptors", json_levels_written(rubric, criterion->own));
    json_t *effective = json_object();
    for (size_t level = 0; level < rubric->level_count; level++) {
        const ir_descriptor *descriptor = &criterion->effective[level];
        json_t *entry = json_object();
        json_object_set_new(entry, "text", json_string(descriptor->prose->text));
        json_object_set_new(entry, "from", json_string(ir_origin_name(descriptor->origin)));
        json_object_set_new(entry, "origin", json_string(descriptor->origin_id));
        json_object_set_new(effective, rubric->levels[level].code, entry);
    }
    json_object_set_new(object, "effective", effective);
    json_object_set_new(object, "source", json_position(&criterion->where));
    return object;
}

static json_t *json_section(const ir_rubric *rubric, const ir_section *section)
{
    json_t *object = json_object();
    json_object_set_new(object, "id", json_string(section->id));
    json_object_set_new(object, "number", json_string(section->number));
    json_object_set_new(object, "title", json_text_or_null(section->title));
    json_object_set_new(object, "scope", json_prose(section->scope));
    json_object_set_new(object, "sequence_note", json_prose(section->sequence_note));
    json_object_set_new(object, "applies_to",
                        json_strings(section->applies_to, section->applies_to_count));
    json_object_set_new(object, "themes", json_theme_ids(rubric, section->themes, section->theme_count));
    json_object_set_new(object, "not_applicable_allowed", json_boolean(section->not_applicable_allowed));
    json_object_set_new(object, "method", json_string(ir_method_name(section->method)));
    json_object_set_new(object, "section_wide", json_levels_written(rubric, section->section_wide));
    json_t *criteria = json_array();
    for (size_t i = 0; i < section->criterion_count; i++)
        json_array_append_new(criteria,
                              json_criterion(rubric, &rubric->criteria[section->first_criterion + i]));
    json_object_set_new(object, "criteria", criteria);
    json_object_set_new(object, "source", json_position(&section->where));
    return object;
}

static json_t *json_grading(const ir_rubric *rubric)
{
    const ir_grading *grading = &rubric->grading;
    json_t *object = json_object();
    json_object_set_new(object, "section_method", json_string(ir_method_name(grading->section_method)));
    json_object_set_new(object, "overall_method", json_string(ir_method_name(grading->overall_method)));
    json_object_set_new(object, "overall_of", json_string(ir_basis_name(grading->overall_basis)));
    json_object_set_new(object, "ties", json_string(ir_ties_name(grading->ties)));
    json_t *not_applicable = json_object();
    bool count_as = grading->not_applicable == RUBRIC_NA_COUNT_AS;
    json_object_set_new(not_applicable, "rule", json_string(count_as ? "count as" : "leave out"));
    json_object_set_new(not_applicable, "level",
                        count_as ? json_string(rubric->levels[grading->not_applicable_level].code)
                                 : json_null());
    json_object_set_new(object, "not_applicable", not_applicable);
    json_object_set_new(object, "good_or_better",
                        json_string(rubric->levels[grading->good_or_better].code));
    json_t *limits = json_array();
    for (size_t i = 0; i < grading->limit_count; i++) {
        const ir_limit *limit = &grading->limits[i];
        json_t *entry = json_object();
        bool section = limit->scope == RUBRIC_SCOPE_SECTION;
        json_object_set_new(entry, "capped", json_string(section ? "section" : "overall"));
        json_object_set_new(entry, "capped_section",
                            section ? json_string(rubric->sections[limit->section].id) : json_null());
        bool by_criterion = limit->kind == RUBRIC_LIMIT_BY_CRITERION;
        json_object_set_new(entry, "by", json_string(by_criterion ? "criterion" : "section"));
        json_object_set_new(entry, "id", json_string(by_criterion ? rubric->criteria[limit->index].id
                                                                  : rubric->sections[limit->index].id));
        json_object_set_new(entry, "source", json_position(&limit->where));
        json_array_append_new(limits, entry);
    }
    json_object_set_new(object, "limits", limits);
    json_object_set_new(object, "source", grading->written ? json_position(&grading->where) : json_null());
    return object;
}

int emit_json(const ir_rubric *rubric, FILE *out)
{
    json_t *root = json_object();
    json_object_set_new(root, "format_version", json_integer(IR_FORMAT_VERSION));
    json_object_set_new(root, "id", json_string(rubric->id));
    json_object_set_new(root, "title", json_string(rubric->title));
    json_object_set_new(root, "authority", json_string(rubric->authority));
    json_object_set_new(root, "version", json_text_or_null(rubric->version));
    json_object_set_new(root, "effective", json_text_or_null(rubric->effective));
    json_object_set_new(root, "files", json_strings(rubric->files, rubric->file_count));
    json_object_set_new(root, "source", json_position(&rubric->where));
    json_t *scale = json_array();
    for (size_t i = 0; i < rubric->level_count; i++) {
        json_t *level = json_object();
        json_object_set_new(level, "code", json_string(rubric->levels[i].code));
        json_object_set_new(level, "label", json_string(rubric->levels[i].label));
        json_object_set_new(level, "source", json_position(&rubric->levels[i].where));
        json_array_append_new(scale, level);
    }
    json_object_set_new(root, "scale", scale);
    json_object_set_new(root, "key_factors", json_prose(rubric->key_factors));
    json_t *glossary = json_array();
    for (size_t i = 0; i < rubric->glossary_count; i++) {
        json_t *entry = json_object();
        json_object_set_new(entry, "abbreviation", json_string(rubric->glossary[i].abbreviation));
        json_object_set_new(entry, "meaning", json_prose(rubric->glossary[i].meaning));
        json_object_set_new(entry, "source", json_position(&rubric->glossary[i].where));
        json_array_append_new(glossary, entry);
    }
    json_object_set_new(root, "glossary", glossary);
    json_t *themes = json_array();
    for (size_t i = 0; i < rubric->theme_count; i++) {
        json_t *theme = json_object();
        json_object_set_new(theme, "id", json_string(rubric->themes[i].id));
        json_object_set_new(theme, "label", json_string(rubric->themes[i].label));
        json_object_set_new(theme, "source", json_position(&rubric->themes[i].where));
        json_array_append_new(themes, theme);
    }
    json_object_set_new(root, "themes", themes);
    json_t *sections = json_array();
    for (size_t i = 0; i < rubric->section_count; i++)
        json_array_append_new(sections, json_section(rubric, &rubric->sections[i]));
    json_object_set_new(root, "sections", sections);
    json_object_set_new(root, "grading", json_grading(rubric));

    int status = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (status != 0 || fputc('\n', out) == EOF)
        return -1;
    return 0;
}
