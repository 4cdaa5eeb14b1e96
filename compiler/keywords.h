/*
 * keywords.h — the rubric language's entry names, in one table, with the
 * places each may be written.
 *
 * The scanner (grammar/lexer.l) matches each entry name with a pattern of
 * its own; this table lists the same names for the tools that need them as
 * words: the language server's completion offers the ones valid where the
 * cursor is. A new keyword goes into the scanner and here; the test
 * tests/lsp/keywords.py fails when the two lists differ.
 */
#ifndef KEYWORDS_H
#define KEYWORDS_H

#include <stddef.h>

/* Where an entry may stand: a bit for each kind of enclosing block. */
enum keyword_place {
    KEYWORD_TOP = 1 << 0,        /* the rubric header, at no indentation */
    KEYWORD_SECTION = 1 << 1,    /* under "section N:" */
    KEYWORD_CRITERION = 1 << 2,  /* under "criterion id:" */
    KEYWORD_GRADING = 1 << 3     /* under "grading:" */
};

typedef struct keyword {
    const char *name;            /* as written, without the colon */
    const char *insert;          /* what completion inserts */
    unsigned places;             /* enum keyword_place bits */
    const char *summary;         /* one line for the completion list */
} keyword;

extern const keyword language_keywords[];
extern const size_t language_keyword_count;

#endif /* KEYWORDS_H */
