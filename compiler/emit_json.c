/*
 * emit_json.c — the IR as JSON (format described in docs/json-format.md,
 * schema in docs/rubric.schema.json).
 *
 * The JSON is streamed straight to the output as the IR is walked, with
 * keys in the order written here, two-space indentation and one member per
 * line, so the output is the same on every run. Strings are written as
 * UTF-8 with only what JSON requires escaped (quote, backslash, control
 * characters: \b \f \n \r \t, others \u00XX). Streaming, rather than
 * building a tree of the whole document first, keeps the emitter's time
 * and memory small next to the compiler's (see bench/compile/). Keys are
 * written even when their value is null or empty, so consumers never test
 * for absence.
 */
#include "emit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { JSON_MAX_DEPTH = 16, JSON_BUFFER_SIZE = 64 * 1024 };

/* The state of the document being written: how deep, whether the object
 * or array open at each depth has a member yet, and the bytes not yet
 * handed to the stream (written in large blocks, not a call per token). */
typedef struct json_writer {
    FILE *out;
    int depth;
    bool has_members[JSON_MAX_DEPTH];
    size_t used;
    char buffer[JSON_BUFFER_SIZE];
} json_writer;

/* Hand the buffered bytes to the stream. */
static void json_flush(json_writer *writer)
{
    if (writer->used > 0)
        fwrite(writer->buffer, 1, writer->used, writer->out);
    writer->used = 0;
}

/* Append length bytes to the output. */
static void json_put(json_writer *writer, const char *bytes, size_t length)
{
    if (length > JSON_BUFFER_SIZE - writer->used) {
        json_flush(writer);
        if (length > JSON_BUFFER_SIZE) {
            fwrite(bytes, 1, length, writer->out);
            return;
        }
    }
    memcpy(writer->buffer + writer->used, bytes, length);
    writer->used += length;
}

/* Append a NUL-terminated string to the output. */
static void json_put_text(json_writer *writer, const char *text)
{
    json_put(writer, text, strlen(text));
}

/* Append one byte to the output. */
static void json_put_char(json_writer *writer, char byte)
{
    if (writer->used == JSON_BUFFER_SIZE)
        json_flush(writer);
    writer->buffer[writer->used++] = byte;
}

/* Which bytes a JSON string cannot hold as they are: control characters,
 * the quote and the backslash. */
static bool json_needs_escape(unsigned char byte)
{
    return byte < 0x20 || byte == '"' || byte == '\\';
}

/* How many bytes from the start of text[0..length) need no escape: eight
 * at a time while no byte of the eight is a control character, a quote
 * or a backslash, then one at a time. */
static size_t json_plain_run(const char *text, size_t length)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t i = 0;
    while (i + 8 <= length) {
        uint64_t block;
        memcpy(&block, text + i, sizeof block);
        uint64_t quotes = block ^ (ones * '"');
        uint64_t backslashes = block ^ (ones * '\\');
        uint64_t found = ((block - ones * 0x20) & ~block)
                         | ((quotes - ones) & ~quotes)
                         | ((backslashes - ones) & ~backslashes);
        if ((found & highs) != 0)
            break;
        i += 8;
    }
    while (i < length && !json_needs_escape((unsigned char)text[i]))
        i++;
    return i;
}

/* A JSON string, escaped. */
static void json_write_string(json_writer *writer, const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    json_put_char(writer, '"');
    const char *p = text;
    const char *end = text + strlen(text);
    for (;;) {
        size_t plain = json_plain_run(p, (size_t)(end - p));
        json_put(writer, p, plain);
        p += plain;
        if (p == end)
            break;
        unsigned char byte = (unsigned char)*p++;
        switch (byte) {
        case '"': json_put(writer, "\\\"", 2); break;
        case '\\': json_put(writer, "\\\\", 2); break;
        case '\b': json_put(writer, "\\b", 2); break;
        case '\f': json_put(writer, "\\f", 2); break;
        case '\n': json_put(writer, "\\n", 2); break;
        case '\r': json_put(writer, "\\r", 2); break;
        case '\t': json_put(writer, "\\t", 2); break;
        default: {
            char escape[6] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0xF]};
            json_put(writer, escape, sizeof escape);
            break;
        }
        }
    }
    json_put_char(writer, '"');
}

/* A new line and the indentation of the current depth. */
static void json_new_line(json_writer *writer)
{
    static const char indentation[] = "\n                                ";
    json_put(writer, indentation, 1 + 2 * (size_t)writer->depth);
}

/* Start a new member of the open object or array: the comma after the
 * previous one, a new line and the indentation. */
static void json_next_member(json_writer *writer)
{
    if (writer->has_members[writer->depth])
        json_put_char(writer, ',');
    writer->has_members[writer->depth] = true;
    json_new_line(writer);
}

/* "key": — the value follows. */
static void json_key(json_writer *writer, const char *key)
{
    json_next_member(writer);
    json_write_string(writer, key);
    json_put(writer, ": ", 2);
}

/* Open an object ('{') or array ('['), as a value. */
static void json_open(json_writer *writer, char bracket)
{
    json_put_char(writer, bracket);
    writer->depth++;
    writer->has_members[writer->depth] = false;
}

/* Close it: an empty one stays on its line ("{}", "[]"). */
static void json_close(json_writer *writer, char bracket)
{
    bool had_members = writer->has_members[writer->depth];
    writer->depth--;
    if (had_members)
        json_new_line(writer);
    json_put_char(writer, bracket);
}

/* Scalar members: "key": value. */
static void json_string_member(json_writer *writer, const char *key, const char *text)
{
    json_key(writer, key);
    if (text != NULL)
        json_write_string(writer, text);
    else
        json_put(writer, "null", 4);
}

static void json_integer_member(json_writer *writer, const char *key, long value)
{
    json_key(writer, key);
    char digits[24];
    size_t start = sizeof digits;
    unsigned long magnitude = value < 0 ? 0ul - (unsigned long)value : (unsigned long)value;
    do {
        digits[--start] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    if (value < 0)
        digits[--start] = '-';
    json_put(writer, digits + start, sizeof digits - start);
}

static void json_boolean_member(json_writer *writer, const char *key, bool value)
{
    json_key(writer, key);
    json_put_text(writer, value ? "true" : "false");
}

static void json_null_member(json_writer *writer, const char *key)
{
    json_key(writer, key);
    json_put(writer, "null", 4);
}

/* "key": {"file": …, "line": …, "column": …} */
static void json_position(json_writer *writer, const char *key, const ir_position *where)
{
    json_key(writer, key);
    json_open(writer, '{');
    json_string_member(writer, "file", where->file);
    json_integer_member(writer, "line", where->line);
    json_integer_member(writer, "column", where->column);
    json_close(writer, '}');
}

/* "key": PROSE or null: the text, its blocks and its position. */
static void json_prose(json_writer *writer, const char *key, const ir_prose *prose)
{
    if (prose == NULL) {
        json_null_member(writer, key);
        return;
    }
    json_key(writer, key);
    json_open(writer, '{');
    json_string_member(writer, "text", prose->text);
    json_key(writer, "blocks");
    json_open(writer, '[');
    for (size_t i = 0; i < prose->block_count; i++) {
        const ir_block *block = &prose->blocks[i];
        json_next_member(writer);
        json_open(writer, '{');
        if (block->kind == IR_BLOCK_PARAGRAPH) {
            json_string_member(writer, "paragraph", block->text);
        } else {
            json_key(writer, "list");
            json_open(writer, '[');
            for (size_t k = 0; k < block->item_count; k++) {
                json_next_member(writer);
                json_write_string(writer, block->items[k]);
            }
            json_close(writer, ']');
        }
        json_close(writer, '}');
    }
    json_close(writer, ']');
    json_position(writer, "source", &prose->where);
    json_close(writer, '}');
}

/* "key": ["…", …] */
static void json_strings(json_writer *writer, const char *key, const char *const *strings,
                         size_t count)
{
    json_key(writer, key);
    json_open(writer, '[');
    for (size_t i = 0; i < count; i++) {
        json_next_member(writer);
        json_write_string(writer, strings[i]);
    }
    json_close(writer, ']');
}

/* "themes": [theme ids] */
static void json_theme_ids(json_writer *writer, const ir_rubric *rubric, const size_t *themes,
                           size_t count)
{
    json_key(writer, "themes");
    json_open(writer, '[');
    for (size_t i = 0; i < count; i++) {
        json_next_member(writer);
        json_write_string(writer, rubric->themes[themes[i]].id);
    }
    json_close(writer, ']');
}

/* "key": {"O": PROSE, …} for the levels written, in scale order. */
static void json_levels_written(json_writer *writer, const char *key, const ir_rubric *rubric,
                                const ir_prose *const *per_level)
{
    json_key(writer, key);
    json_open(writer, '{');
    for (size_t level = 0; level < rubric->level_count; level++)
        if (per_level[level] != NULL)
            json_prose(writer, rubric->levels[level].code, per_level[level]);
    json_close(writer, '}');
}

/* One criterion, with its effective descriptor for every level. */
static void json_criterion(json_writer *writer, const ir_rubric *rubric,
                           const ir_criterion *criterion)
{
    json_next_member(writer);
    json_open(writer, '{');
    json_string_member(writer, "id", criterion->id);
    json_string_member(writer, "title", criterion->title);
    json_strings(writer, "applies_to", criterion->applies_to, criterion->applies_to_count);
    json_theme_ids(writer, rubric, criterion->themes, criterion->theme_count);
    json_boolean_member(writer, "not_applicable_allowed", criterion->not_applicable_allowed);
    json_string_member(writer, "same_as", criterion->same_as);
    json_levels_written(writer, "descriptors", rubric, criterion->own);
    json_key(writer, "effective");
    json_open(writer, '{');
    for (size_t level = 0; level < rubric->level_count; level++) {
        const ir_descriptor *descriptor = &criterion->effective[level];
        json_key(writer, rubric->levels[level].code);
        json_open(writer, '{');
        json_string_member(writer, "text", descriptor->prose->text);
        json_string_member(writer, "from", ir_origin_name(descriptor->origin));
        json_string_member(writer, "origin", descriptor->origin_id);
        json_close(writer, '}');
    }
    json_close(writer, '}');
    json_position(writer, "source", &criterion->where);
    json_close(writer, '}');
}

/* One section and its criteria. */
static void json_section(json_writer *writer, const ir_rubric *rubric, const ir_section *section)
{
    json_next_member(writer);
    json_open(writer, '{');
    json_string_member(writer, "id", section->id);
    json_string_member(writer, "number", section->number);
    json_string_member(writer, "title", section->title);
    json_prose(writer, "title_supplied", section->title_supplied);
    json_prose(writer, "scope", section->scope);
    json_prose(writer, "sequence_note", section->sequence_note);
    json_strings(writer, "applies_to", section->applies_to, section->applies_to_count);
    json_theme_ids(writer, rubric, section->themes, section->theme_count);
    json_boolean_member(writer, "not_applicable_allowed", section->not_applicable_allowed);
    json_string_member(writer, "method", ir_method_name(section->method));
    json_levels_written(writer, "section_wide", rubric, section->section_wide);
    json_key(writer, "criteria");
    json_open(writer, '[');
    for (size_t i = 0; i < section->criterion_count; i++)
        json_criterion(writer, rubric, &rubric->criteria[section->first_criterion + i]);
    json_close(writer, ']');
    json_position(writer, "source", &section->where);
    json_close(writer, '}');
}

/* One "no better than" limit. */
static void json_limit(json_writer *writer, const ir_rubric *rubric, const ir_limit *limit)
{
    bool section = limit->scope == RUBRIC_SCOPE_SECTION;
    bool by_criterion = limit->kind == RUBRIC_LIMIT_BY_CRITERION;
    json_next_member(writer);
    json_open(writer, '{');
    json_string_member(writer, "capped", section ? "section" : "overall");
    json_string_member(writer, "capped_section", section ? rubric->sections[limit->section].id : NULL);
    json_string_member(writer, "by", by_criterion ? "criterion" : "section");
    json_string_member(writer, "id", by_criterion ? rubric->criteria[limit->index].id
                                                  : rubric->sections[limit->index].id);
    json_position(writer, "source", &limit->where);
    json_close(writer, '}');
}

/* The grading rules. */
static void json_grading(json_writer *writer, const ir_rubric *rubric)
{
    const ir_grading *grading = &rubric->grading;
    json_key(writer, "grading");
    json_open(writer, '{');
    json_string_member(writer, "section_method", ir_method_name(grading->section_method));
    json_string_member(writer, "overall_method", ir_method_name(grading->overall_method));
    json_string_member(writer, "overall_of", ir_basis_name(grading->overall_basis));
    json_string_member(writer, "ties", ir_ties_name(grading->ties));
    bool count_as = grading->not_applicable == RUBRIC_NA_COUNT_AS;
    json_key(writer, "not_applicable");
    json_open(writer, '{');
    json_string_member(writer, "rule", count_as ? "count as" : "leave out");
    json_string_member(writer, "level",
                       count_as ? rubric->levels[grading->not_applicable_level].code : NULL);
    json_close(writer, '}');
    json_string_member(writer, "good_or_better", rubric->levels[grading->good_or_better].code);
    json_key(writer, "limits");
    json_open(writer, '[');
    for (size_t i = 0; i < grading->limit_count; i++)
        json_limit(writer, rubric, &grading->limits[i]);
    json_close(writer, ']');
    if (grading->written)
        json_position(writer, "source", &grading->where);
    else
        json_null_member(writer, "source");
    json_close(writer, '}');
}

/* One level of the scale or one theme: {"code"|"id": …, "label": …, "source": …}. */
static void json_labelled_entry(json_writer *writer, const char *name_key, const char *name,
                                const char *label, const ir_position *where)
{
    json_next_member(writer);
    json_open(writer, '{');
    json_string_member(writer, name_key, name);
    json_string_member(writer, "label", label);
    json_position(writer, "source", where);
    json_close(writer, '}');
}

/* The header, scale, key factors, glossary and themes. */
static void json_header(json_writer *writer, const ir_rubric *rubric)
{
    json_integer_member(writer, "format_version", IR_FORMAT_VERSION);
    json_string_member(writer, "id", rubric->id);
    json_string_member(writer, "title", rubric->title);
    json_string_member(writer, "authority", rubric->authority);
    json_string_member(writer, "version", rubric->version);
    json_string_member(writer, "effective", rubric->effective);
    json_strings(writer, "files", rubric->files, rubric->file_count);
    json_position(writer, "source", &rubric->where);
    json_key(writer, "scale");
    json_open(writer, '[');
    for (size_t i = 0; i < rubric->level_count; i++)
        json_labelled_entry(writer, "code", rubric->levels[i].code, rubric->levels[i].label,
                            &rubric->levels[i].where);
    json_close(writer, ']');
    json_prose(writer, "key_factors", rubric->key_factors);
    json_key(writer, "glossary");
    json_open(writer, '[');
    for (size_t i = 0; i < rubric->glossary_count; i++) {
        json_next_member(writer);
        json_open(writer, '{');
        json_string_member(writer, "abbreviation", rubric->glossary[i].abbreviation);
        json_prose(writer, "meaning", rubric->glossary[i].meaning);
        json_position(writer, "source", &rubric->glossary[i].where);
        json_close(writer, '}');
    }
    json_close(writer, ']');
    json_key(writer, "themes");
    json_open(writer, '[');
    for (size_t i = 0; i < rubric->theme_count; i++)
        json_labelled_entry(writer, "id", rubric->themes[i].id, rubric->themes[i].label,
                            &rubric->themes[i].where);
    json_close(writer, ']');
}

int emit_json(const ir_rubric *rubric, FILE *out)
{
    json_writer writer;
    memset(&writer, 0, offsetof(json_writer, buffer));
    writer.out = out;
    json_open(&writer, '{');
    json_header(&writer, rubric);
    json_key(&writer, "sections");
    json_open(&writer, '[');
    for (size_t i = 0; i < rubric->section_count; i++)
        json_section(&writer, rubric, &rubric->sections[i]);
    json_close(&writer, ']');
    json_grading(&writer, rubric);
    json_close(&writer, '}');
    json_put_char(&writer, '\n');
    json_flush(&writer);
    return ferror(out) ? -1 : 0;
}
