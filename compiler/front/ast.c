/*
 * ast.c — questions about the syntax tree that need no parse (see ast.h):
 * whether a prose value is empty, and where a bullet item's text starts
 * (shared by the lexer, which builds bullet lists, and the formatter,
 * which must keep them as written).
 */
#include "ast.h"

#include <string.h>

size_t ast_bullet_marker(const char *text, size_t length)
{
    static const char *const markers[] = {"-", "*", "\xC2\xB7", "\xE2\x80\xA2"};
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        size_t marker = strlen(markers[i]);
        if (length > marker && memcmp(text, markers[i], marker) == 0
            && (text[marker] == ' ' || text[marker] == '\t')) {
            size_t end = marker;
            while (end < length && (text[end] == ' ' || text[end] == '\t'))
                end++;
            return end;
        }
    }
    return 0;
}

bool ast_prose_is_empty(const ast_prose *prose)
{
    return prose == NULL || prose->built.block_count == 0;
}
