/*
 * lsp.h — `rubricc lsp`: a Language Server Protocol server over standard
 * input and output.
 *
 * Messages are JSON-RPC 2.0, each framed by a Content-Length header. The
 * server answers initialize, shutdown and exit; keeps the open documents
 * in step with the editor (full text on open, then incremental edits);
 * publishes the compiler's diagnostics on open and on every change; and
 * answers hover, definition, references, documentSymbol and completion
 * (lsp_features.h), and formatting with rubricc fmt's layout
 * (lsp_format.h); range formatting is not offered.
 *
 * Robustness: a header that cannot be read, a message larger than
 * LSP_MAX_MESSAGE_BYTES, text that is not JSON, a request that is not
 * JSON-RPC, invalid parameters, an unknown method and a request before
 * initialize each get a JSON-RPC error response (id null when the id
 * could not be read), and the server reads on from the next
 * "Content-Length:" header. Nothing but protocol is written to the output;
 * what cannot be answered (a bad notification) is said on stderr.
 */
#ifndef LSP_H
#define LSP_H

#include <stdio.h>

/* The largest message read: beyond it the message is refused unread. */
#define LSP_MAX_MESSAGE_BYTES ((size_t)256 << 20)

/* Serve until exit or the end of in. Returns the exit status: 0 after
 * shutdown and exit, 1 when exit (or the end of input) came without
 * shutdown, as the protocol says. */
int lsp_serve(FILE *in, FILE *out);

/* `rubricc lsp [--stdio]` (argv[0] is "lsp"): serve on standard input and
 * output. --stdio, which some clients add, is the only transport and
 * changes nothing; anything else is a usage error (exit status 2). */
int lsp_main(int argc, char **argv);

#endif /* LSP_H */
