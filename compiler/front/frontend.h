/*
 * frontend.h — from rubric text to syntax tree: the lexer (grammar/lexer.l)
 * and parser (grammar/parser.y) share this one context.
 *
 * The context is passed to both with bison's %param, instead of a growing
 * list of parameters; it holds the arena, the source files, the diagnostics
 * and the tree being built, and the lexer's own state: where it is in which
 * file, the stack of included files, and the prose value being collected.
 */
#ifndef FRONTEND_H
#define FRONTEND_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diagnostics.h"
#include "source.h"

enum { FRONTEND_MAX_INCLUDE_DEPTH = 16 };

typedef struct include_frame {
    int file;                    /* the file being read at this depth */
    void *buffer;                /* its flex buffer (YY_BUFFER_STATE) */
    unsigned offset;             /* bytes of it consumed so far */
} include_frame;

typedef struct parse_context parse_context;

struct parse_context {
    arena *region;
    source_set *sources;
    diagnostics *report;
    ast_rubric *rubric;
    void *scanner;

    /* Lexer position: the file being read and the bytes consumed. */
    include_frame frames[FRONTEND_MAX_INCLUDE_DEPTH];
    int depth;                   /* frames[depth - 1] is current */
    unsigned token_begin;

    /* Entry and prose state. */
    int entry_indent;            /* indentation of the current entry's name */
    ast_prose *prose;            /* the prose value being collected, or NULL */
    bool blank_before;           /* a blank line since the last prose line */
    bool line_reported;          /* the scanner reported the current line's mistake */
    /* The entry that began on the line before this one, for explaining a
     * line that is not an entry (a continuation indented too little, a
     * title that wraps): where its name was written, its indentation, and
     * whether its value was prose or a heading's one-line title. */
    unsigned entry_begin;        /* offset of the current entry's name */
    unsigned previous_begin, previous_name_end;
    int previous_indent;
    bool previous_prose, previous_title;
    unsigned current_name_end;
    bool current_prose, current_title;
    /* Blocks out of place, reported once and their lines dropped: a
     * "scale:" inside a section, a section heading inside "grading:".
     * Lines indented further than drop_deeper_than - 1 are skipped (0: none). */
    int drop_deeper_than;
    bool in_grading, in_section;
    bool section_damaged;        /* criteria of this section: no echoes */
    /* Inside a "facts:" block: its entries ("referral date: date") are
     * read as facts while indented further than the block's keyword. */
    bool in_facts;
    int facts_indent;
};

/* Whether FILE (sources index INDEX) ends its lines with carriage returns
 * alone; if so the error is reported, at its first CR. Every file read, the
 * main one and each included one, is checked as it is entered. */
bool frontend_carriage_return_lines(const source_file *file, diagnostics *report, int index);


/* Parse the file sources->files[main_file] and whatever it includes.
 * Returns the tree (possibly partial: check report->error_count). */
ast_rubric *frontend_parse(arena *region, source_set *sources, diagnostics *report,
                           int main_file);

#endif /* FRONTEND_H */
