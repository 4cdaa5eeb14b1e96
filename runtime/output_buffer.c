/*
 * output_buffer.c — building output text: growth, JSON string escaping,
 * CSV quoting and padding to a display width (see output_buffer.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "output_buffer.h"

/* Release the buffer's memory. */
void output_buffer_free(output_buffer *buffer)
{
    free(buffer->text);
    *buffer = (output_buffer){0};
}

/* Empty the buffer, keeping its memory. */
void output_clear(output_buffer *buffer)
{
    buffer->length = 0;
}

/* Make room for EXTRA more bytes (plus a NUL); doubling keeps growth rare. */
int output_grow(output_buffer *buffer, size_t extra)
{
    if (buffer->out_of_memory)
        return 0;
    if (buffer->length + extra + 1 <= buffer->capacity)
        return 1;
    size_t grown = buffer->capacity ? buffer->capacity : 4096;
    while (grown < buffer->length + extra + 1)
        grown *= 2;
    char *larger = realloc(buffer->text, grown);
    if (larger == NULL) {
        buffer->out_of_memory = 1;
        return 0;
    }
    buffer->text = larger;
    buffer->capacity = grown;
    return 1;
}

/* Digits from the last, into the end of the caller's small buffer. */
const char *output_decimal(unsigned long number, char digits[OUTPUT_DECIMAL_SIZE])
{
    char *start = digits + OUTPUT_DECIMAL_SIZE;
    do {
        *--start = (char)('0' + number % 10);
        number /= 10;
    } while (number);
    return start;
}

/* A number in decimal, as printf's %lu writes it. */
void output_unsigned(output_buffer *buffer, unsigned long number)
{
    char digits[OUTPUT_DECIMAL_SIZE];
    const char *start = output_decimal(number, digits);
    output_bytes(buffer, start, (size_t)(digits + sizeof digits - start));
}

/* A minus sign, then the magnitude (LONG_MIN included). */
void output_signed(output_buffer *buffer, long number)
{
    if (number < 0) {
        output_bytes(buffer, "-", 1);
        output_unsigned(buffer, 0ul - (unsigned long)number);
        return;
    }
    output_unsigned(buffer, (unsigned long)number);
}

/* Append printf-style text. */
void output_format(output_buffer *buffer, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    int needed = vsnprintf(NULL, 0, format, arguments);
    va_end(arguments);
    if (needed < 0 || !output_grow(buffer, (size_t)needed))
        return;
    va_start(arguments, format);
    vsnprintf(buffer->text + buffer->length, (size_t)needed + 1, format, arguments);
    va_end(arguments);
    buffer->length += (size_t)needed;
}

/* Code points, counting every byte that does not continue a sequence. */
size_t output_width(const char *text)
{
    size_t width = 0;
    for (const unsigned char *byte = (const unsigned char *)text; *byte; byte++)
        width += (*byte & 0xC0) != 0x80;
    return width;
}

/* TEXT, then spaces up to WIDTH columns. */
void output_padded(output_buffer *buffer, const char *text, size_t width)
{
    output_text(buffer, text);
    for (size_t used = output_width(text); used < width; used++)
        output_bytes(buffer, " ", 1);
}

/* JSON string escaping: quote, backslash and control characters; UTF-8
 * passes through (inputs are checked to be valid UTF-8). Runs that need no
 * escape are copied whole. */
void output_json_string(output_buffer *buffer, const char *text)
{
    if (text == NULL) {
        output_bytes(buffer, "null", 4);
        return;
    }
    output_bytes(buffer, "\"", 1);
    const char *run = text;
    const char *cursor = text;
    for (;; cursor++) {
        unsigned char byte = (unsigned char)*cursor;
        if (byte >= 0x20 && byte != '"' && byte != '\\')
            continue;
        output_bytes(buffer, run, (size_t)(cursor - run));
        if (byte == '\0')
            break;
        switch (byte) {
        case '"': output_bytes(buffer, "\\\"", 2); break;
        case '\\': output_bytes(buffer, "\\\\", 2); break;
        case '\n': output_bytes(buffer, "\\n", 2); break;
        case '\r': output_bytes(buffer, "\\r", 2); break;
        case '\t': output_bytes(buffer, "\\t", 2); break;
        default: output_format(buffer, "\\u%04x", byte); break;
        }
        run = cursor + 1;
    }
    output_bytes(buffer, "\"", 1);
}

/* RFC 4180 quoting, only where needed; NULL is an empty field. */
void output_csv_field(output_buffer *buffer, const char *text)
{
    if (text == NULL)
        return;
    if (strpbrk(text, ",\"\r\n") == NULL) {
        output_text(buffer, text);
        return;
    }
    output_bytes(buffer, "\"", 1);
    for (const char *cursor = text; *cursor; cursor++) {
        if (*cursor == '"')
            output_bytes(buffer, "\"", 1);
        output_bytes(buffer, cursor, 1);
    }
    output_bytes(buffer, "\"", 1);
}

/* One fwrite of the whole buffer. */
int output_flush_to(output_buffer *buffer, FILE *file)
{
    int written = buffer->length == 0 || fwrite(buffer->text, 1, buffer->length, file) == buffer->length;
    buffer->length = 0;
    return written && !buffer->out_of_memory;
}
