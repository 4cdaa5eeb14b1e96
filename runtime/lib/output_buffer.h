/*
 * output_buffer.h — a growable byte buffer for building output lines.
 *
 * Internal to rubric-grade's reporting (not installed). A record's output is
 * built here, then written with one fwrite; the buffer keeps its memory for
 * the next record, so a long run allocates only while records grow. The
 * appenders escape for JSON strings (and csv_cell.h's for CSV cells), so
 * every string that came from an audit or a rubric is written safely.
 *
 * The appenders check for room on every call. A writer that knows how
 * much a record can take reserves that room once (output_reserve) and then
 * writes at a cursor without checks (the output_put functions), setting
 * the buffer's end once when done: a local cursor stays in a register,
 * where the buffer's length would be read and written again around every
 * store. output_put_blocks copies the short pieces a report makes once per
 * rubric in whole blocks instead of by a call to memcpy, which for pieces
 * of a few dozen bytes costs more in its call and its dispatch on the
 * length than the copy itself.
 */
#ifndef OUTPUT_BUFFER_H
#define OUTPUT_BUFFER_H

#include <stddef.h>
#include <stdint.h>
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

/* Make room for EXTRA more bytes and a NUL, growing only when there is
 * too little; 0 when out of memory (or EXTRA is SIZE_MAX). */
static inline int output_reserve(output_buffer *buffer, size_t extra)
{
    return extra < buffer->capacity - buffer->length || output_grow(buffer, extra);
}

/* A + B as a room to reserve: SIZE_MAX, which cannot be, when the sum
 * does not fit. */
static inline size_t output_room_add(size_t a, size_t b)
{
    return b > SIZE_MAX - a ? SIZE_MAX : a + b;
}

/* The cursor at the buffer's end, and the end set back from a cursor
 * (no NUL is written). */
static inline char *output_end(const output_buffer *buffer)
{
    return buffer->text + buffer->length;
}

static inline void output_set_end(output_buffer *buffer, const char *end)
{
    buffer->length = (size_t)(end - buffer->text);
}

/* Write LENGTH bytes at TO, where room was reserved; returns their end. */
static inline char *output_put(char *to, const char *bytes, size_t length)
{
    memcpy(to, bytes, length);
    return to + length;
}

/* The block output_put_blocks copies: it reads and writes up to this many
 * bytes past the end of what it appends. 32 bytes hold most ids with
 * their quotes and a grade, so most pieces are one block. */
enum { OUTPUT_BLOCK = 32 };

/* Write LENGTH bytes at TO a block at a time, where room was reserved for
 * LENGTH + OUTPUT_BLOCK bytes and BYTES is followed by at least
 * OUTPUT_BLOCK readable bytes (a piece with padding after it); returns
 * the end of the LENGTH bytes. The bytes written past it are overwritten
 * by the next write or left unused past the end. A block of constant size
 * is copied by a few loads and stores, with no call. */
static inline char *output_put_blocks(char *to, const char *bytes, size_t length)
{
    char *end = to + length;
    memcpy(to, bytes, OUTPUT_BLOCK);
    while ((to += OUTPUT_BLOCK) < end) {
        bytes += OUTPUT_BLOCK;
        memcpy(to, bytes, OUTPUT_BLOCK);
    }
    return end;
}

/* The size of a buffer that holds any unsigned long in decimal. */
#define OUTPUT_DECIMAL_SIZE 24

/* Write NUMBER in decimal at TO, where room for OUTPUT_DECIMAL_SIZE bytes
 * was reserved (output_put_decimal writes them all, the digits first);
 * returns the end of the digits. Numbers in records are mostly counts
 * below 100, written directly; larger ones by output_put_decimal. */
char *output_put_decimal(char *to, unsigned long number);
static inline char *output_put_unsigned(char *to, unsigned long number)
{
    if (number >= 100)
        return output_put_decimal(to, number);
    if (number >= 10)
        *to++ = (char)('0' + number / 10);
    *to++ = (char)('0' + number % 10);
    return to;
}

/* Append a NUL-terminated string. */
static inline void output_text(output_buffer *buffer, const char *text)
{
    output_bytes(buffer, text, strlen(text));
}

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

/* The room output_put_json_string needs for TEXT: six bytes for each of
 * its bytes at most ("\u001f") and the quotes, or four for null; SIZE_MAX
 * (more than can be reserved) when that does not fit a size_t. */
size_t output_json_string_room(const char *text);

/* TEXT as a JSON string at TO, where output_json_string_room(TEXT) was
 * reserved; returns its end. */
char *output_put_json_string(char *to, const char *text);


/* Write the buffer to FILE and empty it; 0 on a write error. */
int output_flush_to(output_buffer *buffer, FILE *file);

#endif /* OUTPUT_BUFFER_H */
