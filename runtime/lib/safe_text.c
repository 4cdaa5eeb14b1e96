/*
 * safe_text.c — escaping and repairing text for terminals, JSON and
 * spreadsheets (see safe_text.h).
 *
 * Audits are checked to be UTF-8 when read, but a message built from them
 * may be cut at a byte count, and a case id may hold a newline or an
 * escape sequence: the writers pass such text through here, so what
 * reaches stderr, a text table or a JSON string is one well-formed line.
 * (A CSV cell is csv_cell.c's.)
 */
#include <string.h>

#include "safe_text.h"

size_t safe_text_decode(const unsigned char *text, size_t length, unsigned long *code)
{
    unsigned char byte = text[0];
    size_t continuation;
    if (byte < 0x80) {
        *code = byte;
        return 1;
    } else if (byte >= 0xC2 && byte <= 0xDF) {
        continuation = 1;
        *code = byte & 0x1F;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
        continuation = 2;
        *code = byte & 0x0F;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
        continuation = 3;
        *code = byte & 0x07;
    } else {
        return 0;
    }
    if (length <= continuation)
        return 0;
    for (size_t offset = 1; offset <= continuation; offset++) {
        if ((text[offset] & 0xC0) != 0x80)
            return 0;
        *code = (*code << 6) | (text[offset] & 0x3F);
    }
    if ((continuation == 2 && (*code < 0x800 || (*code >= 0xD800 && *code <= 0xDFFF))) ||
        (continuation == 3 && (*code < 0x10000 || *code > 0x10FFFF)))
        return 0;
    return continuation + 1;
}

/* Step back over continuation bytes to the last lead byte; keep it only
 * when its whole character fits. A byte that leads nothing is left for
 * the repair to mark. */
size_t safe_text_boundary(const char *text, size_t length)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t start = length;
    while (start > 0 && length - start < 3 && (bytes[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0 || bytes[start - 1] < 0xC2 || bytes[start - 1] > 0xF4)
        return length;
    start--;                     /* the lead byte of the last character */
    unsigned char lead = bytes[start];
    size_t needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    return length - start >= needed ? length : start;
}

/* Cut a NUL-terminated string back to a character boundary. */
void safe_text_cut(char *text)
{
    text[safe_text_boundary(text, strlen(text))] = '\0';
}

/* How one character is written: as itself, or escaped. */
static void append_character(output_buffer *buffer, const unsigned char *text, size_t length,
                             unsigned long code, int escape_controls)
{
    static const char hex[] = "0123456789abcdef";
    if (escape_controls && (code < 0x20 || code == 0x7F)) {
        char escape[4] = {'\\', 'x', hex[code >> 4], hex[code & 0xF]};
        if (code == '\n' || code == '\r' || code == '\t') {
            escape[1] = code == '\n' ? 'n' : code == '\r' ? 'r' : 't';
            output_bytes(buffer, escape, 2);
        } else {
            output_bytes(buffer, escape, 4);
        }
        return;
    }
    if (escape_controls && ((code >= 0x80 && code <= 0x9F) || (code >= 0x202A && code <= 0x202E) ||
                            (code >= 0x2066 && code <= 0x2069))) {
        char escape[6] = {'\\', 'u', hex[(code >> 12) & 0xF], hex[(code >> 8) & 0xF], hex[(code >> 4) & 0xF],
                          hex[code & 0xF]};
        output_bytes(buffer, escape, 6);
        return;
    }
    output_bytes(buffer, (const char *)text, length);
}

/* Walk TEXT character by character: a malformed byte is U+FFFD, a
 * character cut short at the very end is dropped. */
static void append_repaired(output_buffer *buffer, const char *text, int escape_controls)
{
    if (text == NULL)
        return;
    const unsigned char *bytes = (const unsigned char *)text;
    size_t length = strlen(text);
    size_t end = safe_text_boundary(text, length);
    size_t index = 0;
    while (index < end) {
        size_t run = index;
        /* printable ASCII, most of any text, is copied a run at a time */
        while (run < end && bytes[run] >= 0x20 && bytes[run] < 0x7F)
            run++;
        output_bytes(buffer, text + index, run - index);
        index = run;
        if (index >= end)
            break;
        unsigned long code;
        size_t size = safe_text_decode(bytes + index, end - index, &code);
        if (size == 0) {
            output_bytes(buffer, "\xEF\xBF\xBD", 3);
            index++;
            continue;
        }
        append_character(buffer, bytes + index, size, code, escape_controls);
        index += size;
    }
}

void safe_text_valid(output_buffer *buffer, const char *text)
{
    append_repaired(buffer, text, 0);
}

void safe_text_escaped(output_buffer *buffer, const char *text)
{
    append_repaired(buffer, text, 1);
}
