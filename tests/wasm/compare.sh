#!/bin/sh
# compare.sh — the native programs and the WebAssembly ones (wasm/) run on
# the same inputs must give the same answers: standard output, standard
# error, exit status and every file written, byte for byte. The inputs
# are every golden input of the compiler's and the grader's suites (the
# shipped and example rubrics, the diagnostics cases, the pages' and the
# golden JSON's sources; the audits of the examples, the runtime's bad
# records, rubrics and fault inputs, the report's fixtures, the xlsx
# suite's workbooks) and the fuzzers' saved inputs (tests/fuzz/regressions).
# tests/wasm.mk runs it in check-wasm, after the golden suites themselves
# have been run through the modules.
#
# A case's files are written to the same path by both programs (moved
# aside between the runs), so that messages naming them agree too.
# Run from the repository root.
# Usage: compare.sh NATIVE_BUILD WASM_COMMANDS WORK
#   NATIVE_BUILD   holds rubricc, rubric-grade and rubrics/*.json
#   WASM_COMMANDS  holds rubricc and rubric-grade that run the modules
set -u
native="${1:?usage: compare.sh NATIVE_BUILD WASM_COMMANDS WORK}"
wasm="${2:?usage: compare.sh NATIVE_BUILD WASM_COMMANDS WORK}"
work="${3:?usage: compare.sh NATIVE_BUILD WASM_COMMANDS WORK}"
rm -rf "$work"
mkdir -p "$work"
cases=0
compared=0
failed=0

# help_as_expected PROGRAM: the WebAssembly PROGRAM's --help differs from
# the native one on purpose (what the build leaves out: writing
# workbooks, the SQLite register, git editions), so it is held to its own
# expected text, tests/wasm/help/PROGRAM.out, exit status 0.
help_as_expected() {
    cases=$((cases + 1))
    compared=$((compared + 1))
    if ! "$wasm/$1" --help > "$work/help.out" 2>&1 || ! cmp -s "tests/wasm/help/$1.out" "$work/help.out"; then
        echo "--- $1 --help: not tests/wasm/help/$1.out"
        diff -u "tests/wasm/help/$1.out" "$work/help.out" | sed -n '3,20p'
        failed=$((failed + 1))
        echo "FAIL: $1 --help"
    fi
}

# same LABEL PROGRAM ARGUMENT...: run PROGRAM (rubricc or rubric-grade)
# natively and as WebAssembly and compare. @OUT@ in an argument is a
# folder for the files it writes; STDIN (a file) is its standard input.
# out_in ARGUMENT: ARGUMENT with every @OUT@ made $work/out, in $substituted
# (by the shell: two processes an argument were most of this script's
# time when a run has 265 arguments).
out_in() {
    rest="$1"
    substituted=
    while :; do
        case "$rest" in
            *@OUT@*)
                substituted="$substituted${rest%%@OUT@*}$work/out"
                rest="${rest#*@OUT@}"
                ;;
            *)
                substituted="$substituted$rest"
                return
                ;;
        esac
    done
}

same() {
    label="$1"
    program="$2"
    shift 2
    for argument; do
        shift
        out_in "$argument"
        set -- "$@" "$substituted"
    done
    for side in native wasm; do
        rm -rf "$work/out" "$work/$side"
        mkdir -p "$work/out"
        if [ "$side" = native ]; then run="$native/$program"; else run="$wasm/$program"; fi
        status=0
        "$run" "$@" < "${STDIN:-/dev/null}" > "$work/$side.stdout" 2> "$work/$side.stderr" || status=$?
        echo "$status" > "$work/$side.status"
        mv "$work/out" "$work/$side"
    done
    cases=$((cases + 1))
    ok=1
    for part in stdout stderr status; do
        compared=$((compared + 1))
        if ! cmp -s "$work/native.$part" "$work/wasm.$part"; then
            echo "--- $label: $part differs"
            diff -u "$work/native.$part" "$work/wasm.$part" | sed -n '3,20p'
            ok=0
        fi
    done
    if ! diff -rq "$work/native" "$work/wasm" > "$work/files.diff"; then
        echo "--- $label: files differ"
        sed -n '1,10p' "$work/files.diff"
        ok=0
    fi
    compared=$((compared + $(find "$work/native" -type f | wc -l)))
    if [ "$ok" = 0 ]; then
        failed=$((failed + 1))
        echo "FAIL: $label"
    fi
}

# ------------------------------------------------------------ rubricc
every_output=json,c,html,form,csv-template,index,crosswalk,canvas-csv,case,grid-csv
same "shipped rubrics, every output" rubricc --emit "$every_output" -o @OUT@ rubrics/*.rubric
same "example rubrics, every output" rubricc --emit "$every_output" -o @OUT@ rubrics/examples/*.rubric
for source in tests/golden/*.rubric tests/html/*.rubric tests/fuzz/regressions/compile/*.rubric; do
    same "$source, every output" rubricc --emit "$every_output" -o @OUT@ "$source"
done
# The diagnostics cases, in every diagnostics format, all errors shown.
diagnostics_cases=$(ls tests/diagnostics/*.rubric tests/fuzz/regressions/compile/*.rubric)
for format in text json sarif github; do
    # shellcheck disable=SC2086
    same "diagnostics cases, $format" rubricc --check --max-errors=0 --diagnostics-format=$format $diagnostics_cases
    # shellcheck disable=SC2086
    same "diagnostics cases, $format to a file" rubricc --check --diagnostics-format=$format \
        --diagnostics-output=@OUT@/diagnostics $diagnostics_cases
done
# Each case that compiles, to its JSON (the others' diagnostics are the
# runs above, all cases at once: they cannot be compiled together, as many
# share a rubric id, and one run each of 265 would be most of this script).
for source in tests/diagnostics/*.rubric; do
    if "$native/rubricc" --emit json -o "$work/probe" "$source" > /dev/null 2>&1; then
        same "$source, JSON" rubricc --emit json -o @OUT@ "$source"
    fi
done
rm -rf "$work/probe"
STDIN=rubrics/waltham-forest-case-audit-grading-criteria.rubric \
    same "a rubric on standard input" rubricc --emit json,html -o @OUT@ -
for tests in rubrics/*.tests tests/golden/*.tests tests/html/*.tests; do
    same "rubricc test ${tests%.tests}.rubric" rubricc test "${tests%.tests}.rubric" "$tests"
done
same "rubricc fmt --check" rubricc fmt --check rubrics/*.rubric rubrics/examples/*.rubric
for grid in tests/fuzz/regressions/import/*.csv; do
    same "rubricc import $grid" rubricc import "$grid"
done
same "rubricc diff" rubricc diff --breaking --html @OUT@/diff.html tests/golden/example.rubric \
    rubrics/waltham-forest-case-audit-grading-criteria.rubric
help_as_expected rubricc
same "rubricc bad usage" rubricc --emit nothing rubrics/*.rubric
same "rubricc missing file" rubricc --check missing.rubric

# ------------------------------------------------------------ rubric-grade
lb="$native/rubrics/london-borough-case-audit-gradings.json"
wf="$native/rubrics/waltham-forest-case-audit-grading-criteria.json"
tiny=tests/runtime/tiny-rubric.json
# grade RUBRIC AUDITS...: each file alone in every output format, then
# all together summarised and reported.
grade() {
    rubric="$1"
    shift
    # each file alone as JSON Lines and CSV (what is read, what each
    # record gives, each file's own errors and exit status), then all of
    # them at once as text and as CSV for Excel (the writers, over every
    # record of every file)
    for audits; do
        for format in jsonl csv; do
            same "$audits by $rubric, $format" rubric-grade --rubric "$rubric" --format=$format "$audits"
        done
    done
    same "$* by $rubric, text" rubric-grade --rubric "$rubric" --format=text "$@"
    same "$* by $rubric, csv with comments for Excel" rubric-grade --rubric "$rubric" --format=csv \
        --excel --comments "$@"
    same "$* by $rubric, summary" rubric-grade --rubric "$rubric" --summary "$@"
    same "$* by $rubric, text summary and report" rubric-grade --rubric "$rubric" --summary --format=text \
        --report @OUT@/report.html -o @OUT@/summary.txt "$@"
    same "$* by $rubric, records and summary file" rubric-grade --rubric "$rubric" \
        --summary-output=@OUT@/summary.csv -o @OUT@/records.jsonl "$@"
}
grade "$wf" examples/waltham-forest-audits.jsonl examples/waltham-forest-audits.csv
grade "$lb" examples/london-borough-audits.jsonl examples/london-borough-audits.csv examples/london-borough-moderation.jsonl
grade "$tiny" tests/runtime/bad-records/* tests/fuzz/regressions/jsonl/* tests/fuzz/regressions/csv/*
grade "$tiny" tests/report/fixtures/tiny-*
grade "$tiny" tests/runtime/faults/*
grade tests/runtime/odd-ids-rubric.json tests/runtime/odd-ids-audits.jsonl
grade tests/report/fixtures/adversarial-rubric.json tests/report/fixtures/adversarial-audits.jsonl
grade tests/runtime/v2/rubrics/example-compliance-and-quality.json tests/runtime/v2/compliance-audits.jsonl \
    tests/runtime/v2/compliance-audits.csv tests/report/fixtures/moderation-compliance.jsonl
grade tests/runtime/v2/rubrics/example-cohort-key-judgements.json tests/runtime/v2/cohort-audits.jsonl
grade tests/runtime/v2/rubrics/example-scaling-audit.json tests/runtime/v2/scaling-audits.jsonl
for moderated in "$lb examples/london-borough-moderation.jsonl tests/report/fixtures/moderation-lb.jsonl" \
                 "$tiny tests/report/fixtures/tiny-roles.jsonl tests/report/fixtures/tiny-roles.csv" \
                 "tests/runtime/v2/rubrics/example-compliance-and-quality.json tests/report/fixtures/moderation-compliance.jsonl"; do
    # shellcheck disable=SC2086
    set -- $moderated
    rubric="$1"
    shift
    same "moderation of $*" rubric-grade --rubric "$rubric" --moderate --report @OUT@/report.html "$@"
done
for rubric in tests/runtime/bad-rubrics/*.json tests/fuzz/regressions/rubric_load/*.json; do
    same "the rubric $rubric" rubric-grade --rubric "$rubric" examples/waltham-forest-audits.jsonl
done
STDIN=examples/waltham-forest-audits.jsonl same "audits on standard input" rubric-grade --rubric "$wf"
same "rubric-grade --strict" rubric-grade --rubric "$tiny" --strict tests/runtime/bad-records/every-kind.jsonl
help_as_expected rubric-grade
same "rubric-grade bad usage" rubric-grade --format=xml --rubric "$wf"
same "a size limit beyond 4 GiB" rubric-grade --rubric "$tiny" --max-record-size 8G --max-rubric-size 5G \
    tests/runtime/bad-records/dates.jsonl

# ------------------------------------------------------------ workbooks
# The workbooks of audits tests/xlsx/check_reading.py writes with its own
# writers (openpyxl, and by hand with Python's zipfile): the filled
# data-entry workbook, dates in both date systems, every kind of cell, and
# each bad workbook; each graded in every output format, then all together
# summarised and reported; and one on standard input (refused alike).
workbooks="$work/workbooks"
if "${XLSX_PYTHON:-/usr/bin/python3}" tests/xlsx/check_reading.py --rubricc "$native/rubricc" \
        --grader "$native/rubric-grade" --out "$workbooks" > "$work/workbooks.log" 2>&1; then
    grade "$workbooks/html-small-example.json" "$workbooks"/*.xlsx
    STDIN="$workbooks/kinds.xlsx" same "a workbook on standard input" rubric-grade \
        --rubric "$workbooks/html-small-example.json" -
else
    cat "$work/workbooks.log"
    cases=$((cases + 1))
    failed=$((failed + 1))
    echo "FAIL: the workbooks (tests/xlsx/check_reading.py with the native programs)"
fi

echo "wasm against native: $cases cases, $compared files compared, $failed failed"
[ "$failed" -eq 0 ]
