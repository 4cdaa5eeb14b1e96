#!/bin/sh
# validate.sh — the guidance pages through the Nu HTML Checker (npm
# vnu-jar, a Java program): every page must have no error. Run by
# tests/html.mk:
#
#   sh tests/html/validate.sh PAGE.html...
#
# Prints one line per page, the checker's messages for a failing one, and a
# closing "html-vnu: N passed, M failed".
VNU=tests/node_modules/vnu-jar/build/dist/vnu.jar
if ! command -v java >/dev/null 2>&1; then
    echo "html-vnu: java is missing: install Debian's default-jre-headless (sh scripts/deps.sh check)" >&2
    exit 1
fi
if [ ! -f "$VNU" ]; then
    echo "html-vnu: $VNU is missing: run 'make npm-tools'" >&2
    exit 1
fi
report=$(mktemp) || exit 1
trap 'rm -f "$report"' EXIT
# One run for all pages (the JVM starts once); messages are "FILE":LINE…
java -jar "$VNU" --errors-only --format gnu "$@" >"$report" 2>&1
status=$?
passed=0
failed=0
for page in "$@"; do
    url="file:$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
    errors=$(grep -c -F -e "\"$url\"" -e "\"$page\"" "$report")
    if [ "$errors" -eq 0 ]; then
        passed=$((passed + 1))
        echo "ok: $page: no error"
    else
        failed=$((failed + 1))
        echo "FAIL: $page: $errors error(s)"
        grep -F -e "\"$url\"" -e "\"$page\"" "$report" | sed 's/^/  /'
    fi
done
# A checker that failed without naming a page (a crash, bad arguments).
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=$((failed + 1))
    echo "FAIL: the checker exited with status $status:"
    sed 's/^/  /' "$report"
fi
echo "html-vnu: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
