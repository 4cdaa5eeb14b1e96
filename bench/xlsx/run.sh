#!/bin/sh
# run.sh — reading audits from an Excel workbook against the same audits as
# CSV, in the same run: rubric-grade --summary on 10,000 generated audits
# of Waltham Forest's rubric, as CSV and as a workbook written by openpyxl
# (inline strings; bench/xlsx/make_workbook.py), ROUNDS rounds each running both
# in turn (interleaved, so a busy machine slows both alike), each run's
# user and system CPU seconds taken by /usr/bin/time (a shared machine's
# waits are not the program's); the medians, and the workbook's speed as a
# share of CSV's against the target of at least a half. The two summaries
# must be the same, byte for byte (else the comparison means nothing).
# Writes WORKDIR/xlsx.txt and prints it.
#
# Then the results workbook: rubric-grade --format xlsx on 100,000 audits
# (AUDITS_100K.jsonl) against --format csv of the same, one run each, CPU
# seconds and peak memory, against the target of at most 5 s.
#
# Beside each, the floor the libraries set: minizip and expat alone on the
# workbook's sheet (bench/xlsx/read_floor.c), and zlib alone deflating the
# results sheet at the level libxlsxwriter fixes (bench/xlsx/write_floor.py).
#
# Usage: run.sh RUBRIC_GRADE RUBRIC.json AUDITS.csv AUDITS.xlsx AUDITS_100K.jsonl WORKDIR READ_FLOOR
# Environment: XLSX_BENCH_ROUNDS (default 5).
set -eu
grade="$1"
rubric="$2"
audits_csv="$3"
audits_xlsx="$4"
audits_large="$5"
work="$6"
read_floor="$7"
rounds="${XLSX_BENCH_ROUNDS:-5}"
mkdir -p "$work"
out="$work/xlsx.txt"
"$grade" --rubric "$rubric" --summary -q "$audits_csv" > "$work/summary-csv.json"
"$grade" --rubric "$rubric" --summary -q "$audits_xlsx" > "$work/summary-xlsx.json"
if ! cmp -s "$work/summary-csv.json" "$work/summary-xlsx.json"; then
    echo "bench-xlsx: the workbook's summary is not the CSV's" >&2
    exit 1
fi
: > "$work/times.txt"
round=1
while [ "$round" -le "$rounds" ]; do
    for input in "$audits_csv" "$audits_xlsx"; do
        /usr/bin/time -f "%U %S" -o "$work/time.txt" "$grade" --rubric "$rubric" --summary -q "$input" \
            > /dev/null || true
        echo "${input##*.} $(tail -n 1 "$work/time.txt")" >> "$work/times.txt"
    done
    round=$((round + 1))
done
median() {
    awk -v kind="$1" '$1 == kind { print $2 + $3 }' "$work/times.txt" | sort -n |
        awk '{ value[NR] = $1 } END { print value[int((NR + 1) / 2)] }'
}
csv_seconds=$(median csv)
xlsx_seconds=$(median xlsx)
{
    echo "Reading audits: $(($(wc -l < "$audits_csv") - 1)) audits of $(basename "$rubric" .json)"
    echo "  CSV   $(wc -c < "$audits_csv") bytes: median CPU $csv_seconds s over $rounds runs"
    echo "  xlsx  $(wc -c < "$audits_xlsx") bytes: median CPU $xlsx_seconds s over $rounds runs"
    awk -v csv="$csv_seconds" -v xlsx="$xlsx_seconds" 'BEGIN {
        share = 0
        if (xlsx > 0) share = csv / xlsx
        verdict = "NOT met"
        if (share >= 0.5) verdict = "met"
        printf "  the workbook read at %.2f of CSV'"'"'s speed (target: at least 0.50): %s\n", share, verdict
    }'
    floor=$("$read_floor" "$audits_xlsx" xl/worksheets/sheet1.xml)
    awk -v csv="$csv_seconds" -v floor="$floor" 'BEGIN {
        printf "  minizip and expat alone on the sheet (inflated, tokenised, no handler): CPU %.3f s,\n", floor
        printf "    so no reader on them can pass %.2f of CSV'"'"'s speed\n", (floor > 0 ? csv / floor : 0)
    }'
} > "$out"
for format in csv xlsx; do
    /usr/bin/time -f "%U %S %M" -o "$work/time.txt" "$grade" --rubric "$rubric" -q --format $format \
        -o "$work/results-100k.$format" "$audits_large" || true     # exit 1: some records failed
    set -- $(tail -n 1 "$work/time.txt")
    echo "$format $(awk -v user="$1" -v kernel="$2" 'BEGIN { print user + kernel }') $3" >> "$work/results.txt"
done
awk -v audits="$(wc -l < "$audits_large")" '
    { seconds[$1] = $2; memory[$1] = $3 }
    END {
        printf "Writing the results of %d audits:\n", audits
        printf "  --format csv   CPU %.2f s, peak %d KB\n", seconds["csv"], memory["csv"]
        printf "  --format xlsx  CPU %.2f s, peak %d KB (target: at most 5 s): %s\n", seconds["xlsx"],
               memory["xlsx"], seconds["xlsx"] <= 5 ? "met" : "NOT met"
    }' "$work/results.txt" >> "$out"
set -- $(/usr/bin/python3 bench/xlsx/write_floor.py "$work/results-100k.xlsx")
awk -v seconds="$1" -v bytes="$2" 'BEGIN {
    printf "  zlib alone at libxlsxwriter'"'"'s level 6 on the results sheet (%d MB of XML): CPU %.2f s\n",
           bytes / 1000000, seconds
}' >> "$out"
rm -f "$work/results.txt" "$work/results-100k.csv" "$work/results-100k.xlsx"
cat "$out"
