#!/usr/bin/env python3
"""check_neutralised.py — no cell of a CSV file rubricc writes (Canvas
export, spreadsheet grid, audit template) is one a spreadsheet would run as
a formula: every such text went through the CSV cell writer and came out
with an apostrophe in front (csv_cells.py says the rule).

Usage: check_neutralised.py FILE.csv...   (exit 1 naming each bad cell)
"""
import csv
import sys

from csv_cells import is_formula


def main():
    problems = []
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8", newline="") as handle:
            for row_number, row in enumerate(csv.reader(handle, strict=True), 1):
                for column, cell in enumerate(row, 1):
                    if is_formula(cell):
                        problems.append(f"{path}: row {row_number}, column {column}: {cell[:40]!r} "
                                        "would run as a formula")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
