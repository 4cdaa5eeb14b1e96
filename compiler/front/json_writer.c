/*
 * json_writer.c — the streaming JSON writer (see json_writer.h).
 */
#include "json_writer.h"

#include <stdint.h>

void json_writer_init(json_writer *writer, FILE *out)
{
    memset(writer, 0, offsetof(json_writer, buffer));
    writer->out = out;
}

/* Append a NUL-terminated string to the output. */
void json_put_text(json_writer *writer, const char *text)
{
    json_put(writer, text, strlen(text));
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
void json_write_string(json_writer *writer, const char *text)
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
void json_next_member(json_writer *writer)
{
    if (writer->has_members[writer->depth])
        json_put_char(writer, ',');
    writer->has_members[writer->depth] = true;
    json_new_line(writer);
}

/* "key": — the value follows. */
void json_key(json_writer *writer, const char *key)
{
    json_next_member(writer);
    json_write_string(writer, key);
    json_put(writer, ": ", 2);
}

/* Open an object ('{') or array ('['), as a value. */
void json_open(json_writer *writer, char bracket)
{
    json_put_char(writer, bracket);
    writer->depth++;
    writer->has_members[writer->depth] = false;
}

/* Close it: an empty one stays on its line ("{}", "[]"). */
void json_close(json_writer *writer, char bracket)
{
    bool had_members = writer->has_members[writer->depth];
    writer->depth--;
    if (had_members)
        json_new_line(writer);
    json_put_char(writer, bracket);
}

/* Scalar members: "key": value. */
void json_string_member(json_writer *writer, const char *key, const char *text)
{
    json_key(writer, key);
    if (text != NULL)
        json_write_string(writer, text);
    else
        json_put(writer, "null", 4);
}

void json_integer_member(json_writer *writer, const char *key, long value)
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

void json_boolean_member(json_writer *writer, const char *key, bool value)
{
    json_key(writer, key);
    json_put_text(writer, value ? "true" : "false");
}

void json_null_member(json_writer *writer, const char *key)
{
    json_key(writer, key);
    json_put(writer, "null", 4);
}

