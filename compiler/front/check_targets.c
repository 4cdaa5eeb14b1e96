/*
 * check_targets.c — the targets a rubric sets for a round of audits:
 * "target: 80% of audits good or better overall" at the start of a line
 * (the rubric's own, about the overall grade) and "target: 70% good or
 * better" under a section (about the section's grade).
 *
 * A target is a share of audits and a level of the scale; "or better"
 * means at that level or above. The grader does not use targets: the
 * report and the summary compare the share of a round's audits graded at
 * the level or better with them. This pass runs after the sections (it
 * reads whether a section is a checklist) and fills ir_rubric.target and
 * each ir_section.target.
 */
#include "check_internal.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* How a target is written, for the messages. */
#define TARGET_EXAMPLE "'80%% good or better' (a share of audits, a level of the scale, 'or better')"

/* Whether TEXT ends with the words WORDS (any case) after a space; *END
 * is then where they begin, the spaces before them skipped back. */
static bool ends_with_words(const char *text, const char *words, size_t *end)
{
    size_t length = strlen(text), word_length = strlen(words);
    if (length <= word_length || strcasecmp(text + length - word_length, words) != 0 ||
        text[length - word_length - 1] != ' ')
        return false;
    size_t cut = length - word_length;
    while (cut > 0 && text[cut - 1] == ' ')
        cut--;
    *end = cut;
    return true;
}

/* The level named TEXT: its code as declared, or its label in any case. */
static size_t target_level(const checker *check, const char *text)
{
    for (size_t i = 0; i < check->rubric->level_count; i++)
        if (strcmp(check->levels[i].code, text) == 0)
            return i;
    for (size_t i = 0; i < check->rubric->level_count; i++)
        if (check->levels[i].label != NULL && check_words_equal(check->levels[i].label, text))
            return i;
    return SIZE_MAX;
}

/* One target's value, checked: "N% [of audits] LEVEL or better", and
 * "overall" after it where OVERALL_ALLOWED. NULL when reported. */
static const ir_target *check_target(checker *check, const ast_items *items, bool overall_allowed)
{
    const ast_item *item = check_single(check, items, "target:");
    const char *text = item->text;
    const char *p = text;
    unsigned long percent = 0;
    size_t digits = 0;
    while (isdigit((unsigned char)*p) && digits < 6) {
        percent = percent * 10 + (unsigned long)(*p - '0');
        p++;
        digits++;
    }
    while (*p == ' ')
        p++;
    if (digits == 0 || *p != '%') {
        diagnostic_error(check->report, item->where,
                         "'%s' is not a target; write it like " TARGET_EXAMPLE, text);
        return NULL;
    }
    if (percent > 100) {
        diagnostic_error(check->report, item->where,
                         "a target is a share of audits from 0%% to 100%%, not %lu%%; write it like "
                         TARGET_EXAMPLE, percent);
        return NULL;
    }
    p++;
    while (*p == ' ')
        p++;
    if (strncasecmp(p, "of audits ", 10) == 0)
        for (p += 10; *p == ' '; p++)
            ;
    char *rest = arena_printf(check->region, "%s", p);
    size_t end;
    if (ends_with_words(rest, "overall", &end)) {
        if (!overall_allowed) {
            diagnostic_error(check->report, item->where,
                             "a section's target is about the section's grade: remove 'overall' (the "
                             "overall target is the rubric's own, written at the start of a line)");
            return NULL;
        }
        rest[end] = '\0';
    }
    if (!ends_with_words(rest, "or better", &end)) {
        diagnostic_error(check->report, item->where,
                         "a target needs 'or better' after its level, like " TARGET_EXAMPLE
                         "; '%s' does not end with it", text);
        return NULL;
    }
    rest[end] = '\0';
    size_t level = target_level(check, rest);
    if (level == SIZE_MAX) {
        ast_item probe = {item->where, rest};
        const char **labels = arena_array(check->region, check->rubric->level_count + 1, sizeof *labels);
        for (size_t i = 0; i < check->rubric->level_count; i++)
            labels[i] = check->levels[i].label;
        diagnostic_error(check->report, item->where,
                         "'%s' is not a level of the scale; a target names a level's code or label "
                         "(%s)%s", rest, check_level_list(check),
                         check_hint(check, &probe, &check->level_index, labels));
        return NULL;
    }
    ir_target *target = arena_alloc(check->region, sizeof *target);
    target->percent = (unsigned)percent;
    target->level = level;
    target->where = check_position(check, item->where);
    return target;
}

void check_targets(checker *check)
{
    if (check->tree->target != NULL && check->tree->target->count > 0 && check->rubric->level_count > 0)
        check->rubric->target = check_target(check, check->tree->target, true);
    for (size_t i = 0; i < check->rubric->section_count; i++) {
        const ast_items *items = check->section_trees[i] ? check->section_trees[i]->target : NULL;
        if (items == NULL || items->count == 0 || check->rubric->level_count == 0)
            continue;
        if (check->sections[i].answer_set >= 0) {
            diagnostic_error(check->report, items->where,
                             "section %s is a checklist ('answers:'): it has no grade to set a target "
                             "for; remove its 'target:'", check->sections[i].number);
            continue;
        }
        check->sections[i].target = check_target(check, items, false);
    }
}
