#!/bin/sh
# run-valgrind.sh — rubricc under valgrind (memcheck): the shipped rubrics
# compiled to JSON, and to JSON, C and HTML together, the worked examples
# of rubrics/examples/ through every emitter, and a few malformed
# inputs from tests/diagnostics/ (errors reported, parse recovery, reuse
# cycles, includes, bad UTF-8), the machine-readable diagnostics
# formats, the exports for other systems and `rubricc import` (each
# rubric's grid, good and broken grids). Any memory error or definite or
# indirect leak fails the run (valgrind exits 99); whether an emitter succeeds is
# its own tests' business, so only JSON must also exit 0.
# Run from the repository root. Usage: run-valgrind.sh RUBRICC WORKDIR
set -u
rubricc="$1"
work="$2"
passed=0
failed=0
rm -rf "$work"
mkdir -p "$work"

# Run one rubricc command under valgrind; EXPECTED is the status wanted
# ("any" for any status but valgrind's own 99).
# Usage: memcheck NAME EXPECTED ARGS...
memcheck() {
    name="$1"
    expected="$2"
    shift 2
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect --log-file="$work/$name.valgrind" \
        "$rubricc" "$@" > /dev/null 2> "$work/$name.stderr"
    status=$?
    if [ "$status" -eq 99 ] || [ -s "$work/$name.valgrind" ]; then
        failed=$((failed + 1))
        echo "FAIL: $name: valgrind found errors:"
        sed 's/^/    /' "$work/$name.valgrind"
    elif [ "$expected" != any ] && [ "$status" -ne "$expected" ]; then
        failed=$((failed + 1))
        echo "FAIL: $name: exit $status, expected $expected:"
        sed 's/^/    /' "$work/$name.stderr"
    else
        passed=$((passed + 1))
        if [ "$expected" = any ] && [ "$status" -ne 0 ]; then
            echo "note: $name: clean under valgrind, but rubricc exited $status: $(head -n 1 "$work/$name.stderr")"
        fi
    fi
}

for rubric in rubrics/*.rubric; do
    name=$(basename "$rubric" .rubric)
    memcheck "$name-json" 0 --emit json -o "$work/out" "$rubric"
    memcheck "$name-all" any --emit json,c,html,form,csv-template,index,crosswalk -o "$work/out" "$rubric"
    memcheck "$name-interop" 0 --emit case,canvas-csv,grid-csv -o "$work/out" "$rubric"
    memcheck "$name-import" 0 import "$work/out/$(sed -n 's/^rubric: //p' "$rubric")-grid.csv" \
        -o "$work/out/$name-imported.rubric"
done
memcheck import-guesses 0 import tests/interop/grids/guesses.csv -o "$work/out/guesses.rubric"
for grid in ragged-rows not-utf8 unterminated-quote duplicate-header; do
    memcheck "import-$grid" 1 import "tests/interop/grids/$grid.csv" -o "$work/out/$grid.rubric"
done
memcheck golden-example 0 --emit json -o "$work/out" tests/golden/example.rubric
# The worked examples of the v2 constructs, through every emitter.
for rubric in rubrics/examples/*.rubric; do
    memcheck "example-$(basename "$rubric" .rubric)" 0 --emit json,c,html,form,csv-template,case,canvas-csv,grid-csv \
        -o "$work/out-examples" "$rubric"
done
for case in parse-several-errors same-as-cycle lex-include-missing lex-bad-utf8 \
            lex-tab-indentation duplicate-criterion-id grading-unknown-limit \
            v2-limit-cycle-condition v2-band-overlap v2-answers-unknown-set v2-checklist-condition-level; do
    memcheck "$case" 1 --check "tests/diagnostics/$case.rubric"
done
memcheck usage-error 2 --emit pdf x.rubric
for format in json sarif github; do
    memcheck "format-$format" 1 --check --diagnostics-format "$format" \
        tests/diagnostics-format/cases/two-errors.rubric tests/diagnostics-format/cases/included-error.rubric
done
memcheck include-chain 1 --check tests/diagnostics/include-chain.rubric
memcheck include-binary 1 --check tests/diagnostics/include-binary.rubric
memcheck max-errors 1 --check --max-errors 1 --diagnostics-format sarif tests/diagnostics/include-max-errors.rubric

echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
