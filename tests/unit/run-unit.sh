#!/bin/sh
# run-unit.sh — runs the cmocka unit test programs given as arguments and
# totals them. Each program's own report is shown only when it fails.
# Usage: run-unit.sh PROGRAM...
set -u
passed=0
failed=0
output=$(mktemp)
trap 'rm -f "$output"' EXIT
for program in "$@"; do
    "$program" > "$output" 2>&1
    status=$?
    ran=$(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\.$/\1/p' "$output")
    bad=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:$/\1/p' "$output")
    ran=${ran:-0}
    bad=${bad:-0}
    if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
        bad=1   # crashed before cmocka could report
    fi
    passed=$((passed + ran - bad))
    failed=$((failed + bad))
    if [ "$status" -ne 0 ]; then
        echo "FAIL: $program (exit $status):"
        sed 's/^/    /' "$output"
    fi
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
