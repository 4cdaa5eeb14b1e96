/*
 * fuzz_lsp.c — a libFuzzer harness for the language server's message
 * reader: each input is the bytes a client sends, served by the same loop
 * as `rubricc lsp` (lsp_serve_limited) from a memory stream, with the
 * answers written to a memory stream and thrown away. So the framing
 * (headers, Content-Length, resynchronisation after a bad block), the
 * JSON-RPC checks, the lifecycle and every method's parameters are read
 * from hostile bytes; a didOpen in the input gets its text compiled, and
 * the features answer about it. Crashes, sanitizer findings, leaks and
 * timeouts are what libFuzzer reports.
 *
 * The largest message is FUZZ_LSP_MAX_MESSAGE bytes, well under the
 * default, so that a Content-Length just past it (read as "too large",
 * then passed over) is within reach of -max_len. The server's notes on
 * stderr (a bad notification) are dropped unless FUZZ_SHOW_STDERR is set
 * in the environment, to see what a replayed input does: the stream stderr
 * is pointed at /dev/null (glibc lets it be assigned), while libFuzzer and
 * the sanitizers, which took their output stream or descriptor 2 at start,
 * still report on the real standard error. Built by
 * tests/fuzz.mk with clang -fsanitize=fuzzer,address,undefined.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_LSP_MAX_MESSAGE = 32 * 1024 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int stderr_checked;
    if (!stderr_checked) {
        stderr_checked = 1;
        if (getenv("FUZZ_SHOW_STDERR") == NULL) {
            FILE *quiet = fopen("/dev/null", "w");
            if (quiet == NULL)
                abort();
            stderr = quiet;
        }
    }
    /* A copy of the input to read from (fmemopen wants a buffer it may
     * write); fmemopen refuses an empty one, so an empty input is a byte
     * read at once: a client that sends nothing. */
    char *bytes = malloc(size + 1);
    if (bytes == NULL)
        abort();
    memcpy(bytes, data, size);
    FILE *in = fmemopen(bytes, size > 0 ? size : 1, "r");
    if (in == NULL)
        abort();
    if (size == 0)
        (void)fgetc(in);
    char *answers = NULL;
    size_t answers_length = 0;
    FILE *out = open_memstream(&answers, &answers_length);
    if (out == NULL)
        abort();
    (void)lsp_serve_limited(in, out, FUZZ_LSP_MAX_MESSAGE);
    fclose(in);
    free(bytes);
    fclose(out);
    free(answers);
    return 0;
}
