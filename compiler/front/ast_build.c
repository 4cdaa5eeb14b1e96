/*
 * ast_build.c — building the syntax tree (see ast_build.h).
 *
 * The parser calls these constructors from one-line actions. They record
 * what was written and where; the only judgement made here is about
 * entries given twice in one place, reported at the second with a note at
 * the first, because only here are both positions at hand.
 */
#include "ast_build.h"

#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ prose */

ast_prose *ast_prose_new(parse_context *context, source_span where)
{
    ast_prose *prose = arena_alloc(context->region, sizeof *prose);
    prose->where = where;
    return prose;
}

void ast_prose_add_line(parse_context *context, ast_prose *prose, unsigned offset,
                        const char *text, size_t length, bool break_before)
{
    if (prose->line_count == prose->line_capacity) {
        size_t capacity = prose->line_capacity ? prose->line_capacity * 2 : 4;
        prose->lines = arena_grow(context->region, prose->lines, prose->line_count, capacity,
                                  sizeof *prose->lines);
        prose->line_capacity = capacity;
    }
    if (prose->line_count == 0) {
        prose->where.begin = offset;
        break_before = false;
    }
    prose->where.end = offset + (unsigned)length;
    ast_prose_line *line = &prose->lines[prose->line_count++];
    line->offset = offset;
    line->text = text;
    line->length = length;
    line->break_before = break_before;
}

/* A growable string in the arena, for joining lines. */
typedef struct ast_text {
    char *data;
    size_t length;
    size_t capacity;
} ast_text;

static void ast_text_append(arena *region, ast_text *text, const char *more, size_t length)
{
    if (text->length + length + 1 > text->capacity) {
        size_t capacity = text->capacity ? text->capacity : 64;
        while (capacity < text->length + length + 1)
            capacity *= 2;
        text->data = arena_grow(region, text->data, text->capacity, capacity, 1);
        text->capacity = capacity;
    }
    memcpy(text->data + text->length, more, length);
    text->length += length;
    text->data[text->length] = '\0';
}

/* Copy one line's text, turning tabs inside it into spaces. */
static void ast_text_append_line(arena *region, ast_text *text, const char *line, size_t length)
{
    size_t start = text->length;
    ast_text_append(region, text, line, length);
    for (size_t i = start; i < text->length; i++)
        if (text->data[i] == '\t')
            text->data[i] = ' ';
}

typedef struct ast_block_builder {
    ir_block block;
    ast_text paragraph;          /* the paragraph, or the list's last item */
    const char **items;
    size_t item_capacity;
} ast_block_builder;

void ast_prose_finish(parse_context *context, ast_prose *prose)
{
    arena *region = context->region;
    ast_block_builder *blocks = arena_array(region, prose->line_count + 1, sizeof *blocks);
    size_t count = 0;
    ast_block_builder *current = NULL;
    for (size_t i = 0; i < prose->line_count; i++) {
        const ast_prose_line *line = &prose->lines[i];
        size_t marker = ast_bullet_marker(line->text, line->length);
        if (marker > 0) {
            if (current == NULL || current->block.kind != IR_BLOCK_LIST) {
                current = &blocks[count++];
                current->block.kind = IR_BLOCK_LIST;
            } else {
                /* Close the previous item. */
                current->items[current->block.item_count - 1] = current->paragraph.data;
            }
            if (current->block.item_count == current->item_capacity) {
                size_t capacity = current->item_capacity ? current->item_capacity * 2 : 4;
                current->items = arena_grow(region, current->items, current->block.item_count,
                                            capacity, sizeof *current->items);
                current->item_capacity = capacity;
            }
            current->block.item_count++;
            memset(&current->paragraph, 0, sizeof current->paragraph);
            ast_text_append_line(region, &current->paragraph, line->text + marker,
                                 line->length - marker);
            continue;
        }
        bool continues = current != NULL && !line->break_before;
        if (continues) {
            ast_text_append(region, &current->paragraph, " ", 1);
            ast_text_append_line(region, &current->paragraph, line->text, line->length);
            continue;
        }
        if (current != NULL && current->block.kind == IR_BLOCK_LIST)
            current->items[current->block.item_count - 1] = current->paragraph.data;
        current = &blocks[count++];
        current->block.kind = IR_BLOCK_PARAGRAPH;
        ast_text_append_line(region, &current->paragraph, line->text, line->length);
    }
    if (current != NULL && current->block.kind == IR_BLOCK_LIST)
        current->items[current->block.item_count - 1] = current->paragraph.data;

    ir_block *built = arena_array(region, count, sizeof *built);
    ast_text joined = {0};
    for (size_t i = 0; i < count; i++) {
        built[i] = blocks[i].block;
        if (i > 0)
            ast_text_append(region, &joined, "\n\n", 2);
        if (built[i].kind == IR_BLOCK_PARAGRAPH) {
            built[i].text = blocks[i].paragraph.data;
            ast_text_append(region, &joined, built[i].text, strlen(built[i].text));
        } else {
            built[i].items = blocks[i].items;
            for (size_t k = 0; k < built[i].item_count; k++) {
                if (k > 0)
                    ast_text_append(region, &joined, "\n", 1);
                ast_text_append(region, &joined, "- ", 2);
                ast_text_append(region, &joined, built[i].items[k], strlen(built[i].items[k]));
            }
        }
    }
    prose->built.blocks = built;
    prose->built.block_count = count;
    prose->built.text = joined.data ? joined.data : arena_strdup(region, "");
}

/* ------------------------------------------------------------------ items */

ast_items *ast_items_new(parse_context *context, const char *text, source_span where)
{
    ast_items *items = arena_alloc(context->region, sizeof *items);
    items->where = where;
    return ast_items_append(context, items, text, where);
}

ast_items *ast_items_append(parse_context *context, ast_items *items, const char *text,
                            source_span where)
{
    if (items->count == items->capacity) {
        size_t capacity = items->capacity ? items->capacity * 2 : 4;
        items->items = arena_grow(context->region, items->items, items->count, capacity,
                                  sizeof *items->items);
        items->capacity = capacity;
    }
    items->items[items->count].where = where;
    items->items[items->count].text = text;
    items->count++;
    items->where.end = where.end;
    return items;
}

/* --------------------------------------------------------------- header */

/* "X is given twice" at the second place, with a note at the first. */
static void ast_report_twice(parse_context *context, const char *what, const char *where_given,
                             source_span second, source_span first)
{
    diagnostic_error(context->report, second, "%s is given twice%s; keep one", what, where_given);
    diagnostic_note(context->report, first, "first given here");
}

void ast_set_rubric_id(parse_context *context, ast_items *id, source_span where)
{
    ast_rubric *rubric = context->rubric;
    if (rubric->id != NULL) {
        ast_report_twice(context, "'rubric:'", "", where, rubric->id_where);
        return;
    }
    rubric->id = id;
    rubric->id_where = where;
}

void ast_set_header(parse_context *context, ast_header_field field, ast_prose *value,
                    source_span where)
{
    static const char *const names[AST_HEADER_FIELD_COUNT] = {
        "'title:'", "'authority:'", "'version:'", "'effective:'", "'key factors:'",
    };
    ast_header_prose *slot = &context->rubric->header[field];
    if (slot->value != NULL) {
        ast_report_twice(context, names[field], "", where, slot->where);
        return;
    }
    slot->value = value;
    slot->where = where;
}

static ast_entry_list ast_entries_concatenate(ast_entry_list list, ast_entry_list more)
{
    if (more.first == NULL)
        return list;
    if (list.first == NULL)
        return more;
    list.last->next = more.first;
    list.last = more.last;
    return list;
}

void ast_open_block(parse_context *context, ast_block_kind kind, source_span where,
                    ast_entry_list entries)
{
    static const char *const names[AST_BLOCK_KIND_COUNT] = {
        "'scale:'", "'glossary:'", "'themes:'", "'grading:'", "'bands:'", "'facts:'", "'groups:'",
    };
    ast_rubric *rubric = context->rubric;
    /* A glossary or theme list may come in several blocks (for example one
     * from a shared file); the scale and the grading rules only once. */
    bool once = kind == AST_BLOCK_SCALE || kind == AST_BLOCK_GRADING || kind == AST_BLOCK_BANDS ||
                kind == AST_BLOCK_FACTS;
    if (rubric->block_seen[kind] && once) {
        ast_report_twice(context, names[kind], "", where, rubric->block_where[kind]);
        return;
    }
    if (!rubric->block_seen[kind])
        rubric->block_where[kind] = where;
    rubric->block_seen[kind] = true;
    switch (kind) {
    case AST_BLOCK_SCALE:
        rubric->scale = entries;
        break;
    case AST_BLOCK_GLOSSARY:
        rubric->glossary = ast_entries_concatenate(rubric->glossary, entries);
        break;
    case AST_BLOCK_THEMES:
        rubric->themes = ast_entries_concatenate(rubric->themes, entries);
        break;
    case AST_BLOCK_GROUPS:
        rubric->groups = ast_entries_concatenate(rubric->groups, entries);
        break;
    case AST_BLOCK_BANDS:
        rubric->bands = entries;
        break;
    case AST_BLOCK_GRADING:
    case AST_BLOCK_FACTS:
    case AST_BLOCK_KIND_COUNT:
        break;
    }
}

void ast_add_fact(parse_context *context, const char *name, ast_items *type, source_span where)
{
    ast_fact *fact = arena_alloc(context->region, sizeof *fact);
    fact->where = where;
    fact->name = name;
    fact->type = type;
    ast_rubric *rubric = context->rubric;
    if (rubric->last_fact == NULL)
        rubric->first_fact = fact;
    else
        rubric->last_fact->next = fact;
    rubric->last_fact = fact;
}

void ast_set_scale_kind(parse_context *context, ast_items *kind)
{
    if (!context->rubric->block_seen[AST_BLOCK_SCALE])
        context->rubric->scale_kind = kind;
}

void ast_set_case_types(parse_context *context, ast_items *types, source_span where)
{
    ast_rubric *rubric = context->rubric;
    if (rubric->case_types != NULL) {
        ast_report_twice(context, "'case types:'", "", where, rubric->case_types_where);
        return;
    }
    rubric->case_types = types;
    rubric->case_types_where = where;
}

void ast_set_target(parse_context *context, ast_items *target, source_span where)
{
    ast_rubric *rubric = context->rubric;
    if (rubric->target != NULL) {
        ast_report_twice(context, "'target:'", " for the rubric (its overall target)", where,
                         rubric->target_where);
        return;
    }
    rubric->target = target;
    rubric->target_where = where;
}

void ast_add_answer_set(parse_context *context, const char *id, source_span id_where,
                        ast_prose *title, source_span where, ast_entry_list entries)
{
    ast_answer_set *set = arena_alloc(context->region, sizeof *set);
    set->where = where;
    set->id = (ast_item){id_where, id};
    set->title = title;
    set->entries = entries;
    ast_rubric *rubric = context->rubric;
    if (rubric->last_answer_set == NULL)
        rubric->first_answer_set = set;
    else
        rubric->last_answer_set->next = set;
    rubric->last_answer_set = set;
}

ast_entry_list ast_entries_append(parse_context *context, ast_entry_list list,
                                  const char *label, ast_prose *value, source_span where)
{
    ast_entry *entry = arena_alloc(context->region, sizeof *entry);
    entry->where = where;
    entry->label = label;
    entry->value = value;
    ast_entry_list one = {entry, entry};
    return ast_entries_concatenate(list, one);
}

/* ---------------------------------------------------------------- rules */

/* Split a rule's name ("Section 2  no better than") into its kind and
 * section parameter; names are matched word by word, without case. */
void ast_add_rule(parse_context *context, const char *name, ast_items *value, source_span where)
{
    enum { MAX_WORDS = 8 };
    const char *words[MAX_WORDS];
    size_t lengths[MAX_WORDS];
    size_t count = 0;
    for (const char *cursor = name; *cursor != '\0' && count < MAX_WORDS;) {
        while (*cursor == ' ')
            cursor++;
        if (*cursor == '\0')
            break;
        const char *start = cursor;
        while (*cursor != ' ' && *cursor != '\0')
            cursor++;
        words[count] = start;
        lengths[count] = (size_t)(cursor - start);
        count++;
    }
    ast_rule *rule = arena_alloc(context->region, sizeof *rule);
    rule->where = where;
    rule->value = value;
    /* The lexer only returns the eight forms it knows, so the first and
     * last words tell them apart. */
    #define WORD_IS(index, text) (lengths[index] == strlen(text) && strncasecmp(words[index], text, lengths[index]) == 0)
    bool condition = count >= 4 && WORD_IS(count - 1, "when");
    if (condition && WORD_IS(count - 2, "graded") && WORD_IS(count - 3, "not")) {
        /* "overall not graded when", "section [N] not graded when": no
         * level; a section rule without N is about every graded section */
        rule->kind = WORD_IS(0, "section") ? AST_RULE_SECTION_CONDITION : AST_RULE_OVERALL_CONDITION;
        rule->not_graded = true;
        if (count == 5) {
            rule->parameter.text = arena_strndup(context->region, words[1], lengths[1]);
            unsigned at = where.begin + (unsigned)(words[1] - name);
            rule->parameter.where = (source_span){where.file, at, at + (unsigned)lengths[1]};
        }
    } else if (condition) {
        /* "overall|section N" then "is L when" or "no better than L when". */
        size_t target_words = WORD_IS(0, "section") ? 2 : 1;
        rule->kind = target_words == 2 ? AST_RULE_SECTION_CONDITION : AST_RULE_OVERALL_CONDITION;
        rule->sets_level = WORD_IS(target_words, "is");
        rule->level.text = arena_strndup(context->region, words[count - 2], lengths[count - 2]);
        unsigned begin = where.begin + (unsigned)(words[count - 2] - name);
        rule->level.where = (source_span){where.file, begin, begin + (unsigned)lengths[count - 2]};
        if (target_words == 2) {
            rule->parameter.text = arena_strndup(context->region, words[1], lengths[1]);
            unsigned at = where.begin + (unsigned)(words[1] - name);
            rule->parameter.where = (source_span){where.file, at, at + (unsigned)lengths[1]};
        }
    } else if (WORD_IS(0, "rounding")) {
        rule->kind = AST_RULE_ROUNDING;
    } else if (WORD_IS(0, "section") && WORD_IS(1, "grade")) {
        rule->kind = AST_RULE_SECTION_GRADE;
    } else if (WORD_IS(0, "section")) {
        rule->kind = WORD_IS(count - 1, "grade") ? AST_RULE_ONE_SECTION_GRADE : AST_RULE_SECTION_LIMIT;
        rule->parameter.text = arena_strndup(context->region, words[1], lengths[1]);
        unsigned begin = where.begin + (unsigned)(words[1] - name);
        rule->parameter.where = (source_span){where.file, begin, begin + (unsigned)lengths[1]};
    } else if (WORD_IS(0, "overall")) {
        rule->kind = WORD_IS(1, "grade") ? AST_RULE_OVERALL_GRADE : AST_RULE_OVERALL_LIMIT;
    } else if (WORD_IS(0, "not")) {
        rule->kind = AST_RULE_NOT_APPLICABLE;
    } else if (WORD_IS(0, "ties")) {
        rule->kind = AST_RULE_TIES;
    } else {
        rule->kind = AST_RULE_GOOD_OR_BETTER;
    }
    #undef WORD_IS
    ast_rubric *rubric = context->rubric;
    if (rubric->last_rule == NULL)
        rubric->first_rule = rule;
    else
        rubric->last_rule->next = rule;
    rubric->last_rule = rule;
}

/* ------------------------------------------------------ sections, criteria */

ast_section *ast_section_new(parse_context *context, const char *number, source_span number_where,
                             ast_prose *title, source_span where)
{
    ast_section *section = arena_alloc(context->region, sizeof *section);
    section->where = where;
    section->number.text = number;
    section->number.where = number_where;
    section->title = title;
    return section;
}

/* "'FIELD' is given twice for section 3" (a section's number) or "… for
 * criterion 'referral-quality'" (a criterion's id, quoted). */
static void ast_report_field_twice(parse_context *context, const char *field,
                                   const char *owner_kind, const char *owner,
                                   source_span second, source_span first)
{
    const char *quote = strcmp(owner_kind, "criterion") == 0 ? "'" : "";
    char quoted_field[64];
    char where_given[256];
    snprintf(quoted_field, sizeof quoted_field, "'%s'", field);
    snprintf(where_given, sizeof where_given, " for %s %s%s%s", owner_kind, quote, owner, quote);
    ast_report_twice(context, quoted_field, where_given, second, first);
}

void ast_section_set_items(parse_context *context, ast_section *section, const char *field,
                           ast_items **slot, ast_items *value, source_span where)
{
    if (*slot != NULL)
        ast_report_field_twice(context, field, "section", section->number.text, where,
                               (*slot)->where);
    else
        *slot = value;
}

void ast_section_set_prose(parse_context *context, ast_section *section, const char *field,
                           ast_prose **slot, ast_prose *value, source_span where)
{
    if (*slot != NULL)
        ast_report_field_twice(context, field, "section", section->number.text, where,
                               (*slot)->where);
    else
        *slot = value;
}

/* A section's 'title supplied:' note: given once; the place of its keyword
 * is kept for the checker, which requires the section to have a title. */
void ast_section_set_title_supplied(parse_context *context, ast_section *section,
                                    ast_prose *value, source_span where)
{
    if (section->title_supplied == NULL)
        section->title_supplied_where = where;
    ast_section_set_prose(context, section, "title supplied:", &section->title_supplied, value,
                          where);
}

void ast_section_every_criterion(parse_context *context, ast_section *section,
                                 ast_entry_list levels, source_span where)
{
    if (section->has_every_criterion) {
        diagnostic_error(context->report, where,
                         "section %s has two 'every criterion:' blocks; write its section-wide descriptors in one",
                         section->number.text);
        diagnostic_note(context->report, section->every_criterion_where, "the first is here");
        return;
    }
    section->every_criterion = levels;
    section->every_criterion_where = where;
    section->has_every_criterion = true;
}

ast_criterion *ast_criterion_new(parse_context *context, const char *id, source_span id_where,
                                 ast_prose *title, source_span where)
{
    ast_criterion *criterion = arena_alloc(context->region, sizeof *criterion);
    criterion->where = where;
    criterion->id.text = id;
    criterion->id.where = id_where;
    criterion->title = title;
    /* In a section whose answer codes were written out of place (a
     * "scale:" inside it, reported), missing descriptors are echoes. */
    criterion->damaged = context->section_damaged;
    return criterion;
}

void ast_criterion_set_items(parse_context *context, ast_criterion *criterion, const char *field,
                             ast_items **slot, ast_items *value, source_span where)
{
    if (*slot != NULL)
        ast_report_field_twice(context, field, "criterion", criterion->id.text, where,
                               (*slot)->where);
    else
        *slot = value;
}

void ast_section_add_criterion(parse_context *context, ast_section *section,
                               ast_criterion *criterion)
{
    (void)context;
    if (section->last_criterion == NULL)
        section->first_criterion = criterion;
    else
        section->last_criterion->next = criterion;
    section->last_criterion = criterion;
}

void ast_add_section(parse_context *context, ast_section *section)
{
    ast_rubric *rubric = context->rubric;
    if (rubric->last_section == NULL)
        rubric->first_section = section;
    else
        rubric->last_section->next = section;
    rubric->last_section = section;
}

ast_section *ast_section_broken(parse_context *context, source_span where)
{
    ast_section *section = ast_section_new(context, "?", where, NULL, where);
    section->broken = true;
    return section;
}

ast_criterion *ast_criterion_broken(parse_context *context, source_span where)
{
    ast_criterion *criterion = ast_criterion_new(context, "?", where, NULL, where);
    criterion->broken = true;
    return criterion;
}

ast_criterion *ast_criterion_damaged(parse_context *context, ast_criterion *criterion)
{
    (void)context;
    criterion->damaged = true;
    return criterion;
}

void ast_orphan_criterion(parse_context *context, ast_criterion *criterion)
{
    if (criterion->broken)
        return;
    diagnostic_error(context->report, criterion->where,
                     "criterion '%s' is not in a section; criteria belong to a section: start one "
                     "before it with a line like 'section 1: Title'",
                     criterion->id.text);
}
