#!/bin/sh
# run.sh — the WebAssembly build (wasm/) measured beside the native
# programs, in the same run, on the same files:
#
#   1. the modules' sizes, as built and gzipped (gzip -9): targets, the
#      grading module at most 250 KB and the compiler at most 400 KB
#      gzipped (KB: 1,000 bytes);
#   2. 100,000 generated audits of Waltham Forest's rubric graded by
#      rubric-grade and by `node rubric-grade.mjs` (records to /dev/null):
#      target, within 3x the native time; and 10,000 the same way;
#   3. the Waltham Forest rubric compiled to JSON by rubricc and by
#      `node rubricc.mjs`: target, within 3x native.
#
# Times are medians of wall-clock seconds by hyperfine (-N: no shell
# between); the grading pairs run by turns (interleaved, below), the
# others in one hyperfine run per group. A command's
# time includes starting Node.js (measured too: `node -e 0`) and compiling
# the module, which a page pays once and a command every run; so the same
# work is also timed in process, as a page does it (bench/wasm/
# in-process.mjs: wasm/rubric.mjs with the modules compiled once), and
# the rubric's compilation there is set against the native command.
# Then in headless Chromium (bench/wasm/chromium.mjs), in pages bundled
# by web/bundle.mjs opened from file:// offline: each module loaded from
# the page to an instance (target at most 50 ms), one Waltham Forest audit
# graded with the rubric kept loaded (at most 2 ms; beside it the native
# command for one audit, and an audit's share of the 100,000), the rubric
# compiled with the module already
# compiled, set against the native command, and 10,000 audits graded
# through the results page (at most 5 s).
# Writes WORKDIR/wasm.txt and prints it; the targets are reported, not
# enforced.
#
# Run from the repository root. Usage:
#   run.sh NATIVE_BUILD WASM_DIR RUBRIC.rubric RUBRIC.json AUDITS.jsonl WORKDIR \
#          MODULE-PAGE.html RESULTS.html
# Environment: WASM_BENCH_RUNS (default 11, runs of each grading command:
# a run varies by a tenth on a two-core machine, so a median of few moves)
# and WASM_BENCH_COMPILE_RUNS (default 20).
set -eu
. bench/timing.sh
native="$1"
wasm="$2"
source="$3"
rubric="$4"
large="$5"
work="$6/wasm"
report="$6/wasm.txt"
module_page="$7"
results_page="$8"
runs="${WASM_BENCH_RUNS:-11}"
compile_runs="${WASM_BENCH_COMPILE_RUNS:-20}"
mkdir -p "$work"

# The 100,000 audits: the first lines of the generated file.
audits="$work/audits-100k.jsonl"
[ -s "$audits" ] || head -n 100000 "$large" > "$audits"
audits_10k="$work/audits-10k.jsonl"
[ -s "$audits_10k" ] || head -n 10000 "$large" > "$audits_10k"

# median_of FILE.json INDEX: hyperfine's median of result INDEX, in seconds.
median_of() {
    jq -r ".results[$2].median" "$1"
}

# interleaved NAME RUNS NATIVE WASM: the two commands run by turns, RUNS
# times each after one round unmeasured (hyperfine -N, a run at a time), so
# that a slow minute of a shared machine falls on both alike; each run's
# seconds go to $work/NAME.native and $work/NAME.wasm, whose medians
# interleaved_median NAME native|wasm gives.
interleaved() {
    pair="$1"
    rounds="$2"
    native_command="$3"
    wasm_command="$4"
    : > "$work/$pair.native"
    : > "$work/$pair.wasm"
    round=0
    while [ "$round" -le "$rounds" ]; do
        for side in native wasm; do
            if [ "$side" = native ]; then to_run="$native_command"; else to_run="$wasm_command"; fi
            hyperfine --style none -N --runs 1 --export-json "$work/$pair.run.json" "$to_run" > /dev/null
            [ "$round" -eq 0 ] || jq -r '.results[0].mean' "$work/$pair.run.json" >> "$work/$pair.$side"
        done
        round=$((round + 1))
    done
}
interleaved_median() {
    median < "$work/$1.$2"
}

# ratio A B: A / B to two decimals.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

# verdict VALUE LIMIT: "met" when VALUE <= LIMIT, else "MISSED".
verdict() {
    awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l) ? "met" : "MISSED" }'
}

# ---- 1. sizes
grade_bytes=$(wc -c < "$wasm/rubric-grade.wasm")
compiler_bytes=$(wc -c < "$wasm/rubricc.wasm")
grade_gzip=$(gzip -9 -c "$wasm/rubric-grade.wasm" | wc -c)
compiler_gzip=$(gzip -9 -c "$wasm/rubricc.wasm" | wc -c)

# ---- Node.js's start, with and without NODE_EXTRA_CA_CERTS. Node.js reads
# the certificates that variable names at every start, before the first
# line of a script (60 ms of a 130 ms start on the machine this was
# written on, whose environment sets it for its network tools); a command
# that opens no connection has no use for them, and a council laptop's
# Node.js does not read them. So the commands below run without it, and
# the report gives the start both ways.
extra_certificates=none
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ]; then
    hyperfine --style none -N --warmup 2 --runs 20 --export-json "$work/start.json" \
        "node -e 0" "env -u NODE_EXTRA_CA_CERTS node -e 0" > /dev/null
    extra_certificates=$(awk -v a="$(median_of "$work/start.json" 0)" -v b="$(median_of "$work/start.json" 1)" \
        'BEGIN { printf "%.4f s with NODE_EXTRA_CA_CERTS (as set here), %.4f s without", a, b }')
    unset NODE_EXTRA_CA_CERTS
fi

# ---- 2. grading 100,000 audits, and 10,000 (a command of a fraction of a
# second, where V8's optimising compiler has less time to pay for itself)
interleaved grade "$runs" "$native/rubric-grade --rubric $rubric $audits" \
    "node $wasm/rubric-grade.mjs --rubric $rubric $audits"
grade_native=$(interleaved_median grade native)
grade_wasm=$(interleaved_median grade wasm)
interleaved grade-10k "$runs" "$native/rubric-grade --rubric $rubric $audits_10k" \
    "node $wasm/rubric-grade.mjs --rubric $rubric $audits_10k"
grade_10k_native=$(interleaved_median grade-10k native)
grade_10k_wasm=$(interleaved_median grade-10k wasm)

# ---- one audit natively, the baseline of one audit in Chromium: the whole
# command (started, the rubric loaded, the audit graded), and an audit's
# share of the 100,000 above
one_audit="$work/audit-1.jsonl"
head -n 1 "$large" > "$one_audit"
hyperfine --style none -N --warmup 3 --runs 30 --export-json "$work/one.json" \
    "$native/rubric-grade --rubric $rubric $one_audit" > /dev/null
one_native_ms=$(awk -v s="$(median_of "$work/one.json" 0)" 'BEGIN { printf "%.2f", s * 1000 }')
share_native_ms=$(awk -v s="$grade_native" 'BEGIN { printf "%.4f", s * 1000 / 100000 }')

# ---- 3. compiling the rubric
mkdir -p "$work/native-out" "$work/wasm-out"
hyperfine --style none -N --warmup 2 --runs "$compile_runs" --export-json "$work/compile.json" \
    "$native/rubricc --emit json -o $work/native-out $source" \
    "node $wasm/rubricc.mjs --emit json -o $work/wasm-out $source" "node -e 0" > /dev/null
compile_native=$(median_of "$work/compile.json" 0)
compile_wasm=$(median_of "$work/compile.json" 1)
node_start=$(median_of "$work/compile.json" 2)
cmp -s "$work/native-out/$(basename "$rubric")" "$work/wasm-out/$(basename "$rubric")" || {
    echo "bench-wasm: the two compilers' JSON differ" >&2
    exit 1
}

# ---- in process, as a page runs the modules
in_process=$(node bench/wasm/in-process.mjs "$wasm" "$source" "$(dirname "$source")/shared" "$rubric" "$audits")
in_process_compile=$(echo "$in_process" | sed -n 's/.*compile the rubric \([0-9.]*\) ms.*/\1/p')

# ---- in Chromium, as the offline pages run them
in_chromium=$(node bench/wasm/chromium.mjs "$module_page" "$results_page" "$source" \
    "$(dirname "$source")/shared/themes.rubric" "$rubric" "$audits_10k")
chromium_figure() {
    echo "$in_chromium" | sed -n "s/.*$1 \([0-9.]*\) .*/\1/p"
}
chromium_grader_load=$(chromium_figure 'load rubric-grade.wasm')
chromium_compiler_load=$(chromium_figure 'rubricc.wasm')
chromium_grade=$(chromium_figure 'grade one audit')
chromium_grade_cpu=$(echo "$in_chromium" | sed -n 's/.*grade one audit [0-9.]* ms (processor time \([0-9.n\/a]*\).*/\1/p')
chromium_command=$(chromium_figure 'the whole command')
chromium_compile=$(chromium_figure 'compile the rubric')
chromium_results=$(chromium_figure 'results page, 10,000 audits')
chromium_compile_ratio=$(awk -v a="$chromium_compile" -v b="$compile_native" 'BEGIN { printf "%.2f", a / 1000 / b }')

grade_ratio=$(ratio "$grade_wasm" "$grade_native")
# what the module itself takes: the command less Node.js's own start
grade_wasm_alone=$(awk -v a="$grade_wasm" -v b="$node_start" 'BEGIN { printf "%.3f", a - b }')
grade_alone_ratio=$(ratio "$grade_wasm_alone" "$grade_native")
compile_ratio=$(ratio "$compile_wasm" "$compile_native")
in_process_ratio=$(awk -v a="$in_process_compile" -v b="$compile_native" 'BEGIN { printf "%.2f", a / 1000 / b }')
{
    echo "WebAssembly build against native ($(date -u +%Y-%m-%d), $(nproc) cores, Node.js $(node --version))"
    echo
    echo "module sizes (bytes)            built    gzipped   target (gzipped)"
    printf "  rubric-grade.wasm       %9d  %9d   250000: %s\n" "$grade_bytes" "$grade_gzip" \
        "$(verdict "$grade_gzip" 250000)"
    printf "  rubricc.wasm            %9d  %9d   400000: %s\n" "$compiler_bytes" "$compiler_gzip" \
        "$(verdict "$compiler_gzip" 400000)"
    echo
    echo "medians (seconds)                     native      wasm   ratio   target"
    printf "  grade 100,000 audits (%d runs)    %8.3f  %8.3f  %5sx   3x: %s\n" "$runs" \
        "$grade_native" "$grade_wasm" "$grade_ratio" "$(verdict "$grade_ratio" 3)"
    printf "    the same less Node.js's start  %8s  %8.3f  %5sx\n" "" "$grade_wasm_alone" "$grade_alone_ratio"
    printf "  grade 10,000 audits (%d runs)     %8.3f  %8.3f  %5sx\n" "$runs" \
        "$grade_10k_native" "$grade_10k_wasm" "$(ratio "$grade_10k_wasm" "$grade_10k_native")"
    printf "  compile Waltham Forest (%d runs) %8.4f  %8.4f  %5sx   3x: %s\n" "$compile_runs" \
        "$compile_native" "$compile_wasm" "$compile_ratio" "$(verdict "$compile_ratio" 3)"
    printf "  starting Node.js (node -e 0)     %8s  %8.4f\n" "" "$node_start"
    echo "  (NODE_EXTRA_CA_CERTS: $extra_certificates)"
    echo
    echo "in process, as a page runs them (medians of 20): $in_process"
    printf "compiling the rubric in process against the native command: %sx   3x: %s\n" \
        "$in_process_ratio" "$(verdict "$in_process_ratio" 3)"
    echo
    echo "in Chromium, offline pages from file:// (medians, ms)      target"
    printf "  load rubric-grade.wasm (base64 to instance)  %8s       50: %s\n" "$chromium_grader_load" \
        "$(verdict "$chromium_grader_load" 50)"
    printf "  load rubricc.wasm (base64 to instance)       %8s       50: %s\n" "$chromium_compiler_load" \
        "$(verdict "$chromium_compiler_load" 50)"
    printf "  grade one Waltham Forest audit               %8s        2: %s\n" "$chromium_grade" \
        "$(verdict "$chromium_grade" 2)"
    printf "    (the rubric kept loaded; processor time %s ms; the whole command for one audit %s ms;\n" \
        "$chromium_grade_cpu" "$chromium_command"
    printf "     native: the command for one audit %s ms, an audit's share of 100,000 %s ms)\n" \
        "$one_native_ms" "$share_native_ms"
    printf "  compile Waltham Forest (module compiled)     %8s   %5sx native, 3x: %s\n" "$chromium_compile" \
        "$chromium_compile_ratio" "$(verdict "$chromium_compile_ratio" 3)"
    printf "  results page, 10,000 audits (s)              %8s        5: %s\n" "$chromium_results" \
        "$(verdict "$chromium_results" 5)"
} > "$report"
cat "$report"
