#!/bin/sh
# run-deep.sh — chains as long as the input likes, checked without deep
# recursion.
#
# A rubric of 200,000 criteria, each reusing the next one ('same as'), is
# generated here (not committed: 8 MB), and compiled with a C stack of
# 1 MiB, far less than one stack frame per criterion would need; so is a
# ring of 200,000 criteria, which must be reported as a circle, once. The
# JSON output is written too, so that the emitter walks the chain as well.
#
# Usage: run-deep.sh RUBRICC
set -u
rubricc="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count=200000
failed=0

# The header, scale and section every generated rubric starts with.
header() {
    printf 'rubric: long-chain\ntitle: A long chain of reuse\nauthority: Example authority\n'
    printf 'version: 1\n\nscale:\n  O: Outstanding\n  G: Good\n\nsection 1: Everything\n'
}

{
    header
    awk -v n="$count" 'BEGIN {
        for (i = 1; i < n; i++) printf "  criterion c%d\n    same as: c%d\n", i, i + 1
        printf "  criterion c%d: The last\n    O: Outstanding work.\n    G: Good work.\n", n
    }'
} > "$work/chain.rubric"
{
    header
    awk -v n="$count" 'BEGIN {
        for (i = 1; i < n; i++) printf "  criterion c%d\n    same as: c%d\n", i, i + 1
        printf "  criterion c%d\n    same as: c1\n", n
    }'
} > "$work/ring.rubric"

# A chain: compiles, and the first criterion has the last one's title.
if (ulimit -s 1024; "$rubricc" --emit json -o "$work" "$work/chain.rubric") 2> "$work/chain.err"; then
    if grep -q '"title": *"The last"' "$work/long-chain.json"; then
        echo "deep: a same-as chain of $count criteria compiles"
    else
        echo "FAIL: deep: the chain's criteria do not take the last one's title"
        failed=1
    fi
else
    echo "FAIL: deep: a same-as chain of $count criteria does not compile:"
    head -5 "$work/chain.err"
    failed=1
fi

# A ring: one error, naming the circle, and exit 1.
(ulimit -s 1024; "$rubricc" --check "$work/ring.rubric") 2> "$work/ring.err"
status=$?
errors=$(grep -c ': error: ' "$work/ring.err")
if [ "$status" -eq 1 ] && [ "$errors" -eq 1 ] && grep -q 'reused in a circle' "$work/ring.err"; then
    echo "deep: a same-as ring of $count criteria is one error"
else
    echo "FAIL: deep: a same-as ring of $count criteria gave exit $status and $errors errors:"
    head -5 "$work/ring.err"
    failed=1
fi
[ "$failed" -eq 0 ]
