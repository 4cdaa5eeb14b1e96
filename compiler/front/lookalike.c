/*
 * lookalike.c — the table of look-alike characters (see lookalike.h).
 *
 * The table holds the characters that editors and word processors
 * substitute on their own (smart quotes, dashes, no-break spaces) or that
 * come with text pasted from other scripts' keyboards (full-width
 * punctuation). Matching is on their UTF-8 bytes.
 */
#include "lookalike.h"

#include <string.h>

static const struct {
    const char *bytes;
    const char *name;
    const char *fix;
} lookalike_table[] = {
    {"\xC2\xA0", "U+00A0 NO-BREAK SPACE", "type a plain space instead"},
    {"\xE2\x80\x8B", "U+200B ZERO WIDTH SPACE", "delete it"},
    {"\xE2\x80\xAF", "U+202F NARROW NO-BREAK SPACE", "type a plain space instead"},
    {"\xE3\x80\x80", "U+3000 IDEOGRAPHIC SPACE", "type a plain space instead"},
    {"\xEF\xBB\xBF", "U+FEFF ZERO WIDTH NO-BREAK SPACE", "delete it"},
    {"\xE2\x80\x90", "U+2010 HYPHEN", "type a plain hyphen '-' instead"},
    {"\xE2\x80\x91", "U+2011 NON-BREAKING HYPHEN", "type a plain hyphen '-' instead"},
    {"\xE2\x80\x92", "U+2012 FIGURE DASH", "type a plain hyphen '-' instead"},
    {"\xE2\x80\x93", "U+2013 EN DASH", "type a plain hyphen '-' instead"},
    {"\xE2\x80\x94", "U+2014 EM DASH", "type a plain hyphen '-' instead"},
    {"\xE2\x88\x92", "U+2212 MINUS SIGN", "type a plain hyphen '-' instead"},
    {"\xEF\xBC\x9A", "U+FF1A FULLWIDTH COLON", "type a plain colon ':' instead"},
    {"\xEF\xB9\x95", "U+FE55 SMALL COLON", "type a plain colon ':' instead"},
    {"\xEF\xBC\x8C", "U+FF0C FULLWIDTH COMMA", "type a plain comma ',' instead"},
    {"\xE2\x80\x98", "U+2018 LEFT SINGLE QUOTATION MARK", "remove it (names and ids need no quotes)"},
    {"\xE2\x80\x99", "U+2019 RIGHT SINGLE QUOTATION MARK", "remove it (names and ids need no quotes)"},
    {"\xE2\x80\x9C", "U+201C LEFT DOUBLE QUOTATION MARK", "remove it (names and ids need no quotes)"},
    {"\xE2\x80\x9D", "U+201D RIGHT DOUBLE QUOTATION MARK", "remove it (names and ids need no quotes)"},
};

int lookalike_find(const char *text, size_t length, lookalike *found)
{
    for (size_t i = 0; i < length; i++) {
        if (((unsigned char)text[i] & 0x80) == 0)
            continue;
        for (size_t k = 0; k < sizeof lookalike_table / sizeof lookalike_table[0]; k++) {
            size_t size = strlen(lookalike_table[k].bytes);
            if (size <= length - i && memcmp(text + i, lookalike_table[k].bytes, size) == 0) {
                found->offset = i;
                found->length = size;
                found->name = lookalike_table[k].name;
                found->fix = lookalike_table[k].fix;
                return 1;
            }
        }
    }
    return 0;
}
