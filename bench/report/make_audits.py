#!/usr/bin/env python3
"""make_audits.py — the report benchmark's audits: N graded audits of the
assessment-timeliness example rubric, spread over 20 units (a field the
audits carry, `unit`), the rubric's 3 teams and 8 months of 2026, with
grades drawn at random (seeded, so the same every time).

Usage: make_audits.py N SEED OUTPUT.jsonl
"""
import json
import random
import sys

CRITERIA = ["assessment-timely", "assessment-quality", "child-seen", "plan-reflects-child"]
TEAMS = ["Assessment", "Child Protection", "Children in Care"]


def main():
    count, seed, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as output:
        for number in range(count):
            team = rng.choice(TEAMS)
            grades = {criterion: rng.choice("OGGRRI") for criterion in CRITERIA}
            if team == "Children in Care":
                grades["care-plan"] = rng.choice("OGRI")
            record = {"case": "B-%06d" % number, "rubric": "example-assessment-timeliness",
                      "auditor": "Invented Auditor %d" % rng.randrange(1, 13),
                      "date": "2026-%02d-%02d" % (rng.randrange(1, 9), rng.randrange(1, 29)),
                      "team": team, "referral_date": "2025-12-01",
                      "unit": "Unit %02d" % rng.randrange(1, 21), "grades": grades}
            output.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
