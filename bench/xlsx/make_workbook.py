#!/usr/bin/env python3
"""make_workbook.py — a CSV of audits as an Excel workbook, for
bench/xlsx/run.sh. openpyxl (3.0, Debian's) writes every text as an inline
string and every empty CSV cell as an empty cell element: some fifteen
times CSV's bytes, more than Excel's own shared strings take, so the
heavier case for a reader.

  python3 bench/xlsx/make_workbook.py AUDITS.csv OUT.xlsx

Written with openpyxl (Debian's python3-openpyxl), an independent writer;
run with Debian's /usr/bin/python3.
"""
import csv
import sys

import openpyxl


def main():
    source, target = sys.argv[1], sys.argv[2]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = 'Audits'
    with open(source, encoding='utf-8', newline='') as rows:
        for row in csv.reader(rows):
            sheet.append(row)
    book.save(target)


if __name__ == '__main__':
    main()
