#!/usr/bin/env python3
"""make_cases.py — a case list and auditors for rubric-grade sample's tests
and benchmark, made deterministically from a seed (Python's own generator).

    make_cases.py CASES AUDITORS OUT_CASES.csv OUT_AUDITORS.csv [--seed N]

Teams and case types are drawn with unequal weights, so that the strata
differ in size (the proportions the tests check are not all alike). The
auditors are spread over the teams, and two are in a team of their own
(Quality Assurance) that no case has.
"""
import argparse
import csv
import random

TEAMS = [("Assessment", 5), ("Child Protection", 3), ("Children in Care", 2), ("Care Leavers", 1),
         ("Disabled Children", 1)]
CASE_TYPES = [("CIN", 6), ("CP", 3), ("CLA", 2)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=int)
    parser.add_argument("auditors", type=int)
    parser.add_argument("cases_out")
    parser.add_argument("auditors_out")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    draw = random.Random(arguments.seed)
    teams = [name for name, weight in TEAMS for _ in range(weight)]
    types = [name for name, weight in CASE_TYPES for _ in range(weight)]
    with open(arguments.cases_out, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["case", "team", "case_type", "worker", "opened", "closed"])
        for number in range(1, arguments.cases + 1):
            opened = "2025-%02d-%02d" % (draw.randint(1, 12), draw.randint(1, 28))
            writer.writerow(["CASE-%06d" % number, draw.choice(teams), draw.choice(types),
                             "Worker %d" % draw.randint(1, 400), opened, ""])
    with open(arguments.auditors_out, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["auditor", "team", "capacity"])
        for number in range(1, arguments.auditors + 1):
            team = "Quality Assurance" if number <= 2 else TEAMS[number % len(TEAMS)][0]
            writer.writerow(["Auditor %d" % number, team, ""])


if __name__ == "__main__":
    main()
