/*
 * json_writer.h — a streaming JSON writer: keys in the order they are
 * written, two-space indentation, one member per line, so that a document
 * written twice from the same data is the same byte for byte.
 *
 * Used by the rubric JSON emitter (emit_json.c) and by the machine-readable
 * diagnostics (diagnostics_document.c). Strings are written as UTF-8 with
 * only what JSON requires escaped (quote, backslash, control characters:
 * \b \f \n \r \t, others \u00XX). The bytes go through a 64 KiB buffer,
 * handed to the stream in large blocks rather than a call per token; the
 * smallest helpers are inline because the emitter calls them per token.
 */
#ifndef JSON_WRITER_H
#define JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
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
static inline void json_flush(json_writer *writer)
{
    if (writer->used > 0)
        fwrite(writer->buffer, 1, writer->used, writer->out);
    writer->used = 0;
}

/* Append length bytes to the output. */
static inline void json_put(json_writer *writer, const char *bytes, size_t length)
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

/* Append one byte to the output. */
static inline void json_put_char(json_writer *writer, char byte)
{
    if (writer->used == JSON_BUFFER_SIZE)
        json_flush(writer);
    writer->buffer[writer->used++] = byte;
}

void json_writer_init(json_writer *writer, FILE *out);

/* Append a NUL-terminated string to the output, as it is. */
void json_put_text(json_writer *writer, const char *text);

/* A JSON string, escaped. */
void json_write_string(json_writer *writer, const char *text);

/* Start a new member of the open object or array: the comma after the
 * previous one, a new line and the indentation. */
void json_next_member(json_writer *writer);

/* "key": — the value follows. */
void json_key(json_writer *writer, const char *key);

/* Open an object ('{') or array ('['), as a value; close it (an empty one
 * stays on its line: "{}", "[]"). */
void json_open(json_writer *writer, char bracket);
void json_close(json_writer *writer, char bracket);

/* Scalar members: "key": value. A NULL text is written as null. */
void json_string_member(json_writer *writer, const char *key, const char *text);
void json_integer_member(json_writer *writer, const char *key, long value);
void json_boolean_member(json_writer *writer, const char *key, bool value);
void json_null_member(json_writer *writer, const char *key);

#endif /* JSON_WRITER_H */
