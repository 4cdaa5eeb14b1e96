#!/usr/bin/env python3
"""generate_audits.py: invented audits of a compiled rubric, for tests and benchmarks.

Reads a rubric's JSON (as `rubricc --emit json` writes it) and writes COUNT
audits of it as JSON Lines (the default) or CSV, in the shapes rubric-grade
reads (see runtime/lib/audit_read.h). The same arguments always give the same
bytes: every choice comes from one seeded random generator.

Each audit has a quality tendency, so grades cluster as real audits do;
criteria that allow it are sometimes NA, and whole sections whose criteria
all allow NA (planning for another kind of case, no S47 enquiry) are
sometimes NA together. Some audits carry the auditor's own overall and
section grades. With --invalid-share, that share of records is wrong in one
of the ways the grader must report (unknown or missing criterion, a grade
off the scale, NA where not allowed, another rubric's id, a duplicate
criterion, an unknown section or off-scale grade in the auditor's grades,
malformed JSON, a short CSV row).

With --pool N (JSON Lines, valid audits only) the generator makes N audits
as above and then writes COUNT audits that each take one of them at random
under a case reference of their own: the millions of lines a benchmark
needs in seconds rather than minutes.

The one-truth test (tests/one_truth/run.sh) grades these audits through the
JSON loader and through the linked C tables; the grading benchmark
(bench/grade/run.sh) uses it for its large inputs.

Usage: generate_audits.py RUBRIC.json COUNT [--seed N] [--invalid-share F]
                          [--format jsonl|csv] [--pool N] [-o FILE]
"""

import argparse
import json
import random
import sys

AUDITORS = [
    "Invented Auditor A",
    "Invented Auditor B",
    "Invented Auditor C",
    "Invented Auditor Siobhán Ó Raghallaigh",
    'Invented Auditor "D" / QA team',
]

INVALID_KINDS_COMMON = [
    "unknown-criterion",
    "grade-off-scale",
    "not-applicable-not-allowed",
    "missing-criterion",
    "wrong-rubric",
    "unknown-section",
    "auditor-grade-off-scale",
]
INVALID_KINDS_JSONL = INVALID_KINDS_COMMON + ["malformed-json", "duplicate-criterion"]
INVALID_KINDS_CSV = INVALID_KINDS_COMMON + ["short-row"]

OFF_SCALE_GRADES = ["Good", "RI", "g", "5", "N/A", ""]


class Rubric:
    """What the generator needs of a rubric: ids, scale codes, NA rules."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as file:
            document = json.load(file)
        self.id = document["id"]
        self.codes = [level["code"] for level in document["scale"]]
        self.sections = []  # (section id, [(criterion id, NA allowed)])
        for section in document["sections"]:
            criteria = [(c["id"], bool(c["not_applicable_allowed"])) for c in section["criteria"]]
            self.sections.append((section["id"], criteria))
        self.criterion_ids = [cid for _, criteria in self.sections for cid, _ in criteria]
        self.na_allowed = {cid: allowed for _, criteria in self.sections for cid, allowed in criteria}
        self.no_na_criteria = [cid for cid in self.criterion_ids if not self.na_allowed[cid]]


class Audit:
    """One audit as plain values; an invalid one may carry raw extras."""

    def __init__(self, case, rubric_id, auditor, date):
        self.case = case
        self.rubric_id = rubric_id
        self.auditor = auditor
        self.date = date
        self.grades = []  # (criterion id, grade), in order; duplicates allowed
        self.auditor_overall = None
        self.auditor_sections = []  # (section id, grade)


def clamp(value, low, high):
    return low if value < low else high if value > high else value


def make_valid_audit(rubric, number, rng):
    """A well-formed audit whose grades cluster around a quality tendency."""
    levels = len(rubric.codes)
    tendency = rng.randrange(levels)
    audit = Audit(
        "GEN-%07d" % number,
        rubric.id,
        AUDITORS[rng.randrange(len(AUDITORS))],
        "2026-%02d-%02d" % (1 + rng.randrange(12), 1 + rng.randrange(28)),
    )
    if rng.random() < 0.02:
        audit.auditor = None
    if rng.random() < 0.02:
        audit.date = None
    for _, criteria in rubric.sections:
        whole_section_na = all(allowed for _, allowed in criteria) and rng.random() < 0.3
        for criterion_id, allowed in criteria:
            if whole_section_na or (allowed and rng.random() < 0.12):
                grade = "NA"
            else:
                grade = rubric.codes[clamp(tendency + rng.choice((-1, 0, 0, 0, 1)), 0, levels - 1)]
            audit.grades.append((criterion_id, grade))
    if rng.random() < 0.4:
        near = lambda: rubric.codes[clamp(tendency + rng.choice((-1, 0, 0, 1)), 0, levels - 1)]
        audit.auditor_overall = near() if rng.random() < 0.9 else None
        for section_id, criteria in rubric.sections:
            if rng.random() < 0.7:
                all_na = all(grade == "NA" for cid, grade in audit.grades if cid in dict(criteria))
                audit.auditor_sections.append((section_id, "NA" if all_na else near()))
    return audit


def spoil(audit, rubric, kind, rng):
    """Make AUDIT wrong in the way KIND names (in place)."""
    index = rng.randrange(len(audit.grades))
    if kind == "unknown-criterion":
        audit.grades.insert(index, ("no-such-criterion-%d" % rng.randrange(100), rubric.codes[0]))
    elif kind == "grade-off-scale":
        audit.grades[index] = (audit.grades[index][0], rng.choice(OFF_SCALE_GRADES[:-1]))
    elif kind == "not-applicable-not-allowed":
        criterion_id = rng.choice(rubric.no_na_criteria)
        audit.grades = [(cid, "NA" if cid == criterion_id else grade) for cid, grade in audit.grades]
    elif kind == "missing-criterion":
        del audit.grades[index]
    elif kind == "wrong-rubric":
        audit.rubric_id = rubric.id + "-draft"
    elif kind == "duplicate-criterion":
        audit.grades.append(audit.grades[index])
    elif kind == "unknown-section":
        audit.auditor_sections.append(("no-such-section", rubric.codes[0]))
    elif kind == "auditor-grade-off-scale":
        audit.auditor_overall = rng.choice(OFF_SCALE_GRADES[:-2])


def quote(text):
    return json.dumps(text, ensure_ascii=False)


def jsonl_line(audit):
    """One audit as a JSON Lines record; duplicates kept, key order as given."""
    fields = ['"case": ' + quote(audit.case), '"rubric": ' + quote(audit.rubric_id)]
    if audit.auditor is not None:
        fields.append('"auditor": ' + quote(audit.auditor))
    if audit.date is not None:
        fields.append('"date": ' + quote(audit.date))
    fields.append('"grades": {' + ", ".join(quote(c) + ": " + quote(g) for c, g in audit.grades) + "}")
    if audit.auditor_overall is not None or audit.auditor_sections:
        parts = []
        if audit.auditor_overall is not None:
            parts.append('"overall": ' + quote(audit.auditor_overall))
        if audit.auditor_sections:
            parts.append('"sections": {' + ", ".join(quote(s) + ": " + quote(g)
                                                   for s, g in audit.auditor_sections) + "}")
        fields.append('"auditor_grades": {' + ", ".join(parts) + "}")
    return "{" + ", ".join(fields) + "}"


def csv_cell(text):
    if text is None:
        return ""
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_header(rubric):
    columns = ["case", "rubric", "auditor", "date"] + rubric.criterion_ids + ["overall"]
    columns += ["section:" + section_id for section_id, _ in rubric.sections]
    return ",".join(columns)


def csv_row(audit, rubric):
    """One audit as a CSV row under csv_header; unknown ids cannot be
    written as columns, so an unknown criterion id is left out."""
    grades = dict(audit.grades)
    sections = dict(audit.auditor_sections)
    cells = [audit.case, audit.rubric_id, audit.auditor, audit.date]
    cells += [grades.get(cid) for cid in rubric.criterion_ids]
    cells.append(audit.auditor_overall)
    cells += [sections.get(section_id) for section_id, _ in rubric.sections]
    return ",".join(csv_cell(cell) for cell in cells)


def generate(rubric, count, seed, invalid_share, form, output):
    rng = random.Random(seed)
    kinds = INVALID_KINDS_CSV if form == "csv" else INVALID_KINDS_JSONL
    if form == "csv":
        output.write(csv_header(rubric) + "\n")
    for number in range(1, count + 1):
        audit = make_valid_audit(rubric, number, rng)
        kind = rng.choice(kinds) if rng.random() < invalid_share else None
        if kind is not None:
            spoil(audit, rubric, kind, rng)
        if form == "csv":
            line = csv_row(audit, rubric)
            if kind == "short-row":
                line = ",".join(line.split(",")[: len(rubric.criterion_ids) // 2])
        else:
            line = jsonl_line(audit)
            if kind == "malformed-json":
                line = line[: rng.randrange(1, len(line) - 1)]
        output.write(line + "\n")


def generate_from_pool(rubric, count, seed, pool_size, output):
    """COUNT valid audits, each one of POOL_SIZE generated ones under its own case."""
    rng = random.Random(seed)
    pool = []
    for number in range(pool_size):
        line = jsonl_line(make_valid_audit(rubric, number, rng))
        after_case = line.index(", ")  # the case reference is the first field
        pool.append(line[after_case:] + "\n")
    choose = rng.randrange
    write = output.write
    for number in range(1, count + 1):
        write('{"case": "GEN-%07d"' % number + pool[choose(pool_size)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rubric", help="the rubric's JSON, from rubricc --emit json")
    parser.add_argument("count", type=int, help="how many audits")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--invalid-share", type=float, default=0.0)
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--pool", type=int, default=0,
                        help="valid JSON Lines audits drawn from a pool of this many")
    parser.add_argument("-o", "--output", default="-")
    arguments = parser.parse_args()
    rubric = Rubric(arguments.rubric)
    output = sys.stdout if arguments.output == "-" else open(arguments.output, "w", encoding="utf-8",
                                                               newline="\n")
    with output:
        if arguments.pool > 0:
            generate_from_pool(rubric, arguments.count, arguments.seed, arguments.pool, output)
            return
        generate(rubric, arguments.count, arguments.seed, arguments.invalid_share, arguments.format,
                 output)


if __name__ == "__main__":
    main()
