/*
 * text_diff.c — longest-common-subsequence diff of lines or words, and the
 * unified diff format (see text_diff.h).
 */
#include "text_diff.h"

#include <stdint.h>
#include <string.h>

static int text_diff_equal(const text_diff_piece *a, const text_diff_piece *b)
{
    return a->length == b->length && memcmp(a->text, b->text, a->length) == 0;
}

size_t text_diff(arena *region, const text_diff_piece *old, size_t old_count,
                 const text_diff_piece *new, size_t new_count, text_diff_edit **edits)
{
    text_diff_edit *out = arena_array(region, old_count + new_count + 1, sizeof *out);
    size_t count = 0;
    size_t prefix = 0;
    while (prefix < old_count && prefix < new_count && text_diff_equal(&old[prefix], &new[prefix]))
        prefix++;
    size_t suffix = 0;
    while (suffix < old_count - prefix && suffix < new_count - prefix
           && text_diff_equal(&old[old_count - 1 - suffix], &new[new_count - 1 - suffix]))
        suffix++;
    for (size_t i = 0; i < prefix; i++)
        out[count++] = (text_diff_edit){TEXT_DIFF_SAME, i, i};

    /* The changed middle: rows old[prefix..], columns new[prefix..];
     * table[i][j] is the LCS length of the suffixes from i and j. */
    size_t rows = old_count - prefix - suffix;
    size_t columns = new_count - prefix - suffix;
    const text_diff_piece *a = old + prefix;
    const text_diff_piece *b = new + prefix;
    if (rows > 0 && columns > 0 && (rows + 1) * (columns + 1) <= TEXT_DIFF_MAX_CELLS) {
        size_t width = columns + 1;
        uint32_t *table = arena_array(region, (rows + 1) * width, sizeof *table);
        for (size_t i = rows; i-- > 0;)
            for (size_t j = columns; j-- > 0;)
                table[i * width + j] = text_diff_equal(&a[i], &b[j])
                                           ? table[(i + 1) * width + j + 1] + 1
                                           : table[(i + 1) * width + j] >= table[i * width + j + 1]
                                                 ? table[(i + 1) * width + j]
                                                 : table[i * width + j + 1];
        size_t i = 0, j = 0;
        while (i < rows || j < columns) {
            if (i < rows && j < columns && text_diff_equal(&a[i], &b[j])) {
                out[count++] = (text_diff_edit){TEXT_DIFF_SAME, prefix + i, prefix + j};
                i++;
                j++;
            } else if (i < rows && (j == columns || table[(i + 1) * width + j] >= table[i * width + j + 1])) {
                out[count++] = (text_diff_edit){TEXT_DIFF_REMOVED, prefix + i, prefix + j};
                i++;
            } else {
                out[count++] = (text_diff_edit){TEXT_DIFF_ADDED, prefix + i, prefix + j};
                j++;
            }
        }
    } else {
        for (size_t i = 0; i < rows; i++)
            out[count++] = (text_diff_edit){TEXT_DIFF_REMOVED, prefix + i, prefix};
        for (size_t j = 0; j < columns; j++)
            out[count++] = (text_diff_edit){TEXT_DIFF_ADDED, prefix + rows, prefix + j};
    }
    for (size_t k = 0; k < suffix; k++)
        out[count++] = (text_diff_edit){TEXT_DIFF_SAME, old_count - suffix + k,
                                        new_count - suffix + k};
    *edits = out;
    return count;
}

size_t text_diff_lines(arena *region, const char *text, size_t length, text_diff_piece **lines)
{
    size_t count = 0;
    for (size_t i = 0; i < length; i++)
        count += text[i] == '\n';
    text_diff_piece *out = arena_array(region, count + 2, sizeof *out);
    size_t n = 0;
    size_t start = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '\n') {
            out[n++] = (text_diff_piece){text + start, i - start};
            start = i + 1;
        }
    }
    if (start < length)
        out[n++] = (text_diff_piece){text + start, length - start};
    *lines = out;
    return n;
}

size_t text_diff_words(arena *region, const char *text, size_t length, text_diff_piece **words)
{
    text_diff_piece *out = arena_array(region, length / 2 + 2, sizeof *out);
    size_t n = 0;
    size_t i = 0;
    while (i < length) {
        while (i < length && strchr(" \t\n", text[i]) != NULL)
            i++;
        size_t start = i;
        while (i < length && strchr(" \t\n", text[i]) == NULL)
            i++;
        if (i > start)
            out[n++] = (text_diff_piece){text + start, i - start};
    }
    *words = out;
    return n;
}

enum { TEXT_DIFF_CONTEXT = 3 };

/* One hunk: edits [first, end) with its "@@ -a,b +c,d @@" header. */
static void text_diff_write_hunk(FILE *out, const text_diff_piece *old, const text_diff_piece *new,
                                 const text_diff_edit *edits, size_t first, size_t end)
{
    size_t old_lines = 0, new_lines = 0;
    for (size_t k = first; k < end; k++) {
        old_lines += edits[k].kind != TEXT_DIFF_ADDED;
        new_lines += edits[k].kind != TEXT_DIFF_REMOVED;
    }
    size_t old_start = edits[first].old_index + (old_lines > 0);
    size_t new_start = edits[first].new_index + (new_lines > 0);
    fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", old_start, old_lines, new_start, new_lines);
    for (size_t k = first; k < end; k++) {
        const text_diff_piece *line = edits[k].kind == TEXT_DIFF_ADDED ? &new[edits[k].new_index]
                                                                       : &old[edits[k].old_index];
        char mark = edits[k].kind == TEXT_DIFF_SAME ? ' ' : edits[k].kind == TEXT_DIFF_ADDED ? '+' : '-';
        fprintf(out, "%c%.*s\n", mark, (int)line->length, line->text);
    }
}

int text_diff_write_unified(arena *region, FILE *out, const char *old_name, const char *old_text,
                            size_t old_length, const char *new_name, const char *new_text,
                            size_t new_length)
{
    text_diff_piece *old, *new;
    size_t old_count = text_diff_lines(region, old_text, old_length, &old);
    size_t new_count = text_diff_lines(region, new_text, new_length, &new);
    text_diff_edit *edits;
    size_t count = text_diff(region, old, old_count, new, new_count, &edits);
    int header = 0;
    size_t k = 0;
    while (k < count) {
        if (edits[k].kind == TEXT_DIFF_SAME) {
            k++;
            continue;
        }
        /* A hunk: this change, and the next ones closer than twice the
         * context, with the context around them. */
        size_t first = k >= TEXT_DIFF_CONTEXT ? k - TEXT_DIFF_CONTEXT : 0;
        size_t end = k;
        for (;;) {
            while (end < count && edits[end].kind != TEXT_DIFF_SAME)
                end++;
            size_t same = end;
            while (same < count && edits[same].kind == TEXT_DIFF_SAME)
                same++;
            if (same < count && same - end <= 2 * TEXT_DIFF_CONTEXT) {
                end = same;
                continue;
            }
            end = end + TEXT_DIFF_CONTEXT < count ? end + TEXT_DIFF_CONTEXT : count;
            break;
        }
        if (!header) {
            fprintf(out, "--- %s\n+++ %s\n", old_name, new_name);
            header = 1;
        }
        text_diff_write_hunk(out, old, new, edits, first, end);
        k = end;
    }
    return ferror(out) ? -1 : 0;
}
