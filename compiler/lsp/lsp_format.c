/*
 * lsp_format.c — the language server's formatting (see lsp_format.h).
 *
 * The formatter gives the whole new text; the line diff of the old and
 * the new text (lines compared with their newlines, so a missing final
 * newline or a CR is a change too) is walked once, and each run of lines
 * removed and added becomes one edit: the old lines' range, replaced by the
 * new lines' text. Ranges are turned into the protocol's positions (UTF-16
 * code units) by lsp_position_of, so wide characters before an edit are
 * counted right.
 */
#include "lsp_format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "lsp_features.h"
#include "text_diff.h"

/* The lines of text[0..length), each with its newline. */
static size_t lsp_lines(arena *region, const char *text, size_t length, text_diff_piece **lines)
{
    size_t count = text_diff_lines(region, text, length, lines);
    for (size_t i = 0; i < count; i++) {
        text_diff_piece *line = &(*lines)[i];
        if ((size_t)(line->text - text) + line->length < length)
            line->length++;
    }
    return count;
}

/* The byte offset where line index starts (length at the end). */
static size_t lsp_line_offset(const char *text, size_t length, const text_diff_piece *lines,
                              size_t count, size_t index)
{
    return index < count ? (size_t)(lines[index].text - text) : length;
}

/* The edit replacing old lines [old_from, old_to) by new lines
 * [new_from, new_to). */
static json_t *lsp_line_edit(const lsp_document *document, const text_diff_piece *old,
                             size_t old_count, size_t old_from, size_t old_to,
                             const format_text *formatted, const text_diff_piece *new,
                             size_t new_count, size_t new_from, size_t new_to)
{
    size_t start = lsp_line_offset(document->text, document->length, old, old_count, old_from);
    size_t end = lsp_line_offset(document->text, document->length, old, old_count, old_to);
    size_t new_start = lsp_line_offset(formatted->data, formatted->length, new, new_count,
                                       new_from);
    size_t new_end = lsp_line_offset(formatted->data, formatted->length, new, new_count, new_to);
    return json_pack("{s:o,s:s%}", "range",
                     lsp_range_json(lsp_position_of(document->text, document->length, start),
                                    lsp_position_of(document->text, document->length, end)),
                     "newText", formatted->data + new_start, new_end - new_start);
}

/* The first line of the formatter's diagnostics, into why. */
static void lsp_first_line(const char *written, size_t length, char *why, size_t size)
{
    const char *newline = memchr(written, '\n', length);
    size_t first = newline != NULL ? (size_t)(newline - written) : length;
    snprintf(why, size, "the document is not formatted because it has errors: %.*s",
             (int)first, written);
}

json_t *lsp_formatting(const lsp_document *document, char *why, size_t size)
{
    arena *region = arena_new();
    source_set sources;
    source_set_init(&sources, region);
    char *written = NULL;
    size_t written_length = 0;
    FILE *collected = open_memstream(&written, &written_length);
    if (collected == NULL) {
        snprintf(why, size, "out of memory while formatting");
        arena_free(region);
        return NULL;
    }
    diagnostics report;
    diagnostics_init(&report, &sources, collected);
    format_text formatted;
    int status = format_rubric_text(region, &sources, &report, document->path, document->text,
                                    document->length, &formatted);
    fclose(collected);
    json_t *edits = NULL;
    if (status != 0) {
        lsp_first_line(written != NULL ? written : "", written_length, why, size);
    } else {
        text_diff_piece *old, *new;
        size_t old_count = lsp_lines(region, document->text, document->length, &old);
        size_t new_count = lsp_lines(region, formatted.data, formatted.length, &new);
        text_diff_edit *diff;
        size_t diff_count = text_diff(region, old, old_count, new, new_count, &diff);
        edits = json_array();
        size_t old_line = 0, new_line = 0;
        for (size_t i = 0; i < diff_count;) {
            if (diff[i].kind == TEXT_DIFF_SAME) {
                old_line++;
                new_line++;
                i++;
                continue;
            }
            size_t old_from = old_line, new_from = new_line;
            for (; i < diff_count && diff[i].kind != TEXT_DIFF_SAME; i++) {
                if (diff[i].kind == TEXT_DIFF_REMOVED)
                    old_line++;
                else
                    new_line++;
            }
            json_t *edit = lsp_line_edit(document, old, old_count, old_from, old_line,
                                         &formatted, new, new_count, new_from, new_line);
            if (edit == NULL || json_array_append_new(edits, edit) != 0) {
                /* Half the edits would corrupt the text: send none. */
                json_decref(edits);
                edits = NULL;
                break;
            }
        }
    }
    if (status == 0 && edits == NULL)
        snprintf(why, size, "out of memory while formatting");
    free(written);
    arena_free(region);
    return edits;
}
