/*
 * safe_text.h — text from audits and messages made safe for where it goes:
 * a terminal or a text table (control characters escaped, so a case id
 * cannot forge a "file:line: error:" line or move the cursor) and JSON
 * (valid UTF-8, even after a message was cut to a length). A spreadsheet
 * cell is csv_cell.h's. rubricc escapes file names and messages in its
 * diagnostics through safe_text_escaped too.
 *
 * Internal to the library and the project's programs (not installed).
 * Every function appends to an output_buffer and never fails but for lack
 * of memory, which the buffer records.
 */
#ifndef SAFE_TEXT_H
#define SAFE_TEXT_H

#include <stddef.h>

#include "output_buffer.h"

/* The UTF-8 character starting at TEXT (at most LENGTH bytes, LENGTH > 0):
 * its length in bytes and its code point, or 0 when it is malformed
 * (an overlong form, a surrogate, beyond U+10FFFF) or cut short. */
size_t safe_text_decode(const unsigned char *text, size_t length, unsigned long *code);

/* The length of the longest prefix of TEXT[0..LENGTH) that does not end
 * inside a UTF-8 character: where a cut to LENGTH bytes may fall. */
size_t safe_text_boundary(const char *text, size_t length);

/* Shorten the NUL-terminated TEXT in place so it does not end inside a
 * character (snprintf cuts at a byte count). */
void safe_text_cut(char *text);

/* TEXT as valid UTF-8: every malformed byte becomes U+FFFD, and a
 * character cut short at the end is left out. NULL appends nothing. */
void safe_text_valid(output_buffer *buffer, const char *text);

/* TEXT for a terminal or a text table: valid UTF-8 as safe_text_valid,
 * and every control character written as an escape: \n, \r, \t, \xNN for
 * the other C0 controls and DEL, \uNNNN for C1 controls and the
 * bidirectional overrides. NULL appends nothing. */
void safe_text_escaped(output_buffer *buffer, const char *text);

#endif /* SAFE_TEXT_H */
