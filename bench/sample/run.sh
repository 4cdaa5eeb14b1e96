#!/bin/sh
# run.sh — rubric-grade sample's benchmark: choosing 5% of 100,000
# generated cases (tests/sample/make_cases.py: five teams, three case
# types, 40 auditors) and allocating them, with the allocation written to
# a file and the drafts of every auditor into a folder; beside it, the
# floor of reading the same list (Debian's wc -l). Timed by hyperfine,
# medians of RUNS runs (wall) and mean CPU seconds. Target: at most 1 s
# wall. Each output is flushed to disk before it is put in place
# (common/output_file.c), one fsync per file: the drafts' 40 files cost
# more on a busy disk than the choice. Writes WORKDIR/sample.txt
# and prints it.
#
# Run from the repository root. Usage:
#   run.sh RUBRIC_GRADE RUBRIC.json CASES.csv AUDITORS.csv WORKDIR
# Environment: SAMPLE_BENCH_RUNS (default 10).
set -eu
rubric_grade="$1"
rubric="$2"
cases="$3"
auditors="$4"
work="$5/sample"
report="$5/sample.txt"
runs="${SAMPLE_BENCH_RUNS:-10}"
mkdir -p "$work"
hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/times.json" \
    -n sample "$rubric_grade sample --percent 5 --seed 1 --auditors $auditors -q -o $work/allocation.csv $cases" \
    -n drafts "$rubric_grade sample --percent 5 --seed 1 --auditors $auditors -q -o $work/allocation.csv --drafts $work/drafts --rubric $rubric $cases" \
    -n wc "wc -l $cases" > /dev/null
median() { jq ".results[] | select(.command == \"$1\") | .median" "$work/times.json"; }
# The mean CPU seconds (user + system) of a command: what the run costs
# however busy the machine is.
cpu() { jq ".results[] | select(.command == \"$1\") | .user + .system" "$work/times.json"; }
chosen=$(($(wc -l < "$work/allocation.csv") - 1))
{
    echo "rubric-grade sample benchmark: $(($(wc -l < "$cases") - 1)) cases, $(($(wc -l < "$auditors") - 1)) auditors," \
         "$chosen chosen; medians of $runs hyperfine runs"
    printf '%-8s %8s %8s\n' command wall-s cpu-s
    for name in sample drafts wc; do
        printf '%-8s %8.3f %8.3f\n' "$name" "$(median $name)" "$(cpu $name)"
    done
    awk -v t="$(median sample)" -v d="$(median drafts)" 'BEGIN {
        printf "target: 5%% of 100,000 cases chosen and allocated in %.3f s (<= 1: %s); with the drafts %.3f s\n",
               t, t <= 1 ? "met" : "NOT MET", d }'
} > "$report"
cat "$report"
