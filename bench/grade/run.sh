#!/bin/sh
# run.sh — the grading benchmark: rubric-grade beside the two baselines a
# script author might otherwise write (section_grades.jq and
# section_grades.py, which compute the same section grades), in one run.
#
#   1. agreement: on a sample of 2,000 generated audits the three give the
#      same section grades (else the comparison means nothing; the run fails);
#   2. throughput: rubric-grade on 100,000 and 1,000,000 audits (JSON Lines
#      out to /dev/null, and --summary alone at 100,000); the baselines on the
#      100,000 slice, and on the 1,000,000 too when that would take under
#      half a minute a run; medians of several runs of /usr/bin/time;
#      audits per second, MB/s (10^6 bytes of input), peak RSS;
#   3. cold start: rubric-grade on a one-line file, hyperfine median of 30;
#   4. the ratio to jq against the target of 20; below it, the hot spots
#      from callgrind (inclusive share of instructions per function).
# Writes WORKDIR/grade.txt and prints it.
#
# Run from the repository root. Usage:
#   run.sh RUBRIC_GRADE RUBRIC.json AUDITS_1M.jsonl SAMPLE.jsonl WORKDIR
# Environment: GRADE_BENCH_RUNS (default 5, runs at 100,000) and
# GRADE_BENCH_RUNS_LARGE (default 3, runs at 1,000,000).
set -eu
rubric_grade="$1"
rubric="$2"
large="$3"
sample="$4"
work="$5/grade"
report="$5/grade.txt"
runs="${GRADE_BENCH_RUNS:-5}"
runs_large="${GRADE_BENCH_RUNS_LARGE:-3}"
here=bench/grade
target_ratio=20
mkdir -p "$work"

# The median of the numbers on standard input.
median() {
    sort -n | awk '{ value[NR] = $1 } END { if (NR % 2) print value[(NR + 1) / 2];
                                            else print (value[NR / 2] + value[NR / 2 + 1]) / 2 }'
}

# measure RUNS COMMAND...: "SECONDS PEAK_KB", the medians over RUNS runs.
measure() {
    count="$1"
    shift
    : > "$work/times"
    i=0
    while [ "$i" -lt "$count" ]; do
        /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || {
            echo "bench-grade: failed: $*" >&2
            cat "$work/stderr" >&2
            exit 1
        }
        cat "$work/time" >> "$work/times"
        i=$((i + 1))
    done
    echo "$(cut -d ' ' -f 1 "$work/times" | median) $(cut -d ' ' -f 2 "$work/times" | median)"
}

# row LABEL AUDITS BYTES "SECONDS PEAK_KB": one line of the table.
row() {
    # shellcheck disable=SC2086
    set -- "$1" "$2" "$3" $4
    awk -v label="$1" -v n="$2" -v bytes="$3" -v s="$4" -v kb="$5" 'BEGIN {
        printf "%-30s %9d %8.1f %9.2f %12.0f %8.1f %8.1f\n", label, n, bytes / 1e6, s, n / s, bytes / 1e6 / s, kb / 1024 }'
}

# The section grades of rubric-grade's JSON Lines, in the baselines' shape.
rubric_grade_sections() {
    "$rubric_grade" --rubric "$rubric" "$1" |
        jq -c '{case, sections: (.sections | map({key: .id, value: .grade}) | from_entries)}'
}

# 1. Agreement on the sample, every output normalised by jq -S.
rubric_grade_sections "$sample" | jq -cS . > "$work/sample.rubric-grade"
jq -c --slurpfile rubric "$rubric" -f "$here/section_grades.jq" "$sample" | jq -cS . > "$work/sample.jq"
python3 "$here/section_grades.py" "$rubric" "$sample" | jq -cS . > "$work/sample.python"
for baseline in jq python; do
    if ! cmp -s "$work/sample.rubric-grade" "$work/sample.$baseline"; then
        echo "bench-grade: rubric-grade and the $baseline baseline disagree on section grades:"
        diff "$work/sample.rubric-grade" "$work/sample.$baseline" | head -n 6
        exit 1
    fi
done
sample_audits=$(wc -l < "$work/sample.rubric-grade")
sample_ties=$("$rubric_grade" --rubric "$rubric" "$sample" | jq '[.sections[] | select(.tie)] | length' |
    awk '{ total += $1 } END { print total + 0 }')
sample_na=$(jq '[.sections[] | select(. == "NA")] | length' "$work/sample.jq" | awk '{ total += $1 } END { print total + 0 }')

# 2. Inputs: the 1,000,000 audits, their first 100,000, one audit.
slice="$work/audits-100k.jsonl"
one="$work/audits-1.jsonl"
head -n 100000 "$large" > "$slice"
head -n 1 "$large" > "$one"
large_audits=$(wc -l < "$large")
large_bytes=$(wc -c < "$large")
slice_audits=$(wc -l < "$slice")
slice_bytes=$(wc -c < "$slice")

grade_slice=$(measure "$runs" "$rubric_grade" --rubric "$rubric" "$slice")
summary_slice=$(measure "$runs" "$rubric_grade" --rubric "$rubric" --summary "$slice")
grade_large=$(measure "$runs_large" "$rubric_grade" --rubric "$rubric" "$large")
jq_slice=$(measure 3 jq -c --slurpfile rubric "$rubric" -f "$here/section_grades.jq" "$slice")
python_slice=$(measure 3 python3 "$here/section_grades.py" "$rubric" "$slice")

# A baseline runs on the whole file too when a run would take under 30 s.
fits_large() {
    echo "$1" | awk -v scale="$((large_audits / slice_audits))" '{ exit !($1 * scale < 30) }'
}
jq_large=""
python_large=""
if fits_large "$jq_slice"; then
    jq_large=$(measure "$runs_large" jq -c --slurpfile rubric "$rubric" -f "$here/section_grades.jq" "$large")
fi
if fits_large "$python_slice"; then
    python_large=$(measure "$runs_large" python3 "$here/section_grades.py" "$rubric" "$large")
fi

# 3. Cold start: one audit, rubric loaded from JSON, no shell in between.
hyperfine --style none -N --warmup 3 --runs 30 --export-json "$work/cold.json" \
    "$rubric_grade --rubric $rubric $one" > /dev/null
cold_ms=$(jq '.results[0].median * 1000 * 100 | round / 100' "$work/cold.json")
cold_min_ms=$(jq '.results[0].min * 1000 * 100 | round / 100' "$work/cold.json")

# The headline figures: rubric-grade on the whole file, each baseline on
# the largest input it ran on (throughput is per audit).
best_rate() {
    if [ -n "$2" ]; then
        echo "$2" | awk -v n="$large_audits" '{ print n / $1 }'
    else
        echo "$1" | awk -v n="$slice_audits" '{ print n / $1 }'
    fi
}
grade_rate=$(echo "$grade_large" | awk -v n="$large_audits" '{ print n / $1 }')
jq_rate=$(best_rate "$jq_slice" "$jq_large")
python_rate=$(best_rate "$python_slice" "$python_large")
ratio_jq=$(awk -v a="$grade_rate" -v b="$jq_rate" 'BEGIN { printf "%.1f", a / b }')
ratio_python=$(awk -v a="$grade_rate" -v b="$python_rate" 'BEGIN { printf "%.1f", a / b }')

{
    echo "rubric-grade benchmark: $(basename "$rubric" .json)"
    echo "medians of /usr/bin/time runs ($runs at 100k, $runs_large at 1M, 3 for baselines at 100k);" \
        "MB = 10^6 bytes of input; peak = max RSS"
    echo "agreement: rubric-grade, jq and Python give the same section grades for all $sample_audits" \
        "sample audits ($sample_ties section grades decided by a tie, $sample_na NA)"
    echo
    printf '%-30s %9s %8s %9s %12s %8s %8s\n' command audits "in MB" seconds "audits/s" "MB/s" "peak MB"
    row "rubric-grade (JSON Lines out)" "$slice_audits" "$slice_bytes" "$grade_slice"
    row "rubric-grade (JSON Lines out)" "$large_audits" "$large_bytes" "$grade_large"
    row "rubric-grade --summary" "$slice_audits" "$slice_bytes" "$summary_slice"
    row "jq section_grades.jq" "$slice_audits" "$slice_bytes" "$jq_slice"
    [ -n "$jq_large" ] && row "jq section_grades.jq" "$large_audits" "$large_bytes" "$jq_large"
    row "python3 section_grades.py" "$slice_audits" "$slice_bytes" "$python_slice"
    [ -n "$python_large" ] && row "python3 section_grades.py" "$large_audits" "$large_bytes" "$python_large"
    [ -z "$jq_large" ] && echo "(jq ran on the first 100,000 audits only: the 1,000,000 would take over 30 s a run)"
    [ -z "$python_large" ] &&
        echo "(Python ran on the first 100,000 audits only: the 1,000,000 would take over 30 s a run)"
    echo
    echo "$grade_slice $grade_large" | awk '{ printf "memory: rubric-grade peak RSS %.1f MB at 100k, %.1f MB at 1M (x%.2f for 10x the input)\n",
                                                  $2 / 1024, $4 / 1024, $4 / $2 }'
    echo "cold start: one audit from a one-line file: median ${cold_ms} ms (min ${cold_min_ms} ms) over 30 runs"
    echo "throughput: rubric-grade ${grade_rate%.*} audits/s; ${ratio_jq}x jq, ${ratio_python}x Python" \
        "(target: ${target_ratio}x jq)"
} > "$report"

# 4. Below the target: where rubric-grade's time goes, from callgrind.
if awk -v r="$ratio_jq" -v t="$target_ratio" 'BEGIN { exit !(r < t) }'; then
    head -n 5000 "$large" > "$work/audits-5k.jsonl"
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
        "$rubric_grade" --rubric "$rubric" "$work/audits-5k.jsonl" > /dev/null 2>&1
    {
        echo "BELOW TARGET: ${ratio_jq}x jq. Hot spots (callgrind, 5,000 audits; inclusive share of instructions):"
        callgrind_annotate --inclusive=yes "$work/callgrind.out" 2> /dev/null |
            grep -E '%\)  (runtime/[a-z_]+\.c:|\?\?\?:json_loadb |\./libio/vsnprintf\.c:vsnprintf |\./malloc/malloc\.c:(malloc|free) )' |
            grep -vE 'rubric_grade_main\.c:main|audit_reader_read' |
            sed -e 's/???:json_loadb/libjansson: json_loadb/' -e 's/ *\[[^]]*\]$//' \
                -e 's|^ *[0-9,]* *(\( *[0-9.]*%\)) *|  \1  |' | head -n 12
    } >> "$report"
fi
cat "$report"
