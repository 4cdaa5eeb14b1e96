#!/bin/sh
# run-golden.sh — golden tests of rubric-grade: each case in
# tests/runtime/golden/cases runs rubric-grade with its arguments, and its
# stdout, stderr and exit status must equal NAME.out, NAME.err and
# NAME.status word for word. A failing case is named and its differences
# shown; --update rewrites the expected files from the current output.
#
# A case line is "NAME: ARGUMENTS" (shell words; "< FILE" feeds stdin);
# @RUBRICS@ stands for BUILD/rubrics, where the shipped rubrics' JSON is.
# Run from the repository root, so the paths in messages are stable.
# GOLDEN_DIR names another folder of cases and expected files (the
# report's tests use tests/report/golden); the default is this one's.
# Usage: run-golden.sh BUILD [--update]
set -u
build="${1:?usage: run-golden.sh BUILD [--update]}"
update=0
[ "${2:-}" = "--update" ] && update=1
golden=${GOLDEN_DIR:-tests/runtime/golden}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM
passed=0
failed=0
failed_names=""

# compare EXPECTED ACTUAL LABEL: 0 when equal, else show the diff.
compare() {
    if cmp -s "$1" "$2"; then
        return 0
    fi
    echo "--- $3: expected $1, got:"
    diff -u "$1" "$2" | sed -n '3,40p'
    return 1
}

while IFS= read -r line; do
    case "$line" in '' | '#'*) continue ;; esac
    name=${line%%:*}
    arguments=$(printf '%s\n' "${line#*:}" | sed "s|@RUBRICS@|$build/rubrics|g")
    status=0
    eval "\"$build/rubric-grade\" $arguments" > "$scratch/out" 2> "$scratch/err" || status=$?
    echo "$status" > "$scratch/status"
    if [ "$update" = 1 ]; then
        cp "$scratch/out" "$golden/$name.out"
        cp "$scratch/err" "$golden/$name.err"
        cp "$scratch/status" "$golden/$name.status"
    fi
    ok=1
    for part in out err status; do
        if [ ! -f "$golden/$name.$part" ]; then
            echo "--- $name: no $golden/$name.$part (run with --update)"
            ok=0
        elif ! compare "$golden/$name.$part" "$scratch/$part" "$name ($part)"; then
            ok=0
        fi
    done
    if [ "$ok" = 1 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        failed_names="$failed_names $name"
        echo "FAIL: $name"
    fi
done < "$golden/cases"

[ "$failed" -gt 0 ] && echo "failed cases:$failed_names"
echo "rubric-grade golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
