#!/bin/sh
# run.sh — the one-truth test: grading through the JSON loader and through
# the linked C tables gives byte-identical output.
#
# For each shipped rubric ID it generates 1,200 audits as JSON Lines and as
# CSV (generate_audits.py: varied grades, NA where allowed, auditors' own
# grades, about 4% invalid records of every kind), grades them with
#   rubric-grade --rubric RUBRICS/ID.json         (the JSON loader), and
#   PROGRAMS/grade-ID                             (rubric-grade's code, linked
#                                                  with `rubricc --emit c` tables)
# and compares, byte for byte, the output in every report format and the
# --summary (JSON and text), the exit statuses, and the per-record error
# lines on stderr. The generator is checked to be deterministic too.
#
# Run from the repository root. Usage: run.sh RUBRIC_GRADE RUBRICS PROGRAMS WORK ID ...
set -u
rubric_grade="$1"
rubrics="$2"
programs="$3"
work="$4"
shift 4
here=tests/one_truth
audits_per_rubric=1200
passed=0
failed=0
mkdir -p "$work"

# The per-record error lines of a stderr file (the closing count names the program).
record_errors() {
    grep ': error: ' "$1" || true
}

# compare NAME ID INPUT OPTION...: both graders on INPUT with the options;
# stdout, exit status and record errors must be the same.
compare() {
    name="$1"
    id="$2"
    input="$3"
    shift 3
    out="$work/$id.$name"
    json_status=0
    "$rubric_grade" --rubric "$rubrics/$id.json" "$@" "$input" > "$out.json-loader" 2> "$out.json-loader.err" ||
        json_status=$?
    tables_status=0
    "$programs/grade-$id" "$@" "$input" > "$out.tables" 2> "$out.tables.err" || tables_status=$?
    record_errors "$out.json-loader.err" > "$out.json-loader.errors"
    record_errors "$out.tables.err" > "$out.tables.errors"
    problem=""
    if [ "$json_status" -ge 2 ] || [ "$tables_status" -ge 2 ]; then
        problem="trouble: exit $json_status (JSON loader), $tables_status (tables)"
    elif [ "$json_status" -ne "$tables_status" ]; then
        problem="exit status $json_status (JSON loader) but $tables_status (tables)"
    elif ! cmp -s "$out.json-loader" "$out.tables"; then
        problem="outputs differ: $(cmp "$out.json-loader" "$out.tables" 2>&1)"
    elif ! cmp -s "$out.json-loader.errors" "$out.tables.errors"; then
        problem="record errors on stderr differ"
    elif [ ! -s "$out.json-loader" ]; then
        problem="no output"
    fi
    if [ -z "$problem" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $id $name: $problem"
        diff "$out.json-loader" "$out.tables" | head -n 6 | cut -c 1-300 | sed 's/^/    /'
        sed -n 1,5p "$out.json-loader.err" "$out.tables.err" | sed 's/^/    /'
    fi
}

# generate ID: the audits of one rubric, JSON Lines twice (determinism) and CSV.
generate() {
    for seed_and_format in "5 jsonl $jsonl" "5 jsonl $jsonl.again" "7 csv $csv"; do
        # shellcheck disable=SC2086
        set -- $seed_and_format
        python3 "$here/generate_audits.py" "$rubrics/$id.json" "$audits_per_rubric" --seed "$1" \
            --invalid-share 0.04 --format "$2" -o "$3" || return 1
    done
    cmp -s "$jsonl" "$jsonl.again"
}

for id in "$@"; do
    jsonl="$work/$id.audits.jsonl"
    csv="$work/$id.audits.csv"
    if ! generate; then
        failed=$((failed + 1))
        echo "FAIL: $id: generate_audits.py failed or is not deterministic"
        continue
    fi
    passed=$((passed + 1))
    failed_before=$failed
    compare jsonl "$id" "$jsonl"
    compare csv-report "$id" "$jsonl" --format csv
    compare text-report "$id" "$jsonl" --format text
    compare summary "$id" "$jsonl" --summary
    compare summary-text "$id" "$jsonl" --summary --format text
    compare csv-input "$id" "$csv"
    compare csv-input-summary "$id" "$csv" --summary
    graded=$(grep -c '"sections"' "$work/$id.jsonl.json-loader")
    errors=$(grep -c '"error"' "$work/$id.jsonl.json-loader")
    [ "$failed" -eq "$failed_before" ] &&
        echo "one-truth: $id: $graded audits graded and $errors invalid records reported the same both ways"
done
echo "one-truth: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
