#!/usr/bin/env python3
"""replay.py: replays recorded JSON-RPC sessions against `rubricc lsp`.

Each session is two files in tests/lsp/sessions/:
  NAME.in        the bytes a client sends, framed with Content-Length
                 headers (malformed framing included on purpose);
  NAME.expected  the messages the server must send, one JSON value per
                 line, in order; compared as JSON (so key order and spacing
                 do not matter, ids and order do). The string "<any>"
                 matches any value, for compiler messages whose wording is
                 not what the session tests (--update writes it for the
                 message of every published diagnostic: the compiler's
                 wording is tested by its own goldens). A last line "exit N" gives the
                 exit status the server must end with.
Every session also checks that each request (a '{"jsonrpc":"2.0","id":N,
"method"' in the bytes sent, framed well or not) is answered as many times
as it was sent, and that none with an id from 600 up, smuggled inside
another message's JSON string, is ever run. The input is given as a file,
so every byte is there at once and the changes the server finds queued
(and coalesces) do not depend on timing.
The server's stdout must be nothing but framed messages. Every answer to
textDocument/formatting about a document whose text the session sent
whole is also checked against `rubricc fmt -` of that text: its edits
applied must give the formatter's output, and a refusal must be one. In a session of
well-formed messages, @HERE@ stands for this folder's absolute path (for
documents whose includes are read from disk): it is put in before the
messages are framed, and taken out of the answers.

  replay.py RUBRICC              replay every session, and check the
                                 options of `rubricc lsp` (--help, --stdio,
                                 a bad one: exit 2 and a message) and that
                                 a burst of 50 changes queued behind a 5 MB
                                 document is compiled once (--figures
                                 prints its count and time)
  replay.py RUBRICC --update     rewrite the .expected files (review them!)
  replay.py RUBRICC --valgrind NAME...  replay those sessions under
                                 valgrind's memcheck: any error or leak fails
  replay.py --frame < MESSAGES   frame one JSON message per line (a line
                                 starting "raw " is written as it is, after
                                 Python string escapes), to write a NAME.in
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SESSIONS = os.path.join(HERE, "sessions")
ANY = "<any>"


def frame(lines):
    out = bytearray()
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("raw "):
            out += line[4:].encode("utf-8").decode("unicode_escape").encode("latin-1")
            continue
        body = json.dumps(json.loads(line),
                          separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return bytes(out)


def unframe(data):
    """The messages of the server's output; raises ValueError on anything else."""
    messages = []
    at = 0
    while at < len(data):
        end = data.find(b"\r\n\r\n", at)
        if end < 0:
            raise ValueError("bytes after the last message: %r" % data[at:at + 80])
        headers = data[at:end].decode("ascii").split("\r\n")
        length = None
        for header in headers:
            name, _, value = header.partition(":")
            if name.lower() != "content-length":
                raise ValueError("unexpected header %r" % header)
            length = int(value.strip())
        if length is None:
            raise ValueError("a message without Content-Length")
        body = data[end + 4:end + 4 + length]
        if len(body) != length:
            raise ValueError("a message shorter than its Content-Length")
        messages.append(json.loads(body.decode("utf-8")))
        at = end + 4 + length
    return messages


def matches(expected, actual):
    if expected == ANY:
        return True
    if isinstance(expected, dict):
        return (isinstance(actual, dict) and expected.keys() == actual.keys()
                and all(matches(expected[k], actual[k]) for k in expected))
    if isinstance(expected, list):
        return (isinstance(actual, list) and len(expected) == len(actual)
                and all(matches(e, a) for e, a in zip(expected, actual)))
    return expected == actual and type(expected) == type(actual)


def offset_of(text, position):
    """The index in text of a protocol position (UTF-16 units in a line)."""
    start = 0
    for _ in range(position["line"]):
        newline = text.find("\n", start)
        if newline < 0:
            return len(text)
        start = newline + 1
    end = text.find("\n", start)
    line = text[start:] if end < 0 else text[start:end]
    units = 0
    for index, char in enumerate(line):
        if units >= position["character"]:
            return start + index
        units += len(char.encode("utf-16-le")) // 2
    return start + len(line)


def apply_edits(text, edits):
    places = sorted(((offset_of(text, e["range"]["start"]), offset_of(text, e["range"]["end"]),
                      e["newText"]) for e in edits), reverse=True)
    for start, end, new in places:
        text = text[:start] + new + text[end:]
    return text


def check_formatting(rubricc, sent, received):
    """Each formatting answer against rubricc fmt of the text it was about."""
    try:
        messages = unframe(sent)
    except ValueError:
        return None                # a session of malformed messages
    texts, asked = {}, {}
    for message in messages:
        params = message.get("params") or {}
        uri = (params.get("textDocument") or {}).get("uri")
        if message.get("method") == "textDocument/didOpen":
            texts[uri] = params["textDocument"]["text"]
        elif message.get("method") == "textDocument/didChange":
            changes = params.get("contentChanges", [])
            whole = [c for c in changes if "range" not in c]
            texts[uri] = whole[-1]["text"] if whole and "range" not in changes[-1] else None
        elif message.get("method") == "textDocument/formatting" and texts.get(uri) is not None:
            asked[message["id"]] = texts[uri]
    for answer in received:
        text = asked.get(answer.get("id")) if "method" not in answer else None
        if text is None:
            continue
        fmt = subprocess.run([rubricc, "fmt", "-"], input=text.encode("utf-8"),
                             capture_output=True, timeout=60)
        if "error" in answer:
            if fmt.returncode == 0:
                return "formatting %d was refused, but rubricc fmt formats the text" % answer["id"]
        elif fmt.returncode != 0:
            return "formatting %d was answered, but rubricc fmt refuses the text" % answer["id"]
        elif apply_edits(text, answer["result"]) != fmt.stdout.decode("utf-8"):
            return "formatting %d: the edits applied do not give rubricc fmt's text" % answer["id"]
    return None


def replay(rubricc, name, update, valgrind_log=None):
    with open(os.path.join(SESSIONS, name + ".in"), "rb") as f:
        sent = f.read()
    if b"@HERE@" in sent:
        sent = frame(json.dumps(message).replace("@HERE@", HERE) for message in unframe(sent))
    command = [rubricc, "lsp"]
    if valgrind_log:
        command = ["valgrind", "--quiet", "--error-exitcode=99", "--leak-check=full",
                   "--errors-for-leak-kinds=definite,indirect",
                   "--log-file=" + valgrind_log] + command
    run = run_server(command, sent)
    if valgrind_log and (run.returncode == 99 or os.path.getsize(valgrind_log) > 0):
        with open(valgrind_log) as f:
            return "valgrind found errors:\n" + f.read()
    try:
        received = [json.loads(json.dumps(m).replace(HERE, "@HERE@")) for m in unframe(run.stdout)]
    except ValueError as problem:
        return "stdout is not only protocol: %s" % problem
    expected_path = os.path.join(SESSIONS, name + ".expected")
    if update:
        with open(expected_path, "w") as f:
            for message in received:
                if message.get("method") == "textDocument/publishDiagnostics":
                    for diagnostic in message["params"]["diagnostics"]:
                        diagnostic["message"] = ANY
                        for related in diagnostic.get("relatedInformation", []):
                            related["message"] = ANY
                f.write(json.dumps(message, ensure_ascii=False, sort_keys=True) + "\n")
            f.write("exit %d\n" % run.returncode)
        return None
    with open(expected_path) as f:
        lines = [line for line in f.read().splitlines() if line.strip()]
    status = None
    if lines and lines[-1].startswith("exit "):
        status = int(lines.pop()[5:])
    expected = [json.loads(line) for line in lines]
    for index, (want, got) in enumerate(zip(expected, received)):
        if not matches(want, got):
            return "message %d differs:\n  expected %s\n  received %s" % (
                index + 1, json.dumps(want, sort_keys=True), json.dumps(got, sort_keys=True))
    if len(expected) != len(received):
        return "expected %d messages, received %d (stderr: %s)" % (
            len(expected), len(received), run.stderr.decode(errors="replace")[-400:])
    if status is not None and run.returncode != status:
        return "exit status %d, expected %d (stderr: %s)" % (
            run.returncode, status, run.stderr.decode(errors="replace")[-400:])
    if b"out of memory writing a message" in run.stderr:
        return "a message could not be written (a JSON string that is not UTF-8?)"
    if b"runtime error" in run.stderr or b"Sanitizer" in run.stderr:
        return "sanitizer report:\n" + run.stderr.decode(errors="replace")
    return check_every_id_answered(sent, received) or check_formatting(rubricc, sent, received)


def run_server(command, sent):
    """The server run on SENT, given as a file rather than a pipe: every
    byte is then there to be read at once, so which changes the server
    finds queued, and so its answers, do not depend on timing."""
    with tempfile.TemporaryFile() as stdin:
        stdin.write(sent)
        stdin.seek(0)
        return subprocess.run(command, stdin=stdin, capture_output=True, timeout=600)


# A request as the sessions write one, framed or not: its id. Ids from 600
# up are smuggled inside another message's JSON, and must never be run.
REQUEST_ID = re.compile(rb'\{"jsonrpc":"2\.0","id":(\d+),"method"')
SMUGGLED_IDS = 600


def check_every_id_answered(sent, received):
    """Every request gets one answer (a result or an error), whatever the
    framing around it; a smuggled one never gets a result."""
    sent_ids = collections.Counter(int(i) for i in REQUEST_ID.findall(sent))
    answers = collections.Counter(m.get("id") for m in received if "method" not in m)
    for request_id, count in sorted(sent_ids.items()):
        if request_id >= SMUGGLED_IDS:
            if any(m.get("id") == request_id and "result" in m for m in received):
                return "the smuggled request %d was run" % request_id
        elif answers[request_id] != count:
            return "request %d was sent %d times and answered %d times" % (
                request_id, count, answers[request_id])
    return None


def large_document(size):
    """A valid rubric of about SIZE bytes: the sample with many criteria."""
    with open(os.path.join(HERE, "sample.rubric"), encoding="utf-8") as f:
        head = f.read().split("section 1: Referral")[0]
    parts = [head, "section 1: Referral\n  applies to: CIN, CP\n"]
    total, number = sum(map(len, parts)), 0
    while total < size:
        part = ("  criterion c%d: Criterion number %d of the large document\n"
                "    themes: timeliness\n"
                "    O: The CIN referral is excellent and timely in case %d.\n"
                "    G: The referral is good.\n    R: The referral is poor.\n" % (number, number, number))
        parts.append(part)
        total += len(part)
        number += 1
    parts.append("\ngrading:\n  good or better: G\n")
    return "".join(parts)


def check_coalescing(rubricc, size=5 * 1000 * 1000, changes=50):
    """A burst of changes already queued behind a large document's open:
    the document is compiled and its diagnostics published once for the
    burst (of its last version), not once per change. Returns the problem,
    or None, and the figures."""
    text = large_document(size)
    uri = "file:///rubric-lsp-test/large.rubric"
    title = text.split("\n").index("title: Sample audit")
    messages = [{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
                {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                    "uri": uri, "languageId": "rubric", "version": 1, "text": text}}}]
    for change in range(changes):
        at = {"line": title, "character": 19 + change}
        messages.append({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": change + 2},
            "contentChanges": [{"range": {"start": at, "end": at}, "text": "!"}]}})
    messages += [{"jsonrpc": "2.0", "id": 2, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}]
    started = time.monotonic()
    run = run_server([rubricc, "lsp"], frame(json.dumps(m) for m in messages))
    elapsed = time.monotonic() - started
    received = unframe(run.stdout)
    versions = [m["params"]["version"] for m in received
                if m.get("method") == "textDocument/publishDiagnostics"]
    figures = "%d changes to a %.1f MB document: %d publishDiagnostics in %.2f s" % (
        changes, len(text) / 1e6, len(versions), elapsed)
    if versions != [1, changes + 1] or run.returncode != 0:
        return "coalescing: expected diagnostics of versions [1, %d], received %s (exit %d)" % (
            changes + 1, versions, run.returncode), figures
    return None, figures


def check_command_line(rubricc):
    """rubricc lsp's own options: --help, --stdio, and a bad one."""
    problems = []
    cases = [
        (["--help"], 0, lambda out, err: out.startswith(b"usage: rubricc lsp") and not err),
        (["--stdio"], 1, lambda out, err: out == b""),
        (["--bogus"], 2, lambda out, err: out == b""
         and b"rubricc lsp: unknown option '--bogus'" in err and b"--help" in err),
    ]
    for arguments, status, good in cases:
        run = subprocess.run([rubricc, "lsp"] + arguments, input=b"", capture_output=True,
                             timeout=60)
        if run.returncode != status or not good(run.stdout, run.stderr):
            problems.append("rubricc lsp %s: exit %d, stdout %r, stderr %r" % (
                " ".join(arguments), run.returncode, run.stdout[:200], run.stderr[:200]))
    return problems


def main():
    if sys.argv[1:] == ["--frame"]:
        sys.stdout.buffer.write(frame(sys.stdin.read().splitlines()))
        return 0
    rubricc = os.path.abspath(sys.argv[1])
    update = "--update" in sys.argv[2:]
    valgrind = "--valgrind" in sys.argv[2:]
    names = sorted(n[:-3] for n in os.listdir(SESSIONS) if n.endswith(".in"))
    if valgrind:
        names = [n for n in sys.argv[2:] if not n.startswith("--")]
        os.makedirs(os.path.join(os.path.dirname(rubricc), "tests", "lsp"), exist_ok=True)
    failed = 0
    total = len(names)
    if not valgrind and not update:
        total += 4
        for problem in check_command_line(rubricc):
            failed += 1
            print("FAIL " + problem)
        problem, figures = check_coalescing(rubricc)
        if problem:
            failed += 1
            print("FAIL " + problem)
        elif "--figures" in sys.argv[2:]:
            print(figures)
    for name in names:
        log = None
        if valgrind:
            log = os.path.join(os.path.dirname(rubricc), "tests", "lsp", name + ".valgrind")
        problem = replay(rubricc, name, update, log)
        if problem:
            failed += 1
            print("FAIL lsp session %s: %s" % (name, problem))
    print("lsp sessions%s: %d passed, %d failed"
          % (" under valgrind" if valgrind else "", total - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
