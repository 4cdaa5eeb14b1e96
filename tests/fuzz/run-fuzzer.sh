#!/bin/sh
# run-fuzzer.sh — one libFuzzer run for tests/fuzz.mk.
#
#   smoke: replay every saved input of tests/fuzz/regressions/FUZZER/ one
#          by one, then fuzz for SECONDS from the seeds, quietly; on a
#          failure show the end of the log and fail
#   long:  fuzz for SECONDS with JOBS processes, libFuzzer's output shown
#
# Run from the repository root. Usage:
#   run-fuzzer.sh smoke|long FUZZER FUZZ_DIR DICT MAX_LEN SECONDS [JOBS]
set -u
mode="$1" fuzzer="$2" dir="$3" dict="$4" max_len="$5" seconds="$6" jobs="${7:-1}"
binary="$dir/fuzz_$fuzzer"
corpus="$dir/corpus/$fuzzer"
seeds="$dir/seeds/$fuzzer"
mkdir -p "$corpus" "$dir/artifacts"
set -- -dict="$dict" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$dir/artifacts/$fuzzer-" -print_final_stats=0

# failed LOG WHAT: the end of LOG, a one-line verdict, failure.
failed() {
    tail -n 60 "$1"
    echo "fuzz-smoke: $fuzzer: $2 (log: $1)"
    exit 1
}

if [ "$mode" = long ]; then
    echo "== fuzzing $fuzzer for $seconds seconds"
    exec "$binary" "$@" -max_total_time="$seconds" -fork="$jobs" "$corpus" "$seeds"
fi

saved=0
for input in tests/fuzz/regressions/"$fuzzer"/*; do
    [ -f "$input" ] || continue
    "$binary" "$@" "$input" > "$dir/replay-$fuzzer.log" 2>&1 || failed "$dir/replay-$fuzzer.log" "$input fails again"
    saved=$((saved + 1))
done
"$binary" "$@" -max_total_time="$seconds" "$corpus" "$seeds" > "$dir/smoke-$fuzzer.log" 2>&1 ||
    failed "$dir/smoke-$fuzzer.log" "FAILED"
echo "fuzz-smoke: $fuzzer: $saved saved inputs replayed," \
    "$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$dir/smoke-$fuzzer.log") inputs run in $seconds s," \
    "$(ls "$corpus" | wc -l) in the corpus, 0 crashes"
