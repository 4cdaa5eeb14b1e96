/*
 * model.c — what the library knows about a rubric_model, wherever it came
 * from: the integrity check that makes a model safe to grade with (run on
 * JSON-loaded models and linked C tables alike), and the small lookups
 * between grade codes, level indexes and ids that grading and reporting
 * share.
 *
 * Ids are checked for repeats by sorting them, not by comparing every pair,
 * so a rubric of 100,000 criteria is checked in milliseconds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rubric.h"

#ifndef RUBRIC_VERSION
#define RUBRIC_VERSION "0.0.0"
#endif

/* The library version the build stamps in. */
const char *rubric_library_version(void)
{
    return RUBRIC_VERSION;
}

/* Write a formatted reason into *error and answer "unusable". */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int model_unusable(rubric_error *error, const char *format, ...)
{
    if (error) {
        va_list arguments;
        va_start(arguments, format);
        vsnprintf(error->message, sizeof error->message, format, arguments);
        va_end(arguments);
    }
    return 0;
}

/* A string the model requires: present and not empty. */
static int is_text(const char *text)
{
    return text != NULL && text[0] != '\0';
}

/* An id and where it stands, for finding repeats by sorting. */
typedef struct placed_id {
    const char *id;
    size_t position;
} placed_id;

/* By id, then by position, so a repeat sorts after its first use. */
static int compare_placed_ids(const void *left, const void *right)
{
    const placed_id *a = left, *b = right;
    int order = strcmp(a->id, b->id);
    if (order != 0)
        return order;
    return (a->position > b->position) - (a->position < b->position);
}

/* The first item, in order, whose id an earlier item already has: the
 * items are COUNT structs of STRIDE bytes, each starting with its id (a
 * non-NULL string). Answers COUNT when no id repeats, and -1 when out of
 * memory. */
static long first_repeated_id(const void *items, size_t count, size_t stride)
{
    if (count < 2)
        return (long)count;
    placed_id *sorted = malloc(count * sizeof *sorted);
    if (sorted == NULL)
        return -1;
    for (size_t position = 0; position < count; position++) {
        const char *const *id = (const char *const *)(const void *)((const char *)items + position * stride);
        sorted[position] = (placed_id){*id, position};
    }
    qsort(sorted, count, sizeof *sorted, compare_placed_ids);
    size_t first = count;
    for (size_t index = 1; index < count; index++)
        if (sorted[index].position < first && strcmp(sorted[index - 1].id, sorted[index].id) == 0)
            first = sorted[index].position;
    free(sorted);
    return (long)first;
}

/* The structs whose ids check_unique_ids reads start with their id. */
_Static_assert(offsetof(rubric_level, code) == 0, "a level starts with its code");
_Static_assert(offsetof(rubric_section, id) == 0, "a section starts with its id");
_Static_assert(offsetof(rubric_criterion, id) == 0, "a criterion starts with its id");

/* Reports the first repeated id among ITEMS (see first_repeated_id) as
 * "WHAT id 'X' appears twice". */
static int check_unique_ids(const void *items, size_t count, size_t stride, const char *what,
                            rubric_error *error)
{
    long repeat = first_repeated_id(items, count, stride);
    if (repeat < 0)
        return model_unusable(error, "out of memory");
    if ((size_t)repeat == count)
        return 1;
    const char *const *id = (const char *const *)(const void *)((const char *)items + (size_t)repeat * stride);
    return model_unusable(error, "%s '%s' appears twice", what, *id);
}

/* The scale: at least one level, each with a code and label, codes unique
 * and never the not-applicable code. */
static int check_levels(const rubric_model *model, rubric_error *error)
{
    if (model->level_count == 0 || model->levels == NULL)
        return model_unusable(error, "the scale has no levels");
    for (unsigned level = 0; level < model->level_count; level++) {
        const rubric_level *entry = &model->levels[level];
        if (!is_text(entry->code) || !is_text(entry->label))
            return model_unusable(error, "scale level %u has no code or label", level + 1);
        if (strcmp(entry->code, RUBRIC_NOT_APPLICABLE_CODE) == 0)
            return model_unusable(error, "scale level %u uses the code NA, which means not applicable",
                                  level + 1);
    }
    return check_unique_ids(model->levels, model->level_count, sizeof *model->levels, "scale level code", error);
}

/* NAMES[VALUE], or NULL when VALUE is out of the list. */
static const char *name_in(const char *const *names, size_t count, int value)
{
    return value >= 0 && (size_t)value < count ? names[value] : NULL;
}

/* A method's name, in the order of enum rubric_method. */
const char *rubric_method_name(rubric_method method)
{
    static const char *const names[] = {"worst", "best", "median", "most frequent", "mean"};
    return name_in(names, sizeof names / sizeof names[0], (int)method);
}

/* The tie rule's name, in the order of enum rubric_ties. */
const char *rubric_ties_name(rubric_ties ties)
{
    static const char *const names[] = {"lower", "higher"};
    return name_in(names, sizeof names / sizeof names[0], (int)ties);
}

/* What a limit is by, in the order of enum rubric_limit_kind. */
const char *rubric_limit_kind_name(rubric_limit_kind kind)
{
    static const char *const names[] = {"criterion", "section"};
    return name_in(names, sizeof names / sizeof names[0], (int)kind);
}

/* A method is one of the four the grader knows. */
static int is_method(rubric_method method)
{
    return rubric_method_name(method) != NULL;
}

/* Sections hold their criteria in order, back to back, each criterion
 * pointing back at its section; ids are unique. */
static int check_sections(const rubric_model *model, rubric_error *error)
{
    if (model->section_count == 0 || model->sections == NULL)
        return model_unusable(error, "the rubric has no sections");
    unsigned next_criterion = 0;
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        if (!is_text(entry->id))
            return model_unusable(error, "section %u has no id", section + 1);
        if (!is_method(entry->method))
            return model_unusable(error, "section '%s' has an unknown grading method (%d)",
                                  entry->id, (int)entry->method);
        if (entry->criterion_count == 0)
            return model_unusable(error, "section '%s' has no criteria", entry->id);
        if (entry->first_criterion != next_criterion ||
            entry->criterion_count > model->criterion_count - next_criterion)
            return model_unusable(error, "section '%s' criterion range %u..%u is out of order or out of range"
                                  " (%u criteria)", entry->id, entry->first_criterion,
                                  entry->first_criterion + entry->criterion_count - 1,
                                  model->criterion_count);
        next_criterion += entry->criterion_count;
    }
    if (next_criterion != model->criterion_count)
        return model_unusable(error, "%u criteria belong to no section",
                              model->criterion_count - next_criterion);
    return check_unique_ids(model->sections, model->section_count, sizeof *model->sections, "section id", error);
}

/* Every criterion: an id, unique; its section index matching the section
 * that holds it; one descriptor per level. */
static int check_criteria(const rubric_model *model, rubric_error *error)
{
    if (model->criteria == NULL)
        return model_unusable(error, "the rubric has no criteria");
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *holder = &model->sections[section];
        for (unsigned offset = 0; offset < holder->criterion_count; offset++) {
            unsigned index = holder->first_criterion + offset;
            const rubric_criterion *entry = &model->criteria[index];
            if (!is_text(entry->id))
                return model_unusable(error, "criterion %u has no id", index + 1);
            if (entry->section != section)
                return model_unusable(error, "criterion '%s' names section index %u but is held by section '%s'",
                                      entry->id, entry->section, holder->id);
            if (entry->descriptors == NULL)
                return model_unusable(error, "criterion '%s' has no descriptors", entry->id);
            for (unsigned level = 0; level < model->level_count; level++)
                if (entry->descriptors[level] == NULL)
                    return model_unusable(error, "criterion '%s' has no descriptor for level %s",
                                          entry->id, model->levels[level].code);
            if ((entry->applies_to_count && !entry->applies_to) ||
                (entry->theme_count && !entry->themes))
                return model_unusable(error, "criterion '%s' has a tag count but no tags", entry->id);
        }
    }
    return check_unique_ids(model->criteria, model->criterion_count, sizeof *model->criteria, "criterion id",
                            error);
}

/* One limit: a known scope and kind, and indexes in range. */
static int check_limit(const rubric_model *model, unsigned number, const rubric_limit *limit,
                       rubric_error *error)
{
    if (limit->scope != RUBRIC_SCOPE_OVERALL && limit->scope != RUBRIC_SCOPE_SECTION)
        return model_unusable(error, "limit %u caps an unknown scope (%d)", number, (int)limit->scope);
    if (limit->scope == RUBRIC_SCOPE_SECTION && limit->section >= model->section_count)
        return model_unusable(error, "limit %u caps section index %u, out of range (%u sections)",
                              number, limit->section, model->section_count);
    if (limit->kind == RUBRIC_LIMIT_BY_CRITERION) {
        if (limit->index >= model->criterion_count)
            return model_unusable(error, "limit %u is by criterion index %u, out of range (%u criteria)",
                                  number, limit->index, model->criterion_count);
    } else if (limit->kind == RUBRIC_LIMIT_BY_SECTION) {
        if (limit->index >= model->section_count)
            return model_unusable(error, "limit %u is by section index %u, out of range (%u sections)",
                                  number, limit->index, model->section_count);
    } else {
        return model_unusable(error, "limit %u is by an unknown kind (%d)", number, (int)limit->kind);
    }
    return 1;
}

/* The grading rules: known enums, level indexes in range, limits valid. */
static int check_rules(const rubric_model *model, rubric_error *error)
{
    const rubric_rules *rules = &model->rules;
    if (!is_method(rules->overall_method))
        return model_unusable(error, "the overall grade has an unknown method (%d)", (int)rules->overall_method);
    if (rules->overall_basis != RUBRIC_BASIS_SECTIONS && rules->overall_basis != RUBRIC_BASIS_CRITERIA)
        return model_unusable(error, "the overall grade has an unknown basis (%d)", (int)rules->overall_basis);
    if (rules->ties != RUBRIC_TIES_LOWER && rules->ties != RUBRIC_TIES_HIGHER)
        return model_unusable(error, "unknown tie rule (%d)", (int)rules->ties);
    if (rules->not_applicable != RUBRIC_NA_LEAVE_OUT && rules->not_applicable != RUBRIC_NA_COUNT_AS)
        return model_unusable(error, "unknown not-applicable rule (%d)", (int)rules->not_applicable);
    if (rules->not_applicable == RUBRIC_NA_COUNT_AS && rules->not_applicable_level >= model->level_count)
        return model_unusable(error, "not applicable counts as level index %u, out of range (%u levels)",
                              rules->not_applicable_level, model->level_count);
    if (rules->good_or_better >= model->level_count)
        return model_unusable(error, "good or better is level index %u, out of range (%u levels)",
                              rules->good_or_better, model->level_count);
    if (rules->limit_count && !rules->limits)
        return model_unusable(error, "the rules count %u limits but hold none", rules->limit_count);
    for (unsigned limit = 0; limit < rules->limit_count; limit++)
        if (!check_limit(model, limit + 1, &rules->limits[limit], error))
            return 0;
    return 1;
}

/* A model is usable when its version is ours and everything above holds. */
int rubric_model_check(const rubric_model *model, rubric_error *error)
{
    if (model == NULL)
        return model_unusable(error, "no rubric model");
    if (model->format_version != RUBRIC_FORMAT_VERSION)
        return model_unusable(error, "format_version %d is not supported (this library reads version %d)",
                              model->format_version, RUBRIC_FORMAT_VERSION);
    if (!is_text(model->id))
        return model_unusable(error, "the rubric has no id");
    return check_levels(model, error) && check_sections(model, error) &&
           check_criteria(model, error) && check_rules(model, error);
}

/* Level index or NA to its code. */
const char *rubric_grade_code(const rubric_model *model, int grade)
{
    if (grade == RUBRIC_GRADE_NOT_APPLICABLE)
        return RUBRIC_NOT_APPLICABLE_CODE;
    if (grade < 0 || (unsigned)grade >= model->level_count)
        return NULL;
    return model->levels[grade].code;
}

/* Code to level index; "NA" to not applicable. Codes are short, so the
 * first byte settles most comparisons without a call. */
int rubric_grade_from_code(const rubric_model *model, const char *code)
{
    for (unsigned level = 0; level < model->level_count; level++) {
        const char *level_code = model->levels[level].code;
        if (level_code[0] == code[0] && (code[0] == '\0' || strcmp(level_code + 1, code + 1) == 0))
            return (int)level;
    }
    if (strcmp(code, RUBRIC_NOT_APPLICABLE_CODE) == 0)
        return RUBRIC_GRADE_NOT_APPLICABLE;
    return RUBRIC_GRADE_NONE;
}

/* "good or better": a level at or above rules.good_or_better. */
int rubric_grade_is_good_or_better(const rubric_model *model, int grade)
{
    return grade >= 0 && (unsigned)grade <= model->rules.good_or_better;
}

/* "not applicable: count as X" turns NA into X for aggregation. */
int rubric_grade_as_counted(const rubric_model *model, int grade)
{
    if (grade == RUBRIC_GRADE_NOT_APPLICABLE && model->rules.not_applicable == RUBRIC_NA_COUNT_AS)
        return (int)model->rules.not_applicable_level;
    return grade;
}

/* Linear search by id: for callers; the grader keeps a hash table. */
int rubric_find_criterion(const rubric_model *model, const char *id)
{
    for (unsigned index = 0; index < model->criterion_count; index++)
        if (strcmp(model->criteria[index].id, id) == 0)
            return (int)index;
    return -1;
}

/* Linear search of the section ids. */
int rubric_find_section(const rubric_model *model, const char *id)
{
    for (unsigned index = 0; index < model->section_count; index++)
        if (strcmp(model->sections[index].id, id) == 0)
            return (int)index;
    return -1;
}
