/*
 * rubric_load.c — the compiler's JSON (docs/json-format.md) into a
 * rubric_model.
 *
 * The file is read in one go (a UTF-8 byte order mark in front is passed
 * over, as on audits) and parsed into jansson's tree (json_tree.c: yajl
 * lexes it, jansson builds the tree and has the word on any error); this
 * module walks the tree, checks that every
 * field grading needs is there with the right type, resolves ids (levels,
 * sections and criteria named by limits and rules) to the indexes the model
 * uses, and finally runs rubric_model_check, the same integrity check that
 * linked C tables get. Strings are not copied: the document keeps the
 * parsed JSON alive and the model points into it. Arrays of structs come
 * from one small arena freed with the document.
 *
 * Every error names the file and the place in it, in the JSON's own terms:
 * "lbx.json: sections[2].criteria[0]: missing field 'id'".
 */
#include <errno.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_tree.h"
#include "rubric.h"

/* One block of the arena; blocks are chained and freed together. */
typedef struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t size;
    max_align_t data[];
} arena_block;

struct rubric_document {
    rubric_model model;
    json_t *root;                /* owns every string the model points at */
    arena_block *blocks;         /* owns every array the model points at */
};

/* The loader's working state: the document being built and where errors go. */
typedef struct loader {
    rubric_document *document;
    const char *name;
    rubric_error *error;
    const json_t *scale;         /* the scale array, for resolving level codes */
} loader;

enum { ARENA_BLOCK_SIZE = 16384 };

/* Zeroed, aligned memory from the document's arena; NULL when out of memory. */
static void *arena_allocate(rubric_document *document, size_t count, size_t size)
{
    if (count == 0)
        return NULL;
    if (size && count > ((size_t)-1) / 2 / size)
        return NULL;
    size_t bytes = count * size;
    size_t aligned = (bytes + alignof(max_align_t) - 1) / alignof(max_align_t) * alignof(max_align_t);
    arena_block *block = document->blocks;
    if (block == NULL || block->size - block->used < aligned) {
        size_t capacity = aligned > ARENA_BLOCK_SIZE ? aligned : ARENA_BLOCK_SIZE;
        block = calloc(1, sizeof *block + capacity);
        if (block == NULL)
            return NULL;
        block->size = capacity;
        block->next = document->blocks;
        document->blocks = block;
    }
    void *memory = (char *)block->data + block->used;
    block->used += aligned;
    return memory;
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
static const json_t *required_field(loader *state, const char *place, const json_t *object,
                                    const char *key, json_type type, const char *type_name)
{
    const json_t *value = json_object_get(object, key);
    if (value == NULL) {
        load_failed(state, place, "missing field '%s'", key);
        return NULL;
    }
    if (json_typeof(value) != type && !(type == JSON_TRUE && json_is_boolean(value))) {
        load_failed(state, place, "field '%s' must be %s", key, type_name);
        return NULL;
    }
    return value;
}

/* A required, non-empty string field. */
static int required_string(loader *state, const char *place, const json_t *object,
                           const char *key, const char **out)
{
    const json_t *value = required_field(state, place, object, key, JSON_STRING, "a string");
    if (value == NULL)
        return 0;
    if (json_string_length(value) == 0)
        return load_failed(state, place, "field '%s' is empty", key);
    *out = json_string_value(value);
    return 1;
}

/* A field that must be present, and is a string or null (NULL then). */
static int optional_string(loader *state, const char *place, const json_t *object,
                           const char *key, const char **out)
{
    const json_t *value = json_object_get(object, key);
    if (value == NULL)
        return load_failed(state, place, "missing field '%s'", key);
    if (json_is_null(value)) {
        *out = NULL;
        return 1;
    }
    if (!json_is_string(value))
        return load_failed(state, place, "field '%s' must be a string or null", key);
    *out = json_string_value(value);
    return 1;
}

/* A required array field; its size in *count. */
static const json_t *required_array(loader *state, const char *place, const json_t *object,
                                    const char *key, unsigned *count)
{
    const json_t *value = required_field(state, place, object, key, JSON_ARRAY, "an array");
    if (value)
        *count = (unsigned)json_array_size(value);
    return value;
}

/* The level index of a level code in the scale, or -1 with an error. */
static int resolve_level(loader *state, const char *place, const char *field, const char *code)
{
    size_t index;
    const json_t *level;
    json_array_foreach(state->scale, index, level) {
        const char *candidate = json_string_value(json_object_get(level, "code"));
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

/* A method field ("median") to rubric_method, by rubric_method_name. */
static int resolve_method(loader *state, const char *place, const json_t *object,
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
static int load_string_list(loader *state, const char *place, const json_t *object, const char *key,
                            const char *const **out, unsigned *count)
{
    const json_t *array = required_array(state, place, object, key, count);
    if (array == NULL)
        return 0;
    const char **strings = arena_allocate(state->document, *count, sizeof *strings);
    if (*count && strings == NULL)
        return out_of_memory(state, place);
    for (unsigned index = 0; index < *count; index++) {
        strings[index] = json_string_value(json_array_get(array, index));
        if (strings[index] == NULL)
            return load_failed(state, place, "%s[%u] must be a string", key, index);
    }
    *out = strings;
    return 1;
}

/* "scale": the levels, best first. */
static int load_scale(loader *state, const json_t *root)
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
        const json_t *level = json_array_get(state->scale, index);
        if (!json_is_object(level))
            return load_failed(state, place, "must be an object");
        if (!required_string(state, place, level, "code", &levels[index].code) ||
            !required_string(state, place, level, "label", &levels[index].label))
            return 0;
    }
    model->levels = levels;
    return 1;
}

/* "glossary" and "themes": reference lists kept for reporting. */
static int load_glossary_and_themes(loader *state, const json_t *root)
{
    rubric_model *model = &state->document->model;
    const json_t *glossary = required_array(state, "", root, "glossary", &model->glossary_count);
    const json_t *themes = glossary ? required_array(state, "", root, "themes", &model->theme_count) : NULL;
    if (themes == NULL)
        return 0;
    rubric_glossary_entry *entries = arena_allocate(state->document, model->glossary_count, sizeof *entries);
    rubric_theme *theme_entries = arena_allocate(state->document, model->theme_count, sizeof *theme_entries);
    if ((model->glossary_count && !entries) || (model->theme_count && !theme_entries))
        return out_of_memory(state, "glossary");
    for (unsigned index = 0; index < model->glossary_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "glossary[%u]", index);
        const json_t *entry = json_array_get(glossary, index);
        const json_t *meaning = json_object_get(entry, "meaning");
        if (!required_string(state, place, entry, "abbreviation", &entries[index].abbreviation))
            return 0;
        entries[index].meaning = json_string_value(json_object_get(meaning, "text"));
        if (entries[index].meaning == NULL)
            return load_failed(state, place, "field 'meaning' must be prose with a 'text'");
    }
    for (unsigned index = 0; index < model->theme_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "themes[%u]", index);
        const json_t *theme = json_array_get(themes, index);
        if (!required_string(state, place, theme, "id", &theme_entries[index].id) ||
            !required_string(state, place, theme, "label", &theme_entries[index].label))
            return 0;
    }
    model->glossary = entries;
    model->themes = theme_entries;
    return 1;
}

/* A criterion's "effective" descriptors: one text per level, in scale order. */
static int load_descriptors(loader *state, const char *place, const json_t *criterion,
                            const char *const **out)
{
    const rubric_model *model = &state->document->model;
    const json_t *effective = required_field(state, place, criterion, "effective", JSON_OBJECT, "an object");
    if (effective == NULL)
        return 0;
    const char **texts = arena_allocate(state->document, model->level_count, sizeof *texts);
    if (texts == NULL)
        return out_of_memory(state, place);
    for (unsigned level = 0; level < model->level_count; level++) {
        const json_t *descriptor = json_object_get(effective, model->levels[level].code);
        if (descriptor == NULL)
            return load_failed(state, place, "no descriptor for level %s", model->levels[level].code);
        texts[level] = json_string_value(json_object_get(descriptor, "text"));
        if (texts[level] == NULL)
            return load_failed(state, place, "the descriptor for level %s has no 'text'",
                               model->levels[level].code);
    }
    if (json_object_size(effective) != model->level_count)
        return load_failed(state, place, "'effective' has %zu descriptors for a scale of %u levels",
                           json_object_size(effective), model->level_count);
    *out = texts;
    return 1;
}

/* One criterion of section SECTION. */
static int load_criterion(loader *state, const char *place, const json_t *object,
                          unsigned section, rubric_criterion *criterion)
{
    if (!json_is_object(object))
        return load_failed(state, place, "must be an object");
    const json_t *allowed = required_field(state, place, object, "not_applicable_allowed",
                                           JSON_TRUE, "true or false");
    if (allowed == NULL)
        return 0;
    criterion->section = section;
    criterion->not_applicable_allowed = json_is_true(allowed);
    return required_string(state, place, object, "id", &criterion->id) &&
           optional_string(state, place, object, "title", &criterion->title) &&
           load_string_list(state, place, object, "applies_to", &criterion->applies_to,
                            &criterion->applies_to_count) &&
           load_string_list(state, place, object, "themes", &criterion->themes, &criterion->theme_count) &&
           load_descriptors(state, place, object, &criterion->descriptors);
}

/* "sections": each section and, in order, its criteria. */
static int load_sections(loader *state, const json_t *root)
{
    rubric_model *model = &state->document->model;
    const json_t *sections = required_array(state, "", root, "sections", &model->section_count);
    if (sections == NULL)
        return 0;
    if (model->section_count == 0)
        return load_failed(state, "sections", "the rubric has no sections");
    unsigned total = 0;
    for (unsigned index = 0; index < model->section_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "sections[%u]", index);
        const json_t *section = json_array_get(sections, index);
        unsigned count;
        if (!json_is_object(section))
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
        const json_t *section = json_array_get(sections, index);
        rubric_section *entry = &section_entries[index];
        const json_t *members = json_object_get(section, "criteria");
        if (!required_string(state, place, section, "id", &entry->id) ||
            !required_string(state, place, section, "number", &entry->number) ||
            !optional_string(state, place, section, "title", &entry->title) ||
            !resolve_method(state, place, section, "method", &entry->method))
            return 0;
        entry->first_criterion = next;
        entry->criterion_count = (unsigned)json_array_size(members);
        for (unsigned member = 0; member < entry->criterion_count; member++, next++) {
            char member_place[96];
            snprintf(member_place, sizeof member_place, "%s.criteria[%u]", place, member);
            if (!load_criterion(state, member_place, json_array_get(members, member), index, &criteria[next]))
                return 0;
        }
    }
    return 1;
}

/* "grading.limits[]": a capped scope and the criterion or section that caps it. */
static int load_limits(loader *state, const json_t *grading)
{
    rubric_model *model = &state->document->model;
    rubric_rules *rules = &model->rules;
    const json_t *limits = required_array(state, "grading", grading, "limits", &rules->limit_count);
    if (limits == NULL)
        return 0;
    rubric_limit *entries = arena_allocate(state->document, rules->limit_count, sizeof *entries);
    if (rules->limit_count && !entries)
        return out_of_memory(state, "grading.limits");
    static const char *const scope_names[] = {"overall", "section"};
    static const char *const kind_names[] = {"criterion", "section"};
    for (unsigned index = 0; index < rules->limit_count; index++) {
        char place[64];
        snprintf(place, sizeof place, "grading.limits[%u]", index);
        const json_t *limit = json_array_get(limits, index);
        const char *capped, *capped_section, *by, *id;
        if (!json_is_object(limit))
            return load_failed(state, place, "must be an object");
        if (!required_string(state, place, limit, "capped", &capped) ||
            !optional_string(state, place, limit, "capped_section", &capped_section) ||
            !required_string(state, place, limit, "by", &by) ||
            !required_string(state, place, limit, "id", &id))
            return 0;
        int scope = resolve_word(state, place, "capped", capped, scope_names, 2);
        int kind = scope < 0 ? -1 : resolve_word(state, place, "by", by, kind_names, 2);
        if (kind < 0)
            return 0;
        entries[index].scope = (rubric_scope)scope;
        entries[index].kind = (rubric_limit_kind)kind;
        if (scope == RUBRIC_SCOPE_SECTION) {
            int section = capped_section ? rubric_find_section(model, capped_section) : -1;
            if (section < 0)
                return load_failed(state, place, "capped_section '%s' is not a section of the rubric",
                                   capped_section ? capped_section : "null");
            entries[index].section = (unsigned)section;
        }
        int target = kind == RUBRIC_LIMIT_BY_CRITERION ? rubric_find_criterion(model, id)
                                                       : rubric_find_section(model, id);
        if (target < 0)
            return load_failed(state, place, "id '%s' is not a %s of the rubric", id, kind_names[kind]);
        entries[index].index = (unsigned)target;
    }
    rules->limits = entries;
    return 1;
}

/* "grading": overall method and basis, ties, not applicable, good or better, limits. */
static int load_grading(loader *state, const json_t *root)
{
    rubric_model *model = &state->document->model;
    rubric_rules *rules = &model->rules;
    static const char *const basis_names[] = {"sections", "criteria"};
    static const char *const tie_names[] = {"lower", "higher"};
    static const char *const not_applicable_names[] = {"leave out", "count as"};
    const json_t *grading = required_field(state, "", root, "grading", JSON_OBJECT, "an object");
    const char *basis, *ties, *rule, *level, *good;
    if (grading == NULL || !resolve_method(state, "grading", grading, "overall_method", &rules->overall_method) ||
        !required_string(state, "grading", grading, "overall_of", &basis) ||
        !required_string(state, "grading", grading, "ties", &ties) ||
        !required_string(state, "grading", grading, "good_or_better", &good))
        return 0;
    const json_t *not_applicable = required_field(state, "grading", grading, "not_applicable",
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
    return load_limits(state, grading);
}

/* The top of the document: version first, then identity, then the rest. */
static int load_rubric(loader *state, const json_t *root)
{
    rubric_model *model = &state->document->model;
    if (!json_is_object(root))
        return load_failed(state, "", "the rubric must be a JSON object");
    const json_t *version = required_field(state, "", root, "format_version", JSON_INTEGER, "an integer");
    if (version == NULL)
        return 0;
    /* Format 1 is format 2 with every new key at its default. */
    if (json_integer_value(version) != 1 && json_integer_value(version) != RUBRIC_FORMAT_VERSION)
        return load_failed(state, "", "rubric JSON format %" JSON_INTEGER_FORMAT
                           " is not known to this grader (it reads 1 and %d); compile the rubric again "
                           "with this version's rubricc",
                           json_integer_value(version), RUBRIC_FORMAT_VERSION);
    model->format_version = RUBRIC_FORMAT_VERSION;
    if (!required_string(state, "", root, "id", &model->id) ||
        !required_string(state, "", root, "title", &model->title) ||
        !required_string(state, "", root, "authority", &model->authority) ||
        !optional_string(state, "", root, "version", &model->version) ||
        !optional_string(state, "", root, "effective", &model->effective) ||
        !load_scale(state, root) || !load_glossary_and_themes(state, root) ||
        !load_sections(state, root) || !load_grading(state, root))
        return 0;
    rubric_error reason;
    if (!rubric_model_check(model, &reason))
        return load_failed(state, "", "%s", reason.message);
    return 1;
}

/* Build a document from parsed JSON; takes ownership of ROOT. */
static rubric_document *document_from_json(json_t *root, const char *name, rubric_error *error)
{
    rubric_document *document = calloc(1, sizeof *document);
    if (document == NULL) {
        json_decref(root);
        snprintf(error->message, sizeof error->message, "%s: out of memory", name);
        return NULL;
    }
    document->root = root;
    loader state = {document, name, error, NULL};
    if (!load_rubric(&state, root)) {
        rubric_document_free(document);
        return NULL;
    }
    return document;
}

/* jansson's parse error as "NAME:LINE:COLUMN: invalid JSON: reason". */
static void describe_json_error(const json_error_t *parse_error, const char *name, rubric_error *error)
{
    if (parse_error->line > 0)
        snprintf(error->message, sizeof error->message, "%s:%d:%d: invalid JSON: %s", name,
                 parse_error->line, parse_error->column, parse_error->text);
    else
        snprintf(error->message, sizeof error->message, "%s: %s", name, parse_error->text);
}

/* The whole of PATH in a new buffer (*LENGTH bytes), or NULL with the
 * reason in *ERROR. One read for a regular file, as many as it takes else. */
static char *read_whole_file(const char *path, size_t *length, rubric_error *error)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        snprintf(error->message, sizeof error->message, "%s: unable to open %s: %s", path, path, strerror(errno));
        return NULL;
    }
    size_t capacity = 65536, used = 0;
    char *text = NULL;
    if (fseek(file, 0, SEEK_END) == 0) {
        long size = ftell(file);
        if (size > 0 && (unsigned long)size < ((size_t)-1) / 2)
            capacity = (size_t)size + 1;
        rewind(file);
    }
    for (;;) {
        if (text == NULL || used == capacity) {
            char *larger = used == capacity && text ? realloc(text, capacity *= 2) : malloc(capacity);
            if (larger == NULL) {
                free(text);
                fclose(file);
                snprintf(error->message, sizeof error->message, "%s: out of memory", path);
                return NULL;
            }
            text = larger;
        }
        size_t got = fread(text + used, 1, capacity - used, file);
        used += got;
        if (got == 0)
            break;
    }
    int failed = ferror(file);
    int reason = errno;
    fclose(file);
    if (failed) {
        free(text);
        snprintf(error->message, sizeof error->message, "%s: unable to read %s: %s", path, path, strerror(reason));
        return NULL;
    }
    *length = used;
    return text;
}

/* Parse and load a rubric file, read whole. */
rubric_document *rubric_document_load_file(const char *path, rubric_error *error)
{
    size_t length;
    char *text = read_whole_file(path, &length, error);
    if (text == NULL)
        return NULL;
    rubric_document *document = rubric_document_load_text(text, length, path, error);
    free(text);
    return document;
}

/* Parse and load rubric JSON held in memory; a byte order mark in front is
 * passed over. */
rubric_document *rubric_document_load_text(const char *text, size_t length, const char *name,
                                           rubric_error *error)
{
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        length -= 3;
    }
    json_error_t parse_error;
    json_t *root = json_tree_load(text, length, &parse_error);
    if (root == NULL) {
        describe_json_error(&parse_error, name, error);
        return NULL;
    }
    return document_from_json(root, name, error);
}

/* The document's model. */
const rubric_model *rubric_document_model(const rubric_document *document)
{
    return &document->model;
}

/* Free the arena blocks, the JSON tree and the document. */
void rubric_document_free(rubric_document *document)
{
    if (document == NULL)
        return;
    while (document->blocks) {
        arena_block *next = document->blocks->next;
        free(document->blocks);
        document->blocks = next;
    }
    json_decref(document->root);
    free(document);
}
