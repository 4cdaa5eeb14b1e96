/*
 * model.c — what the library knows about a rubric_model, wherever it came
 * from: the integrity check that makes a model safe to grade with (run on
 * JSON-loaded models and linked C tables alike), and the small lookups
 * between grade codes, level indexes and ids that grading and reporting
 * share.
 *
 * Format 2's additions (scores, bands, answer sets, case types, weights,
 * conditional limits) are checked only in a model of format 2; a model of
 * format 1 reads them as their defaults (rubric_section_weight and the
 * other accessors below).
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
#include "rubric_targets.h"

#ifndef RUBRIC_VERSION
#define RUBRIC_VERSION "0.0.0"
#endif

/* The library version the build stamps in. */
const char *rubric_library_version(void)
{
    return RUBRIC_VERSION;
}

/* The API version of the header the library was built with. */
long rubric_library_api_version(void)
{
    return RUBRIC_API_VERSION;
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
static int model_check_unique_ids(const void *items, size_t count, size_t stride, const char *what,
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
static int model_check_levels(const rubric_model *model, rubric_error *error)
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
    return model_check_unique_ids(model->levels, model->level_count, sizeof *model->levels, "scale level code", error);
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
    static const char *const names[] = {"criterion", "section", "condition"};
    return name_in(names, sizeof names / sizeof names[0], (int)kind);
}

/* The rounding rule's name, in the order of enum rubric_rounding. */
const char *rubric_rounding_name(rubric_rounding rounding)
{
    static const char *const names[] = {"nearest, half down", "nearest, half up", "down"};
    return name_in(names, sizeof names / sizeof names[0], (int)rounding);
}

/* Whether level LEVEL carries descriptors: every level of a lettered
 * scale; on a score scale, the anchors. */
static int is_anchor(const rubric_model *model, unsigned level)
{
    return model->format_version < 2 || !model->scores || model->levels[level].anchor;
}

/* A weight is positive, at most 1000 (in hundredths). */
static int is_weight(unsigned hundredths)
{
    return hundredths >= 1 && hundredths <= 100000;
}

/* A method is one of the five the grader knows. */
static int is_method(rubric_method method)
{
    return rubric_method_name(method) != NULL;
}

/* Sections hold their criteria in order, back to back, each criterion
 * pointing back at its section; ids are unique. */
static int model_check_sections(const rubric_model *model, rubric_error *error)
{
    if (model->section_count == 0 || model->sections == NULL)
        return model_unusable(error, "the rubric has no sections");
    unsigned next_criterion = 0;
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        if (!is_text(entry->id))
            return model_unusable(error, "section %u has no id", section + 1);
        int answer_set = rubric_section_answer_set(model, section);
        if (answer_set >= 0 ? (unsigned)answer_set >= model->answer_set_count : answer_set != -1)
            return model_unusable(error, "section '%s' names answer set index %d, out of range (%u answer sets)",
                                  entry->id, answer_set, model->answer_set_count);
        if (answer_set < 0 && !is_method(entry->method))
            return model_unusable(error, "section '%s' has an unknown grading method (%d)",
                                  entry->id, (int)entry->method);
        if (entry->ties < 0 || entry->ties > 1 + RUBRIC_TIES_HIGHER)
            return model_unusable(error, "section '%s' has an unknown tie rule (%d)", entry->id, entry->ties);
        if (!is_weight(rubric_section_weight(model, section)))
            return model_unusable(error, "section '%s' has weight %u hundredths (1 to 100000)", entry->id,
                                  entry->weight_hundredths);
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
    return model_check_unique_ids(model->sections, model->section_count, sizeof *model->sections, "section id", error);
}

/* Every criterion: an id, unique; its section index matching the section
 * that holds it; one descriptor per level. */
static int model_check_criteria(const rubric_model *model, rubric_error *error)
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
            if (rubric_section_answer_set(model, section) >= 0) {
                /* a checklist criterion's descriptors (one per answer) are all optional */
            } else if (entry->descriptors == NULL) {
                return model_unusable(error, "criterion '%s' has no descriptors", entry->id);
            } else {
                for (unsigned level = 0; level < model->level_count; level++)
                    if (entry->descriptors[level] == NULL && is_anchor(model, level))
                        return model_unusable(error, "criterion '%s' has no descriptor for level %s",
                                              entry->id, model->levels[level].code);
            }
            if (!is_weight(rubric_criterion_weight(model, index)))
                return model_unusable(error, "criterion '%s' has weight %u hundredths (1 to 100000)", entry->id,
                                      entry->weight_hundredths);
            if ((entry->applies_to_count && !entry->applies_to) ||
                (entry->theme_count && !entry->themes))
                return model_unusable(error, "criterion '%s' has a tag count but no tags", entry->id);
            if (model->format_version >= 3 && entry->group_count && !entry->groups)
                return model_unusable(error, "criterion '%s' has a group count but no groups", entry->id);
            for (unsigned group = 0; model->format_version >= 3 && group < entry->group_count; group++)
                if (entry->groups[group] >= model->group_count)
                    return model_unusable(error, "criterion '%s' names group index %u, out of range (%u groups)",
                                          entry->id, entry->groups[group], model->group_count);
        }
    }
    return model_check_unique_ids(model->criteria, model->criterion_count, sizeof *model->criteria, "criterion id",
                            error);
}

/* The answer set a condition's subject is answered with, or NULL when it
 * is graded on the scale. */
static const rubric_answer_set *condition_answer_set(const rubric_model *model, const rubric_limit *limit)
{
    if (limit->subject == RUBRIC_SUBJECT_CRITERION)
        return rubric_criterion_answer_set(model, (unsigned)limit->subject_index);
    if (limit->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION) {
        int set = rubric_section_answer_set(model, (unsigned)limit->subject_index);
        return set >= 0 ? &model->answer_sets[set] : NULL;
    }
    return NULL;
}

/* A conditional limit: a known effect, subject and test; its level, its
 * subject's index and its value in range (an answer of the subject's set,
 * tested with "is" only; a band; or a level). A checklist section has no
 * grade, so it can be neither capped nor a subject. */
static int model_check_condition(const rubric_model *model, unsigned number, const rubric_limit *limit,
                                 rubric_error *error)
{
    if (limit->effect != RUBRIC_LIMIT_NO_BETTER_THAN && limit->effect != RUBRIC_LIMIT_IS &&
        limit->effect != RUBRIC_LIMIT_NOT_GRADED)
        return model_unusable(error, "limit %u has an unknown effect (%d)", number, (int)limit->effect);
    if (limit->effect == RUBRIC_LIMIT_NOT_GRADED && limit->level != -1)
        return model_unusable(error, "limit %u is a 'not graded' rule, which states no level (level -1, not %d)",
                              number, limit->level);
    if (limit->effect != RUBRIC_LIMIT_NOT_GRADED && (limit->level < 0 || (unsigned)limit->level >= model->level_count))
        return model_unusable(error, "limit %u states level index %d, out of range (%u levels)", number,
                              limit->level, model->level_count);
    if (limit->scope == RUBRIC_SCOPE_SECTION && rubric_section_answer_set(model, limit->section) >= 0)
        return model_unusable(error, "limit %u caps checklist section '%s', which has no grade", number,
                              model->sections[limit->section].id);
    unsigned subjects;
    switch (limit->subject) {
    case RUBRIC_SUBJECT_CRITERION:
        subjects = model->criterion_count;
        break;
    case RUBRIC_SUBJECT_SECTION:
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION:
        subjects = model->section_count;
        break;
    case RUBRIC_SUBJECT_ANY_CRITERION:
    case RUBRIC_SUBJECT_ANY_KEY_CRITERION:
        subjects = 0;
        break;
    case RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP:
        subjects = model->group_count;
        break;
    case RUBRIC_SUBJECT_TIMESCALE:
        subjects = model->criterion_count;
        break;
    default:
        return model_unusable(error, "limit %u has an unknown subject (%d)", number, (int)limit->subject);
    }
    if (subjects ? limit->subject_index < 0 || (unsigned)limit->subject_index >= subjects : limit->subject_index != -1)
        return model_unusable(error, "limit %u has subject index %d, out of range", number, limit->subject_index);
    if (limit->subject == RUBRIC_SUBJECT_SECTION && rubric_section_answer_set(model, (unsigned)limit->subject_index) >= 0)
        return model_unusable(error, "limit %u tests checklist section '%s', which has no grade", number,
                              model->sections[limit->subject_index].id);
    if (limit->test < RUBRIC_TEST_IS || limit->test > RUBRIC_TEST_NOT_MET)
        return model_unusable(error, "limit %u has an unknown test (%d)", number, (int)limit->test);
    int on_timescale = limit->subject == RUBRIC_SUBJECT_TIMESCALE;
    if (on_timescale != (limit->test == RUBRIC_TEST_MET || limit->test == RUBRIC_TEST_NOT_MET))
        return model_unusable(error, "limit %u: a timescale is tested with 'met' or 'not met', and only a "
                              "timescale is", number);
    if (on_timescale && model->criteria[limit->subject_index].timescale == NULL)
        return model_unusable(error, "limit %u tests the timescale of criterion '%s', which has none", number,
                              model->criteria[limit->subject_index].id);
    if (on_timescale && limit->count_rule != RUBRIC_COUNT_NONE)
        return model_unusable(error, "limit %u counts a timescale", number);
    if (on_timescale)
        return 1;
    if (limit->count_rule < RUBRIC_COUNT_NONE || limit->count_rule > RUBRIC_COUNT_AT_MOST)
        return model_unusable(error, "limit %u has an unknown count rule (%d)", number, (int)limit->count_rule);
    if (limit->count_rule != RUBRIC_COUNT_NONE &&
        (limit->subject == RUBRIC_SUBJECT_CRITERION || limit->subject == RUBRIC_SUBJECT_SECTION))
        return model_unusable(error, "limit %u counts a subject that is not several criteria", number);
    if (limit->test == RUBRIC_TEST_GRADED || limit->test == RUBRIC_TEST_NOT_APPLICABLE)
        return limit->subject != RUBRIC_SUBJECT_SECTION
                   ? 1 : model_unusable(error, "limit %u tests a section's grade for NA or graded", number);
    const rubric_answer_set *set = condition_answer_set(model, limit);
    unsigned values = set ? set->answer_count : limit->test == RUBRIC_TEST_IN_BAND ? model->band_count
                                                                                   : model->level_count;
    if (set && limit->test != RUBRIC_TEST_IS)
        return model_unusable(error, "limit %u tests an answer with other than 'is'", number);
    if (limit->value < 0 || (unsigned)limit->value >= values)
        return model_unusable(error, "limit %u tests value index %d, out of range (%u)", number, limit->value, values);
    return 1;
}

/* One limit: a known scope and kind, and indexes in range. */
static int model_check_limit(const rubric_model *model, unsigned number, const rubric_limit *limit,
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
    } else if (limit->kind == RUBRIC_LIMIT_BY_CONDITION && model->format_version >= 2) {
        return model_check_condition(model, number, limit, error);
    } else {
        return model_unusable(error, "limit %u is by an unknown kind (%d)", number, (int)limit->kind);
    }
    return 1;
}

/* The grading rules: known enums, level indexes in range, limits valid. */
static int model_check_rules(const rubric_model *model, rubric_error *error)
{
    const rubric_rules *rules = &model->rules;
    if (!is_method(rules->overall_method))
        return model_unusable(error, "the overall grade has an unknown method (%d)", (int)rules->overall_method);
    if (rules->overall_basis != RUBRIC_BASIS_SECTIONS && rules->overall_basis != RUBRIC_BASIS_CRITERIA)
        return model_unusable(error, "the overall grade has an unknown basis (%d)", (int)rules->overall_basis);
    if (rules->ties != RUBRIC_TIES_LOWER && rules->ties != RUBRIC_TIES_HIGHER)
        return model_unusable(error, "unknown tie rule (%d)", (int)rules->ties);
    if (rules->overall_ties < 0 || rules->overall_ties > 1 + RUBRIC_TIES_HIGHER)
        return model_unusable(error, "the overall grade has an unknown tie rule (%d)", rules->overall_ties);
    if (rules->unrounded_sections != 0 && (rules->unrounded_sections != 1 || rules->overall_method != RUBRIC_METHOD_MEAN ||
                                           rules->overall_basis != RUBRIC_BASIS_SECTIONS))
        return model_unusable(error, "unrounded section means (%d) need the overall grade 'mean of sections'",
                              rules->unrounded_sections);
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
        if (!model_check_limit(model, limit + 1, &rules->limits[limit], error))
            return 0;
    if (model->format_version >= 2 && rubric_rounding_name(rules->rounding) == NULL)
        return model_unusable(error, "unknown rounding rule (%d)", (int)rules->rounding);
    return 1;
}

/* A score scale: each level's code is its score, consecutive from best to
 * worst (up or down), so that a mean rounds to a level. */
static int model_check_scores(const rubric_model *model, rubric_error *error)
{
    for (unsigned level = 0; level < model->level_count; level++) {
        const rubric_level *entry = &model->levels[level];
        char text[16];
        snprintf(text, sizeof text, "%d", entry->score);
        if (entry->score < 0 || entry->score > 100 || strcmp(text, entry->code) != 0)
            return model_unusable(error, "score level '%s' does not match its score %d (0 to 100)", entry->code,
                                  entry->score);
        int step = model->levels[0].score > model->levels[model->level_count - 1].score ? -1 : 1;
        if (level > 0 && entry->score != model->levels[level - 1].score + step)
            return model_unusable(error, "score level '%s' does not follow '%s' by one", entry->code,
                                  model->levels[level - 1].code);
    }
    return 1;
}

/* Bands: labelled runs of levels that do not overlap and cover the scale. */
static int model_check_bands(const rubric_model *model, rubric_error *error)
{
    if (model->band_count && !model->bands)
        return model_unusable(error, "the model counts %u bands but holds none", model->band_count);
    unsigned covered = 0;
    for (unsigned band = 0; band < model->band_count; band++) {
        const rubric_band *entry = &model->bands[band];
        if (!is_text(entry->label))
            return model_unusable(error, "band %u has no label", band + 1);
        if (entry->best_level > entry->worst_level || entry->worst_level >= model->level_count)
            return model_unusable(error, "band '%s' covers levels %u..%u, out of order or out of range (%u levels)",
                                  entry->label, entry->best_level, entry->worst_level, model->level_count);
        for (unsigned earlier = 0; earlier < band; earlier++)
            if (entry->best_level <= model->bands[earlier].worst_level &&
                model->bands[earlier].best_level <= entry->worst_level)
                return model_unusable(error, "bands '%s' and '%s' overlap", model->bands[earlier].label, entry->label);
        covered += entry->worst_level - entry->best_level + 1;
    }
    if (model->band_count && covered != model->level_count)
        return model_unusable(error, "the bands cover %u of the %u levels", covered, model->level_count);
    return 1;
}

/* Answer sets: an id, answers with unique codes (never NA) and labels. */
static int model_check_answer_sets(const rubric_model *model, rubric_error *error)
{
    if (model->answer_set_count && !model->answer_sets)
        return model_unusable(error, "the model counts %u answer sets but holds none", model->answer_set_count);
    for (unsigned set = 0; set < model->answer_set_count; set++) {
        const rubric_answer_set *entry = &model->answer_sets[set];
        if (!is_text(entry->id) || entry->answer_count == 0 || entry->answers == NULL)
            return model_unusable(error, "answer set %u has no id or no answers", set + 1);
        for (unsigned answer = 0; answer < entry->answer_count; answer++) {
            const char *code = entry->answers[answer].code;
            if (!is_text(code) || !is_text(entry->answers[answer].label))
                return model_unusable(error, "answer set '%s': answer %u has no code or label", entry->id, answer + 1);
            if (strcmp(code, RUBRIC_NOT_APPLICABLE_CODE) == 0)
                return model_unusable(error, "answer set '%s' uses the code NA, which means not applicable", entry->id);
            for (unsigned earlier = 0; earlier < answer; earlier++)
                if (strcmp(entry->answers[earlier].code, code) == 0)
                    return model_unusable(error, "answer set '%s': code '%s' appears twice", entry->id, code);
        }
    }
    return 1;
}

/* Case types: named, each once. */
static int model_check_case_types(const rubric_model *model, rubric_error *error)
{
    if (model->case_type_count && !model->case_types)
        return model_unusable(error, "the model counts %u case types but holds none", model->case_type_count);
    for (unsigned type = 0; type < model->case_type_count; type++) {
        if (!is_text(model->case_types[type]))
            return model_unusable(error, "case type %u has no name", type + 1);
        for (unsigned earlier = 0; earlier < type; earlier++)
            if (strcmp(model->case_types[earlier], model->case_types[type]) == 0)
                return model_unusable(error, "case type '%s' appears twice", model->case_types[type]);
    }
    return 1;
}

/* What format 2 adds: scores, bands, answer sets, case types. */
static int check_format_2(const rubric_model *model, rubric_error *error)
{
    if (model->format_version < 2)
        return 1;
    return (!model->scores || model_check_scores(model, error)) && model_check_bands(model, error) &&
           model_check_answer_sets(model, error) && model_check_case_types(model, error);
}

/* A model is usable when its version is ours and everything above holds. */
/* The rubric's and the sections' targets (rubric_targets.c). */
static int model_check_targets(const rubric_model *model, rubric_error *error)
{
    char problem[200];
    return targets_check(model, problem, sizeof problem) || model_unusable(error, "%s", problem);
}

int rubric_model_check(const rubric_model *model, rubric_error *error)
{
    if (error)
        error->line = error->column = 0;
    if (model == NULL)
        return model_unusable(error, "no rubric model");
    if (model->format_version < 1 || model->format_version > RUBRIC_FORMAT_VERSION)
        return model_unusable(error, "rubric format %d is not known to this grader (it reads 1 to 3); compile"
                              " the rubric again with this version's rubricc", model->format_version);
    if (!is_text(model->id))
        return model_unusable(error, "the rubric has no id");
    return model_check_levels(model, error) && check_format_2(model, error) && model_check_sections(model, error) &&
           model_check_criteria(model, error) && model_check_rules(model, error) &&
           model_check_targets(model, error);
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

/* Format 1 models predate these fields: their zeros are not the defaults. */
static int has_v2_fields(const rubric_model *model)
{
    return model->format_version >= 2;
}

unsigned rubric_section_weight(const rubric_model *model, unsigned section)
{
    return has_v2_fields(model) ? model->sections[section].weight_hundredths : 100;
}

unsigned rubric_criterion_weight(const rubric_model *model, unsigned criterion)
{
    return has_v2_fields(model) ? model->criteria[criterion].weight_hundredths : 100;
}

int rubric_section_answer_set(const rubric_model *model, unsigned section)
{
    return has_v2_fields(model) ? model->sections[section].answer_set : -1;
}

int rubric_section_in_overall(const rubric_model *model, unsigned section)
{
    return has_v2_fields(model) ? model->sections[section].in_overall && model->sections[section].answer_set < 0
                                : 1;
}

/* The answer set of the criterion's section, or NULL. */
const rubric_answer_set *rubric_criterion_answer_set(const rubric_model *model, unsigned criterion)
{
    int set = rubric_section_answer_set(model, model->criteria[criterion].section);
    return set >= 0 ? &model->answer_sets[set] : NULL;
}

/* An answer code in a checklist section, else the grade's code. */
const char *rubric_criterion_grade_code(const rubric_model *model, unsigned criterion, int grade)
{
    const rubric_answer_set *set = rubric_criterion_answer_set(model, criterion);
    if (set == NULL || grade < 0)
        return rubric_grade_code(model, grade);
    return (unsigned)grade < set->answer_count ? set->answers[grade].code : NULL;
}

/* Bands are few: a linear search. */
int rubric_band_of(const rubric_model *model, int grade)
{
    if (grade < 0)
        return -1;
    for (unsigned band = 0; band < model->band_count; band++)
        if ((unsigned)grade >= model->bands[band].best_level && (unsigned)grade <= model->bands[band].worst_level)
            return (int)band;
    return -1;
}

/* Whether NAME is among COUNT NAMES. */
static int names_include(const char *const *names, unsigned count, const char *name)
{
    for (unsigned index = 0; index < count; index++)
        if (strcmp(names[index], name) == 0)
            return 1;
    return 0;
}

/* Declared case types, else every "applies to" names one. */
int rubric_case_type_known(const rubric_model *model, const char *case_type)
{
    if (model->case_type_count)
        return names_include(model->case_types, model->case_type_count, case_type);
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        if (names_include(model->criteria[criterion].applies_to, model->criteria[criterion].applies_to_count,
                          case_type))
            return 1;
    return 0;
}

/* An empty "applies to" is every case. */
int rubric_criterion_applies(const rubric_model *model, unsigned criterion, const char *case_type)
{
    const rubric_criterion *entry = &model->criteria[criterion];
    return case_type == NULL || entry->applies_to_count == 0 ||
           names_include(entry->applies_to, entry->applies_to_count, case_type);
}

/* 1000 * met / applicable, rounded half up. */
long rubric_checklist_percentage_tenths(const rubric_checklist_count *count)
{
    if (count->applicable == 0)
        return -1;
    return (long)((2000UL * count->met + count->applicable) / (2UL * count->applicable));
}

const char *rubric_decimal_text(unsigned long value, unsigned places, char buffer[RUBRIC_DECIMAL_SIZE])
{
    unsigned long unit = places == 2 ? 100 : 10;
    unsigned long whole = value / unit, fraction = value % unit;
    unsigned digits = places == 2 ? 2 : 1;
    while (digits > 0 && fraction != 0 && fraction % 10 == 0) {
        fraction /= 10;
        digits--;
    }
    if (fraction == 0)
        snprintf(buffer, RUBRIC_DECIMAL_SIZE, "%lu", whole);
    else
        snprintf(buffer, RUBRIC_DECIMAL_SIZE, "%lu.%0*lu", whole, (int)digits, fraction);
    return buffer;
}

/* The code a condition tests against: a band's label, an answer code of a
 * checklist subject, else a level code; "graded" or "NA" for those tests. */
static const char *condition_value_text(const rubric_model *model, const rubric_limit *limit)
{
    if (limit->test == RUBRIC_TEST_GRADED)
        return "graded";
    if (limit->test == RUBRIC_TEST_NOT_APPLICABLE)
        return RUBRIC_NOT_APPLICABLE_CODE;
    if (limit->test == RUBRIC_TEST_IN_BAND)
        return model->bands[limit->value].label;
    const rubric_answer_set *set = condition_answer_set(model, limit);
    return set ? set->answers[limit->value].code : model->levels[limit->value].code;
}

/* The limit's effect, then for a condition its subject and test. */
size_t rubric_limit_describe(const rubric_model *model, const rubric_limit *limit, char *buffer, size_t size)
{
    int written;
    if (limit->kind != RUBRIC_LIMIT_BY_CONDITION) {
        int by_section = limit->kind == RUBRIC_LIMIT_BY_SECTION;
        written = snprintf(buffer, size, "no better than %s %s", by_section ? "section" : "criterion",
                           by_section ? model->sections[limit->index].id : model->criteria[limit->index].id);
        return written < 0 ? 0 : (size_t)written;
    }
    static const char *const subjects[] = {"criterion ", "section ", "any criterion", "any criterion in section ",
                                           "any key criterion", "any criterion of group ", ""};
    static const char *const tests[] = {"", " or worse", " or better", "", "", "", "", ""};
    const char *subject_id = limit->subject == RUBRIC_SUBJECT_ANY_CRITERION ||
                                     limit->subject == RUBRIC_SUBJECT_ANY_KEY_CRITERION ? ""
                             : limit->subject == RUBRIC_SUBJECT_CRITERION || limit->subject == RUBRIC_SUBJECT_TIMESCALE
                                 ? model->criteria[limit->subject_index].id
                             : limit->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_GROUP
                                 ? model->groups[limit->subject_index].id
                                 : model->sections[limit->subject_index].id;
    /* "no better than R", "is I", "not graded" */
    int not_graded = limit->effect == RUBRIC_LIMIT_NOT_GRADED;
    const char *effect = limit->effect == RUBRIC_LIMIT_IS ? "is" : not_graded ? "not graded" : "no better than";
    const char *gap = not_graded ? "" : " ", *level = not_graded ? "" : model->levels[limit->level].code;
    const char *band = limit->test == RUBRIC_TEST_IN_BAND ? "in band " : "";
    if (limit->subject == RUBRIC_SUBJECT_TIMESCALE) {
        /* "no better than R when the timescale of criterion assessment-timely is not met" */
        written = snprintf(buffer, size, "%s%s%s when the timescale of criterion %s is %s", effect, gap, level,
                           model->criteria[limit->subject_index].id,
                           limit->test == RUBRIC_TEST_MET ? "met" : "not met");
        return written < 0 ? 0 : (size_t)written;
    }
    if (limit->count_rule != RUBRIC_COUNT_NONE) {
        /* "no better than R when 2 or more criteria in section s2 are R or worse" */
        static const char *const before[] = {"", "", "more than ", "fewer than ", "at most "};
        static const char *const places[] = {"", "", "", " in section ", "", " of group "};
        written = snprintf(buffer, size, "%s%s%s when %s%u%s %s%s%s%s %s %s%s%s", effect, gap, level,
                           before[limit->count_rule], limit->count,
                           limit->count_rule == RUBRIC_COUNT_AT_LEAST ? " or more" : "",
                           limit->subject == RUBRIC_SUBJECT_ANY_KEY_CRITERION ? "key " : "",
                           limit->count == 1 ? "criterion" : "criteria", places[limit->subject], subject_id,
                           limit->count == 1 ? "is" : "are", band, condition_value_text(model, limit),
                           tests[limit->test]);
        return written < 0 ? 0 : (size_t)written;
    }
    written = snprintf(buffer, size, "%s%s%s when %s%s is %s%s%s", effect, gap, level, subjects[limit->subject],
                       subject_id, band, condition_value_text(model, limit), tests[limit->test]);
    return written < 0 ? 0 : (size_t)written;
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
