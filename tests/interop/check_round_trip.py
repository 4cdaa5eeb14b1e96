#!/usr/bin/env python3
"""check_round_trip.py — a rubric exported to a grid (--emit grid-csv),
imported (rubricc import) and compiled again must say the same as the
original: the same grades (codes and labels), the same sections (numbers
and titles) and criteria in the same order, with the same titles and the
same effective descriptor for every grade. Both are rubricc's JSON.

Usage: check_round_trip.py ORIGINAL.json ROUND-TRIP.json [--ids-made]
  --ids-made  the grid had no ID column: criterion ids were made from the
              titles, so criteria are matched by position and ids are not
              compared.
"""
import json
import sys


def criteria(rubric, with_ids):
    for section in rubric["sections"]:
        for criterion in section["criteria"]:
            yield {
                "section": (section["number"], section["title"]),
                "id": criterion["id"] if with_ids else None,
                "title": criterion["title"],
                "effective": {code: descriptor["text"] for code, descriptor in criterion["effective"].items()},
            }


def main():
    original = json.load(open(sys.argv[1], encoding="utf-8"))
    again = json.load(open(sys.argv[2], encoding="utf-8"))
    with_ids = "--ids-made" not in sys.argv[3:]
    problems = []
    scale = [(level["code"], level["label"]) for level in original["scale"]]
    if scale != [(level["code"], level["label"]) for level in again["scale"]]:
        problems.append("the grades differ")
    before, after = list(criteria(original, with_ids)), list(criteria(again, with_ids))
    if len(before) != len(after):
        problems.append(f"{len(after)} criteria, expected {len(before)}")
    for position, (old, new) in enumerate(zip(before, after), 1):
        for key in old:
            if old[key] != new[key]:
                problems.append(f"criterion {position} ({old['id'] or old['title']}): {key} differs:\n"
                                f"    was {old[key]!r}\n    now {new[key]!r}")
    for problem in problems:
        print(f"{sys.argv[2]}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
