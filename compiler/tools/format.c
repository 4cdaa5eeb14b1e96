/*
 * format.c — rubricc fmt's formatter: one canonical layout (see format.h).
 *
 * The file is parsed first (frontend.c), so only a rubric without syntax
 * errors is formatted, and the scale's order is known for ordering level
 * descriptors. The layout itself is made from the main file's lines,
 * classified as the scanner (grammar/lexer.l) classifies them: an entry
 * line starts with a name and a colon; a prose value continues on every
 * following line that is blank, a comment, or indented further than its
 * name; every other value is one line. Lines become a small tree of
 * entries (a section holds its entries and criteria, a criterion its
 * entries, a block its labelled entries), each entry holding the comment
 * lines before it, and the tree is written back out in canonical form.
 * Working from lines, not from the syntax tree, is what keeps comments,
 * which the scanner skips, and the lines of an included file, which the
 * syntax tree holds in place of the include: line.
 */
#include "format.h"

#include <stdbool.h>
#include <string.h>

#include "ast.h"
#include "frontend.h"

/* What follows an entry's name. */
typedef enum format_value {
    VALUE_PROSE,                 /* text, continued on deeper lines; rewrapped */
    VALUE_ITEMS,                 /* comma-separated values, then maybe "# comment" */
    VALUE_BLOCK,                 /* nothing: labelled entries follow */
    VALUE_INCLUDE,               /* a file name, kept as written */
    VALUE_HEADING,               /* "section N: title", "criterion id: title" */
    VALUE_VERBATIM               /* a line the table does not know: kept as written */
} format_value;

/* Where an entry belongs, which decides its indentation. */
typedef enum format_place {
    PLACE_TOP,                   /* a header entry of the rubric */
    PLACE_BLOCK,                 /* opens a block of labelled entries (scale: …) */
    PLACE_SECTION,               /* opens a section */
    PLACE_SECTION_ENTRY,         /* a section's own entry */
    PLACE_OWNER_ENTRY,           /* of the open criterion, else of the section */
    PLACE_CRITERION_ENTRY,       /* of the open criterion */
    PLACE_EVERY,                 /* every criterion: levels for the section */
    PLACE_CRITERION,             /* opens a criterion in the section */
    PLACE_RULE,                  /* a grading rule, in the grading block */
    PLACE_LABEL                  /* O:, CIN:, theme-id: in the open block or criterion */
} format_place;

/* Entries of a section or a criterion are written in rank order; those of
 * the same rank (criteria, every criterion:) in the order written. */
enum {
    RANK_LEVEL = 10,             /* + the level's place in the scale */
    RANK_UNKNOWN_LEVEL = 1000,
    RANK_CONTENTS = 2000         /* criteria and every criterion: */
};

typedef struct format_keyword {
    const char *name;            /* canonical; '*' stands for a section number or id */
    format_value value;
    format_place place;
    int rank;
} format_keyword;

/* Every entry name of the language. A new keyword is a new row. */
static const format_keyword format_keywords[] = {
    {"rubric", VALUE_ITEMS, PLACE_TOP, 0},
    {"title", VALUE_PROSE, PLACE_TOP, 0},
    {"authority", VALUE_PROSE, PLACE_TOP, 0},
    {"version", VALUE_PROSE, PLACE_TOP, 0},
    {"effective", VALUE_PROSE, PLACE_TOP, 0},
    {"key factors", VALUE_PROSE, PLACE_TOP, 0},
    {"include", VALUE_INCLUDE, PLACE_TOP, 0},
    {"scale", VALUE_BLOCK, PLACE_BLOCK, 0},
    {"glossary", VALUE_BLOCK, PLACE_BLOCK, 0},
    {"grading", VALUE_BLOCK, PLACE_BLOCK, 0},
    {"bands", VALUE_BLOCK, PLACE_BLOCK, 0},
    {"case types", VALUE_ITEMS, PLACE_TOP, 0},
    {"facts", VALUE_BLOCK, PLACE_BLOCK, 0},
    {"answers *", VALUE_BLOCK, PLACE_BLOCK, 0},
    {"same as", VALUE_ITEMS, PLACE_CRITERION_ENTRY, 1},
    {"id", VALUE_ITEMS, PLACE_SECTION_ENTRY, 2},
    {"title supplied", VALUE_PROSE, PLACE_SECTION_ENTRY, 3},
    {"out of sequence", VALUE_PROSE, PLACE_SECTION_ENTRY, 4},
    {"weight", VALUE_ITEMS, PLACE_OWNER_ENTRY, 5},
    {"answers", VALUE_ITEMS, PLACE_SECTION_ENTRY, 6},
    {"in overall", VALUE_ITEMS, PLACE_SECTION_ENTRY, 7},
    {"target", VALUE_ITEMS, PLACE_SECTION_ENTRY, 9},
    {"applies to", VALUE_ITEMS, PLACE_OWNER_ENTRY, 8},
    {"applies when", VALUE_ITEMS, PLACE_OWNER_ENTRY, 8},
    {"only when", VALUE_ITEMS, PLACE_OWNER_ENTRY, 8},
    {"timescale", VALUE_ITEMS, PLACE_CRITERION_ENTRY, 8},
    {"themes", VALUE_ITEMS, PLACE_OWNER_ENTRY, 9},
    {"key", VALUE_ITEMS, PLACE_CRITERION_ENTRY, 9},
    {"groups", VALUE_ITEMS, PLACE_CRITERION_ENTRY, 9},
    {"scope", VALUE_PROSE, PLACE_SECTION_ENTRY, 10},
    {"every criterion", VALUE_BLOCK, PLACE_EVERY, RANK_CONTENTS},
    {"section grade", VALUE_ITEMS, PLACE_RULE, 0},
    {"section * grade", VALUE_ITEMS, PLACE_RULE, 0},
    {"overall grade", VALUE_ITEMS, PLACE_RULE, 0},
    {"overall no better than", VALUE_ITEMS, PLACE_RULE, 0},
    {"section * no better than", VALUE_ITEMS, PLACE_RULE, 0},
    {"not applicable", VALUE_ITEMS, PLACE_RULE, 0},
    {"ties", VALUE_ITEMS, PLACE_RULE, 0},
    {"good or better", VALUE_ITEMS, PLACE_RULE, 0},
    {"rounding", VALUE_ITEMS, PLACE_RULE, 0},
    {"overall no better than * when", VALUE_ITEMS, PLACE_RULE, 0},
    {"overall is * when", VALUE_ITEMS, PLACE_RULE, 0},
    {"section * no better than * when", VALUE_ITEMS, PLACE_RULE, 0},
    {"section * is * when", VALUE_ITEMS, PLACE_RULE, 0},
    {"overall not graded when", VALUE_ITEMS, PLACE_RULE, 0},
    {"section not graded when", VALUE_ITEMS, PLACE_RULE, 0},
    {"section * not graded when", VALUE_ITEMS, PLACE_RULE, 0},
};

/* The entries the table cannot say by their name alone. */
static const format_keyword format_themes_block = {"themes", VALUE_BLOCK, PLACE_BLOCK, 0};
static const format_keyword format_groups_block = {"groups", VALUE_BLOCK, PLACE_BLOCK, 0};
/* "target:" at the start of a line is the rubric's own (the overall target). */
static const format_keyword format_rubric_target = {"target", VALUE_ITEMS, PLACE_TOP, 0};
static const format_keyword format_section = {"section", VALUE_HEADING, PLACE_SECTION, 0};
static const format_keyword format_criterion = {"criterion", VALUE_HEADING, PLACE_CRITERION,
                                                RANK_CONTENTS};
static const format_keyword format_label = {NULL, VALUE_PROSE, PLACE_LABEL, RANK_LEVEL};
/* An entry the parser accepts but this table has no row for yet (a newer
 * keyword): its lines are kept word for word, re-indented as a whole,
 * where it was written, so formatting can never change what it says. */
static const format_keyword format_verbatim = {NULL, VALUE_VERBATIM, PLACE_LABEL,
                                               RANK_UNKNOWN_LEVEL};
/* An entry of "facts:" (format_read_fact): one line of items, in the
 * order written. */
static const format_keyword format_fact = {NULL, VALUE_ITEMS, PLACE_LABEL, RANK_UNKNOWN_LEVEL};

/* One entry and what belongs to it. Lines are 0-based indexes. */
typedef struct format_node {
    const format_keyword *keyword;
    int indent;                  /* of its name, in the source */
    const char *name;            /* as written out: "applies to", "O", "section 2 grade" */
    const char *value;           /* the rest of its first line, trimmed */
    size_t value_length;
    bool has_colon;              /* a heading written with its colon */
    const char *comment;         /* "# …" after a list of values, or NULL */
    size_t comment_length;
    size_t line;                 /* its first line */
    size_t body_end;             /* prose: its lines are line .. body_end - 1 */
    size_t lead_begin;           /* the blank and comment lines before it */
    int rank;
    bool keep_order;             /* holds an include: its entries stay as written */
    struct format_node **children;
    size_t child_count;
    size_t child_capacity;
} format_node;

typedef struct format_state {
    arena *region;
    const source_file *file;
    const ast_rubric *tree;      /* for the scale's order */
    size_t line_count;
    format_text out;
    size_t out_capacity;
} format_state;

/* ------------------------------------------------------------- lines */

static const char *format_line(const format_state *state, size_t line, size_t *length)
{
    const char *text = source_line(state->file, (int)line + 1, length);
    if (line == 0 && *length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        *length -= 3;   /* the byte order mark is written out separately */
        return text + 3;
    }
    return text;
}

static size_t format_indent_of(const char *text, size_t length)
{
    size_t indent = 0;
    while (indent < length && (text[indent] == ' ' || text[indent] == '\t'))
        indent++;
    return indent;
}

static bool format_is_blank(const format_state *state, size_t line)
{
    size_t length;
    const char *text = format_line(state, line, &length);
    return format_indent_of(text, length) == length;
}

static bool format_is_comment(const format_state *state, size_t line)
{
    size_t length;
    const char *text = format_line(state, line, &length);
    size_t indent = format_indent_of(text, length);
    return indent < length && text[indent] == '#';
}

static int format_line_indent(const format_state *state, size_t line)
{
    size_t length;
    const char *text = format_line(state, line, &length);
    return (int)format_indent_of(text, length);
}

/* text[0..length) without leading and trailing spaces and tabs. */
static const char *format_trim(const char *text, size_t *length)
{
    size_t start = format_indent_of(text, *length);
    size_t end = *length;
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
    *length = end - start;
    return text + start;
}

/* ------------------------------------------------------------ output */

static void format_put(format_state *state, const char *text, size_t length)
{
    if (state->out.length + length + 1 > state->out_capacity) {
        size_t capacity = state->out_capacity ? state->out_capacity : 4096;
        while (capacity < state->out.length + length + 1)
            capacity *= 2;
        state->out.data = arena_grow(state->region, state->out.data, state->out_capacity,
                                     capacity, 1);
        state->out_capacity = capacity;
    }
    memcpy(state->out.data + state->out.length, text, length);
    state->out.length += length;
    state->out.data[state->out.length] = '\0';
}

static void format_puts(format_state *state, const char *text)
{
    format_put(state, text, strlen(text));
}

static void format_spaces(format_state *state, size_t count)
{
    for (size_t i = 0; i < count; i++)
        format_put(state, " ", 1);
}

/* A blank line, unless the output is empty or already ends in one. */
static void format_blank_line(format_state *state)
{
    size_t length = state->out.length;
    const char *data = state->out.data;
    if (length == 0 || (data[length - 1] == '\n' && (length == 1 || data[length - 2] == '\n')))
        return;
    format_put(state, "\n", 1);
}

/* ---------------------------------------------------- reading entries */

static bool format_word_char_equal(char a, char b)
{
    if (a >= 'A' && a <= 'Z')
        a = (char)(a - 'A' + 'a');
    return a == b;
}

/* The words a keyword's '*'s stand for ("section B1 no better than R
 * when": B1 and R). */
enum { FORMAT_MAX_PARAMETERS = 2 };
typedef struct format_parameters {
    const char *text[FORMAT_MAX_PARAMETERS];
    size_t length[FORMAT_MAX_PARAMETERS];
    size_t count;
} format_parameters;

/* Whether text starts with keyword name (words separated by one or more
 * spaces, any case, '*' a section reference or a level), then spaces and a
 * colon. Returns the length matched up to and including the colon, or 0;
 * the words of the '*'s are returned in *parameters. */
static size_t format_match_name(const char *name, const char *text, size_t length,
                                format_parameters *parameters)
{
    size_t at = 0;
    parameters->count = 0;
    for (const char *p = name; *p != '\0'; p++) {
        if (*p == ' ') {
            if (at >= length || text[at] != ' ')
                return 0;
            while (at < length && text[at] == ' ')
                at++;
        } else if (*p == '*') {
            size_t start = at;
            while (at < length && strchr(" \t:#,", text[at]) == NULL)
                at++;
            if (at == start || parameters->count == FORMAT_MAX_PARAMETERS)
                return 0;
            parameters->text[parameters->count] = text + start;
            parameters->length[parameters->count++] = at - start;
        } else {
            if (at >= length || !format_word_char_equal(text[at], *p))
                return 0;
            at++;
        }
    }
    while (at < length && text[at] == ' ')
        at++;
    if (at >= length || text[at] != ':')
        return 0;
    return at + 1;
}

/* The canonical name of a matched keyword, each '*' replaced by its word. */
static const char *format_keyword_name(arena *region, const char *name,
                                       const format_parameters *parameters)
{
    const char *written = "";
    size_t used = 0;
    const char *star;
    while ((star = strchr(name, '*')) != NULL && used < parameters->count) {
        written = arena_printf(region, "%s%.*s%.*s", written, (int)(star - name), name,
                               (int)parameters->length[used], parameters->text[used]);
        used++;
        name = star + 1;
    }
    return used == 0 ? name : arena_printf(region, "%s%s", written, name);
}

/* "section" or "criterion" followed by a space or the end of the line. */
static size_t format_match_heading(const char *word, const char *text, size_t length)
{
    size_t size = strlen(word);
    if (length < size)
        return 0;
    for (size_t i = 0; i < size; i++)
        if (!format_word_char_equal(text[i], word[i]))
            return 0;
    if (length > size && text[size] != ' ')
        return 0;
    return size + 1;   /* the space counts, as flex counts trailing context */
}

/* A word of a label: characters other than white space, ':', '#', ','. */
static size_t format_label_word(const char *text, size_t length, size_t at)
{
    size_t start = at;
    while (at < length && strchr(" \t:#,", text[at]) == NULL)
        at++;
    return at - start;
}

/* More words of a band's label after its first: ", CODE" or " to CODE"
 * ("O, G", "8 to 10"); returns the length they take, 0 when none follow. */
static size_t format_band_words(const char *text, size_t length, size_t at)
{
    size_t start = at;
    for (;;) {
        size_t next = at;
        while (next < length && text[next] == ' ')
            next++;
        if (next < length && text[next] == ',') {
            next++;
        } else if (next > at && next + 3 < length && format_word_char_equal(text[next], 't')
                   && format_word_char_equal(text[next + 1], 'o') && text[next + 2] == ' ') {
            next += 3;
        } else {
            return at - start;
        }
        while (next < length && text[next] == ' ')
            next++;
        size_t word = format_label_word(text, length, next);
        if (word == 0)
            return at - start;
        at = next + word;
    }
}

/* A label: a word, then a colon; a band's label may have more words
 * ("O, G:", "8 to 10:"). */
static size_t format_match_label(const char *text, size_t length, size_t *label_length)
{
    size_t at = format_label_word(text, length, 0);
    if (at == 0) {
        *label_length = 0;
        return 0;
    }
    at += format_band_words(text, length, at);
    *label_length = at;
    while (at < length && text[at] == ' ')
        at++;
    return at < length && text[at] == ':' ? at + 1 : 0;
}

/* A label as written out: a band's words with one space between them and
 * none before a comma ("0 to 2", "O, G"); any other label as it is. */
static const char *format_label_name(arena *region, const char *text, size_t length)
{
    char *name = arena_alloc(region, 2 * length + 1);   /* a space may follow each comma */
    size_t out = 0;
    for (size_t at = 0; at < length; at++) {
        if (text[at] == ' ' && (out == 0 || name[out - 1] == ' '))
            continue;
        if (text[at] == ',' && out > 0 && name[out - 1] == ' ')
            out--;
        name[out++] = text[at];
        if (text[at] == ',')
            name[out++] = ' ';
    }
    while (out > 0 && name[out - 1] == ' ')
        out--;
    name[out] = '\0';
    return name;
}

/* The level's place in the scale, for ordering descriptors. */
static int format_level_rank(const format_state *state, const char *label)
{
    int place = 0;
    for (const ast_entry *level = state->tree->scale.first; level != NULL; level = level->next) {
        if (strcmp(level->label, label) == 0)
            return RANK_LEVEL + place;
        place++;
    }
    return RANK_UNKNOWN_LEVEL;
}

/* Read the entry on line: which it is, its name and its value. */
static format_node *format_read_entry(format_state *state, size_t line)
{
    size_t length;
    const char *text = format_line(state, line, &length);
    format_node *node = arena_alloc(state->region, sizeof *node);
    node->line = line;
    node->body_end = line + 1;
    node->indent = (int)format_indent_of(text, length);
    text += node->indent;
    length -= (size_t)node->indent;

    /* The longest match wins, and a keyword before a label, as in flex. */
    size_t best = 0;
    format_parameters parameters = {0};
    for (size_t i = 0; i < sizeof format_keywords / sizeof format_keywords[0]; i++) {
        format_parameters found;
        size_t matched = format_match_name(format_keywords[i].name, text, length, &found);
        if (matched > best) {
            best = matched;
            node->keyword = &format_keywords[i];
            parameters = found;
        }
    }
    size_t heading = format_match_heading("section", text, length);
    const format_keyword *heading_keyword = &format_section;
    if (heading == 0) {
        heading = format_match_heading("criterion", text, length);
        heading_keyword = &format_criterion;
    }
    if (heading > best) {
        best = heading;
        node->keyword = heading_keyword;
    }
    size_t label_length;
    size_t label = format_match_label(text, length, &label_length);
    if (label > best) {
        best = label;
        node->keyword = &format_label;
        node->name = format_label_name(state->region, text, label_length);
        node->rank = format_level_rank(state, node->name);
    }

    if (node->keyword == NULL) {
        node->keyword = &format_verbatim;
        node->rank = format_verbatim.rank;
    }
    size_t value_length = length - (best < length ? best : length);
    const char *value = format_trim(text + (best < length ? best : length), &value_length);
    if (node->keyword->value == VALUE_HEADING) {
        /* "section" NUMBER [":" TITLE]: the name is the first two words. */
        size_t word = strlen(node->keyword->name);
        size_t rest_length = length - word;
        const char *rest = format_trim(text + word, &rest_length);
        size_t number = 0;
        while (number < rest_length && rest[number] != ' ' && rest[number] != ':')
            number++;
        node->name = arena_printf(state->region, "%s %.*s", node->keyword->name, (int)number, rest);
        node->rank = node->keyword->rank;
        size_t after = number;
        while (after < rest_length && rest[after] == ' ')
            after++;
        if (after < rest_length && rest[after] == ':') {
            value_length = rest_length - after - 1;
            value = format_trim(rest + after + 1, &value_length);
            node->has_colon = true;
        } else {
            value = NULL;
            value_length = 0;
        }
    } else if (node->keyword->name != NULL) {
        if (strcmp(node->keyword->name, "themes") == 0 && value_length == 0)
            node->keyword = &format_themes_block;
        if (strcmp(node->keyword->name, "groups") == 0 && value_length == 0)
            node->keyword = &format_groups_block;
        if (strcmp(node->keyword->name, "target") == 0 && node->indent == 0)
            node->keyword = &format_rubric_target;
        node->name = format_keyword_name(state->region, node->keyword->name, &parameters);
        node->rank = node->keyword->rank;
    }
    if (node->keyword->value == VALUE_ITEMS || node->keyword->value == VALUE_BLOCK) {
        const char *hash = memchr(value, '#', value_length);
        if (hash != NULL) {
            node->comment_length = value_length - (size_t)(hash - value);
            node->comment = format_trim(hash, &node->comment_length);
            value_length = (size_t)(hash - value);
            value = format_trim(value, &value_length);
        }
    }
    node->value = value;
    node->value_length = value_length;
    return node;
}

/* An entry of "facts:" ("referral date: date, required"): its name is
 * every word up to the colon, even an entry keyword's ("weight: number"),
 * and its value a list of items, as the scanner reads it. */
static format_node *format_read_fact(format_state *state, size_t line)
{
    size_t length;
    const char *text = format_line(state, line, &length);
    format_node *node = arena_alloc(state->region, sizeof *node);
    node->keyword = &format_fact;
    node->rank = format_fact.rank;
    node->line = line;
    node->body_end = line + 1;
    node->indent = (int)format_indent_of(text, length);
    text += node->indent;
    length -= (size_t)node->indent;
    const char *colon = memchr(text, ':', length);
    size_t name_length = colon != NULL ? (size_t)(colon - text) : length;
    const char *name = format_trim(text, &name_length);
    node->name = arena_printf(state->region, "%.*s", (int)name_length, name);
    size_t value_length = colon != NULL ? length - (size_t)(colon + 1 - text) : 0;
    const char *value = format_trim(colon != NULL ? colon + 1 : text + length, &value_length);
    const char *hash = memchr(value, '#', value_length);
    if (hash != NULL) {
        node->comment_length = value_length - (size_t)(hash - value);
        node->comment = format_trim(hash, &node->comment_length);
        value_length = (size_t)(hash - value);
        value = format_trim(value, &value_length);
    }
    node->value = value;
    node->value_length = value_length;
    return node;
}

/* A prose value's lines: every following line that is blank, a comment
 * or indented further than its name. Its body ends at its last line of
 * text and the deeper comments right after it; what is left (blank lines,
 * comments for the next entry) is returned for the next entry. */
static size_t format_read_prose(const format_state *state, format_node *node)
{
    size_t end = node->line + 1;
    size_t last_text = node->line;
    while (end < state->line_count) {
        if (format_is_blank(state, end) || format_is_comment(state, end)) {
            end++;
            continue;
        }
        if (format_line_indent(state, end) <= node->indent)
            break;
        last_text = end++;
    }
    size_t body_end = last_text + 1;
    while (body_end < end && format_is_comment(state, body_end)
           && format_line_indent(state, body_end) > node->indent)
        body_end++;
    node->body_end = body_end;
    return body_end;
}

static void format_add_child(format_state *state, format_node *parent, format_node *child)
{
    if (parent->child_count == parent->child_capacity) {
        size_t capacity = parent->child_capacity ? parent->child_capacity * 2 : 8;
        parent->children = arena_grow(state->region, parent->children, parent->child_count,
                                      capacity, sizeof *parent->children);
        parent->child_capacity = capacity;
    }
    parent->children[parent->child_count++] = child;
}

/* The open entries that later entries can belong to. */
typedef struct format_open {
    format_node *root;
    format_node *block;          /* scale:, glossary:, themes:, grading: */
    format_node *section;
    format_node *every;
    format_node *criterion;
} format_open;

/* Attach an entry to what it belongs to, and open what it opens. */
static void format_place_entry(format_state *state, format_open *open, format_node *node)
{
    format_node *parent = open->root;
    switch (node->keyword->place) {
    case PLACE_TOP:
        if (node->keyword->value == VALUE_INCLUDE && open->section != NULL) {
            /* Included entries continue the section: keep its order. */
            parent = open->section;
            parent->keep_order = true;
            open->criterion = open->every = NULL;
            break;
        }
        open->section = open->criterion = open->every = NULL;
        if (node->keyword->value != VALUE_INCLUDE)
            open->block = NULL;
        break;
    case PLACE_BLOCK:
        open->section = open->criterion = open->every = NULL;
        open->block = node;
        break;
    case PLACE_SECTION:
        open->block = open->criterion = open->every = NULL;
        open->section = node;
        break;
    case PLACE_SECTION_ENTRY:
        parent = open->section;
        break;
    case PLACE_OWNER_ENTRY:
    case PLACE_CRITERION_ENTRY:
        parent = open->criterion != NULL ? open->criterion : open->section;
        break;
    case PLACE_EVERY:
        parent = open->section;
        open->criterion = NULL;
        open->every = node;
        break;
    case PLACE_CRITERION:
        parent = open->section;
        open->every = NULL;
        open->criterion = node;
        break;
    case PLACE_RULE:
        parent = open->block;
        break;
    case PLACE_LABEL:
        parent = open->criterion != NULL ? open->criterion
                 : open->every != NULL   ? open->every
                                         : open->block;
        break;
    }
    format_add_child(state, parent != NULL ? parent : open->root, node);
}

/* The whole file as a tree under root; returns the first line after the
 * last entry's body (comments after it are the file's last lines). */
static size_t format_read_file(format_state *state, format_node *root)
{
    format_open open = {root, NULL, NULL, NULL, NULL};
    size_t pending = 0;
    size_t line = 0;
    while (line < state->line_count) {
        if (format_is_blank(state, line) || format_is_comment(state, line)) {
            line++;
            continue;
        }
        bool fact = open.block != NULL && strcmp(open.block->keyword->name, "facts") == 0 &&
                    format_line_indent(state, line) > open.block->indent;
        format_node *node = fact ? format_read_fact(state, line) : format_read_entry(state, line);
        node->lead_begin = pending;
        format_place_entry(state, &open, node);
        bool continues = node->keyword->value == VALUE_PROSE || node->keyword->value == VALUE_VERBATIM;
        line = continues ? format_read_prose(state, node) : line + 1;
        pending = line;
    }
    return pending;
}

/* ---------------------------------------------------------- writing */

/* The comment lines in [begin, end), at indent, blank lines between them
 * kept (one at most). Returns whether a blank line came after the last. */
static bool format_write_comments(format_state *state, size_t begin, size_t end, size_t indent)
{
    bool seen = false;
    bool blank = false;
    for (size_t line = begin; line < end; line++) {
        if (format_is_blank(state, line)) {
            blank = seen;
            continue;
        }
        size_t length;
        const char *text = format_line(state, line, &length);
        text = format_trim(text, &length);
        if (blank)
            format_blank_line(state);
        format_spaces(state, indent);
        format_put(state, text, length);
        format_put(state, "\n", 1);
        seen = true;
        blank = false;
    }
    return blank;
}

/* Where a line may be broken before the word at text[at]: not where the
 * new line would start a bullet item or a comment. */
static bool format_may_break_before(const char *text, size_t length, size_t at)
{
    return text[at] != '#' && ast_bullet_marker(text + at, length - at) == 0;
}

/* The words of text, filled into lines no wider than FORMAT_WIDTH: the
 * first line starts at column (already written up to it when first_written),
 * the others at indent. Words are broken at single spaces only, so joining
 * the lines with spaces gives back the text. */
static void format_wrap(format_state *state, const char *text, size_t length, size_t column,
                        size_t indent, bool first_written)
{
    if (!first_written)
        format_spaces(state, column);
    size_t used = column;
    size_t word = 0;
    bool line_empty = true;
    while (word < length) {
        size_t end = word;
        /* A word ends at a single space between two non-blank characters. */
        while (end < length
               && !(text[end] == ' ' && end > word && text[end - 1] != ' ' && text[end - 1] != '\t'
                    && end + 1 < length && text[end + 1] != ' ' && text[end + 1] != '\t'))
            end++;
        size_t width = (size_t)source_count_characters(text + word, end - word);
        if (!line_empty && used + 1 + width > FORMAT_WIDTH
            && format_may_break_before(text, length, word)) {
            format_put(state, "\n", 1);
            format_spaces(state, indent);
            used = indent;
            line_empty = true;
        }
        if (!line_empty) {
            format_put(state, " ", 1);
            used++;
        }
        format_put(state, text + word, end - word);
        used += width;
        line_empty = false;
        word = end + 1;
    }
    format_put(state, "\n", 1);
}

/* The text of a run of prose lines, joined with spaces as the parser joins
 * them. */
typedef struct format_run {
    char *text;
    size_t length;
    size_t capacity;
    bool starts_unit;            /* the run opens a paragraph or a bullet item */
} format_run;

static void format_run_add(format_state *state, format_run *run, const char *text, size_t length)
{
    size_t need = run->length + length + 2;
    if (need > run->capacity) {
        size_t capacity = run->capacity ? run->capacity : 256;
        while (capacity < need)
            capacity *= 2;
        run->text = arena_grow(state->region, run->text, run->capacity, capacity, 1);
        run->capacity = capacity;
    }
    if (run->length > 0)
        run->text[run->length++] = ' ';
    memcpy(run->text + run->length, text, length);
    run->length += length;
}

/* Where the lines of a prose value go. */
typedef struct format_prose_layout {
    size_t column;               /* of the value's text */
    size_t hang;                 /* extra indent of a bullet item's lines */
    bool head_open;              /* "name: " is written and waits for text */
} format_prose_layout;

static void format_flush_run(format_state *state, format_run *run, format_prose_layout *layout,
                             const char *marker, size_t marker_length)
{
    if (run->length == 0)
        return;
    size_t column = layout->column;
    bool written = layout->head_open;
    if (run->starts_unit && marker_length > 0) {
        if (!written)
            format_spaces(state, column);
        format_put(state, marker, marker_length);
        format_put(state, " ", 1);
        column += layout->hang;
        written = true;
    } else if (!run->starts_unit) {
        column += layout->hang;
    }
    format_wrap(state, run->text, run->length, column, layout->column + layout->hang, written);
    layout->head_open = false;
    run->length = 0;
    run->starts_unit = false;
}

/* A prose value: its paragraphs and bullet items rewrapped, its blank
 * lines and comments kept in place. */
static void format_write_prose(format_state *state, const format_node *node, size_t indent)
{
    format_spaces(state, indent);
    format_puts(state, node->name);
    format_put(state, ":", 1);
    format_prose_layout layout = {indent + 2, 0, false};
    if (node->value_length > 0) {
        format_put(state, " ", 1);
        layout.column = indent + (size_t)source_count_characters(node->name, strlen(node->name)) + 2;
        layout.head_open = true;
    } else {
        format_put(state, "\n", 1);
    }
    format_run run = {0};
    const char *marker = NULL;
    size_t marker_length = 0;
    bool in_unit = false;
    bool blank = false;
    for (size_t line = node->line; line < node->body_end; line++) {
        size_t length;
        const char *text;
        if (line == node->line) {
            text = node->value;
            length = node->value_length;
            if (length == 0)
                continue;
        } else {
            text = format_line(state, line, &length);
            if (format_is_blank(state, line)) {
                blank = blank || in_unit;
                continue;
            }
            if (format_is_comment(state, line)) {
                format_flush_run(state, &run, &layout, marker, marker_length);
                text = format_trim(text, &length);
                format_spaces(state, layout.column);
                format_put(state, text, length);
                format_put(state, "\n", 1);
                continue;
            }
            text = format_trim(text, &length);
        }
        size_t bullet = ast_bullet_marker(text, length);
        if (bullet > 0 || blank || !in_unit) {
            format_flush_run(state, &run, &layout, marker, marker_length);
            if (blank)
                format_blank_line(state);
            run.starts_unit = true;
            marker = bullet > 0 ? text : NULL;
            marker_length = 0;
            while (marker_length < bullet && text[marker_length] != ' ' && text[marker_length] != '\t')
                marker_length++;
            layout.hang = bullet > 0 ? (size_t)source_count_characters(text, marker_length) + 1 : 0;
            text += bullet;
            length -= bullet;
            in_unit = true;
        }
        blank = false;
        format_run_add(state, &run, text, length);
    }
    format_flush_run(state, &run, &layout, marker, marker_length);
    if (layout.head_open)
        format_put(state, "\n", 1);
}

/* An entry the table does not know: its lines as written, moved to the
 * entry's indentation together (the deeper lines stay deeper by as much). */
static void format_write_verbatim(format_state *state, const format_node *node, size_t indent)
{
    for (size_t line = node->line; line < node->body_end; line++) {
        size_t length;
        const char *text = format_line(state, line, &length);
        size_t own = format_indent_of(text, length);
        text = format_trim(text, &length);
        if (length > 0) {
            size_t shift = own >= (size_t)node->indent ? own - (size_t)node->indent : 0;
            format_spaces(state, indent + shift);
            format_put(state, text, length);
        }
        format_put(state, "\n", 1);
    }
}

/* Entries of a section or criterion in rank order (stable). */
static void format_sort_children(format_node *node)
{
    if (node->keep_order || node->keyword == NULL || node->keyword->value != VALUE_HEADING)
        return;
    for (size_t i = 1; i < node->child_count; i++) {
        format_node *moving = node->children[i];
        size_t k = i;
        while (k > 0 && node->children[k - 1]->rank > moving->rank) {
            node->children[k] = node->children[k - 1];
            k--;
        }
        node->children[k] = moving;
    }
}

static void format_write_node(format_state *state, format_node *node, size_t depth);

static void format_write_children(format_state *state, format_node *node, size_t depth)
{
    format_sort_children(node);
    for (size_t i = 0; i < node->child_count; i++)
        format_write_node(state, node->children[i], depth);
}

static bool format_opens_group(const format_node *node)
{
    format_place place = node->keyword->place;
    return place == PLACE_BLOCK || place == PLACE_SECTION || place == PLACE_EVERY
           || place == PLACE_CRITERION;
}

static void format_write_node(format_state *state, format_node *node, size_t depth)
{
    size_t indent = depth * 2;
    /* Blank lines: one before a section, block or criterion; between the
     * header's entries, where the author left one. */
    bool author_blank = node->lead_begin < node->line && format_is_blank(state, node->lead_begin);
    if (format_opens_group(node) || (depth == 0 && author_blank))
        format_blank_line(state);
    bool blank_after_comments = format_write_comments(state, node->lead_begin, node->line, indent);
    if (blank_after_comments && depth == 0)
        format_blank_line(state);

    switch (node->keyword->value) {
    case VALUE_VERBATIM:
        format_write_verbatim(state, node, indent);
        break;
    case VALUE_PROSE:
        format_write_prose(state, node, indent);
        break;
    case VALUE_HEADING:
        format_spaces(state, indent);
        format_puts(state, node->name);
        if (node->has_colon)
            format_put(state, ":", 1);
        if (node->value_length > 0) {
            format_put(state, " ", 1);
            format_put(state, node->value, node->value_length);
        }
        format_put(state, "\n", 1);
        break;
    case VALUE_INCLUDE:
    case VALUE_BLOCK:
    case VALUE_ITEMS:
        format_spaces(state, indent);
        format_puts(state, node->name);
        format_put(state, ":", 1);
        if (node->keyword->value == VALUE_ITEMS) {
            /* "a, b, c": each value trimmed, one space after each comma. */
            const char *item = node->value;
            const char *end = node->value + node->value_length;
            while (item < end) {
                const char *comma = memchr(item, ',', (size_t)(end - item));
                size_t length = (size_t)((comma != NULL ? comma : end) - item);
                const char *text = format_trim(item, &length);
                format_puts(state, item == node->value ? " " : ", ");
                format_put(state, text, length);
                item = comma != NULL ? comma + 1 : end;
            }
        } else if (node->value_length > 0) {
            format_put(state, " ", 1);
            format_put(state, node->value, node->value_length);
        }
        if (node->comment_length > 0) {
            format_puts(state, "  ");
            format_put(state, node->comment, node->comment_length);
        }
        format_put(state, "\n", 1);
        break;
    }
    format_write_children(state, node, depth + 1);
}

int format_loaded(arena *region, source_set *sources, diagnostics *report, int main_file,
                  format_text *out)
{
    int errors_before = report->error_count;
    const ast_rubric *tree = frontend_parse(region, sources, report, main_file);
    if (tree == NULL || report->error_count > errors_before)
        return -1;
    format_state state = {0};
    state.region = region;
    state.file = &sources->files[main_file];
    state.tree = tree;
    state.line_count = state.file->line_count;
    if (state.file->length >= 3 && memcmp(state.file->text, "\xEF\xBB\xBF", 3) == 0)
        format_put(&state, "\xEF\xBB\xBF", 3);

    format_node root = {0};
    size_t trailing = format_read_file(&state, &root);
    format_write_children(&state, &root, 0);
    bool author_blank = trailing < state.line_count && format_is_blank(&state, trailing);
    if (author_blank)
        format_blank_line(&state);
    format_write_comments(&state, trailing, state.line_count, 0);
    if (state.out.data == NULL)
        format_put(&state, "", 0);
    *out = state.out;
    return 0;
}

int format_rubric_text(arena *region, source_set *sources, diagnostics *report, const char *name,
                       const char *text, size_t length, format_text *out)
{
    int file = source_add_text_limited(sources, name, text, length);
    if (file < 0) {
        source_span none = {-1, 0, 0};
        diagnostic_error(report, none, "'%s' is larger than the limit of %zu bytes for one file",
                         name, sources->limits.max_file_bytes);
        return -1;
    }
    return format_loaded(region, sources, report, file, out);
}
