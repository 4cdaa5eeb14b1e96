#!/usr/bin/env python3
"""lsp-large.py: writes to stdout a language-server session that opens a
document of SIZE bytes (one long comment line), sends a request (id 7)
padded to REQUEST bytes, then a small request (id 8) and shutdown (id 9).
run-limits.sh checks that under a memory limit the server answers the
large messages with errors, promptly, and stays responsive.

  lsp-large.py SIZE REQUEST > session.in
"""
import json
import sys

sizes = {"x": int(sys.argv[1]), "y": int(sys.argv[2])}
uri = "file:///rubric-limits/large.rubric"
out = sys.stdout.buffer


def send(message, filler=None):
    """Frame MESSAGE; the string "@FILL@" in it becomes FILLER, unencoded."""
    text = json.dumps(message, separators=(",", ":")).encode()
    if filler is not None:
        size = sizes[filler.decode()]
        before, after = text.split(b"@FILL@")
        length = len(before) + size + len(after)
        out.write(b"Content-Length: %d\r\n\r\n" % length + before)
        chunk = filler * (1 << 20)
        for _ in range(size >> 20):
            out.write(chunk)
        out.write(filler * (size & ((1 << 20) - 1)) + after)
    else:
        out.write(b"Content-Length: %d\r\n\r\n" % len(text) + text)


send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "rubric", "version": 1, "text": "# @FILL@\n"}}}, b"x")
send({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {
    "textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}, "padding": "@FILL@"}}, b"y")
send({"jsonrpc": "2.0", "id": 8, "method": "textDocument/documentSymbol", "params": {
    "textDocument": {"uri": "file:///rubric-limits/not-open.rubric"}}})
send({"jsonrpc": "2.0", "id": 9, "method": "shutdown"})
send({"jsonrpc": "2.0", "method": "exit"})
