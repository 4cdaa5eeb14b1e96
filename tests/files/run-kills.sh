#!/bin/sh
# run-kills.sh — a write killed with SIGKILL at any moment leaves the
# target whole (the old file or the whole new one) and no temporary file
# behind (common/output_file.h). rubric-grade writing a large output and
# rubricc writing many outputs are killed at increasing delays, from
# before the first write to after the last; after each kill every target
# is checked, and no hidden file may be left in the folder after the next
# run. A temporary file left by a killed run of the named kind (on a file
# system without unnamed ones) is made by hand and must be removed by the
# next run, unless a live writer holds its lock.
# Run from the repository root. Usage: run-kills.sh RUBRICC RUBRIC-GRADE WORK-DIR
set -u
rubricc="${1:?usage: run-kills.sh RUBRICC RUBRIC-GRADE WORK-DIR}"
grade="${2:?usage}"
work="${3:?usage}"
rm -rf "$work"
mkdir -p "$work"
passed=0
failed=0
kills=0
old_whole=0
new_whole=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }

# hidden FOLDER: the hidden files in FOLDER (temporary files).
hidden() { ls -A "$1" | grep '^\.' || true; }

# --- rubric-grade: one large output (150,000 records, about 90 MB)
rubric=tests/runtime/tiny-rubric.json
head -n 1 tests/runtime/bad-records/every-kind.jsonl |
    awk '{ for (i = 0; i < 150000; i++) print }' > "$work/big.jsonl"
mkdir "$work/grade"
"$grade" --rubric $rubric -q "$work/big.jsonl" > "$work/expected.out"
for delay in 0 0.005 0.01 0.02 0.03 0.04 0.05 0.06 0.07 0.08 0.09 0.1 0.12 0.14 0.16 0.18 0.2 \
             0.25 0.3 0.4 0.6; do
    echo "old content" > "$work/grade/out"
    "$grade" --rubric $rubric -q -o "$work/grade/out" "$work/big.jsonl" &
    pid=$!
    sleep $delay
    kill -KILL $pid 2> /dev/null
    wait $pid 2> /dev/null
    kills=$((kills + 1))
    if [ "$(cat "$work/grade/out")" = "old content" ]; then
        old_whole=$((old_whole + 1)); pass
    elif cmp -s "$work/grade/out" "$work/expected.out"; then
        new_whole=$((new_whole + 1)); pass
    else
        fail "rubric-grade killed after ${delay}s: the output is neither the old file nor the new one"
    fi
    # Only the temporary of the named kind a kill between link and rename
    # leaves may be there; the run after the kills must remove it (below).
    left=$(hidden "$work/grade" | grep -v '\.rubric-tmp\.' || true)
    if [ -z "$left" ]; then pass; else fail "rubric-grade killed after ${delay}s: left $left"; fi
done
"$grade" --rubric $rubric -q -o "$work/grade/out" "$work/big.jsonl"
if cmp -s "$work/grade/out" "$work/expected.out" && [ -z "$(hidden "$work/grade")" ]; then pass; else
    fail "rubric-grade after the kills: wrong output or temporary files left"; fi

# --- rubricc: many outputs (every shipped rubric, eight formats)
formats=json,c,html,form,csv-template,xlsx-template,index,crosswalk
"$rubricc" --emit $formats -o "$work/expected" rubrics/*.rubric rubrics/examples/*.rubric 2> /dev/null
mkdir "$work/compiled"
for delay in 0 0.001 0.002 0.003 0.004 0.005 0.006 0.007 0.008 0.009 0.01 0.012 0.014 0.016 0.018 \
             0.02 0.025 0.03 0.04 0.05; do
    for name in $(ls "$work/expected"); do echo "old content" > "$work/compiled/$name"; done
    "$rubricc" --emit $formats -o "$work/compiled" rubrics/*.rubric rubrics/examples/*.rubric 2> /dev/null &
    pid=$!
    sleep $delay
    kill -KILL $pid 2> /dev/null
    wait $pid 2> /dev/null
    kills=$((kills + 1))
    broken=""
    for name in $(ls "$work/expected"); do
        if [ "$(cat "$work/compiled/$name")" = "old content" ]; then
            old_whole=$((old_whole + 1))
        elif cmp -s "$work/compiled/$name" "$work/expected/$name"; then
            new_whole=$((new_whole + 1))
        else
            broken="$broken $name"
        fi
    done
    if [ -z "$broken" ]; then pass; else fail "rubricc killed after ${delay}s: neither old nor new:$broken"; fi
    # A kill between the link of the finished file to its temporary name
    # and the rename over the target leaves that one temporary, of the
    # named kind; the next run writing the output removes it (below).
    left=$(hidden "$work/compiled" | grep -v '\.rubric-tmp\.' || true)
    if [ -z "$left" ]; then pass; else fail "rubricc killed after ${delay}s: left $left"; fi
done
"$rubricc" --emit $formats -o "$work/compiled" rubrics/*.rubric rubrics/examples/*.rubric 2> /dev/null
if [ -z "$(hidden "$work/compiled")" ]; then pass; else fail "rubricc run after the kills: left $(hidden "$work/compiled")"; fi

# --- a temporary file of the named kind, left by a killed run an hour
# ago, is removed by the next run writing the same output; one whose
# writer is alive (it holds the lock) is left alone.
echo "half of a file" > "$work/grade/.out.rubric-tmp.Ab12Cd"
touch -d '1 hour ago' "$work/grade/.out.rubric-tmp.Ab12Cd"
echo "another output's" > "$work/grade/.other.rubric-tmp.Ab12Cd"
touch -d '1 hour ago' "$work/grade/.other.rubric-tmp.Ab12Cd"
"$grade" --rubric $rubric -q -o "$work/grade/out" tests/runtime/bad-records/every-kind.jsonl
if [ ! -e "$work/grade/.out.rubric-tmp.Ab12Cd" ]; then pass; else fail "a stale temporary file was not removed"; fi
if [ -e "$work/grade/.other.rubric-tmp.Ab12Cd" ]; then pass; else fail "another output's temporary file was removed"; fi
rm -f "$work/grade/.other.rubric-tmp.Ab12Cd"
if command -v flock > /dev/null; then
    echo "a live writer's" > "$work/grade/.out.rubric-tmp.Ef34Gh"
    touch -d '1 hour ago' "$work/grade/.out.rubric-tmp.Ef34Gh"
    flock "$work/grade/.out.rubric-tmp.Ef34Gh" sleep 3 &
    holder=$!
    sleep 0.3
    "$grade" --rubric $rubric -q -o "$work/grade/out" tests/runtime/bad-records/every-kind.jsonl
    if [ -e "$work/grade/.out.rubric-tmp.Ef34Gh" ]; then pass; else fail "a live writer's temporary file was removed"; fi
    wait $holder
    "$grade" --rubric $rubric -q -o "$work/grade/out" tests/runtime/bad-records/every-kind.jsonl
    if [ ! -e "$work/grade/.out.rubric-tmp.Ef34Gh" ]; then pass; else fail "a dead writer's temporary file was not removed"; fi
fi
rm -f "$work/big.jsonl" "$work/expected.out" "$work/grade/out"

echo "kills: $kills runs killed, targets found old $old_whole times and new $new_whole times;" \
     "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
