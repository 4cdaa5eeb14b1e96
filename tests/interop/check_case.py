#!/usr/bin/env python3
"""check_case.py — a CASE export (rubricc --emit case) checked against the
rubric's own JSON (rubricc --emit json), field by field, and every
identifier recomputed with Python's uuid.uuid5 (an independent SHA-1 and
UUID implementation), so that the identifiers are the documented ones and
stay the same from run to run and from edition to edition.

Usage: check_case.py CASE.json RUBRIC.json   (exit 1 with the differences)
"""
import json
import sys
import uuid

from ratings import ratings


def main():
    case = json.load(open(sys.argv[1], encoding="utf-8"))
    rubric = json.load(open(sys.argv[2], encoding="utf-8"))
    problems = []

    def expect(what, got, wanted):
        if got != wanted:
            problems.append(f"{what}: {got!r}, expected {wanted!r}")

    def identity(what, node, wanted):
        expect(f"{what} identifier", node.get("identifier"), str(wanted))
        expect(f"{what} uri", node.get("uri"), f"urn:uuid:{wanted}")

    changed = f"{rubric['effective']}T00:00:00Z" if rubric.get("effective") else "1970-01-01T00:00:00Z"
    rubric_id = uuid.uuid5(uuid.NAMESPACE_URL, "urn:rubricc:rubric:" + rubric["id"])
    identity("rubric", case, rubric_id)
    expect("rubric title", case.get("title"), rubric["title"])
    expect("rubric lastChangeDateTime", case.get("lastChangeDateTime"), changed)
    expect("rubric extensions.rubricId", case.get("extensions", {}).get("rubricId"), rubric["id"])
    criteria = [(section, criterion) for section in rubric["sections"] for criterion in section["criteria"]]
    expect("criterion count", len(case.get("CFRubricCriteria", [])), len(criteria))
    seen = set()
    expected_ids = 0
    for position, (cf, (section, criterion)) in enumerate(zip(case["CFRubricCriteria"], criteria), 1):
        where = f"criterion {criterion['id']}"
        criterion_id = uuid.uuid5(rubric_id, "criterion:" + criterion["id"])
        identity(where, cf, criterion_id)
        seen.add(cf["identifier"])
        label = f"Section {section['number']}" + (f": {section['title']}" if section["title"] else "")
        expect(f"{where} category", cf.get("category"), label)
        if criterion["title"] is not None:
            expect(f"{where} description", cf.get("description"), criterion["title"])
        expect(f"{where} position", cf.get("position"), position)
        expect(f"{where} rubricId", cf.get("rubricId"), str(rubric_id))
        expect(f"{where} lastChangeDateTime", cf.get("lastChangeDateTime"), changed)
        expect(f"{where} extensions.criterionId", cf.get("extensions", {}).get("criterionId"), criterion["id"])
        cf_levels = cf.get("CFRubricCriterionLevels", [])
        wanted = ratings(rubric, section, criterion)
        expected_ids += 1 + len(wanted)
        expect(f"{where} level count", len(cf_levels), len(wanted))
        for index, (cf_level, level) in enumerate(zip(cf_levels, wanted)):
            at = f"{where} level {level['code']}"
            level_id = uuid.uuid5(criterion_id, "level:" + level["code"])
            identity(at, cf_level, level_id)
            seen.add(cf_level["identifier"])
            expect(f"{at} quality", cf_level.get("quality"), level["label"])
            expect(f"{at} description", cf_level.get("description"), level["text"])
            expect(f"{at} score", cf_level.get("score"), level["points"])
            expect(f"{at} position", cf_level.get("position"), index + 1)
            expect(f"{at} rubricCriterionId", cf_level.get("rubricCriterionId"), str(criterion_id))
            extension = cf_level.get("extensions", [{}])[0]
            expect(f"{at} {level['kind']}", extension.get(level["kind"]), level["code"])
            expect(f"{at} band", extension.get("band"), level["band"])
    expect("distinct identifiers", len(seen), expected_ids)
    for problem in problems:
        print(f"{sys.argv[1]}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
