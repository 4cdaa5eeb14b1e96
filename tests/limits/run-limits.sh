#!/bin/sh
# run-limits.sh — memory pressure is an error, never a spin: rubric-grade
# and rubricc lsp under a memory limit (prlimit --as, util-linux) and a
# time limit, on inputs larger than the memory allows. Each must end
# promptly (well before the timeout, which would mean it spun) with a clear
# message: rubric-grade exits 2 naming the limit or "out of memory", and
# the language server answers the large messages with JSON-RPC errors and
# then the next requests. Not run under the sanitizers (their shadow memory
# needs more address space than the limit leaves).
# Run from the repository root. Usage: run-limits.sh BUILD
set -u
build="${1:?usage: run-limits.sh BUILD}"
grade="$build/rubric-grade"
rubricc="$build/rubricc"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM
passed=0
failed=0
seconds=${LIMITS_TIMEOUT:-120}   # far more than any case takes; reaching it is a spin

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1" >&2; }

# limited BYTES COMMAND...: COMMAND under an address-space limit and the
# time limit; its exit status in $status, its stderr in $scratch/err.
limited() {
    limit=$1
    shift
    status=0
    timeout $seconds prlimit --as="$limit" "$@" 2> "$scratch/err" || status=$?
    if [ $status -eq 124 ]; then
        fail "$*: still running after $seconds s under a memory limit of $limit bytes (a spin)"
    fi
}

# expect_failure STATUS TEXT LABEL: exit 2 and TEXT on stderr.
expect_failure() {
    if [ "$status" -eq 2 ] && grep -qF -- "$1" "$scratch/err"; then
        pass
    else
        fail "$2: exit $status, stderr: $(head -c 400 "$scratch/err")"
    fi
}

# A compiled rubric whose title is 200 MB: over the default limit, and more
# than the memory allows when the limit is raised.
python3 - "$scratch/big.json" <<'PYTHON'
import json, sys
rubric = json.load(open("tests/runtime/tiny-rubric.json"))
rubric["title"] = "@TITLE@"
before, after = json.dumps(rubric).encode().split(b"@TITLE@")
with open(sys.argv[1], "wb") as out:
    out.write(before)
    for _ in range(200):
        out.write(b"x" * 1000000)
    out.write(after)
# The same rubric with a 60 MB title ending in a byte that is not UTF-8:
# only jansson reads it, and jansson alone would retry its failed growth
# at every byte.
with open(sys.argv[1].replace("big", "jansson"), "wb") as out:
    out.write(before + b"x" * 60000000 + b"\xff" + after)
PYTHON
audits=tests/runtime/bad-records/every-kind.jsonl

limited 350000000 "$grade" --rubric "$scratch/big.json" $audits > /dev/null
expect_failure "cannot load rubric '$scratch/big.json': it is 190.7 MiB, more than the 64 MiB limit (--max-rubric-size raises it)" \
    "rubric-grade, a 200 MB rubric over the default limit"
limited 350000000 "$grade" --max-rubric-size=1G --rubric "$scratch/big.json" $audits > /dev/null
expect_failure "unusable rubric: $scratch/big.json: out of memory" \
    "rubric-grade --max-rubric-size=1G, a 200 MB rubric in 350 MB of memory"
limited 120000000 "$grade" --rubric "$scratch/jansson.json" $audits > /dev/null
expect_failure "unusable rubric: $scratch/jansson.json: out of memory" \
    "rubric-grade, a 60 MB rubric only jansson reads, in 120 MB of memory"
limited 150000000 "$grade" --max-rubric-size=64K --rubric tests/runtime/tiny-rubric.json $audits > /dev/null
if [ $status -eq 1 ]; then pass; else fail "rubric-grade --max-rubric-size=64K on a small rubric: exit $status"; fi
status=0
"$grade" --max-rubric-size=lots --rubric tests/runtime/tiny-rubric.json $audits 2> "$scratch/err" || status=$?
expect_failure "--max-rubric-size must be a number of bytes" "rubric-grade --max-rubric-size=lots"
# a pipe: its size is not known before it is read, and it is read no further than the limit
status=0
cat "$scratch/big.json" | "$grade" --rubric /dev/stdin $audits 2> "$scratch/err" || status=$?
expect_failure "/dev/stdin: it is more than the 64 MiB limit" "rubric-grade, a 200 MB rubric through a pipe"

# The language server: a 220 MB document and an 80 MB request, over the
# default limit, then (limit raised) more than the memory allows. Each is
# answered with an error, request 7 under its own id, and requests 8 and 9
# are answered after them.
python3 tests/limits/lsp-large.py 220000000 80000000 > "$scratch/lsp.in"
rm -f "$scratch/big.json" "$scratch/jansson.json"

# check_lsp LABEL TEXT...: the answers in $scratch/lsp.out hold each TEXT
# (a Python expression over the list of messages, m).
check_lsp() {
    label=$1
    shift
    for test in "$@"; do
        if python3 - "$scratch/lsp.out" "$test" <<'PYTHON'
import sys
sys.path.insert(0, "tests/lsp")
import replay
try:
    m = replay.unframe(open(sys.argv[1], "rb").read())
except ValueError:
    sys.exit(1)
ids = {x.get("id"): x for x in m if "method" not in x}
try:
    sys.exit(0 if eval(sys.argv[2]) else 1)
except (KeyError, TypeError):
    sys.exit(1)
PYTHON
        then pass; else fail "$label: not $test: $(head -c 600 "$scratch/lsp.out")"; fi
    done
}

limited 500000000 "$rubricc" lsp < "$scratch/lsp.in" > "$scratch/lsp.out"
if [ $status -eq 0 ]; then pass; else fail "rubricc lsp, 220 MB document: exit $status"; fi
check_lsp "rubricc lsp, messages over the default limit" \
    "'(rubricc lsp --max-message-size raises it)' in ids[None]['error']['message']" \
    "ids[7]['error']['code'] == -32600 and 'a message of 800001' in ids[7]['error']['message']" \
    "ids[8]['error']['code'] == -32602" "ids[9]['result'] is None"

limited 400000000 "$rubricc" lsp --max-message-size=1G < "$scratch/lsp.in" > "$scratch/lsp.out"
if [ $status -eq 0 ]; then pass; else fail "rubricc lsp --max-message-size=1G, 220 MB document: exit $status"; fi
check_lsp "rubricc lsp --max-message-size=1G, in 400 MB of memory" \
    "ids[None]['error'] == {'code': -32603, 'message': 'out of memory reading a message of 220000168 bytes'}" \
    "7 in ids and 8 in ids" "ids[9]['result'] is None"

echo "limits: $passed passed, $failed failed"
[ $failed -eq 0 ]
