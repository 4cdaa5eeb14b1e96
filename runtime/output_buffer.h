/*
 * output_buffer.h — a growable byte buffer for building output lines.
 *
 * Internal to rubric-grade's reporting (not installed). A record's output is
 * built here, then written with one fwrite; the buffer keeps its memory for
 * the next record, so a long run allocates only while records grow. The
 * appenders escape for JSON strings and quote CSV fields, so every string
 * that came from an audit or a rubric is written safely.
 */
#ifndef OUTPUT_BUFFER_H
#define OUTPUT_BUFFER_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct output_buffer {
    char *text;
    size_t length;
    size_t capacity;
    int out_of_memory;           /* set once an append could not grow the buffer */
} output_buffer;

void output_buffer_free(output_buffer *buffer);
void output_clear(output_buffer *buffer);

/* Make room for EXTRA more bytes and a NUL; 0 when out of memory. */
int output_grow(output_buffer *buffer, size_t extra);

/* Append LENGTH bytes (kept NUL-terminated). Inline: output is built from
 * many short pieces, and most appends need no growth. */
static inline void output_bytes(output_buffer *buffer, const char *bytes, size_t length)
{
    if (buffer->length + length + 1 > buffer->capacity && !output_grow(buffer, length))
        return;
    memcpy(buffer->text + buffer->length, bytes, length);
    buffer->length += length;
    buffer->text[buffer->length] = '\0';
}

/* Append a NUL-terminated string. */
static inline void output_text(output_buffer *buffer, const char *text)
{
    output_bytes(buffer, text, strlen(text));
}

/* The size of a buffer that holds any unsigned long in decimal. */
#define OUTPUT_DECIMAL_SIZE 24

/* NUMBER in decimal, written right-aligned at the end of DIGITS (no NUL);
 * returns where its first digit is. */
const char *output_decimal(unsigned long number, char digits[OUTPUT_DECIMAL_SIZE]);

/* A number in decimal, as printf's %lu and %ld write it. */
void output_unsigned(output_buffer *buffer, unsigned long number);
void output_signed(output_buffer *buffer, long number);
void output_format(output_buffer *buffer, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* TEXT padded with spaces to WIDTH display columns (UTF-8 aware). */
void output_padded(output_buffer *buffer, const char *text, size_t width);

/* The display width of UTF-8 TEXT: its count of code points. */
size_t output_width(const char *text);

/* A JSON string, quoted and escaped; NULL writes null. */
void output_json_string(output_buffer *buffer, const char *text);

/* A CSV field, quoted only when it holds a comma, quote or line end. */
void output_csv_field(output_buffer *buffer, const char *text);

/* Write the buffer to FILE and empty it; 0 on a write error. */
int output_flush_to(output_buffer *buffer, FILE *file);

#endif /* OUTPUT_BUFFER_H */
