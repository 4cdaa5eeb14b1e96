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

typedef struct output_buffer {
    char *text;
    size_t length;
    size_t capacity;
    int out_of_memory;           /* set once an append could not grow the buffer */
} output_buffer;

void output_buffer_free(output_buffer *buffer);
void output_clear(output_buffer *buffer);

/* Plain appends. */
void output_bytes(output_buffer *buffer, const char *bytes, size_t length);
void output_text(output_buffer *buffer, const char *text);
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
