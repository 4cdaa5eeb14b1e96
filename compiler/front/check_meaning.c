/*
 * check_meaning.c — rubrics that are valid but probably do not say what
 * their author meant: the slips that would otherwise compile, silently,
 * into different grades.
 *
 *   - a scale written worst first: the level names (or a score scale's
 *     anchor labels, or the bands' names, or the points) run from worst to
 *     best, while the language reads every scale best first;
 *   - weights written as percentages that do not add up to 100 (50, 30,
 *     30): weights are relative, so the shares are not what the numbers
 *     say; the warning gives the shares they do give;
 *   - a criterion whose 'applies to:' shares no case type with its
 *     section's, so that it is never graded.
 *
 * Each is a warning (the rubric still compiles): the words that name a
 * grade ("Outstanding", "Inadequate", "Serious concerns") are a good guess
 * at the author's meaning, not a rule of the language. The pass runs after
 * check_grading (check_internal.h), reading only what earlier passes made.
 */
#include "check_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* How good a grade's name says it is: 4 (outstanding) down to 1
 * (inadequate), or 0 when the name says nothing recognisable. Checked
 * worst words first, since "inadequate" holds "adequate" and "below good"
 * holds "good". */
static int check_name_rank(const char *name)
{
    static const struct {
        const char *words;
        int rank;
    } words[] = {
        {"inadequate", 1},       {"serious concern", 1}, {"unsatisfactory", 1}, {"poor", 1},
        {"not met", 1},          {"requires improvement", 2}, {"require improvement", 2},
        {"needs improvement", 2}, {"some concern", 2},    {"below good", 2},     {"adequate", 2},
        {"outstanding", 4},      {"excellent", 4},       {"good", 3},
    };
    if (name == NULL)
        return 0;
    char lower[128];
    size_t length = 0;
    for (; name[length] != '\0' && length + 1 < sizeof lower; length++)
        lower[length] = (char)tolower((unsigned char)name[length]);
    lower[length] = '\0';
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(lower, words[i].words) != NULL)
            return words[i].rank;
    return 0;
}

/* The first and last level (best-first order) whose names carry a rank. */
static bool check_ranked_ends(const checker *check, size_t *first, size_t *last)
{
    *first = SIZE_MAX;
    *last = SIZE_MAX;
    for (size_t i = 0; i < check->rubric->level_count; i++) {
        if (!check->levels[i].anchor || check_name_rank(check->levels[i].label) == 0)
            continue;
        if (*first == SIZE_MAX)
            *first = i;
        *last = i;
    }
    return *first != SIZE_MAX && *last != *first;
}

/* A scale whose level names run from worst to best. */
static void check_scale_order(checker *check)
{
    size_t first, last;
    if (!check_ranked_ends(check, &first, &last))
        return;
    const ir_level *best = &check->levels[first];
    const ir_level *worst = &check->levels[last];
    if (check_name_rank(best->label) >= check_name_rank(worst->label))
        return;
    source_span where = check->tree->block_where[AST_BLOCK_SCALE];
    if (check->rubric->scores)
        diagnostic_warning(check->report, where,
                           "score %s is labelled '%s' and score %s '%s', but on this scale %s is the best "
                           "score; if lower scores are better, write 'scale: scores %s to %s, %s is best'",
                           best->code, best->label, worst->code, worst->label, best->code,
                           check->levels[check->rubric->level_count - 1].code, check->levels[0].code,
                           check->levels[check->rubric->level_count - 1].code);
    else
        diagnostic_warning(check->report, where,
                           "the scale lists '%s' (%s) before '%s' (%s), but a scale lists its levels best "
                           "first, so as written %s is the best grade; put the best level first, like "
                           "'O: Outstanding', then 'G: Good', …",
                           best->label, best->code, worst->label, worst->code, check->levels[0].code);
}

/* "points:" that rise from the best level to the worst. Points only go
 * to exports, but an export ranks by them: a slip here ranks the worst
 * grade highest elsewhere. */
static void check_points_order(checker *check)
{
    size_t last = check->rubric->level_count - 1;
    const ir_level *best = &check->levels[0], *worst = &check->levels[last];
    if (check->rubric->scores || !best->has_score || !worst->has_score || best->score >= worst->score)
        return;
    for (size_t i = 0; i < last; i++)
        if (check->levels[i].score >= check->levels[i + 1].score)
            return;   /* not a plain reversal: left alone */
    diagnostic_warning(check->report, check->tree->block_where[AST_BLOCK_SCALE],
                       "'points:' gives the best level, %s, the fewest points (%d) and the worst, %s, the "
                       "most (%d), so an export ranks %s highest; the scale lists levels best first: give "
                       "the best level the most points (like 'points: %s %zu, …, %s 1')",
                       best->code, best->score, worst->code, worst->score, worst->code, best->code,
                       check->rubric->level_count, worst->code);
}

/* Bands whose names run from worst to best down the scale. */
static void check_band_order(checker *check)
{
    const ir_band *best = NULL, *worst = NULL;
    for (size_t i = 0; i < check->rubric->band_count; i++) {
        const ir_band *band = &check->bands[i];
        if (check_name_rank(band->label) == 0)
            continue;
        if (best == NULL || band->best_level < best->best_level)
            best = band;
        if (worst == NULL || band->best_level > worst->best_level)
            worst = band;
    }
    if (best == NULL || best == worst || check_name_rank(best->label) >= check_name_rank(worst->label))
        return;
    const ir_level *levels = check->levels;
    diagnostic_warning(check->report, check->tree->block_where[AST_BLOCK_BANDS],
                       "band '%s' holds the best levels (%s to %s) and band '%s' the worst (%s to %s); "
                       "the scale lists its levels best first (%s first), so give the band of the best "
                       "levels the best name",
                       best->label, levels[best->worst_level].code, levels[best->best_level].code,
                       worst->label, levels[worst->worst_level].code, levels[worst->best_level].code,
                       levels[0].code);
}

/* Weights that look like percentages but do not add up to 100. The
 * weighted items are given as weights (hundredths) and the trees' weight
 * entries; where = the first written weight. */
static void check_percentage_weights(checker *check, const char *what, const unsigned *weights,
                                     const char *const *names, size_t count, source_span where)
{
    unsigned long total = 0;
    unsigned largest = 0;
    for (size_t i = 0; i < count; i++) {
        total += weights[i];
        largest = weights[i] > largest ? weights[i] : largest;
    }
    if (count < 2 || largest < 1000 || total == 10000 || total == 0)
        return;
    char buffer[32];
    const char *list = "";
    const char *shares = "";
    for (size_t i = 0; i < count; i++) {
        const char *separator = i == 0 ? "" : i + 1 == count ? " and " : ", ";
        list = arena_printf(check->region, "%s%s%s", list, i == 0 ? "" : " + ",
                            ir_weight_text(weights[i], buffer, sizeof buffer));
        double share = 100.0 * weights[i] / (double)total;
        shares = arena_printf(check->region, "%s%s%s %.1f%%", shares, separator, names[i], share);
    }
    diagnostic_warning(check->report, where,
                       "the weights of the %s add up to %s (%s), not 100: weights are relative, so "
                       "they give %s; if you meant percentages, make them add up to 100",
                       what, ir_weight_text((unsigned)total, buffer, sizeof buffer), list, shares);
}

static void check_weights(checker *check)
{
    size_t count = check->rubric->section_count;
    unsigned *weights = arena_array(check->region, count + 1, sizeof *weights);
    const char **names = arena_array(check->region, count + 1, sizeof *names);
    size_t kept = 0;
    source_span where = {-1, 0, 0};
    for (size_t i = 0; i < count; i++) {
        const ir_section *section = &check->sections[i];
        if (!section->in_overall || section->answer_set >= 0)
            continue;
        const ast_section *tree = check->section_trees[i];
        if (tree != NULL && tree->weight != NULL && where.file < 0)
            where = tree->weight->items[0].where;
        weights[kept] = section->weight_hundredths;
        names[kept] = arena_printf(check->region, "section %s", section->number);
        kept++;
    }
    if (where.file >= 0)
        check_percentage_weights(check, "sections", weights, names, kept, where);
    for (size_t s = 0; s < count; s++) {
        const ir_section *section = &check->sections[s];
        if (section->answer_set >= 0)
            continue;
        unsigned *criterion_weights = arena_array(check->region, section->criterion_count + 1,
                                                  sizeof *criterion_weights);
        const char **criterion_names = arena_array(check->region, section->criterion_count + 1,
                                                   sizeof *criterion_names);
        where.file = -1;
        for (size_t c = 0; c < section->criterion_count; c++) {
            size_t index = section->first_criterion + c;
            const ast_criterion *tree = check->criterion_trees[index];
            if (tree != NULL && tree->weight != NULL && where.file < 0)
                where = tree->weight->items[0].where;
            criterion_weights[c] = check->criteria[index].weight_hundredths;
            criterion_names[c] = arena_printf(check->region, "'%s'", check->criteria[index].id);
        }
        if (where.file >= 0)
            check_percentage_weights(check, arena_printf(check->region, "criteria of section %s",
                                                         section->number),
                                     criterion_weights, criterion_names, section->criterion_count,
                                     where);
    }
}

/* A criterion that applies only to case types its section never covers. */
static void check_applies_within_section(checker *check)
{
    for (size_t i = 0; i < check->rubric->criterion_count; i++) {
        const ir_criterion *criterion = &check->criteria[i];
        const ir_section *section = &check->sections[criterion->section];
        const ast_criterion *tree = check->criterion_trees[i];
        if (tree == NULL || tree->applies_to == NULL || criterion->applies_to_count == 0
            || section->applies_to_count == 0)
            continue;
        bool shared = false;
        for (size_t a = 0; a < criterion->applies_to_count && !shared; a++)
            for (size_t b = 0; b < section->applies_to_count && !shared; b++)
                shared = strcmp(criterion->applies_to[a], section->applies_to[b]) == 0;
        if (shared)
            continue;
        const char *section_list = "";
        for (size_t b = 0; b < section->applies_to_count; b++)
            section_list = arena_printf(check->region, "%s%s%s", section_list, b == 0 ? "" : ", ",
                                        section->applies_to[b]);
        diagnostic_warning(check->report, tree->applies_to->items[0].where,
                           "criterion '%s' applies to none of its section's case types (section %s "
                           "applies to %s), so it is never graded; add its case types to the section's "
                           "'applies to:' or move it to a section that covers them",
                           criterion->id, section->number, section_list);
    }
}

void check_meaning(checker *check)
{
    if (check->rubric->level_count < 2)
        return;
    check_scale_order(check);
    check_points_order(check);
    check_band_order(check);
    check_weights(check);
    check_applies_within_section(check);
}
