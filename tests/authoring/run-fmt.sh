#!/bin/sh
# run-fmt.sh — rubricc fmt tested from the shell: the shipped rubrics are
# kept formatted; every valid rubric of the repository keeps its meaning,
# its comments and its form when formatted again (fmt-roundtrip.py); a
# carelessly written rubric gives the golden layout (fmt/messy.formatted;
# fmt/messy-v2.formatted for the language v2 entries),
# --check and --diff say so with exit 1 (the diff applied with patch(1)
# gives the golden text), --write rewrites atomically, a rubric with a
# syntax error is reported and left alone, bad command lines exit 2.
# Run from the repository root. Usage: run-fmt.sh RUBRICC WORKDIR
set -u
rubricc="$1"
work="$2"
. tests/authoring/common.sh
messy=tests/authoring/fmt/messy.rubric
golden=tests/authoring/fmt/messy.formatted


# The shipped rubrics are formatted (what make check asks of every edit).
"$rubricc" fmt --check rubrics/*.rubric rubrics/shared/*.rubric rubrics/examples/*.rubric \
    > "$work/shipped.out" 2>&1
expect_status "the shipped rubrics are formatted (rubricc fmt --check)" 0 $?

# Every valid rubric of the repository.
if python3 tests/authoring/fmt-roundtrip.py "$rubricc" "$work/roundtrip" \
    rubrics/*.rubric rubrics/examples/*.rubric \
    rubrics/shared/themes.rubric=rubrics/london-borough-case-audit-gradings.rubric \
    tests/diagnostics/ok-*.rubric tests/golden/example.rubric \
    tests/golden/example-themes.rubric=tests/golden/example.rubric \
    tests/html/*.rubric tests/emit_c/*.rubric tests/lsp/highlight-v2.rubric "$messy" \
    tests/authoring/fmt/messy-v2.rubric tests/authoring/fmt/messy-facts.rubric \
    tests/authoring/fmt/messy-rules.rubric tests/diagnostics/v3-rules-valid.rubric; then
    ok "every valid rubric: same JSON, idempotent, every comment kept"
else
    fail "every valid rubric: same JSON, idempotent, every comment kept"
fi

# The golden layout, from a file and from standard input.
"$rubricc" fmt "$messy" > "$work/messy.out" 2> "$work/messy.err"
status=$?
if [ $status -eq 0 ] && cmp -s "$work/messy.out" "$golden"; then ok "golden layout"
else fail "golden layout (exit $status)"; diff -u "$golden" "$work/messy.out" | head -40; fi
# The same for language v2: blocks, entries in the canonical order, band
# labels spaced, the conditional rules.
"$rubricc" fmt tests/authoring/fmt/messy-v2.rubric > "$work/messy-v2.out" 2>&1
status=$?
if [ $status -eq 0 ] && cmp -s "$work/messy-v2.out" tests/authoring/fmt/messy-v2.formatted; then
    ok "golden layout of the v2 entries"
else
    fail "golden layout of the v2 entries (exit $status)"
    diff -u tests/authoring/fmt/messy-v2.formatted "$work/messy-v2.out" | head -40
fi
# Case facts: one line each, any words before the colon (an entry
# keyword too), the items spaced, in the order written.
"$rubricc" fmt tests/authoring/fmt/messy-facts.rubric > "$work/messy-facts.out" 2>&1
status=$?
if [ $status -eq 0 ] && cmp -s "$work/messy-facts.out" tests/authoring/fmt/messy-facts.formatted; then
    ok "golden layout of the facts"
else
    fail "golden layout of the facts (exit $status)"
    diff -u tests/authoring/fmt/messy-facts.formatted "$work/messy-facts.out" | head -40
fi
# Groups, key criteria and counting conditions: the groups block like the
# themes block, "key:" and "groups:" with a criterion's tags.
"$rubricc" fmt tests/authoring/fmt/messy-rules.rubric > "$work/messy-rules.out" 2>&1
status=$?
if [ $status -eq 0 ] && cmp -s "$work/messy-rules.out" tests/authoring/fmt/messy-rules.formatted; then
    ok "golden layout of groups and counting conditions"
else
    fail "golden layout of groups and counting conditions (exit $status)"
    diff -u tests/authoring/fmt/messy-rules.formatted "$work/messy-rules.out" | head -40
fi
"$rubricc" fmt - < "$messy" > "$work/stdin.out" 2>&1
if cmp -s "$work/stdin.out" "$golden"; then ok "standard input"; else fail "standard input"; fi

# --check: exit 1, the file named on stdout; a formatted file passes.
"$rubricc" fmt --check "$messy" "$golden" > "$work/check.out" 2> "$work/check.err"
status=$?
if [ $status -eq 1 ] && [ "$(cat "$work/check.out")" = "$messy" ] \
    && grep -q "1 file is not formatted" "$work/check.err"; then ok "--check names the file"
else fail "--check names the file (exit $status)"; cat "$work/check.out" "$work/check.err"; fi

# --diff: exit 1; patch(1) turns the file into the golden layout.
"$rubricc" fmt --diff "$messy" > "$work/messy.diff"
status=$?
cp "$messy" "$work/patched.rubric"
if [ $status -eq 1 ] && patch -s "$work/patched.rubric" < "$work/messy.diff" \
    && cmp -s "$work/patched.rubric" "$golden"; then ok "--diff is a unified diff to the golden layout"
else fail "--diff (exit $status)"; fi
"$rubricc" fmt --diff "$golden" > "$work/none.diff"
if [ $? -eq 0 ] && [ ! -s "$work/none.diff" ]; then ok "--diff of a formatted file is empty"
else fail "--diff of a formatted file"; fi

# --write: the file replaced by the golden layout, no temporary file left.
mkdir -p "$work/write"
cp "$messy" "$work/write/messy.rubric"
"$rubricc" fmt --write "$work/write/messy.rubric"
status=$?
if [ $status -eq 0 ] && cmp -s "$work/write/messy.rubric" "$golden" \
    && [ "$(ls -A "$work/write")" = "messy.rubric" ]; then ok "--write rewrites the file atomically"
else fail "--write (exit $status)"; ls -A "$work/write"; fi

# A syntax error: reported, exit 1, the file untouched by --write.
cp tests/authoring/fmt/broken.rubric "$work/write/broken.rubric"
"$rubricc" fmt --write "$work/write/broken.rubric" > /dev/null 2> "$work/broken.err"
status=$?
if [ $status -eq 1 ] && cmp -s "$work/write/broken.rubric" tests/authoring/fmt/broken.rubric \
    && grep -q "broken.rubric:4:1: error: " "$work/broken.err" \
    && grep -q "has errors; it is left as it is" "$work/broken.err"; then
    ok "a rubric with a syntax error is reported and left alone"
else fail "a rubric with a syntax error (exit $status)"; cat "$work/broken.err"; fi
"$rubricc" fmt --check "$work/missing.rubric" > /dev/null 2> "$work/missing.err"
status=$?
if [ $status -eq 1 ] && grep -q "cannot read" "$work/missing.err"; then ok "a missing file"
else fail "a missing file (exit $status)"; fi

# Bad command lines.
"$rubricc" fmt --check --write "$messy" > /dev/null 2>&1
expect_status "two modes are refused" 2 $?
"$rubricc" fmt > /dev/null 2>&1
expect_status "no file is refused" 2 $?
"$rubricc" fmt --wrap=100 "$messy" > /dev/null 2>&1
expect_status "an unknown option is refused" 2 $?
"$rubricc" fmt --write - < "$messy" > /dev/null 2>&1
expect_status "--write of standard input is refused" 2 $?

echo "fmt: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
