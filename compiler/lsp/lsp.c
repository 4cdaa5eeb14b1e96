/*
 * lsp.c — the language server's protocol loop: framing, JSON-RPC, the
 * lifecycle and the dispatch of each method (see lsp.h). JSON is read and
 * written with jansson; what each feature answers is in lsp_features.c.
 *
 * Each message is handled to the end before the next is read, so the
 * answers come in the order of the requests. The document is compiled
 * again for every request about it: a rubric compiles in milliseconds,
 * and an answer can then never be about an older text than the editor's.
 * Only the diagnostics of a change wait: while more changes of the same
 * document are already waiting to be read, they are applied first and the
 * document compiled once (a large one would otherwise fall behind the
 * keystrokes).
 *
 * Framing is read with the JSON in mind (lsp.h): a message that cannot be
 * read is passed over as one JSON value, never searched for a header, and
 * its id, when one can be found in its bytes, gets the error. The JSON is
 * read by json_load_checked (runtime/lib/json_tree.h), which fails
 * promptly when memory runs out, and a message larger than the largest
 * size is never handed to it.
 */
#include "lsp.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "arena.h"
#include "command_line.h"
#include "diagnostics.h"
#include "json_tree.h"
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

/* The longest top-level "id" recovered from a message that cannot be
 * read: JSON-RPC's ids are numbers and short strings. */
enum { LSP_ID_MAX = 128 };

static const char content_length_name[] = "Content-Length:";

typedef enum lsp_read_status {
    LSP_READ_MESSAGE,            /* a body of at most the largest size, read */
    LSP_READ_END,                /* the end of the input */
    LSP_READ_BAD_BLOCK,          /* a header block, ended by its blank line, that cannot be used */
    LSP_READ_TOO_LARGE,          /* a good header block for a body too large to read */
    LSP_READ_NO_MEMORY,          /* a good header block for a body there is no memory for */
    LSP_READ_LOST                /* bytes that are no header block at all */
} lsp_read_status;

/* The client's bytes, through a buffer of the server's own rather than
 * stdio's, so that whether more are already there can be told without
 * waiting (lsp_input_waiting): queued changes are then applied together. */
typedef struct lsp_input {
    FILE *file;                  /* read through only when it has no descriptor */
    int descriptor;              /* -1 for a stream without one (in memory) */
    bool ended;
    size_t next, end;            /* bytes[next..end) are read but not used */
    unsigned char bytes[65536];
} lsp_input;

typedef struct lsp_server {
    lsp_input input;
    FILE *out;
    size_t max_message_bytes;
    lsp_documents documents;
    lsp_document *changed;       /* changed, its diagnostics not yet published */
    bool initialized;
    bool shutting_down;
    bool exited;
    int exit_status;
    bool resumed;                /* "Content-Length:" was read while resynchronising */
    size_t content_length;       /* the last header block's, when it had a good one */
    char problem[256];           /* why the last message could not be read */
} lsp_server;

/* ------------------------------------------------------------- input */

/* More bytes into the buffer; false at the end of the input. */
static bool lsp_input_fill(lsp_input *input)
{
    if (input->ended)
        return false;
    ssize_t got;
    if (input->descriptor >= 0) {
        do
            got = read(input->descriptor, input->bytes, sizeof input->bytes);
        while (got < 0 && errno == EINTR);
    } else {
        got = (ssize_t)fread(input->bytes, 1, sizeof input->bytes, input->file);
    }
    if (got <= 0) {
        input->ended = true;
        return false;
    }
    input->next = 0;
    input->end = (size_t)got;
    return true;
}

static int lsp_input_byte(lsp_input *input)
{
    if (input->next == input->end && !lsp_input_fill(input))
        return EOF;
    return input->bytes[input->next++];
}

/* The next byte, left to be read; EOF at the end of the input. */
static int lsp_input_peek(lsp_input *input)
{
    if (input->next == input->end && !lsp_input_fill(input))
        return EOF;
    return input->bytes[input->next];
}

/* Up to LENGTH bytes into TO; fewer only at the end of the input. */
static size_t lsp_input_read(lsp_input *input, char *to, size_t length)
{
    size_t done = 0;
    while (done < length) {
        if (input->next == input->end && !lsp_input_fill(input))
            break;
        size_t part = input->end - input->next;
        if (part > length - done)
            part = length - done;
        memcpy(to + done, input->bytes + input->next, part);
        input->next += part;
        done += part;
    }
    return done;
}

/* Whether a byte can be read at once: one is buffered, or the descriptor
 * has one (poll, without waiting). */
static bool lsp_input_waiting(lsp_input *input)
{
    if (input->next < input->end)
        return true;
    if (input->ended)
        return false;
    if (input->descriptor < 0)
        return true;             /* a stream in memory never makes the server wait */
    struct pollfd ready = {.fd = input->descriptor, .events = POLLIN};
    int count;
    do
        count = poll(&ready, 1, 0);
    while (count < 0 && errno == EINTR);
    return count > 0;
}

/* ------------------------------------------------------------ framing */

/* One header line, without its CR LF. Returns its length, -1 at the end
 * of input, -2 when it is too long (the rest of it is left unread). */
static long lsp_read_header_line(lsp_input *input, char *line, size_t size)
{
    size_t used = 0;
    int c;
    while ((c = lsp_input_byte(input)) != EOF && c != '\n') {
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

/* Whether NAME[0..LENGTH) is a header's name: an HTTP token (letters,
 * digits and !#$%&'*+-.^_`|~), as Content-Length and Content-Type are. */
static bool lsp_is_header_name(const char *name, size_t length)
{
    if (length == 0)
        return false;
    for (size_t at = 0; at < length; at++)
        if (!isalnum((unsigned char)name[at]) && strchr("!#$%&'*+-.^_`|~", name[at]) == NULL)
            return false;
    return true;
}

/* Note the first problem of a header block; the block is read on to its
 * blank line all the same, so that its body can be passed over whole. */
static void lsp_header_problem(lsp_server *server, bool *bad, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void lsp_header_problem(lsp_server *server, bool *bad, const char *format, ...)
{
    if (*bad)
        return;
    *bad = true;
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(server->problem, sizeof server->problem, format, arguments);
    va_end(arguments);
}

/* One message: a header block (header lines, then a blank line) and the
 * body its Content-Length gives. */
static lsp_read_status lsp_read_message(lsp_server *server, char **body, size_t *length)
{
    char line[LSP_HEADER_LINE_MAX];
    bool have_length = false, bad = false;
    size_t content_length = 0;
    server->content_length = SIZE_MAX;
    for (int count = 0;; count++) {
        if (count == LSP_HEADER_LINES_MAX) {
            snprintf(server->problem, sizeof server->problem,
                     "more than %d header lines; a message has a Content-Length header, a blank line, then its JSON",
                     LSP_HEADER_LINES_MAX);
            return LSP_READ_LOST;
        }
        size_t skip = 0;
        if (server->resumed) {
            /* The name was consumed while looking for it. */
            strcpy(line, content_length_name);
            skip = sizeof content_length_name - 1;
        }
        long read = lsp_read_header_line(&server->input, line + skip, sizeof line - skip);
        bool resumed = server->resumed;
        server->resumed = false;
        if (read == -1)
            return LSP_READ_END;
        if (read == -2) {
            /* Passed over to its end: the block's blank line may follow. */
            int c;
            while ((c = lsp_input_byte(&server->input)) != EOF && c != '\n')
                ;
            lsp_header_problem(server, &bad, "a header line longer than %d bytes",
                               LSP_HEADER_LINE_MAX);
            continue;
        }
        if (read == 0 && !resumed)
            break;
        char *colon = strchr(line, ':');
        char quoted[64];
        if (colon == NULL) {
            lsp_header_problem(server, &bad,
                               "a header line without a colon: '%s'; headers are 'Name: value' lines",
                               lsp_quote(quoted, sizeof quoted, line));
        } else if (!lsp_is_header_name(line, (size_t)(colon - line))) {
            /* Bytes of a message's JSON read as a header, after a wrong
             * Content-Length: the lines that follow are no headers either. */
            lsp_header_problem(server, &bad,
                               "a header line whose name is not a header name: '%s'; headers are 'Name: value' lines",
                               lsp_quote(quoted, sizeof quoted, line));
        } else if ((size_t)(colon - line) + 1 == sizeof content_length_name - 1
                   && strncasecmp(line, content_length_name, sizeof content_length_name - 1) == 0) {
            if (!lsp_parse_length(colon + 1, &content_length)) {
                const char *value = colon + 1;
                while (*value == ' ')
                    value++;
                lsp_header_problem(server, &bad, "Content-Length '%s' is not a number of bytes",
                                   lsp_quote(quoted, sizeof quoted, value));
            }
            have_length = true;
        }
    }
    if (!have_length)
        lsp_header_problem(server, &bad, "a message without a Content-Length header");
    if (bad)
        return LSP_READ_BAD_BLOCK;
    server->content_length = content_length;
    if (content_length > server->max_message_bytes) {
        snprintf(server->problem, sizeof server->problem,
                 "a message of %zu bytes; the largest accepted is %zu bytes (rubricc lsp --max-message-size raises it)",
                 content_length, server->max_message_bytes);
        return LSP_READ_TOO_LARGE;
    }
    *body = malloc(content_length + 1);
    if (*body == NULL) {
        snprintf(server->problem, sizeof server->problem,
                 "no memory for a message of %zu bytes", content_length);
        return LSP_READ_NO_MEMORY;
    }
    if (lsp_input_read(&server->input, *body, content_length) != content_length) {
        free(*body);
        return LSP_READ_END;
    }
    (*body)[content_length] = '\0';
    *length = content_length;
    return LSP_READ_MESSAGE;
}

/* A message read a byte at a time without keeping it: where its JSON value
 * ends, and its top-level "id", so that a message that cannot be read can
 * still be answered with its own id, and passed over without taking
 * anything inside one of its strings for a header. */
typedef enum lsp_scan_place {
    LSP_SCAN_KEY,                /* in the top object, where a key may start */
    LSP_SCAN_IN_KEY,
    LSP_SCAN_COLON,              /* after a key */
    LSP_SCAN_VALUE,              /* after its colon */
    LSP_SCAN_IN_ID_STRING,
    LSP_SCAN_IN_ID_WORD,         /* a number, or null */
    LSP_SCAN_ELSEWHERE
} lsp_scan_place;

typedef enum lsp_scan_result { LSP_SCAN_GOING, LSP_SCAN_ENDED, LSP_SCAN_NOT_JSON } lsp_scan_result;

typedef struct lsp_scan {
    unsigned long depth;
    bool in_string, escaped, top_object;
    lsp_scan_place place;
    char key[3];
    size_t key_length;
    bool key_is_id;
    bool id_found, id_string, id_unusable;
    size_t id_length;
    char id[LSP_ID_MAX];
} lsp_scan;

static void lsp_scan_keep(lsp_scan *scan, int c)
{
    if (scan->id_length + 1 < sizeof scan->id)
        scan->id[scan->id_length++] = (char)c;
    else
        scan->id_unusable = true;
}

static lsp_scan_result lsp_scan_byte(lsp_scan *scan, int c)
{
    bool top = scan->depth == 1 && scan->top_object;
    if (scan->in_string) {
        if (scan->escaped) {
            scan->escaped = false;
        } else if (c == '\\') {
            scan->escaped = true;
            if (scan->place == LSP_SCAN_IN_ID_STRING)
                scan->id_unusable = true;   /* an id is plain; an escaped one is not recovered */
        } else if (c == '"') {
            scan->in_string = false;
            if (scan->place == LSP_SCAN_IN_KEY) {
                scan->key_is_id = scan->key_length == 2 && memcmp(scan->key, "id", 2) == 0;
                scan->place = LSP_SCAN_COLON;
            } else if (scan->place == LSP_SCAN_IN_ID_STRING) {
                scan->id_found = true;
                scan->place = LSP_SCAN_ELSEWHERE;
            }
            return LSP_SCAN_GOING;
        }
        if (scan->place == LSP_SCAN_IN_KEY) {
            if (scan->key_length < sizeof scan->key)
                scan->key[scan->key_length] = (char)c;
            scan->key_length++;
        } else if (scan->place == LSP_SCAN_IN_ID_STRING) {
            lsp_scan_keep(scan, c);
        }
        return LSP_SCAN_GOING;
    }
    bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (scan->depth == 0) {
        if (space)
            return LSP_SCAN_GOING;
        if (c != '{' && c != '[')
            return LSP_SCAN_NOT_JSON;
        scan->depth = 1;
        scan->top_object = c == '{';
        scan->place = scan->top_object ? LSP_SCAN_KEY : LSP_SCAN_ELSEWHERE;
        return LSP_SCAN_GOING;
    }
    if (scan->place == LSP_SCAN_IN_ID_WORD) {
        if (isalnum(c) || c == '-' || c == '+' || c == '.') {
            lsp_scan_keep(scan, c);
            return LSP_SCAN_GOING;
        }
        scan->id_found = true;
        scan->place = LSP_SCAN_ELSEWHERE;
    }
    switch (c) {
    case '"':
        scan->in_string = true;
        if (top && scan->place == LSP_SCAN_KEY) {
            scan->place = LSP_SCAN_IN_KEY;
            scan->key_length = 0;
        } else if (top && scan->place == LSP_SCAN_VALUE && scan->key_is_id && !scan->id_found) {
            scan->place = LSP_SCAN_IN_ID_STRING;
            scan->id_string = true;
        } else if (top) {
            scan->place = LSP_SCAN_ELSEWHERE;
        }
        break;
    case '{':
    case '[':
        if (top)
            scan->place = LSP_SCAN_ELSEWHERE;
        scan->depth++;
        break;
    case '}':
    case ']':
        if (--scan->depth == 0)
            return LSP_SCAN_ENDED;
        break;
    case ':':
        if (top && scan->place == LSP_SCAN_COLON)
            scan->place = LSP_SCAN_VALUE;
        break;
    case ',':
        if (top) {
            scan->place = LSP_SCAN_KEY;
            scan->key_is_id = false;
        }
        break;
    default:
        if (top && scan->place == LSP_SCAN_VALUE && !space) {
            if (scan->key_is_id && !scan->id_found) {
                scan->place = LSP_SCAN_IN_ID_WORD;
                scan->id_string = false;
                lsp_scan_keep(scan, c);
            } else {
                scan->place = LSP_SCAN_ELSEWHERE;
            }
        }
        break;
    }
    return LSP_SCAN_GOING;
}

/* The id the scan found, as JSON-RPC allows one (a whole number, a string
 * or null), or NULL. */
static json_t *lsp_scan_id(const lsp_scan *scan)
{
    if (!scan->id_found || scan->id_unusable)
        return NULL;
    if (scan->id_string)
        return json_stringn(scan->id, scan->id_length);   /* NULL when not UTF-8 */
    char word[LSP_ID_MAX];
    memcpy(word, scan->id, scan->id_length);
    word[scan->id_length] = '\0';
    if (strcmp(word, "null") == 0)
        return json_null();
    char *end;
    errno = 0;
    long long number = strtoll(word, &end, 10);
    if (errno != 0 || end == word || *end != '\0')
        return NULL;
    return json_integer((json_int_t)number);
}

/* The top-level id of a body held in memory that jansson could not read. */
static json_t *lsp_recover_id(const char *body, size_t length)
{
    lsp_scan scan;
    memset(&scan, 0, sizeof scan);
    for (size_t at = 0; at < length; at++)
        if (lsp_scan_byte(&scan, (unsigned char)body[at]) != LSP_SCAN_GOING)
            break;
    return lsp_scan_id(&scan);
}

/* After bytes that are no header block: skip to the next line that starts
 * with "Content-Length:" (in any case), and read on from there. A line
 * starts after a line feed, and a JSON string holds no raw line feed, so
 * nothing inside a well-formed message's JSON is taken for a header. FIRST
 * is a byte already read at the start of a line, or EOF. Returns false at
 * the end of input. */
static bool lsp_skip_to_header(lsp_server *server, int first)
{
    size_t matched = 0;
    bool matching = first != EOF;   /* whether this line may still be the one */
    int c = first != EOF ? first : lsp_input_byte(&server->input);
    for (; c != EOF; c = lsp_input_byte(&server->input)) {
        if (c == '\n') {
            matching = true;
            matched = 0;
        } else if (!matching) {
            continue;
        } else if (tolower(c) != tolower((unsigned char)content_length_name[matched])) {
            matching = false;
        } else if (++matched == sizeof content_length_name - 1) {
            server->resumed = true;
            return true;
        }
    }
    return false;
}

/* Pass over the body of a message that cannot be read: its one JSON
 * value, read as JSON (strings as strings), and no further than the
 * declared LENGTH when the header block gave one (SIZE_MAX else) or the
 * largest message; *ID is its top-level id, when one is found. A declared
 * length is not trusted further than the JSON: a value that ends sooner
 * ends the message there (after any whitespace the length covers), so a
 * wrong length swallows no later message. A body that is not JSON, or
 * whose value does not end, is skipped to the next line that starts a
 * header. Returns false at the end of input. */
static bool lsp_pass_over_body(lsp_server *server, size_t length, json_t **id)
{
    lsp_scan scan;
    memset(&scan, 0, sizeof scan);
    size_t limit = length != SIZE_MAX ? length : server->max_message_bytes;
    size_t passed = 0;
    int previous = '\n';         /* the header block ended with a line feed */
    *id = NULL;
    while (passed < limit) {
        int c = lsp_input_byte(&server->input);
        if (c == EOF)
            return false;
        passed++;
        lsp_scan_result result = lsp_scan_byte(&scan, c);
        if (result == LSP_SCAN_ENDED) {
            *id = lsp_scan_id(&scan);
            for (int next; passed < limit && (next = lsp_input_peek(&server->input)) != EOF
                           && (next == ' ' || next == '\t' || next == '\r' || next == '\n');
                 passed++)
                lsp_input_byte(&server->input);
            return true;
        }
        if (result == LSP_SCAN_NOT_JSON)
            return lsp_skip_to_header(server, previous == '\n' ? c : EOF);
        previous = c;
    }
    *id = lsp_scan_id(&scan);
    if (length != SIZE_MAX)
        return true;             /* the declared length read whole: the next message follows */
    return lsp_skip_to_header(server, EOF);
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
    json_t *found = analysis != NULL ? lsp_diagnostics(analysis, document) : json_array();
    lsp_analysis_free(analysis);
    lsp_send(server, json_pack("{s:s,s:s,s:{s:s,s:I,s:o}}", "jsonrpc", "2.0", "method",
                               "textDocument/publishDiagnostics", "params", "uri", document->uri,
                               "version", (json_int_t)document->version, "diagnostics",
                               found));
}

/* The diagnostics of the document changed last, if not yet published. */
static void lsp_publish_changed(lsp_server *server)
{
    if (server->changed != NULL)
        lsp_publish(server, server->changed);
    server->changed = NULL;
}

/* A line on the server's log (stderr) naming a document: the URI comes
 * from the client, so it is escaped as every echoed name is
 * (diagnostics_escaped) and cannot forge a line of the log. */
static void lsp_log_uri(const char *before, const char *uri, const char *after)
{
    arena *region = arena_new();
    const char *shown = region != NULL ? diagnostics_escaped(region, uri) : "(a document)";
    fprintf(stderr, "rubricc lsp: %s%s%s\n", before, shown, after);
    arena_free(region);
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
        lsp_log_uri("out of memory opening ", uri, "");
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
        lsp_log_uri("didChange of a document not open (", uri != NULL ? uri : "no uri", "); ignored");
        return;
    }
    json_t *change;
    size_t i;
    json_array_foreach(json_object_get(params, "contentChanges"), i, change) {
        if (!lsp_apply_change(document, change)) {
            char before[48];
            snprintf(before, sizeof before, "change %zu to ", i);
            lsp_log_uri(before, uri, " is not a valid edit; ignored");
        }
    }
    document->version = (long)json_integer_value(
        json_object_get(json_object_get(params, "textDocument"), "version"));
    /* Published when the next message is not another change of it, or
     * when no message is waiting (lsp_serve): a burst of keystrokes on a
     * large document is compiled once, not once per keystroke. */
    if (server->changed != NULL && server->changed != document)
        lsp_publish_changed(server);
    server->changed = document;
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

/* Whether MESSAGE is a change of the document whose diagnostics wait. */
static bool lsp_changes_waiting_document(const lsp_server *server, json_t *message)
{
    if (server->changed == NULL || json_object_get(message, "id") != NULL)
        return false;
    const char *method = json_string_value(json_object_get(message, "method"));
    const char *uri = lsp_uri_param(json_object_get(message, "params"));
    return method != NULL && strcmp(method, "textDocument/didChange") == 0 && uri != NULL
           && strcmp(uri, server->changed->uri) == 0;
}

/* One message: check that it is JSON-RPC 2.0, then dispatch it. */
static void lsp_handle(lsp_server *server, const char *body, size_t length)
{
    json_error_t problem;
    json_t *message = json_load_checked(body, length, 0, &problem);
    if (message == NULL || !lsp_changes_waiting_document(server, message))
        lsp_publish_changed(server);
    if (message == NULL) {
        /* The id, when it can be found, still gets its answer. */
        json_t *id = lsp_recover_id(body, length);
        char quoted[sizeof problem.text];
        if (problem.line < 0)
            lsp_send_error(server, id, LSP_INTERNAL_ERROR,
                           "out of memory reading a message of %zu bytes", length);
        else
            lsp_send_error(server, id, LSP_PARSE_ERROR,
                           "the message is not valid JSON: %s (line %d, column %d)",
                           lsp_quote(quoted, sizeof quoted, problem.text), problem.line,
                           problem.column);
        json_decref(id);
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

/* A message that could not be read: pass over it (see lsp_read_message's
 * statuses) and answer its id, when one is found, with the reason.
 * Returns false at the end of input. */
static bool lsp_reject(lsp_server *server, lsp_read_status status)
{
    json_t *id = NULL;
    bool going;
    if (status == LSP_READ_LOST)
        going = lsp_skip_to_header(server, EOF);
    else
        going = lsp_pass_over_body(server, server->content_length, &id);
    int code = status == LSP_READ_NO_MEMORY ? LSP_INTERNAL_ERROR : LSP_INVALID_REQUEST;
    lsp_send_error(server, id, code, "%s", server->problem);
    json_decref(id);
    return going;
}

int lsp_serve_limited(FILE *in, FILE *out, size_t max_message_bytes)
{
    lsp_server *server = calloc(1, sizeof *server);
    if (server == NULL) {
        fputs("rubricc lsp: out of memory\n", stderr);
        return 1;
    }
    server->input.file = in;
    server->input.descriptor = fileno(in);
    server->out = out;
    server->max_message_bytes = max_message_bytes;
    server->exit_status = 1;
    while (!server->exited) {
        /* Changes are published once nothing more is waiting to be read. */
        if (server->changed != NULL && !lsp_input_waiting(&server->input))
            lsp_publish_changed(server);
        char *body = NULL;
        size_t length = 0;
        lsp_read_status status = lsp_read_message(server, &body, &length);
        if (status == LSP_READ_END)
            break;
        if (status != LSP_READ_MESSAGE) {
            lsp_publish_changed(server);
            if (!lsp_reject(server, status))
                break;
            continue;
        }
        lsp_handle(server, body, length);
        free(body);
    }
    lsp_publish_changed(server);
    lsp_documents_free(&server->documents);
    if (!server->exited)
        server->exit_status = server->shutting_down ? 0 : 1;
    int status = server->exit_status;
    free(server);
    return status;
}

int lsp_serve(FILE *in, FILE *out)
{
    return lsp_serve_limited(in, out, LSP_MAX_MESSAGE_BYTES);
}

enum lsp_option { LSP_STDIO, LSP_MAX_MESSAGE_SIZE, LSP_HELP };

static const command_line_option lsp_options[] = {
    {"stdio", 0, NULL, "talk over standard input and output (the default)",
     LSP_STDIO, COMMAND_LINE_NO_FILE},
    {"max-message-size", 0, "SIZE",
     "the largest message read, in bytes (K, M or G may\n"
     "follow; default 64M); a larger one is passed over\n"
     "and answered with an error",
     LSP_MAX_MESSAGE_SIZE, COMMAND_LINE_NO_FILE},
    {"help", 'h', NULL, "show this help and exit", LSP_HELP, COMMAND_LINE_NO_FILE},
};

/* A size in bytes: digits, then K, M or G (times 1024 each); 0 when not
 * one. */
static size_t lsp_parse_size(const char *word)
{
    if (word == NULL || !isdigit((unsigned char)word[0]))
        return 0;
    char *end;
    errno = 0;
    unsigned long long number = strtoull(word, &end, 10);
    unsigned shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20
                   : *end == 'G' || *end == 'g' ? 30 : 0;
    if (shift)
        end++;
    if (errno || *end != '\0' || number == 0 || number > (SIZE_MAX >> shift))
        return 0;
    return (size_t)number << shift;
}

static const command_line_exit lsp_exits[] = {
    {0, "the editor asked the server to shut down before it exited"},
    {1, "the input ended, or the editor asked to exit, without a shutdown"},
    {2, "bad usage"},
};

static const command_line_command lsp_command_line = {
    "rubricc lsp",
    "[OPTION]...",
    "Serve the Language Server Protocol on standard input and output,\n"
    "for an editor: diagnostics, hover, go to definition, references,\n"
    "outline and completion for rubric files (see rubricc(1)).",
    lsp_options, sizeof lsp_options / sizeof lsp_options[0],
    NULL, 0,
    lsp_exits, sizeof lsp_exits / sizeof lsp_exits[0],
    COMMAND_LINE_NO_FILE, NULL, false,
};

int lsp_main(int argc, char **argv)
{
    command_line_parser line;
    size_t max_message_bytes = LSP_MAX_MESSAGE_BYTES;
    command_line_start(&line, &lsp_command_line, argc, argv);
    for (int code; (code = command_line_next(&line)) != COMMAND_LINE_END;) {
        if (code == LSP_MAX_MESSAGE_SIZE && (max_message_bytes = lsp_parse_size(line.value)) == 0) {
            fprintf(stderr, "rubricc lsp: --max-message-size must be a number of bytes such as 65536 or 64M, not '%s'\n"
                            "Try 'rubricc lsp --help' for more information.\n",
                    line.value);
            return 2;
        }
        if (code == LSP_HELP) {
            command_line_print_help(&lsp_command_line, stdout);
            return 0;
        }
        if (code == COMMAND_LINE_OPERAND) {
            fprintf(stderr, "rubricc lsp: unexpected argument '%s'; the server takes only --stdio\n"
                            "Try 'rubricc lsp --help' for more information.\n",
                    line.value);
            return 2;
        }
        if (code == COMMAND_LINE_ERROR) {
            fprintf(stderr, "rubricc lsp: %s; the server takes only --stdio\n"
                            "Try 'rubricc lsp --help' for more information.\n",
                    line.message);
            return 2;
        }
    }
    return lsp_serve_limited(stdin, stdout, max_message_bytes);
}
