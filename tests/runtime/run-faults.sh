#!/bin/sh
# run-faults.sh — rubric-grade under faults no golden file can show: the
# output file is replaced whole or left as it was (a missing input, a kill
# in the middle, an output naming an input or the other output, a full
# device), an endless input is reported rather than taken for its end, and
# output cut to a length stays valid UTF-8 and JSON. Each check names what
# it expects; any failure fails the run.
# Run from the repository root. Usage: run-faults.sh BUILD
set -u
build="${1:?usage: run-faults.sh BUILD}"
grade="$build/rubric-grade"
rubric=tests/runtime/tiny-rubric.json
audits=tests/runtime/bad-records/every-kind.jsonl
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }

# expect_status WANTED GOT LABEL
expect_status() {
    if [ "$2" -eq "$1" ]; then pass; else fail "$3: exit $2, expected $1"; fi
}

# expect_text FILE TEXT LABEL: FILE holds TEXT.
expect_text() {
    if grep -qF -- "$2" "$1"; then pass; else fail "$3: no '$2' in $(cat "$1")"; fi
}

# expect_old FILE LABEL: FILE still holds the old content.
expect_old() {
    if [ "$(cat "$1")" = "old content" ]; then pass; else fail "$2: the old file was changed"; fi
}

# expect_no_temporary DIRECTORY LABEL: no temporary output file was left.
expect_no_temporary() {
    if ls -a "$1" | grep -q '^\.out\.'; then fail "$2: a temporary file was left"; else pass; fi
}

# wait_for_open PID FILE: until process PID has FILE open (at most 10 s).
wait_for_open() {
    tries=0
    while [ $tries -lt 100 ]; do
        for descriptor in /proc/"$1"/fd/*; do
            [ "$(readlink "$descriptor" 2> /dev/null)" = "$2" ] && return 0
        done
        sleep 0.1
        tries=$((tries + 1))
    done
}

# -o: a missing input leaves FILE as it was, and nothing is graded.
echo "old content" > "$scratch/out"
status=0; "$grade" --rubric $rubric -o "$scratch/out" $audits "$scratch/missing.jsonl" 2> "$scratch/err" || status=$?
expect_status 2 $status "missing input with -o"
expect_old "$scratch/out" "missing input with -o"
expect_text "$scratch/err" "left as it was" "missing input with -o"
expect_no_temporary "$scratch" "missing input with -o"

# -o: an input that is not audits at all also leaves FILE as it was.
status=0; "$grade" --rubric $rubric -o "$scratch/out" tests/runtime/faults/not-audits.csv 2> "$scratch/err" || status=$?
expect_status 2 $status "unusable input with -o"
expect_old "$scratch/out" "unusable input with -o"

# -o: a run without trouble replaces FILE whole, keeping its mode.
chmod 640 "$scratch/out"
status=0; "$grade" --rubric $rubric -q -o "$scratch/out" $audits || status=$?
expect_status 1 $status "run with failed records and -o"
"$grade" --rubric $rubric -q $audits > "$scratch/expected"
if cmp -s "$scratch/out" "$scratch/expected"; then pass; else fail "-o: the file differs from stdout's output"; fi
if [ "$(stat -c %a "$scratch/out")" = 640 ]; then pass; else fail "-o: the file's mode was not kept"; fi
expect_no_temporary "$scratch" "-o replaced"

# -o naming an input (by another path, and as standard input), the rubric,
# or the same file as --summary-output: refused before anything is read.
cp $audits "$scratch/in.jsonl"
cp "$scratch/in.jsonl" "$scratch/in.copy"
status=0; "$grade" --rubric $rubric -o "$scratch/../$(basename "$scratch")/in.jsonl" "$scratch/in.jsonl" 2> "$scratch/err" || status=$?
expect_status 2 $status "-o naming an input"
expect_text "$scratch/err" "(--output) is also an input (an input" "-o naming an input"
if cmp -s "$scratch/in.jsonl" "$scratch/in.copy"; then pass; else fail "-o naming an input: the input was changed"; fi
status=0; "$grade" --rubric $rubric -o "$scratch/in.jsonl" < "$scratch/in.jsonl" 2> "$scratch/err" || status=$?
expect_status 2 $status "-o naming standard input"
expect_text "$scratch/err" "standard input" "-o naming standard input"
status=0; "$grade" --rubric $rubric --summary --summary-output "$scratch/in.jsonl" "$scratch/in.jsonl" 2> "$scratch/err" || status=$?
expect_status 2 $status "--summary-output naming an input"
if cmp -s "$scratch/in.jsonl" "$scratch/in.copy"; then pass; else fail "--summary-output naming an input: the input was changed"; fi
cp $rubric "$scratch/rubric.json"
status=0; "$grade" --rubric "$scratch/rubric.json" -o "$scratch/rubric.json" $audits 2> "$scratch/err" || status=$?
expect_status 2 $status "-o naming the rubric"
expect_text "$scratch/err" "(--output) is also an input (--rubric)" "-o naming the rubric"
status=0; "$grade" --rubric $rubric --summary -o "$scratch/new" --summary-output "$scratch/./new" $audits 2> "$scratch/err" || status=$?
expect_status 2 $status "-o and --summary-output naming one new file"
expect_text "$scratch/err" "(--summary-output) is also an output (--output" "-o and --summary-output naming one new file"
if [ ! -e "$scratch/new" ]; then pass; else fail "-o and --summary-output naming one file: it was made"; fi

# A full device: the write error is an error, exit 2.
if [ -w /dev/full ]; then
    status=0; "$grade" --rubric $rubric -o /dev/full $audits 2> "$scratch/err" || status=$?
    expect_status 2 $status "-o /dev/full"
    expect_text "$scratch/err" "cannot write /dev/full" "-o /dev/full"
    status=0; "$grade" --rubric $rubric --summary --summary-output /dev/full -o /dev/null $audits 2> "$scratch/err" || status=$?
    expect_status 2 $status "--summary-output /dev/full"
    expect_text "$scratch/err" "cannot write /dev/full" "--summary-output /dev/full"
    status=0; "$grade" --rubric $rubric --format csv $audits > /dev/full 2> "$scratch/err" || status=$?
    expect_status 2 $status "stdout on /dev/full"
fi

# A kill in the middle of a run leaves the old file, and no temporary
# file: the grader has made its (unnamed) temporary file, is reading a
# FIFO, and is killed before the input ends. (tests/files/run-kills.sh
# kills at many more moments.)
mkfifo "$scratch/fifo"
for signal in KILL TERM; do
    echo "old content" > "$scratch/out"
    "$grade" --rubric $rubric -q -o "$scratch/out" "$scratch/fifo" &
    grader=$!
    exec 3> "$scratch/fifo"
    head -n 3 $audits >&3
    wait_for_open $grader "$scratch/fifo"
    kill -$signal $grader
    wait $grader 2> /dev/null
    exec 3>&-
    expect_old "$scratch/out" "SIG$signal while writing -o"
    expect_no_temporary "$scratch" "SIG$signal while writing -o"
done

# An endless line (/dev/zero) is an error naming the input and line as
# soon as it passes the maximum record size, never the end of the input;
# the grader is still reading (looking for the next line) when stopped.
status=0; timeout 3 "$grade" --rubric $rubric --input-format jsonl --max-record-size 64K /dev/zero \
    > /dev/null 2> "$scratch/err" || status=$?
expect_status 124 $status "endless /dev/zero"
expect_text "$scratch/err" "/dev/zero:1: error: the line is longer than the maximum record size of 65536 bytes" \
    "endless /dev/zero"

# A line far over the default size among good ones: reported, and the
# records after it graded (memory stays at the limit, not the line).
{ head -n 1 $audits; head -c 20000000 /dev/zero | tr '\0' 'x'; echo; head -n 1 $audits; } > "$scratch/huge.jsonl"
status=0; "$grade" --rubric $rubric "$scratch/huge.jsonl" > "$scratch/huge.out" 2> "$scratch/err" || status=$?
expect_status 1 $status "a 20 MB line"
expect_text "$scratch/err" "huge.jsonl:2: error: the line is longer than the maximum record size of 16777216 bytes" \
    "a 20 MB line"
if [ "$(grep -c '"overall"' "$scratch/huge.out")" = 2 ]; then pass; else fail "a 20 MB line: the records around it were not graded"; fi

# A line too large for memory (a 100 MB line, the limit raised to 1G,
# 120 MB of address space) is reported as such, and the next line graded.
# AddressSanitizer needs far more address space, so its build skips this.
case "$build" in
*sanitize*) ;;
*)
    status=0
    { head -c 100000000 /dev/zero | tr '\0' x; echo; head -n 1 $audits; } |
        (ulimit -v 120000 && "$grade" --rubric $rubric --input-format jsonl --max-record-size 1G \
            > "$scratch/memory.out" 2> "$scratch/err") || status=$?
    expect_status 1 $status "a line too large for memory"
    expect_text "$scratch/err" "<stdin>:1: error: the line is too large to hold in memory" "a line too large for memory"
    if grep -q '"overall"' "$scratch/memory.out"; then pass; else fail "a line too large for memory: the next line was not graded"; fi
    ;;
esac

# Output cut to a length is valid UTF-8 and, as JSON Lines, valid JSON.
for input in tests/runtime/faults/long-message.jsonl tests/runtime/faults/long-message.csv; do
    "$grade" --rubric $rubric "$input" > "$scratch/cut.out" 2> "$scratch/cut.err"
    if iconv -f UTF-8 -t UTF-8 "$scratch/cut.out" > /dev/null 2>&1 &&
       iconv -f UTF-8 -t UTF-8 "$scratch/cut.err" > /dev/null 2>&1; then pass; else fail "$input: not valid UTF-8"; fi
    if jq -e . "$scratch/cut.out" > /dev/null 2>&1; then pass; else fail "$input: not valid JSON"; fi
done

echo "rubric-grade faults: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
