#!/usr/bin/env python3
"""many_criteria.py: a rubric of very many criteria, and one audit of it.

The grading benchmark (bench/grade/run.sh) loads a rubric of 100,000
criteria to show that loading grows with the rubric, not with its square.
The rubric is a compiled one (rubricc --emit json) whose first section gets
copies of its first criterion, ids numbered, each descriptor one short
sentence, until the rubric has COUNT criteria; the audit grades every
criterion at the scale's first level.

    python3 many_criteria.py RUBRIC.json COUNT OUT_RUBRIC.json OUT_AUDIT.jsonl
"""

import copy
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        rubric = json.load(file)
    count = int(sys.argv[2])
    criteria = rubric["sections"][0]["criteria"]
    existing = sum(len(section["criteria"]) for section in rubric["sections"])
    for number in range(count - existing):
        criterion = copy.deepcopy(criteria[0])
        criterion["id"] = "copy-%06d-%s" % (number, criteria[0]["id"])
        criterion["descriptors"] = {}
        for code, descriptor in criterion["effective"].items():
            descriptor["text"] = "Level %s of copy %d." % (code, number)
        criteria.append(criterion)
    with open(sys.argv[3], "w", encoding="utf-8") as file:
        json.dump(rubric, file, separators=(",", ":"))
    first = rubric["scale"][0]["code"]
    grades = {criterion["id"]: first for section in rubric["sections"] for criterion in section["criteria"]}
    with open(sys.argv[4], "w", encoding="utf-8") as file:
        file.write(json.dumps({"case": "MANY-1", "rubric": rubric["id"], "grades": grades}) + "\n")


if __name__ == "__main__":
    main()
