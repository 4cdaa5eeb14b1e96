/*
 * check.c — checking a rubric and building its IR (see check.h).
 *
 * The work is done in the order an author would fix things: the header,
 * the scale (everything else refers to its codes), the glossary and themes
 * (tags refer to them), the sections and their criteria (ids first, then
 * "same as" reuse, then each criterion's effective descriptors), the
 * grading rules (they refer to sections and criteria), and last the
 * glossary usage warnings, which read all the prose.
 *
 * Each check function opens with the rule it enforces. Problems are
 * reported and checking goes on, so that one run shows them all; the IR is
 * returned only when no error was reported.
 */
#include "check.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontend.h"
#include "keywords.h"
#include "lookalike.h"
#include "suggest.h"
#include "swallow.h"

/* ------------------------------------------------------------ name index */

/* A small open-addressing map from names to indexes, so that looking up a
 * criterion by id stays constant-time in a rubric of ten thousand. */
typedef struct name_index {
    const char **names;
    size_t *values;
    size_t capacity;             /* a power of two */
    size_t count;
} name_index;

static uint64_t name_hash(const char *name)
{
    uint64_t hash = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
        hash ^= *p;
        hash *= 1099511628211ull;
    }
    return hash;
}

static void name_index_init(arena *region, name_index *index, size_t expected)
{
    size_t capacity = 16;
    while (capacity < expected * 2)
        capacity *= 2;
    index->names = arena_array(region, capacity, sizeof *index->names);
    index->values = arena_array(region, capacity, sizeof *index->values);
    index->capacity = capacity;
    index->count = 0;
}

/* The value of name, or SIZE_MAX. */
static size_t name_index_find(const name_index *index, const char *name)
{
    size_t slot = (size_t)name_hash(name) & (index->capacity - 1);
    while (index->names[slot] != NULL) {
        if (strcmp(index->names[slot], name) == 0)
            return index->values[slot];
        slot = (slot + 1) & (index->capacity - 1);
    }
    return SIZE_MAX;
}

/* Adds name; returns the value already there, or SIZE_MAX if it is new.
 * The capacity is sized by the caller for every name it will add. */
static size_t name_index_add(name_index *index, const char *name, size_t value)
{
    size_t slot = (size_t)name_hash(name) & (index->capacity - 1);
    while (index->names[slot] != NULL) {
        if (strcmp(index->names[slot], name) == 0)
            return index->values[slot];
        slot = (slot + 1) & (index->capacity - 1);
    }
    index->names[slot] = name;
    index->values[slot] = value;
    index->count++;
    return SIZE_MAX;
}

/* ---------------------------------------------------------- the checker */

typedef struct checker {
    arena *region;
    const source_set *sources;
    diagnostics *report;
    const ast_rubric *tree;
    int main_file;

    ir_rubric *rubric;
    ir_level *levels;
    ir_glossary_entry *glossary;
    source_span *glossary_spans;     /* where each entry was written */
    bool *glossary_used;
    size_t *compounds;               /* glossary entries with '/' or '&' */
    size_t compound_count;
    ir_theme *themes;
    ir_section *sections;
    ir_criterion *criteria;
    const ast_criterion **criterion_trees;    /* by criterion index */
    const ast_section **section_trees;        /* by section index */

    name_index level_index;
    name_index glossary_index;
    name_index theme_index;
    name_index section_index;
    name_index criterion_index;

    source_span *limit_spans;        /* where each limit of grading.limits was written */

    ir_band *bands;
    name_index band_index;
    ir_answer_set *answer_sets;
    name_index answer_set_index;
    name_index *answer_indexes;      /* per answer set: its codes */
    const char **answer_lists;       /* per answer set: "Y or N", for messages */
    bool case_types_declared;
} checker;

static ir_position check_position(const checker *check, source_span where)
{
    ir_position position = {NULL, 0, 0};
    if (where.file >= 0 && (size_t)where.file < check->sources->count) {
        const source_file *file = &check->sources->files[where.file];
        position.file = file->name;
        source_position(file, where.begin, &position.line, &position.column);
    }
    return position;
}

static source_span check_file_start(const checker *check)
{
    source_span span = {check->main_file, 0, 0};
    return span;
}

/* The finished prose of a tree node, with its position filled in. */
static const ir_prose *check_prose(const checker *check, ast_prose *prose)
{
    if (prose == NULL)
        return NULL;
    prose->built.where = check_position(check, prose->where);
    return &prose->built;
}

/* A title-like value: the prose as one string, or NULL when absent. */
static const char *check_plain(const ast_prose *prose)
{
    if (prose == NULL || prose->built.block_count == 0)
        return NULL;
    return prose->built.text;
}

/* ----------------------------------------------------------------- hints */

/* Advice to end a message about a name that is not known, in this order:
 * a look-alike character in it (named, with its column), else the nearest
 * known name ("; did you mean 'G'?") from the index and the extra list
 * (either may be NULL), else "". */
static const char *check_hint(checker *check, const ast_item *item, const name_index *index,
                              const char *const *extra)
{
    lookalike found;
    if (lookalike_find(item->text, strlen(item->text), &found)) {
        ir_position at = check_position(check, item->where);
        if (item->where.file >= 0 && (size_t)item->where.file < check->sources->count)
            source_position(&check->sources->files[item->where.file],
                            item->where.begin + (unsigned)found.offset, &at.line, &at.column);
        return arena_printf(check->region,
                            "; it contains %s (column %d), which looks like a plain character but is "
                            "not: %s",
                            found.name, at.column, found.fix);
    }
    suggestion search;
    suggest_begin(&search, item->text);
    if (index != NULL)
        for (size_t slot = 0; slot < index->capacity; slot++)
            if (index->names[slot] != NULL)
                suggest_consider(&search, index->names[slot]);
    for (size_t i = 0; extra != NULL && extra[i] != NULL; i++)
        suggest_consider(&search, extra[i]);
    const char *best = suggest_result(&search);
    if (best == NULL)
        return "";
    return arena_printf(check->region, "; did you mean '%s'?", best);
}

/* The same, against a fixed list of words only. */
static const char *check_hint_words(checker *check, const ast_item *item, const char *const *words)
{
    return check_hint(check, item, NULL, words);
}

/* Ids: lower-case letters, digits and hyphens, starting with a letter,
 * with no hyphen at the end or two together. */
static bool check_is_id(const char *text)
{
    if (!islower((unsigned char)text[0]))
        return false;
    for (const char *p = text; *p != '\0'; p++) {
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
            return false;
        if (*p == '-' && (p[1] == '-' || p[1] == '\0'))
            return false;
    }
    return true;
}

/* The id an author probably meant: lower case, with hyphens for spaces
 * and underscores; NULL when that is not an id either. */
static const char *check_id_form(checker *check, const char *text)
{
    char *form = arena_strdup(check->region, text);
    size_t length = 0;
    for (const char *p = text; *p != '\0'; p++) {
        char c = (char)tolower((unsigned char)*p);
        if (c == ' ' || c == '_')
            c = '-';
        if (c == '-' && (length == 0 || form[length - 1] == '-'))
            continue;
        form[length++] = c;
    }
    while (length > 0 && form[length - 1] == '-')
        length--;
    form[length] = '\0';
    return length > 0 && check_is_id(form) ? form : NULL;
}

static bool check_id(checker *check, const char *what, const ast_item *item)
{
    if (check_is_id(item->text))
        return true;
    const char *hint = check_hint(check, item, NULL, NULL);
    const char *form = check_id_form(check, item->text);
    if (*hint == '\0' && form != NULL)
        hint = arena_printf(check->region, "; did you mean '%s'?", form);
    diagnostic_error(check->report, item->where,
                     "'%s' is not a valid %s id: use lower-case letters, digits and single hyphens, "
                     "starting with a letter (like 'referral-quality')%s",
                     item->text, what, hint);
    return false;
}

/* A list entry that must hold exactly one value. */
static const ast_item *check_single(checker *check, const ast_items *items, const char *entry)
{
    if (items->count != 1) {
        diagnostic_error(check->report, items->items[1].where,
                         "'%s' takes one value; remove the rest", entry);
    }
    return &items->items[0];
}

/* Compare words without case and with any run of spaces as one. */
static bool check_words_equal(const char *text, const char *words)
{
    while (*text != '\0' && *words != '\0') {
        if (*text == ' ' && *words == ' ') {
            while (*text == ' ')
                text++;
            words++;
            continue;
        }
        if (tolower((unsigned char)*text) != tolower((unsigned char)*words))
            return false;
        text++;
        words++;
    }
    return *text == '\0' && *words == '\0';
}

/* "O, G, R or I" — for messages that list what is allowed. */
static const char *check_level_list(checker *check)
{
    const char *list = "";
    for (size_t i = 0; i < check->rubric->level_count; i++) {
        const char *separator = i == 0 ? "" : i + 1 == check->rubric->level_count ? " or " : ", ";
        list = arena_printf(check->region, "%s%s%s", list, separator, check->levels[i].code);
    }
    return list;
}

/* ---------------------------------------------------------------- header */

/* The rubric has an id (in the main file), a title, an authority, and a
 * version or an effective date (a real date, YYYY-MM-DD). */
static void check_header(checker *check)
{
    const ast_rubric *tree = check->tree;
    ir_rubric *rubric = check->rubric;
    source_span start = check_file_start(check);
    rubric->where = check_position(check, start);
    if (tree->id == NULL) {
        diagnostic_error(check->report, start,
                         "the rubric has no 'rubric:' line; start the file with its id, like 'rubric: my-authority-case-audit'");
        rubric->id = "unnamed";
    } else {
        const ast_item *id = check_single(check, tree->id, "rubric:");
        if (tree->id_where.file != check->main_file)
            diagnostic_error(check->report, tree->id_where,
                             "'rubric:' belongs in the main file, not in an included file");
        check_id(check, "rubric", id);
        rubric->id = id->text;
        rubric->where = check_position(check, tree->id_where);
    }
    static const struct {
        ast_header_field field;
        const char *name;
        const char *example;
    } required[] = {
        {AST_HEADER_TITLE, "title", "title: Case audit grading guidance"},
        {AST_HEADER_AUTHORITY, "authority", "authority: London Borough of Example"},
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (tree->header[required[i].field].value == NULL)
            diagnostic_error(check->report, tree->id ? tree->id_where : start,
                             "the rubric has no '%s:'; add one, like '%s'", required[i].name,
                             required[i].example);
        else if (ast_prose_is_empty(tree->header[required[i].field].value))
            diagnostic_error(check->report, tree->header[required[i].field].where,
                             "'%s:' is empty; write the %s after the colon", required[i].name,
                             required[i].name);
    }
    rubric->title = check_plain(tree->header[AST_HEADER_TITLE].value);
    rubric->authority = check_plain(tree->header[AST_HEADER_AUTHORITY].value);
    rubric->version = check_plain(tree->header[AST_HEADER_VERSION].value);
    rubric->key_factors = check_prose(check, tree->header[AST_HEADER_KEY_FACTORS].value);
    if (rubric->title == NULL)
        rubric->title = "";
    if (rubric->authority == NULL)
        rubric->authority = "";

    const ast_header_prose *effective = &tree->header[AST_HEADER_EFFECTIVE];
    if (tree->header[AST_HEADER_VERSION].value == NULL && effective->value == NULL)
        diagnostic_error(check->report, tree->id ? tree->id_where : start,
                         "the rubric has neither 'version:' nor 'effective:'; say which edition it is, "
                         "like 'version: 2024' or 'effective: 2024-04-01'");
    if (effective->value != NULL) {
        const char *date = check_plain(effective->value);
        int year, month, day;
        char tail;
        static const int days_in_month[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (date == NULL || strlen(date) != 10
            || sscanf(date, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3
            || date[4] != '-' || date[7] != '-' || month < 1 || month > 12 || day < 1
            || day > days_in_month[month - 1]
            || (month == 2 && day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))) {
            diagnostic_error(check->report, effective->value->where,
                             "'%s' is not a date; write the effective date as year-month-day, like 2024-04-01",
                             date ? date : "");
        } else {
            rubric->effective = date;
        }
    }
}

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

/* The scale has at least two levels, best first; codes are letters and
 * digits, unique, and not "NA" (which audits use for not applicable). A
 * scale of scores has a level per score, and its entries label anchors. */
static void check_scale(checker *check)
{
    const ast_rubric *tree = check->tree;
    size_t count = 0;
    for (const ast_entry *entry = tree->scale.first; entry != NULL; entry = entry->next)
        count++;
    long low = 0, high = 0;
    bool low_is_best = false;
    bool scores = tree->scale_kind != NULL && check_score_scale(check, &low, &high, &low_is_best);
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
        for (const ast_entry *entry = tree->scale.first; entry != NULL; entry = entry->next) {
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
static bool check_band_levels(checker *check, const ast_entry *entry, size_t *best, size_t *worst)
{
    const char *label = entry->label;
    int from, to;
    char tail;
    *best = SIZE_MAX;
    *worst = 0;
    if (check->rubric->scores && sscanf(label, "%d to %d%c", &from, &to, &tail) == 2) {
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
static void check_bands(checker *check)
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
    for (const ast_entry *entry = tree->bands.first; entry != NULL; entry = entry->next) {
        size_t best, worst;
        if (!check_band_levels(check, entry, &best, &worst)) {
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
static void check_answer_sets(checker *check)
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

/* ------------------------------------------------------ glossary, themes */

static bool check_is_abbreviation(const char *text)
{
    bool letter = false;
    for (const char *p = text; *p != '\0'; p++) {
        if (isalpha((unsigned char)*p))
            letter = true;
        else if (!isdigit((unsigned char)*p) && *p != '/' && *p != '&')
            return false;
    }
    return letter;
}

/* Glossary abbreviations are letters, digits, '/' and '&', unique, each
 * with a meaning. */
static void check_glossary(checker *check)
{
    size_t count = 0;
    for (const ast_entry *entry = check->tree->glossary.first; entry != NULL; entry = entry->next)
        count++;
    check->glossary = arena_array(check->region, count + 1, sizeof *check->glossary);
    check->glossary_used = arena_array(check->region, count + 1, sizeof *check->glossary_used);
    check->glossary_spans = arena_array(check->region, count + 1, sizeof *check->glossary_spans);
    name_index_init(check->region, &check->glossary_index, count + 1);
    size_t kept = 0;
    for (const ast_entry *entry = check->tree->glossary.first; entry != NULL; entry = entry->next) {
        if (!check_is_abbreviation(entry->label)) {
            diagnostic_error(check->report, entry->where,
                             "'%s' is not a valid abbreviation: use letters, digits, '/' and '&'",
                             entry->label);
            continue;
        }
        if (ast_prose_is_empty(entry->value)) {
            diagnostic_error(check->report, entry->where,
                             "glossary entry '%s' has no meaning; write what it stands for after the colon",
                             entry->label);
            continue;
        }
        size_t previous = name_index_add(&check->glossary_index, entry->label, kept);
        if (previous != SIZE_MAX) {
            diagnostic_error(check->report, entry->where, "'%s' is in the glossary twice; keep one",
                             entry->label);
            diagnostic_note(check->report, check->glossary_spans[previous], "the first is here");
            continue;
        }
        check->glossary_spans[kept] = entry->where;
        ir_glossary_entry *glossary_entry = &check->glossary[kept++];
        glossary_entry->abbreviation = entry->label;
        glossary_entry->meaning = check_prose(check, entry->value);
        glossary_entry->where = check_position(check, entry->where);
    }
    check->rubric->glossary = check->glossary;
    check->rubric->glossary_count = kept;
}

/* Theme ids are ids, unique, each with a name. */
static void check_themes(checker *check)
{
    size_t count = 0;
    for (const ast_entry *entry = check->tree->themes.first; entry != NULL; entry = entry->next)
        count++;
    check->themes = arena_array(check->region, count + 1, sizeof *check->themes);
    name_index_init(check->region, &check->theme_index, count + 1);
    size_t kept = 0;
    for (const ast_entry *entry = check->tree->themes.first; entry != NULL; entry = entry->next) {
        ast_item id = {entry->where, entry->label};
        if (!check_id(check, "theme", &id))
            continue;
        if (ast_prose_is_empty(entry->value)) {
            diagnostic_error(check->report, entry->where,
                             "theme '%s' has no name; write it after the colon", entry->label);
            continue;
        }
        if (name_index_add(&check->theme_index, entry->label, kept) != SIZE_MAX) {
            diagnostic_error(check->report, entry->where, "theme '%s' is declared twice; keep one",
                             entry->label);
            continue;
        }
        ir_theme *theme = &check->themes[kept++];
        theme->id = entry->label;
        theme->label = entry->value->built.text;
        theme->where = check_position(check, entry->where);
    }
    check->rubric->themes = check->themes;
    check->rubric->theme_count = kept;
}

/* False, with a warning at ITEM, when VALUE is already among the COUNT
 * values of LIST ("'CIN' is listed twice"). */
static bool check_listed_once(checker *check, const ast_item *item, const char *const *list, size_t count,
                              const char *value)
{
    for (size_t k = 0; k < count; k++) {
        if (strcmp(list[k], value) == 0) {
            diagnostic_warning(check->report, item->where, "'%s' is listed twice", item->text);
            return false;
        }
    }
    return true;
}

/* "case types: CIN, CP, LAC, CL": the case types an audit may name, each
 * a glossary abbreviation, each once. */
static void check_case_types(checker *check)
{
    const ast_items *items = check->tree->case_types;
    if (items == NULL)
        return;
    const char **types = arena_array(check->region, items->count + 1, sizeof *types);
    size_t kept = 0;
    for (size_t i = 0; i < items->count; i++) {
        const ast_item *item = &items->items[i];
        size_t entry = name_index_find(&check->glossary_index, item->text);
        if (entry == SIZE_MAX) {
            diagnostic_error(check->report, item->where,
                             "case type '%s' is not in the glossary; add it there with its meaning "
                             "(like 'CL: Care leaver')%s",
                             item->text, check_hint(check, item, &check->glossary_index, NULL));
            continue;
        }
        check->glossary_used[entry] = true;
        if (check_listed_once(check, item, types, kept, check->glossary[entry].abbreviation))
            types[kept++] = check->glossary[entry].abbreviation;
    }
    check->rubric->case_types = types;
    check->rubric->case_type_count = kept;
    check->case_types_declared = true;
}

/* Whether TEXT is one of the declared case types. */
static bool check_is_case_type(const checker *check, const char *text)
{
    for (size_t i = 0; i < check->rubric->case_type_count; i++)
        if (strcmp(check->rubric->case_types[i], text) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------------ tags */

typedef struct check_tags {
    const char **applies_to;
    size_t applies_to_count;
    bool not_applicable_allowed;
    size_t *themes;
    size_t theme_count;
} check_tags;

static const char *const check_where_appropriate[] = {"where appropriate", NULL};

/* "applies to:" names glossary abbreviations (case types) or "where
 * appropriate"; each at most once. */
static void check_applies_to(checker *check, const ast_items *items, check_tags *tags)
{
    tags->applies_to = arena_array(check->region, items->count, sizeof *tags->applies_to);
    tags->applies_to_count = 0;
    tags->not_applicable_allowed = false;
    for (size_t i = 0; i < items->count; i++) {
        const ast_item *item = &items->items[i];
        if (check_words_equal(item->text, "where appropriate")) {
            tags->not_applicable_allowed = true;
            continue;
        }
        size_t entry = name_index_find(&check->glossary_index, item->text);
        if (entry == SIZE_MAX) {
            diagnostic_error(check->report, item->where,
                             "'%s' is not in the glossary; 'applies to:' lists case types from the glossary "
                             "(like CIN, CP, LAC) and 'where appropriate'%s",
                             item->text, check_hint(check, item, &check->glossary_index, check_where_appropriate));
            continue;
        }
        check->glossary_used[entry] = true;
        if (check->case_types_declared && !check_is_case_type(check, check->glossary[entry].abbreviation)) {
            diagnostic_error(check->report, item->where,
                             "'%s' is not one of the rubric's case types ('case types:' at the top); add it "
                             "there, or name a case type here", item->text);
            continue;
        }
        if (check_listed_once(check, item, tags->applies_to, tags->applies_to_count,
                              check->glossary[entry].abbreviation))
            tags->applies_to[tags->applies_to_count++] = check->glossary[entry].abbreviation;
    }
}

/* "themes:" names themes declared under a "themes:" block. */
static void check_theme_tags(checker *check, const ast_items *items, check_tags *tags)
{
    tags->themes = arena_array(check->region, items->count, sizeof *tags->themes);
    tags->theme_count = 0;
    for (size_t i = 0; i < items->count; i++) {
        const ast_item *item = &items->items[i];
        size_t theme = name_index_find(&check->theme_index, item->text);
        if (theme == SIZE_MAX) {
            diagnostic_error(check->report, item->where,
                             "unknown theme '%s'; themes are declared in a 'themes:' block%s%s",
                             item->text,
                             check->rubric->theme_count == 0 ? " (this rubric declares none)" : "",
                             check_hint(check, item, &check->theme_index, NULL));
            continue;
        }
        bool repeated = false;
        for (size_t k = 0; k < tags->theme_count; k++)
            repeated = repeated || tags->themes[k] == theme;
        if (repeated) {
            diagnostic_warning(check->report, item->where, "theme '%s' is listed twice", item->text);
            continue;
        }
        tags->themes[tags->theme_count++] = theme;
    }
}

/* ------------------------------------------------------------ descriptors */

/* Level entries name levels of the scale, once each, with some text.
 * Fills per_level (indexed by level); returns how many entries named no
 * level of the scale (each reported). */
static size_t check_level_entries(checker *check, const ast_entry_list *entries,
                                const ir_prose **per_level, const ast_entry **per_level_entry,
                                const char *owner, int answer_set)
{
    size_t unknown = 0;
    const name_index *slots = answer_set >= 0 ? &check->answer_indexes[answer_set] : &check->level_index;
    for (const ast_entry *entry = entries->first; entry != NULL; entry = entry->next) {
        size_t level = name_index_find(slots, entry->label);
        if (level == SIZE_MAX) {
            unknown++;
            ast_item label = {entry->where, entry->label};
            const char *hint = check_hint(check, &label, slots, NULL);
            const char *entry_name = *hint == '\0' ? keyword_entry_suggest(entry->label) : NULL;
            if (entry_name != NULL)
                hint = arena_printf(check->region, "; did you mean '%s:'?", entry_name);
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
static void check_sections(checker *check)
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

        if (!tree_section->broken && !check_is_section_number(section->number))
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
    size_t unknown_levels;           /* its entries that named no level (reported) */
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
static void check_criteria(checker *check)
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
        bool echo = self->reuse_failed || missing_count <= self->unknown_levels || tree->damaged
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

/* --------------------------------------------------------- grading rules */

static bool check_method(const char *text, rubric_method *method)
{
    static const struct {
        const char *words;
        rubric_method method;
    } methods[] = {
        {"worst", RUBRIC_METHOD_WORST},
        {"best", RUBRIC_METHOD_BEST},
        {"median", RUBRIC_METHOD_MEDIAN},
        {"most frequent", RUBRIC_METHOD_MOST_FREQUENT},
        {"mean", RUBRIC_METHOD_MEAN},
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        if (check_words_equal(text, methods[i].words)) {
            *method = methods[i].method;
            return true;
        }
    }
    return false;
}

static const char *const check_method_help = "use worst, best, median, most frequent or mean";

/* The words of the grading rules' values, for suggestions. */
static const char *const check_method_words[] = {"worst", "best", "median", "most frequent", "mean", NULL};
static const char *const check_overall_words[] = {
    "worst of sections", "best of sections", "median of sections", "most frequent of sections",
    "mean of sections", "worst of criteria", "best of criteria", "median of criteria",
    "most frequent of criteria", "mean of criteria", NULL,
};
static const char *const check_rounding_words[] = {"nearest, half down", "nearest, half up", "down", NULL};
static const char *const check_not_applicable_words[] = {"leave out", NULL};
static const char *const check_tie_words[] = {"lower", "higher", NULL};

/* A section named in a rule: by its id, or by its number when only one
 * section has that number. */
static size_t check_find_section(checker *check, const char *name, source_span where)
{
    size_t found = name_index_find(&check->section_index, name);
    if (found != SIZE_MAX)
        return found;
    size_t matches = 0;
    for (size_t i = 0; i < check->rubric->section_count; i++) {
        if (strcasecmp(check->sections[i].number, name) == 0) {
            found = i;
            matches++;
        }
    }
    if (matches == 1)
        return found;
    if (matches > 1)
        diagnostic_error(check->report, where,
                         "several sections are numbered %s; name the one you mean by its id", name);
    else
    {
        const char **numbers = arena_array(check->region, check->rubric->section_count + 1, sizeof *numbers);
        for (size_t i = 0; i < check->rubric->section_count; i++)
            numbers[i] = check->sections[i].number;
        ast_item written = {where, name};
        diagnostic_error(check->report, where, "there is no section '%s' (give its number or its id)%s", name,
                         check_hint(check, &written, &check->section_index, numbers));
    }
    return SIZE_MAX;
}

/* A rule value that must be one word from a list. */
static const ast_item *check_rule_value(checker *check, const ast_rule *rule, const char *name)
{
    return check_single(check, rule->value, name);
}

/* "criterion ID" or "section N" items of a limit. */
static void check_limit_items(checker *check, const ast_rule *rule, rubric_scope scope,
                              size_t capped_section, ir_limit *limits, size_t *limit_count)
{
    for (size_t i = 0; i < rule->value->count; i++) {
        const ast_item *item = &rule->value->items[i];
        const char *space = strchr(item->text, ' ');
        size_t kind_length = space ? (size_t)(space - item->text) : strlen(item->text);
        const char *name = space ? space + 1 : "";
        while (*name == ' ')
            name++;
        ir_limit limit = {scope, capped_section, RUBRIC_LIMIT_BY_CRITERION, 0,
                          check_position(check, item->where), RUBRIC_LIMIT_NO_BETTER_THAN, SIZE_MAX,
                          RUBRIC_SUBJECT_CRITERION, SIZE_MAX, RUBRIC_TEST_IS, 0};
        if (kind_length == 9 && strncasecmp(item->text, "criterion", 9) == 0 && *name != '\0') {
            size_t criterion = name_index_find(&check->criterion_index, name);
            if (criterion == SIZE_MAX) {
                ast_item written = {item->where, name};
                diagnostic_error(check->report, item->where, "there is no criterion '%s'%s", name,
                                 check_hint(check, &written, &check->criterion_index, NULL));
                continue;
            }
            if (check->sections[check->criteria[criterion].section].answer_set >= 0) {
                diagnostic_error(check->report, item->where,
                                 "criterion '%s' is a checklist item: it is answered, not graded, so it cannot "
                                 "cap a grade; write a conditional limit instead, like 'overall no better than "
                                 "R when: criterion %s is N'", name, name);
                continue;
            }
            limit.kind = RUBRIC_LIMIT_BY_CRITERION;
            limit.index = criterion;
        } else if (kind_length == 7 && strncasecmp(item->text, "section", 7) == 0 && *name != '\0') {
            size_t section = check_find_section(check, name, item->where);
            if (section == SIZE_MAX)
                continue;
            if (scope == RUBRIC_SCOPE_SECTION && section == capped_section) {
                diagnostic_error(check->report, item->where, "a section cannot be limited by itself");
                continue;
            }
            if (check->sections[section].answer_set >= 0) {
                diagnostic_error(check->report, item->where,
                                 "section %s is a checklist: it has no grade to cap another with; write a "
                                 "conditional limit instead, like 'overall no better than R when: any "
                                 "criterion in section %s is N'", check->sections[section].number,
                                 check->sections[section].number);
                continue;
            }
            limit.kind = RUBRIC_LIMIT_BY_SECTION;
            limit.index = section;
        } else {
            diagnostic_error(check->report, item->where,
                             "'%s' is not a limit; write 'criterion ID' or 'section N', separated by commas",
                             item->text);
            continue;
        }
        check->limit_spans[*limit_count] = item->where;
        limits[(*limit_count)++] = limit;
    }
}

/* An answer code of a set, for the examples in messages. */
static const char *check_first_answer(const checker *check, int answer_set)
{
    const ir_answer_set *set = &check->answer_sets[answer_set];
    return set->answer_count > 0 ? set->answers[0].code : "Y";
}

/* The level (or band, or answer) a condition tests: TEST is "CODE", "CODE
 * or worse", "CODE or better" or "in band LABEL"; ANSWER_SET >= 0 when
 * the subject is answered from that set. False when wrong (reported). */
static bool check_condition_test(checker *check, const ast_item *item, const char *test_text,
                                 int answer_set, const char *subject_words, ir_limit *limit)
{
    char *text = arena_strdup(check->region, test_text);
    size_t length = strlen(text);
    while (length > 0 && text[length - 1] == ' ')
        text[--length] = '\0';
    limit->test = RUBRIC_TEST_IS;
    if (strncasecmp(text, "in band ", 8) == 0) {
        const char *label = text + 8;
        while (*label == ' ')
            label++;
        if (answer_set >= 0) {
            diagnostic_error(check->report, item->where,
                             "%s is answered from '%s' (%s), not graded, so it is in no band; test an "
                             "answer, like 'is %s'", subject_words, check->answer_sets[answer_set].id,
                             check->answer_lists[answer_set], check_first_answer(check, answer_set));
            return false;
        }
        size_t band = name_index_find(&check->band_index, label);
        if (band == SIZE_MAX) {
            const char *bands = "";
            for (size_t i = 0; i < check->rubric->band_count; i++)
                bands = arena_printf(check->region, "%s%s'%s'", bands, i == 0 ? "" : ", ", check->bands[i].label);
            ast_item written = {item->where, label};
            diagnostic_error(check->report, item->where, "there is no band '%s'%s%s%s", label,
                             check->rubric->band_count == 0 ? " (the rubric has no 'bands:')" : "; the bands are ",
                             bands, check_hint(check, &written, &check->band_index, NULL));
            return false;
        }
        limit->test = RUBRIC_TEST_IN_BAND;
        limit->value = band;
        return true;
    }
    if (length > 9 && check_words_equal(text + length - 9, " or worse")) {
        text[length - 9] = '\0';
        limit->test = RUBRIC_TEST_OR_WORSE;
    } else if (length > 10 && check_words_equal(text + length - 10, " or better")) {
        text[length - 10] = '\0';
        limit->test = RUBRIC_TEST_OR_BETTER;
    }
    if (answer_set >= 0) {
        size_t answer = name_index_find(&check->answer_indexes[answer_set], text);
        if (answer == SIZE_MAX || limit->test != RUBRIC_TEST_IS) {
            diagnostic_error(check->report, item->where,
                             "%s is answered from '%s', not graded on the scale: test it with 'is' and an "
                             "answer (%s), like 'is %s'", subject_words, check->answer_sets[answer_set].id,
                             check->answer_lists[answer_set], check_first_answer(check, answer_set));
            return false;
        }
        limit->value = answer;
        return true;
    }
    size_t level = name_index_find(&check->level_index, text);
    if (level == SIZE_MAX) {
        ast_item written = {item->where, text};
        diagnostic_error(check->report, item->where,
                         "'%s' is not a level of the scale; the levels are %s (a condition reads "
                         "'criterion ID is I', '… is R or worse' or '… is in band NAME')%s",
                         text, check_level_list(check), check_hint(check, &written, &check->level_index, NULL));
        return false;
    }
    limit->value = level;
    return true;
}

/* The answer set all of SECTION's criteria are answered from (-1:
 * graded), for a condition on "any criterion in section X". */
static int check_section_answers(const checker *check, size_t section)
{
    return check->sections[section].answer_set;
}

/* A conditional limit: "TARGET no better than LEVEL when: SUBJECT is
 * TEST" or "TARGET is LEVEL when: …"; SUBJECT is "criterion ID", "section
 * X", "any criterion", "any criterion in section X" or "any criterion in
 * it" (the capped section). */
static void check_condition(checker *check, const ast_rule *rule, rubric_scope scope, size_t capped,
                            ir_limit *limits, size_t *limit_count)
{
    size_t level = name_index_find(&check->level_index, rule->level.text);
    if (level == SIZE_MAX) {
        diagnostic_error(check->report, rule->level.where,
                         "'%s' is not a level of the scale; the levels are %s%s", rule->level.text,
                         check_level_list(check), check_hint(check, &rule->level, &check->level_index, NULL));
        return;
    }
    if (rule->sets_level && level + 1 != check->rubric->level_count)
        diagnostic_warning(check->report, rule->level.where,
                           "'is %s' sets the grade to %s whatever it was, so it can raise a worse grade; "
                           "to cap the grade write 'no better than %s when:'", rule->level.text,
                           rule->level.text, rule->level.text);
    const ast_item *item = check_single(check, rule->value, "when:");
    const char *text = item->text;
    const char *is = NULL;
    for (const char *p = text; (p = strstr(p, " is ")) != NULL; p++) {
        is = p;
        break;
    }
    if (is == NULL) {
        diagnostic_error(check->report, item->where,
                         "'%s' is not a condition; write what is tested and its grade, like 'criterion "
                         "child-safe is I', 'any criterion in section B is R or worse' or 'section A is "
                         "in band Inadequate'", text);
        return;
    }
    char *subject = arena_strndup(check->region, text, (size_t)(is - text));
    const char *test = is + 4;
    while (*test == ' ')
        test++;
    ir_limit limit = {scope, capped, RUBRIC_LIMIT_BY_CONDITION, 0, check_position(check, item->where),
                      rule->sets_level ? RUBRIC_LIMIT_IS : RUBRIC_LIMIT_NO_BETTER_THAN, level,
                      RUBRIC_SUBJECT_CRITERION, SIZE_MAX, RUBRIC_TEST_IS, 0};
    int answer_set = -1;
    const char *subject_words = subject;
    if (strncasecmp(subject, "any criterion in ", 17) == 0) {
        const char *name = subject + 17;
        while (*name == ' ')
            name++;
        size_t section;
        if (check_words_equal(name, "it")) {
            if (scope != RUBRIC_SCOPE_SECTION) {
                diagnostic_error(check->report, item->where,
                                 "'any criterion in it' names the section the limit caps, but this limit caps "
                                 "the overall grade; name the section, like 'any criterion in section B'");
                return;
            }
            section = capped;
        } else if (strncasecmp(name, "section ", 8) == 0) {
            const char *label = name + 8;
            while (*label == ' ')
                label++;
            section = check_find_section(check, label, item->where);
            if (section == SIZE_MAX)
                return;
        } else {
            diagnostic_error(check->report, item->where,
                             "'%s' is not a condition's subject; write 'any criterion in section X' or "
                             "'any criterion in it'", subject);
            return;
        }
        limit.subject = RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION;
        limit.subject_index = section;
        answer_set = check_section_answers(check, section);
        subject_words = arena_printf(check->region, "every criterion of section %s", check->sections[section].number);
    } else if (check_words_equal(subject, "any criterion")) {
        limit.subject = RUBRIC_SUBJECT_ANY_CRITERION;
    } else if (strncasecmp(subject, "criterion ", 10) == 0) {
        const char *name = subject + 10;
        while (*name == ' ')
            name++;
        size_t criterion = name_index_find(&check->criterion_index, name);
        if (criterion == SIZE_MAX) {
            ast_item written = {item->where, name};
            diagnostic_error(check->report, item->where, "there is no criterion '%s'%s", name,
                             check_hint(check, &written, &check->criterion_index, NULL));
            return;
        }
        limit.subject = RUBRIC_SUBJECT_CRITERION;
        limit.subject_index = criterion;
        answer_set = check_section_answers(check, check->criteria[criterion].section);
        subject_words = arena_printf(check->region, "criterion '%s'", name);
    } else if (strncasecmp(subject, "section ", 8) == 0) {
        const char *label = subject + 8;
        while (*label == ' ')
            label++;
        size_t section = check_find_section(check, label, item->where);
        if (section == SIZE_MAX)
            return;
        if (check->sections[section].answer_set >= 0) {
            diagnostic_error(check->report, item->where,
                             "section %s is a checklist: it has no grade to test; test its answers, like "
                             "'any criterion in section %s is %s'", check->sections[section].number,
                             check->sections[section].number,
                             check_first_answer(check, check->sections[section].answer_set));
            return;
        }
        if (scope == RUBRIC_SCOPE_SECTION && section == capped) {
            diagnostic_error(check->report, item->where,
                             "a section cannot be limited by its own grade; test its criteria instead, "
                             "like 'any criterion in it is I'");
            return;
        }
        limit.subject = RUBRIC_SUBJECT_SECTION;
        limit.subject_index = section;
    } else {
        diagnostic_error(check->report, item->where,
                         "'%s' is not a condition's subject; write 'criterion ID', 'section X', 'any "
                         "criterion' or 'any criterion in section X'", subject);
        return;
    }
    if (!check_condition_test(check, item, test, answer_set, subject_words, &limit))
        return;
    check->limit_spans[*limit_count] = item->where;
    limits[(*limit_count)++] = limit;
}

/* The grading rules: each known, given once (per section for the section
 * forms), naming real sections, criteria and levels. */
/* A section that a rule caps must be graded: a checklist has no grade. */
static bool check_graded_section(checker *check, size_t section, source_span where)
{
    if (check->sections[section].answer_set < 0)
        return true;
    diagnostic_error(check->report, where,
                     "section %s is a checklist ('answers:'): it has no grade to limit",
                     check->sections[section].number);
    return false;
}

static void check_grading(checker *check)
{
    ir_grading *grading = &check->rubric->grading;
    const ast_rubric *tree = check->tree;
    grading->section_method = RUBRIC_METHOD_MEDIAN;
    grading->overall_method = RUBRIC_METHOD_MEDIAN;
    grading->overall_basis = RUBRIC_BASIS_SECTIONS;
    grading->ties = RUBRIC_TIES_LOWER;
    grading->not_applicable = RUBRIC_NA_LEAVE_OUT;
    grading->good_or_better = check->rubric->level_count >= 2 ? 1 : 0;
    grading->written = tree->block_seen[AST_BLOCK_GRADING];
    if (grading->written)
        grading->where = check_position(check, tree->block_where[AST_BLOCK_GRADING]);

    size_t limit_capacity = 0;
    for (const ast_rule *rule = tree->first_rule; rule != NULL; rule = rule->next)
        if (rule->kind == AST_RULE_OVERALL_LIMIT || rule->kind == AST_RULE_SECTION_LIMIT
            || rule->kind == AST_RULE_OVERALL_CONDITION || rule->kind == AST_RULE_SECTION_CONDITION)
            limit_capacity += rule->value->count;
    ir_limit *limits = arena_array(check->region, limit_capacity + 1, sizeof *limits);
    check->limit_spans = arena_array(check->region, limit_capacity + 1, sizeof *check->limit_spans);
    size_t limit_count = 0;

    const ast_rule *seen[AST_RULE_KIND_COUNT] = {0};
    bool *section_method_set = arena_array(check->region, check->rubric->section_count + 1, sizeof(bool));
    const ast_rule **section_method_rule = arena_array(check->region, check->rubric->section_count + 1,
                                                       sizeof *section_method_rule);
    for (const ast_rule *rule = tree->first_rule; rule != NULL; rule = rule->next) {
        bool per_section = rule->kind == AST_RULE_ONE_SECTION_GRADE || rule->kind == AST_RULE_SECTION_LIMIT
                           || rule->kind == AST_RULE_SECTION_CONDITION;
        bool repeatable = rule->kind == AST_RULE_OVERALL_LIMIT || rule->kind == AST_RULE_OVERALL_CONDITION;
        if (!per_section && !repeatable) {
            if (seen[rule->kind] != NULL) {
                diagnostic_error(check->report, rule->where, "this grading rule is given twice; keep one");
                diagnostic_note(check->report, seen[rule->kind]->where, "the first is here");
                continue;
            }
            seen[rule->kind] = rule;
        }
        switch (rule->kind) {
        case AST_RULE_SECTION_GRADE: {
            const ast_item *value = check_rule_value(check, rule, "section grade:");
            if (!check_method(value->text, &grading->section_method))
                diagnostic_error(check->report, value->where, "'%s' is not a grading method; %s%s",
                                 value->text, check_method_help, check_hint_words(check, value, check_method_words));
            break;
        }
        case AST_RULE_ONE_SECTION_GRADE: {
            size_t section = check_find_section(check, rule->parameter.text, rule->parameter.where);
            const ast_item *value = check_rule_value(check, rule, "section N grade:");
            rubric_method method;
            if (!check_method(value->text, &method)) {
                diagnostic_error(check->report, value->where, "'%s' is not a grading method; %s%s",
                                 value->text, check_method_help, check_hint_words(check, value, check_method_words));
                break;
            }
            if (section == SIZE_MAX)
                break;
            if (check->sections[section].answer_set >= 0) {
                diagnostic_error(check->report, rule->where,
                                 "section %s is a checklist ('answers:'): its items are counted, not graded, "
                                 "so it has no grading method; remove this rule",
                                 check->sections[section].number);
                break;
            }
            if (section_method_set[section]) {
                diagnostic_error(check->report, rule->where,
                                 "the grading method of section %s is given twice; keep one",
                                 check->sections[section].number);
                diagnostic_note(check->report, section_method_rule[section]->where, "the first is here");
                break;
            }
            section_method_set[section] = true;
            section_method_rule[section] = rule;
            check->sections[section].method = method;
            break;
        }
        case AST_RULE_OVERALL_GRADE: {
            const ast_item *value = check_rule_value(check, rule, "overall grade:");
            char *text = arena_strdup(check->region, value->text);
            size_t length = strlen(text);
            if (length > 12 && check_words_equal(text + length - 12, " of sections")) {
                text[length - 12] = '\0';
                grading->overall_basis = RUBRIC_BASIS_SECTIONS;
            } else if (length > 12 && check_words_equal(text + length - 12, " of criteria")) {
                text[length - 12] = '\0';
                grading->overall_basis = RUBRIC_BASIS_CRITERIA;
            }
            if (!check_method(text, &grading->overall_method))
                diagnostic_error(check->report, value->where,
                                 "'%s' is not an overall grading rule; write a method (worst, best, median, "
                                 "most frequent or mean) and 'of sections' or 'of criteria', like 'median of sections'%s",
                                 value->text, check_hint_words(check, value, check_overall_words));
            break;
        }
        case AST_RULE_OVERALL_LIMIT:
            check_limit_items(check, rule, RUBRIC_SCOPE_OVERALL, 0, limits, &limit_count);
            break;
        case AST_RULE_SECTION_LIMIT: {
            size_t section = check_find_section(check, rule->parameter.text, rule->parameter.where);
            if (section != SIZE_MAX && check_graded_section(check, section, rule->parameter.where))
                check_limit_items(check, rule, RUBRIC_SCOPE_SECTION, section, limits, &limit_count);
            break;
        }
        case AST_RULE_OVERALL_CONDITION:
            check_condition(check, rule, RUBRIC_SCOPE_OVERALL, 0, limits, &limit_count);
            break;
        case AST_RULE_SECTION_CONDITION: {
            size_t section = check_find_section(check, rule->parameter.text, rule->parameter.where);
            if (section != SIZE_MAX && check_graded_section(check, section, rule->parameter.where))
                check_condition(check, rule, RUBRIC_SCOPE_SECTION, section, limits, &limit_count);
            break;
        }
        case AST_RULE_ROUNDING: {
            const ast_item *value = &rule->value->items[0];
            const char *text = value->text;
            if (rule->value->count == 2)
                text = arena_printf(check->region, "%s, %s", value->text, rule->value->items[1].text);
            if (check_words_equal(text, "down"))
                grading->rounding = RUBRIC_ROUND_DOWN;
            else if (check_words_equal(text, "nearest, half down"))
                grading->rounding = RUBRIC_ROUND_NEAREST_HALF_DOWN;
            else if (check_words_equal(text, "nearest, half up"))
                grading->rounding = RUBRIC_ROUND_NEAREST_HALF_UP;
            else
                diagnostic_error(check->report, value->where,
                                 "'%s' is not a rounding rule; write 'nearest, half down' (an exact half "
                                 "goes to the worse level), 'nearest, half up' or 'down' (always to the "
                                 "worse level)%s", text, check_hint_words(check, value, check_rounding_words));
            break;
        }
        case AST_RULE_KIND_COUNT:
            break;
        case AST_RULE_NOT_APPLICABLE: {
            const ast_item *value = check_rule_value(check, rule, "not applicable:");
            if (check_words_equal(value->text, "leave out")) {
                grading->not_applicable = RUBRIC_NA_LEAVE_OUT;
            } else if (strncasecmp(value->text, "count as ", 9) == 0) {
                const char *code = value->text + 9;
                while (*code == ' ')
                    code++;
                size_t level = name_index_find(&check->level_index, code);
                if (level == SIZE_MAX) {
                    ast_item written = {value->where, code};
                    diagnostic_error(check->report, value->where,
                                     "'%s' is not a level of the scale; the levels are %s%s", code,
                                     check_level_list(check), check_hint(check, &written, &check->level_index, NULL));
                } else {
                    grading->not_applicable = RUBRIC_NA_COUNT_AS;
                    grading->not_applicable_level = level;
                }
            } else {
                diagnostic_error(check->report, value->where,
                                 "'%s' is not a rule for not applicable grades; write 'leave out' or 'count as' and a level%s",
                                 value->text, check_hint_words(check, value, check_not_applicable_words));
            }
            break;
        }
        case AST_RULE_TIES: {
            const ast_item *value = check_rule_value(check, rule, "ties:");
            if (check_words_equal(value->text, "lower"))
                grading->ties = RUBRIC_TIES_LOWER;
            else if (check_words_equal(value->text, "higher"))
                grading->ties = RUBRIC_TIES_HIGHER;
            else
                diagnostic_error(check->report, value->where,
                                 "'%s' is not a tie rule; write 'lower' (the worse grade wins) or 'higher'%s",
                                 value->text, check_hint_words(check, value, check_tie_words));
            break;
        }
        case AST_RULE_GOOD_OR_BETTER: {
            const ast_item *value = check_rule_value(check, rule, "good or better:");
            size_t level = name_index_find(&check->level_index, value->text);
            if (level == SIZE_MAX)
                diagnostic_error(check->report, value->where,
                                 "'%s' is not a level of the scale; the levels are %s%s", value->text,
                                 check_level_list(check), check_hint(check, value, &check->level_index, NULL));
            else
                grading->good_or_better = level;
            break;
        }
        }
    }
    for (size_t i = 0; i < check->rubric->section_count; i++)
        if (!section_method_set[i])
            check->sections[i].method = grading->section_method;
    grading->limits = limits;
    grading->limit_count = limit_count;
}

/* ------------------------------------------------------ limit circles */

/* The section whose grade a section limit reads (its "by" section, or the
 * section its condition tests), or SIZE_MAX. */
static size_t check_limit_reads_section(const ir_limit *limit)
{
    if (limit->scope != RUBRIC_SCOPE_SECTION)
        return SIZE_MAX;
    if (limit->kind == RUBRIC_LIMIT_BY_SECTION)
        return limit->index;
    if (limit->kind == RUBRIC_LIMIT_BY_CONDITION && limit->subject == RUBRIC_SUBJECT_SECTION)
        return limit->subject_index;
    return SIZE_MAX;
}

/* A circle of section limits ("section 1 no better than: section 2" and
 * "section 2 no better than: section 1", also through conditions such as
 * "section 2 no better than R when: section 1 is I") is an error: each
 * grade would depend on the other, so the order the limits are applied
 * in would decide the result. The limits between sections form a graph,
 * searched depth first with an explicit stack (the input decides its
 * depth); each circle is reported once, at the limit that closes it. */
static void check_limit_circles(checker *check)
{
    const ir_grading *grading = &check->rubric->grading;
    size_t section_count = check->rubric->section_count;
    /* The section-to-section limits, grouped by capped section. */
    size_t *first_edge = arena_array(check->region, section_count + 2, sizeof *first_edge);
    size_t *edges = arena_array(check->region, grading->limit_count + 1, sizeof *edges);
    for (size_t i = 0; i < grading->limit_count; i++)
        if (check_limit_reads_section(&grading->limits[i]) != SIZE_MAX)
            first_edge[grading->limits[i].section + 1]++;
    for (size_t n = 0; n < section_count; n++)
        first_edge[n + 1] += first_edge[n];
    size_t *fill = arena_array(check->region, section_count + 1, sizeof *fill);
    memcpy(fill, first_edge, section_count * sizeof *fill);
    for (size_t i = 0; i < grading->limit_count; i++)
        if (check_limit_reads_section(&grading->limits[i]) != SIZE_MAX)
            edges[fill[grading->limits[i].section]++] = i;

    enum { UNSEEN, ON_PATH, DONE };
    unsigned char *state = arena_array(check->region, section_count + 1, 1);
    size_t *stack = arena_array(check->region, section_count + 1, sizeof *stack);
    size_t *next = arena_array(check->region, section_count + 1, sizeof *next);
    for (size_t root = 0; root < section_count; root++) {
        if (state[root] != UNSEEN)
            continue;
        size_t depth = 0;
        stack[depth++] = root;
        state[root] = ON_PATH;
        next[root] = first_edge[root];
        while (depth > 0) {
            size_t node = stack[depth - 1];
            if (next[node] == first_edge[node + 1]) {
                state[node] = DONE;
                depth--;
                continue;
            }
            size_t limit = edges[next[node]++];
            size_t target = check_limit_reads_section(&grading->limits[limit]);
            if (state[target] == UNSEEN) {
                state[target] = ON_PATH;
                next[target] = first_edge[target];
                stack[depth++] = target;
            } else if (state[target] == ON_PATH) {
                /* The circle: target … node on the stack, then target. */
                size_t from = depth;
                while (stack[from - 1] != target)
                    from--;
                const char *circle = "";
                for (size_t k = from - 1; k < depth && k < from + 5; k++)
                    circle = arena_printf(check->region, "%ssection %s, which is no better than ", circle,
                                          check->sections[stack[k]].number);
                if (depth - from + 1 > 6)
                    circle = arena_printf(check->region, "%s… ", circle);
                diagnostic_error(check->report, check->limit_spans[limit],
                                 "the section limits go round in a circle: %ssection %s; each grade would "
                                 "depend on the other, so remove one of them",
                                 circle, check->sections[target].number);
            }
        }
    }
}

/* ------------------------------------------------------- glossary usage */

/* One word of a prose line, for the abbreviation checks. */
typedef struct line_word {
    size_t start;
    size_t end;
    bool capitals;               /* two or more characters, no lower case, a capital */
} line_word;

/* Marks every glossary entry found in one line of prose, and warns (once
 * per word in the whole rubric) about words written like an abbreviation
 * that the glossary lacks: capitals and digits, at most six letters (CIN,
 * S47, MARAC). A capitalised heading ("CHILD'S LIVED EXPERIENCE") is not
 * an abbreviation, so a capitalised word next to another is not flagged. */
static void check_line_abbreviations(checker *check, int file, unsigned offset, const char *text,
                                     size_t length, name_index *warned)
{
    enum { MAX_LINE_WORDS = 256, MAX_ABBREVIATION_LETTERS = 6 };
    line_word words[MAX_LINE_WORDS];
    size_t count = 0;
    for (size_t i = 0; i < length && count < MAX_LINE_WORDS;) {
        if (!isalnum((unsigned char)text[i])) {
            i++;
            continue;
        }
        line_word *word = &words[count++];
        word->start = i;
        size_t capitals = 0, digits = 0;
        bool lower = false;
        for (; i < length; i++) {
            unsigned char byte = (unsigned char)text[i];
            if (byte >= 'A' && byte <= 'Z')
                capitals++;
            else if (byte >= '0' && byte <= '9')
                digits++;
            else if (byte >= 'a' && byte <= 'z')
                lower = true;
            else
                break;
        }
        word->end = i;
        /* A run that touches a non-ASCII letter is part of a longer word. */
        bool glued = (word->start > 0 && ((unsigned char)text[word->start - 1] & 0x80))
                     || (i < length && ((unsigned char)text[i] & 0x80));
        word->capitals = !lower && !glued && capitals > 0 && capitals + digits >= 2;
    }
    for (size_t w = 0; w < count; w++) {
        if (!words[w].capitals)
            continue;
        char word[64];
        size_t word_length = words[w].end - words[w].start;
        if (word_length >= sizeof word)
            continue;
        memcpy(word, text + words[w].start, word_length);
        word[word_length] = '\0';
        size_t entry = name_index_find(&check->glossary_index, word);
        if (entry != SIZE_MAX) {
            check->glossary_used[entry] = true;
            continue;
        }
        size_t letters = 0;
        for (size_t k = 0; k < word_length; k++)
            letters += isalpha((unsigned char)word[k]) ? 1 : 0;
        /* Neighbours, passing over one-letter words ("CHILD'S LIVED"). */
        size_t before = w, after = w + 1;
        while (before > 0 && words[before - 1].end - words[before - 1].start == 1)
            before--;
        while (after < count && words[after].end - words[after].start == 1)
            after++;
        bool in_heading = (before > 0 && words[before - 1].capitals) || (after < count && words[after].capitals);
        if (letters > MAX_ABBREVIATION_LETTERS || in_heading)
            continue;
        if (name_index_find(&check->level_index, word) != SIZE_MAX)
            continue;
        if (name_index_find(warned, word) != SIZE_MAX)
            continue;
        if (warned->count * 2 + 2 >= warned->capacity)
            continue;   /* enough said */
        name_index_add(warned, arena_strdup(check->region, word), 0);
        source_span where = {file, offset + (unsigned)words[w].start, offset + (unsigned)words[w].end};
        diagnostic_warning(check->report, where,
                           "'%s' looks like an abbreviation but is not in the glossary; "
                           "add it under 'glossary:' with what it stands for",
                           word);
    }
}

/* Entries with '/' or '&' ("CP/LAC") are found as whole words in text. */
static void check_line_compound_abbreviations(checker *check, const char *text, size_t length)
{
    for (size_t c = 0; c < check->compound_count; c++) {
        size_t entry = check->compounds[c];
        const char *abbreviation = check->glossary[entry].abbreviation;
        if (check->glossary_used[entry])
            continue;
        size_t size = strlen(abbreviation);
        for (size_t i = 0; i + size <= length; i++) {
            if (memcmp(text + i, abbreviation, size) == 0
                && (i == 0 || !isalnum((unsigned char)text[i - 1]))
                && (i + size == length || !isalnum((unsigned char)text[i + size]))) {
                check->glossary_used[entry] = true;
                break;
            }
        }
    }
}

static void check_prose_abbreviations(checker *check, const ast_prose *prose, name_index *warned)
{
    if (prose == NULL)
        return;
    for (size_t i = 0; i < prose->line_count; i++) {
        const ast_prose_line *line = &prose->lines[i];
        check_line_abbreviations(check, prose->where.file, line->offset, line->text, line->length, warned);
        check_line_compound_abbreviations(check, line->text, line->length);
    }
}

static void check_entries_abbreviations(checker *check, const ast_entry_list *entries, name_index *warned)
{
    for (const ast_entry *entry = entries->first; entry != NULL; entry = entry->next)
        check_prose_abbreviations(check, entry->value, warned);
}

/* Every abbreviation used is in the glossary, and every glossary entry is
 * used somewhere (in the text, or as a case type in 'applies to:'). */
static void check_glossary_usage(checker *check)
{
    const ast_rubric *tree = check->tree;
    name_index warned;
    name_index_init(check->region, &warned, 256);
    check->compounds = arena_array(check->region, check->rubric->glossary_count + 1,
                                   sizeof *check->compounds);
    for (size_t i = 0; i < check->rubric->glossary_count; i++)
        if (strpbrk(check->glossary[i].abbreviation, "/&") != NULL)
            check->compounds[check->compound_count++] = i;
    for (int field = 0; field < AST_HEADER_FIELD_COUNT; field++)
        if (field == AST_HEADER_TITLE || field == AST_HEADER_KEY_FACTORS)
            check_prose_abbreviations(check, tree->header[field].value, &warned);
    for (const ast_section *section = tree->first_section; section != NULL; section = section->next) {
        check_prose_abbreviations(check, section->title, &warned);
        check_prose_abbreviations(check, section->scope, &warned);
        check_prose_abbreviations(check, section->out_of_sequence, &warned);
        check_prose_abbreviations(check, section->title_supplied, &warned);
        check_entries_abbreviations(check, &section->every_criterion, &warned);
        for (const ast_criterion *criterion = section->first_criterion; criterion != NULL;
             criterion = criterion->next) {
            check_prose_abbreviations(check, criterion->title, &warned);
            check_entries_abbreviations(check, &criterion->levels, &warned);
        }
    }
    /* After an error, an entry used only in the text or value in error
     * (dropped, or misspelt) would be reported as unused: an echo. */
    bool echoes = tree->incomplete || check->report->error_count > 0;
    for (size_t i = 0; i < check->rubric->glossary_count && !echoes; i++)
        if (!check->glossary_used[i])
            diagnostic_warning(check->report, check->glossary_spans[i],
                               "glossary entry '%s' is not used in the rubric; remove it, or check "
                               "the spelling where it is used",
                               check->glossary[i].abbreviation);
}

/* ----------------------------------------------------- swallowed entries */

static bool check_is_level(const void *data, const char *text, size_t length)
{
    const checker *check = data;
    char code[32];
    if (length >= sizeof code)
        return false;
    memcpy(code, text, length);
    code[length] = '\0';
    return name_index_find(&check->level_index, code) != SIZE_MAX;
}

static void check_entries_swallowed(const swallow_checker *swallow, const ast_entry_list *entries)
{
    for (const ast_entry *entry = entries->first; entry != NULL; entry = entry->next)
        swallow_check(swallow, entry->value);
}

/* No prose value has taken in a line that reads like an entry (swallow.h). */
static void check_swallowed_entries(checker *check)
{
    swallow_checker swallow = {check->report, check->sources, check_is_level, check};
    const ast_rubric *tree = check->tree;
    for (int field = 0; field < AST_HEADER_FIELD_COUNT; field++)
        swallow_check(&swallow, tree->header[field].value);
    check_entries_swallowed(&swallow, &tree->scale);
    check_entries_swallowed(&swallow, &tree->glossary);
    check_entries_swallowed(&swallow, &tree->themes);
    for (const ast_section *section = tree->first_section; section != NULL; section = section->next) {
        swallow_check(&swallow, section->scope);
        swallow_check(&swallow, section->out_of_sequence);
        swallow_check(&swallow, section->title_supplied);
        check_entries_swallowed(&swallow, &section->every_criterion);
        for (const ast_criterion *criterion = section->first_criterion; criterion != NULL;
             criterion = criterion->next)
            check_entries_swallowed(&swallow, &criterion->levels);
    }
}

/* --------------------------------------------------------------- driver */

/* Whether the parse found no entry at all. */
static bool check_tree_is_empty(const ast_rubric *tree)
{
    if (tree->id != NULL || tree->first_rule != NULL || tree->first_section != NULL ||
        tree->case_types != NULL || tree->first_answer_set != NULL || tree->scale_kind != NULL ||
        tree->include_failed)
        return false;
    for (int field = 0; field < AST_HEADER_FIELD_COUNT; field++)
        if (tree->header[field].value != NULL)
            return false;
    for (int block = 0; block < AST_BLOCK_KIND_COUNT; block++)
        if (tree->block_seen[block])
            return false;
    return true;
}

const ir_rubric *check_rubric(arena *region, const source_set *sources, diagnostics *report,
                              const ast_rubric *tree, int main_file)
{
    checker check;
    memset(&check, 0, sizeof check);
    check.region = region;
    check.sources = sources;
    check.report = report;
    check.tree = tree;
    check.main_file = main_file;
    check.rubric = arena_alloc(region, sizeof *check.rubric);

    int errors_before = report->error_count;
    /* A file with no entry at all (empty, or comments only) is one mistake,
     * not one for every entry a rubric needs. */
    if (report->error_count == 0 && check_tree_is_empty(tree)) {
        diagnostic_error(report, check_file_start(&check),
                         "this file holds no rubric entries; a rubric starts with lines like "
                         "'rubric: my-authority-case-audit' and 'title: Case audit grading guidance' "
                         "(docs/language.md shows a whole one)");
        return NULL;
    }
    check_header(&check);
    check_scale(&check);
    check_swallowed_entries(&check);
    check_bands(&check);
    check_glossary(&check);
    check_case_types(&check);
    check_answer_sets(&check);
    check_themes(&check);
    check_sections(&check);
    check_criteria(&check);
    check_grading(&check);
    check_limit_circles(&check);
    check_glossary_usage(&check);

    const char **files = arena_array(region, sources->count + 1, sizeof *files);
    size_t file_count = 0;
    for (size_t i = 0; i < sources->count; i++)
        if (i == (size_t)main_file || sources->files[i].included_from >= 0)
            files[file_count++] = sources->files[i].name;
    check.rubric->files = files;
    check.rubric->file_count = file_count;

    if (report->error_count > errors_before)
        return NULL;
    return check.rubric;
}
