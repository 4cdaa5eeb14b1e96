#!/bin/sh
# run.sh — the report's benchmark: rubric-grade --report on 100,000
# generated audits (bench/report/make_audits.py) split by 20 units, 3 teams
# and 12 auditors (--group-by) and into 8 monthly rounds (--rounds month),
# beside two baselines of the same run on the same file: rubric-grade
# grading it without a report (the grading floor) and with the plain
# report (what the splits add). Each is timed ROUNDS times, interleaved,
# by /usr/bin/time (wall, user and system seconds); medians. Target: the
# split report in at most 2 s of wall time. Writes WORKDIR/report.txt and
# prints it.
#
# Run from the repository root. Usage:
#   run.sh RUBRIC_GRADE RUBRIC.json AUDITS.jsonl WORKDIR
# Environment: REPORT_BENCH_ROUNDS (default 3).
set -eu
rubric_grade="$1"
rubric="$2"
audits="$3"
work="$4/report"
report="$4/report.txt"
rounds="${REPORT_BENCH_ROUNDS:-3}"
mkdir -p "$work"
rm -f "$work"/times.*

. bench/timing.sh

round=1
while [ $round -le "$rounds" ]; do
    timed grade "$rubric_grade" --quiet --rubric "$rubric" -o /dev/null "$audits"
    timed report "$rubric_grade" --quiet --rubric "$rubric" -o /dev/null --report "$work/plain.html" "$audits"
    timed split-report "$rubric_grade" --quiet --rubric "$rubric" -o /dev/null --report "$work/split.html" \
        --group-by unit,team,auditor --rounds month "$audits"
    round=$((round + 1))
done

{
    echo "Report benchmark: $(wc -l < "$audits") audits ($(wc -c < "$audits") bytes), 20 units, 3 teams," \
         "12 auditors, 8 months; $rounds rounds, medians"
    printf '%-16s %8s %8s\n' command wall-s cpu-s
    for name in grade report split-report; do
        printf '%-16s %8s %8s\n' "$name" "$(awk '{print $1}' "$work/times.$name" | median)" \
            "$(awk '{print $2}' "$work/times.$name" | median)"
    done
    split=$(awk '{print $1}' "$work/times.split-report" | median)
    awk -v seconds="$split" 'BEGIN { printf "target: split report %.2f s (<= 2: %s)\n", seconds,
                                          seconds <= 2 ? "met" : "NOT MET" }'
} > "$report"
cat "$report"
