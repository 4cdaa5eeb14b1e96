#!/bin/sh
# run-interop.sh — the exports for other systems and the grid import
# (compiler/emit/emit_canvas.c, emit_case.c, emit_grid.c, compiler/tools/import_grid.c):
#
#   - golden outputs of tests/interop/interop.rubric (Canvas CSV, CASE
#     JSON with its UUIDv5 identifiers, grid CSV), and every output written
#     twice, byte for byte the same;
#   - the CASE exports of every rubric (shipped and test) field by field
#     against the rubric's JSON, every identifier recomputed with Python's
#     uuid5 (check_case.py), and valid against 1EdTech's published CFRubric
#     JSON Schema (ajv, draft 2019-09, formats checked), which rejects
#     deliberately broken copies;
#   - the Canvas exports read with Python's csv module the way Canvas's
#     importer reads them (check_canvas.py);
#   - every CSV written (Canvas, grid, audit template) neutralises a cell
#     a spreadsheet would run as a formula (check_neutralised.py), golden
#     for tests/interop/formula.rubric, whose text starts with =, +, -, @
#     and apostrophes;
#   - the round trip: every rubric exported to a grid, imported, compiled,
#     the same grades, sections, titles and effective descriptors
#     (check_round_trip.py); again with the ID column deleted (ids made
#     from the titles, criteria matched by place); formula.rubric too, so
#     the import takes off the apostrophes the export put on;
#   - rubricc import on the grids in tests/interop/grids/: what it reports
#     (tests/interop/expected/NAME.stderr, with the exit status) word for
#     word, the rubric written (expected/NAME.rubric) for the good ones,
#     which must compile; nothing written for the broken ones;
#   - a grid named with a newline and an escape sequence: escaped in the
#     report and in the rubric written, which forges no line;
#   - rubricc import's usage errors.
#
# Run from the repository root.
# Usage: run-interop.sh RUBRICC WORKDIR [--update] [--no-schema]
#   --update     rewrite the golden and expected files from this run
#   --no-schema  skip the ajv validation (the sanitizer run has no npm tools)
set -u
rubricc="$1"
work="$2"
shift 2
update=0
schema_check=1
for option in "$@"; do
    case "$option" in
        --update) update=1 ;;
        --no-schema) schema_check=0 ;;
    esac
done
here=tests/interop
schema="$here/case_v1p1_cfrubric-jsonschema1.json"
ajv=tests/node_modules/.bin/ajv
passed=0
failed=0
rm -rf "$work"
mkdir -p "$work/out" "$work/again" "$work/broken" "$work/import" "$work/round"

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# The golden file golden, compared with (or, under --update, set to) made.
compare_golden() {
    golden="$1"
    made="$2"
    if [ "$update" -eq 1 ]; then
        cp "$made" "$golden"
    fi
    if cmp -s "$golden" "$made"; then
        pass
    else
        fail "$made differs from $golden:"
        diff -u "$golden" "$made" | head -n 40 | sed 's/^/    /'
    fi
}

validate() {
    "$ajv" validate --spec=draft2019 --strict=true -c ajv-formats -s "$schema" -d "$1"
}

# --- every export of every rubric, twice: the same bytes
rubrics="rubrics/*.rubric rubrics/examples/*.rubric $here/interop.rubric $here/formula.rubric"
formats=json,case,canvas-csv,grid-csv,csv-template
# shellcheck disable=SC2086
if "$rubricc" --emit "$formats" -o "$work/out" $rubrics 2> "$work/emit.stderr" \
   && "$rubricc" --emit "$formats" -o "$work/again" $rubrics 2> /dev/null; then
    pass
else
    fail "rubricc --emit $formats failed:"
    sed 's/^/    /' "$work/emit.stderr"
fi
for made in "$work"/out/*; do
    if cmp -s "$made" "$work/again/$(basename "$made")"; then
        pass
    else
        fail "$made is not the same from run to run"
    fi
done

# --- the golden exports of the test rubric (stable identifiers), and the
# CSV exports of the rubric whose text starts like a formula
for suffix in case.json canvas.csv grid.csv; do
    compare_golden "$here/golden/interop-example-$suffix" "$work/out/interop-example-$suffix"
done
for suffix in canvas.csv grid.csv template.csv; do
    compare_golden "$here/golden/formula-cells-$suffix" "$work/out/formula-cells-$suffix"
done

# --- no cell of any CSV export or template would run as a formula
if python3 "$here/check_neutralised.py" "$work"/out/*.csv > "$work/neutralised.out" 2>&1; then
    pass
else
    fail "a CSV export holds a cell a spreadsheet would run as a formula:"
    head -n 20 "$work/neutralised.out" | sed 's/^/    /'
fi

# --- CASE and Canvas checked against each rubric's JSON, and the schema
for case in "$work"/out/*-case.json; do
    id=$(basename "$case" -case.json)
    if python3 "$here/check_case.py" "$case" "$work/out/$id.json" > "$work/$id-case.out" 2>&1; then
        pass
    else
        fail "$case:"
        sed 's/^/    /' "$work/$id-case.out"
    fi
    if python3 "$here/check_canvas.py" "$work/out/$id-canvas.csv" "$work/out/$id.json" \
        > "$work/$id-canvas.out" 2>&1; then
        pass
    else
        fail "$work/out/$id-canvas.csv:"
        sed 's/^/    /' "$work/$id-canvas.out"
    fi
    if [ "$schema_check" -eq 1 ]; then
        if validate "$case" > "$work/$id-schema.out" 2>&1; then
            pass
        else
            fail "$case does not match $schema:"
            sed 's/^/    /' "$work/$id-schema.out"
        fi
    fi
done

# --- the checks can fail: broken copies of the test rubric's CASE export,
# each rejected by the schema (unless skipped), by check_case.py, or both
# (the edits on standard input, one "name|rejected by|jq edit" a line)
reject_broken() {
    example="$1"
    rubric_json="$2"
    while IFS='|' read -r name rejected_by edit; do
        [ -n "$name" ] || continue
        broken="$work/broken/$name.json"
        jq "$edit" "$example" > "$broken" || { fail "$name: the jq edit failed"; continue; }
        if [ "$rejected_by" != schema ]; then
            if python3 "$here/check_case.py" "$broken" "$rubric_json" > /dev/null 2>&1; then
                fail "$name: check_case.py accepted a broken export ($edit)"
            else
                pass
            fi
        fi
        if [ "$schema_check" -eq 1 ] && [ "$rejected_by" != check ]; then
            if validate "$broken" > "$work/broken/$name.out" 2>&1; then
                fail "$name: the schema accepted a broken export ($edit)"
            else
                pass
            fi
        fi
    done
}
reject_broken "$work/out/interop-example-case.json" "$work/out/interop-example.json" <<'EDITS'
identifier-missing|both|del(.identifier)
identifier-not-uuid|both|.CFRubricCriteria[0].identifier = "criterion-safety"
level-unknown-key|schema|.CFRubricCriteria[0].CFRubricCriterionLevels[0].title = "Met"
date-not-date|both|.lastChangeDateTime = "2025-09-01"
score-not-number|both|.CFRubricCriteria[1].CFRubricCriterionLevels[0].score = "2"
identifier-changed|check|.CFRubricCriteria[1].CFRubricCriterionLevels[2].identifier = "00000000-0000-5000-8000-000000000000"
score-changed|check|.CFRubricCriteria[0].CFRubricCriterionLevels[0].score = 3
EDITS
# language v2: a checklist criterion's answers, a score scale's levels
reject_broken "$work/out/example-compliance-and-quality-case.json" \
    "$work/out/example-compliance-and-quality.json" <<'EDITS'
answer-as-level|check|.CFRubricCriteria[4].CFRubricCriterionLevels |= map(.extensions[0] |= {levelCode: .answerCode})
answer-met-points|check|.CFRubricCriteria[4].CFRubricCriterionLevels[1].score = 1
answers-four-levels|check|.CFRubricCriteria[4].CFRubricCriterionLevels = .CFRubricCriteria[0].CFRubricCriterionLevels
EDITS
reject_broken "$work/out/example-scaling-audit-case.json" "$work/out/example-scaling-audit.json" <<'EDITS'
between-description-null|both|.CFRubricCriteria[0].CFRubricCriterionLevels[1].description = null
score-not-declared|check|.CFRubricCriteria[0].CFRubricCriterionLevels[0].score = 3
band-missing|check|del(.CFRubricCriteria[0].CFRubricCriterionLevels[0].extensions[0].band)
EDITS

# --- the round trip: grid out, import, compile, the same rubric
# (not the worked examples of language v2: the import reads grids of
# levels only)
for grid in "$work"/out/*-grid.csv; do
    id=$(basename "$grid" -grid.csv)
    case "$id" in example-*) continue ;; esac
    for variant in with-ids ids-made; do
        source="$work/round/$id-$variant.csv"
        if [ "$variant" = with-ids ]; then
            cp "$grid" "$source"
            made=""
        else
            # The ID column emptied where a title can give the id (an
            # untitled criterion without one is an error, tested below).
            python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(
    rows[:1] + [row[:1] + [row[1] if row[2] == "" else ""] + row[2:] for row in rows[1:]])' \
                "$grid" "$source"
            made=--ids-made
        fi
        imported="$work/round/$id-$variant.rubric"
        if ! "$rubricc" import "$source" -o "$imported" 2> "$work/round/$id-$variant.report"; then
            fail "$source could not be imported:"
            sed 's/^/    /' "$work/round/$id-$variant.report"
            continue
        fi
        if ! "$rubricc" --emit json -o "$work/round/$variant" "$imported" 2> "$work/round/$id-$variant.stderr"; then
            fail "$imported does not compile:"
            sed 's/^/    /' "$work/round/$id-$variant.stderr"
            continue
        fi
        imported_id=$(sed -n 's/^rubric: //p' "$imported")
        # shellcheck disable=SC2086
        if python3 "$here/check_round_trip.py" "$work/out/$id.json" \
            "$work/round/$variant/$imported_id.json" $made > "$work/round/$id-$variant.out" 2>&1; then
            pass
        else
            fail "$id ($variant): the round trip changed the rubric:"
            head -n 20 "$work/round/$id-$variant.out" | sed 's/^/    /'
        fi
    done
done

# --- rubricc import on the test grids: report, status and rubric
for grid in "$here"/grids/*.csv; do
    name=$(basename "$grid" .csv)
    output="$work/import/$name.rubric"
    "$rubricc" import "$grid" -o "$output" > "$work/import/$name.stdout" 2> "$work/import/$name.stderr"
    status=$?
    { echo "exit $status"; cat "$work/import/$name.stderr"; } > "$work/import/$name.report"
    compare_golden "$here/expected/$name.stderr" "$work/import/$name.report"
    if [ "$status" -eq 0 ]; then
        compare_golden "$here/expected/$name.rubric" "$output"
        "$rubricc" import "$grid" -o "$work/import/$name-again.rubric" 2> /dev/null
        if cmp -s "$output" "$work/import/$name-again.rubric"; then
            pass
        else
            fail "$name: the import is not the same from run to run"
        fi
        if "$rubricc" --check "$output" > "$work/import/$name.check" 2>&1; then
            pass
        else
            fail "$output does not compile:"
            sed 's/^/    /' "$work/import/$name.check"
        fi
    elif [ -e "$output" ]; then
        fail "$name: a grid with errors wrote $output"
    fi
done

# --- a grid whose file name holds a newline and an escape sequence: the
# name is escaped wherever it is echoed (the report's "GRID:LINE:" lines,
# the rubric's title and comments), so it forges no line of either
forged=$(printf 'evil\nrubric: forged\033[2J')
cp "$here/grids/no-section.csv" "$work/import/$forged.csv"
"$rubricc" import "$work/import/$forged.csv" -o "$work/import/forged.rubric" 2> "$work/import/forged.stderr"
status=$?
if [ $status -eq 0 ] && ! grep -q '^rubric: forged' "$work/import/forged.rubric" \
    && ! grep -q '^rubric: forged' "$work/import/forged.stderr" \
    && ! grep -q "$(printf '\033')" "$work/import/forged.rubric" "$work/import/forged.stderr" \
    && grep -qF 'title: evil\nrubric: forged\x1b[2J' "$work/import/forged.rubric" \
    && "$rubricc" --check "$work/import/forged.rubric" > /dev/null 2>&1; then
    pass
else
    fail "a grid named with a newline (exit $status) forged a line or did not compile:"
    sed 's/^/    /' "$work/import/forged.rubric" "$work/import/forged.stderr" | head -n 20
fi
cp "$here/grids/ragged-rows.csv" "$work/import/$forged-ragged.csv"
"$rubricc" import "$work/import/$forged-ragged.csv" -o "$work/import/forged-ragged.rubric" \
    2> "$work/import/forged-ragged.stderr"
if ! grep -q '^rubric: forged' "$work/import/forged-ragged.stderr" \
    && grep -qF "evil\\nrubric: forged\\x1b[2J-ragged.csv:" "$work/import/forged-ragged.stderr"; then
    pass
else
    fail "a grid named with a newline: its errors are not shown escaped:"
    sed 's/^/    /' "$work/import/forged-ragged.stderr"
fi

# --- rubricc import's command line: status and the first line of stderr
while IFS='|' read -r name expected message arguments; do
    [ -n "$name" ] || continue
    # shellcheck disable=SC2086
    "$rubricc" import $arguments > /dev/null 2> "$work/import/usage-$name.stderr"
    status=$?
    first=$(head -n 1 "$work/import/usage-$name.stderr")
    if [ "$status" -eq "$expected" ] && [ "$first" = "$message" ]; then
        pass
    else
        fail "import $arguments: exit $status, expected $expected; stderr: $first"
    fi
done <<USAGE
no-grid|2|rubricc import: no grid given|
unknown-option|2|rubricc import: unknown option '--emit'|--emit json $here/grids/no-section.csv
two-grids|2|rubricc import: one grid at a time ('$here/grids/no-section.csv' and '$here/grids/guesses.csv')|$here/grids/no-section.csv $here/grids/guesses.csv
output-missing|2|rubricc import: option '-o' needs a value: -o FILE|$here/grids/no-section.csv -o
output-empty|2|rubricc import: '--output=' needs a file name|$here/grids/no-section.csv --output=
unreadable|1|$work/none.csv: error: cannot read the grid: No such file or directory|$work/none.csv
USAGE
if "$rubricc" import --help | grep -q '^usage: rubricc import \[OPTION\]... GRID.csv'; then
    pass
else
    fail "rubricc import --help does not show the usage"
fi

echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
