/*
 * swallow.c — reporting prose lines that read like entries (see
 * swallow.h).
 *
 * Only lines that start a physical line are looked at (the text after a
 * name on its own line cannot be an entry); the patterns are those of the
 * scanner's entry names (grammar/lexer.l), matched the same way, without
 * regard to case, so that what the scanner would read as an entry at a
 * lesser indentation is what is reported here.
 */
#include "swallow.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frontend.h"
#include "keywords.h"
#include "suggest.h"

/* The length of the word at text (letters, digits, '-', '_', '/', '&'). */
static size_t swallow_word(const char *text, size_t length)
{
    size_t end = 0;
    while (end < length && (isalnum((unsigned char)text[end]) || strchr("-_/&", text[end]) != NULL))
        end++;
    return end;
}

static size_t swallow_spaces(const char *text, size_t length, size_t at)
{
    while (at < length && text[at] == ' ')
        at++;
    return at;
}

/* What the line looks like, as words for the message, or NULL. */
static const char *swallow_looks_like(const swallow_checker *checker, const char *text,
                                      size_t length, char *buffer, size_t size)
{
    size_t first = swallow_word(text, length);
    if (first == 0)
        return NULL;
    size_t after = swallow_spaces(text, length, first);
    /* A level code and a colon: "G: …". */
    if (after < length && text[after] == ':' && checker->is_level(checker->level_data, text, first)) {
        snprintf(buffer, size, "a descriptor for level %.*s", (int)first, text);
        return buffer;
    }
    /* A heading: "criterion ID:", "section N", also misspelt or bare. */
    char word[16];
    if (first < sizeof word) {
        memcpy(word, text, first);
        word[first] = '\0';
        static const char *const headings[] = {"criterion", "section", NULL};
        const char *heading = NULL;
        for (size_t i = 0; headings[i] != NULL; i++)
            if (strcasecmp(word, headings[i]) == 0)
                heading = headings[i];
        bool misspelt = false;
        if (heading == NULL && first >= 5) {
            heading = suggest_from_list(word, headings);
            misspelt = heading != NULL;
        }
        if (heading != NULL) {
            if (after < length && text[after] == ':' && !misspelt) {
                snprintf(buffer, size, "a '%s' heading without its %s", heading,
                         heading[0] == 'c' ? "id" : "number");
                return buffer;
            }
            size_t id = swallow_word(text + after, length - after);
            size_t end = swallow_spaces(text, length, after + id);
            bool numbered = heading[0] == 'c' || isdigit((unsigned char)text[after]);
            if (after > first && id > 0 && numbered && (end == length || text[end] == ':')) {
                snprintf(buffer, size, "%s '%s' heading ('%.*s')", misspelt ? "a misspelt" : "a",
                         heading, (int)(after + id), text);
                return buffer;
            }
        }
    }
    /* An entry keyword and a colon: "applies to: …". */
    const char *colon = memchr(text, ':', length);
    if (colon != NULL && colon - text < 32) {
        char name[32];
        size_t name_length = (size_t)(colon - text);
        while (name_length > 0 && text[name_length - 1] == ' ')
            name_length--;
        memcpy(name, text, name_length);
        name[name_length] = '\0';
        const char *entry = keyword_entry_named(name);
        if (entry != NULL) {
            snprintf(buffer, size, "the entry '%s:'", entry);
            return buffer;
        }
    }
    return NULL;
}

/* The start of the line before offset's line that is not blank or a
 * comment: the line of the name that opened the value. */
static unsigned swallow_owner_line(const source_file *file, unsigned offset)
{
    unsigned line = offset;
    while (line > 0 && file->text[line - 1] != '\n')
        line--;
    while (line > 0) {
        unsigned previous = line - 1;
        while (previous > 0 && file->text[previous - 1] != '\n')
            previous--;
        unsigned first = previous;
        while (file->text[first] == ' ')
            first++;
        line = previous;
        if (file->text[first] != '\n' && file->text[first] != '#')
            break;
    }
    return line;
}

void swallow_check(const swallow_checker *checker, const ast_prose *value)
{
    if (value == NULL || value->line_count == 0 || value->where.file < 0
        || (size_t)value->where.file >= checker->sources->count)
        return;
    const source_file *file = &checker->sources->files[value->where.file];
    const ast_prose_line *swallowed = NULL;
    const char *looks = NULL;
    char buffer[160];
    size_t more = 0;
    for (size_t i = 0; i < value->line_count; i++) {
        const ast_prose_line *line = &value->lines[i];
        unsigned start = line->offset;
        while (start > 0 && file->text[start - 1] == ' ')
            start--;
        if (start > 0 && file->text[start - 1] != '\n')
            continue;   /* the text after the name, on the name's own line */
        char other[160];
        const char *like = swallow_looks_like(checker, line->text, line->length,
                                              swallowed ? other : buffer, sizeof buffer);
        if (like == NULL)
            continue;
        if (swallowed == NULL) {
            swallowed = line;
            looks = like;
        } else {
            more++;
        }
    }
    if (swallowed == NULL)
        return;
    /* The name that opened the value: on the line of its first text, or
     * the line before when the text starts on the next line. */
    const ast_prose_line *first = &value->lines[0];
    unsigned first_start = first->offset;
    while (first_start > 0 && file->text[first_start - 1] == ' ')
        first_start--;
    unsigned owner = first_start > 0 && file->text[first_start - 1] != '\n'
                         ? first_start : swallow_owner_line(file, first->offset);
    while (owner > 0 && file->text[owner - 1] != '\n')
        owner--;
    while (file->text[owner] == ' ')
        owner++;
    int name_length = 0;
    while (file->text[owner + (unsigned)name_length] != ':'
           && file->text[owner + (unsigned)name_length] != '\n' && name_length < 40)
        name_length++;
    const char *name = file->text + owner;
    int owner_line = 0, owner_column = 0;
    source_position(file, owner, &owner_line, &owner_column);
    char also[80] = "";
    if (more > 0)
        snprintf(also, sizeof also, ", as %s %zu more line%s like it after it", more == 1 ? "is" : "are",
                 more, more == 1 ? "" : "s");
    source_span where = {value->where.file, swallowed->offset,
                         swallowed->offset + (unsigned)swallowed->length};
    diagnostic_error(checker->report, where,
                     "this line reads like %s, but it is indented further than '%.*s:' (line %d, "
                     "column %d), so it is part of that entry's text%s; to make it an entry of its "
                     "own, indent it no further than '%.*s:' (or, if '%.*s:' is the line out of "
                     "place, indent that like its neighbours)",
                     looks, name_length, name, owner_line, owner_column, also, name_length, name,
                     name_length, name);
}
