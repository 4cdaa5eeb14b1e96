#!/usr/bin/env python3
"""floors.py — the least time the libraries alone take for the two
workbook figures of bench/xlsx/run.sh, to set the targets against what
any reader or writer built on them can reach.

  floors.py read AUDITS.xlsx     inflating the first sheet (zlib) and
                                 tokenising its XML with expat, no handler
                                 set: what reading the workbook costs
                                 before a single cell is looked at
  floors.py write RESULTS.xlsx   deflating the results sheet's XML with
                                 zlib at level 6, the level libxlsxwriter
                                 (1.1.4) gives every part (its packager
                                 fixes it; no option changes it)

Each prints the processor seconds, the best of ROUNDS runs (default 5).
Run with Debian's /usr/bin/python3, whose pyexpat and zlib modules are
Debian's libexpat1 and zlib1g, the libraries rubric-grade links.
"""
import sys
import time
import zipfile
import zlib
from xml.parsers import expat

ROUNDS = 5


def best_of(work):
    best = None
    for _ in range(ROUNDS):
        start = time.process_time()
        work()
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return best


def read_floor(path):
    with zipfile.ZipFile(path) as book:
        name = next(item for item in book.namelist() if item.startswith('xl/worksheets/sheet'))

        def inflate_and_tokenise():
            expat.ParserCreate().Parse(book.read(name), True)

        print('%.3f' % best_of(inflate_and_tokenise))


def write_floor(path):
    with zipfile.ZipFile(path) as book:
        text = book.read('xl/worksheets/sheet1.xml')

    def deflate():
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        packer.compress(text)
        packer.flush()

    print('%.3f %d' % (best_of(deflate), len(text)))


def main():
    kind, path = sys.argv[1], sys.argv[2]
    {'read': read_floor, 'write': write_floor}[kind](path)


if __name__ == '__main__':
    main()
