/*
 * lsp_features.h — the language server's answers about one document:
 * diagnostics, hover, go to definition, find references, the outline
 * (document symbols) and completion.
 *
 * Each takes the document and its analysis (lsp_analysis.h) and returns
 * the protocol's result as a new jansson value (the caller owns it), or
 * NULL when out of memory; a place with nothing to say gives JSON null (or
 * an empty list). Positions in and out are the protocol's (lines from 0,
 * UTF-16 code units).
 */
#ifndef LSP_FEATURES_H
#define LSP_FEATURES_H

#include <jansson.h>
#include <stdbool.h>

#include "lsp_analysis.h"
#include "lsp_document.h"

/* A protocol Range from start to end. */
json_t *lsp_range_json(lsp_position start, lsp_position end);

/* The Diagnostic[] of textDocument/publishDiagnostics: the compiler's
 * diagnostics in this document; one in an included file is shown at the
 * include line, its place given as related information; notes are related
 * information too. */
json_t *lsp_diagnostics(const lsp_analysis *analysis, const lsp_document *document);

/* textDocument/hover: a level code's name, a criterion's title and
 * effective descriptors, an abbreviation's meaning, a theme's or a
 * section's name. */
json_t *lsp_hover(const lsp_analysis *analysis, const lsp_document *document,
                  lsp_position position);

/* textDocument/definition: the Location of what the name at position names. */
json_t *lsp_definition(const lsp_analysis *analysis, const lsp_document *document,
                       lsp_position position);

/* textDocument/references: every Location of that name. */
json_t *lsp_references(const lsp_analysis *analysis, const lsp_document *document,
                       lsp_position position, bool include_declaration);

/* textDocument/documentSymbol: sections, each with its criteria. */
json_t *lsp_document_symbols(const lsp_analysis *analysis, const lsp_document *document);

/* textDocument/completion: the CompletionItem[] valid at position. */
json_t *lsp_completion(const lsp_analysis *analysis, const lsp_document *document,
                       lsp_position position);

#endif /* LSP_FEATURES_H */
