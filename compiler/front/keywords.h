/*
 * keywords.h — the rubric language's entry names, in one table, with the
 * places each may be written.
 *
 * The scanner (grammar/lexer.l) matches each entry name with a pattern of
 * its own; this table lists the same names for the tools that need them as
 * words: the language server's completion offers the ones valid where the
 * cursor is, and the compiler's messages suggest the nearest one to a
 * misspelt name. A new keyword goes into the scanner and here; the test
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

typedef struct language_keyword {
    const char *name;            /* as written, without the colon */
    const char *insert;          /* what completion inserts */
    unsigned places;             /* enum keyword_place bits */
    const char *summary;         /* one line for the completion list */
} language_keyword;

extern const language_keyword language_keywords[];
extern const size_t language_keyword_count;

/* The entry names written "name: value" (the table's entries whose
 * insertion holds a colon, and the entries of the scale and answer-set
 * blocks, "points:" and "met:"), for the compiler's messages: the one a
 * misspelt name is nearest to (NULL when none is near), and the one NAME
 * is, ignoring case (NULL when none). */
const char *keyword_entry_suggest(const char *written);
const char *keyword_entry_named(const char *name);

/* Advice for a word written where the language has a construct of another
 * name ("cohort:" for case types, "weighting:" for weight), or NULL. */
const char *keyword_guess(const char *written);

#endif /* KEYWORDS_H */
