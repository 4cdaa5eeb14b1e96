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
 * Robustness: a header that cannot be read, a message larger than the
 * largest size (LSP_MAX_MESSAGE_BYTES unless raised), text that is not
 * JSON, running out of memory reading one, a request that is not JSON-RPC,
 * invalid parameters, an unknown method and a request before initialize
 * each get a JSON-RPC error response, with the request's own id whenever
 * it can be found in the bytes (null else), so every request is answered.
 * After a header block that cannot be used, its body is passed over as
 * one JSON value (strings read as strings), and reading goes on right
 * after it; bytes that are no header block at all are skipped to the next
 * line that starts with "Content-Length:". So no message hidden inside
 * another's JSON string is ever taken for one. Nothing but protocol is
 * written to the output; what cannot be answered (a bad notification) is
 * said on stderr.
 *
 * Changes are coalesced: the diagnostics of a changed document are
 * published when the next message is not another change of it, or when
 * no more input is waiting (poll), so a burst of queued keystrokes on a
 * large document is compiled once.
 */
#ifndef LSP_H
#define LSP_H

#include <stddef.h>
#include <stdio.h>

/* The largest message read by default (--max-message-size): a larger
 * one is passed over unread and answered with an error. */
#define LSP_MAX_MESSAGE_BYTES ((size_t)64 << 20)

/* Serve until exit or the end of in. Returns the exit status: 0 after
 * shutdown and exit, 1 when exit (or the end of input) came without
 * shutdown, as the protocol says. */
int lsp_serve(FILE *in, FILE *out);

/* The same, reading no message larger than MAX_MESSAGE_BYTES. */
int lsp_serve_limited(FILE *in, FILE *out, size_t max_message_bytes);

/* `rubricc lsp [--stdio] [--max-message-size=SIZE]` (argv[0] is "lsp"):
 * serve on standard input and output. --stdio, which some clients add, is
 * the only transport and changes nothing; anything else is a usage error
 * (exit status 2). */
int lsp_main(int argc, char **argv);

#endif /* LSP_H */
