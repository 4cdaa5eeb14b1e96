/*
 * text_diff.h — the differences between two sequences of lines or words.
 *
 * One longest-common-subsequence diff serves both users: rubricc fmt
 * --diff compares a file's lines with its formatted lines and prints a
 * unified diff (text_diff_write_unified), and rubricc diff compares a
 * descriptor's words between two editions (text_diff_words). The common
 * start and end are taken off first, so the table is only as large as the
 * part that changed; past TEXT_DIFF_MAX_CELLS the changed part is reported
 * as removed and added whole, which is still a correct diff. The result is
 * deterministic: among equally long common subsequences the one that
 * deletes before it inserts is chosen.
 */
#ifndef TEXT_DIFF_H
#define TEXT_DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "arena.h"

enum { TEXT_DIFF_MAX_CELLS = 16 * 1024 * 1024 };

/* A line or a word: a stretch of some text. */
typedef struct text_diff_piece {
    const char *text;
    size_t length;
} text_diff_piece;

typedef enum text_diff_kind {
    TEXT_DIFF_SAME,              /* in both: old[old_index] == new[new_index] */
    TEXT_DIFF_REMOVED,           /* old[old_index] only */
    TEXT_DIFF_ADDED              /* new[new_index] only */
} text_diff_kind;

typedef struct text_diff_edit {
    text_diff_kind kind;
    size_t old_index;
    size_t new_index;
} text_diff_edit;

/* The edits that turn old into new, in order, allocated in region. */
size_t text_diff(arena *region, const text_diff_piece *old, size_t old_count,
                 const text_diff_piece *new, size_t new_count, text_diff_edit **edits);

/* Split text into lines (without their newlines) or words (separated by
 * spaces, tabs and newlines), allocated in region. Return the count. */
size_t text_diff_lines(arena *region, const char *text, size_t length, text_diff_piece **lines);
size_t text_diff_words(arena *region, const char *text, size_t length, text_diff_piece **words);

/* A unified diff (three lines of context) of old and new, named old_name
 * and new_name in its header, to out. Writes nothing when they are equal.
 * Returns 0, or -1 when writing failed. */
int text_diff_write_unified(arena *region, FILE *out, const char *old_name, const char *old_text,
                            size_t old_length, const char *new_name, const char *new_text,
                            size_t new_length);

#endif /* TEXT_DIFF_H */
