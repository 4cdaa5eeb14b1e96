/*
 * swallow.h — lines of prose that read like entries.
 *
 * A prose value goes on over every following line indented further than
 * its name (docs/language.md). So an entry indented one step too far, or
 * a name written one step too little (a level entry at column 0), makes
 * the next entries part of the text before them: a criterion vanishes
 * into a descriptor with no word said. This module looks at every line
 * that continues a prose value and reports, as an error, one that reads
 * like an entry: a 'criterion' or 'section' heading (also misspelt, or
 * without its id or number), an entry keyword and a colon ("applies
 * to:"), or a level code of the scale and a colon ("G:"). The message
 * names the entry it looks like and the value that took it in, and says
 * how to indent it.
 */
#ifndef SWALLOW_H
#define SWALLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "diagnostics.h"
#include "source.h"

/* Whether text[0, length) is a level code of the scale. */
typedef bool swallow_is_level(const void *data, const char *text, size_t length);

typedef struct swallow_checker {
    diagnostics *report;
    const source_set *sources;
    swallow_is_level *is_level;
    const void *level_data;
} swallow_checker;

/* Checks the continuation lines of one prose value. */
void swallow_check(const swallow_checker *checker, const ast_prose *value);

#endif /* SWALLOW_H */
