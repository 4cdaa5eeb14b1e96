/*
 * lsp.c — the language server's protocol loop: framing, JSON-RPC, the
 * lifecycle and the dispatch of each method (see lsp.h). JSON is read and
 * written with jansson; what each feature answers is in lsp_features.c.
 *
 * Each message is handled to the end before the next is read, so the
 * answers come in the order of the requests. The document is compiled
 * again for every request about it: a rubric compiles in milliseconds,
 * and an answer can then never be about an older text than the editor's.
 */
#include "lsp.h"

#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lsp_analysis.h"
#include "lsp_document.h"
#include "lsp_features.h"
#include "lsp_format.h"

#ifndef RUBRIC_VERSION
#define RUBRIC_VERSION "0"
#endif

/* JSON-RPC's and the protocol's error codes. */
enum lsp_error_code {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002,
    LSP_REQUEST_FAILED = -32803
};

/* Header lines are short; more or longer ones are not a client's. */
enum { LSP_HEADER_LINE_MAX = 1024, LSP_HEADER_LINES_MAX = 32 };

static const char content_length_name[] = "Content-Length:";

typedef enum lsp_read_status {
    LSP_READ_MESSAGE,
    LSP_READ_END,
    LSP_READ_BAD_HEADER,
    LSP_READ_TOO_LARGE
} lsp_read_status;

typedef struct lsp_server {
    FILE *in;
    FILE *out;
    lsp_documents documents;
    bool initialized;
    bool shutting_down;
    bool exited;
    int exit_status;
    bool resumed;                /* "Content-Length:" was read while resynchronising */
    char problem[256];           /* why the last message could not be read */
} lsp_server;

/* ------------------------------------------------------------ framing */

/* One header line, without its CR LF. Returns its length, -1 at the end
 * of input, -2 when it is too long. */
static long lsp_read_header_line(FILE *in, char *line, size_t size)
{
    size_t used = 0;
    int c;
    while ((c = getc(in)) != EOF && c != '\n') {
        if (used + 1 >= size)
            return -2;
        line[used++] = (char)c;
    }
    if (c == EOF)
        return -1;
    if (used > 0 && line[used - 1] == '\r')
        used--;
    line[used] = '\0';
    return (long)used;
}

/* Client text quoted in an error message: printable ASCII only (a header
 * may hold any bytes, and a JSON string must be valid UTF-8), cut to fit
 * quoted[0..size). */
static const char *lsp_quote(char *quoted, size_t size, const char *text)
{
    size_t used = 0;
    for (; *text != '\0' && used + 1 < size; text++)
        quoted[used++] = *text >= 0x20 && *text < 0x7F ? *text : '?';
    quoted[used] = '\0';
    return quoted;
}

/* The value of Content-Length: digits only, no overflow. */
static bool lsp_parse_length(const char *value, size_t *length)
{
    while (*value == ' ' || *value == '\t')
        value++;
    if (!isdigit((unsigned char)*value))
        return false;
    size_t total = 0;
    for (; isdigit((unsigned char)*value); value++) {
        if (total > (SIZE_MAX - 9) / 10)
            return false;
        total = total * 10 + (size_t)(*value - '0');
    }
    while (*value == ' ' || *value == '\t')
        value++;
    *length = total;
    return *value == '\0';
}

static lsp_read_status lsp_read_message(lsp_server *server, char **body, size_t *length)
{
    char line[LSP_HEADER_LINE_MAX];
    bool have_length = false;
    size_t content_length = 0;
    for (int count = 0;; count++) {
        if (count == LSP_HEADER_LINES_MAX) {
            snprintf(server->problem, sizeof server->problem,
                     "more than %d header lines; a message has a Content-Length header, a blank line, then its JSON",
                     LSP_HEADER_LINES_MAX);
            return LSP_READ_BAD_HEADER;
        }
        size_t skip = 0;
        if (server->resumed) {
            /* The name was consumed while looking for it. */
            strcpy(line, content_length_name);
            skip = sizeof content_length_name - 1;
        }
        long read = lsp_read_header_line(server->in, line + skip, sizeof line - skip);
        bool resumed = server->resumed;
        server->resumed = false;
        if (read == -1)
            return LSP_READ_END;
        if (read == -2) {
            snprintf(server->problem, sizeof server->problem,
                     "a header line longer than %d bytes", LSP_HEADER_LINE_MAX);
            return LSP_READ_BAD_HEADER;
        }
        if (read == 0 && !resumed)
            break;
        char *colon = strchr(line, ':');
        if (colon == NULL) {
            char quoted[64];
            snprintf(server->problem, sizeof server->problem,
                     "a header line without a colon: '%s'; headers are 'Name: value' lines",
                     lsp_quote(quoted, sizeof quoted, line));
            return LSP_READ_BAD_HEADER;
        }
        if ((size_t)(colon - line) + 1 == sizeof content_length_name - 1
            && strncasecmp(line, content_length_name, sizeof content_length_name - 1) == 0) {
            if (!lsp_parse_length(colon + 1, &content_length)) {
                const char *value = colon + 1;
                while (*value == ' ')
                    value++;
                char quoted[64];
                snprintf(server->problem, sizeof server->problem,
                         "Content-Length '%s' is not a number of bytes",
                         lsp_quote(quoted, sizeof quoted, value));
                return LSP_READ_BAD_HEADER;
            }
            have_length = true;
        }
    }
    if (!have_length) {
        snprintf(server->problem, sizeof server->problem,
                 "a message without a Content-Length header");
        return LSP_READ_BAD_HEADER;
    }
    if (content_length > LSP_MAX_MESSAGE_BYTES) {
        snprintf(server->problem, sizeof server->problem,
                 "a message of %zu bytes; the largest accepted is %zu bytes", content_length,
                 LSP_MAX_MESSAGE_BYTES);
        return LSP_READ_TOO_LARGE;
    }
    *body = malloc(content_length + 1);
    if (*body == NULL) {
        snprintf(server->problem, sizeof server->problem,
                 "no memory for a message of %zu bytes", content_length);
        return LSP_READ_TOO_LARGE;
    }
    if (fread(*body, 1, content_length, server->in) != content_length) {
        free(*body);
        return LSP_READ_END;
    }
    (*body)[content_length] = '\0';
    *length = content_length;
    return LSP_READ_MESSAGE;
}

/* After a message that could not be framed: skip to the next
 * "Content-Length:" (the name has no repeated prefix, so a mismatch can
 * restart the match at once). Returns false at the end of input. */
static bool lsp_resynchronise(lsp_server *server)
{
    size_t matched = 0;
    int c;
    while ((c = getc(server->in)) != EOF) {
        if (c == content_length_name[matched])
            matched++;
        else
            matched = c == content_length_name[0] ? 1 : 0;
        if (matched == sizeof content_length_name - 1) {
            server->resumed = true;
            return true;
        }
    }
    return false;
}

static void lsp_send(lsp_server *server, json_t *message)
{
    char *text = json_dumps(message, JSON_COMPACT);
    json_decref(message);
    if (text == NULL) {
        fputs("rubricc lsp: out of memory writing a message\n", stderr);
        return;
    }
    fprintf(server->out, "Content-Length: %zu\r\n\r\n%s", strlen(text), text);
    fflush(server->out);
    free(text);
}

static void lsp_send_result(lsp_server *server, json_t *id, json_t *result)
{
    if (result == NULL) {
        json_t *error = json_pack("{s:s,s:O,s:{s:i,s:s}}", "jsonrpc", "2.0", "id", id, "error",
                                  "code", LSP_INTERNAL_ERROR, "message",
                                  "out of memory while answering");
        lsp_send(server, error);
        return;
    }
    lsp_send(server, json_pack("{s:s,s:O,s:o}", "jsonrpc", "2.0", "id", id, "result", result));
}

static void lsp_send_error(lsp_server *server, json_t *id, int code, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void lsp_send_error(lsp_server *server, json_t *id, int code, const char *format, ...)
{
    char message[512];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    json_t *null_id = json_null();
    if (id == NULL)
        id = null_id;
    json_t *error = json_pack("{s:s,s:O,s:{s:i,s:s}}", "jsonrpc", "2.0", "id", id, "error",
                              "code", code, "message", message);
    if (error == NULL)   /* the message could not be a JSON string */
        error = json_pack("{s:s,s:O,s:{s:i,s:s}}", "jsonrpc", "2.0", "id", id, "error", "code",
                          code, "message", "the request could not be answered");
    lsp_send(server, error);
    json_decref(null_id);
}

/* --------------------------------------------------------- parameters */

/* params.textDocument.uri, or NULL. */
static const char *lsp_uri_param(json_t *params)
{
    return json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
}

/* A {line, character} object of non-negative integers. */
static bool lsp_position_param(json_t *value, lsp_position *position)
{
    json_t *line = json_object_get(value, "line");
    json_t *character = json_object_get(value, "character");
    if (!json_is_integer(line) || !json_is_integer(character) || json_integer_value(line) < 0
        || json_integer_value(character) < 0)
        return false;
    position->line = (long)json_integer_value(line);
    position->character = (long)json_integer_value(character);
    return true;
}

/* ---------------------------------------------------------- documents */

static void lsp_publish(lsp_server *server, const lsp_document *document)
{
    lsp_analysis *analysis = lsp_analyse(document);
    json_t *diagnostics = analysis != NULL ? lsp_diagnostics(analysis, document) : json_array();
    lsp_analysis_free(analysis);
    lsp_send(server, json_pack("{s:s,s:s,s:{s:s,s:I,s:o}}", "jsonrpc", "2.0", "method",
                               "textDocument/publishDiagnostics", "params", "uri", document->uri,
                               "version", (json_int_t)document->version, "diagnostics",
                               diagnostics));
}

static void lsp_did_open(lsp_server *server, json_t *params)
{
    json_t *item = json_object_get(params, "textDocument");
    const char *uri = json_string_value(json_object_get(item, "uri"));
    json_t *text = json_object_get(item, "text");
    if (uri == NULL || !json_is_string(text)) {
        fputs("rubricc lsp: didOpen without textDocument.uri and .text; ignored\n", stderr);
        return;
    }
    lsp_document *document = lsp_documents_open(
        &server->documents, uri, json_string_value(text), json_string_length(text),
        (long)json_integer_value(json_object_get(item, "version")));
    if (document == NULL) {
        fprintf(stderr, "rubricc lsp: out of memory opening %s\n", uri);
        return;
    }
    lsp_publish(server, document);
}

/* One entry of contentChanges: {text} for the whole, {range, text} for a
 * part. Returns false when it is not one. */
static bool lsp_apply_change(lsp_document *document, json_t *change)
{
    json_t *text = json_object_get(change, "text");
    json_t *range = json_object_get(change, "range");
    if (!json_is_string(text))
        return false;
    if (range == NULL)
        return lsp_document_replace(document, json_string_value(text),
                                    json_string_length(text)) == 0;
    lsp_position start, end;
    if (!lsp_position_param(json_object_get(range, "start"), &start)
        || !lsp_position_param(json_object_get(range, "end"), &end))
        return false;
    return lsp_document_edit(document, start, end, json_string_value(text),
                             json_string_length(text)) == 0;
}

static void lsp_did_change(lsp_server *server, json_t *params)
{
    const char *uri = lsp_uri_param(params);
    lsp_document *document = uri != NULL ? lsp_documents_find(&server->documents, uri) : NULL;
    if (document == NULL) {
        fprintf(stderr, "rubricc lsp: didChange of a document not open (%s); ignored\n",
                uri != NULL ? uri : "no uri");
        return;
    }
    json_t *change;
    size_t i;
    json_array_foreach(json_object_get(params, "contentChanges"), i, change) {
        if (!lsp_apply_change(document, change))
            fprintf(stderr, "rubricc lsp: change %zu to %s is not a valid edit; ignored\n", i,
                    uri);
    }
    document->version = (long)json_integer_value(
        json_object_get(json_object_get(params, "textDocument"), "version"));
    lsp_publish(server, document);
}

static void lsp_did_close(lsp_server *server, json_t *params)
{
    const char *uri = lsp_uri_param(params);
    if (uri == NULL || lsp_documents_find(&server->documents, uri) == NULL)
        return;
    lsp_send(server, json_pack("{s:s,s:s,s:{s:s,s:[]}}", "jsonrpc", "2.0", "method",
                               "textDocument/publishDiagnostics", "params", "uri", uri,
                               "diagnostics"));
    lsp_documents_close(&server->documents, uri);
}

/* ----------------------------------------------------------- requests */

static json_t *lsp_capabilities(void)
{
    return json_pack("{s:{s:{s:b,s:i},s:b,s:b,s:b,s:b,s:{s:[s,s]},s:b},s:{s:s,s:s}}",
                     "capabilities", "textDocumentSync", "openClose", 1, "change", 2,
                     "hoverProvider", 1, "definitionProvider", 1, "referencesProvider", 1,
                     "documentSymbolProvider", 1, "completionProvider", "triggerCharacters",
                     ":", ",", "documentFormattingProvider", 1, "serverInfo", "name", "rubricc",
                     "version", RUBRIC_VERSION);
}

typedef enum lsp_document_request {
    LSP_HOVER,
    LSP_DEFINITION,
    LSP_REFERENCES,
    LSP_SYMBOLS,
    LSP_COMPLETION,
    LSP_FORMATTING
} lsp_document_request;

static const struct {
    const char *method;
    lsp_document_request request;
    bool needs_position;
} document_requests[] = {
    {"textDocument/hover", LSP_HOVER, true},
    {"textDocument/definition", LSP_DEFINITION, true},
    {"textDocument/references", LSP_REFERENCES, true},
    {"textDocument/documentSymbol", LSP_SYMBOLS, false},
    {"textDocument/completion", LSP_COMPLETION, true},
    {"textDocument/formatting", LSP_FORMATTING, false},
};

static void lsp_answer_document(lsp_server *server, json_t *id, json_t *params, size_t which)
{
    const char *method = document_requests[which].method;
    const char *uri = lsp_uri_param(params);
    if (uri == NULL) {
        lsp_send_error(server, id, LSP_INVALID_PARAMS, "%s needs params.textDocument.uri",
                       method);
        return;
    }
    lsp_document *document = lsp_documents_find(&server->documents, uri);
    if (document == NULL) {
        lsp_send_error(server, id, LSP_INVALID_PARAMS,
                       "%s: the document %s is not open; send textDocument/didOpen first",
                       method, uri);
        return;
    }
    lsp_position position = {0, 0};
    if (document_requests[which].needs_position
        && !lsp_position_param(json_object_get(params, "position"), &position)) {
        lsp_send_error(server, id, LSP_INVALID_PARAMS,
                       "%s needs params.position with a line and a character, each a whole number from 0",
                       method);
        return;
    }
    if (document_requests[which].request == LSP_FORMATTING) {
        /* The formatter parses the text itself; a refusal is an error. */
        char why[400];
        json_t *edits = lsp_formatting(document, why, sizeof why);
        if (edits == NULL)
            lsp_send_error(server, id, LSP_REQUEST_FAILED, "%s", why);
        else
            lsp_send_result(server, id, edits);
        return;
    }
    lsp_analysis *analysis = lsp_analyse(document);
    if (analysis == NULL) {
        lsp_send_result(server, id, NULL);
        return;
    }
    json_t *result = NULL;
    switch (document_requests[which].request) {
    case LSP_HOVER:
        result = lsp_hover(analysis, document, position);
        break;
    case LSP_DEFINITION:
        result = lsp_definition(analysis, document, position);
        break;
    case LSP_REFERENCES:
        result = lsp_references(
            analysis, document, position,
            json_is_true(json_object_get(json_object_get(params, "context"), "includeDeclaration")));
        break;
    case LSP_SYMBOLS:
        result = lsp_document_symbols(analysis, document);
        break;
    case LSP_COMPLETION:
        result = lsp_completion(analysis, document, position);
        break;
    case LSP_FORMATTING:     /* answered above */
        break;
    }
    lsp_analysis_free(analysis);
    lsp_send_result(server, id, result);
}

static void lsp_request(lsp_server *server, const char *method, json_t *id, json_t *params)
{
    if (strcmp(method, "initialize") == 0) {
        if (server->initialized) {
            lsp_send_error(server, id, LSP_INVALID_REQUEST, "initialize was already received");
            return;
        }
        server->initialized = true;
        lsp_send_result(server, id, lsp_capabilities());
        return;
    }
    if (!server->initialized) {
        lsp_send_error(server, id, LSP_SERVER_NOT_INITIALIZED,
                       "'%s' before initialize: the first request must be initialize", method);
        return;
    }
    if (server->shutting_down) {
        lsp_send_error(server, id, LSP_INVALID_REQUEST,
                       "'%s' after shutdown: only exit may follow", method);
        return;
    }
    if (strcmp(method, "shutdown") == 0) {
        server->shutting_down = true;
        lsp_send_result(server, id, json_null());
        return;
    }
    for (size_t i = 0; i < sizeof document_requests / sizeof document_requests[0]; i++) {
        if (strcmp(method, document_requests[i].method) == 0) {
            lsp_answer_document(server, id, params, i);
            return;
        }
    }
    lsp_send_error(server, id, LSP_METHOD_NOT_FOUND, "unknown method '%s'", method);
}

/* Notifications get no answer, whatever happens. */
static void lsp_notification(lsp_server *server, const char *method, json_t *params)
{
    if (strcmp(method, "exit") == 0) {
        server->exited = true;
        server->exit_status = server->shutting_down ? 0 : 1;
    } else if (!server->initialized || server->shutting_down) {
        return;
    } else if (strcmp(method, "textDocument/didOpen") == 0) {
        lsp_did_open(server, params);
    } else if (strcmp(method, "textDocument/didChange") == 0) {
        lsp_did_change(server, params);
    } else if (strcmp(method, "textDocument/didClose") == 0) {
        lsp_did_close(server, params);
    }
    /* initialized, didSave, $/cancelRequest, $/setTrace and notifications
     * the server does not know: nothing to do. */
}

/* One message: check that it is JSON-RPC 2.0, then dispatch it. */
static void lsp_handle(lsp_server *server, const char *body, size_t length)
{
    json_error_t problem;
    json_t *message = json_loadb(body, length, 0, &problem);
    if (message == NULL) {
        char quoted[sizeof problem.text];
        lsp_send_error(server, NULL, LSP_PARSE_ERROR,
                       "the message is not valid JSON: %s (line %d, column %d)",
                       lsp_quote(quoted, sizeof quoted, problem.text), problem.line,
                       problem.column);
        return;
    }
    json_t *id = json_object_get(message, "id");
    bool id_valid = id == NULL || json_is_string(id) || json_is_integer(id) || json_is_null(id);
    json_t *method = json_object_get(message, "method");
    const char *version = json_string_value(json_object_get(message, "jsonrpc"));
    if (!json_is_object(message) || !id_valid || version == NULL || strcmp(version, "2.0") != 0
        || (method != NULL && !json_is_string(method))) {
        lsp_send_error(server, id_valid ? id : NULL, LSP_INVALID_REQUEST,
                       "not a JSON-RPC 2.0 message: an object with \"jsonrpc\": \"2.0\", a \"method\" string and, for a request, an \"id\" number or string");
    } else if (method == NULL) {
        /* A response: the server sends no requests, so there is nothing to match. */
    } else if (id == NULL) {
        lsp_notification(server, json_string_value(method), json_object_get(message, "params"));
    } else {
        lsp_request(server, json_string_value(method), id, json_object_get(message, "params"));
    }
    json_decref(message);
}

int lsp_serve(FILE *in, FILE *out)
{
    lsp_server server;
    memset(&server, 0, sizeof server);
    server.in = in;
    server.out = out;
    server.exit_status = 1;
    while (!server.exited) {
        char *body = NULL;
        size_t length = 0;
        lsp_read_status status = lsp_read_message(&server, &body, &length);
        if (status == LSP_READ_END)
            break;
        if (status != LSP_READ_MESSAGE) {
            lsp_send_error(&server, NULL, LSP_INVALID_REQUEST, "%s", server.problem);
            if (!lsp_resynchronise(&server))
                break;
            continue;
        }
        lsp_handle(&server, body, length);
        free(body);
    }
    lsp_documents_free(&server.documents);
    if (!server.exited)
        server.exit_status = server.shutting_down ? 0 : 1;
    return server.exit_status;
}

int lsp_main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs("usage: rubricc lsp [--stdio]\n"
                  "\n"
                  "Serve the Language Server Protocol on standard input and output,\n"
                  "for an editor: diagnostics, hover, go to definition, references,\n"
                  "outline and completion for rubric files (see the README).\n",
                  stdout);
            return 0;
        }
        if (strcmp(argv[i], "--stdio") != 0) {
            fprintf(stderr, "rubricc lsp: unknown option '%s'; the server takes only --stdio\n"
                            "Try 'rubricc lsp --help' for more information.\n",
                    argv[i]);
            return 2;
        }
    }
    return lsp_serve(stdin, stdout);
}
