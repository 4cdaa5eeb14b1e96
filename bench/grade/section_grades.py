#!/usr/bin/env python3
"""section_grades.py: the grading benchmark's Python baseline.

Each audit's section grades, as a script author might compute them without
the grading library: a section's grade is the median of its criteria's
grades in scale order (best first), a tie going to the lower grade; NA
takes no part, and a section whose grades are all NA is NA. No limits.

    python3 section_grades.py RUBRIC.json AUDITS.jsonl|AUDITS.csv

Audits are JSON Lines, or CSV (by the .csv extension) with a header row of
case and criterion ids, an empty cell not graded. Writes one line per audit: {"case": ..., "sections": {section id: grade}}.
bench/grade/run.sh times it beside rubric-grade and section_grades.jq.
"""

import csv
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        rubric = json.load(file)
    codes = [level["code"] for level in rubric["scale"]]
    rank = {code: index for index, code in enumerate(codes)}
    sections = [(section["id"], [criterion["id"] for criterion in section["criteria"]])
                for section in rubric["sections"]]
    write = sys.stdout.write
    with open(sys.argv[2], encoding="utf-8", newline="") as file:
        if sys.argv[2].endswith(".csv"):
            audits = ({"case": row["case"], "grades": row} for row in csv.DictReader(file))
        else:
            audits = (json.loads(line) for line in file)
        for audit in audits:
            grades = audit["grades"]
            result = {}
            for section_id, criteria in sections:
                counted = sorted(rank[grades[c]] for c in criteria if grades[c] != "NA")
                result[section_id] = codes[counted[len(counted) // 2]] if counted else "NA"
            write(json.dumps({"case": audit["case"], "sections": result}) + "\n")


if __name__ == "__main__":
    main()
