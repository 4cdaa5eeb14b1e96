#!/bin/sh
# main-job.sh — the README's main job, run by `make`: compile every shipped
# rubric to JSON, C and HTML under BUILD/rubrics/, then grade each rubric's
# sample audits (examples/<authority>-audits.{jsonl,csv}) into BUILD/grades/.
#
# The sample audits hold deliberate mistakes (see examples/README-*.md), so
# rubric-grade reports those records as errors and exits 1; that is the
# expected outcome here and does not fail the job. Exit 2 (an unusable
# rubric or a bad command line) does.
# Usage: main-job.sh BUILD
set -eu
build="${1:-build}"
out="$build/rubrics"
grades="$build/grades"
mkdir -p "$out" "$grades"

echo "== compiling the shipped rubrics into $out/"
"$build/rubricc" --emit json,c,html -o "$out" rubrics/*.rubric

for rubric in rubrics/*.rubric; do
    id=$(sed -n 's/^rubric: *//p' "$rubric" | head -n 1)
    for audits in examples/*-audits.jsonl examples/*-audits.csv; do
        # Each sample file names its rubric in its records.
        grep -q "$id" "$audits" || continue
        name=$(basename "$audits")
        result="$grades/${name%.*}.${name##*.}.jsonl"
        status=0
        "$build/rubric-grade" --rubric "$out/$id.json" --summary \
            --summary-output "$grades/${name%.*}.${name##*.}.summary.txt" \
            "$audits" > "$result" 2> "$grades/${name%.*}.${name##*.}.errors.txt" || status=$?
        if [ "$status" -ge 2 ]; then
            cat "$grades/${name%.*}.${name##*.}.errors.txt" >&2
            echo "main-job: grading $audits failed (exit $status)" >&2
            exit 1
        fi
        graded=$(grep -c '"overall"' "$result" || true)
        failed=$(grep -c '"error"' "$result" || true)
        echo "== $audits: $graded graded, $failed reported as errors -> $result"
    done
done
echo "== guidance pages: open $out/<rubric-id>.html in a browser"
ls "$out"/*.html
