#!/bin/sh
# run-import-scale.sh — `rubricc import` is linear in the grid, with a cap
# on repeated errors (compiler/tools/import_grid.c): grids of 20,000 grade
# columns and of 100,000 rows (tests/interop/make_grid.py) imported under a
# memory limit (prlimit --as, util-linux) and a time limit, and grids that
# repeat one mistake 20,000 or 100,000 times answered in a few lines that
# count the rest ("and 19,998 more columns headed 'x'").
#
# Before the import looked names up by hashing (name_index.c), 10,000
# columns took 1.4 GB and 10 s, 20,000 ran out of memory, 100,000 rows took
# 69 s, and 20,000 columns headed 'x' printed one error per pair of them.
# The import also compiles the rubric it made before writing it (so a grid
# never becomes a rubric that does not compile); for 100,000 criteria that
# takes about 370 MB in all, hence the limit of 768 MiB: still far below
# what a quadratic import would need.
# Not run under the sanitizers (their shadow memory needs more address
# space than the limit leaves).
# Run from the repository root. Usage: run-import-scale.sh RUBRICC WORKDIR
set -u
rubricc="${1:?usage: run-import-scale.sh RUBRICC WORKDIR}"
work="${2:?usage: run-import-scale.sh RUBRICC WORKDIR}"
memory=${IMPORT_SCALE_MEMORY:-805306368}   # 768 MiB of address space
# The time limit is processor time (prlimit --cpu), not wall-clock time, so
# that a machine busy with other suites beside this one does not fail it;
# the wall-clock limit only stops a process that waits forever.
seconds=${IMPORT_SCALE_SECONDS:-30}
wall_seconds=$((seconds * 10))
here=tests/interop
passed=0
failed=0
rm -rf "$work"
mkdir -p "$work"

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# import NAME: rubricc import of $work/NAME.csv under the limits; its exit
# status in $status, its stderr in $work/NAME.stderr.
import() {
    status=0
    timeout "$wall_seconds" prlimit --as="$memory" --cpu="$seconds" "$rubricc" import "$work/$1.csv" -o "$work/$1.rubric" \
        2> "$work/$1.stderr" || status=$?
}

# expect NAME STATUS LINES: exit STATUS, at most LINES lines on stderr.
expect() {
    lines=$(wc -l < "$work/$1.stderr")
    if [ "$status" -eq 124 ]; then
        fail "$1: still running after $wall_seconds s"
    elif [ "$status" -eq 152 ] || [ "$status" -eq 137 ]; then
        fail "$1: used more than $seconds s of processor time"
    elif [ "$status" -ne "$2" ]; then
        fail "$1: exit $status, expected $2: $(head -c 300 "$work/$1.stderr")"
    elif [ "$lines" -gt "$3" ]; then
        fail "$1: $lines lines on stderr, expected at most $3"
    else
        pass
    fi
}

# expect_line NAME TEXT: TEXT is a whole line of stderr.
expect_line() {
    if grep -qxF -- "$2" "$work/$1.stderr"; then
        pass
    else
        fail "$1: no line '$2' on stderr: $(head -c 300 "$work/$1.stderr")"
    fi
}

python3 "$here/make_grid.py" columns 20000 > "$work/columns.csv"
python3 "$here/make_grid.py" same 20000 > "$work/same.csv"
python3 "$here/make_grid.py" rows 100000 > "$work/rows.csv"
python3 "$here/make_grid.py" same-id 100000 > "$work/same-id.csv"

# 20,000 grade columns: imported, every grade in the scale
import columns
expect columns 0 2
if [ "$(grep -c '^  G[0-9]*: Grade [0-9]*$' "$work/columns.rubric" 2> /dev/null)" = 20000 ]; then
    pass
else
    fail "columns: the rubric does not list the 20,000 grades"
fi

# 20,000 columns headed 'x': one error shown, the rest counted
import same
expect same 1 4
expect_line same "$work/same.csv:1: error: columns 4 and 5 are both headed 'x'; give each grade one column"
expect_line same "$work/same.csv: error: and 19,998 more columns headed 'x'"
expect_line same "$work/same.csv: 19,999 errors; nothing written"

# 100,000 criteria: imported (a note per criterion id made from a title)
import rows
expect rows 0 110000
if [ "$(grep -c '^  criterion ' "$work/rows.rubric" 2> /dev/null)" = 100000 ]; then
    pass
else
    fail "rows: the rubric does not hold the 100,000 criteria"
fi

# 100,000 rows of one id: one error shown, the rest counted
import same-id
expect same-id 1 4
expect_line same-id "$work/same-id.csv: error: and 99,998 more rows repeating the criterion id 'same-id'"

echo "import scale: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
