/*
 * check_sections.c — sections, criteria and descriptors: section numbers
 * and ids, section-wide statements ("every criterion:", weights,
 * "title supplied:"), criterion ids and tags, the descriptors for each
 * level, and "same as" reuse, resolved into each criterion's effective
 * descriptors.
 *
 * check_sections fills in the sections and criteria (and their indexes)
 * that the grading rules name; check_criteria then resolves reuse, in an
 * order of its own so that a chain or a circle of "same as" is found
 * (check_internal.h gives the order of the passes).
 */
#include "check_internal.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keywords.h"

/* ------------------------------------------------------------ descriptors */

/* A word of four or more lower-case letters: not a code, but a word
 * written as if it were a keyword ("guidance:"). */
static bool check_is_plain_word(const char *text)
{
    size_t length = 0;
    for (; text[length] != '\0'; length++)
        if (text[length] < 'a' || text[length] > 'z')
            return false;
    return length >= 4;
}

/* A short code ("X", "Gd"), as a level code is written. */
static bool check_is_code_like(const char *text)
{
    size_t length = strlen(text);
    return length > 0 && length <= 3 && !check_is_plain_word(text);
}

/* The one anchor level these entries leave without a descriptor, when
 * exactly one is left out and some entry names no level: the level an
 * entry with a wrong code ("X:") was probably meant for; else NULL. */
static const char *check_only_missing_level(checker *check, const ast_entry_list *entries)
{
    size_t count = check->rubric->level_count;
    bool *given = arena_array(check->region, count + 1, sizeof *given);
    size_t unknown = 0;
    for (const ast_entry *entry = entries->first; entry != NULL; entry = entry->next) {
        size_t level = name_index_find(&check->level_index, entry->label);
        if (level == SIZE_MAX)
            unknown++;
        else
            given[level] = true;
    }
    const char *missing = NULL;
    for (size_t level = 0; level < count; level++) {
        if (given[level] || !check->levels[level].anchor)
            continue;
        if (missing != NULL)
            return NULL;
        missing = check->levels[level].code;
    }
    return unknown == 1 ? missing : NULL;
}

/* Level entries name levels of the scale, once each, with some text.
 * Fills per_level (indexed by level); returns how many entries named no
 * level of the scale (each reported). */
static size_t check_level_entries(checker *check, const ast_entry_list *entries,
                                const ir_prose **per_level, const ast_entry **per_level_entry,
                                const char *owner, int answer_set)
{
    size_t unknown = 0;
    const name_index *slots = answer_set >= 0 ? &check->answer_indexes[answer_set] : &check->level_index;
    const char *only_missing = answer_set >= 0 ? NULL : check_only_missing_level(check, entries);
    for (const ast_entry *entry = entries->first; entry != NULL; entry = entry->next) {
        size_t level = name_index_find(slots, entry->label);
        if (level == SIZE_MAX) {
            unknown++;
            ast_item label = {entry->where, entry->label};
            const char *hint = check_hint(check, &label, slots, NULL);
            if (*hint == '\0' && only_missing != NULL && check_is_code_like(entry->label))
                hint = arena_printf(check->region,
                                    "; %s is the one level %s has no descriptor for: did you mean '%s'?",
                                    only_missing, owner, only_missing);
            const char *entry_name = *hint == '\0' ? keyword_entry_suggest(entry->label) : NULL;
            if (entry_name != NULL)
                hint = arena_printf(check->region, "; did you mean '%s:'?", entry_name);
            else if (*hint == '\0' && check_is_plain_word(entry->label)) {
                /* "guidance:", "evidence:": a word the author took for a
                 * keyword. Say what may stand here instead. */
                const char *guess = keyword_guess(entry->label);
                diagnostic_error(check->report, entry->where,
                                 "'%s:' is not an entry the language has; under %s come its %s (%s) and "
                                 "'applies to:', 'themes:', 'same as:' or 'weight:'; %s",
                                 entry->label, owner, answer_set >= 0 ? "answers" : "level descriptors",
                                 answer_set >= 0 ? check->answer_lists[answer_set] : check_level_list(check),
                                 guess != NULL ? guess
                                               : "to guide the auditor, write it in the section's 'scope:' "
                                                 "or in the descriptors");
                continue;
            }
            if (answer_set >= 0)
                diagnostic_error(check->report, entry->where,
                                 "'%s' is not an answer of '%s'; the answers are %s%s", entry->label,
                                 check->answer_sets[answer_set].id, check->answer_lists[answer_set], hint);
            else
                diagnostic_error(check->report, entry->where,
                                 "'%s' is not a level of the scale; the levels are %s%s",
                                 entry->label, check_level_list(check), hint);
            continue;
        }
        if (per_level[level] != NULL) {
            diagnostic_error(check->report, entry->where,
                             "%s has two descriptors for level %s; keep one", owner, entry->label);
            diagnostic_note(check->report, per_level_entry[level]->where, "the first is here");
            continue;
        }
        if (ast_prose_is_empty(entry->value)) {
            diagnostic_error(check->report, entry->where,
                             "the descriptor for level %s of %s is empty; write its text after '%s:'",
                             entry->label, owner, entry->label);
            continue;
        }
        per_level[level] = check_prose(check, entry->value);
        per_level_entry[level] = entry;
    }
    return unknown;
}

/* -------------------------------------------------------------- sections */

/* The numeric part of a section number ("7" of "7a"), or -1. */
static long check_section_numeral(const char *number)
{
    if (!isdigit((unsigned char)number[0]))
        return -1;
    return strtol(number, NULL, 10);
}

/* A section label: letters and digits ("7", "4a", "B", "B1"). */
static bool check_is_section_number(const char *number)
{
    for (const char *p = number; *p != '\0'; p++)
        if (!isalnum((unsigned char)*p))
            return false;
    return *number != '\0';
}

/* The longest section label, so that it fits the page's headings and the
 * tables' columns. */
enum { CHECK_SECTION_LABEL_MAX = 8 };

/* Whether a label starting with a letter follows the previous one of the
 * same shape: B after A; B2 after B1; A1 after anything but an A label.
 * 1: follows; 0: out of sequence; -1: the shapes differ (no opinion). */
static int check_letter_label_follows(const char *previous, const char *label)
{
    size_t prefix = 0, previous_prefix = 0;
    while (isalpha((unsigned char)label[prefix]))
        prefix++;
    while (isalpha((unsigned char)previous[previous_prefix]))
        previous_prefix++;
    bool digits = label[prefix] != '\0', previous_digits = previous[previous_prefix] != '\0';
    if (check_section_numeral(label + prefix) < 0 && digits)
        return -1;
    if (!digits && !previous_digits) {
        if (prefix != 1 || previous_prefix != 1)
            return -1;
        return tolower((unsigned char)label[0]) == tolower((unsigned char)previous[0]) + 1;
    }
    if (!digits || !previous_digits || !isdigit((unsigned char)label[prefix]))
        return -1;
    long numeral = strtol(label + prefix, NULL, 10);
    if (prefix != previous_prefix || strncasecmp(label, previous, prefix) != 0)
        return 1;   /* a new letter: any number may start it */
    return numeral - 1 == strtol(previous + previous_prefix, NULL, 10);
}

static size_t check_count_sections(const ast_rubric *tree, size_t *criterion_count)
{
    size_t sections = 0;
    *criterion_count = 0;
    for (const ast_section *section = tree->first_section; section != NULL; section = section->next) {
        sections++;
        for (const ast_criterion *criterion = section->first_criterion; criterion != NULL;
             criterion = criterion->next)
            if (!criterion->broken)
                (*criterion_count)++;
    }
    return sections;
}

/* A section's 'title supplied:' note marks its title as the rubric's, not
 * the authority's: it needs a title to mark, and words saying why. */
static void check_title_supplied(checker *check, const ast_section *tree_section, ir_section *section)
{
    if (tree_section->title_supplied == NULL)
        return;
    if (section->title == NULL) {
        diagnostic_error(check->report, tree_section->title_supplied_where,
                         "section %s has no title, so 'title supplied:' has nothing to mark; write the "
                         "title after the number ('section %s: Title') or remove the 'title supplied:' line",
                         section->number, section->number);
        return;
    }
    if (ast_prose_is_empty(tree_section->title_supplied)) {
        diagnostic_error(check->report, tree_section->title_supplied_where,
                         "'title supplied:' is empty; say after the colon why the title is not the "
                         "authority's, like 'title supplied: The document leaves this table untitled.'");
        return;
    }
    section->title_supplied = check_prose(check, tree_section->title_supplied);
}

/* "weight: 2": a positive decimal with at most two decimal places, at
 * most 1000, kept in hundredths; 100 (weight 1) when not written. */
static unsigned check_weight(checker *check, const ast_items *items, const char *owner)
{
    if (items == NULL)
        return 100;
    const ast_item *item = check_single(check, items, "weight:");
    const char *text = item->text;
    unsigned long whole = 0, hundredths = 0;
    size_t digits = 0, decimals = 0;
    const char *p = text;
    while (isdigit((unsigned char)*p) && digits < 5) {
        whole = whole * 10 + (unsigned long)(*p++ - '0');
        digits++;
    }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p) && decimals < 3) {
            if (decimals < 2)
                hundredths = hundredths * 10 + (unsigned long)(*p - '0');
            decimals++;
            p++;
        }
        if (decimals == 1)
            hundredths *= 10;
    }
    if (digits == 0 || *p != '\0' || (text[digits] == '.' && decimals == 0)) {
        diagnostic_error(check->report, item->where,
                         "'%s' is not a weight; write a positive number with at most two decimal places, "
                         "like 'weight: 2' or 'weight: 1.5'", text);
        return 100;
    }
    if (decimals > 2) {
        diagnostic_error(check->report, item->where,
                         "the weight %s of %s has more than two decimal places; round it, like 'weight: %lu.%02lu'",
                         text, owner, whole, hundredths);
        return 100;
    }
    unsigned long weight = whole * 100 + hundredths;
    if (weight == 0 || weight > 100000) {
        diagnostic_error(check->report, item->where,
                         "the weight of %s is %s; a weight is more than 0 and at most 1000 (leave out "
                         "'weight:' for the usual weight, 1)", owner, text);
        return 100;
    }
    return (unsigned)weight;
}

/* The most descriptor slots any criterion can have: the levels, or the
 * answers of the largest answer set. */
static size_t check_slot_capacity(const checker *check)
{
    size_t slots = check->rubric->level_count;
    for (size_t i = 0; i < check->rubric->answer_set_count; i++)
        if (check->answer_sets[i].answer_count > slots)
            slots = check->answer_sets[i].answer_count;
    return slots;
}

/* A section's "answers:" (a checklist section), "weight:" and "in
 * overall:". */
static void check_section_v2_entries(checker *check, const ast_section *tree_section, ir_section *section)
{
    const char *owner = arena_printf(check->region, "section %s", section->number);
    section->answer_set = -1;
    section->in_overall = true;
    section->weight_hundredths = check_weight(check, tree_section->weight, owner);
    if (tree_section->answers != NULL) {
        const ast_item *item = check_single(check, tree_section->answers, "answers:");
        size_t set = name_index_find(&check->answer_set_index, item->text);
        if (set == SIZE_MAX)
            diagnostic_error(check->report, item->where,
                             "there is no answer set '%s'; declare it before the sections, like "
                             "'answers %s: Compliance checklist' with its answers and 'met:'%s",
                             item->text, item->text,
                             check_hint(check, item, &check->answer_set_index, NULL));
        else {
            section->answer_set = (int)set;
            section->in_overall = false;
        }
    }
    if (tree_section->in_overall != NULL) {
        const ast_item *item = check_single(check, tree_section->in_overall, "in overall:");
        static const char *const answers[] = {"yes", "no", NULL};
        if (check_words_equal(item->text, "no"))
            section->in_overall = false;
        else if (!check_words_equal(item->text, "yes"))
            diagnostic_error(check->report, item->where,
                             "'in overall:' is 'yes' or 'no' (whether the section's grade takes part in the "
                             "overall grade), not '%s'%s", item->text, check_hint_words(check, item, answers));
        else if (section->answer_set >= 0)
            diagnostic_error(check->report, item->where,
                             "section %s is a checklist ('answers:'): it has no grade, so it takes no part in "
                             "the overall grade; remove 'in overall: yes' (a declared limit can link it to "
                             "the overall)", section->number);
    }
}

/* Sections: a number like 7 or 4a, numbered in order unless the author
 * says why not ("out of sequence:"), a unique id, known tags, section-wide
 * descriptors for known levels, and at least one criterion. */
void check_sections(checker *check)
{
    const ast_rubric *tree = check->tree;
    size_t criterion_total;
    size_t section_total = check_count_sections(tree, &criterion_total);
    check->sections = arena_array(check->region, section_total + 1, sizeof *check->sections);
    check->section_trees = arena_array(check->region, section_total + 1, sizeof *check->section_trees);
    check->criteria = arena_array(check->region, criterion_total + 1, sizeof *check->criteria);
    check->criterion_trees = arena_array(check->region, criterion_total + 1,
                                         sizeof *check->criterion_trees);
    name_index_init(check->region, &check->section_index, section_total + 1);
    name_index_init(check->region, &check->criterion_index, criterion_total + 1);
    /* With an include unread, its sections may be the missing ones: saying
     * so would only echo the include's own error. */
    if (section_total == 0 && !tree->include_failed)
        diagnostic_error(check->report, tree->id ? tree->id_where : check_file_start(check),
                         "the rubric has no sections; start one with a line like 'section 1: Referral and response'");

    size_t section_count = 0, criterion_count = 0;
    long previous_numeral = 0;
    const ast_section *previous = NULL;          /* the last numbered section ("7") */
    const ast_section *previous_lettered = NULL; /* the last section labelled with a letter first ("B1") */
    for (const ast_section *tree_section = tree->first_section; tree_section != NULL;
         tree_section = tree_section->next) {
        ir_section *section = &check->sections[section_count];
        check->section_trees[section_count] = tree_section;
        section->where = check_position(check, tree_section->where);
        section->number = tree_section->number.text;
        section->title = check_plain(tree_section->title);
        section->scope = check_prose(check, tree_section->scope);
        section->sequence_note = check_prose(check, tree_section->out_of_sequence);
        section->method = RUBRIC_METHOD_MEDIAN;
        check_title_supplied(check, tree_section, section);

        const char *space = tree_section->broken ? NULL : strchr(section->number, ' ');
        char *first_word = space != NULL ? arena_strndup(check->region, section->number,
                                                         (size_t)(space - section->number))
                                         : NULL;
        if (first_word != NULL && check_is_section_number(first_word)
            && tree_section->title == NULL) {
            /* "section 1 Referral": the number, then the title without the
             * colon between them. */
            source_span at = tree_section->number.where;
            at.end = at.begin + (unsigned)strlen(first_word);
            diagnostic_error(check->report, at,
                             "expected ':' after the section number '%s'; write 'section %s: %s'",
                             first_word, first_word, space + 1);
        } else if (!tree_section->broken && !check_is_section_number(section->number))
            diagnostic_error(check->report, tree_section->number.where,
                             "'%s' is not a section number: write the label as printed, in letters and "
                             "digits, like '3', '4a', 'B' or 'B1'",
                             section->number);
        else if (!tree_section->broken && strlen(section->number) > CHECK_SECTION_LABEL_MAX)
            diagnostic_error(check->report, tree_section->number.where,
                             "section label '%s' is longer than %d characters; write the label as "
                             "printed (like '7' or 'B1') and the rest as the title after the colon",
                             section->number, CHECK_SECTION_LABEL_MAX);

        /* Numbering in order, or a reason why not. */
        long numeral = check_section_numeral(section->number);
        /* (numeral - 1: strtol gives LONG_MAX for a huge number, and
         * previous_numeral + 1 would overflow.) */
        bool in_sequence = numeral < 0 || previous == NULL || numeral - 1 == previous_numeral
                           || tree_section->broken;
        if (numeral < 0 && previous_lettered != NULL && !tree_section->broken)
            in_sequence = check_letter_label_follows(previous_lettered->number.text, section->number) != 0;
        const ast_section *previous_in_shape = numeral < 0 ? previous_lettered : previous;
        if (!in_sequence && tree_section->out_of_sequence == NULL) {
            diagnostic_warning(check->report, tree_section->number.where,
                               "section %s comes after section %s: the number is out of sequence "
                               "(if the numbering is the authority's own, say so with 'out of sequence:')",
                               section->number, previous_in_shape->number.text);
        } else if (in_sequence && previous_in_shape != NULL && tree_section->out_of_sequence != NULL) {
            diagnostic_warning(check->report, tree_section->out_of_sequence->where,
                               "section %s says 'out of sequence:' but its number follows section %s",
                               section->number, previous_in_shape->number.text);
        }
        if (numeral >= 0)
            previous_numeral = numeral;
        else if (!tree_section->broken)
            previous_lettered = tree_section;
        if (numeral >= 0 || tree_section->broken || previous == NULL)
            previous = tree_section;

        /* Its id: given, or made from its number. */
        if (tree_section->id != NULL) {
            const ast_item *id = check_single(check, tree_section->id, "id:");
            check_id(check, "section", id);
            section->id = id->text;
        } else {
            char *made = arena_printf(check->region, "section-%s", section->number);
            for (char *p = made; *p != '\0'; p++)
                *p = (char)tolower((unsigned char)*p);
            section->id = made;
        }
        size_t earlier = tree_section->broken
                             ? SIZE_MAX
                             : name_index_add(&check->section_index, section->id, section_count);
        if (earlier != SIZE_MAX) {
            source_span where = tree_section->id ? tree_section->id->where : tree_section->number.where;
            diagnostic_error(check->report, where,
                             "two sections have the id '%s'; give each its own with an 'id:' line",
                             section->id);
            diagnostic_note(check->report, check->section_trees[earlier]->where,
                            "the other section is here");
        }

        check_tags tags = {0};
        if (tree_section->applies_to != NULL)
            check_applies_to(check, tree_section->applies_to, &tags);
        if (tree_section->themes != NULL)
            check_theme_tags(check, tree_section->themes, &tags);
        section->applies_to = tags.applies_to;
        section->applies_to_count = tags.applies_to_count;
        section->not_applicable_allowed = tags.not_applicable_allowed;
        section->themes = tags.themes;
        section->theme_count = tags.theme_count;

        check_section_v2_entries(check, tree_section, section);
        size_t slots = check_slot_capacity(check);
        const ir_prose **section_wide = arena_array(check->region, slots + 1, sizeof *section_wide);
        const ast_entry **entries = arena_array(check->region, slots + 1, sizeof *entries);
        const char *owner = arena_printf(check->region, "section %s's 'every criterion:'", section->number);
        check_level_entries(check, &tree_section->every_criterion, section_wide, entries, owner,
                            section->answer_set);
        section->section_wide = section_wide;
        if (tree_section->has_every_criterion && tree_section->every_criterion.first == NULL)
            diagnostic_warning(check->report, tree_section->every_criterion_where,
                               "'every criterion:' has no descriptors under it");

        section->first_criterion = criterion_count;
        for (const ast_criterion *tree_criterion = tree_section->first_criterion; tree_criterion != NULL;
             tree_criterion = tree_criterion->next) {
            if (tree_criterion->broken)
                continue;   /* its heading's syntax error is reported */
            check->criterion_trees[criterion_count] = tree_criterion;
            ir_criterion *criterion = &check->criteria[criterion_count];
            criterion->id = tree_criterion->id.text;
            criterion->section = section_count;
            criterion->where = check_position(check, tree_criterion->where);
            if (check_id(check, "criterion", &tree_criterion->id)) {
                size_t other = name_index_add(&check->criterion_index, criterion->id, criterion_count);
                if (other != SIZE_MAX) {
                    diagnostic_error(check->report, tree_criterion->id.where,
                                     "two criteria have the id '%s'; ids must be unique in the rubric",
                                     criterion->id);
                    diagnostic_note(check->report, check->criterion_trees[other]->id.where,
                                    "the other is here");
                }
            }
            criterion_count++;
        }
        section->criterion_count = criterion_count - section->first_criterion;
        if (section->criterion_count == 0 && !tree_section->broken && !tree->include_failed)
            diagnostic_error(check->report, tree_section->where,
                             "section %s has no criteria; add one with a line like 'criterion my-id: Title'",
                             section->number);
        section_count++;
    }
    check->rubric->sections = check->sections;
    check->rubric->section_count = section_count;
    check->rubric->criteria = check->criteria;
    check->rubric->criterion_count = criterion_count;
}

/* -------------------------------------------------------------- criteria */

typedef enum resolve_state { RESOLVE_NOT_STARTED, RESOLVE_IN_PROGRESS, RESOLVE_DONE } resolve_state;

typedef struct criterion_work {
    resolve_state state;
    const ir_prose **own;            /* written here */
    const ast_entry **own_entries;
    const ir_prose **taken;          /* own, else taken through "same as" */
    const char **taken_from;         /* the criterion that wrote taken[level] */
    const char *title;
    check_tags tags;                 /* own or taken case types and themes */
    bool has_applies_to;
    bool has_themes;
    size_t same_as;                  /* criterion index, or SIZE_MAX */
    bool reuse_failed;               /* its 'same as:' was reported: no echoes */
    size_t unknown_levels;           /* its entries that named no level (reported), or
                                        those of the criterion it reuses */
    bool damaged;                    /* a line in error in it or in the one it reuses */
} criterion_work;

/* Own descriptors and tags of one criterion, before reuse is resolved. */
static void check_criterion_own(checker *check, size_t index, criterion_work *work)
{
    const ast_criterion *tree = check->criterion_trees[index];
    size_t slots = check_slot_capacity(check);
    const ir_section *section = &check->sections[check->criteria[index].section];
    work->own = arena_array(check->region, slots + 1, sizeof *work->own);
    work->own_entries = arena_array(check->region, slots + 1, sizeof *work->own_entries);
    const char *owner = arena_printf(check->region, "criterion '%s'", tree->id.text);
    work->unknown_levels = check_level_entries(check, &tree->levels, work->own, work->own_entries, owner,
                                               section->answer_set);
    work->damaged = tree->damaged;
    check->criteria[index].weight_hundredths = check_weight(check, tree->weight, owner);
    work->title = check_plain(tree->title);
    if (tree->title != NULL && work->title == NULL)
        diagnostic_error(check->report, tree->where,
                         "criterion '%s' has an empty title: write it after the colon, or leave out the colon",
                         tree->id.text);
    if (tree->applies_to != NULL) {
        check_applies_to(check, tree->applies_to, &work->tags);
        work->has_applies_to = true;
    }
    if (tree->themes != NULL) {
        check_theme_tags(check, tree->themes, &work->tags);
        work->has_themes = true;
    }
    work->same_as = SIZE_MAX;
    work->reuse_failed = tree->same_as != NULL;
    if (tree->same_as != NULL) {
        const ast_item *target = check_single(check, tree->same_as, "same as:");
        size_t found = name_index_find(&check->criterion_index, target->text);
        if (found == SIZE_MAX)
            diagnostic_error(check->report, target->where,
                             "'same as: %s' names no criterion of this rubric%s", target->text,
                             check_hint(check, target, &check->criterion_index, NULL));
        else if (found == index)
            diagnostic_error(check->report, target->where,
                             "criterion '%s' says it is the same as itself", tree->id.text);
        else if (check->sections[check->criteria[found].section].answer_set != section->answer_set)
            diagnostic_error(check->report, target->where,
                             "criterion '%s' cannot be the same as '%s': one is %s and the other %s; "
                             "'same as' reuses a criterion answered the same way",
                             tree->id.text, target->text,
                             section->answer_set >= 0 ? "a checklist item" : "graded on the scale",
                             section->answer_set >= 0 ? "graded on the scale" : "a checklist item of another set");
        else {
            work->same_as = found;
            work->reuse_failed = false;
        }
    }
}

/* A criterion takes from the one it reuses (already resolved) what it
 * does not write itself: descriptors, title, case types and themes. */
static void check_take_from(checker *check, criterion_work *self, const criterion_work *source)
{
    size_t level_count = check_slot_capacity(check);
    for (size_t level = 0; level < level_count; level++) {
        if (self->taken[level] == NULL) {
            self->taken[level] = source->taken[level];
            self->taken_from[level] = source->taken_from[level];
        }
    }
    if (self->title == NULL)
        self->title = source->title;
    /* A mistake in the criterion reused is reported there, not echoed
     * by every criterion that says 'same as:' it. */
    self->unknown_levels += source->unknown_levels;
    self->damaged = self->damaged || source->damaged;
    if (!self->has_applies_to && source->has_applies_to) {
        self->tags.applies_to = source->tags.applies_to;
        self->tags.applies_to_count = source->tags.applies_to_count;
        self->tags.not_applicable_allowed = source->tags.not_applicable_allowed;
        self->has_applies_to = true;
    }
    if (!self->has_themes && source->has_themes) {
        self->tags.themes = source->tags.themes;
        self->tags.theme_count = source->tags.theme_count;
        self->has_themes = true;
    }
}

/* "same as" reuse: a criterion takes the title, tags (case types and
 * themes) and descriptors of the one it names (which may itself reuse
 * another), except what it writes itself. Reuse must not go round in a
 * circle.
 *
 * The chain is followed with a loop, not recursion: a rubric may chain
 * any number of criteria, and the input must not decide the depth of the
 * C stack. The criteria met on the way are kept in path (room for every
 * criterion), then resolved from the far end back. */
static void check_resolve_reuse(checker *check, size_t start, criterion_work *work, size_t *path)
{
    size_t level_count = check_slot_capacity(check);
    size_t length = 0;
    size_t node = start;
    bool ends_in_own = false;        /* the chain ends at a criterion that reuses none */
    while (work[node].state == RESOLVE_NOT_STARTED) {
        criterion_work *self = &work[node];
        self->state = RESOLVE_IN_PROGRESS;
        self->taken = arena_array(check->region, level_count + 1, sizeof *self->taken);
        self->taken_from = arena_array(check->region, level_count + 1, sizeof *self->taken_from);
        const char *id = check->criterion_trees[node]->id.text;
        for (size_t level = 0; level < level_count; level++) {
            self->taken[level] = self->own[level];
            self->taken_from[level] = self->own[level] ? id : NULL;
        }
        path[length++] = node;
        if (self->same_as == SIZE_MAX) {
            ends_in_own = true;
            break;
        }
        node = self->same_as;
    }
    bool circle = !ends_in_own && work[node].state == RESOLVE_IN_PROGRESS;
    if (circle) {
        const ast_criterion *tree = check->criterion_trees[node];
        diagnostic_error(check->report, tree->same_as->items[0].where,
                         "criterion '%s' is reused in a circle ('same as' leads back to it); "
                         "one of the criteria in the circle must write its own descriptors",
                         tree->id.text);
    }
    while (length > 0) {
        criterion_work *self = &work[path[--length]];
        if (self->same_as != SIZE_MAX) {
            if (circle)
                self->reuse_failed = true;
            else
                check_take_from(check, self, &work[self->same_as]);
        }
        self->state = RESOLVE_DONE;
    }
}

/* Every criterion has an effective descriptor for every level: its own,
 * else taken with "same as", else its section's. Warn when two levels of
 * one criterion read the same. */
void check_criteria(checker *check)
{
    size_t count = check->rubric->criterion_count;
    criterion_work *work = arena_array(check->region, count + 1, sizeof *work);
    for (size_t i = 0; i < count; i++)
        check_criterion_own(check, i, &work[i]);
    size_t *path = arena_array(check->region, count + 1, sizeof *path);
    for (size_t i = 0; i < count; i++)
        check_resolve_reuse(check, i, work, path);

    for (size_t i = 0; i < count; i++) {
        ir_criterion *criterion = &check->criteria[i];
        const ast_criterion *tree = check->criterion_trees[i];
        const ir_section *section = &check->sections[criterion->section];
        criterion_work *self = &work[i];
        criterion->title = self->title;
        criterion->own = self->own;
        criterion->same_as = self->same_as != SIZE_MAX ? check->criteria[self->same_as].id : NULL;
        if (tree->applies_to != NULL && section->not_applicable_allowed
            && !self->tags.not_applicable_allowed)
            diagnostic_warning(check->report, tree->applies_to->where,
                               "criterion '%s' writes its own 'applies to:', which replaces its section's, "
                               "so the section's 'where appropriate' does not reach it and auditors cannot "
                               "mark it not applicable; add 'where appropriate' here if they may",
                               criterion->id);
        if (self->has_applies_to) {
            criterion->applies_to = self->tags.applies_to;
            criterion->applies_to_count = self->tags.applies_to_count;
            criterion->not_applicable_allowed = self->tags.not_applicable_allowed;
        } else {
            criterion->applies_to = section->applies_to;
            criterion->applies_to_count = section->applies_to_count;
            criterion->not_applicable_allowed = section->not_applicable_allowed;
        }
        if (self->has_themes) {
            criterion->themes = self->tags.themes;
            criterion->theme_count = self->tags.theme_count;
        } else {
            criterion->themes = section->themes;
            criterion->theme_count = section->theme_count;
        }

        size_t level_count = ir_descriptor_count(check->rubric, section);
        bool checklist = section->answer_set >= 0;
        ir_descriptor *effective = arena_array(check->region, level_count + 1, sizeof *effective);
        const char *missing = NULL;
        size_t missing_count = 0;
        for (size_t level = 0; level < level_count; level++) {
            if (self->taken != NULL && self->taken[level] != NULL) {
                effective[level].prose = self->taken[level];
                bool own = self->own[level] != NULL;
                effective[level].origin = own ? IR_ORIGIN_OWN : IR_ORIGIN_REUSED;
                effective[level].origin_id = own ? criterion->id : self->taken_from[level];
            } else if (section->section_wide[level] != NULL) {
                effective[level].prose = section->section_wide[level];
                effective[level].origin = IR_ORIGIN_SECTION;
                effective[level].origin_id = section->id;
            } else if (checklist || !check->levels[level].anchor) {
                /* A checklist answer needs no descriptor; nor does a
                 * score between the anchors. */
                effective[level].prose = NULL;
                effective[level].origin = checklist ? IR_ORIGIN_NONE : IR_ORIGIN_BETWEEN;
                effective[level].origin_id = NULL;
            } else {
                const char *name = arena_printf(check->region, "%s (%s)", check->levels[level].code,
                                                check->levels[level].label);
                missing = missing ? arena_printf(check->region, "%s, %s", missing, name) : name;
                missing_count++;
            }
        }
        criterion->effective = effective;
        /* Not an echo: of a failed 'same as:', of a level entry written
         * with a wrong code ("g:" for "G:"), or of a line in error inside
         * the criterion (an entry the parser could not read). */
        bool unknown_answers = check->section_trees[criterion->section]->answers != NULL && !checklist;
        bool echo = self->reuse_failed || missing_count <= self->unknown_levels || self->damaged
                    || unknown_answers;
        if (missing != NULL && !echo) {
            diagnostic_error(check->report, tree->id.where,
                             "criterion '%s' has no descriptor for level %s; write it in the criterion%s",
                             criterion->id, missing,
                             " or in its section's 'every criterion:' block");
            continue;
        }
        if (missing != NULL)
            continue;
        for (size_t level = 1; level < level_count; level++) {
            for (size_t other = 0; other < level; other++) {
                if (effective[level].prose == NULL || effective[other].prose == NULL)
                    continue;
                if (strcmp(effective[level].prose->text, effective[other].prose->text) == 0
                    && (effective[level].origin != IR_ORIGIN_SECTION
                        || effective[other].origin != IR_ORIGIN_SECTION)) {
                    source_span where = self->own_entries[level] ? self->own_entries[level]->where
                                                                 : tree->id.where;
                    diagnostic_warning(check->report, where,
                                       "criterion '%s' has the same text for %s %s and %s",
                                       criterion->id, checklist ? "answers" : "levels",
                                       checklist ? check->answer_sets[section->answer_set].answers[other].code
                                                 : check->levels[other].code,
                                       checklist ? check->answer_sets[section->answer_set].answers[level].code
                                                 : check->levels[level].code);
                    break;
                }
            }
        }
    }
}
