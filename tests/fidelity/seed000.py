#!/usr/bin/env python3
"""seed000.py — fidelity test of the London borough's rubric against its source.

The source, seeds/000_a7cad02716c1d7a9.txt, is the plain-text extraction of
the borough's "Quality Improvement: Detailed Case Audit Gradings Guidance", a
Word document of one table per section. The extraction flattened the tables:

  - every table cell starts on a line of its own that begins with a tab;
    the cell's further lines (its other paragraphs, blank lines) follow
    without a tab;
  - a row is the criterion's name (absent in sections 2, 3 and 4) and its
    Outstanding, Good, Requires Improvement and Inadequate cells, and ends
    with an empty tab-started cell (once, at the end of section 5, that
    end-of-row cell holds a stray ".", which belongs to no criterion);
  - a section starts with its heading ("SECTION 1: …", "SECTION 5. …" or
    "7. …"), then an optional scope note, then the header row of the four
    level names; empty rows (only tabs) come between some tables.

This script reads the source, works out what every cell holds (each line of
a cell is one paragraph, as in the Word cell), compiles the rubric with
rubricc to JSON and compares the two: sections by order (number and title),
criteria by order within each section (the Nth row of section K is the Nth
criterion of the Kth section; its title must be the row's name, or absent
for an untitled row), every level's effective descriptor paragraph by
paragraph, the scope notes and the key factors. Whitespace is normalised
(any run of spaces, tabs, newlines becomes one space) and bullet markers are
set aside; everything else, punctuation and typos included, must match.

Usage:
  seed000.py --rubricc build/rubricc --seed ../shared/seeds/000_a7cad02716c1d7a9.txt
             [--rubric rubrics/london-borough-case-audit-gradings.rubric]
             [--json COMPILED.json] [--self-test] [--dump-seed]

  --json       compare an already compiled JSON file instead of compiling
  --self-test  also prove the comparison can fail: mutate the compiled JSON
               in memory in several ways (one word, a paragraph, two levels,
               a title, a key factor) and check each mutation is reported
  --dump-seed  print what the source's cells hold, and stop

Exit status: 0 the rubric matches the source (and the self-test, when asked
for, caught every mutation); 1 a difference (each printed, with its section,
criterion id, level and the text); 2 bad usage, unreadable source or a
compile failure.
"""

import argparse
import copy
import json
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import (CompileError, Report, compile_rubric,  # noqa: E402
                     normalise, split_paragraphs)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_RUBRIC = os.path.join("rubrics", "london-borough-case-audit-gradings.rubric")

# The header row of every table: level code and label, best first.
HEADER = [("O", "Outstanding"), ("G", "Good"), ("R", "Requires Improvement"),
          ("I", "Inadequate")]

# A section heading, as the document prints it (a tab-started line).
HEADING = re.compile(
    r"^(?:SECTION\s+(?P<n1>\d+)\s*[:.]|(?P<n2>\d+)\.)\s+(?P<title>[A-Z][A-Z0-9 /()]*?)\s*$")


class SeedError(Exception):
    """The source does not have the layout this script knows."""


class Row:
    def __init__(self, name, cells, line):
        self.name = name          # normalised row name, or None
        self.cells = cells        # {level code: [paragraph, …]}
        self.line = line          # source line of the row's first cell


class Section:
    def __init__(self, number, title, line):
        self.number = number
        self.title = title
        self.line = line
        self.scope = []           # paragraphs
        self.rows = []
        self.stray = []           # (line, text) of punctuation outside cells


class Seed:
    def __init__(self):
        self.key_factors = []     # paragraphs: the lead-in, then the bullets
        self.sections = []


def _paragraphs(lines):
    """Each non-blank line is one paragraph (a Word paragraph of the cell)."""
    return [p for p in (normalise(line) for line in lines) if p]


def _is_empty_cell(lines):
    """A cell with no letter or digit: an end-of-row marker."""
    return not any(ch.isalnum() for line in lines for ch in line)


def parse_seed(text):
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    seed = Seed()

    headings = []
    for i, line in enumerate(lines):
        if line.startswith("\t"):
            m = HEADING.match(line[1:].strip())
            if m:
                headings.append((i, m.group("n1") or m.group("n2"), m.group("title")))
    if not headings:
        raise SeedError("no section heading found")

    # Key factors: from the lead-in line to the first section heading.
    start = next((i for i, line in enumerate(lines)
                  if line.startswith("The key factors")), None)
    if start is None or start > headings[0][0]:
        raise SeedError("no key factors before the first section")
    seed.key_factors = _paragraphs(lines[start:headings[0][0]])

    for k, (first, number, title) in enumerate(headings):
        last = headings[k + 1][0] if k + 1 < len(headings) else len(lines)
        section = Section(number, normalise(title), first + 1)
        seed.sections.append(section)
        body = lines[first + 1:last]

        # The header row: four tab-started lines "O: Outstanding" … in order.
        labels = ["%s: %s" % pair for pair in HEADER]
        header_at = None
        for j in range(len(body) - 3):
            if all(body[j + n].startswith("\t") and
                   normalise(body[j + n]) == labels[n] for n in range(4)):
                header_at = j
                break
        if header_at is None:
            raise SeedError("line %d: section %s has no header row of the four levels"
                            % (first + 1, number))

        # Scope note: untabbed text between the heading and the header row.
        for j in range(header_at):
            line = body[j]
            if line.startswith("\t"):
                if normalise(line):
                    raise SeedError("line %d: unexpected cell before the header row: %r"
                                    % (first + 2 + j, line))
            elif normalise(line):
                section.scope.append(normalise(line))

        # Cells: a tab starts one; untabbed lines continue it.
        cells = []                # (line number, [lines])
        for j in range(header_at + 4, len(body)):
            line = body[j]
            if line.startswith("\t"):
                cells.append((first + 2 + j, [line[1:]]))
            elif cells:
                cells[-1][1].append(line)
            elif normalise(line):
                raise SeedError("line %d: text outside any cell: %r" % (first + 2 + j, line))

        # Rows: the cells up to an empty (end-of-row) cell.
        row = []
        for line_number, cell_lines in cells + [(None, [])]:
            if not _is_empty_cell(cell_lines):
                row.append((line_number, cell_lines))
                continue
            if line_number is not None and "".join(cell_lines).strip():
                section.stray.append((line_number, normalise(" ".join(cell_lines))))
            if not row:
                continue
            if len(row) == 5:
                name = normalise(" ".join(row[0][1]))
                level_cells = row[1:]
            elif len(row) == 4:
                name = None
                level_cells = row
            else:
                raise SeedError("line %d: a row of %d cells in section %s (expected 4 "
                                "levels, with or without a name before them)"
                                % (row[0][0], len(row), number))
            section.rows.append(Row(name, {
                code: _paragraphs(cell[1])
                for (code, _), cell in zip(HEADER, level_cells)}, row[0][0]))
            row = []
    return seed


def dump_seed(seed, stream=sys.stdout):
    print("key factors:", file=stream)
    for p in seed.key_factors:
        print("  | " + p, file=stream)
    for k, section in enumerate(seed.sections, 1):
        print("\nsection %d (printed %s): %s  [line %d]" % (
            k, section.number, section.title, section.line), file=stream)
        for p in section.scope:
            print("  scope | " + p, file=stream)
        for line, text in section.stray:
            print("  stray outside the cells at line %d: %r" % (line, text), file=stream)
        for r, row in enumerate(section.rows, 1):
            print("  row %d: %s  [line %d]" % (r, row.name or "(untitled)", row.line),
                  file=stream)
            for code, _ in HEADER:
                for p in row.cells[code]:
                    print("    %s | %s" % (code, p), file=stream)


def compare(seed, rubric):
    """Compare the parsed source with the compiled rubric (JSON); a Report."""
    report = Report()

    scale = [(level.get("code"), level.get("label")) for level in rubric.get("scale", [])]
    if scale != HEADER:
        report.add("scale", "the rubric's scale %r is not the document's %r" % (scale, HEADER))

    key_factors = rubric.get("key_factors")
    report.compare("key factors", seed.key_factors,
                   split_paragraphs(key_factors["text"]) if key_factors else [])

    sections = rubric.get("sections", [])
    if len(sections) != len(seed.sections):
        report.add("rubric", "%d sections, the source has %d" % (
            len(sections), len(seed.sections)))

    for k, (expected, section) in enumerate(zip(seed.sections, sections), 1):
        where = "section %s [%s]" % (section.get("number"), section.get("id"))
        if section.get("number") != expected.number:
            report.add(where, "number %r, the source's section %d is numbered %r" % (
                section.get("number"), k, expected.number))
        # The document prints its headings in capitals; the words must match.
        title = normalise(section.get("title") or "")
        if title.casefold() != expected.title.casefold():
            report.add(where, "title %r, the source has %r" % (title, expected.title))
        scope = section.get("scope")
        report.compare(where + " / scope", expected.scope,
                       split_paragraphs(scope["text"]) if scope else [])

        criteria = section.get("criteria", [])
        if len(criteria) != len(expected.rows):
            report.add(where, "%d criteria, the source's table has %d rows" % (
                len(criteria), len(expected.rows)))
        for n, (row, criterion) in enumerate(zip(expected.rows, criteria), 1):
            cwhere = "%s / criterion %s (row %d, source line %d)" % (
                where, criterion.get("id"), n, row.line)
            title = criterion.get("title")
            if row.name is None:
                if title is not None:
                    report.add(cwhere, "has the title %r; the source's row has no name"
                               % title)
            elif title is None or normalise(title) != row.name:
                report.add(cwhere, "title %r, the source's row is named %r" % (
                    title, row.name))
            effective = criterion.get("effective", {})
            for code, _ in HEADER:
                descriptor = effective.get(code)
                actual = split_paragraphs(descriptor["text"]) if descriptor else []
                report.compare("%s / level %s" % (cwhere, code), row.cells[code], actual)
    return report


def _levels_of(rubric):
    for section in rubric.get("sections", []):
        for criterion in section.get("criteria", []):
            yield section, criterion


def self_test(seed, rubric):
    """Mutate the compiled rubric in memory; every mutation must be reported.

    Returns the list of failures (empty when every mutation was caught)."""
    failures = []
    baseline = len(compare(seed, rubric))
    pairs = list(_levels_of(rubric))
    if not pairs:
        return ["the rubric has no criteria to mutate"]

    def check(name, mutated, must_mention):
        report = compare(seed, mutated)
        text = "\n".join(report.differences)
        if len(report) <= baseline or any(m not in text for m in must_mention):
            failures.append("%s: not reported (differences %d, baseline %d)\n%s" % (
                name, len(report), baseline, text))

    def pick(min_paragraphs, min_words):
        """A criterion and level whose descriptor is long enough to mutate."""
        for k, (section, criterion) in enumerate(pairs[len(pairs) // 3:] + pairs):
            for code, _ in HEADER:
                text = criterion["effective"][code]["text"]
                if (len(split_paragraphs(text)) >= min_paragraphs and
                        len(text.split()) >= min_words):
                    return pairs.index((section, criterion)), code
        return None, None

    # 1. One word of one descriptor changed.
    index, code = pick(1, 8)
    mutated = copy.deepcopy(rubric)
    criterion = list(_levels_of(mutated))[index][1]
    words = criterion["effective"][code]["text"].split(" ")
    middle = len(words) // 2
    words[middle] = "XYZZY"
    criterion["effective"][code]["text"] = " ".join(words)
    check("one word changed", mutated,
          ["criterion %s" % criterion["id"], "level %s" % code, "XYZZY"])

    # 2. The last paragraph of a multi-paragraph descriptor left out.
    index, code = pick(2, 1)
    if index is not None:
        mutated = copy.deepcopy(rubric)
        criterion = list(_levels_of(mutated))[index][1]
        text = criterion["effective"][code]["text"]
        criterion["effective"][code]["text"] = text.rsplit("\n\n", 1)[0]
        check("paragraph left out", mutated,
              ["criterion %s" % criterion["id"], "level %s" % code, "missing"])

    # 3. Two levels of one criterion swapped.
    mutated = copy.deepcopy(rubric)
    criterion = list(_levels_of(mutated))[0][1]
    effective = criterion["effective"]
    effective["R"], effective["I"] = effective["I"], effective["R"]
    check("levels R and I swapped", mutated,
          ["criterion %s" % criterion["id"], "level R", "level I"])

    # 4. A criterion's title changed.
    mutated = copy.deepcopy(rubric)
    criterion = list(_levels_of(mutated))[0][1]
    criterion["title"] = (criterion.get("title") or "") + " extra"
    check("title changed", mutated, ["criterion %s" % criterion["id"], "title"])

    # 5. A key factor left out.
    if rubric.get("key_factors"):
        mutated = copy.deepcopy(rubric)
        text = mutated["key_factors"]["text"]
        mutated["key_factors"]["text"] = text.rsplit("\n", 1)[0]
        check("key factor left out", mutated, ["key factors", "missing"])

    # 6. A criterion moved to the next section (order within sections).
    sections = rubric.get("sections", [])
    if len(sections) >= 2 and sections[0].get("criteria"):
        mutated = copy.deepcopy(rubric)
        moved = mutated["sections"][0]["criteria"].pop()
        mutated["sections"][1]["criteria"].insert(0, moved)
        check("criterion moved to the next section", mutated, ["criteria, the source"])
    return failures


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rubricc", help="the rubric compiler (build/rubricc)")
    parser.add_argument("--seed", required=True, help="the source document")
    parser.add_argument("--rubric", default=None,
                        help="the rubric (default: %s)" % DEFAULT_RUBRIC)
    parser.add_argument("--json", help="compare this compiled JSON instead of compiling")
    parser.add_argument("--self-test", action="store_true",
                        help="also check that altered copies are reported")
    parser.add_argument("--dump-seed", action="store_true",
                        help="print the cells read from the source and stop")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code else 0

    try:
        with open(args.seed, encoding="utf-8") as f:
            seed = parse_seed(f.read())
    except (OSError, UnicodeDecodeError, SeedError) as error:
        print("seed000: %s: %s" % (args.seed, error), file=sys.stderr)
        return 2

    if args.dump_seed:
        dump_seed(seed)
        return 0

    try:
        if args.json:
            with open(args.json, encoding="utf-8") as f:
                rubric = json.load(f)
        else:
            if not args.rubricc:
                print("seed000: give --rubricc (or --json)", file=sys.stderr)
                return 2
            rubric_path = args.rubric or os.path.join(REPO, DEFAULT_RUBRIC)
            rubric = compile_rubric(args.rubricc, rubric_path)
    except (OSError, ValueError, CompileError) as error:
        print("seed000: %s" % error, file=sys.stderr)
        return 2

    report = compare(seed, rubric)
    rows = sum(len(s.rows) for s in seed.sections)
    if report.differences:
        report.print()
        print("seed000: %d difference(s) between the rubric and the source"
              % len(report), file=sys.stderr)
        status = 1
    else:
        print("seed000: the rubric matches the source: key factors, %d sections, "
              "%d criteria, %d descriptors" % (len(seed.sections), rows, rows * len(HEADER)))
        status = 0

    if args.self_test:
        failures = self_test(seed, rubric)
        if failures:
            for failure in failures:
                print("seed000 self-test: " + failure, file=sys.stderr)
            status = 1
        else:
            print("seed000 self-test: every altered copy of the rubric was reported")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
