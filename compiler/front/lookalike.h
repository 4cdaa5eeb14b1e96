/*
 * lookalike.h — naming the invisible and look-alike characters that word
 * processors put into text: a no-break space where a space was meant, an
 * en dash for a hyphen, a full-width colon, curly quotes.
 *
 * Where a keyword, a label or an id is expected, such a character turns a
 * line that looks right into one that is not; the diagnostic then names
 * it by its Unicode name and column, and says what to type instead.
 */
#ifndef LOOKALIKE_H
#define LOOKALIKE_H

#include <stddef.h>

typedef struct lookalike {
    size_t offset;               /* byte offset of the character in the text */
    size_t length;               /* its length in bytes */
    const char *name;            /* "U+00A0 NO-BREAK SPACE" */
    const char *fix;             /* "type a plain space instead" */
} lookalike;

/* Finds the first look-alike character in text[0, length); returns 1 and
 * fills found, or 0 when there is none. */
int lookalike_find(const char *text, size_t length, lookalike *found);

#endif /* LOOKALIKE_H */
