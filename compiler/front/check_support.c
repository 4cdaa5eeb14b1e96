/*
 * check_support.c — the helpers every checking pass uses (see
 * check_internal.h): positions and prose for the IR, did-you-mean hints
 * for a word that is not a known name, the form of an id, single-valued
 * entries and the scale's level list as the messages spell it.
 *
 * They sit below the passes (check_*.c) and the driver (check.c): they
 * call no pass, so the checker's files depend on each other one way.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_internal.h"
#include "lookalike.h"
#include "suggest.h"

/* ------------------------------------------------------ shared helpers */

ir_position check_position(const checker *check, source_span where)
{
    ir_position position = {NULL, 0, 0};
    if (where.file >= 0 && (size_t)where.file < check->sources->count) {
        const source_file *file = &check->sources->files[where.file];
        position.file = file->name;
        source_position(file, where.begin, &position.line, &position.column);
    }
    return position;
}

source_span check_file_start(const checker *check)
{
    source_span span = {check->main_file, 0, 0};
    return span;
}

/* The finished prose of a tree node, with its position filled in. */
const ir_prose *check_prose(const checker *check, ast_prose *prose)
{
    if (prose == NULL)
        return NULL;
    prose->built.where = check_position(check, prose->where);
    return &prose->built;
}

/* A title-like value: the prose as one string, or NULL when absent. */
const char *check_plain(const ast_prose *prose)
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
const char *check_hint(checker *check, const ast_item *item, const name_index *index,
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
    if (search.exact_but_case && strcasecmp(best, item->text) == 0)
        return arena_printf(check->region, "; codes and names are case-sensitive: did you mean '%s'?",
                            best);
    return arena_printf(check->region, "; did you mean '%s'?", best);
}

/* The same, against a fixed list of words only. */
const char *check_hint_words(checker *check, const ast_item *item, const char *const *words)
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

bool check_id(checker *check, const char *what, const ast_item *item)
{
    if (check_is_id(item->text))
        return true;
    /* "criterion referral-quality Referral": an id, then the title
     * without the colon between them. */
    const char *space = strchr(item->text, ' ');
    if (space != NULL && space[1] != '\0') {
        char *first = arena_strndup(check->region, item->text, (size_t)(space - item->text));
        if (check_is_id(first)) {
            source_span at = item->where;
            at.end = at.begin + (unsigned)(space - item->text);
            diagnostic_error(check->report, at,
                             "expected ':' after the %s id '%s'; write '%s %s: %s'", what, first, what,
                             first, space + 1);
            return false;
        }
    }
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
const ast_item *check_single(checker *check, const ast_items *items, const char *entry)
{
    if (items->count != 1) {
        diagnostic_error(check->report, items->items[1].where,
                         "'%s' takes one value; remove the rest", entry);
    }
    return &items->items[0];
}

/* Compare words without case and with any run of spaces as one. */
bool check_words_equal(const char *text, const char *words)
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
const char *check_level_list(checker *check)
{
    const char *list = "";
    for (size_t i = 0; i < check->rubric->level_count; i++) {
        const char *separator = i == 0 ? "" : i + 1 == check->rubric->level_count ? " or " : ", ";
        list = arena_printf(check->region, "%s%s%s", list, separator, check->levels[i].code);
    }
    return list;
}
