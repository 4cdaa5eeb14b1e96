#!/usr/bin/env python3
"""make_grid.py — large spreadsheet grids for `rubricc import`, to show that
it stays linear in the grid and caps repeated errors
(tests/interop/run-import-scale.sh).

Usage: make_grid.py KIND COUNT > GRID.csv
  columns    COUNT grade columns with their own headers, one criterion
  same       COUNT grade columns all headed 'x', one criterion
  rows       COUNT criteria (titles only, 50 to a section), two grades
  same-id    COUNT criteria all with the id 'same-id'
"""
import sys


def main():
    kind, count = sys.argv[1], int(sys.argv[2])
    out = sys.stdout
    if kind in ("columns", "same"):
        headers = ["G%d: Grade %d" % (i, i) if kind == "columns" else "x" for i in range(count)]
        out.write("Section,ID,Criterion," + ",".join(headers) + "\n")
        out.write("Section 1: A,c-one,One," + ",".join("d" for _ in range(count)) + "\n")
    elif kind == "rows":
        out.write("Section,Criterion,O: Outstanding,G: Good\n")
        for i in range(count):
            out.write("Section %d: S,Criterion number %d,Best %d,Good %d\n" % (i // 50 + 1, i, i, i))
    elif kind == "same-id":
        out.write("Section,ID,Criterion,O: Outstanding,G: Good\n")
        for i in range(count):
            out.write("Section 1: S,same-id,Title %d,a,b\n" % i)
    else:
        sys.exit("make_grid.py: unknown kind " + kind)


if __name__ == "__main__":
    main()
