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

# A file name is shown with its control characters escaped, in the
# "file:line:col:" prefix and inside messages, so that a name holding a
# newline cannot forge a diagnostic line (nor an escape sequence reach the
# terminal): every line of the report is one the compiler wrote.
forged_dir=$(mktemp -d)
forged_name=$(printf 'a\nrubricc: error: forged\033[2J.rubric')
cp tests/diagnostics/duplicate-criterion-id.rubric "$forged_dir/$forged_name"
"$rubricc" --check "$forged_dir/$forged_name" > /dev/null 2> "$actual_file"
status=$?
shown="$forged_dir/a\\nrubricc: error: forged\\x1b[2J.rubric:18:13: error: "
if [ $status -eq 1 ] && ! grep -q '^rubricc: error: forged' "$actual_file" \
    && ! grep -q "$(printf '\033')" "$actual_file" && grep -qF "$shown" "$actual_file"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "FAIL: a file name with a newline and an escape sequence is not shown escaped:"
    sed 's/^/    /' "$actual_file"
fi
"$rubricc" --check "$forged_dir/missing-$forged_name" > /dev/null 2> "$actual_file"
if [ "$(wc -l < "$actual_file")" -eq 1 ] && ! grep -q '^rubricc: error: forged' "$actual_file"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "FAIL: a missing file's name in a message is not shown escaped:"
    sed 's/^/    /' "$actual_file"
fi
rm -rf "$forged_dir"

echo "diagnostics: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
