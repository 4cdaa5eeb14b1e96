# timing.sh — what the benchmark scripts share, sourced by them (bench/*/run.sh):
#
#   median              the median of the numbers on standard input, one a line
#   timed NAME CMD...   runs CMD once under /usr/bin/time, its output discarded,
#                       and appends "WALL CPU" (seconds; CPU = user + system)
#                       to $work/times.NAME; a failing CMD stops the benchmark
#                       with its standard error. Needs $work set.

median() {
    sort -n | awk '{ value[NR] = $1 } END { if (NR % 2) print value[(NR + 1) / 2];
                                            else print (value[NR / 2] + value[NR / 2 + 1]) / 2 }'
}

timed() {
    name="$1"
    shift
    status=0
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > /dev/null 2> "$work/err.$name" || status=$?
    if [ "$status" -ne 0 ]; then echo "benchmark: $name failed ($status):"; cat "$work/err.$name"; exit 1; fi
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time" >> "$work/times.$name"
}
