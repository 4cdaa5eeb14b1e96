#!/bin/sh
# run-roles.sh — no output of any command may be one of its inputs or
# another of its outputs (common/file_roles.h). A table lists, for every
# command of rubricc and rubric-grade, each pair of an output and an input
# (or another output); each pair is run with the output spelled as the
# same file in several ways: the same name, "./NAME", a hard link and a
# symbolic link to an input; for two outputs not made yet, the same name,
# "./NAME", "sub/../NAME" and a symbolic link to the name. Each run must
# exit 2 saying which two files are one, and leave every file as it was.
# Each line also runs once with a file of its own, which must succeed
# (exit 0). ONE_SPELLING=1 tries one spelling of each pair (the sanitizer
# run). Run from the repository root.
# Usage: run-roles.sh RUBRICC RUBRIC-GRADE WORK-DIR
set -u
rubricc=$(realpath "${1:?usage: run-roles.sh RUBRICC RUBRIC-GRADE WORK-DIR}")
grade=$(realpath "${2:?usage}")
work="${3:?usage}"
rm -rf "$work"
mkdir -p "$work/fixture"
work=$(realpath "$work")
passed=0
failed=0
pairs=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }

# --- the files every line works on
fixture="$work/fixture"
cat > "$fixture/main.rubric" <<'RUBRIC'
rubric: roles
title: Roles
authority: The tests
version: 1

scale:
  G: Good
  R: Requires improvement

include: part.rubric
RUBRIC
cat > "$fixture/part.rubric" <<'RUBRIC'
section 1: Practice
  criterion practice-seen: The child is seen
    G: Seen.
    R: Not seen.
RUBRIC
cat > "$fixture/main.tests" <<'TESTS'
rubric: roles

audit ALL-GOOD: seen
  every other criterion: G
  expect overall: G
TESTS
sed 's/Not seen\./Not seen at all./' "$fixture/part.rubric" > "$fixture/other-part.rubric"
sed 's/part\.rubric/other-part.rubric/' "$fixture/main.rubric" > "$fixture/other.rubric"
# a rubric source named as its own JSON output would be
cp "$fixture/main.rubric" "$fixture/roles.json"
# ... and as its workbook would be (written through a scratch file, then copied in)
cp "$fixture/main.rubric" "$fixture/roles-template.xlsx"
# a rubric including a file named as its JSON output would be
sed -e 's/^rubric: roles/rubric: planned-include/' -e 's/part\.rubric/planned-include.json/' \
    "$fixture/main.rubric" > "$fixture/planned-include.rubric"
cp "$fixture/part.rubric" "$fixture/planned-include.json"
(cd "$fixture" && "$rubricc" --emit json,grid-csv -o compiled main.rubric) || fail "the fixture does not compile"
mv "$fixture/compiled/roles.json" "$fixture/rubric.json"
mv "$fixture/compiled/roles-grid.csv" "$fixture/grid.csv"
rmdir "$fixture/compiled"
echo '{"case": "A-1", "rubric": "roles", "grades": {"practice-seen": "G"}}' > "$fixture/audits.jsonl"
echo '{"case": "A-2", "rubric": "roles", "grades": {"practice-seen": "R"}}' > "$fixture/more.jsonl"
mkdir "$fixture/sub" "$fixture/out"

# The table: KIND|TARGET|COMMAND, one pair a line. COMMAND is run by the
# shell in a fresh copy of the fixture, with R for rubricc, G for
# rubric-grade and @ for the output spelled as TARGET. KIND is what
# TARGET is: input (a file the command reads), output-new (another
# output, not made yet) or output-old (another output, which exists).
# A line's fourth field, when present, is a file that may be written (the
# diagnostics file, which holds the refusal); a fifth, "no control", says
# that the line cannot run with a file of its own (two rubrics of one id,
# a folder that is a file).
table() {
    cat <<'TABLE'
# rubricc: the diagnostics file, the output folder and its files
input|main.rubric|R --check --diagnostics-output @ main.rubric
input|main.rubric|R --emit json -o out --diagnostics-output @ main.rubric
input|part.rubric|R --check --diagnostics-output @ main.rubric
input|part.rubric|R --emit json,html -o out --diagnostics-output @ main.rubric
input|roles.json|R --emit json -o . @
input|roles-template.xlsx|R --emit xlsx-template -o . @
input|roles.json|R --emit json,html -o . main.rubric @||no control
input|main.rubric|R --emit json -o @ main.rubric||no control
input|planned-include.json|R --emit json -o . planned-include.rubric
output-new|out/roles.json|R --emit json -o out --diagnostics-output @ main.rubric|@
output-new|out/index.html|R --emit json,index -o out --diagnostics-output @ main.rubric|@
input|main.rubric|R --check main.rubric >> @
# rubricc fmt: standard output
input|main.rubric|R fmt main.rubric >> @
input|part.rubric|R fmt main.rubric part.rubric >> @
input|main.rubric|R fmt - < main.rubric >> @
# rubricc test: --junit and standard output
input|main.rubric|R test --junit @ main.rubric main.tests
input|main.tests|R test --junit @ main.rubric main.tests
input|main.tests|R test --junit @ main.rubric
input|part.rubric|R test --junit @ main.rubric main.tests
input|main.rubric|R test main.rubric main.tests >> @
# rubricc diff: --html and standard output
input|main.rubric|R diff --html @ main.rubric other.rubric
input|other.rubric|R diff --html @ main.rubric other.rubric
input|part.rubric|R diff --html @ main.rubric other.rubric
input|other-part.rubric|R diff --html @ main.rubric other.rubric
input|other.rubric|R diff --format html main.rubric other.rubric >> @
# rubricc import: -o and standard output
input|grid.csv|R import -o @ grid.csv
input|grid.csv|R import grid.csv >> @
input|grid.csv|R import -o - grid.csv >> @
# rubric-grade: -o, --summary-output and --report against every input
input|rubric.json|G --rubric rubric.json -o @ audits.jsonl
input|audits.jsonl|G --rubric rubric.json -o @ audits.jsonl
input|more.jsonl|G --rubric rubric.json -o @ audits.jsonl more.jsonl
input|audits.jsonl|G --rubric rubric.json -o @ < audits.jsonl
input|audits.jsonl|G --rubric rubric.json -o @ - < audits.jsonl
input|rubric.json|G --rubric rubric.json --summary --summary-output @ audits.jsonl
input|audits.jsonl|G --rubric rubric.json --summary --summary-output @ audits.jsonl
input|audits.jsonl|G --rubric rubric.json --summary --summary-output @ < audits.jsonl
input|rubric.json|G --rubric rubric.json --report @ audits.jsonl
input|more.jsonl|G --rubric rubric.json --report @ audits.jsonl more.jsonl
input|audits.jsonl|G --rubric rubric.json --report @ < audits.jsonl
input|audits.jsonl|G --rubric rubric.json --moderate --report @ audits.jsonl
# --register: its control would name a copy of a JSON file, which is no
# register (tests/register/run.sh checks that refusal)
input|rubric.json|G --rubric rubric.json --register @ audits.jsonl||no control
input|audits.jsonl|G --rubric rubric.json --register @ audits.jsonl||no control
input|more.jsonl|G --rubric rubric.json --register @ audits.jsonl more.jsonl||no control
input|audits.jsonl|G --rubric rubric.json audits.jsonl >> @
input|rubric.json|G --rubric rubric.json audits.jsonl >> @
input|audits.jsonl|G --rubric rubric.json >> @ < audits.jsonl
# rubric-grade: each pair of outputs
output-new|t.out|G --rubric rubric.json --summary -o t.out --summary-output @ audits.jsonl
output-old|t.out|G --rubric rubric.json --summary -o t.out --summary-output @ audits.jsonl
output-new|t.out|G --rubric rubric.json -o t.out --report @ audits.jsonl
output-old|t.out|G --rubric rubric.json -o t.out --report @ audits.jsonl
output-new|t.out|G --rubric rubric.json --summary --summary-output t.out --report @ audits.jsonl
output-old|t.out|G --rubric rubric.json --summary --summary-output t.out --report @ audits.jsonl
output-new|t.out|G --rubric rubric.json --moderate -o t.out --report @ audits.jsonl
output-old|t.out|G --rubric rubric.json --moderate -o t.out --report @ audits.jsonl
output-new|t.out|G --rubric rubric.json -o t.out --register @ audits.jsonl
output-old|t.out|G --rubric rubric.json -o t.out --register @ audits.jsonl
output-new|t.out|G --rubric rubric.json -o /dev/null --report t.out --register @ audits.jsonl
TABLE
}

# What a folder holds: names, kinds, modes, links, sizes and checksums.
snapshot() {
    (cd "$1" && find . -exec ls -ld --time-style=+ {} + | awk '{$1=$1; print}' | LC_ALL=C sort &&
        find . -type f -exec cksum {} + | LC_ALL=C sort)
}

# The path standing for TARGET, spelled as SPELLING; makes the link it needs.
spell() {
    case "$1" in
    same) echo "$2" ;;
    dot) echo "./$2" ;;
    updir) echo "sub/../$2" ;;
    hard) ln "$2" hard-link && echo hard-link ;;
    symlink | dangling) ln -s "$(basename "$2")" "$(dirname "$2")/sym-link" && echo "$(dirname "$2")/sym-link" ;;
    esac
}

# run_line KIND TARGET COMMAND ALLOWED SPELLING
run_line() {
    kind="$1" target="$2" command="$3" allowed="$4" spelling="$5"
    label="$command [$spelling]"
    rm -rf "$work/case"
    cp -R "$fixture" "$work/case"
    cd "$work/case" || exit 1
    [ "$kind" = output-old ] && echo "old output" > "$target"
    path=$(spell "$spelling" "$target")
    before=$(snapshot .)
    line=$(printf '%s\n' "$command" | sed -e "s|@|$path|g" -e "s|^R |\"\$rubricc\" |" -e "s|^G |\"\$grade\" |")
    status=0
    eval "$line" > "$work/stdout" 2> "$work/stderr" || status=$?
    if [ "$status" -ne 2 ]; then
        fail "$label: exit $status, expected 2: $(head -c 300 "$work/stderr")"
    elif ! grep -q "is also an $( [ "$kind" = input ] && echo input || echo output)" "$work/stderr"; then
        fail "$label: no 'is also an ...' in: $(head -c 300 "$work/stderr")"
    elif [ -n "$allowed" ]; then
        # the diagnostics file may hold the refusal, never the refused output
        if grep -q '"rubric"\|<html' "$path" 2> /dev/null; then fail "$label: the refused output was written"; else pass; fi
    elif [ "$(snapshot .)" != "$before" ]; then
        fail "$label: files changed: $(printf '%s\n' "$before" > "$work/before"; snapshot . | diff "$work/before" - | head -5)"
    else
        pass
    fi
    cd "$work" || exit 1
}

# control TARGET LINE: with a file of its own (a copy of TARGET, when
# that exists: @ may stand for an input), the line succeeds.
control() {
    rm -rf "$work/case"
    cp -R "$fixture" "$work/case"
    cd "$work/case" || exit 1
    [ -f "$1" ] && cp "$1" own.out
    shift
    line=$(printf '%s\n' "$1" | sed -e "s|@|own.out|g" -e "s|^R |\"\$rubricc\" |" -e "s|^G |\"\$grade\" |")
    status=0
    eval "$line" > "$work/stdout" 2> "$work/stderr" || status=$?
    if [ "$status" -ne 0 ] || grep -q "is also an" "$work/stderr"; then
        fail "control: $1: exit $status: $(head -c 300 "$work/stderr")"
    else
        pass
    fi
    cd "$work" || exit 1
}

table | grep -v '^#' > "$work/table"
while IFS='|' read -r kind target command allowed no_control; do
    pairs=$((pairs + 1))
    case "$kind" in
    input | output-old) spellings="same dot hard symlink" ;;
    output-new) spellings="same dot updir dangling" ;;
    esac
    case "$command" in
    *@*) ;;
    *) spellings=same ;;         # the overlap is in the files themselves
    esac
    # under the sanitizers (ONE_SPELLING=1), each pair once: the spellings
    # differ in how a path is resolved, which the plain build's run tries,
    # not in the memory the program touches
    [ "${ONE_SPELLING:-}" = 1 ] && spellings="${spellings%% *}"
    for spelling in $spellings; do
        run_line "$kind" "$target" "$command" "$allowed" "$spelling"
    done
    case "$command" in *@*) [ -z "$no_control" ] && control "$target" "$command" ;; esac
done < "$work/table"

echo "file roles: $pairs pairs, $passed passed, $failed failed"
[ "$failed" -eq 0 ]
