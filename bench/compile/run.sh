#!/bin/sh
# run.sh — the compiler benchmark: rubrics of 1,000 and 10,000 criteria
# (generate.py) compiled to JSON, timed with hyperfine (medians), with
# `jq .` reading the emitted JSON as the baseline in the same run; peak
# memory from /usr/bin/time; the per-criterion cost of both sizes compared
# to show whether growth is linear. Writes WORKDIR/compile.txt and prints it.
# Run from the repository root. Usage: run.sh RUBRICC WORKDIR
set -eu
rubricc="$1"
work="$2/compile"
report="$2/compile.txt"
mkdir -p "$work"

# The median of the numbers on standard input.
. bench/timing.sh

# Peak resident memory in MB of a command: the median of three runs.
peak_mb() {
    for _ in 1 2 3; do
        /usr/bin/time -f %M "$@" 2>&1 > /dev/null | tail -n 1
    done | median | awk '{ printf "%.1f", $1 / 1024 }'
}

{
    echo "rubricc compile benchmark: medians of hyperfine runs; MB = 10^6 bytes; peak = max RSS"
    printf '%-8s %9s %8s %10s %7s %9s %8s %10s %8s %8s\n' criteria "source MB" "JSON MB" \
        "compile s" "MB/s" "us/crit" "peak MB" "jq . s" "jq peak" "jq/comp"
} > "$report"

for criteria in 1000 10000; do
    source="$work/bench-$criteria.rubric"
    out="$work/out-$criteria"
    json="$out/bench-$criteria.json"
    python3 bench/compile/generate.py "$criteria" "$source"
    "$rubricc" --emit json -o "$out" "$source"
    runs=$([ "$criteria" -ge 10000 ] && echo 5 || echo 15)
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/times-$criteria.json" \
        -n compile "$rubricc --emit json -o $out $source" \
        -n jq "jq . $json" > /dev/null
    compile=$(jq '.results[] | select(.command == "compile") | .median' "$work/times-$criteria.json")
    baseline=$(jq '.results[] | select(.command == "jq") | .median' "$work/times-$criteria.json")
    source_bytes=$(wc -c < "$source")
    json_bytes=$(wc -c < "$json")
    compile_peak=$(peak_mb "$rubricc" --emit json -o "$out" "$source")
    jq_peak=$(peak_mb jq . "$json")
    echo "$criteria $source_bytes $json_bytes $compile $compile_peak $baseline $jq_peak" >> "$work/rows"
    awk -v c="$criteria" -v s="$source_bytes" -v j="$json_bytes" -v t="$compile" -v m="$compile_peak" \
        -v q="$baseline" -v qm="$jq_peak" 'BEGIN {
        printf "%-8d %9.2f %8.2f %10.3f %7.1f %9.1f %8.1f %10.3f %8.1f %8.2f\n",
               c, s / 1e6, j / 1e6, t, s / 1e6 / t, t * 1e6 / c, m, q, qm, q / t }' >> "$report"
done

# Linear growth: the per-criterion time of the large rubric against the small.
awk 'NR == 1 { small_c = $1; small_t = $4; small_m = $5 } NR == 2 { big_c = $1; big_t = $4; big_m = $5 }
     END { printf "growth: %dx the criteria took %.1fx the time (per-criterion cost x%.2f; 1.00 is linear) and %.1fx the memory\n",
                  big_c / small_c, big_t / small_t, (big_t / big_c) / (small_t / small_c), big_m / small_m }' \
    "$work/rows" >> "$report"
rm -f "$work/rows"
cat "$report"
