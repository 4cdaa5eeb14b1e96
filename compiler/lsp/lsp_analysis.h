/*
 * lsp_analysis.h — one open document compiled for the language server:
 * its syntax tree, its IR when it has no errors, the compiler's own
 * diagnostics, and an index of every name written in it.
 *
 * The document is compiled from the editor's text (not the file on disk)
 * under its own path, so its includes are found beside it, through the
 * same front end and checker as rubricc (frontend_parse, check_rubric).
 * The diagnostics are collected as the compiler's json format
 * (docs/diagnostics.md) written to memory, so the server sees exactly what
 * `rubricc --diagnostics-format json` would say.
 *
 * The index lists each occurrence of a name with its kind — a level code,
 * a glossary abbreviation, a theme id, a section or a criterion id — and
 * whether it is the definition ("O: Outstanding" under scale:) or a use
 * ("same as:", "themes:", "applies to:", the grading limits, a level entry,
 * an abbreviation in prose). Hover, go to definition and find references
 * (lsp_features.c) are look-ups in it.
 */
#ifndef LSP_ANALYSIS_H
#define LSP_ANALYSIS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "ir.h"
#include "lsp_document.h"
#include "source.h"

typedef enum lsp_name_kind {
    LSP_NAME_LEVEL,
    LSP_NAME_ABBREVIATION,
    LSP_NAME_THEME,
    LSP_NAME_SECTION,
    LSP_NAME_CRITERION,
    LSP_NAME_ANSWER_SET,         /* "answers ID:", and a checklist section's "answers: ID" */
    LSP_NAME_BAND                /* a band's name under "bands:", and "is in band NAME" */
} lsp_name_kind;

typedef struct lsp_occurrence {
    lsp_name_kind kind;
    const char *name;            /* sections: the section id */
    source_span where;
    bool is_definition;
} lsp_occurrence;

typedef struct lsp_analysis {
    arena *region;
    source_set sources;
    int main_file;
    const ast_rubric *tree;
    const ir_rubric *rubric;     /* NULL when the document has errors */
    json_t *diagnostics;         /* the json diagnostics document */
    lsp_occurrence *occurrences;
    size_t occurrence_count;
    size_t occurrence_capacity;
} lsp_analysis;

/* Compile document. NULL when out of memory. */
lsp_analysis *lsp_analyse(const lsp_document *document);
void lsp_analysis_free(lsp_analysis *analysis);

/* The occurrence in the main file at byte offset, or NULL. */
const lsp_occurrence *lsp_occurrence_at(const lsp_analysis *analysis, size_t offset);

/* The definition of a name, or NULL. */
const lsp_occurrence *lsp_definition_of(const lsp_analysis *analysis, lsp_name_kind kind,
                                        const char *name);

/* The protocol position of a byte offset in a file of the analysis. */
lsp_position lsp_analysis_position(const lsp_analysis *analysis, int file, unsigned offset);

#endif /* LSP_ANALYSIS_H */
