/*
 * lsp_document.h — the documents a language client has open, and the
 * places in them.
 *
 * The client owns the text of an open document: it sends it whole on
 * didOpen and then only the edits (incremental sync), each a range and the
 * text that replaces it. Ranges and positions in the protocol count lines
 * from 0 and characters in UTF-16 code units (its default encoding); the
 * compiler counts bytes. This module holds each document's text and turns
 * one into the other; a position past the end of a line or of the text is
 * clamped to it, as the protocol asks.
 *
 * It also maps file:// URIs to paths and back, with percent-encoding, so
 * that a document is compiled under its real path (its includes are found
 * beside it) and a diagnostic or a definition in an included file can be
 * named by URI.
 */
#ifndef LSP_DOCUMENT_H
#define LSP_DOCUMENT_H

#include <stddef.h>

typedef struct lsp_position {
    long line;                   /* from 0 */
    long character;              /* UTF-16 code units from the line's start */
} lsp_position;

typedef struct lsp_document {
    char *uri;
    char *path;                  /* the file the URI names, or the URI itself */
    char *text;                  /* NUL-terminated; length bytes */
    size_t length;
    long version;
    struct lsp_document *next;
} lsp_document;

typedef struct lsp_documents {
    lsp_document *first;
} lsp_documents;

/* Open (or replace) the document uri with text. NULL when out of memory. */
lsp_document *lsp_documents_open(lsp_documents *set, const char *uri, const char *text,
                                 size_t length, long version);
lsp_document *lsp_documents_find(const lsp_documents *set, const char *uri);
void lsp_documents_close(lsp_documents *set, const char *uri);
void lsp_documents_free(lsp_documents *set);

/* Replace the text from start to end with text[0..length). Returns 0, or
 * -1 when end comes before start or memory ran out (the document is then
 * unchanged). */
int lsp_document_edit(lsp_document *document, lsp_position start, lsp_position end,
                      const char *text, size_t length);

/* Replace the whole text (a change without a range). */
int lsp_document_replace(lsp_document *document, const char *text, size_t length);

/* The byte offset of a position in text[0..length), clamped. */
size_t lsp_offset_of(const char *text, size_t length, lsp_position position);

/* The position of a byte offset in text[0..length). */
lsp_position lsp_position_of(const char *text, size_t length, size_t offset);

/* UTF-16 code units in the first count code points of line[0..length). */
long lsp_utf16_units(const char *line, size_t length, long count);

/* The path a file:// URI names (percent-decoded), or a copy of the URI
 * when it is not a file URI; malloc'ed, NULL when out of memory. */
char *lsp_path_from_uri(const char *uri);

/* The file:// URI of a path (an absolute one, or one relative to the
 * current folder); malloc'ed, NULL when out of memory. */
char *lsp_uri_from_path(const char *path);

#endif /* LSP_DOCUMENT_H */
