#!/bin/sh
# run.sh — the register's benchmark: rubric-grade --register importing
# 100,000 generated audits into a new register, then the same file again
# (which must add nothing), beside two baselines of the same run on the
# same file: rubric-grade grading it without the register (the grading
# floor) and Debian's sqlite3 shell importing the same CSV into a plain
# table in one transaction (the storage floor). Each is timed ROUNDS times,
# interleaved, by /usr/bin/time (wall, user and system seconds); medians.
# Targets: the first import in at most 5 s, the repeat in at most 3 s, and
# the repeat adds no row. Writes WORKDIR/register.txt and prints it.
#
# Run from the repository root. Usage:
#   run.sh RUBRIC_GRADE RUBRIC.json AUDITS_100K.csv WORKDIR
# Environment: REGISTER_BENCH_ROUNDS (default 3).
set -eu
rubric_grade="$1"
rubric="$2"
csv="$3"
work="$4/register"
report="$4/register.txt"
rounds="${REGISTER_BENCH_ROUNDS:-3}"
mkdir -p "$work"
rm -f "$work"/times.*

. bench/timing.sh

round=1
while [ $round -le "$rounds" ]; do
    rm -f "$work"/reg.db "$work"/reg.db-wal "$work"/reg.db-shm "$work"/floor.db
    timed grade "$rubric_grade" --quiet --rubric "$rubric" -o /dev/null "$csv"
    timed import "$rubric_grade" --quiet --rubric "$rubric" --register "$work/reg.db" -o /dev/null "$csv"
    before=$(sqlite3 "$work/reg.db" 'SELECT count(*) FROM revisions')
    timed repeat "$rubric_grade" --quiet --rubric "$rubric" --register "$work/reg.db" -o /dev/null "$csv"
    after=$(sqlite3 "$work/reg.db" 'SELECT count(*) FROM revisions')
    if [ "$before" != "$after" ]; then echo "register bench: the repeated import added $((after - before)) rows"; exit 1; fi
    timed sqlite3-import sqlite3 "$work/floor.db" -cmd 'PRAGMA journal_mode = WAL' -cmd '.mode csv' \
        -cmd 'BEGIN' -cmd ".import $csv audits" 'COMMIT'
    round=$((round + 1))
done

records=$(sqlite3 "$work/reg.db" 'SELECT count(*) FROM revisions')
size=$(wc -c < "$work/reg.db")
{
    echo "Register benchmark: $(wc -l < "$csv") lines of CSV ($(wc -c < "$csv") bytes), $rounds rounds, medians"
    echo "register: $records revisions, $size bytes"
    printf '%-16s %8s %8s\n' command wall-s cpu-s
    for name in grade import repeat sqlite3-import; do
        printf '%-16s %8s %8s\n' "$name" "$(awk '{print $1}' "$work/times.$name" | median)" \
            "$(awk '{print $2}' "$work/times.$name" | median)"
    done
    import=$(awk '{print $1}' "$work/times.import" | median)
    repeat=$(awk '{print $1}' "$work/times.repeat" | median)
    awk -v import="$import" -v repeat="$repeat" 'BEGIN {
        printf "targets: import %.2f s (<= 5: %s), repeat %.2f s (<= 3: %s), repeat adds nothing: yes\n",
               import, import <= 5 ? "met" : "NOT MET", repeat, repeat <= 3 ? "met" : "NOT MET" }'
} > "$report"
cat "$report"
