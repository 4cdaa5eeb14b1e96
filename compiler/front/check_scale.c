/*
 * check_scale.c — what a grade can be: the scale (lettered levels, or a
 * scale of scores with its anchors), the bands that group its levels,
 * and the answer sets of checklist sections.
 *
 * The scale is checked first of everything after the header: the levels
 * it fills in (check->levels, check->level_index) are what every later
 * pass names a grade by. The bands and answer sets follow it; the grading
 * rules read them (check_internal.h gives the order of the passes).
 */
#include "check_internal.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ----------------------------------------------------------------- scale */

static bool check_is_level_code(const char *text)
{
    for (const char *p = text; *p != '\0'; p++)
        if (!isalnum((unsigned char)*p))
            return false;
    return *text != '\0';
}

/* A whole number written in TEXT (digits only), or -1. */
static long check_number(const char *text)
{
    if (*text == '\0' || strlen(text) > 6)
        return -1;
    for (const char *p = text; *p != '\0'; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    return strtol(text, NULL, 10);
}

/* "scale: scores LOW to HIGH" (and ", LOW is best"): the levels are the
 * scores, best first; the entries under it label the anchors. False when
 * the words after 'scale:' are wrong (reported). */
static bool check_score_scale(checker *check, long *low, long *high, bool *low_is_best)
{
    const ast_items *kind = check->tree->scale_kind;
    const ast_item *first = &kind->items[0];
    char tail;
    int from, to;
    if (sscanf(first->text, "scores %d to %d%c", &from, &to, &tail) != 2
        && sscanf(first->text, "Scores %d to %d%c", &from, &to, &tail) != 2) {
        diagnostic_error(check->report, first->where,
                         "'%s' is not a kind of scale; write 'scale: scores LOW to HIGH' (like 'scale: "
                         "scores 0 to 10') for a scale of scores, or 'scale:' alone for lettered levels",
                         first->text);
        return false;
    }
    if (from < 0 || to > 100 || from >= to) {
        diagnostic_error(check->report, first->where,
                         "a scale of scores runs from a lower to a higher whole number between 0 and "
                         "100 (like 'scores 0 to 10'); '%s' does not", first->text);
        return false;
    }
    *low = from;
    *high = to;
    *low_is_best = false;
    if (kind->count > 2)
        diagnostic_error(check->report, kind->items[2].where,
                         "'scale: scores' takes the range and at most which end is best; remove '%s'",
                         kind->items[2].text);
    if (kind->count >= 2) {
        const ast_item *best = &kind->items[1];
        int end;
        if (sscanf(best->text, "%d is best%c", &end, &tail) != 1 || (end != from && end != to)) {
            diagnostic_error(check->report, best->where,
                             "'%s' does not say which end of the scale is best; write '%d is best' (or "
                             "leave it out: %d, the higher score, is best by default)",
                             best->text, from, to);
            return false;
        }
        *low_is_best = end == from;
    }
    return true;
}

/* "points: O 4, G 3, R 2, I 1" under a lettered scale: every level gets
 * a whole number of points, for export to other systems. */
static void check_points(checker *check, const ast_entry *entry, size_t level_count)
{
    const char *text = entry->value->built.text;
    bool *given = arena_array(check->region, level_count + 1, sizeof *given);
    const char *cursor = text != NULL ? text : "";
    while (*cursor != '\0') {
        char code[32];
        int points, used = 0;
        while (*cursor == ' ' || *cursor == ',')
            cursor++;
        if (*cursor == '\0')
            break;
        if (sscanf(cursor, "%31[A-Za-z0-9] %d%n", code, &points, &used) != 2 || points < 0 || points > 1000) {
            diagnostic_error(check->report, entry->where,
                             "'points:' lists each level's code and its points (a whole number from 0 to "
                             "1000), separated by commas, like 'points: O 4, G 3, R 2, I 1'");
            return;
        }
        cursor += used;
        size_t level = name_index_find(&check->level_index, code);
        if (level == SIZE_MAX) {
            diagnostic_error(check->report, entry->where,
                             "'points:' names '%s', which is not a level of the scale; the levels are %s",
                             code, check_level_list(check));
            return;
        }
        check->levels[level].score = points;
        check->levels[level].has_score = true;
        given[level] = true;
    }
    for (size_t level = 0; level < level_count; level++) {
        if (!given[level]) {
            diagnostic_error(check->report, entry->where,
                             "'points:' gives no points for level %s; give every level its points",
                             check->levels[level].code);
            return;
        }
    }
}

/* A lettered scale whose every entry is a number with no name ("10:",
 * "9:", … "0:"): a scale of scores written out by hand. Reported once,
 * with the form to write, and read on as that scale; true when so. */
static bool check_scale_of_empty_numbers(checker *check, long *low, long *high)
{
    long highest = -1, lowest = -1;
    size_t count = 0;
    const ast_entry *first = check->tree->scale.first;
    for (const ast_entry *entry = first; entry != NULL; entry = entry->next) {
        long number = check_number(entry->label);
        if (number < 0 || !ast_prose_is_empty(entry->value))
            return false;
        highest = highest < 0 || number > highest ? number : highest;
        lowest = lowest < 0 || number < lowest ? number : lowest;
        count++;
    }
    if (count < 2)
        return false;
    diagnostic_error(check->report, check->tree->block_where[AST_BLOCK_SCALE],
                     "the scale lists scores with no names; a scale of scores is written 'scale: scores "
                     "%ld to %ld', with entries only for the scores that have a label, like '%ld: "
                     "Outstanding' and '%ld: Serious concerns'",
                     lowest, highest, highest, lowest);
    *low = lowest;
    *high = highest;
    return true;
}

/* The scale has at least two levels, best first; codes are letters and
 * digits, unique, and not "NA" (which audits use for not applicable). A
 * scale of scores has a level per score, and its entries label anchors. */
void check_scale(checker *check)
{
    const ast_rubric *tree = check->tree;
    size_t count = 0;
    for (const ast_entry *entry = tree->scale.first; entry != NULL; entry = entry->next)
        count++;
    long low = 0, high = 0;
    bool low_is_best = false;
    bool scores = tree->scale_kind != NULL && check_score_scale(check, &low, &high, &low_is_best);
    bool unnamed_scores = tree->scale_kind == NULL && tree->block_seen[AST_BLOCK_SCALE]
                          && check_scale_of_empty_numbers(check, &low, &high);
    scores = scores || unnamed_scores;
    if (scores)
        count = (size_t)(high - low + 1);
    check->levels = arena_array(check->region, count + 1, sizeof *check->levels);
    name_index_init(check->region, &check->level_index, count + 1);
    if (!tree->block_seen[AST_BLOCK_SCALE]) {
        diagnostic_error(check->report, tree->id ? tree->id_where : check_file_start(check),
                         "the rubric has no 'scale:'; list its grades best first, like 'scale:' then "
                         "'  O: Outstanding', '  G: Good', …");
        return;
    }
    check->rubric->scores = scores;
    if (scores) {
        ir_position scale_where = check_position(check, tree->block_where[AST_BLOCK_SCALE]);
        for (size_t i = 0; i < count; i++) {
            ir_level *level = &check->levels[i];
            level->score = (int)(low_is_best ? low + (long)i : high - (long)i);
            level->has_score = true;
            level->code = arena_printf(check->region, "%d", level->score);
            level->label = level->code;
            level->where = scale_where;
            name_index_add(&check->level_index, level->code, i);
        }
        for (const ast_entry *entry = unnamed_scores ? NULL : tree->scale.first; entry != NULL;
             entry = entry->next) {
            long score = check_number(entry->label);
            size_t index = score >= 0 ? name_index_find(&check->level_index, entry->label) : SIZE_MAX;
            if (index == SIZE_MAX || strcmp(entry->label, check->levels[index].code) != 0) {
                diagnostic_error(check->report, entry->where,
                                 "'%s' is not a score of the scale (%ld to %ld); under a scale of scores "
                                 "each entry labels one score, like '%ld: Serious concerns'",
                                 entry->label, low, high, low);
                continue;
            }
            ir_level *level = &check->levels[index];
            if (level->anchor) {
                diagnostic_error(check->report, entry->where, "score %s is labelled twice in the scale",
                                 entry->label);
                continue;
            }
            if (ast_prose_is_empty(entry->value)) {
                diagnostic_error(check->report, entry->where,
                                 "score %s has no label; write it after the colon, like '%s: Some concerns'",
                                 entry->label, entry->label);
                continue;
            }
            level->anchor = true;
            level->label = entry->value->built.text;
            level->where = check_position(check, entry->where);
        }
        check->rubric->levels = check->levels;
        check->rubric->level_count = count;
        return;
    }
    size_t kept = 0;
    const ast_entry *points = NULL;
    for (const ast_entry *entry = tree->scale.first; entry != NULL; entry = entry->next) {
        if (strcasecmp(entry->label, "points") == 0) {
            if (points != NULL)
                diagnostic_error(check->report, entry->where, "'points:' is given twice; keep one");
            points = entry;
            continue;
        }
        if (!check_is_level_code(entry->label)) {
            diagnostic_error(check->report, entry->where,
                             "'%s' is not a valid level code: use letters and digits only (like 'O' or 'RI')",
                             entry->label);
            continue;
        }
        if (strcasecmp(entry->label, "NA") == 0) {
            diagnostic_error(check->report, entry->where,
                             "'NA' cannot be a level code: audits use it for \"not applicable\"; choose another code");
            continue;
        }
        if (ast_prose_is_empty(entry->value)) {
            diagnostic_error(check->report, entry->where,
                             "level '%s' has no name; write it after the colon, like '%s: Good'",
                             entry->label, entry->label);
            continue;
        }
        size_t previous = name_index_add(&check->level_index, entry->label, kept);
        if (previous != SIZE_MAX) {
            diagnostic_error(check->report, entry->where, "level '%s' is listed twice in the scale",
                             entry->label);
            continue;
        }
        ir_level *level = &check->levels[kept++];
        level->code = entry->label;
        level->label = entry->value->built.text;
        level->where = check_position(check, entry->where);
        level->anchor = true;
    }
    check->rubric->levels = check->levels;
    check->rubric->level_count = kept;
    if (kept < 2)
        diagnostic_error(check->report, tree->block_where[AST_BLOCK_SCALE],
                         "the scale needs at least two levels (it has %zu)", kept);
    else if (points != NULL)
        check_points(check, points, kept);
}

/* ----------------------------------------------------------------- bands */

/* The levels of one band entry: "8 to 10" or "7" on a scale of scores,
 * "O, G" or "O" on a lettered one; a run of neighbouring levels. False
 * when the entry is wrong (reported). */
static bool check_band_levels(checker *check, const ast_entry *entry, size_t *best, size_t *worst,
                              size_t *hyphens)
{
    const char *label = entry->label;
    int from, to;
    char tail;
    *best = SIZE_MAX;
    *worst = 0;
    bool ranged = check->rubric->scores && sscanf(label, "%d to %d%c", &from, &to, &tail) == 2;
    if (check->rubric->scores && !ranged && sscanf(label, "%d-%d%c", &from, &to, &tail) == 2) {
        /* "8-10:", as spreadsheets and older guidance write a range:
         * reported, then read as "8 to 10". */
        if (*hyphens != SIZE_MAX)
            diagnostic_error(check->report, entry->where,
                             "a band of scores is written with 'to': write '%d to %d:' for '%s:' (read on "
                             "as that%s)", from, to, label,
                             *hyphens > 1 ? ", as are the other bands written with a hyphen" : "");
        *hyphens = SIZE_MAX;   /* one mistake, said once */
        ranged = true;
    }
    if (ranged) {
        char low_code[16], high_code[16];
        snprintf(low_code, sizeof low_code, "%d", from < to ? from : to);
        snprintf(high_code, sizeof high_code, "%d", from < to ? to : from);
        size_t a = name_index_find(&check->level_index, low_code);
        size_t b = name_index_find(&check->level_index, high_code);
        if (a == SIZE_MAX || b == SIZE_MAX || from > to) {
            diagnostic_error(check->report, entry->where,
                             "band '%s' is not a range of the scale's scores (%s to %s); write the lower "
                             "score first, like '%s to %s: …'", label,
                             check->levels[check->rubric->level_count - 1].code, check->levels[0].code,
                             check->levels[check->rubric->level_count - 1].code, check->levels[0].code);
            return false;
        }
        *best = a < b ? a : b;
        *worst = a < b ? b : a;
        return true;
    }
    size_t count = 0;
    const char *cursor = label;
    while (*cursor != '\0') {
        while (*cursor == ' ' || *cursor == ',')
            cursor++;
        size_t length = strcspn(cursor, " ,");
        if (length == 0)
            break;
        char *code = arena_strndup(check->region, cursor, length);
        cursor += length;
        size_t level = name_index_find(&check->level_index, code);
        if (level == SIZE_MAX) {
            ast_item written = {entry->where, code};
            diagnostic_error(check->report, entry->where,
                             "'%s' in band '%s' is not a level of the scale; the levels are %s%s", code,
                             label, check_level_list(check), check_hint(check, &written, &check->level_index, NULL));
            return false;
        }
        *best = level < *best ? level : *best;
        *worst = level > *worst ? level : *worst;
        count++;
    }
    if (count != *worst - *best + 1) {
        diagnostic_error(check->report, entry->where,
                         "band '%s' leaves out levels between its own; a band is a run of neighbouring "
                         "levels, like 'O, G: Good or better'", label);
        return false;
    }
    return true;
}

/* "bands:" group the levels for reports: each band a run of neighbouring
 * levels with a name, no level in two bands, every level in one. */
void check_bands(checker *check)
{
    const ast_rubric *tree = check->tree;
    size_t count = 0;
    for (const ast_entry *entry = tree->bands.first; entry != NULL; entry = entry->next)
        count++;
    size_t level_count = check->rubric->level_count;
    check->bands = arena_array(check->region, count + 1, sizeof *check->bands);
    name_index_init(check->region, &check->band_index, count + 1);
    if (!tree->block_seen[AST_BLOCK_BANDS] || level_count < 2)
        return;
    size_t *owner = arena_array(check->region, level_count + 1, sizeof *owner);
    for (size_t level = 0; level < level_count; level++)
        owner[level] = SIZE_MAX;
    size_t kept = 0;
    bool complete = true;
    size_t hyphens = 0;
    for (const ast_entry *entry = tree->bands.first; entry != NULL; entry = entry->next) {
        int from, to;
        char tail;
        hyphens += sscanf(entry->label, "%d-%d%c", &from, &to, &tail) == 2;
    }
    for (const ast_entry *entry = tree->bands.first; entry != NULL; entry = entry->next) {
        size_t best, worst;
        if (!check_band_levels(check, entry, &best, &worst, &hyphens)) {
            complete = false;
            continue;
        }
        if (ast_prose_is_empty(entry->value)) {
            diagnostic_error(check->report, entry->where,
                             "band '%s' has no name; write it after the colon, like '%s: Good'",
                             entry->label, entry->label);
            complete = false;
            continue;
        }
        const char *name = entry->value->built.text;
        if (name_index_add(&check->band_index, name, kept) != SIZE_MAX) {
            diagnostic_error(check->report, entry->where, "two bands are named '%s'; give each its own name",
                             name);
            complete = false;
            continue;
        }
        const char *overlap = NULL;
        for (size_t level = best; level <= worst; level++) {
            if (owner[level] != SIZE_MAX)
                overlap = overlap ? arena_printf(check->region, "%s, %s", overlap, check->levels[level].code)
                                  : check->levels[level].code;
            else
                owner[level] = kept;
        }
        if (overlap != NULL) {
            diagnostic_error(check->report, entry->where,
                             "band '%s' overlaps an earlier band at %s; each level belongs to one band",
                             name, overlap);
            complete = false;
        }
        ir_band *band = &check->bands[kept++];
        band->label = name;
        band->best_level = best;
        band->worst_level = worst;
        band->where = check_position(check, entry->where);
    }
    const char *uncovered = NULL;
    for (size_t level = 0; level < level_count; level++)
        if (owner[level] == SIZE_MAX)
            uncovered = uncovered ? arena_printf(check->region, "%s, %s", uncovered, check->levels[level].code)
                                  : check->levels[level].code;
    if (uncovered != NULL && complete)
        diagnostic_error(check->report, tree->block_where[AST_BLOCK_BANDS],
                         "the bands leave out %s; every level of the scale belongs to one band", uncovered);
    check->rubric->bands = check->bands;
    check->rubric->band_count = kept;
}

/* ----------------------------------------------------------- answer sets */

/* "answers ID: Title": codes like level codes, each with a label, and
 * "met:" naming the codes that count as met. */
void check_answer_sets(checker *check)
{
    size_t count = 0;
    for (const ast_answer_set *set = check->tree->first_answer_set; set != NULL; set = set->next)
        count++;
    check->answer_sets = arena_array(check->region, count + 1, sizeof *check->answer_sets);
    check->answer_indexes = arena_array(check->region, count + 1, sizeof *check->answer_indexes);
    check->answer_lists = arena_array(check->region, count + 1, sizeof *check->answer_lists);
    name_index_init(check->region, &check->answer_set_index, count + 1);
    size_t kept = 0;
    for (const ast_answer_set *tree_set = check->tree->first_answer_set; tree_set != NULL;
         tree_set = tree_set->next) {
        if (!check_id(check, "answer set", &tree_set->id))
            continue;
        if (name_index_add(&check->answer_set_index, tree_set->id.text, kept) != SIZE_MAX) {
            diagnostic_error(check->report, tree_set->id.where,
                             "two answer sets have the id '%s'; give each its own", tree_set->id.text);
            continue;
        }
        size_t entries = 0;
        for (const ast_entry *entry = tree_set->entries.first; entry != NULL; entry = entry->next)
            entries++;
        ir_answer *answers = arena_array(check->region, entries + 1, sizeof *answers);
        name_index *codes = &check->answer_indexes[kept];
        name_index_init(check->region, codes, entries + 1);
        size_t answer_count = 0;
        const ast_entry *met = NULL;
        const char *list = "";
        for (const ast_entry *entry = tree_set->entries.first; entry != NULL; entry = entry->next) {
            if (strcasecmp(entry->label, "met") == 0) {
                met = entry;
                continue;
            }
            if (!check_is_level_code(entry->label) || strcasecmp(entry->label, "NA") == 0) {
                diagnostic_error(check->report, entry->where,
                                 "'%s' is not a valid answer code: use letters and digits only (like 'Y'), "
                                 "and not NA (audits use it for not applicable)", entry->label);
                continue;
            }
            if (ast_prose_is_empty(entry->value)) {
                diagnostic_error(check->report, entry->where,
                                 "answer '%s' has no label; write it after the colon, like '%s: Yes'",
                                 entry->label, entry->label);
                continue;
            }
            if (name_index_add(codes, entry->label, answer_count) != SIZE_MAX) {
                diagnostic_error(check->report, entry->where, "answer '%s' is listed twice in '%s'",
                                 entry->label, tree_set->id.text);
                continue;
            }
            answers[answer_count].code = entry->label;
            answers[answer_count].label = entry->value->built.text;
            answer_count++;
        }
        for (size_t i = 0; i < answer_count; i++)
            list = arena_printf(check->region, "%s%s%s", list,
                                i == 0 ? "" : i + 1 == answer_count ? " or " : ", ", answers[i].code);
        if (answer_count < 2)
            diagnostic_error(check->report, tree_set->where,
                             "answer set '%s' needs at least two answers (like 'Y: Yes' and 'N: No')",
                             tree_set->id.text);
        if (met == NULL) {
            diagnostic_error(check->report, tree_set->where,
                             "answer set '%s' does not say which answers count as met; add a line like "
                             "'met: Y'", tree_set->id.text);
        } else {
            const char *text = met->value->built.text != NULL ? met->value->built.text : "";
            const char *cursor = text;
            size_t met_count = 0;
            while (*cursor != '\0') {
                while (*cursor == ' ' || *cursor == ',')
                    cursor++;
                size_t length = strcspn(cursor, " ,");
                if (length == 0)
                    break;
                char *code = arena_strndup(check->region, cursor, length);
                cursor += length;
                size_t answer = name_index_find(codes, code);
                if (answer == SIZE_MAX) {
                    diagnostic_error(check->report, met->where,
                                     "'met:' names '%s', which is not an answer of '%s'; the answers are %s",
                                     code, tree_set->id.text, list);
                    continue;
                }
                answers[answer].met = true;
                met_count++;
            }
            if (met_count == 0)
                diagnostic_error(check->report, met->where,
                                 "'met:' names no answer; list the codes that count as met, like 'met: Y'");
        }
        ir_answer_set *set = &check->answer_sets[kept];
        check->answer_lists[kept] = list;
        set->id = tree_set->id.text;
        set->title = check_plain(tree_set->title);
        set->answers = answers;
        set->answer_count = answer_count;
        set->where = check_position(check, tree_set->where);
        kept++;
    }
    check->rubric->answer_sets = check->answer_sets;
    check->rubric->answer_set_count = kept;
}
