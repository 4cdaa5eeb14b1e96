#!/usr/bin/env python3
"""check_canvas.py — a Canvas export (rubricc --emit canvas-csv) read with
Python's csv module and checked against Canvas's documented rubric import
layout and against the rubric's own JSON.

The layout is that of Canvas's RubricImport.template_file (canvas-lms,
app/models/rubric_import.rb): the header "Rubric Name, Criteria Name,
Criteria Description, Criteria Enable Range" followed by one "Rating Name,
Rating Description, Rating Points" group per rating. The rows are read the
way Canvas's RubricCSVImporter (lib/rubric_csv_importer.rb) reads them:
columns found by header name, ratings as the groups in order, points with
a comma taken as a decimal point and rounded to two places. A text cell
that the CSV cell writer neutralised (an apostrophe before a formula-like
text, csv_cells.py) is compared as the text it stands for.

Usage: check_canvas.py CANVAS.csv RUBRIC.json   (exit 1 with the differences)
"""
import csv
import json
import sys

from csv_cells import restored
from ratings import ratings

CRITERION_HEADER = ["Rubric Name", "Criteria Name", "Criteria Description", "Criteria Enable Range"]
RATING_HEADER = ["Rating Name", "Rating Description", "Rating Points"]


def canvas_read(path):
    """The rubrics of a Canvas import file, as Canvas's importer builds them."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [[restored(cell) for cell in row] for row in csv.reader(handle, strict=True)]
    header, body = rows[0], rows[1:]
    column = {name: header.index(name) for name in CRITERION_HEADER}
    names = [i for i, h in enumerate(header) if "rating name" in h.lower()]
    descriptions = [i for i, h in enumerate(header) if "rating description" in h.lower()]
    points = [i for i, h in enumerate(header) if "rating points" in h.lower()]
    rubrics = {}
    for row in body:
        ratings = [{"description": row[n], "long_description": row[d],
                    "points": round(float(row[p].replace(",", ".")), 2)}
                   for n, d, p in zip(names, descriptions, points) if n < len(row)]
        rubrics.setdefault(row[column["Rubric Name"]], []).append({
            "description": row[column["Criteria Name"]],
            "long_description": row[column["Criteria Description"]],
            "criterion_use_range": row[column["Criteria Enable Range"]].lower() in ("true", "1"),
            "ratings": ratings,
            "cells": len(row),
        })
    return header, rubrics


def main():
    rubric = json.load(open(sys.argv[2], encoding="utf-8"))
    header, rubrics = canvas_read(sys.argv[1])
    levels = rubric["scale"]
    problems = []

    def expect(what, got, wanted):
        if got != wanted:
            problems.append(f"{what}: {got!r}, expected {wanted!r}")

    criteria = [(section, criterion) for section in rubric["sections"] for criterion in section["criteria"]]
    most = max([len(levels)] + [len(ratings(rubric, s, c)) for s, c in criteria])
    expect("header", header, CRITERION_HEADER + RATING_HEADER * most)
    expect("rubric names", list(rubrics), [rubric["title"]])
    imported = rubrics.get(rubric["title"], [])
    expect("criterion count", len(imported), len(criteria))
    for got, (section, criterion) in zip(imported, criteria):
        where = f"criterion {criterion['id']}"
        wanted = ratings(rubric, section, criterion)
        expect(f"{where} cells", got["cells"], len(CRITERION_HEADER) + len(RATING_HEADER) * len(wanted))
        if criterion["title"] is not None:
            expect(f"{where} name", got["description"], criterion["title"])
        if f"(criterion {criterion['id']})" not in got["long_description"]:
            problems.append(f"{where}: the description does not name the criterion id")
        expect(f"{where} range", got["criterion_use_range"], False)
        expect(f"{where} ratings", [r["description"] for r in got["ratings"]], [w["label"] for w in wanted])
        expect(f"{where} rating descriptions", [r["long_description"] for r in got["ratings"]],
               [w["text"] for w in wanted])
        expect(f"{where} points", [r["points"] for r in got["ratings"]],
               [float(w["points"]) for w in wanted])
    for problem in problems:
        print(f"{sys.argv[1]}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
