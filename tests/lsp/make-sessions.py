#!/usr/bin/env python3
"""make-sessions.py: writes the recorded client side of the language
server's sessions (tests/lsp/sessions/*.in) from the rubrics beside it.

Each session is a list of messages, framed by replay.py's frame(); a
string starting "raw " is sent as it is (malformed framing on purpose).
After changing a session here, run it and then
`replay.py RUBRICC --update`, and review the .expected files' diff.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import replay  # noqa: E402

sample = open(os.path.join(HERE, "sample.rubric"), encoding="utf-8").read()
lines = sample.split('\n')
URI = "file:///rubric-lsp-test/sample.rubric"
def pos(needle, nth=0, offset=0):
    count = 0
    for i, l in enumerate(lines):
        j = l.find(needle)
        while j >= 0:
            if count == nth:
                return {"line": i, "character": j + offset}
            count += 1
            j = l.find(needle, j + 1)
    raise KeyError(needle)
def req(i, method, params): return json.dumps({"jsonrpc":"2.0","id":i,"method":method,"params":params}, ensure_ascii=False)
def note(method, params): return json.dumps({"jsonrpc":"2.0","method":method,"params":params}, ensure_ascii=False)
td = {"textDocument": {"uri": URI}}
def at(p): return dict(td, position=p)
init = req(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
out = {}
tl = pos("themes: timeliness")
out['features'] = [
 init, note("initialized", {}),
 note("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "rubric", "version": 1, "text": sample}}),
 req(2, "textDocument/hover", at(pos("O: The CIN", 0, 0))),
 req(3, "textDocument/hover", at(pos("same as: referral-quality", 0, 12))),
 req(4, "textDocument/hover", at(pos("CIN, CP", 0, 1))),
 req(5, "textDocument/hover", at(pos("themes: timeliness", 0, 10))),
 req(6, "textDocument/hover", at(pos("The CIN referral", 0, 5))),
 req(7, "textDocument/hover", at(pos("# A small"))),
 req(8, "textDocument/definition", at(pos("same as: referral-quality", 0, 12))),
 req(9, "textDocument/definition", at(pos("themes: timeliness", 0, 10))),
 req(10, "textDocument/definition", at(pos("criterion referral-quality", 1, 12))),
 req(11, "textDocument/references", dict(at(pos("G: Good")), context={"includeDeclaration": True})),
 req(12, "textDocument/references", dict(at(pos("criterion referral-quality:", 0, 12)), context={"includeDeclaration": False})),
 req(13, "textDocument/documentSymbol", td),
 req(14, "textDocument/completion", at({"line": pos("same as:")["line"], "character": len("    same as: ")})),
 req(15, "textDocument/completion", at({"line": pos("R: The referral is late")["line"], "character": 4})),
 req(16, "textDocument/completion", at({"line": pos("good or better")["line"], "character": 2})),
 req(17, "textDocument/completion", at({"line": pos("good or better")["line"], "character": len("  good or better: ")})),
 req(18, "textDocument/completion", at({"line": pos("version")["line"], "character": 0})),
 req(22, "textDocument/hover", at(pos("section 1 no better", 0, 8))),
 req(23, "textDocument/definition", at(pos("section 1 no better", 0, 8))),
 req(24, "textDocument/references", dict(at(pos("section 1: Referral", 0, 8)), context={"includeDeclaration": True})),
 req(25, "textDocument/definition", at(pos("criterion referral-again", 1, 12))),
 req(26, "textDocument/completion", at({"line": pos("overall no better")["line"], "character": len("  overall no better than: ")})),
 req(27, "textDocument/definition", at(pos("The CIN referral", 0, 5))),
 note("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2}, "contentChanges": [
   {"range": {"start": {"line": tl["line"], "character": 16}, "end": {"line": tl["line"], "character": 18}}, "text": "es"}]}),
 req(19, "textDocument/hover", at(pos("themes: timeliness", 0, 10))),
 note("textDocument/didChange", {"textDocument": {"uri": URI, "version": 3}, "contentChanges": [
   {"range": {"start": {"line": tl["line"], "character": 16}, "end": {"line": tl["line"], "character": 18}}, "text": "ss"}]}),
 req(20, "textDocument/formatting", dict(td, options={"tabSize": 2, "insertSpaces": True})),
 note("textDocument/didClose", td),
 req(21, "shutdown", None),
 note("exit", None),
]
u2 = "file:///rubric-lsp-test/wide.rubric"
wide = open(os.path.join(HERE, "wide.rubric"), encoding="utf-8").read()
out['utf16'] = [
 init,
 note("textDocument/didOpen", {"textDocument": {"uri": u2, "languageId": "rubric", "version": 1, "text": wide}}),
 # insert "CIN " before "plan" : character after emoji counts two units
 note("textDocument/didChange", {"textDocument": {"uri": u2, "version": 2}, "contentChanges": [
   {"range": {"start": {"line": 13, "character": 38}, "end": {"line": 13, "character": 38}}, "text": "the CIN "}]}),
 req(2, "textDocument/hover", dict({"textDocument": {"uri": u2}}, position={"line": 13, "character": 43})),
 note("textDocument/didChange", {"textDocument": {"uri": u2, "version": 3}, "contentChanges": [{"text": "rubric: t\n"}]}),
 req(3, "shutdown", None), note("exit", None),
]
out['malformed'] = [
 req(1, "textDocument/hover", at({"line": 0, "character": 0})),
 note("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "rubric", "version": 1, "text": sample}}),
 init,
 'raw Content-Length: 9\\r\\n\\r\\n{"jsonrpc',
 'raw Content-Length: 12\\r\\n\\r\\n[1, 2, true]',
 req(2, "rubric/unknown", {}),
 note("rubric/unknownNotification", {}),
 req(30, "rubric/separator", {}),
 'raw this is not a header\\r\\n\\r\\n{"jsonrpc":"2.0","id":99,"method":"shutdown"}',
 req(31, "rubric/separator", {}),
 'raw Content-Type: application/vscode-jsonrpc; charset=utf-8\\r\\n\\r\\n{"jsonrpc":"2.0","id":98,"method":"shutdown"}',
 req(32, "rubric/separator", {}),
 'raw Content-Length: twelve\\r\\n\\r\\n{"jsonrpc":"2.0","id":97,"method":"shutdown"}',
 req(33, "rubric/separator", {}),
 json.dumps({"id": 3, "method": "initialize"}),
 json.dumps({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}),
 json.dumps({"jsonrpc": "2.0", "id": 4, "method": 17}),
 req(5, "textDocument/hover", td),
 req(6, "textDocument/hover", at({"line": -1, "character": 0})),
 req(7, "textDocument/hover", {"textDocument": {"uri": "file:///not/open.rubric"}, "position": {"line": 0, "character": 0}}),
 req(8, "initialize", {}),
 'raw Content-Length: 99999999999999999999999\\r\\n\\r\\n{"jsonrpc":"2.0","id":96,"method":"shutdown"}',
 req(34, "rubric/separator", {}),
 'raw Content-Length: 1000000000000\\r\\n\\r\\n{"jsonrpc":"2.0","id":95,"method":"shutdown"}',
 req(35, "rubric/separator", {}),
 'raw Content-Length: ' + 'x' * 2000 + '\\r\\n\\r\\n',
 req(36, "rubric/separator", {}),
 'raw Content-Length: 100000\\r\\n\\r\\n' + '[' * 100000,
 req(37, "rubric/separator", {}),
 'raw Content-Length: 40\\r\\n\\r\\n{"jsonrpc":"2.0","id":94,"method":"\\xff\\xfe"}',
 req(38, "rubric/separator", {}),
 note("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "rubric", "version": 1, "text": sample}}),
 note("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"range": {"start": {"line": 999, "character": 999}, "end": {"line": 0, "character": 0}}, "text": ""}]}),
 note("textDocument/didChange", {"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"range": "bad"}]}),
 req(9, "textDocument/documentSymbol", td),
 req(10, "shutdown", None),
 req(11, "textDocument/hover", at({"line": 0, "character": 0})),
 note("exit", None),
]
out['exit-without-shutdown'] = [init, note("exit", None)]
out['truncated'] = [init, 'raw Content-Length: 500\\r\\n\\r\\n{"jsonrpc":"2.0"']

dup = sample.replace("criterion referral-again: Referral again", "criterion referral-quality: Referral again")
u3 = "file:///rubric-lsp-test/notes.rubric"
out2 = [init,
 note("textDocument/didOpen", {"textDocument": {"uri": u3, "languageId": "rubric", "version": 1, "text": dup}}),
 req(2, "shutdown", None), note("exit", None)]
out['notes'] = out2
# Formatting: a document not yet formatted, one already formatted, one
# laid out carelessly (no indentation, blank lines lost, no final newline,
# wide characters before the edits), the same with CRLF line ends, an
# empty one, one only missing its final newline, one with a syntax error
# (refused), and bad requests. replay.py checks that each answer's edits
# turn the text into `rubricc fmt`'s.
formatted = open(os.path.join(HERE, "formatted.rubric"), encoding="utf-8").read()
careless = "\n".join(l.strip() for l in wide.split("\n")).replace("scale:", "scale :")
careless = careless.replace("\n\n", "\n").rstrip("\n")
broken = sample.replace("  O: Outstanding", "  O Outstanding")
def open_doc(name, text, version=1):
    return note("textDocument/didOpen", {"textDocument": {"uri": "file:///rubric-lsp-test/" + name, "languageId": "rubric", "version": version, "text": text}})
def fmt(i, name): return req(i, "textDocument/formatting", {"textDocument": {"uri": "file:///rubric-lsp-test/" + name}, "options": {"tabSize": 2, "insertSpaces": True}})
out['formatting'] = [
 init, note("initialized", {}),
 open_doc("sample.rubric", sample), fmt(2, "sample.rubric"),
 open_doc("formatted.rubric", formatted), fmt(3, "formatted.rubric"),
 open_doc("careless.rubric", careless), fmt(4, "careless.rubric"),
 open_doc("crlf.rubric", careless.replace("\n", "\r\n") + "\r\n"), fmt(5, "crlf.rubric"),
 open_doc("empty.rubric", ""), fmt(6, "empty.rubric"),
 open_doc("unfinished.rubric", formatted.rstrip("\n")), fmt(12, "unfinished.rubric"),
 note("textDocument/didChange", {"textDocument": {"uri": "file:///rubric-lsp-test/sample.rubric", "version": 2}, "contentChanges": [{"text": broken}]}),
 fmt(7, "sample.rubric"),
 fmt(8, "not-open.rubric"),
 req(9, "textDocument/formatting", {"options": {"tabSize": 2, "insertSpaces": True}}),
 req(10, "textDocument/rangeFormatting", dict({"textDocument": {"uri": "file:///rubric-lsp-test/formatted.rubric"}}, range={"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}, options={"tabSize": 2, "insertSpaces": True})),
 req(11, "shutdown", None), note("exit", None),
]
# A message smuggled inside another's JSON string, after a header block
# that cannot be used: the body is passed over as JSON, so the smuggled
# shutdown (ids 600 and up are never to be answered) is not executed, the
# outer request gets its error under its own id, and the next real
# requests are answered. The same after a header line too long to read,
# with raw line ends in the string, and after a message too large to read;
# and after a Content-Length too short, which cuts a notification (the
# rest of it is then no header block; the request after it is refused
# under its own id rather than lost).
def smuggle(outer_id, header, inner_id):
    inner = json.dumps({"jsonrpc": "2.0", "id": inner_id, "method": "shutdown"})
    smuggled = "Content-Length: %d\\r\\n\\r\\n%s" % (len(inner), inner)
    body = '{"jsonrpc":"2.0","id":%d,"method":"rubric/separator","params":{"s":"%s"}}' % (outer_id, smuggled)
    return "raw " + header + "\\r\\n\\r\\n" + body
out['smuggled'] = [
 init,
 smuggle(40, "Content-Length: twelve", 600),
 req(41, "rubric/separator", {}),
 smuggle(42, "Content-Length: " + "9" * 2000, 601),
 req(43, "rubric/separator", {}),
 smuggle(44, "Content-Type: text/plain", 602),
 req(45, "rubric/separator", {}),
 smuggle(46, "Content-Length: 900000000", 603),
 req(47, "rubric/separator", {}),
 'raw Content-Length: 5\\r\\n\\r\\n{"jsonrpc":"2.0","method":"rubric/notified","params":{"s":"\\r\\nContent-Length: 46\\r\\n\\r\\n{\\"jsonrpc\\":\\"2.0\\",\\"id\\":604,\\"method\\":\\"shutdown\\"}"}}',
 req(49, "rubric/separator", {}),
 req(50, "shutdown", None),
 note("exit", None),
]
# Changes queued behind one another are applied together and the document
# compiled once: one publishDiagnostics for the burst, of its last version.
burst = [init, note("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "rubric", "version": 1, "text": sample}})]
title = pos("title: Sample audit")["line"]
for k in range(50):
    burst.append(note("textDocument/didChange", {"textDocument": {"uri": URI, "version": k + 2}, "contentChanges": [
        {"range": {"start": {"line": title, "character": 19 + k}, "end": {"line": title, "character": 19 + k}}, "text": "!"}]}))
burst += [req(2, "textDocument/hover", at(pos("O: The CIN", 0, 0))), req(3, "shutdown", None), note("exit", None)]
out['coalesced'] = burst
for name, messages in out.items():
    with open(os.path.join(HERE, "sessions", name + ".in"), "wb") as f:
        f.write(replay.frame(messages))

# Bytes that are not a client's at all (a fixed pseudo-random mix of
# header fragments, JSON fragments and binary): the server answers with
# errors, reads on, and never crashes or writes anything but protocol.
import random  # noqa: E402
rng = random.Random(15)
pieces = [b"Content-Length: ", b"12", b"\r\n", b"\r\n\r\n", b"{", b"}", b'"jsonrpc":"2.0"',
          b'"id":', b'"method":"initialize"', b":", b"\x00", b"\xff", b"Content-Type: x",
          b"99999999999", b"-1", b" "]
garbage = b"".join(rng.choice(pieces) for _ in range(3000))
with open(os.path.join(HERE, "sessions", "garbage.in"), "wb") as f:
    f.write(garbage)

# A document whose include has an error: the diagnostic is on the include
# line. The document is named by its real path (@HERE@, put in by
# replay.py), since its include is read from disk.
main = open(os.path.join(HERE, "include-main.rubric"), encoding="utf-8").read()
u4 = "file://@HERE@/include-main.rubric"
include_session = [
    init,
    note("textDocument/didOpen", {"textDocument": {"uri": u4, "languageId": "rubric", "version": 1, "text": main}}),
    req(2, "textDocument/definition", {"textDocument": {"uri": u4}, "position": {"line": 14, "character": 13}}),
    req(3, "shutdown", None), note("exit", None)]
with open(os.path.join(HERE, "sessions", "include.in"), "wb") as f:
    f.write(replay.frame(include_session))

# Language v2: the worked examples. Hover on a criterion of a score scale
# (no line for the scores between the anchors), on an anchor, on a score
# between the anchors and on a checklist criterion (its answers); completion
# of the v2 entry names in a section and in grading:; an answer set's hover,
# definition and references from a checklist section's "answers: ID"; a
# band named in a condition, hovered and its definition.
def example_session(names):
    messages = [init]
    ident = 2
    for name, asks in names:
        text = open(os.path.join(HERE, "..", "..", "rubrics", "examples", name + ".rubric"),
                    encoding="utf-8").read()
        rows = text.split("\n")
        uri = "file:///rubric-lsp-test/" + name + ".rubric"
        messages.append(note("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "rubric", "version": 1, "text": text}}))
        for method, needle, offset in asks:
            line = next(i for i, row in enumerate(rows) if needle in row)
            where = {"line": line, "character": rows[line].index(needle) + offset}
            params = {"textDocument": {"uri": uri}, "position": where}
            if method == "textDocument/references":
                params["context"] = {"includeDeclaration": True}
            messages.append(req(ident, method, params))
            ident += 1
    messages += [req(ident, "shutdown", None), note("exit", None)]
    return messages


v2_session = example_session([
    ("scaling-audit", [
        ("textDocument/hover", "criterion child-safety is", 12),
        ("textDocument/hover", "is 3 or worse", 3),
        ("textDocument/hover", "5: Some concerns", 0),
        ("textDocument/completion", "  applies to: CIN, CP, LAC", 2),
        ("textDocument/completion", "  rounding: nearest", 2),
    ]),
    ("cohort-key-judgements", [
        ("textDocument/hover", "is in band Below good", 12),
        ("textDocument/definition", "is in band Below good", 12),
    ]),
    ("compliance-and-quality", [
        ("textDocument/hover", "criterion visit-within-timescale", 12),
        ("textDocument/hover", "section C is N", 8),
        ("textDocument/hover", "  answers: compliance", 12),
        ("textDocument/definition", "  answers: compliance", 12),
        ("textDocument/references", "answers compliance:", 9),
    ]),
])
with open(os.path.join(HERE, "sessions", "v2.in"), "wb") as f:
    f.write(replay.frame(v2_session))
