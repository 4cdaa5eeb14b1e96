/*
 * rubric_load.c — the compiler's JSON (docs/json-format.md) into a
 * rubric_model.
 *
 * The file is read in one go (rubric_file.c; a UTF-8 byte order mark in front is passed
 * over, as on audits) and parsed into a tree (json_tree.c: yajl lexes it
 * into one arena, jansson has the word on any error; the members grading
 * never reads are not built, see never_read); this module walks the tree,
 * checks that every field grading needs is there with the right type,
 * resolves ids (levels, sections and criteria named by limits and rules)
 * to the indexes the model uses, and finally runs rubric_model_check, the
 * same integrity check that linked C tables get. Strings are not copied
 * again: the model points into the tree, and its arrays of structs come
 * from the tree's arena, so the document is freed in a few calls.
 *
 * Every error names the file and the place in it, in the JSON's own terms:
 * "lbx.json: sections[2].criteria[0]: missing field 'id'".
 *
 * Formats 1 and 2 are read; any other is refused first. Format 2's keys
 * (scale_kind, score, anchor, bands, answer_sets, case_types, weight,
 * answers, in_overall, rounding, a limit's kind, level and when) may be
 * absent, as in a format 1 file: each then takes its default (a lettered
 * scale, weight 1, graded on the scale, in the overall, "nearest, half
 * down", "no better than"), so the model is always a format 2 one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "audit_date.h"
#include "json_tree.h"
#include "rubric.h"
#include "rubric_file.h"
#include "rubric_targets.h"

struct rubric_document {
    rubric_model model;
    json_tree *tree;             /* owns every string and array the model points at */
};

/* The loader's working state: the document being built and where errors go. */
typedef struct loader {
    rubric_document *document;
    const char *name;
    rubric_error *error;
    const json_node *scale;         /* the scale array, for resolving level codes */
} loader;

/* COUNT zeroed items from the arena of the document's tree; NULL for none,
 * and when out of memory. */
static void *arena_allocate(rubric_document *document, size_t count, size_t size)
{
    return count == 0 ? NULL : json_tree_allocate(document->tree, count, size);
}

/* Report "NAME: PLACE: message" and answer failure. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int load_failed(loader *state, const char *place, const char *format, ...)
{
    char *message = state->error->message;
    size_t size = sizeof state->error->message;
    int prefix = place && place[0] ? snprintf(message, size, "%s: %s: ", state->name, place)
                                   : snprintf(message, size, "%s: ", state->name);
    if (prefix < 0 || (size_t)prefix >= size)
        return 0;
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message + prefix, size - (size_t)prefix, format, arguments);
    va_end(arguments);
    return 0;
}

/* The arena ran dry: one message for every allocation site. */
static int out_of_memory(loader *state, const char *place)
{
    return load_failed(state, place, "out of memory");
}

/* A required field of type TYPE; reports a missing or mistyped one. */
static const json_node *required_field(loader *state, const char *place, const json_node *object,
                                    const char *key, json_type type, const char *type_name)
{
    const json_node *value = json_node_member(object, key);
    if (value == NULL) {
        load_failed(state, place, "missing field '%s'", key);
        return NULL;
    }
    if (value->type != type && !(type == JSON_TRUE && json_node_is_boolean(value))) {
        load_failed(state, place, "field '%s' must be %s", key, type_name);
        return NULL;
    }
    return value;
}

/* A required, non-empty string field. */
static int required_string(loader *state, const char *place, const json_node *object,
                           const char *key, const char **out)
{
    const json_node *value = required_field(state, place, object, key, JSON_STRING, "a string");
    if (value == NULL)
        return 0;
    if (json_node_string(value)[0] == '\0')
        return load_failed(state, place, "field '%s' is empty", key);
    *out = json_node_string(value);
    return 1;
}

/* A field that must be present, and is a string or null (NULL then). */
static int optional_string(loader *state, const char *place, const json_node *object,
                           const char *key, const char **out)
{
    const json_node *value = json_node_member(object, key);
    if (value == NULL)
        return load_failed(state, place, "missing field '%s'", key);
    if (json_node_is(value, JSON_NULL)) {
        *out = NULL;
        return 1;
    }
    if (!json_node_is(value, JSON_STRING))
        return load_failed(state, place, "field '%s' must be a string or null", key);
    *out = json_node_string(value);
    return 1;
}

/* A required array field; its size in *count. */
static const json_node *required_array(loader *state, const char *place, const json_node *object,
                                    const char *key, unsigned *count)
{
    const json_node *value = required_field(state, place, object, key, JSON_ARRAY, "an array");
    if (value)
        *count = (unsigned)json_node_size(value);
    return value;
}

/* The level index of a level code in the scale, or -1 with an error. */
static int resolve_level(loader *state, const char *place, const char *field, const char *code)
{
    for (size_t index = 0; index < json_node_size(state->scale); index++) {
        const char *candidate = json_node_string(json_node_member(json_node_item(state->scale, index), "code"));
        if (candidate && strcmp(candidate, code) == 0)
            return (int)index;
    }
    load_failed(state, place, "%s '%s' is not a level of the scale", field, code);
    return -1;
}

/* One of a fixed list of words to its enum value, or -1 with an error. */
static int resolve_word(loader *state, const char *place, const char *field, const char *word,
                        const char *const *words, unsigned word_count)
{
    for (unsigned index = 0; index < word_count; index++)
        if (strcmp(words[index], word) == 0)
            return (int)index;
    load_failed(state, place, "%s '%s' is not one of the known values", field, word);
    return -1;
}

/* A method's own tie rule (format 3), a field that may be absent: absent,
 * 0 (the rubric's "ties:"); "lower" or "higher", 1 + its rubric_ties. */
static int optional_ties(loader *state, const char *place, const json_node *object, const char *key, int *out)
{
    static const char *const names[] = {"lower", "higher"};
    const json_node *value = json_node_member(object, key);
    *out = 0;
    if (value == NULL)
        return 1;
    if (!json_node_is(value, JSON_STRING))
        return load_failed(state, place, "field '%s' must be \"lower\" or \"higher\"", key);
    int ties = resolve_word(state, place, key, json_node_string(value), names, 2);
    *out = ties + 1;
    return ties >= 0;
}

/* A method field ("median") to rubric_method, by rubric_method_name. */
static int resolve_method(loader *state, const char *place, const json_node *object,
                          const char *key, rubric_method *out)
{
    const char *word;
    if (!required_string(state, place, object, key, &word))
        return 0;
    for (int method = 0; rubric_method_name((rubric_method)method); method++) {
        if (strcmp(rubric_method_name((rubric_method)method), word) == 0) {
            *out = (rubric_method)method;
            return 1;
        }
    }
    return load_failed(state, place, "%s '%s' is not one of the known values", key, word);
}

/* An array of strings (applies_to, themes) into an arena array. */
static int load_string_list(loader *state, const char *place, const json_node *object, const char *key,
                            const char *const **out, unsigned *count)
{
    const json_node *array = required_array(state, place, object, key, count);
    if (array == NULL)
        return 0;
    const char **strings = arena_allocate(state->document, *count, sizeof *strings);
    if (*count && strings == NULL)
        return out_of_memory(state, place);
    for (unsigned index = 0; index < *count; index++) {
        strings[index] = json_node_string(json_node_item(array, index));
        if (strings[index] == NULL)
            return load_failed(state, place, "%s[%u] must be a string", key, index);
    }
    *out = strings;
    return 1;
}

/* An optional boolean field: absent or null is DEFAULT_VALUE. */
static int optional_boolean(loader *state, const char *place, const json_node *object, const char *key,
                            int default_value, int *out)
{
    const json_node *value = json_node_member(object, key);
    if (value == NULL || json_node_is(value, JSON_NULL)) {
        *out = default_value;
        return 1;
    }
    if (!json_node_is_boolean(value))
        return load_failed(state, place, "field '%s' must be true or false", key);
    *out = json_node_is(value, JSON_TRUE);
    return 1;
}

/* A level's "score": an integer 0 to 100, or null or absent (0). */
static int optional_score(loader *state, const char *place, const json_node *level, int *out)
{
    const json_node *value = json_node_member(level, "score");
    *out = 0;
    if (value == NULL || json_node_is(value, JSON_NULL))
        return 1;
    if (!json_node_is(value, JSON_INTEGER) || json_node_integer(value) < 0 || json_node_integer(value) > 100)
        return load_failed(state, place, "field 'score' must be an integer from 0 to 100, or null");
    *out = (int)json_node_integer(value);
    return 1;
}

/* A "weight": a positive number with at most two decimals, at most 1000,
 * into hundredths; absent or null is 1 (100). */
static int optional_weight(loader *state, const char *place, const json_node *object, unsigned *out)
{
    const json_node *value = json_node_member(object, "weight");
    *out = 100;
    if (value == NULL || json_node_is(value, JSON_NULL))
        return 1;
    double number = json_node_is_number(value) ? json_node_number(value) : -1;
    double scaled = number * 100;
    long hundredths = (long)(scaled + 0.5);
    if (number <= 0 || number > 1000 || hundredths < 1 || scaled - (double)hundredths > 1e-6 ||
        (double)hundredths - scaled > 1e-6)
        return load_failed(state, place, "field 'weight' must be a positive number up to 1000 with at most"
                           " two decimals");
    *out = (unsigned)hundredths;
    return 1;
}

/* An optional array field: absent or null is empty (*count 0, NULL). */
static int optional_array(loader *state, const char *place, const json_node *object, const char *key,
                          const json_node **out, unsigned *count)
{
    const json_node *value = json_node_member(object, key);
    *out = NULL;
    *count = 0;
    if (value == NULL || json_node_is(value, JSON_NULL))
        return 1;
    if (!json_node_is(value, JSON_ARRAY))
        return load_failed(state, place, "field '%s' must be an array", key);
    *out = value;
    *count = (unsigned)json_node_size(value);
    return 1;
}

/* The answer of CODE in SET, or -1. */
static int find_answer(const rubric_answer_set *set, const char *code)
{
    for (unsigned answer = 0; answer < set->answer_count; answer++)
        if (strcmp(set->answers[answer].code, code) == 0)
            return (int)answer;
    return -1;
}

/* "bands": each a label and the level codes it covers, best first, one run. */
static int load_bands(loader *state, const json_node *root)
{
    rubric_model *model = &state->document->model;
    const json_node *bands;
    if (!optional_array(state, "", root, "bands", &bands, &model->band_count))
        return 0;
    rubric_band *entries = arena_allocate(state->document, model->band_count, sizeof *entries);
    if (model->band_count && !entries)
        return out_of_memory(state, "bands");
    for (unsigned index = 0; index < model->band_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "bands[%u]", index);
        const json_node *band = json_node_item(bands, index);
        unsigned count;
        const json_node *levels = json_node_is(band, JSON_OBJECT) ? required_array(state, place, band, "levels", &count) : NULL;
        if (!json_node_is(band, JSON_OBJECT))
            return load_failed(state, place, "must be an object");
        if (levels == NULL || !required_string(state, place, band, "label", &entries[index].label))
            return 0;
        if (count == 0)
            return load_failed(state, place, "the band covers no levels");
        for (unsigned member = 0; member < count; member++) {
            const char *code = json_node_string(json_node_item(levels, member));
            int level = code ? resolve_level(state, place, "band level", code) : -1;
            if (code == NULL)
                return load_failed(state, place, "levels[%u] must be a string", member);
            if (level < 0)
                return 0;
            if (member == 0)
                entries[index].best_level = (unsigned)level;
            else if ((unsigned)level != entries[index].best_level + member)
                return load_failed(state, place, "the band's levels must be one run of the scale, best first");
            entries[index].worst_level = (unsigned)level;
        }
    }
    model->bands = entries;
    return 1;
}

/* "answer_sets": id, title, answers (code and label) and the codes met. */
static int load_answer_sets(loader *state, const json_node *root)
{
    rubric_model *model = &state->document->model;
    const json_node *sets;
    if (!optional_array(state, "", root, "answer_sets", &sets, &model->answer_set_count))
        return 0;
    rubric_answer_set *entries = arena_allocate(state->document, model->answer_set_count, sizeof *entries);
    if (model->answer_set_count && !entries)
        return out_of_memory(state, "answer_sets");
    for (unsigned index = 0; index < model->answer_set_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "answer_sets[%u]", index);
        const json_node *set = json_node_item(sets, index);
        rubric_answer_set *entry = &entries[index];
        unsigned met_count;
        const json_node *answers = NULL, *met = NULL;
        if (!json_node_is(set, JSON_OBJECT))
            return load_failed(state, place, "must be an object");
        if (!required_string(state, place, set, "id", &entry->id) ||
            !optional_string(state, place, set, "title", &entry->title) ||
            !(answers = required_array(state, place, set, "answers", &entry->answer_count)) ||
            !(met = required_array(state, place, set, "met", &met_count)))
            return 0;
        rubric_answer *answer_entries = arena_allocate(state->document, entry->answer_count, sizeof *answer_entries);
        if (entry->answer_count == 0)
            return load_failed(state, place, "the answer set has no answers");
        if (answer_entries == NULL)
            return out_of_memory(state, place);
        entry->answers = answer_entries;
        for (unsigned answer = 0; answer < entry->answer_count; answer++) {
            char answer_place[96];
            snprintf(answer_place, sizeof answer_place, "%s.answers[%u]", place, answer);
            const json_node *object = json_node_item(answers, answer);
            if (!json_node_is(object, JSON_OBJECT))
                return load_failed(state, answer_place, "must be an object");
            if (!required_string(state, answer_place, object, "code", &answer_entries[answer].code) ||
                !required_string(state, answer_place, object, "label", &answer_entries[answer].label))
                return 0;
        }
        for (unsigned member = 0; member < met_count; member++) {
            const char *code = json_node_string(json_node_item(met, member));
            int answer = code ? find_answer(entry, code) : -1;
            if (answer < 0)
                return load_failed(state, place, "met[%u] is not an answer code of the set", member);
            answer_entries[answer].met = 1;
        }
    }
    model->answer_sets = entries;
    return 1;
}

/* "case_types": the header's case types; absent or null is none. */
static int load_case_types(loader *state, const json_node *root)
{
    rubric_model *model = &state->document->model;
    const json_node *value = json_node_member(root, "case_types");
    if (value == NULL || json_node_is(value, JSON_NULL))
        return 1;
    return load_string_list(state, "", root, "case_types", &model->case_types, &model->case_type_count);
}

/* "facts": key, name, type, required and a choice's choices; absent or
 * null is none (formats 1 and 2). */
static int load_facts(loader *state, const json_node *root)
{
    static const char *const type_names[] = {"text", "choice", "date", "number", "yes/no", "dates"};
    rubric_model *model = &state->document->model;
    const json_node *facts;
    if (!optional_array(state, "", root, "facts", &facts, &model->fact_count))
        return 0;
    rubric_fact *entries = arena_allocate(state->document, model->fact_count, sizeof *entries);
    if (model->fact_count && !entries)
        return out_of_memory(state, "facts");
    for (unsigned index = 0; index < model->fact_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "facts[%u]", index);
        const json_node *fact = json_node_item(facts, index);
        rubric_fact *entry = &entries[index];
        const char *type;
        if (!json_node_is(fact, JSON_OBJECT))
            return load_failed(state, place, "must be an object");
        if (!required_string(state, place, fact, "key", &entry->key) ||
            !required_string(state, place, fact, "name", &entry->name) ||
            !required_string(state, place, fact, "type", &type) ||
            !optional_boolean(state, place, fact, "required", 0, &entry->required))
            return 0;
        int resolved = resolve_word(state, place, "type", type, type_names, 6);
        if (resolved < 0)
            return 0;
        entry->type = (rubric_fact_type)resolved;
        if (entry->type == RUBRIC_FACT_CHOICE &&
            !load_string_list(state, place, fact, "choices", &entry->choices, &entry->choice_count))
            return 0;
        for (unsigned earlier = 0; earlier < index; earlier++)
            if (strcmp(entries[earlier].key, entry->key) == 0)
                return load_failed(state, place, "fact '%s' is declared twice", entry->key);
    }
    model->facts = entries;
    return 1;
}

/* "scale": the levels, best first; "scale_kind". */
static int load_scale(loader *state, const json_node *root)
{
    rubric_model *model = &state->document->model;
    state->scale = required_array(state, "", root, "scale", &model->level_count);
    if (state->scale == NULL)
        return 0;
    if (model->level_count == 0)
        return load_failed(state, "scale", "the scale has no levels");
    rubric_level *levels = arena_allocate(state->document, model->level_count, sizeof *levels);
    if (levels == NULL)
        return out_of_memory(state, "scale");
    for (unsigned index = 0; index < model->level_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "scale[%u]", index);
        const json_node *level = json_node_item(state->scale, index);
        if (!json_node_is(level, JSON_OBJECT))
            return load_failed(state, place, "must be an object");
        if (!required_string(state, place, level, "code", &levels[index].code) ||
            !required_string(state, place, level, "label", &levels[index].label) ||
            !optional_score(state, place, level, &levels[index].score) ||
            !optional_boolean(state, place, level, "anchor", 1, &levels[index].anchor))
            return 0;
    }
    model->levels = levels;
    const json_node *kind = json_node_member(root, "scale_kind");
    if (kind && !json_node_is(kind, JSON_NULL)) {
        static const char *const kind_names[] = {"levels", "scores"};
        int value = json_node_is(kind, JSON_STRING) ? resolve_word(state, "", "scale_kind", json_node_string(kind), kind_names, 2)
                                         : load_failed(state, "", "field 'scale_kind' must be a string") - 1;
        if (value < 0)
            return 0;
        model->scores = value;
    }
    return 1;
}

/* "glossary" and "themes": reference lists kept for reporting. */
static int load_glossary_and_themes(loader *state, const json_node *root)
{
    rubric_model *model = &state->document->model;
    const json_node *glossary = required_array(state, "", root, "glossary", &model->glossary_count);
    const json_node *themes = glossary ? required_array(state, "", root, "themes", &model->theme_count) : NULL;
    if (themes == NULL)
        return 0;
    rubric_glossary_entry *entries = arena_allocate(state->document, model->glossary_count, sizeof *entries);
    rubric_theme *theme_entries = arena_allocate(state->document, model->theme_count, sizeof *theme_entries);
    if ((model->glossary_count && !entries) || (model->theme_count && !theme_entries))
        return out_of_memory(state, "glossary");
    for (unsigned index = 0; index < model->glossary_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "glossary[%u]", index);
        const json_node *entry = json_node_item(glossary, index);
        const json_node *meaning = json_node_member(entry, "meaning");
        if (!required_string(state, place, entry, "abbreviation", &entries[index].abbreviation))
            return 0;
        entries[index].meaning = json_node_string(json_node_member(meaning, "text"));
        if (entries[index].meaning == NULL)
            return load_failed(state, place, "field 'meaning' must be prose with a 'text'");
    }
    for (unsigned index = 0; index < model->theme_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "themes[%u]", index);
        const json_node *theme = json_node_item(themes, index);
        if (!required_string(state, place, theme, "id", &theme_entries[index].id) ||
            !required_string(state, place, theme, "label", &theme_entries[index].label))
            return 0;
    }
    model->glossary = entries;
    model->themes = theme_entries;
    return 1;
}

/* "groups" (format 3): absent or null is none; else [{"id", "label"}]. */
static int load_groups(loader *state, const json_node *root)
{
    rubric_model *model = &state->document->model;
    const json_node *groups;
    if (!optional_array(state, "", root, "groups", &groups, &model->group_count))
        return 0;
    rubric_group *entries = arena_allocate(state->document, model->group_count, sizeof *entries);
    if (model->group_count && !entries)
        return out_of_memory(state, "groups");
    for (unsigned index = 0; index < model->group_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "groups[%u]", index);
        const json_node *group = json_node_item(groups, index);
        if (!json_node_is(group, JSON_OBJECT))
            return load_failed(state, place, "must be an object");
        if (!required_string(state, place, group, "id", &entries[index].id) ||
            !required_string(state, place, group, "label", &entries[index].title))
            return 0;
        for (unsigned earlier = 0; earlier < index; earlier++)
            if (strcmp(entries[earlier].id, entries[index].id) == 0)
                return load_failed(state, place, "group id '%s' is given twice", entries[index].id);
    }
    model->groups = entries;
    return 1;
}

/* The index of group ID, or -1. */
static int find_group(const rubric_model *model, const char *id)
{
    for (unsigned group = 0; group < model->group_count; group++)
        if (strcmp(model->groups[group].id, id) == 0)
            return (int)group;
    return -1;
}

/* A criterion's "key" (absent: false) and "groups" (absent: none), format 3. */
static int load_criterion_groups(loader *state, const char *place, const json_node *object,
                                 rubric_criterion *criterion)
{
    const json_node *groups;
    unsigned count;
    if (!optional_boolean(state, place, object, "key", 0, &criterion->key) ||
        !optional_array(state, place, object, "groups", &groups, &count))
        return 0;
    unsigned *indexes = arena_allocate(state->document, count, sizeof *indexes);
    if (count && !indexes)
        return out_of_memory(state, place);
    for (unsigned index = 0; index < count; index++) {
        const json_node *id = json_node_item(groups, index);
        int group = json_node_is(id, JSON_STRING) ? find_group(&state->document->model, json_node_string(id)) : -1;
        if (group < 0)
            return load_failed(state, place, "groups[%u] is not a group of the rubric", index);
        indexes[index] = (unsigned)group;
    }
    criterion->groups = count ? indexes : NULL;
    criterion->group_count = count;
    return 1;
}

/* A criterion's "effective" descriptors: one text per level, in scale
 * order, or in a checklist section (SET) one per answer of the set. A
 * text may be null where the model allows none: a level between the
 * anchors of a score scale, an answer without a descriptor. */
static int load_descriptors(loader *state, const char *place, const json_node *criterion,
                            const rubric_answer_set *set, const char *const **out)
{
    const rubric_model *model = &state->document->model;
    const json_node *effective = required_field(state, place, criterion, "effective", JSON_OBJECT, "an object");
    if (effective == NULL)
        return 0;
    unsigned count = set ? set->answer_count : model->level_count;
    const char *what = set ? "answer" : "level";
    const char **texts = arena_allocate(state->document, count, sizeof *texts);
    if (texts == NULL)
        return out_of_memory(state, place);
    for (unsigned index = 0; index < count; index++) {
        const char *code = set ? set->answers[index].code : model->levels[index].code;
        const json_node *descriptor = json_node_member(effective, code);
        if (descriptor == NULL)
            return load_failed(state, place, "no descriptor for %s %s", what, code);
        const json_node *text = json_node_member(descriptor, "text");
        texts[index] = json_node_string(text);
        int may_be_empty = set || (model->scores && !model->levels[index].anchor);
        if (texts[index] == NULL && !(may_be_empty && json_node_is(text, JSON_NULL)))
            return load_failed(state, place, "the descriptor for %s %s has no 'text'", what, code);
    }
    if (json_node_size(effective) != count)
        return load_failed(state, place, "'effective' has %zu descriptors for %u %ss",
                           json_node_size(effective), count, what);
    *out = texts;
    return 1;
}

/* One criterion of section SECTION. */
/* The index of the fact with key KEY, or -1 with an error. */
static int resolve_fact(loader *state, const char *place, const char *key)
{
    const rubric_model *model = &state->document->model;
    for (unsigned index = 0; key != NULL && index < model->fact_count; index++)
        if (strcmp(model->facts[index].key, key) == 0)
            return (int)index;
    load_failed(state, place, "'%s' is not a fact of the rubric", key ? key : "");
    return -1;
}

/* "target" (format 3): absent or null is none (rubric_targets.c). */
static int load_target(loader *state, const char *place, const json_node *object, rubric_target *target)
{
    char problem[160];
    return targets_load(object, &state->document->model, target, problem, sizeof problem) ||
           load_failed(state, place, "%s", problem);
}

/* "applies_when" (format 3): absent or null is none; else the fact, the
 * test, and the values or the span and its other date. */
static int load_applies_when(loader *state, const char *place, const json_node *object,
                             const rubric_condition **out)
{
    static const char *const tests[] = {"is", "is not", "within"};
    static const char *const units[] = {"days", "working days", "months", "hours"};
    const json_node *value = json_node_member(object, "applies_when");
    *out = NULL;
    if (value == NULL || json_node_is(value, JSON_NULL))
        return 1;
    rubric_condition *condition = arena_allocate(state->document, 1, sizeof *condition);
    if (condition == NULL)
        return out_of_memory(state, place);
    const char *fact, *test, *unit, *of;
    if (!json_node_is(value, JSON_OBJECT))
        return load_failed(state, place, "applies_when must be an object");
    if (!required_string(state, place, value, "fact", &fact) || !required_string(state, place, value, "test", &test))
        return 0;
    int fact_index = resolve_fact(state, place, fact);
    int test_index = fact_index < 0 ? -1 : resolve_word(state, place, "test", test, tests, 3);
    if (test_index < 0)
        return 0;
    condition->fact = (unsigned)fact_index;
    condition->test = (rubric_fact_test)test_index;
    if (condition->test != RUBRIC_FACT_TEST_WITHIN) {
        if (!load_string_list(state, place, value, "values", &condition->values, &condition->value_count))
            return 0;
    } else {
        const json_node *amount = required_field(state, place, value, "amount", JSON_INTEGER, "an integer");
        int resolved;
        if (amount == NULL || !required_string(state, place, value, "unit", &unit) ||
            !required_string(state, place, value, "of", &of) ||
            (resolved = resolve_word(state, place, "unit", unit, units, 4)) < 0)
            return 0;
        if (json_node_integer(amount) < 1 || json_node_integer(amount) > 1000000)
            return load_failed(state, place, "applies_when's amount must be a whole number from 1");
        condition->amount = (unsigned)json_node_integer(amount);
        condition->unit = (rubric_time_unit)resolved;
        condition->of_fact = strcmp(of, "date") == 0 ? -1 : resolve_fact(state, place, of);
        if (strcmp(of, "date") != 0 && condition->of_fact < 0)
            return 0;
    }
    *out = condition;
    return 1;
}

/* "timescale" (format 3): absent or null is none. "within" N, or
 * "every" N with "to" ("date", the audit's, or a date fact's key). */
static int load_timescale(loader *state, const char *place, const json_node *object, const rubric_timescale **out)
{
    static const char *const units[] = {"days", "working days", "months", "hours"};
    const json_node *value = json_node_member(object, "timescale");
    *out = NULL;
    if (value == NULL || json_node_is(value, JSON_NULL))
        return 1;
    if (!json_node_is(value, JSON_OBJECT))
        return load_failed(state, place, "timescale must be an object");
    rubric_timescale *timescale = arena_allocate(state->document, 1, sizeof *timescale);
    const char *fact, *from, *unit;
    if (timescale == NULL)
        return out_of_memory(state, place);
    int every = json_node_member(value, "every") != NULL;
    const json_node *within = required_field(state, place, value, every ? "every" : "within", JSON_INTEGER,
                                             "an integer");
    if (within == NULL || !required_string(state, place, value, "fact", &fact) ||
        !required_string(state, place, value, "from", &from) || !required_string(state, place, value, "unit", &unit))
        return 0;
    int fact_index = resolve_fact(state, place, fact);
    int from_index = fact_index < 0 ? -1 : resolve_fact(state, place, from);
    int unit_index = from_index < 0 ? -1 : resolve_word(state, place, "unit", unit, units, 4);
    if (unit_index < 0)
        return 0;
    if (json_node_integer(within) < 1 || json_node_integer(within) > 1000000)
        return load_failed(state, place, "timescale's %s must be a whole number from 1", every ? "every" : "within");
    int to_index = -1;
    if (every) {
        const char *to;
        if (!required_string(state, place, value, "to", &to))
            return 0;
        if (strcmp(to, "date") != 0 && (to_index = resolve_fact(state, place, to)) < 0)
            return 0;
    }
    *timescale = (rubric_timescale){(unsigned)fact_index, (unsigned)from_index, (unsigned)json_node_integer(within),
                                    (rubric_time_unit)unit_index, every, to_index};
    *out = timescale;
    return 1;
}

static int load_criterion(loader *state, const char *place, const json_node *object,
                          unsigned section, const rubric_answer_set *set, rubric_criterion *criterion)
{
    if (!json_node_is(object, JSON_OBJECT))
        return load_failed(state, place, "must be an object");
    const json_node *allowed = required_field(state, place, object, "not_applicable_allowed",
                                           JSON_TRUE, "true or false");
    if (allowed == NULL)
        return 0;
    criterion->section = section;
    criterion->not_applicable_allowed = json_node_is(allowed, JSON_TRUE);
    return required_string(state, place, object, "id", &criterion->id) &&
           optional_string(state, place, object, "title", &criterion->title) &&
           load_string_list(state, place, object, "applies_to", &criterion->applies_to,
                            &criterion->applies_to_count) &&
           load_string_list(state, place, object, "themes", &criterion->themes, &criterion->theme_count) &&
           optional_weight(state, place, object, &criterion->weight_hundredths) &&
           load_criterion_groups(state, place, object, criterion) &&
           load_applies_when(state, place, object, &criterion->applies_when) &&
           load_timescale(state, place, object, &criterion->timescale) &&
           load_descriptors(state, place, object, set, &criterion->descriptors);
}

/* A section's "answers": null or absent (graded on the scale, -1), or the
 * id of an answer set; a checklist section's method is null (stored as
 * worst, never used). */
static int load_section_answers(loader *state, const char *place, const json_node *section, rubric_section *entry)
{
    const rubric_model *model = &state->document->model;
    const json_node *answers = json_node_member(section, "answers");
    entry->answer_set = -1;
    if (answers == NULL || json_node_is(answers, JSON_NULL))
        return 1;
    if (!json_node_is(answers, JSON_STRING))
        return load_failed(state, place, "field 'answers' must be a string or null");
    for (unsigned set = 0; set < model->answer_set_count; set++)
        if (strcmp(model->answer_sets[set].id, json_node_string(answers)) == 0) {
            entry->answer_set = (int)set;
            entry->method = RUBRIC_METHOD_WORST;
            return 1;
        }
    return load_failed(state, place, "answers '%s' is not an answer set of the rubric", json_node_string(answers));
}

/* "sections": each section and, in order, its criteria. */
static int load_sections(loader *state, const json_node *root)
{
    rubric_model *model = &state->document->model;
    const json_node *sections = required_array(state, "", root, "sections", &model->section_count);
    if (sections == NULL)
        return 0;
    if (model->section_count == 0)
        return load_failed(state, "sections", "the rubric has no sections");
    unsigned total = 0;
    for (unsigned index = 0; index < model->section_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "sections[%u]", index);
        const json_node *section = json_node_item(sections, index);
        unsigned count;
        if (!json_node_is(section, JSON_OBJECT))
            return load_failed(state, place, "must be an object");
        if (!required_array(state, place, section, "criteria", &count))
            return 0;
        total += count;
    }
    rubric_section *section_entries = arena_allocate(state->document, model->section_count,
                                                     sizeof *section_entries);
    rubric_criterion *criteria = arena_allocate(state->document, total, sizeof *criteria);
    if (!section_entries || (total && !criteria))
        return out_of_memory(state, "sections");
    model->sections = section_entries;
    model->criteria = criteria;
    model->criterion_count = total;
    unsigned next = 0;
    for (unsigned index = 0; index < model->section_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "sections[%u]", index);
        const json_node *section = json_node_item(sections, index);
        rubric_section *entry = &section_entries[index];
        const json_node *members = json_node_member(section, "criteria");
        if (!required_string(state, place, section, "id", &entry->id) ||
            !required_string(state, place, section, "number", &entry->number) ||
            !optional_string(state, place, section, "title", &entry->title) ||
            !load_section_answers(state, place, section, entry) ||
            (entry->answer_set < 0 && !resolve_method(state, place, section, "method", &entry->method)) ||
            !optional_ties(state, place, section, "ties", &entry->ties) ||
            !optional_weight(state, place, section, &entry->weight_hundredths) ||
            !optional_boolean(state, place, section, "in_overall", 1, &entry->in_overall) ||
            !load_applies_when(state, place, section, &entry->applies_when) ||
            !load_target(state, place, section, &entry->target))
            return 0;
        const rubric_answer_set *set = entry->answer_set >= 0 ? &model->answer_sets[entry->answer_set] : NULL;
        entry->first_criterion = next;
        entry->criterion_count = (unsigned)json_node_size(members);
        for (unsigned member = 0; member < entry->criterion_count; member++, next++) {
            char member_place[96];
            snprintf(member_place, sizeof member_place, "%s.criteria[%u]", place, member);
            if (!load_criterion(state, member_place, json_node_item(members, member), index, set, &criteria[next]))
                return 0;
        }
    }
    return 1;
}

/* A condition's value: a band label (test "band"), an answer code (a
 * subject answered with an answer set) or a level code. */
static int resolve_condition_value(loader *state, const char *place, const rubric_limit *limit, const char *value)
{
    const rubric_model *model = &state->document->model;
    if (limit->test == RUBRIC_TEST_IN_BAND) {
        for (unsigned band = 0; band < model->band_count; band++)
            if (strcmp(model->bands[band].label, value) == 0)
                return (int)band;
        load_failed(state, place, "value '%s' is not a band of the rubric", value);
        return -1;
    }
    int set = limit->subject == RUBRIC_SUBJECT_CRITERION
                  ? rubric_section_answer_set(model, model->criteria[limit->subject_index].section)
              : limit->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION
                  ? rubric_section_answer_set(model, (unsigned)limit->subject_index)
                  : -1;
    if (set < 0)
        return resolve_level(state, place, "value", value);
    int answer = find_answer(&model->answer_sets[set], value);
    if (answer < 0)
        load_failed(state, place, "value '%s' is not an answer of the set '%s'", value, model->answer_sets[set].id);
    return answer;
}

/* A counting condition's "count" (format 3): absent or null is none;
 * else {"compare": "at least" | "more than" | "fewer than" | "at most",
 * "number": N}, for a subject of several criteria. */
static int load_condition_count(loader *state, const char *place, const json_node *when, rubric_limit *entry)
{
    static const char *const compare_names[] = {"at least", "more than", "fewer than", "at most"};
    const json_node *count = json_node_member(when, "count");
    entry->count_rule = RUBRIC_COUNT_NONE;
    entry->count = 0;
    if (count == NULL || json_node_is(count, JSON_NULL))
        return 1;
    char count_place[112];
    snprintf(count_place, sizeof count_place, "%s.count", place);
    const char *compare;
    if (!json_node_is(count, JSON_OBJECT))
        return load_failed(state, place, "field 'count' must be an object or null");
    const json_node *number = required_field(state, count_place, count, "number", JSON_INTEGER, "an integer");
    if (number == NULL || !required_string(state, count_place, count, "compare", &compare))
        return 0;
    int rule = resolve_word(state, count_place, "compare", compare, compare_names, 4);
    if (rule < 0)
        return 0;
    if (json_node_integer(number) < 0 || json_node_integer(number) > 1000000)
        return load_failed(state, count_place, "field 'number' must be a whole number from 0 to 1000000");
    if (entry->subject == RUBRIC_SUBJECT_CRITERION || entry->subject == RUBRIC_SUBJECT_SECTION ||
        entry->subject == RUBRIC_SUBJECT_TIMESCALE)
        return load_failed(state, place, "a count needs a subject of several criteria ('any criterion', "
                           "'any criterion in section', 'any key criterion' or 'any criterion of group')");
    entry->count_rule = (rubric_count_rule)(rule + 1);
    entry->count = (unsigned)json_node_integer(number);
    return 1;
}

/* A limit's "when": subject, id, test and value, resolved to indexes. */
static int load_condition(loader *state, const char *place, const json_node *limit, rubric_limit *entry)
{
    const rubric_model *model = &state->document->model;
    static const char *const subject_names[] = {"criterion", "section", "any criterion", "any criterion in section",
                                                "any key criterion", "any criterion of group", "timescale"};
    static const char *const test_names[] = {"is", "or worse", "or better", "band", "graded", "NA", "met", "not met"};
    char when_place[96];
    snprintf(when_place, sizeof when_place, "%s.when", place);
    const json_node *when = required_field(state, place, limit, "when", JSON_OBJECT, "an object");
    const char *subject, *id, *test, *value;
    if (when == NULL || !required_string(state, when_place, when, "subject", &subject) ||
        !optional_string(state, when_place, when, "id", &id) ||
        !required_string(state, when_place, when, "test", &test))
        return 0;
    int subject_value = resolve_word(state, when_place, "subject", subject, subject_names, 7);
    int test_value = subject_value < 0 ? -1 : resolve_word(state, when_place, "test", test, test_names, 8);
    if (test_value < 0)
        return 0;
    int on_timescale = subject_value == RUBRIC_SUBJECT_TIMESCALE;
    if (on_timescale != (test_value == RUBRIC_TEST_MET || test_value == RUBRIC_TEST_NOT_MET))
        return load_failed(state, when_place, "a timescale is tested with 'met' or 'not met', and only a timescale "
                           "is (subject '%s', test '%s')", subject, test);
    int counts_presence = test_value == RUBRIC_TEST_GRADED || test_value == RUBRIC_TEST_NOT_APPLICABLE || on_timescale;
    if (counts_presence ? !optional_string(state, when_place, when, "value", &value)
                        : !required_string(state, when_place, when, "value", &value))
        return 0;
    if (counts_presence && subject_value == RUBRIC_SUBJECT_SECTION)
        return load_failed(state, when_place, "test '%s' is for criteria, not a section's grade", test);
    entry->subject = (rubric_subject)subject_value;
    entry->test = (rubric_test)test_value;
    entry->subject_index = -1;
    if (entry->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP) {
        entry->subject_index = id == NULL ? -1 : find_group(model, id);
        if (entry->subject_index < 0)
            return load_failed(state, when_place, "id '%s' is not a group of the rubric", id ? id : "null");
    } else if (entry->subject != RUBRIC_SUBJECT_ANY_CRITERION && entry->subject != RUBRIC_SUBJECT_ANY_KEY_CRITERION) {
        int is_criterion = entry->subject == RUBRIC_SUBJECT_CRITERION || on_timescale;
        entry->subject_index = id == NULL ? -1 : is_criterion ? rubric_find_criterion(model, id)
                                                              : rubric_find_section(model, id);
        if (entry->subject_index < 0)
            return load_failed(state, when_place, "id '%s' is not a %s of the rubric", id ? id : "null",
                               is_criterion ? "criterion" : "section");
        if (on_timescale && model->criteria[entry->subject_index].timescale == NULL)
            return load_failed(state, when_place, "criterion '%s' has no timescale to test", id);
    }
    if (!load_condition_count(state, when_place, when, entry))
        return 0;
    if (counts_presence) {
        entry->value = 0;
        return 1;
    }
    entry->value = resolve_condition_value(state, when_place, entry, value);
    return entry->value >= 0;
}

/* "grading.limits[]": a capped scope and what caps it: the grade of a
 * criterion or section (format 1's form), or, "by": "condition", a level
 * stated with "kind" and "level", when the condition "when" holds. */
static int load_limits(loader *state, const json_node *grading)
{
    rubric_model *model = &state->document->model;
    rubric_rules *rules = &model->rules;
    const json_node *limits = required_array(state, "grading", grading, "limits", &rules->limit_count);
    if (limits == NULL)
        return 0;
    rubric_limit *entries = arena_allocate(state->document, rules->limit_count, sizeof *entries);
    if (rules->limit_count && !entries)
        return out_of_memory(state, "grading.limits");
    static const char *const scope_names[] = {"overall", "section"};
    static const char *const kind_names[] = {"criterion", "section", "condition"};
    static const char *const effect_names[] = {"no better than", "is", "not graded"};
    for (unsigned index = 0; index < rules->limit_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "grading.limits[%u]", index);
        const json_node *limit = json_node_item(limits, index);
        const json_node *effect_field = json_node_member(limit, "kind");
        const char *capped, *capped_section, *by, *id = NULL, *level = NULL;
        if (!json_node_is(limit, JSON_OBJECT))
            return load_failed(state, place, "must be an object");
        if (!required_string(state, place, limit, "capped", &capped) ||
            !optional_string(state, place, limit, "capped_section", &capped_section) ||
            !required_string(state, place, limit, "by", &by))
            return 0;
        int scope = resolve_word(state, place, "capped", capped, scope_names, 2);
        int kind = scope < 0 ? -1 : resolve_word(state, place, "by", by, kind_names, 3);
        int effect = 0;
        if (kind >= 0 && effect_field && !json_node_is(effect_field, JSON_NULL))
            effect = json_node_is(effect_field, JSON_STRING)
                         ? resolve_word(state, place, "kind", json_node_string(effect_field), effect_names, 3)
                         : load_failed(state, place, "field 'kind' must be a string") - 1;
        if (kind < 0 || effect < 0)
            return 0;
        rubric_limit *entry = &entries[index];
        entry->scope = (rubric_scope)scope;
        entry->kind = (rubric_limit_kind)kind;
        entry->effect = (rubric_limit_effect)effect;
        entry->level = -1;
        entry->subject_index = -1;
        if (scope == RUBRIC_SCOPE_SECTION) {
            int section = capped_section ? rubric_find_section(model, capped_section) : -1;
            if (section < 0)
                return load_failed(state, place, "capped_section '%s' is not a section of the rubric",
                                   capped_section ? capped_section : "null");
            entry->section = (unsigned)section;
        }
        if (kind == RUBRIC_LIMIT_BY_CONDITION) {
            /* "not graded when:" states no level */
            if (entry->effect != RUBRIC_LIMIT_NOT_GRADED) {
                if (!required_string(state, place, limit, "level", &level))
                    return 0;
                entry->level = resolve_level(state, place, "level", level);
            }
            if ((entry->level < 0 && entry->effect != RUBRIC_LIMIT_NOT_GRADED) ||
                !load_condition(state, place, limit, entry))
                return 0;
            continue;
        }
        if (entry->effect != RUBRIC_LIMIT_NO_BETTER_THAN)
            return load_failed(state, place, "a limit by a %s's grade must be of kind 'no better than'", by);
        if (!required_string(state, place, limit, "id", &id))
            return 0;
        int target = kind == RUBRIC_LIMIT_BY_CRITERION ? rubric_find_criterion(model, id)
                                                       : rubric_find_section(model, id);
        if (target < 0)
            return load_failed(state, place, "id '%s' is not a %s of the rubric", id, kind_names[kind]);
        entry->index = (unsigned)target;
    }
    rules->limits = entries;
    return 1;
}

/* "grading": overall method and basis, ties, not applicable, good or better, limits. */
static int load_grading(loader *state, const json_node *root)
{
    rubric_model *model = &state->document->model;
    rubric_rules *rules = &model->rules;
    static const char *const basis_names[] = {"sections", "criteria"};
    static const char *const tie_names[] = {"lower", "higher"};
    static const char *const not_applicable_names[] = {"leave out", "count as"};
    const json_node *grading = required_field(state, "", root, "grading", JSON_OBJECT, "an object");
    const char *basis, *ties, *rule, *level, *good;
    if (grading == NULL || !resolve_method(state, "grading", grading, "overall_method", &rules->overall_method) ||
        !required_string(state, "grading", grading, "overall_of", &basis) ||
        !required_string(state, "grading", grading, "ties", &ties) ||
        !required_string(state, "grading", grading, "good_or_better", &good))
        return 0;
    const json_node *not_applicable = required_field(state, "grading", grading, "not_applicable",
                                                  JSON_OBJECT, "an object");
    if (not_applicable == NULL ||
        !required_string(state, "grading.not_applicable", not_applicable, "rule", &rule) ||
        !optional_string(state, "grading.not_applicable", not_applicable, "level", &level))
        return 0;
    int basis_value = resolve_word(state, "grading", "overall_of", basis, basis_names, 2);
    int tie_value = basis_value < 0 ? -1 : resolve_word(state, "grading", "ties", ties, tie_names, 2);
    int rule_value = tie_value < 0 ? -1 : resolve_word(state, "grading.not_applicable", "rule", rule,
                                                       not_applicable_names, 2);
    int good_value = rule_value < 0 ? -1 : resolve_level(state, "grading", "good_or_better", good);
    if (good_value < 0)
        return 0;
    rules->overall_basis = (rubric_basis)basis_value;
    rules->ties = (rubric_ties)tie_value;
    if (!optional_ties(state, "grading", grading, "overall_ties", &rules->overall_ties))
        return 0;
    const json_node *averaged = json_node_member(grading, "sections_averaged");   /* absent: "grades" */
    if (averaged && (!json_node_is(averaged, JSON_STRING) || (strcmp(json_node_string(averaged), "unrounded means") != 0 &&
                                                              strcmp(json_node_string(averaged), "grades") != 0)))
        return load_failed(state, "grading", "field 'sections_averaged' must be \"grades\" or \"unrounded means\"");
    rules->unrounded_sections = averaged && strcmp(json_node_string(averaged), "unrounded means") == 0;
    rules->not_applicable = (rubric_not_applicable)rule_value;
    rules->good_or_better = (unsigned)good_value;
    if (rules->not_applicable == RUBRIC_NA_COUNT_AS) {
        if (level == NULL)
            return load_failed(state, "grading.not_applicable", "'count as' needs a level");
        int level_value = resolve_level(state, "grading.not_applicable", "level", level);
        if (level_value < 0)
            return 0;
        rules->not_applicable_level = (unsigned)level_value;
    }
    const json_node *rounding = json_node_member(grading, "rounding");
    if (rounding && !json_node_is(rounding, JSON_NULL)) {
        static const char *const rounding_names[] = {"nearest, half down", "nearest, half up", "down"};
        int value = json_node_is(rounding, JSON_STRING)
                        ? resolve_word(state, "grading", "rounding", json_node_string(rounding), rounding_names, 3)
                        : load_failed(state, "grading", "field 'rounding' must be a string") - 1;
        if (value < 0)
            return 0;
        rules->rounding = (rubric_rounding)value;
    }
    return load_limits(state, grading);
}

/* The top of the document: version first, then identity, then the rest. */
static int load_rubric(loader *state, const json_node *root)
{
    rubric_model *model = &state->document->model;
    if (!json_node_is(root, JSON_OBJECT))
        return load_failed(state, "", "the rubric must be a JSON object");
    const json_node *version = required_field(state, "", root, "format_version", JSON_INTEGER, "an integer");
    if (version == NULL)
        return 0;
    /* Formats 1 and 2 are format 3 with every newer key at its default. */
    if (json_node_integer(version) < 1 || json_node_integer(version) > RUBRIC_FORMAT_VERSION)
        return load_failed(state, "", "rubric JSON format %" JSON_INTEGER_FORMAT
                           " is not known to this grader (it reads 1 to 3); compile the rubric again "
                           "with this version's rubricc",
                           json_node_integer(version));
    model->format_version = RUBRIC_FORMAT_VERSION;
    if (!required_string(state, "", root, "id", &model->id) ||
        !required_string(state, "", root, "title", &model->title) ||
        !required_string(state, "", root, "authority", &model->authority) ||
        !optional_string(state, "", root, "version", &model->version) ||
        !optional_string(state, "", root, "effective", &model->effective) ||
        !load_scale(state, root) || !load_bands(state, root) || !load_answer_sets(state, root) ||
        !load_case_types(state, root) || !load_facts(state, root) || !load_glossary_and_themes(state, root) ||
        !load_groups(state, root) || !load_sections(state, root) || !load_grading(state, root) ||
        !load_target(state, "", root, &model->target))
        return 0;
    if (model->effective != NULL && !audit_date_valid(model->effective)) {
        char problem[sizeof state->error->message];
        audit_date_problem(problem, sizeof problem, "field", "effective", model->effective);
        return load_failed(state, "", "%s", problem);
    }
    rubric_error reason;
    if (!rubric_model_check(model, &reason))
        return load_failed(state, "", "%s", reason.message);
    return 1;
}

/* Build a document from a parsed tree; takes ownership of TREE. */
static rubric_document *document_from_json(json_tree *tree, const char *name, rubric_error *error)
{
    rubric_document *document = calloc(1, sizeof *document);
    if (document == NULL) {
        json_tree_free(tree);
        snprintf(error->message, sizeof error->message, "%s: out of memory", name);
        return NULL;
    }
    document->tree = tree;
    loader state = {document, name, error, NULL};
    if (!load_rubric(&state, json_tree_root(tree))) {
        rubric_document_free(document);
        return NULL;
    }
    return document;
}

/* jansson's parse error as "NAME:LINE:COLUMN: invalid JSON: reason". */
static void describe_json_error(const json_error_t *parse_error, const char *name, rubric_error *error)
{
    if (parse_error->line > 0) {
        error->line = parse_error->line;
        error->column = parse_error->column;
    }
    if (parse_error->line > 0)
        snprintf(error->message, sizeof error->message, "%s:%d:%d: invalid JSON: %s", name,
                 parse_error->line, parse_error->column, parse_error->text);
    else
        snprintf(error->message, sizeof error->message, "%s: %s", name, parse_error->text);
}

/* Parse and load a rubric file, read whole, of at most MAX_BYTES. */
rubric_document *rubric_document_load_file_limited(const char *path, size_t max_bytes, rubric_error *error)
{
    error->line = error->column = 0;
    size_t length;
    char *text = read_whole_file(path, max_bytes, &length, error);
    if (text == NULL)
        return NULL;
    rubric_document *document = rubric_document_load_text(text, length, path, error);
    free(text);
    return document;
}

/* Parse and load a rubric file of at most RUBRIC_MAX_FILE_BYTES. */
rubric_document *rubric_document_load_file(const char *path, rubric_error *error)
{
    return rubric_document_load_file_limited(path, RUBRIC_MAX_FILE_BYTES, error);
}

/* What grading never reads, about half of a rubric's tree: the
 * descriptors and section-wide texts kept for people, where in the source
 * each criterion and effective descriptor was written, and which criterion
 * one repeats. Only yajl's way passes them over (a cold start builds and
 * frees that much less); the loader never asks for them, so the model is
 * the same either way. */
static const json_tree_skip never_read[] = {
    {"section_wide", 3},   /* sections[i] */
    {"descriptors", 5},    /* sections[i].criteria[j] */
    {"source", 5},
    {"same_as", 5},
    {"from", 7},           /* sections[i].criteria[j].effective.LEVEL */
    {"origin", 7},
    {NULL, 0},
};

/* Parse and load rubric JSON held in memory; a byte order mark in front is
 * passed over. */
rubric_document *rubric_document_load_text(const char *text, size_t length, const char *name,
                                           rubric_error *error)
{
    error->line = error->column = 0;
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        length -= 3;
    }
    json_error_t parse_error;
    json_tree *tree = json_tree_load(text, length, never_read, &parse_error);
    if (tree == NULL) {
        describe_json_error(&parse_error, name, error);
        return NULL;
    }
    return document_from_json(tree, name, error);
}

/* The document's model. */
const rubric_model *rubric_document_model(const rubric_document *document)
{
    return &document->model;
}

/* Free the tree with its arena, and the document. */
void rubric_document_free(rubric_document *document)
{
    if (document == NULL)
        return;
    json_tree_free(document->tree);
    free(document);
}
