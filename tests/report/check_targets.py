#!/usr/bin/python3
"""check_targets.py — the rubric's targets on the report and in the summary,
checked against an independent computation.

For each round file given, rubric-grade's per-audit CSV is read with
Python's csv module and each target's share (grades at its level or better
over the grades that are not NA) worked out here with statistics.fmean;
the summary's JSON ("target": count, of, share, met) for that file must
agree, and so must the report's rounds table (one "Met" / "Not met" cell
per target and round) and its "round at a glance" list for the last round.
Met is share >= percent, as the language reference says.

Usage: check_targets.py RUBRIC-GRADE RUBRIC.json LABEL=FILE...
"""

import csv
import io
import json
import re
import statistics
import subprocess
import sys


def run(program, *arguments):
    done = subprocess.run([program, *arguments], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"check_targets: {' '.join(arguments)}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def expected_targets(rubric, rows):
    """[(place, percent, level, reached, graded, met)] for the overall and each section."""
    codes = [level["code"] for level in rubric["scale"]]
    places = [("overall", "overall", rubric.get("target"))]
    places += [(section["id"], f"section:{section['id']}", section.get("target")) for section in rubric["sections"]]
    found = []
    for place, column, target in places:
        if target is None:
            continue
        limit = codes.index(target["level"])
        grades = [row[column] for row in rows if not row["error"] and row[column] in codes]
        at_or_above = [1.0 if codes.index(grade) <= limit else 0.0 for grade in grades]
        share = statistics.fmean(at_or_above) if at_or_above else None
        met = None if share is None else share * 100 >= target["percent"] - 1e-9
        found.append((place, target["percent"], target["level"], int(sum(at_or_above)), len(grades), met))
    return found


def main():
    program, rubric_path = sys.argv[1], sys.argv[2]
    rounds = [argument.split("=", 1) for argument in sys.argv[3:]]
    rubric = json.load(open(rubric_path, encoding="utf-8"))
    failures = 0
    per_round = []
    for label, path in rounds:
        rows = list(csv.DictReader(io.StringIO(run(program, "--rubric", rubric_path, "--format", "csv", path))))
        expected = expected_targets(rubric, rows)
        per_round.append((label, expected))
        summary = json.loads(run(program, "--rubric", rubric_path, "--summary", path))["summary"]
        tallies = {"overall": summary["overall"]}
        tallies.update({section["id"]: section for section in summary["sections"]})
        for place, percent, level, reached, graded, met in expected:
            got = tallies[place].get("target")
            want = {"percent": percent, "level": level, "count": reached, "of": graded, "met": met}
            if got is None or any(got[key] != value for key, value in want.items()):
                print(f"FAIL: {label} {place}: summary says {got}, expected {want}")
                failures += 1
    arguments = ["--rubric", rubric_path, "-o", "/dev/null", "--report", "/dev/stdout"]
    for label, path in rounds:
        arguments += ["--round", f"{label}={path}"]
    page = run(program, *arguments)
    table = page[page.index("by round, with the change"):]
    table = table[:table.index("</table>")]
    for label, expected in per_round:
        row = re.search(r"<tr><th scope=\"row\">" + re.escape(label) + r"</th>(.*?)</tr>", table)
        cells = re.findall(r"<td>(Met|Not met|\u2013)</td>", row.group(1)) if row else []
        want = ["\u2013" if met is None else "Met" if met else "Not met" for *_, met in expected]
        if cells != want:
            print(f"FAIL: round {label}: the rounds table says {cells}, expected {want}")
            failures += 1
    glance = page[page.index('<ul class="targets">'):]
    glance = glance[:glance.index("</ul>")]
    said = re.findall(r"<strong>(met|not met)</strong>", glance)
    want = ["met" if met else "not met" for *_, met in per_round[-1][1] if met is not None]
    if said != want:
        print(f"FAIL: the round at a glance says {said}, expected {want}")
        failures += 1
    checked = sum(len(expected) for _, expected in per_round)
    print(f"report targets: {checked} targets in {len(per_round)} rounds checked, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
