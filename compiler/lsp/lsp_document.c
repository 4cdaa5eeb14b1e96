/*
 * lsp_document.c — open documents, incremental edits, and the conversion
 * between protocol positions (UTF-16 code units) and byte offsets (see
 * lsp_document.h).
 *
 * Documents are few (the ones open in the editor), so they are kept in a
 * list. An edit builds the new text in a fresh allocation before freeing
 * the old one, so running out of memory leaves the document as it was.
 */
#include "lsp_document.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bytes of the UTF-8 sequence that starts with byte (1 for a stray one). */
static size_t lsp_sequence_length(unsigned char byte)
{
    if (byte >= 0xF0 && byte < 0xF8)
        return 4;
    if (byte >= 0xE0)
        return byte < 0xF0 ? 3 : 1;
    if (byte >= 0xC0)
        return 2;
    return 1;
}

static char *lsp_copy(const char *text, size_t length)
{
    char *copy = malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, text, length);
        copy[length] = '\0';
    }
    return copy;
}

lsp_document *lsp_documents_find(const lsp_documents *set, const char *uri)
{
    for (lsp_document *document = set->first; document != NULL; document = document->next)
        if (strcmp(document->uri, uri) == 0)
            return document;
    return NULL;
}

lsp_document *lsp_documents_open(lsp_documents *set, const char *uri, const char *text,
                                 size_t length, long version)
{
    lsp_document *document = lsp_documents_find(set, uri);
    if (document != NULL) {
        if (lsp_document_replace(document, text, length) != 0)
            return NULL;
        document->version = version;
        return document;
    }
    document = calloc(1, sizeof *document);
    if (document == NULL)
        return NULL;
    document->uri = lsp_copy(uri, strlen(uri));
    document->path = lsp_path_from_uri(uri);
    document->text = lsp_copy(text, length);
    if (document->uri == NULL || document->path == NULL || document->text == NULL) {
        free(document->uri);
        free(document->path);
        free(document->text);
        free(document);
        return NULL;
    }
    document->length = length;
    document->version = version;
    document->next = set->first;
    set->first = document;
    return document;
}

static void lsp_document_free(lsp_document *document)
{
    free(document->uri);
    free(document->path);
    free(document->text);
    free(document);
}

void lsp_documents_close(lsp_documents *set, const char *uri)
{
    for (lsp_document **link = &set->first; *link != NULL; link = &(*link)->next) {
        if (strcmp((*link)->uri, uri) == 0) {
            lsp_document *closed = *link;
            *link = closed->next;
            lsp_document_free(closed);
            return;
        }
    }
}

void lsp_documents_free(lsp_documents *set)
{
    while (set->first != NULL) {
        lsp_document *next = set->first->next;
        lsp_document_free(set->first);
        set->first = next;
    }
}

size_t lsp_offset_of(const char *text, size_t length, lsp_position position)
{
    size_t offset = 0;
    for (long line = 0; line < position.line; line++) {
        const char *newline = memchr(text + offset, '\n', length - offset);
        if (newline == NULL)
            return length;
        offset = (size_t)(newline - text) + 1;
    }
    long units = 0;
    while (offset < length && text[offset] != '\n' && units < position.character) {
        size_t bytes = lsp_sequence_length((unsigned char)text[offset]);
        if (offset + bytes > length)
            bytes = length - offset;
        /* A character outside the Basic Multilingual Plane is two units. */
        units += bytes == 4 ? 2 : 1;
        offset += bytes;
    }
    return offset;
}

lsp_position lsp_position_of(const char *text, size_t length, size_t offset)
{
    lsp_position position = {0, 0};
    if (offset > length)
        offset = length;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            position.line++;
            line_start = i + 1;
        }
    }
    for (size_t i = line_start; i < offset;) {
        size_t bytes = lsp_sequence_length((unsigned char)text[i]);
        position.character += bytes == 4 ? 2 : 1;
        i += bytes;
    }
    return position;
}

long lsp_utf16_units(const char *line, size_t length, long count)
{
    long units = 0;
    size_t i = 0;
    for (long seen = 0; seen < count; seen++) {
        if (i >= length) {
            units += count - seen;   /* past the end: one unit each */
            break;
        }
        size_t bytes = lsp_sequence_length((unsigned char)line[i]);
        units += bytes == 4 ? 2 : 1;
        i += bytes;
    }
    return units;
}

int lsp_document_edit(lsp_document *document, lsp_position start, lsp_position end,
                      const char *text, size_t length)
{
    size_t from = lsp_offset_of(document->text, document->length, start);
    size_t to = lsp_offset_of(document->text, document->length, end);
    if (to < from)
        return -1;
    size_t new_length = document->length - (to - from) + length;
    char *edited = malloc(new_length + 1);
    if (edited == NULL)
        return -1;
    memcpy(edited, document->text, from);
    memcpy(edited + from, text, length);
    memcpy(edited + from + length, document->text + to, document->length - to);
    edited[new_length] = '\0';
    free(document->text);
    document->text = edited;
    document->length = new_length;
    return 0;
}

int lsp_document_replace(lsp_document *document, const char *text, size_t length)
{
    char *copy = lsp_copy(text, length);
    if (copy == NULL)
        return -1;
    free(document->text);
    document->text = copy;
    document->length = length;
    return 0;
}

static int lsp_hex_value(char digit)
{
    if (digit >= '0' && digit <= '9')
        return digit - '0';
    if (digit >= 'a' && digit <= 'f')
        return digit - 'a' + 10;
    if (digit >= 'A' && digit <= 'F')
        return digit - 'A' + 10;
    return -1;
}

char *lsp_path_from_uri(const char *uri)
{
    static const char scheme[] = "file://";
    if (strncmp(uri, scheme, sizeof scheme - 1) != 0)
        return lsp_copy(uri, strlen(uri));
    const char *encoded = uri + sizeof scheme - 1;
    /* "file://host/path": only the local host (empty or "localhost"). */
    if (strncmp(encoded, "localhost/", 10) == 0)
        encoded += 9;
    char *path = malloc(strlen(encoded) + 1);
    if (path == NULL)
        return NULL;
    size_t used = 0;
    for (const char *c = encoded; *c != '\0'; c++) {
        int high, low;
        if (c[0] == '%' && (high = lsp_hex_value(c[1])) >= 0 && (low = lsp_hex_value(c[2])) >= 0
            && (high != 0 || low != 0)) {
            path[used++] = (char)(high * 16 + low);
            c += 2;
        } else {
            path[used++] = *c;
        }
    }
    path[used] = '\0';
    return path;
}

/* Whether byte may stand unencoded in a URI's path. */
static bool lsp_uri_safe(unsigned char byte)
{
    return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z')
        || (byte >= '0' && byte <= '9') || strchr("-._~/", byte) != NULL;
}

char *lsp_uri_from_path(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    char folder[4096] = "";
    if (path[0] != '/' && getcwd(folder, sizeof folder - 1) != NULL)
        strcat(folder, "/");
    size_t length = strlen(folder) + strlen(path);
    char *uri = malloc(sizeof "file://" + 3 * length);
    if (uri == NULL)
        return NULL;
    memcpy(uri, "file://", 7);
    size_t used = 7;
    for (int part = 0; part < 2; part++) {
        for (const char *c = part == 0 ? folder : path; *c != '\0'; c++) {
            unsigned char byte = (unsigned char)*c;
            if (lsp_uri_safe(byte)) {
                uri[used++] = (char)byte;
            } else {
                uri[used++] = '%';
                uri[used++] = hex[byte >> 4];
                uri[used++] = hex[byte & 15];
            }
        }
    }
    uri[used] = '\0';
    return uri;
}
