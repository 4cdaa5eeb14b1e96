#!/usr/bin/python3
"""check_kappa.py — rubric-grade --moderate against an independent computation.

For each fixture, rubric-grade grades every record (its ordinary JSON Lines
output, no moderation); this script pairs the gradings itself (by the
record's "role", else by order: a case's first grading is the auditor's)
and computes, per criterion, per section, for the overall grade and for
every criterion judgement pooled: the pairs, exact and adjacent agreement
by counting, Cohen's kappa unweighted and quadratic-weighted with
scikit-learn's cohen_kappa_score, and kappa's standard error with
statsmodels' cohens_kappa (Fleiss, Cohen and Everitt's large-sample
formula). Then it runs rubric-grade --moderate on the same fixture and
compares every figure (to the four decimals it prints), the null kappas
and their reasons, and the list of differences of two levels or more.
Per auditor and per pair of auditor and moderator (named by each
record's "auditor"), every criterion judgement of their cases is pooled
and checked the same way.
Checklist criteria are compared over their answer set's codes: exact
agreement and the unweighted kappa only (adjacent is exact, the weighted
kappa null), never pooled with the graded criteria nor listed as
differences.

  check_kappa.py BUILD/rubric-grade RUBRIC.json FIXTURE... [-- RUBRIC.json FIXTURE...]

Prints one line per fixture and a closing "report-kappa: N passed, M failed".
"""
import csv
import json
import math
import subprocess
import sys
import warnings

import numpy
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa

TOLERANCE = 0.00051  # rubric-grade prints four decimals


def roles_by_line(fixture):
    """The role each record's line gives (None when it gives none)."""
    roles = {}
    if fixture.endswith(".csv"):
        with open(fixture, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                roles[reader.line_num] = row.get("role") or None
    else:
        with open(fixture, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                role = record.get("role") if isinstance(record, dict) else None
                roles[number] = role
    return roles


def pair_gradings(grade, rubric, fixture):
    """Cases in first-seen order, each {'auditor': result, 'moderator': result}."""
    output = subprocess.run([grade, "--rubric", rubric, "--quiet", fixture], capture_output=True, text=True)
    roles = roles_by_line(fixture)
    cases = {}
    for line in output.stdout.splitlines():
        result = json.loads(line)
        if "error" in result:
            continue
        role = roles.get(result["line"])
        if role is not None and role not in ("auditor", "moderator"):
            continue
        slots = cases.setdefault(result["case"], {})
        if role is None:
            role = "auditor" if "auditor" not in slots else "moderator"
        if role in slots:
            continue
        slots[role] = result
    return cases


def judgements(model, case_results):
    """Every (subject, id) -> (auditor grade, moderator grade) of one case, grades as codes."""
    auditor, moderator = case_results["auditor"], case_results["moderator"]
    found = {("overall", None): (auditor["overall"]["grade"], moderator["overall"]["grade"])}
    for first, second in zip(auditor["sections"], moderator["sections"]):
        found[("section", first["id"])] = (first["grade"], second["grade"])
    for criterion in model["criteria"]:
        found[("criterion", criterion)] = (auditor["criteria"][criterion], moderator["criteria"][criterion])
    return found


def expected_agreement(pairs, levels, answers=False):
    """The figures for a list of (auditor code, moderator code) pairs;
    ANSWERS: the codes are a checklist's answers, which have no order."""
    index = {code: position for position, code in enumerate(levels)}
    kept = [(index[a], index[m]) for a, m in pairs if a in index and m in index]
    first = [a for a, _ in kept]
    second = [m for _, m in kept]
    figures = {
        "pairs": len(kept),
        "not_compared": len(pairs) - len(kept),
        "exact": sum(a == m for a, m in kept),
        "adjacent": sum(abs(a - m) <= (0 if answers else 1) for a, m in kept),
    }
    for key, weights in (("kappa", None), ("kappa_weighted", "quadratic")):
        if not kept or (answers and weights):
            figures[key] = None
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = cohen_kappa_score(first, second, labels=list(range(len(levels))), weights=weights)
        if math.isnan(value):
            figures[key] = None
            continue
        table = numpy.zeros((len(levels), len(levels)))
        for a, m in kept:
            table[a][m] += 1
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # statsmodels warns of the square root of a negative variance
            variance = cohens_kappa(table, wt=weights).var_kappa
        # a variance of zero can come out a hair below it; far below, it is no interval
        standard_error = math.sqrt(max(variance, 0.0)) if variance > -1e-12 else math.nan
        figures[key] = (value, standard_error)
    return figures


def compare(label, expected, actual, problems):
    """Note every figure of ACTUAL (rubric-grade's) that differs from EXPECTED."""
    for key in ("pairs", "not_compared"):
        if expected[key] != actual[key]:
            problems.append(f"{label}: {key} {actual[key]}, expected {expected[key]}")
    for key in ("exact", "adjacent"):
        if expected[key] != actual[key]["count"]:
            problems.append(f"{label}: {key} {actual[key]['count']}, expected {expected[key]}")
    for key in ("kappa", "kappa_weighted"):
        want, got = expected[key], actual[key]
        if want is None:
            if got["value"] is not None or not got.get("reason"):
                problems.append(f"{label}: {key} {got}, expected null with a reason")
            continue
        if got["value"] is None:
            problems.append(f"{label}: {key} null ({got.get('reason')}), expected {want[0]:.4f}")
            continue
        if math.isnan(want[1]):
            if abs(got["value"] - want[0]) > TOLERANCE or got["standard_error"] is not None or got["ci95"]:
                problems.append(f"{label}: {key} {got}, expected {want[0]:.4f} without an interval "
                                "(the variance formula gives a negative value)")
            continue
        if got["standard_error"] is None:
            problems.append(f"{label}: {key} has no interval, expected se {want[1]:.4f}")
            continue
        if abs(got["value"] - want[0]) > TOLERANCE or abs(got["standard_error"] - want[1]) > TOLERANCE:
            problems.append(f"{label}: {key} {got['value']} (se {got['standard_error']}), "
                            f"expected {want[0]:.4f} (se {want[1]:.4f})")
        low, high = max(-1.0, want[0] - 1.959964 * want[1]), min(1.0, want[0] + 1.959964 * want[1])
        if abs(got["ci95"][0] - low) > TOLERANCE or abs(got["ci95"][1] - high) > TOLERANCE:
            problems.append(f"{label}: {key} interval {got['ci95']}, expected [{low:.4f}, {high:.4f}]")


def check_fixture(grade, rubric_path, fixture):
    """The problems found in one fixture (empty when rubric-grade agrees)."""
    with open(rubric_path, encoding="utf-8") as handle:
        rubric = json.load(handle)
    levels = [level["code"] for level in rubric["scale"]]
    model = {"criteria": [c["id"] for s in rubric["sections"] for c in s["criteria"]]}
    answer_sets = {a["id"]: [answer["code"] for answer in a["answers"]] for a in rubric.get("answer_sets", [])}
    answers_of = {c["id"]: answer_sets[s["answers"]] for s in rubric["sections"] if s.get("answers")
                  for c in s["criteria"]}
    graded = [criterion for criterion in model["criteria"] if criterion not in answers_of]
    cases = pair_gradings(grade, rubric_path, fixture)
    paired = [judgements(model, slots) for slots in cases.values() if len(slots) == 2]
    moderated = subprocess.run([grade, "--rubric", rubric_path, "--moderate", "--quiet", fixture],
                               capture_output=True, text=True)
    actual = json.loads(moderated.stdout)["moderation"]
    problems = []
    if actual["paired"] != len(paired):
        problems.append(f"paired {actual['paired']}, expected {len(paired)}")

    def pairs_of(subject, key):
        return [found[(subject, key)] for found in paired]

    compare("overall", expected_agreement(pairs_of("overall", None), levels), actual["overall"], problems)
    pooled = [pair for criterion in graded for pair in pairs_of("criterion", criterion)]
    compare("all_criteria", expected_agreement(pooled, levels), actual["all_criteria"], problems)
    for section in actual["sections"]:
        compare(f"section {section['id']}", expected_agreement(pairs_of("section", section["id"]), levels),
                section, problems)
    for criterion in actual["criteria"]:
        answers = answers_of.get(criterion["id"])
        compare(f"criterion {criterion['id']}",
                expected_agreement(pairs_of("criterion", criterion["id"]), answers or levels, answers is not None),
                criterion, problems)
    index = {code: position for position, code in enumerate(levels)}
    expected_differences = sorted(
        (case, subject, key or "", a, m)
        for case, found in zip([c for c, s in cases.items() if len(s) == 2], paired)
        for (subject, key), (a, m) in found.items()
        if a in index and m in index and abs(index[a] - index[m]) >= 2
        and not (subject == "criterion" and key in answers_of))
    actual_differences = sorted(
        (d["case"], subject, "" if subject == "overall" else d[subject], d["auditor"], d["moderator"])
        for d in actual["differences"]
        for subject in ("criterion", "section", "overall") if subject in d)
    # Per auditor and per pair of auditor and moderator: every criterion judgement of their cases pooled.
    both = [slots for slots in cases.values() if len(slots) == 2]
    groups = {}
    for slots, found in zip(both, paired):
        auditor, moderator = slots["auditor"].get("auditor"), slots["moderator"].get("auditor")
        for key in ((auditor,), (auditor, moderator)):
            group = groups.setdefault(key, {"cases": 0, "pairs": []})
            group["cases"] += 1
            group["pairs"] += [found[("criterion", criterion)] for criterion in graded]

    def name_order(key):
        return [(name is None, name or "") for name in key]

    for label, wanted_keys, listed, key_of in (
            ("auditor", sorted((k for k in groups if len(k) == 1), key=name_order), actual["auditors"],
             lambda entry: (entry["auditor"],)),
            ("auditor pair", sorted((k for k in groups if len(k) == 2), key=name_order), actual["auditor_pairs"],
             lambda entry: (entry["auditor"], entry["moderator"]))):
        if [key_of(entry) for entry in listed] != wanted_keys:
            problems.append(f"{label}s {[key_of(entry) for entry in listed]}, expected {wanted_keys}")
            continue
        for entry in listed:
            group = groups[key_of(entry)]
            if entry["cases"] != group["cases"]:
                problems.append(f"{label} {key_of(entry)}: cases {entry['cases']}, expected {group['cases']}")
            compare(f"{label} {key_of(entry)}", expected_agreement(group["pairs"], levels), entry, problems)
    if expected_differences != actual_differences:
        problems.append(f"differences {actual_differences}, expected {expected_differences}")
    return problems


def main(arguments):
    if len(arguments) < 3:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    grade, rest = arguments[0], arguments[1:]
    groups, current = [], []
    for argument in rest + ["--"]:
        if argument == "--":
            if current:
                groups.append(current)
            current = []
        else:
            current.append(argument)
    passed = failed = 0
    for rubric, *fixtures in groups:
        for fixture in fixtures:
            problems = check_fixture(grade, rubric, fixture)
            if problems:
                failed += 1
                print(f"FAIL: {fixture}")
                for problem in problems:
                    print(f"  {problem}")
            else:
                passed += 1
                print(f"ok: {fixture}: every figure as scikit-learn and statsmodels give it")
    print(f"report-kappa: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
