/*
 * rubric_diff.c — rubricc diff (see rubric_diff.h): two editions compiled,
 * compared by id through their IR, each change classed by its effect on
 * audits already graded, and reported as text or HTML. Descriptor and
 * other text changes are shown word by word (text_diff.h).
 */
#include "rubric_diff.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#ifndef __wasi__
#include <sys/wait.h>
#endif
#include <unistd.h>

#include "command_line.h"
#include "file_roles.h"
#include "compile.h"
#include "html_text.h"
#include "includes.h"
#include "output.h"
#include "text_diff.h"

typedef struct diff_state {
    arena *region;
    const ir_rubric *old;
    const ir_rubric *new;
    rubric_diff_change *changes;
    size_t count;
} diff_state;

static void diff_add(diff_state *state, rubric_diff_class class_, const char *old_text,
                     const char *new_text, const char *format, ...)
    __attribute__((format(printf, 5, 6)));

static void diff_add(diff_state *state, rubric_diff_class class_, const char *old_text,
                     const char *new_text, const char *format, ...)
{
    char what[1024];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(what, sizeof what, format, arguments);
    va_end(arguments);
    state->changes = arena_grow(state->region, state->changes, state->count, state->count + 1,
                                sizeof *state->changes);
    rubric_diff_change *change = &state->changes[state->count++];
    change->class_ = class_;
    change->what = arena_strdup(state->region, what);
    change->old_text = old_text;
    change->new_text = new_text;
}

static bool diff_same_text(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static const char *diff_prose(const ir_prose *prose)
{
    return prose != NULL ? prose->text : NULL;
}

/* A text that may be missing, for a word diff: "" when it is. */
static const char *diff_or_empty(const char *text)
{
    return text != NULL ? text : "";
}

static const ir_section *diff_find_section(const ir_rubric *rubric, const char *id)
{
    for (size_t i = 0; i < rubric->section_count; i++)
        if (strcmp(rubric->sections[i].id, id) == 0)
            return &rubric->sections[i];
    return NULL;
}

static const ir_criterion *diff_find_criterion(const ir_rubric *rubric, const char *id)
{
    for (size_t i = 0; i < rubric->criterion_count; i++)
        if (strcmp(rubric->criteria[i].id, id) == 0)
            return &rubric->criteria[i];
    return NULL;
}

static long diff_find_level(const ir_rubric *rubric, const char *code)
{
    for (size_t i = 0; i < rubric->level_count; i++)
        if (strcmp(rubric->levels[i].code, code) == 0)
            return (long)i;
    return -1;
}

/* The code of a descriptor slot of a criterion of section: an answer's in
 * a checklist section, else a level's. */
static const char *diff_slot_code(const ir_rubric *rubric, const ir_section *section, size_t slot)
{
    if (section->answer_set >= 0)
        return rubric->answer_sets[section->answer_set].answers[slot].code;
    return rubric->levels[slot].code;
}

static long diff_find_slot(const ir_rubric *rubric, const ir_section *section, const char *code)
{
    size_t count = ir_descriptor_count(rubric, section);
    for (size_t i = 0; i < count; i++)
        if (strcmp(diff_slot_code(rubric, section, i), code) == 0)
            return (long)i;
    return -1;
}

static const ir_answer_set *diff_find_answer_set(const ir_rubric *rubric, const char *id)
{
    for (size_t i = 0; i < rubric->answer_set_count; i++)
        if (strcmp(rubric->answer_sets[i].id, id) == 0)
            return &rubric->answer_sets[i];
    return NULL;
}

static const ir_answer *diff_find_answer(const ir_answer_set *set, const char *code)
{
    for (size_t i = 0; i < set->answer_count; i++)
        if (strcmp(set->answers[i].code, code) == 0)
            return &set->answers[i];
    return NULL;
}

static const ir_band *diff_find_band(const ir_rubric *rubric, const char *label)
{
    for (size_t i = 0; i < rubric->band_count; i++)
        if (strcmp(rubric->bands[i].label, label) == 0)
            return &rubric->bands[i];
    return NULL;
}

static const char *diff_weight(arena *region, unsigned weight_hundredths)
{
    char text[32];
    return arena_strdup(region, ir_weight_text(weight_hundredths, text, sizeof text));
}

/* A section's answer set as written: "compliance", or "(graded)". */
static const char *diff_answers_of(const ir_rubric *rubric, const ir_section *section)
{
    return section->answer_set >= 0 ? rubric->answer_sets[section->answer_set].id : "(graded)";
}

/* "CIN, CP" from a list of names. */
static const char *diff_join(arena *region, const char *const *names, size_t count)
{
    const char *joined = "";
    for (size_t i = 0; i < count; i++)
        joined = arena_printf(region, "%s%s%s", joined, i > 0 ? ", " : "", names[i]);
    return count > 0 ? joined : "(none)";
}

static const char *diff_themes(arena *region, const ir_rubric *rubric, const size_t *themes,
                               size_t count)
{
    const char **names = arena_array(region, count + 1, sizeof *names);
    for (size_t i = 0; i < count; i++)
        names[i] = rubric->themes[themes[i]].id;
    return diff_join(region, names, count);
}

/* ------------------------------------------------------- the comparison */

static void diff_header(diff_state *state)
{
    const ir_rubric *old = state->old, *new = state->new;
    if (strcmp(old->id, new->id) != 0)
        diff_add(state, DIFF_UNGRADABLE, NULL, NULL,
                 "rubric id changed from '%s' to '%s' (audits name the rubric by its id)", old->id,
                 new->id);
    static const char *const names[] = {"title", "authority", "version", "effective date"};
    const char *olds[] = {old->title, old->authority, old->version, old->effective};
    const char *news[] = {new->title, new->authority, new->version, new->effective};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!diff_same_text(olds[i], news[i]))
            diff_add(state, DIFF_WORDING, diff_or_empty(olds[i]), diff_or_empty(news[i]),
                     "the rubric's %s changed", names[i]);
    if (!diff_same_text(diff_prose(old->key_factors), diff_prose(new->key_factors)))
        diff_add(state, DIFF_WORDING, diff_or_empty(diff_prose(old->key_factors)),
                 diff_or_empty(diff_prose(new->key_factors)), "the key factors changed");
}

static void diff_scale(diff_state *state)
{
    const ir_rubric *old = state->old, *new = state->new;
    for (size_t i = 0; i < old->level_count; i++)
        if (diff_find_level(new, old->levels[i].code) < 0)
            diff_add(state, DIFF_UNGRADABLE, NULL, NULL,
                     "level %s (%s) removed from the scale (audits that give it are refused)",
                     old->levels[i].code, old->levels[i].label);
    for (size_t i = 0; i < new->level_count; i++) {
        long was = diff_find_level(old, new->levels[i].code);
        if (was < 0)
            diff_add(state, DIFF_GRADES, NULL, NULL, "level %s (%s) added to the scale",
                     new->levels[i].code, new->levels[i].label);
        else if (strcmp(old->levels[was].label, new->levels[i].label) != 0)
            diff_add(state, DIFF_WORDING, old->levels[was].label, new->levels[i].label,
                     "level %s renamed", new->levels[i].code);
    }
    /* The order of the levels both have: medians and limits depend on it. */
    long last = -1;
    bool reordered = false;
    for (size_t i = 0; i < new->level_count; i++) {
        long was = diff_find_level(old, new->levels[i].code);
        if (was >= 0) {
            reordered = reordered || was < last;
            last = was;
        }
    }
    if (reordered)
        diff_add(state, DIFF_GRADES, NULL, NULL, "the scale's levels are in a different order");
    if (old->scores != new->scores)
        diff_add(state, DIFF_GRADES, NULL, NULL, "the scale changed from %s to %s",
                 old->scores ? "scores" : "levels", new->scores ? "scores" : "levels");
    for (size_t i = 0; i < new->level_count; i++) {
        long was = diff_find_level(old, new->levels[i].code);
        int before = 0, after = 0;
        bool had = was >= 0 && ir_level_points(old, (size_t)was, &before);
        bool has = ir_level_points(new, i, &after);
        if (was >= 0 && (had != has || before != after))
            diff_add(state, DIFF_GRADES, NULL, NULL, "level %s: points changed from %s to %s",
                     new->levels[i].code, had ? arena_printf(state->region, "%d", before) : "none",
                     has ? arena_printf(state->region, "%d", after) : "none");
    }
}

/* The levels of a band as written: "8 to 10". */
static const char *diff_band_levels(arena *region, const ir_rubric *rubric, const ir_band *band)
{
    return arena_printf(region, "%s to %s", rubric->levels[band->worst_level].code,
                        rubric->levels[band->best_level].code);
}

static void diff_bands(diff_state *state)
{
    const ir_rubric *old = state->old, *new = state->new;
    for (size_t i = 0; i < old->band_count; i++)
        if (diff_find_band(new, old->bands[i].label) == NULL)
            diff_add(state, DIFF_UNGRADABLE, NULL, NULL,
                     "band %s removed (reports and conditions that name it have none)",
                     old->bands[i].label);
    for (size_t i = 0; i < new->band_count; i++) {
        const ir_band *was = diff_find_band(old, new->bands[i].label);
        const char *levels = diff_band_levels(state->region, new, &new->bands[i]);
        if (was == NULL)
            diff_add(state, DIFF_GRADES, NULL, NULL, "band %s (%s) added", new->bands[i].label, levels);
        else if (strcmp(diff_band_levels(state->region, old, was), levels) != 0)
            diff_add(state, DIFF_GRADES, NULL, NULL, "band %s changed from %s to %s",
                     new->bands[i].label, diff_band_levels(state->region, old, was), levels);
    }
}

static void diff_answer_set(diff_state *state, const ir_answer_set *was, const ir_answer_set *is)
{
    for (size_t i = 0; i < was->answer_count; i++)
        if (diff_find_answer(is, was->answers[i].code) == NULL)
            diff_add(state, DIFF_UNGRADABLE, NULL, NULL,
                     "answers %s: answer %s (%s) removed (audits that give it are refused)", is->id,
                     was->answers[i].code, was->answers[i].label);
    for (size_t i = 0; i < is->answer_count; i++) {
        const ir_answer *answer = &is->answers[i];
        const ir_answer *before = diff_find_answer(was, answer->code);
        if (before == NULL)
            diff_add(state, DIFF_GRADES, NULL, NULL, "answers %s: answer %s (%s) added", is->id,
                     answer->code, answer->label);
        else {
            if (strcmp(before->label, answer->label) != 0)
                diff_add(state, DIFF_WORDING, before->label, answer->label,
                         "answers %s: answer %s renamed", is->id, answer->code);
            if (before->met != answer->met)
                diff_add(state, DIFF_GRADES, NULL, NULL, "answers %s: answer %s %s counts as met",
                         is->id, answer->code, answer->met ? "now" : "no longer");
        }
    }
}

static void diff_answer_sets(diff_state *state)
{
    const ir_rubric *old = state->old, *new = state->new;
    for (size_t i = 0; i < old->answer_set_count; i++)
        if (diff_find_answer_set(new, old->answer_sets[i].id) == NULL)
            diff_add(state, DIFF_UNGRADABLE, NULL, NULL, "answer set %s removed",
                     old->answer_sets[i].id);
    for (size_t i = 0; i < new->answer_set_count; i++) {
        const ir_answer_set *was = diff_find_answer_set(old, new->answer_sets[i].id);
        if (was == NULL)
            diff_add(state, DIFF_WORDING, NULL, NULL, "answer set %s added", new->answer_sets[i].id);
        else
            diff_answer_set(state, was, &new->answer_sets[i]);
    }
}

static void diff_case_types(diff_state *state)
{
    const ir_rubric *old = state->old, *new = state->new;
    const char *before = diff_join(state->region, old->case_types, old->case_type_count);
    const char *after = diff_join(state->region, new->case_types, new->case_type_count);
    if (strcmp(before, after) == 0)
        return;
    bool removed = false;
    for (size_t i = 0; i < old->case_type_count; i++) {
        bool kept = false;
        for (size_t k = 0; k < new->case_type_count; k++)
            kept = kept || strcmp(old->case_types[i], new->case_types[k]) == 0;
        removed = removed || !kept;
    }
    if (removed)
        diff_add(state, DIFF_UNGRADABLE, before, after,
                 "case types changed, some removed (audits that name one are refused)");
    else
        diff_add(state, DIFF_WORDING, before, after, "case types changed");
}

/* Whether the criterion at index of one edition is also in the other,
 * in the section of the same id. */
static bool diff_in_both(const ir_rubric *one, size_t index, const ir_rubric *other)
{
    const ir_criterion *there = diff_find_criterion(other, one->criteria[index].id);
    return there != NULL
           && strcmp(other->sections[there->section].id, one->sections[one->criteria[index].section].id) == 0;
}

/* Whether the criteria a section has in both editions are in the same order. */
static bool diff_same_order(const ir_rubric *one, const ir_section *a, const ir_rubric *other,
                            const ir_section *b)
{
    size_t i = 0, k = 0;
    for (;;) {
        while (i < a->criterion_count && !diff_in_both(one, a->first_criterion + i, other))
            i++;
        while (k < b->criterion_count && !diff_in_both(other, b->first_criterion + k, one))
            k++;
        if (i == a->criterion_count || k == b->criterion_count)
            return (i == a->criterion_count) == (k == b->criterion_count);
        if (strcmp(one->criteria[a->first_criterion + i].id,
                   other->criteria[b->first_criterion + k].id) != 0)
            return false;
        i++;
        k++;
    }
}

/* A target as written ("80% G or better"), or "none". */
static const char *diff_target_text(arena *region, const ir_rubric *rubric, const ir_target *target)
{
    return target == NULL ? "none"
                          : arena_printf(region, "%u%% %s or better", target->percent,
                                         rubric->levels[target->level].code);
}

/* A changed target ("target:") changes no grade, only whether a round
 * meets it: WHOSE is "the overall" or "section 2". */
static void diff_target(diff_state *state, const ir_target *was, const ir_target *is, const char *whose)
{
    const char *old_target = diff_target_text(state->region, state->old, was);
    const char *new_target = diff_target_text(state->region, state->new, is);
    if (strcmp(old_target, new_target) != 0)
        diff_add(state, DIFF_WORDING, NULL, NULL, "%s target changed from %s to %s", whose, old_target,
                 new_target);
}

static void diff_section(diff_state *state, const ir_section *was, const ir_section *is)
{
    arena *region = state->region;
    const char *id = is->id;
    if (strcmp(was->number, is->number) != 0)
        diff_add(state, DIFF_WORDING, NULL, NULL, "section %s renumbered from %s to %s", id,
                 was->number, is->number);
    if (!diff_same_text(was->title, is->title))
        diff_add(state, DIFF_WORDING, diff_or_empty(was->title), diff_or_empty(is->title),
                 "section %s retitled", id);
    if (!diff_same_text(diff_prose(was->scope), diff_prose(is->scope)))
        diff_add(state, DIFF_WORDING, diff_or_empty(diff_prose(was->scope)),
                 diff_or_empty(diff_prose(is->scope)), "section %s: scope changed", id);
    if (was->method != is->method)
        diff_add(state, DIFF_GRADES, NULL, NULL, "section %s: grade changed from %s to %s", id,
                 ir_method_name(was->method), ir_method_name(is->method));
    const char *old_types = diff_join(region, was->applies_to, was->applies_to_count);
    const char *new_types = diff_join(region, is->applies_to, is->applies_to_count);
    if (strcmp(old_types, new_types) != 0)
        diff_add(state, DIFF_WORDING, old_types, new_types, "section %s: applies to changed", id);
    if (was->weight_hundredths != is->weight_hundredths)
        diff_add(state, DIFF_GRADES, NULL, NULL, "section %s: weight changed from %s to %s", id,
                 diff_weight(region, was->weight_hundredths), diff_weight(region, is->weight_hundredths));
    const char *old_answers = diff_answers_of(state->old, was);
    const char *new_answers = diff_answers_of(state->new, is);
    if (strcmp(old_answers, new_answers) != 0)
        diff_add(state, DIFF_UNGRADABLE, NULL, NULL,
                 "section %s: answers changed from %s to %s (its audits' grades do not fit)", id,
                 old_answers, new_answers);
    if (was->in_overall != is->in_overall)
        diff_add(state, DIFF_GRADES, NULL, NULL, "section %s: %s the overall grade", id,
                 is->in_overall ? "now counts in" : "no longer counts in");
    if (!diff_same_order(state->old, was, state->new, is))
        diff_add(state, DIFF_WORDING, NULL, NULL, "section %s: criteria in a different order", id);
    diff_target(state, was->target, is->target, arena_printf(region, "section %s:", id));
}

static void diff_criterion(diff_state *state, const ir_criterion *was, const ir_criterion *is)
{
    arena *region = state->region;
    const ir_rubric *old = state->old, *new = state->new;
    const char *id = is->id;
    const char *old_section = old->sections[was->section].id;
    const char *new_section = new->sections[is->section].id;
    if (strcmp(old_section, new_section) != 0)
        diff_add(state, DIFF_GRADES, NULL, NULL, "criterion %s moved from section %s to section %s",
                 id, old_section, new_section);
    if (!diff_same_text(was->title, is->title))
        diff_add(state, DIFF_WORDING, diff_or_empty(was->title), diff_or_empty(is->title),
                 "criterion %s retitled", id);
    if (was->not_applicable_allowed && !is->not_applicable_allowed)
        diff_add(state, DIFF_UNGRADABLE, NULL, NULL,
                 "criterion %s no longer allows NA (audits that give it NA are refused)", id);
    if (!was->not_applicable_allowed && is->not_applicable_allowed)
        diff_add(state, DIFF_WORDING, NULL, NULL, "criterion %s now allows NA", id);
    const char *old_types = diff_join(region, was->applies_to, was->applies_to_count);
    const char *new_types = diff_join(region, is->applies_to, is->applies_to_count);
    if (strcmp(old_types, new_types) != 0)
        diff_add(state, DIFF_WORDING, old_types, new_types, "criterion %s: applies to changed", id);
    const char *old_themes = diff_themes(region, old, was->themes, was->theme_count);
    const char *new_themes = diff_themes(region, new, is->themes, is->theme_count);
    if (strcmp(old_themes, new_themes) != 0)
        diff_add(state, DIFF_WORDING, old_themes, new_themes, "criterion %s: themes changed", id);
    /* a timescale is judged into every record, and rules may test it */
    char old_timescale[768] = "(none)", new_timescale[768] = "(none)";
    if (was->timescale != NULL)
        ir_timescale_describe(old, was->timescale, old_timescale, sizeof old_timescale);
    if (is->timescale != NULL)
        ir_timescale_describe(new, is->timescale, new_timescale, sizeof new_timescale);
    if (strcmp(old_timescale, new_timescale) != 0)
        diff_add(state, DIFF_GRADES, arena_strdup(region, old_timescale), arena_strdup(region, new_timescale),
                 "criterion %s: timescale changed", id);
    if (was->weight_hundredths != is->weight_hundredths)
        diff_add(state, DIFF_GRADES, NULL, NULL, "criterion %s: weight changed from %s to %s", id,
                 diff_weight(region, was->weight_hundredths), diff_weight(region, is->weight_hundredths));
    /* Descriptors by level code, or by answer code in a checklist section
     * (a change of answer set is reported with the section). */
    const ir_section *old_home = &old->sections[was->section], *new_home = &new->sections[is->section];
    if ((old_home->answer_set < 0) != (new_home->answer_set < 0))
        return;
    size_t slots = ir_descriptor_count(new, new_home);
    for (size_t slot = 0; slot < slots; slot++) {
        const char *code = diff_slot_code(new, new_home, slot);
        long old_slot = diff_find_slot(old, old_home, code);
        if (old_slot < 0)
            continue;
        const char *before = diff_prose(was->effective[old_slot].prose);
        const char *after = diff_prose(is->effective[slot].prose);
        if (!diff_same_text(before, after))
            diff_add(state, DIFF_WORDING, diff_or_empty(before), diff_or_empty(after),
                     "criterion %s: descriptor %s changed", id, code);
    }
}

static void diff_structure(diff_state *state)
{
    const ir_rubric *old = state->old, *new = state->new;
    for (size_t s = 0; s < new->section_count; s++) {
        const ir_section *is = &new->sections[s];
        const ir_section *was = diff_find_section(old, is->id);
        if (was == NULL)
            diff_add(state, DIFF_GRADES, NULL, NULL, "section %s (%s%s%s) added", is->id,
                     is->number, is->title ? ": " : "", is->title ? is->title : "");
        else
            diff_section(state, was, is);
        for (size_t c = is->first_criterion; c < is->first_criterion + is->criterion_count; c++) {
            const ir_criterion *criterion = &new->criteria[c];
            const ir_criterion *before = diff_find_criterion(old, criterion->id);
            if (before == NULL)
                diff_add(state, DIFF_UNGRADABLE, NULL, NULL,
                         "criterion %s added to section %s (audits graded before have no grade "
                         "for it)",
                         criterion->id, is->id);
            else
                diff_criterion(state, before, criterion);
        }
    }
    for (size_t s = 0; s < old->section_count; s++)
        if (diff_find_section(new, old->sections[s].id) == NULL)
            diff_add(state, DIFF_GRADES, NULL, NULL, "section %s removed", old->sections[s].id);
    for (size_t c = 0; c < old->criterion_count; c++)
        if (diff_find_criterion(new, old->criteria[c].id) == NULL)
            diff_add(state, DIFF_UNGRADABLE, NULL, NULL,
                     "criterion %s removed (audits that grade it are refused)", old->criteria[c].id);
}

/* The value a condition tests, as written: a band's label, an answer code
 * (a checklist subject) or a level code. */
static const char *diff_condition_value(const ir_rubric *rubric, const ir_limit *limit)
{
    if (limit->test == RUBRIC_TEST_IN_BAND)
        return rubric->bands[limit->value].label;
    int set = -1;
    if (limit->subject == RUBRIC_SUBJECT_CRITERION)
        set = rubric->sections[rubric->criteria[limit->subject_index].section].answer_set;
    else if (limit->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION)
        set = rubric->sections[limit->subject_index].answer_set;
    if (set >= 0)
        return rubric->answer_sets[set].answers[limit->value].code;
    return rubric->levels[limit->value].code;
}

/* A conditional limit as the language writes it:
 * "overall no better than R when: any criterion in section C is N". */
static const char *diff_condition(arena *region, const ir_rubric *rubric, const ir_limit *limit)
{
    const char *target = limit->scope == RUBRIC_SCOPE_OVERALL
                             ? "overall"
                             : arena_printf(region, "section %s", rubric->sections[limit->section].id);
    const char *subject = "any criterion";
    if (limit->subject == RUBRIC_SUBJECT_CRITERION)
        subject = arena_printf(region, "criterion %s", rubric->criteria[limit->subject_index].id);
    else if (limit->subject == RUBRIC_SUBJECT_SECTION)
        subject = arena_printf(region, "section %s", rubric->sections[limit->subject_index].id);
    else if (limit->subject == RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION)
        subject = arena_printf(region, "any criterion in section %s",
                               rubric->sections[limit->subject_index].id);
    const char *value = diff_condition_value(rubric, limit);
    const char *test = limit->test == RUBRIC_TEST_IN_BAND ? arena_printf(region, "is in band %s", value)
                       : limit->test == RUBRIC_TEST_IS    ? arena_printf(region, "is %s", value)
                                                          : arena_printf(region, "is %s %s", value,
                                                                         ir_test_name(limit->test));
    if (limit->effect == RUBRIC_LIMIT_NOT_GRADED)
        return arena_printf(region, "%s not graded when: %s %s", target, subject, test);
    return arena_printf(region, "%s %s %s when: %s %s", target, ir_effect_name(limit->effect),
                        rubric->levels[limit->level].code, subject, test);
}

/* A limit as the language writes it: "overall no better than criterion x". */
static const char *diff_limit(arena *region, const ir_rubric *rubric, const ir_limit *limit)
{
    if (limit->kind == RUBRIC_LIMIT_BY_CONDITION)
        return diff_condition(region, rubric, limit);
    const char *by = limit->kind == RUBRIC_LIMIT_BY_CRITERION ? rubric->criteria[limit->index].id
                                                              : rubric->sections[limit->index].id;
    const char *kind = limit->kind == RUBRIC_LIMIT_BY_CRITERION ? "criterion" : "section";
    if (limit->scope == RUBRIC_SCOPE_OVERALL)
        return arena_printf(region, "overall no better than: %s %s", kind, by);
    return arena_printf(region, "section %s no better than: %s %s",
                        rubric->sections[limit->section].id, kind, by);
}

static bool diff_has_limit(arena *region, const ir_rubric *rubric, const char *text)
{
    for (size_t i = 0; i < rubric->grading.limit_count; i++)
        if (strcmp(diff_limit(region, rubric, &rubric->grading.limits[i]), text) == 0)
            return true;
    return false;
}

static const char *diff_not_applicable(arena *region, const ir_rubric *rubric)
{
    if (rubric->grading.not_applicable == RUBRIC_NA_LEAVE_OUT)
        return "leave out";
    return arena_printf(region, "count as %s", rubric->levels[rubric->grading.not_applicable_level].code);
}

static void diff_grading(diff_state *state)
{
    arena *region = state->region;
    const ir_rubric *old = state->old, *new = state->new;
    const ir_grading *was = &old->grading, *is = &new->grading;
    if (was->overall_method != is->overall_method || was->overall_basis != is->overall_basis)
        diff_add(state, DIFF_GRADES, NULL, NULL, "overall grade changed from %s of %s to %s of %s",
                 ir_method_name(was->overall_method), ir_basis_name(was->overall_basis),
                 ir_method_name(is->overall_method), ir_basis_name(is->overall_basis));
    if (was->ties != is->ties)
        diff_add(state, DIFF_GRADES, NULL, NULL, "ties changed from %s to %s", ir_ties_name(was->ties),
                 ir_ties_name(is->ties));
    if (was->overall_ties != is->overall_ties)   /* 0: the rubric's "ties:" */
        diff_add(state, DIFF_GRADES, NULL, NULL, "the overall grade's own tie rule changed from %s to %s",
                 was->overall_ties ? ir_ties_name((rubric_ties)(was->overall_ties - 1)) : "none",
                 is->overall_ties ? ir_ties_name((rubric_ties)(is->overall_ties - 1)) : "none");
    if (was->unrounded_sections != is->unrounded_sections)
        diff_add(state, DIFF_GRADES, NULL, NULL, "the overall mean now averages the sections' %s",
                 is->unrounded_sections ? "unrounded means" : "grades");
    const char *old_na = diff_not_applicable(region, old), *new_na = diff_not_applicable(region, new);
    if (strcmp(old_na, new_na) != 0)
        diff_add(state, DIFF_GRADES, NULL, NULL, "not applicable changed from %s to %s", old_na, new_na);
    const char *old_good = old->levels[was->good_or_better].code;
    const char *new_good = new->levels[is->good_or_better].code;
    if (strcmp(old_good, new_good) != 0)
        diff_add(state, DIFF_GRADES, NULL, NULL, "good or better changed from %s to %s", old_good,
                 new_good);
    if (was->rounding != is->rounding)
        diff_add(state, DIFF_GRADES, NULL, NULL, "rounding changed from %s to %s",
                 ir_rounding_name(was->rounding), ir_rounding_name(is->rounding));
    for (size_t i = 0; i < is->limit_count; i++) {
        const char *limit = diff_limit(region, new, &is->limits[i]);
        if (!diff_has_limit(region, old, limit))
            diff_add(state, DIFF_GRADES, NULL, NULL, "grading rule added: %s", limit);
    }
    for (size_t i = 0; i < was->limit_count; i++) {
        const char *limit = diff_limit(region, old, &was->limits[i]);
        if (!diff_has_limit(region, new, limit))
            diff_add(state, DIFF_GRADES, NULL, NULL, "grading rule removed: %s", limit);
    }
}

rubric_diff_changes rubric_diff_compare(arena *region, const ir_rubric *old, const ir_rubric *new)
{
    diff_state state = {region, old, new, NULL, 0};
    diff_header(&state);
    diff_scale(&state);
    diff_bands(&state);
    diff_answer_sets(&state);
    diff_case_types(&state);
    diff_structure(&state);
    diff_grading(&state);
    diff_target(&state, old->target, new->target, "the overall");
    rubric_diff_changes changes = {state.changes, state.count};
    return changes;
}

/* ----------------------------------------------------------- the report */

static const char *const diff_class_names[] = {"wording only", "may grade differently",
                                               "cannot be graded any more"};

/* Where the words of old and new differ: runs of removed and added words,
 * through callbacks for the two output forms. */
typedef struct diff_marks {
    const char *removed_open, *removed_close, *added_open, *added_close;
    bool html;
} diff_marks;

static void diff_put(FILE *out, const text_diff_piece *word, bool html)
{
    if (html)
        html_text_escaped(out, word->text, word->length);
    else
        fwrite(word->text, 1, word->length, out);
}

static void diff_write_words(arena *region, FILE *out, const char *old_text, const char *new_text,
                             const diff_marks *marks)
{
    text_diff_piece *old_words, *new_words;
    size_t old_count = text_diff_words(region, old_text, strlen(old_text), &old_words);
    size_t new_count = text_diff_words(region, new_text, strlen(new_text), &new_words);
    text_diff_edit *edits;
    size_t count = text_diff(region, old_words, old_count, new_words, new_count, &edits);
    for (size_t k = 0; k < count;) {
        if (k > 0)
            fputc(' ', out);
        text_diff_kind kind = edits[k].kind;
        if (kind == TEXT_DIFF_SAME) {
            diff_put(out, &old_words[edits[k].old_index], marks->html);
            k++;
            continue;
        }
        fputs(kind == TEXT_DIFF_REMOVED ? marks->removed_open : marks->added_open, out);
        for (size_t first = k; k < count && edits[k].kind == kind; k++) {
            if (k > first)
                fputc(' ', out);
            diff_put(out, kind == TEXT_DIFF_REMOVED ? &old_words[edits[k].old_index]
                                                    : &new_words[edits[k].new_index],
                     marks->html);
        }
        fputs(kind == TEXT_DIFF_REMOVED ? marks->removed_close : marks->added_close, out);
    }
}

/* How many changes of each class; returns the breaking ones. */
static size_t diff_count(const rubric_diff_changes *changes, size_t counts[3])
{
    counts[0] = counts[1] = counts[2] = 0;
    for (size_t i = 0; i < changes->count; i++)
        counts[changes->changes[i].class_]++;
    return counts[DIFF_GRADES] + counts[DIFF_UNGRADABLE];
}

int rubric_diff_write_text(arena *region, FILE *out, const rubric_diff_changes *changes,
                           const char *old_name, const char *new_name, int with_classes)
{
    static const diff_marks marks = {"[-", "-]", "{+", "+}", false};
    fprintf(out, "--- %s\n+++ %s\n", old_name, new_name);
    for (size_t i = 0; i < changes->count; i++) {
        const rubric_diff_change *change = &changes->changes[i];
        fprintf(out, "%s", change->what);
        if (with_classes)
            fprintf(out, " [%s]", diff_class_names[change->class_]);
        fputc('\n', out);
        if (change->old_text != NULL) {
            fputs("    ", out);
            diff_write_words(region, out, change->old_text, change->new_text, &marks);
            fputc('\n', out);
        }
    }
    size_t counts[3];
    size_t breaking = diff_count(changes, counts);
    if (changes->count == 0)
        fputs("no changes\n", out);
    else
        fprintf(out, "%zu change%s: %zu cannot be graded any more, %zu may grade differently, "
                     "%zu wording only%s\n",
                changes->count, changes->count == 1 ? "" : "s", counts[DIFF_UNGRADABLE],
                counts[DIFF_GRADES], counts[DIFF_WORDING],
                !with_classes ? "" : breaking > 0 ? " (breaking)" : " (not breaking)");
    return ferror(out) ? -1 : 0;
}

int rubric_diff_write_html(arena *region, FILE *out, const rubric_diff_changes *changes,
                           const char *old_name, const char *new_name)
{
    static const diff_marks marks = {"<del>", "</del>", "<ins>", "</ins>", true};
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Changes: ", out);
    html_text_escaped(out, old_name, strlen(old_name));
    fputs(" to ", out);
    html_text_escaped(out, new_name, strlen(new_name));
    fputs("</title>\n<style>\nbody { font-family: sans-serif; max-width: 60em; margin: 1em auto; }\n"
          "del { background: #fdd; } ins { background: #dfd; text-decoration: none; }\n"
          ".class { font-size: 0.85em; padding: 0 0.4em; border: 1px solid #888; }\n"
          ".breaking { border-color: #a00; color: #a00; }\n</style>\n</head>\n<body>\n"
          "<h1>Changes between two editions</h1>\n<p>From <code>", out);
    html_text_escaped(out, old_name, strlen(old_name));
    fputs("</code> to <code>", out);
    html_text_escaped(out, new_name, strlen(new_name));
    fputs("</code></p>\n", out);
    size_t counts[3];
    diff_count(changes, counts);
    fprintf(out, "<p>%zu change%s: %zu cannot be graded any more, %zu may grade differently, "
                 "%zu wording only.</p>\n<ul>\n",
            changes->count, changes->count == 1 ? "" : "s", counts[DIFF_UNGRADABLE],
            counts[DIFF_GRADES], counts[DIFF_WORDING]);
    for (size_t i = 0; i < changes->count; i++) {
        const rubric_diff_change *change = &changes->changes[i];
        fprintf(out, "<li><span class=\"class%s\">%s</span> ",
                change->class_ == DIFF_WORDING ? "" : " breaking", diff_class_names[change->class_]);
        html_text_escaped(out, change->what, strlen(change->what));
        if (change->old_text != NULL) {
            fputs("\n<p>", out);
            diff_write_words(region, out, change->old_text, change->new_text, &marks);
            fputs("</p>", out);
        }
        fputs("</li>\n", out);
    }
    fputs("</ul>\n</body>\n</html>\n", out);
    return ferror(out) ? -1 : 0;
}

/* -------------------------------------------------------------- the command */

/* The exit statuses (diff_exits below says each in words). An edition
 * that cannot be read is not a breaking change: a script that runs
 * `rubricc diff --breaking git:REV` in a release check must tell "the new
 * edition breaks audits" (1) from "there was nothing to compare" (4). */
enum diff_exit { DIFF_CLEAN = 0, DIFF_BREAKING = 1, DIFF_USAGE = 2, DIFF_UNREADABLE = 4 };

/* Why a revision given as git:REV is refused before git is run (NULL: it
 * is not). git reads an argument that starts with '-' as an option
 * ("git:--output=FILE" would make it write FILE); a control character has
 * no place in a revision and would reach the terminal in messages. */
static const char *diff_revision_refused(const char *revision)
{
    if (revision[0] == '\0')
        return "git: needs a revision after it (git:HEAD, git:v2019, git:abc1234)";
    if (revision[0] == '-')
        return "a revision cannot start with '-' (git would read it as an option):";
    for (const unsigned char *byte = (const unsigned char *)revision; *byte != '\0'; byte++)
        if (*byte < 0x20 || *byte == 0x7F)
            return "a revision cannot hold a control character:";
    return NULL;
}

#ifdef __wasi__
/* The WebAssembly build (wasm/) runs no other program, so it cannot ask
 * git for an old edition: OLD must be a file there (its help says so). */
static char *diff_git_show(arena *region, const char *revision, const char *path, size_t *length)
{
    (void)path;
    (void)length;
    fprintf(stderr, "rubricc diff: cannot read git:%s: the WebAssembly build cannot run git; "
                    "give the old edition as a file\n",
            diagnostics_escaped(region, revision));
    return NULL;
}
#else
/* Runs git with arguments (a NULL-terminated list, git's own name first),
 * standard input and error from /dev/null, standard output read into
 * *output (malloc'd, NUL-terminated; NULL when not wanted). Returns git's
 * exit status, 127 when git could not be run (not installed, or not on
 * the PATH), or -1 when the pipe, the process or the memory failed. */
static int diff_run_git(const char *const arguments[], char **output, size_t *length)
{
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0)
        return -1;
    fflush(NULL);
    pid_t child = fork();
    if (child < 0) {
        close(pipe_ends[0]);
        close(pipe_ends[1]);
        return -1;
    }
    if (child == 0) {
        int nothing = open("/dev/null", O_RDWR);
        if (nothing >= 0) {
            dup2(nothing, STDIN_FILENO);
            dup2(nothing, STDERR_FILENO);
        }
        dup2(pipe_ends[1], STDOUT_FILENO);
        close(pipe_ends[0]);
        close(pipe_ends[1]);
        char *copies[8] = {NULL};   /* execvp's list is not const */
        for (size_t i = 0; i + 1 < sizeof copies / sizeof copies[0] && arguments[i] != NULL; i++)
            copies[i] = strdup(arguments[i]);
        execvp("git", copies);
        _exit(127);
    }
    close(pipe_ends[1]);
    size_t capacity = 65536, used = 0;
    char *text = malloc(capacity + 1);
    ssize_t got = 0;
    while (text != NULL && (got = read(pipe_ends[0], text + used, capacity - used)) > 0) {
        used += (size_t)got;
        if (used == capacity) {
            char *bigger = realloc(text, capacity * 2 + 1);
            if (bigger == NULL)
                free(text);
            text = bigger;
            capacity *= 2;
        }
    }
    close(pipe_ends[0]);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR)
        continue;
    if (text == NULL || got < 0 || !WIFEXITED(status)) {
        free(text);
        return -1;
    }
    text[used] = '\0';
    if (output != NULL) {
        *output = text;
        *length = used;
    } else {
        free(text);
    }
    return WEXITSTATUS(status);
}

/* PATH at git revision REVISION (`git show --end-of-options REV:./PATH`,
 * after git is found, the folder is found to be in a repository and the
 * revision to name a commit), read into the arena; NULL after a message
 * that says which of those failed. */
static char *diff_git_show(arena *region, const char *revision, const char *path, size_t *length)
{
    const char *shown_revision = diagnostics_escaped(region, revision);
    const char *shown_path = diagnostics_escaped(region, path);
    const char *const where[] = {"git", "rev-parse", "--git-dir", NULL};
    int status = diff_run_git(where, NULL, NULL);
    if (status == 127) {
        fprintf(stderr, "rubricc diff: cannot read git:%s: git is not installed (or not on the PATH)\n",
                shown_revision);
        return NULL;
    }
    if (status != 0) {
        fprintf(stderr, "rubricc diff: cannot read git:%s: this folder is not in a git repository; "
                        "run rubricc diff inside the repository that holds %s\n",
                shown_revision, shown_path);
        return NULL;
    }
    char *commit = arena_printf(region, "%s^{commit}", revision);
    const char *const verify[] = {"git", "rev-parse", "--verify", "--quiet", "--end-of-options", commit, NULL};
    if (diff_run_git(verify, NULL, NULL) != 0) {
        fprintf(stderr, "rubricc diff: cannot read git:%s: git knows no revision '%s' in this repository\n",
                shown_revision, shown_revision);
        return NULL;
    }
    char *spec = arena_printf(region, "%s:./%s", revision, path);
    const char *const show[] = {"git", "show", "--end-of-options", spec, NULL};
    char *text = NULL;
    if (diff_run_git(show, &text, length) != 0) {
        free(text);
        fprintf(stderr, "rubricc diff: cannot read git:%s: 'git show %s:./%s' failed; is %s in the "
                        "repository at that revision?\n",
                shown_revision, shown_revision, shown_path, shown_path);
        return NULL;
    }
    char *copy = arena_strndup(region, text, *length);
    free(text);
    return copy;
}
#endif

/* One edition compiled; NULL after its diagnostics, with *unreadable set
 * when it could not be read at all (a file that cannot be opened, or git
 * that cannot give it). */
static const ir_rubric *diff_load(arena *region, diagnostics *report, source_set *sources,
                                  const char *argument, const char *new_path, bool *unreadable)
{
    *unreadable = false;
    if (strncmp(argument, "git:", 4) != 0) {
        const ir_rubric *rubric = compile_file(region, sources, report, argument);
        *unreadable = rubric == NULL && access(argument, R_OK) != 0;
        return rubric;
    }
    size_t length = 0;
    char *text = diff_git_show(region, argument + 4, new_path, &length);
    if (text == NULL) {
        *unreadable = true;
        return NULL;
    }
    /* Named as the file itself, so that its includes are found beside it. */
    return compile_text(region, sources, report, new_path, text, length);
}

typedef struct diff_html_job {
    arena *region;
    const rubric_diff_changes *changes;
    const char *old_name, *new_name;
} diff_html_job;

static int diff_write_html_job(const void *context, FILE *out)
{
    const diff_html_job *job = context;
    return rubric_diff_write_html(job->region, out, job->changes, job->old_name, job->new_name);
}

enum diff_option { DIFF_OPTION_BREAKING, DIFF_OPTION_HTML, DIFF_OPTION_FORMAT,
                   DIFF_OPTION_INCLUDE_DIRECTORY, DIFF_OPTION_HELP };

static const command_line_option diff_options[] = {
    {"breaking", 0, NULL,
     "class each change by its effect on graded\n"
     "audits; exit 1 when one cannot be graded any\n"
     "more or may grade differently",
     DIFF_OPTION_BREAKING, COMMAND_LINE_NO_FILE},
    {"html", 0, "FILE", "also write the changes as an HTML page",
     DIFF_OPTION_HTML, COMMAND_LINE_OUTPUT_FILE},
    {"format", 0, "FORMAT", "text (default) or html, to standard output",
     DIFF_OPTION_FORMAT, COMMAND_LINE_NO_FILE},
    {"include-directory", 'I', "DIR", "look for included files in DIR too",
     DIFF_OPTION_INCLUDE_DIRECTORY, COMMAND_LINE_NO_FILE},
    {"help", 'h', NULL, "show this help and exit", DIFF_OPTION_HELP, COMMAND_LINE_NO_FILE},
};

static const command_line_exit diff_exits[] = {
    {DIFF_CLEAN, "compared (with --breaking: no breaking change)"},
    {DIFF_BREAKING, "with --breaking, a change that breaks graded audits;\n"
                    "or an edition that does not compile, or the HTML page\n"
                    "cannot be written"},
    {DIFF_USAGE, "bad usage"},
    {3, "out of memory"},
    {DIFF_UNREADABLE, "an edition cannot be read: a file that cannot be\n"
                      "opened, or for git:REV no git, no repository, or no\n"
                      "such revision or file in it"},
};

/* The WebAssembly build's help says that git:REV is not for it. */
#ifdef __wasi__
#define DIFF_GIT_NOTE "\nIn this WebAssembly build OLD must be a file: it cannot run git."
#else
#define DIFF_GIT_NOTE ""
#endif

static const command_line_command diff_command_line = {
    "rubricc diff",
    "[OPTION]... OLD NEW",
    "What changed between two editions of a rubric (see rubricc(1)).\n"
    "OLD may be git:REV, the file NEW at git revision REV." DIFF_GIT_NOTE,
    diff_options, sizeof diff_options / sizeof diff_options[0],
    NULL, 0,
    diff_exits, sizeof diff_exits / sizeof diff_exits[0],
    COMMAND_LINE_INPUT_FILE, "an edition", false,
};

int rubric_diff_command(int argc, char **argv)
{
    bool breaking_check = false, html_out = false;
    const char *html_file = NULL;
    const char *files[2] = {NULL, NULL};
    int file_count = 0;
    const char **directories = calloc((size_t)argc + 1, sizeof *directories);
    if (directories == NULL)
        return 3;
    include_policy includes = {0};
    includes.directories = directories;
    int status = DIFF_CLEAN;
    command_line_parser line;
    command_line_start(&line, &diff_command_line, argc, argv);
    for (int code; status == DIFF_CLEAN && (code = command_line_next(&line)) != COMMAND_LINE_END;) {
        switch (code) {
        case COMMAND_LINE_OPERAND:
            if (strncmp(line.value, "git:", 4) == 0)
                file_roles_remove(line.value);   /* read from git, not a file */
            if (file_count < 2)
                files[file_count++] = line.value;
            else
                status = command_line_usage_error(&diff_command_line, "give two editions, OLD and NEW; one too many:", line.value);
            break;
        case COMMAND_LINE_ERROR:
            status = command_line_usage_error(&diff_command_line, line.message, NULL);
            break;
        case DIFF_OPTION_BREAKING:
            breaking_check = true;
            break;
        case DIFF_OPTION_HTML:
            if (line.value[0] == '\0')
                status = command_line_usage_error(&diff_command_line, "--html needs a file name", NULL);
            html_file = line.value;
            break;
        case DIFF_OPTION_FORMAT:
            if (strcmp(line.value, "html") != 0 && strcmp(line.value, "text") != 0)
                status = command_line_usage_error(&diff_command_line, "--format is text or html, not", line.value);
            html_out = strcmp(line.value, "html") == 0;
            break;
        case DIFF_OPTION_INCLUDE_DIRECTORY:
            directories[includes.directory_count++] = line.value;
            break;
        case DIFF_OPTION_HELP:
            command_line_print_help(&diff_command_line, stdout);
            free(directories);
            return DIFF_CLEAN;
        }
    }
    if (status == DIFF_CLEAN && file_count < 2)
        status = command_line_usage_error(&diff_command_line, "give two editions, OLD and NEW", NULL);
    if (status == DIFF_CLEAN && strncmp(files[1], "git:", 4) == 0)
        status = command_line_usage_error(&diff_command_line, "NEW must be a file; only OLD may be git:REV", NULL);
    const char *refused = status == DIFF_CLEAN && strncmp(files[0], "git:", 4) == 0
                              ? diff_revision_refused(files[0] + 4) : NULL;
    if (refused != NULL) {
        arena *scratch = arena_new();
        status = command_line_usage_error(&diff_command_line, refused, files[0][4] != '\0' ? diagnostics_escaped(scratch, files[0]) : NULL);
        arena_free(scratch);
    }
    if (status != DIFF_CLEAN) {
        free(directories);
        return status;
    }
    arena *region = arena_new();
    const ir_rubric *editions[2] = {NULL, NULL};
    for (int e = 0; e < 2; e++) {
        source_set *sources = arena_alloc(region, sizeof *sources);
        source_set_init(sources, region);
        sources->includes = &includes;
        diagnostics *report = arena_alloc(region, sizeof *report);
        diagnostics_init(report, sources, stderr);
        bool unreadable = false;
        editions[e] = diff_load(region, report, sources, files[e], files[1], &unreadable);
        if (output_register_includes(sources) != 0) {
            arena_free(region);
            free(directories);
            return 3;
        }
        if (unreadable) {
            status = DIFF_UNREADABLE;
        } else if (editions[e] == NULL || report->error_count > 0) {
            fprintf(stderr, "rubricc diff: %s does not compile, so it cannot be compared\n",
                    diagnostics_escaped(region, files[e]));
            editions[e] = NULL;
            if (status == DIFF_CLEAN)
                status = DIFF_BREAKING;
        }
    }
    if (status == DIFF_CLEAN) {
        rubric_diff_changes changes = rubric_diff_compare(region, editions[0], editions[1]);
        if (html_out)
            rubric_diff_write_html(region, stdout, &changes, files[0], files[1]);
        else
            rubric_diff_write_text(region, stdout, &changes, diagnostics_escaped(region, files[0]),
                                   diagnostics_escaped(region, files[1]), breaking_check);
        if (html_file != NULL) {
            diff_html_job job = {region, &changes, files[0], files[1]};
            source_set no_sources;
            source_set_init(&no_sources, region);
            diagnostics report;
            diagnostics_init(&report, &no_sources, stderr);
            int written = output_write_path_atomically(&report, html_file, diff_write_html_job, &job);
            if (written != 0)
                status = written == OUTPUT_OVERLAP ? DIFF_USAGE : DIFF_BREAKING;
        }
        size_t counts[3];
        if (breaking_check && diff_count(&changes, counts) > 0)
            status = DIFF_BREAKING;
    }
    arena_free(region);
    free(directories);
    return status;
}
