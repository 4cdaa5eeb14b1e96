#!/bin/sh
# run.sh — the grading benchmark: rubric-grade beside the floor of merely
# reading its input (wc -l, cat) and beside the two baselines a script
# author might otherwise write (section_grades.jq, with its lookup tables
# built once, and section_grades.py under Debian's /usr/bin/python3), all
# on the same files in the same run.
#
#   1. agreement: on a sample of 2,000 generated audits the three give the
#      same section grades, from JSON Lines and (Python) from CSV (else the
#      comparison means nothing; the run fails);
#   2. throughput: ROUNDS rounds, each running every command once in turn
#      (interleaved, so a busy machine slows all alike), on the first
#      100,000 audits as JSON Lines and as CSV: rubric-grade writing its
#      4 KB record per audit, and with --summary (the section and overall
#      grades counted, which is the baselines' work); then rubric-grade and wc -l
#      on all 1,000,000; each run timed by hyperfine (one run: wall, user
#      and system seconds to the microsecond, where /usr/bin/time gives
#      hundredths, a quarter of wc -l's 0.04 s); medians of wall and CPU
#      seconds, audits per second, MB/s (10^6 bytes of input); peak RSS
#      from one more run of each under /usr/bin/time, outside the timing;
#   3. cold start: rubric-grade on a one-line file against cat of that
#      file, hyperfine medians over alternating blocks of runs;
#   4. a rubric of 100,000 criteria loaded and one audit graded with it;
#   5. the figures against the targets: a quarter of wc -l's speed, 10x
#      Python, 50x jq, memory flat, cold start within 2x cat; each speed
#      ratio is the median of the ratios within a round (a command against
#      its baseline run moments before or after it, so that a shared
#      machine's slow and fast spells, which move every run of a round
#      alike, cancel), beside the ratio of the two medians; below the
#      first, the hot spots from callgrind.
# Writes WORKDIR/grade.txt and prints it.
#
# Run from the repository root. Usage:
#   run.sh RUBRIC_GRADE RUBRIC.json AUDITS_1M.jsonl AUDITS_100K.csv SAMPLE.jsonl WORKDIR
# Environment: GRADE_BENCH_ROUNDS (default 5, rounds at 100,000) and
# GRADE_BENCH_ROUNDS_LARGE (default 3, rounds at 1,000,000).
set -eu
rubric_grade="$1"
rubric="$2"
large="$3"
csv="$4"
sample="$5"
work="$6/grade"
report="$6/grade.txt"
rounds="${GRADE_BENCH_ROUNDS:-5}"
rounds_large="${GRADE_BENCH_ROUNDS_LARGE:-3}"
here=bench/grade
python=/usr/bin/python3
mkdir -p "$work"
rm -f "$work"/times.* "$work"/peak.*

# The median of the numbers on standard input.
. bench/timing.sh

# run_once NAME COMMAND...: one run timed by hyperfine (no shell between;
# the output goes to /dev/null), "WALL USER SYSTEM" appended to
# $work/times.NAME. The arguments hold no spaces.
run_once() {
    name="$1"
    shift
    hyperfine --style none -N --runs 1 --export-json "$work/run.json" "$*" > /dev/null 2> "$work/stderr" || {
        echo "bench-grade: failed: $*" >&2
        cat "$work/stderr" >&2
        exit 1
    }
    jq -r '.results[0] | "\(.mean) \(.user) \(.system)"' "$work/run.json" >> "$work/times.$name"
}

# peak_once NAME COMMAND...: the peak RSS (KB) of one more run, under
# /usr/bin/time, into $work/peak.NAME.
peak_once() {
    name="$1"
    shift
    /usr/bin/time -f '%M' -o "$work/peak.$name" "$@" > /dev/null 2> "$work/stderr" || {
        echo "bench-grade: failed: $*" >&2
        cat "$work/stderr" >&2
        exit 1
    }
}

# medians NAME: "WALL CPU PEAK_KB", the medians of NAME's runs (CPU is user + system).
medians() {
    wall=$(cut -d ' ' -f 1 "$work/times.$1" | median)
    cpu=$(awk '{ print $2 + $3 }' "$work/times.$1" | median)
    peak=$(cat "$work/peak.$1")
    echo "$wall $cpu $peak"
}

# row LABEL NAME AUDITS BYTES: one line of the table.
row() {
    # shellcheck disable=SC2046
    set -- "$1" "$3" "$4" $(medians "$2")
    awk -v label="$1" -v n="$2" -v bytes="$3" -v s="$4" -v cpu="$5" -v kb="$6" 'BEGIN {
        if (s <= 0) s = 0.005
        printf "%-34s %9d %8.1f %8.2f %8.2f %11.0f %8.1f %8.1f\n", label, n, bytes / 1e6, s, cpu, n / s,
               bytes / 1e6 / s, kb / 1024 }'
}

# wall NAME: the median wall seconds of NAME's runs (at least 1 ms).
wall() {
    cut -d ' ' -f 1 "$work/times.$1" | median | awk '{ print ($1 > 0.001 ? $1 : 0.001) }'
}

# cpu NAME: the median CPU (user + system) seconds of NAME's runs (at least 1 ms).
cpu() {
    awk '{ print $2 + $3 }' "$work/times.$1" | median | awk '{ print ($1 > 0.001 ? $1 : 0.001) }'
}

# paired FAST SLOW: "WALL CPU", the medians over the rounds of how many
# times faster FAST ran than SLOW in the same round.
paired() {
    wall=$(paste -d ' ' "$work/times.$1" "$work/times.$2" |
        awk '{ fast = $1 > 0.001 ? $1 : 0.001; print $4 / fast }' | median)
    cpu=$(paste -d ' ' "$work/times.$1" "$work/times.$2" |
        awk '{ fast = $2 + $3 > 0.001 ? $2 + $3 : 0.001; print ($5 + $6) / fast }' | median)
    awk -v wall="$wall" -v cpu="$cpu" 'BEGIN { printf "%.2f %.2f\n", wall, cpu }'
}

# ratio A B: A / B to two decimals.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

# verdict VALUE OP TARGET: "met" or "NOT met" for VALUE >= TARGET (ge) or <= TARGET (le).
verdict() {
    awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = op == "ge" ? v >= t : v <= t; print ok ? "met" : "NOT met" }'
}

# The section grades of rubric-grade's JSON Lines, in the baselines' shape.
rubric_grade_sections() {
    "$rubric_grade" --rubric "$rubric" "$1" |
        jq -c '{case, sections: (.sections | map({key: .id, value: .grade}) | from_entries)}'
}

# 1. Agreement on the samples, every output normalised by jq -S.
head -n 2001 "$csv" > "$work/sample.csv"
rubric_grade_sections "$sample" | jq -cS . > "$work/sample.rubric-grade"
jq -n -c --slurpfile rubric "$rubric" -f "$here/section_grades.jq" "$sample" | jq -cS . > "$work/sample.jq"
"$python" "$here/section_grades.py" "$rubric" "$sample" | jq -cS . > "$work/sample.python"
rubric_grade_sections "$work/sample.csv" | jq -cS . > "$work/sample-csv.rubric-grade"
"$python" "$here/section_grades.py" "$rubric" "$work/sample.csv" | jq -cS . > "$work/sample-csv.python"
for pair in "sample.rubric-grade sample.jq" "sample.rubric-grade sample.python" \
            "sample-csv.rubric-grade sample-csv.python"; do
    set -- $pair
    if ! cmp -s "$work/$1" "$work/$2"; then
        echo "bench-grade: rubric-grade and a baseline disagree on section grades ($1, $2):"
        diff "$work/$1" "$work/$2" | head -n 6
        exit 1
    fi
done
sample_audits=$(wc -l < "$work/sample.rubric-grade")

# 2. Inputs: the 1,000,000 audits, their first 100,000, one audit; the CSV.
slice="$work/audits-100k.jsonl"
one="$work/audits-1.jsonl"
head -n 100000 "$large" > "$slice"
head -n 1 "$large" > "$one"
large_audits=$(wc -l < "$large")
large_bytes=$(wc -c < "$large")
slice_audits=$(wc -l < "$slice")
slice_bytes=$(wc -c < "$slice")
csv_audits=$(($(wc -l < "$csv") - 1))
csv_bytes=$(wc -c < "$csv")

# each_command ACTION: ACTION NAME COMMAND... for every command of a round.
each_command() {
    "$1" wc wc -l "$slice"
    "$1" cat cat "$slice"
    "$1" grade "$rubric_grade" --rubric "$rubric" "$slice"
    "$1" summary "$rubric_grade" --rubric "$rubric" --summary "$slice"
    "$1" python "$python" "$here/section_grades.py" "$rubric" "$slice"
    "$1" jq jq -n -c --slurpfile rubric "$rubric" -f "$here/section_grades.jq" "$slice"
    "$1" csv_wc wc -l "$csv"
    "$1" csv_cat cat "$csv"
    "$1" csv_grade "$rubric_grade" --rubric "$rubric" "$csv"
    "$1" csv_summary "$rubric_grade" --rubric "$rubric" --summary "$csv"
    "$1" csv_python "$python" "$here/section_grades.py" "$rubric" "$csv"
}

round=0
while [ "$round" -lt "$rounds" ]; do
    each_command run_once
    round=$((round + 1))
done
round=0
while [ "$round" -lt "$rounds_large" ]; do
    run_once large_wc wc -l "$large"
    run_once large_grade "$rubric_grade" --rubric "$rubric" "$large"
    round=$((round + 1))
done
# Peak memory, one more run of each outside the timing.
each_command peak_once
peak_once large_wc wc -l "$large"
peak_once large_grade "$rubric_grade" --rubric "$rubric" "$large"

# 3. Cold start: one audit, rubric loaded from JSON, no shell in between;
# cat and rubric-grade alternate in blocks of 10 runs.
: > "$work/cold.cat"
: > "$work/cold.grade"
block=0
while [ "$block" -lt 3 ]; do
    hyperfine --style none -N --warmup 3 --runs 10 --export-json "$work/cold.json" "cat $one" > /dev/null 2>> "$work/hyperfine.log"
    jq '.results[0].times[]' "$work/cold.json" >> "$work/cold.cat"
    hyperfine --style none -N --warmup 3 --runs 10 --export-json "$work/cold.json" \
        "$rubric_grade --rubric $rubric $one" > /dev/null 2>> "$work/hyperfine.log"
    jq '.results[0].times[]' "$work/cold.json" >> "$work/cold.grade"
    block=$((block + 1))
done
cold_cat_ms=$(median < "$work/cold.cat" | awk '{ printf "%.2f", $1 * 1000 }')
cold_grade_ms=$(median < "$work/cold.grade" | awk '{ printf "%.2f", $1 * 1000 }')

# 4. 100,000 criteria: load the rubric and grade one audit of it.
"$python" "$here/many_criteria.py" "$rubric" 100000 "$work/many-criteria.json" "$work/many-criteria-audit.jsonl"
hyperfine --style none -N --warmup 1 --runs 5 --export-json "$work/many.json" \
    "$rubric_grade --rubric $work/many-criteria.json $work/many-criteria-audit.jsonl" > /dev/null 2>> "$work/hyperfine.log"
many_ms=$(jq '.results[0].median * 1000 | round' "$work/many.json")

# 5. The figures against the targets, by wall-clock time and, as the
# machine may be busy with other work, by CPU time too.
# speedup FAST SLOW: "WALL CPU WALL_OF_MEDIANS CPU_OF_MEDIANS", how many
# times faster FAST ran than SLOW: the median of the rounds' ratios, then
# the ratio of the two medians.
speedup() {
    echo "$(paired "$1" "$2") $(ratio "$(wall "$2")" "$(wall "$1")") $(ratio "$(cpu "$2")" "$(cpu "$1")")"
}
# figure FAST SLOW: the same as words.
figure() {
    # shellcheck disable=SC2046
    set -- $(speedup "$1" "$2")
    echo "$1 by wall time, $2 by CPU (ratios of the medians: $3, $4)"
}
# target FAST SLOW OP VALUE: whether the rounds' wall-time ratio meets VALUE.
target() {
    verdict "$(speedup "$1" "$2" | cut -d ' ' -f 1)" "$3" "$4"
}
cold_times=$(ratio "$cold_grade_ms" "$cold_cat_ms")
memory_growth=$(ratio "$(medians large_grade | cut -d ' ' -f 3)" "$(medians grade | cut -d ' ' -f 3)")
{
    echo "rubric-grade benchmark: $(basename "$rubric" .json), $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
    echo "medians of $rounds interleaved rounds at 100,000 audits, $rounds_large at 1,000,000 (hyperfine, one run" \
        "at a time); wall and CPU (user + system) seconds; MB = 10^6 bytes of input; peak = max RSS of one more run"
    echo "agreement: rubric-grade, jq and Python give the same section grades for all $sample_audits" \
        "sample audits (JSON Lines), rubric-grade and Python for 2,000 as CSV"
    echo
    printf '%-34s %9s %8s %8s %8s %11s %8s %8s\n' command audits "in MB" wall cpu "audits/s" "MB/s" "peak MB"
    row "wc -l (JSON Lines)" wc "$slice_audits" "$slice_bytes"
    row "cat (JSON Lines)" cat "$slice_audits" "$slice_bytes"
    row "rubric-grade (JSON Lines out)" grade "$slice_audits" "$slice_bytes"
    row "rubric-grade --summary" summary "$slice_audits" "$slice_bytes"
    row "python3 section_grades.py" python "$slice_audits" "$slice_bytes"
    row "jq -n section_grades.jq" jq "$slice_audits" "$slice_bytes"
    row "wc -l (CSV)" csv_wc "$csv_audits" "$csv_bytes"
    row "cat (CSV)" csv_cat "$csv_audits" "$csv_bytes"
    row "rubric-grade (CSV in)" csv_grade "$csv_audits" "$csv_bytes"
    row "rubric-grade --summary (CSV in)" csv_summary "$csv_audits" "$csv_bytes"
    row "python3 section_grades.py (CSV)" csv_python "$csv_audits" "$csv_bytes"
    row "wc -l (JSON Lines, 1M)" large_wc "$large_audits" "$large_bytes"
    row "rubric-grade (JSON Lines, 1M)" large_grade "$large_audits" "$large_bytes"
    echo
    echo "targets (each the median over the rounds of a command's speed against its baseline's in the same round):"
    echo "  JSON Lines, rubric-grade against wc -l: $(figure grade wc); target 0.25: $(target grade wc ge 0.25)"
    echo "  JSON Lines, rubric-grade against Python: $(figure grade python); target 10: $(target grade python ge 10)"
    echo "  JSON Lines, rubric-grade against jq: $(figure grade jq); target 50: $(target grade jq ge 50)"
    echo "  CSV, rubric-grade against wc -l: $(figure csv_grade csv_wc); target 0.25: $(target csv_grade csv_wc ge 0.25)"
    echo "  CSV, rubric-grade against Python: $(figure csv_grade csv_python); target 10:" \
        "$(target csv_grade csv_python ge 10)"
    echo "  the baselines' work (--summary: the grades counted, no 4 KB record per audit):"
    echo "    JSON Lines, against wc -l: $(figure summary wc); 0.25: $(target summary wc ge 0.25)"
    echo "    JSON Lines, against Python: $(figure summary python)"
    echo "    JSON Lines, against jq: $(figure summary jq)"
    echo "    CSV, against wc -l: $(figure csv_summary csv_wc); 0.25: $(target csv_summary csv_wc ge 0.25)"
    echo "    CSV, against Python: $(figure csv_summary csv_python)"
    echo "  memory: peak RSS x${memory_growth} for 10x the audits (flat: $(verdict "$memory_growth" le 1.1))"
    echo "  cold start, one audit: rubric-grade ${cold_grade_ms} ms, cat ${cold_cat_ms} ms: x${cold_times}" \
        "(target 2: $(verdict "$cold_times" le 2))"
    echo "  100,000 criteria: rubric loaded and one audit graded in ${many_ms} ms (target: well under 1 s:" \
        "$(verdict "$many_ms" le 500))"
} > "$report"

# Below a quarter of wc -l: where rubric-grade's time goes, from callgrind.
if [ "$(target grade wc ge 0.25)" != met ]; then
    head -n 5000 "$large" > "$work/audits-5k.jsonl"
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
        "$rubric_grade" --rubric "$rubric" "$work/audits-5k.jsonl" > /dev/null 2>&1
    {
        echo
        echo "hot spots (callgrind, 5,000 audits; inclusive share of instructions):"
        callgrind_annotate --inclusive=yes "$work/callgrind.out" 2> /dev/null |
            grep -E '%\)  (runtime/[a-z]+/[a-z_]+\.c:|\?\?\?:|\./libio/|\./malloc/malloc\.c:(malloc|free) )' |
            grep -vE 'rubric_grade_main\.c:main|audit_reader_read|\?\?\?:(0x|_start)' |
            sed -e 's/ *\[[^]]*\]$//' -e 's|^ *[0-9,]* *(\( *[0-9.]*%\)) *|  \1  |' | head -n 14
    } >> "$report"
fi
cat "$report"
