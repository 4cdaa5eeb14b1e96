/*
 * lsp_format.h — textDocument/formatting: the formatter's layout (format.h)
 * of an open document, as the edits that turn the editor's text into it.
 *
 * The document's current text is formatted under its own path (so its
 * includes are found beside it), exactly as `rubricc fmt` would format the
 * file. The answer is the smallest set of whole-line edits a line diff
 * finds (text_diff.h): each run of changed lines is one TextEdit, so the
 * editor keeps its cursor and marks in the lines that did not change, and
 * a document already formatted gets an empty list.
 *
 * A document with syntax errors is not formatted, as by rubricc fmt: the
 * request is then refused with the first error, so the editor says why
 * (the same error is already shown among the document's diagnostics).
 */
#ifndef LSP_FORMAT_H
#define LSP_FORMAT_H

#include <jansson.h>
#include <stddef.h>

#include "lsp_document.h"

/* The TextEdit[] that formats document (a new jansson value), or NULL when
 * it cannot be formatted, with the reason in why[0..size). */
json_t *lsp_formatting(const lsp_document *document, char *why, size_t size);

#endif /* LSP_FORMAT_H */
