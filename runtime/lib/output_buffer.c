/*
 * output_buffer.c — building output text: growth, JSON string escaping
 * and padding to a display width (see output_buffer.h; CSV cells are
 * csv_cell.c's).
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
    if (extra < buffer->capacity - buffer->length)
        return 1;
    if (extra >= SIZE_MAX / 2 - buffer->length) {
        buffer->out_of_memory = 1;
        return 0;
    }
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

/* A number of any size, where room was reserved: its digits made from the
 * last into the end of a block, and the block copied whole (a copy of
 * constant size is a few moves, where one of the digits' length is a
 * call). */
char *output_put_decimal(char *to, unsigned long number)
{
    char digits[2 * OUTPUT_DECIMAL_SIZE] = {0};
    const char *start = output_decimal(number, digits);
    size_t length = (size_t)(digits + OUTPUT_DECIMAL_SIZE - start);
    memcpy(to, start, OUTPUT_DECIMAL_SIZE);
    return to + length;
}

/* A number in decimal, as printf's %lu writes it. */
void output_unsigned(output_buffer *buffer, unsigned long number)
{
    if (!output_reserve(buffer, OUTPUT_DECIMAL_SIZE))
        return;
    output_set_end(buffer, output_put_unsigned(output_end(buffer), number));
    buffer->text[buffer->length] = '\0';
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

/* The bytes a JSON string must escape: the quote, the backslash and the
 * control characters (and the NUL that ends the text). */
static const unsigned char json_escaped[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1,
};

size_t output_json_string_room(const char *text)
{
    if (text == NULL)
        return 4;
    size_t length = strlen(text);
    return length > (SIZE_MAX - 2) / 6 ? SIZE_MAX : 6 * length + 2;
}

/* JSON string escaping: quote, backslash and control characters; UTF-8
 * passes through (inputs are checked to be valid UTF-8). */
char *output_put_json_string(char *to, const char *text)
{
    if (text == NULL)
        return output_put(to, "null", 4);
    *to++ = '"';
    for (const unsigned char *byte = (const unsigned char *)text;; byte++) {
        if (!json_escaped[*byte]) {
            *to++ = (char)*byte;
            continue;
        }
        if (*byte == '\0')
            break;
        *to++ = '\\';
        switch (*byte) {
        case '"': *to++ = '"'; break;
        case '\\': *to++ = '\\'; break;
        case '\n': *to++ = 'n'; break;
        case '\r': *to++ = 'r'; break;
        case '\t': *to++ = 't'; break;
        default:
            memcpy(to, "u00", 3);
            to[3] = "0123456789abcdef"[*byte >> 4];
            to[4] = "0123456789abcdef"[*byte & 0xF];
            to += 5;
            break;
        }
    }
    *to++ = '"';
    return to;
}

/* The same with room made for the longest result, so the bytes are copied
 * without a check each. */
void output_json_string(output_buffer *buffer, const char *text)
{
    if (!output_reserve(buffer, output_json_string_room(text)))
        return;
    output_set_end(buffer, output_put_json_string(output_end(buffer), text));
    buffer->text[buffer->length] = '\0';
}

/* One fwrite of the whole buffer. */
int output_flush_to(output_buffer *buffer, FILE *file)
{
    int written = buffer->length == 0 || fwrite(buffer->text, 1, buffer->length, file) == buffer->length;
    buffer->length = 0;
    return written && !buffer->out_of_memory;
}
