#!/bin/sh
# run-golden.sh — the JSON output's golden, determinism and atomic-write
# tests.
#
#   golden       tests/golden/example.rubric (every v1 construct of the
#                language, with an include) compiled to JSON must equal
#                tests/golden/example.json byte for byte, and each worked
#                example of rubrics/examples/ (the v2 constructs) its JSON
#                in tests/golden/examples/;
#   determinism  every rubric (the example and rubrics/*.rubric) compiled
#                twice gives identical bytes;
#   atomicity    when writing fails (the file size limit is hit mid-write,
#                the target cannot be renamed over, the directory cannot be
#                written or created), rubricc exits 1, the old file is
#                intact and no temporary file is left behind; a missing
#                output directory is created.
#
# Run from the repository root (the JSON holds file names as given).
# Usage: run-golden.sh RUBRICC WORKDIR [--update]   (--update rewrites example.json)
set -u
rubricc="$1"
work="$2"
update="${3:-}"
golden_rubric=tests/golden/example.rubric
golden_json=tests/golden/example.json
passed=0
failed=0

rm -rf "$work"
mkdir -p "$work"

# Record one test's outcome: pass NAME, or fail NAME WHY.
pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    echo "FAIL: $1: $2"
}

# The temporary files output.c leaves in DIR (there must be none).
leftovers() { find "$1" -name '.*.json.*' -type f | head -n 1; }

# --- golden: the example of every v1 construct, and the worked examples
# of the v2 constructs (rubrics/examples/), each against its JSON
golden() {
    rubric="$1"
    expected="$2"
    "$rubricc" --emit json -o "$work/golden" "$rubric" 2> "$work/golden.err"
    status=$?
    emitted="$work/golden/$(sed -n 's/^rubric: *//p' "$rubric" | head -n 1).json"
    if [ "$update" = "--update" ] && [ "$status" -eq 0 ]; then
        cp "$emitted" "$expected"
    fi
    if [ "$status" -ne 0 ] || [ -s "$work/golden.err" ]; then
        fail golden "$rubric: rubricc exited $status with: $(cat "$work/golden.err")"
    elif cmp -s "$expected" "$emitted"; then
        pass
    else
        fail golden "output differs from $expected (make ... check-json-golden GOLDEN=--update rewrites it)"
        diff -u "$expected" "$emitted" | head -n 40 | sed 's/^/    /'
    fi
}
golden "$golden_rubric" "$golden_json"
for example in rubrics/examples/*.rubric; do
    golden "$example" "tests/golden/examples/$(basename "$example" .rubric).json"
done

# --- determinism: two runs, same bytes, for every rubric
for rubric in "$golden_rubric" rubrics/*.rubric rubrics/examples/*.rubric; do
    "$rubricc" --emit json -o "$work/first" "$rubric" 2> /dev/null
    "$rubricc" --emit json -o "$work/second" "$rubric" 2> /dev/null
done
if [ -z "$(ls "$work/first")" ]; then
    fail determinism "nothing was written"
elif diff -r "$work/first" "$work/second" > /dev/null; then
    pass
else
    fail determinism "two runs wrote different bytes: $(diff -rq "$work/first" "$work/second")"
fi

# Compile the example into DIR, which already holds a good copy, expecting
# the write to fail; check status, message, old file and leftovers.
# Usage: expect_write_failure NAME DIR COMMAND-PREFIX...
expect_write_failure() {
    name="$1"
    dir="$2"
    shift 2
    "$@" "$rubricc" --emit json -o "$dir" "$golden_rubric" 2> "$work/$name.err"
    status=$?
    if [ "$status" -ne 1 ]; then
        fail "$name" "expected exit 1, got $status"
    elif ! grep -q "^rubricc: error: cannot write '$dir/golden-example.json'" "$work/$name.err"; then
        fail "$name" "no 'cannot write' message: $(cat "$work/$name.err")"
    elif [ -f "$dir/golden-example.json" ] && ! cmp -s "$golden_json" "$dir/golden-example.json"; then
        fail "$name" "the old file was changed"
    elif [ -n "$(leftovers "$dir")" ]; then
        fail "$name" "a temporary file was left: $(leftovers "$dir")"
    else
        pass
    fi
}

# Run a command with the file size limit at one block, with SIGXFSZ
# ignored, so the emitter's writes fail with EFBIG part way through.
with_small_file_limit() {
    (trap '' XFSZ; ulimit -f 1 && exec "$@")
}

# --- atomicity: the write fails part way through (file size limit)
mkdir -p "$work/full"
cp "$golden_json" "$work/full/golden-example.json"
expect_write_failure write-fails "$work/full" with_small_file_limit

# --- atomicity: the rename fails (the target is a directory)
mkdir -p "$work/blocked/golden-example.json"
expect_write_failure rename-fails "$work/blocked"

# --- atomicity: the directory cannot be written (not testable as root,
# who may write anywhere)
if [ "$(id -u)" -ne 0 ]; then
    mkdir -p "$work/readonly"
    cp "$golden_json" "$work/readonly/golden-example.json"
    chmod 555 "$work/readonly"
    expect_write_failure unwritable-directory "$work/readonly"
    chmod 755 "$work/readonly"
fi

# --- a missing output directory is created, parents too
"$rubricc" --emit json -o "$work/new/nested/dir" "$golden_rubric" 2> /dev/null
if cmp -s "$golden_json" "$work/new/nested/dir/golden-example.json"; then
    pass
else
    fail create-directory "the output directory was not created and written"
fi

# --- the output directory cannot be created (a file stands in the way)
: > "$work/a-file"
"$rubricc" --emit json -o "$work/a-file/sub" "$golden_rubric" 2> "$work/mkdir.err"
status=$?
if [ "$status" -eq 1 ] && grep -q "cannot create output directory" "$work/mkdir.err"; then
    pass
else
    fail uncreatable-directory "expected exit 1 and a message, got $status: $(cat "$work/mkdir.err")"
fi

echo "json-golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
