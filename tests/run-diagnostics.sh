#!/bin/sh
# run-diagnostics.sh — the golden diagnostics tests.
#
# Each tests/diagnostics/NAME.rubric is a small rubric with one kind of
# mistake (or none); NAME.expected holds, word for word, what
# `rubricc --check` prints on stderr for it, caret lines included, and then
# its exit status as "[exit N]". A first line "# flags: …" adds options.
# The runner names each failing case and shows the difference.
#
# Usage: run-diagnostics.sh RUBRICC [--update]   (--update rewrites .expected)
set -u
rubricc="$1"
update="${2:-}"
passed=0
failed=0
actual_file=$(mktemp)
trap 'rm -f "$actual_file"' EXIT
for rubric in tests/diagnostics/*.rubric; do
    name=${rubric%.rubric}
    flags=$(sed -n '1s/^# flags: //p' "$rubric")
    # shellcheck disable=SC2086
    "$rubricc" --check $flags "$rubric" > /dev/null 2> "$actual_file"
    echo "[exit $?]" >> "$actual_file"
    if [ "$update" = "--update" ]; then
        cp "$actual_file" "$name.expected"
    fi
    if cmp -s "$actual_file" "$name.expected"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $rubric"
        diff -u "$name.expected" "$actual_file" | sed 's/^/    /'
    fi
done
echo "diagnostics: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
