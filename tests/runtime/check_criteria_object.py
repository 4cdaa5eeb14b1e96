#!/usr/bin/env python3
"""check_criteria_object.py: the "criteria" of JSON Lines records, either way
the writer makes them.

rubric-grade writes a record's criteria two at a time from pieces made once
per rubric when there are few enough pairs of grades (report_pieces.h,
REPORT_PAIR_LIMIT), and one at a time otherwise; an odd last criterion is
always written alone. This test grows tests/runtime/tiny-rubric.json to
rubrics of an even and an odd number of criteria on both sides of the
limit, grades every criterion in a pattern that gives every pair of
levels, and requires every record's "criteria" to be exactly the audit's
grades, in the rubric's order, as valid JSON.

    check_criteria_object.py RUBRIC_GRADE TINY_RUBRIC.json SCRATCH_DIR
"""

import copy
import json
import os
import subprocess
import sys

# Criteria counts: with the tiny rubric's four levels a pair has 36 pieces,
# so up to 910 criteria go in pairs and 2,000 go one at a time.
COUNTS = (5, 6, 909, 2000, 2001)


def grown(rubric, count):
    """RUBRIC with copies of its first criterion added to its first section."""
    rubric = copy.deepcopy(rubric)
    criteria = rubric["sections"][0]["criteria"]
    existing = sum(len(section["criteria"]) for section in rubric["sections"])
    for number in range(count - existing):
        criterion = copy.deepcopy(criteria[0])
        criterion["id"] = "copy-%05d" % number
        criteria.append(criterion)
    return rubric


def level(index, shift, levels):
    """The level of criterion INDEX in audit SHIFT: over the first
    levels² pairs (criteria 2P and 2P + 1) every pair of levels occurs."""
    pair = index // 2
    return (pair + shift if index % 2 == 0 else pair // levels + shift) % levels


def main():
    grader, tiny, scratch = sys.argv[1:4]
    with open(tiny, encoding="utf-8") as file:
        base = json.load(file)
    codes = [level["code"] for level in base["scale"]]
    failures = 0
    for count in COUNTS:
        rubric = grown(base, count)
        ids = [criterion["id"] for section in rubric["sections"] for criterion in section["criteria"]]
        rubric_path = os.path.join(scratch, "criteria-%d.json" % count)
        audits_path = os.path.join(scratch, "criteria-%d.jsonl" % count)
        with open(rubric_path, "w", encoding="utf-8") as file:
            json.dump(rubric, file)
        expected = []
        with open(audits_path, "w", encoding="utf-8") as file:
            for shift in range(len(codes)):
                grades = {id: codes[level(index, shift, len(codes))] for index, id in enumerate(ids)}
                expected.append(grades)
                file.write(json.dumps({"case": "C-%d" % shift, "rubric": rubric["id"], "grades": grades}) + "\n")
        run = subprocess.run([grader, "--rubric", rubric_path, "--quiet", audits_path],
                             capture_output=True, text=True, check=False)
        records = [json.loads(line, object_pairs_hook=lambda pairs: pairs) for line in run.stdout.splitlines()]
        for number, (record, grades) in enumerate(zip(records, expected)):
            criteria = dict(record)["criteria"]
            if criteria != list(grades.items()):
                failures += 1
                print("criteria object: %d criteria, record %d differs from the audit" % (count, number + 1))
        if run.returncode != 0 or len(records) != len(expected):
            failures += 1
            print("criteria object: %d criteria: exit %d, %d records" % (count, run.returncode, len(records)))
    if failures:
        sys.exit(1)
    print("criteria object: as graded, in order, for %s criteria" % ", ".join(str(count) for count in COUNTS))


if __name__ == "__main__":
    main()
