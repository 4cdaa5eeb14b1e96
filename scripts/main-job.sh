#!/bin/sh
# main-job.sh — the README's main job, run by `make`: compile every shipped
# rubric to JSON, C, its guidance page, its audit form and its CSV template
# under BUILD/rubrics/, with the index page and the crosswalk of all of
# them (index.html, crosswalk.html; the offline pages studio.html and
# results.html copied in beside them first when `make` wrote them, so that
# the index links to them), and the worked examples of
# rubrics/examples/ under BUILD/rubrics/examples/; then grade each rubric's
# sample audits (examples/*-audits.jsonl and .csv) into
# BUILD/grades/<sample file>/: grades.jsonl (one result or error per
# audit), summary.txt (the batch summary) and errors.txt (what went wrong,
# by line), report.html (the results page for managers) and, where the
# sample has moderators' gradings beside it (examples/<name>-moderation.jsonl),
# moderation.json (auditor and moderator agreement) with the report.html
# made with them.
#
# The sample audits hold deliberate mistakes (see examples/README-*.md), so
# rubric-grade reports those records as errors and exits 1; that is the
# expected outcome here and does not fail the job. Exit 2 (an unusable
# rubric or a bad command line) does.
# The audit forms carry the grader (BUILD/wasm/rubric-grade.wasm, when the
# WebAssembly build made it) to show the rubric's grade as boxes are ticked.
# Usage: main-job.sh BUILD
set -eu
build="${1:-build}"
out="$build/rubrics"
grades="$build/grades"
mkdir -p "$out" "$grades"
grader=""
[ -f "$build/wasm/rubric-grade.wasm" ] && grader="--grader-module=$build/wasm/rubric-grade.wasm"

# The offline pages (web/), when `make` wrote them, go beside the index
# first: the index links to them only when they are there, so the folder
# holds the whole round and its links work wherever it is copied.
for page in studio.html results.html; do
    if [ -f "$build/web/$page" ]; then cp "$build/web/$page" "$out/$page"; fi
done
echo "== compiling the shipped rubrics into $out/ (JSON, C, guidance pages, audit forms, CSV templates, index, crosswalk)"
"$build/rubricc" --emit json,c,html,form,csv-template,index,crosswalk -o "$out" $grader rubrics/*.rubric
echo "== compiling the worked examples of the language's v2 audits into $out/examples/"
"$build/rubricc" --emit json,c,html,form,csv-template -o "$out/examples" $grader rubrics/examples/*.rubric

for rubric in rubrics/*.rubric; do
    id=$(sed -n 's/^rubric: *//p' "$rubric" | head -n 1)
    for audits in examples/*-audits.jsonl examples/*-audits.csv; do
        # Each sample file names its rubric in its records.
        grep -q "$id" "$audits" || continue
        results="$grades/$(basename "$audits" | tr . -)"
        mkdir -p "$results"
        status=0
        "$build/rubric-grade" --rubric "$out/$id.json" --summary \
            --summary-output "$results/summary.txt" --report "$results/report.html" \
            "$audits" > "$results/grades.jsonl" 2> "$results/errors.txt" || status=$?
        moderation="${audits%-audits.*}-moderation.jsonl"
        if [ "$status" -lt 2 ] && [ -f "$moderation" ] && [ "${audits%.jsonl}" != "$audits" ]; then
            "$build/rubric-grade" --rubric "$out/$id.json" --quiet --moderate \
                --report "$results/report.html" -o "$results/moderation.json" \
                "$audits" "$moderation" || [ $? -eq 1 ] || status=2
        fi
        if [ "$status" -ge 2 ]; then
            cat "$results/errors.txt" >&2
            echo "main-job: grading $audits failed (exit $status)" >&2
            exit 1
        fi
        echo "== $audits -> $results/"
        # The summary's first lines: records, and the overall grades.
        sed -n '1p;3,4p' "$results/summary.txt" | sed 's/^/  /'
    done
done
echo "== pages to open in a browser, starting from the index:"
echo "   $out/index.html"
echo "   $out/crosswalk.html"
for page in "$out"/*.html; do
    case "$page" in */index.html|*/crosswalk.html|*/studio.html|*/results.html) continue ;; esac
    echo "   $page"
done
echo "== results pages for managers:"
for page in "$grades"/*/report.html; do
    echo "   $page"
done
if [ -f "$out/results.html" ]; then
    echo "== the results page, to grade a round in a browser with no network (web/README.md):"
    echo "   $out/results.html"
fi
if [ -f "$out/studio.html" ]; then
    echo "== the rubric studio, to write and check a rubric in a browser with no network:"
    echo "   $out/studio.html"
fi
