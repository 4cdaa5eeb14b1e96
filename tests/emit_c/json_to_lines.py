#!/usr/bin/env python3
"""json_to_lines.py — a compiled rubric's JSON as print_model.c's lines.

The C emitter's test (tests/emit_c/run.sh) compares these lines with what
print_model prints from the rubric's linked C tables: both must say the
same thing field for field. This side derives from the JSON (the checked
IR's other form) what the tables must hold: sections' first criteria from
their order, criteria's section indexes from nesting, ids of limits and of
levels turned into indexes, effective descriptors in scale order.

Usage: json_to_lines.py RUBRIC.json > lines
"""
import json
import sys


def quoted(text):
    """A string value as print_model.c prints it (see its opening comment)."""
    if text is None:
        return "null"
    out = []
    for char in text:
        if char in '\\"':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append("\\x%02x" % ord(char))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def hundredths(weight):
    """A JSON weight (1, 1.5, 0.25) in hundredths, exactly."""
    return int(round(weight * 100))


def lines(rubric):
    """Yields the lines, in print_model.c's order."""
    yield "format_version %d" % rubric["format_version"]
    for field in ("id", "title", "authority", "version", "effective"):
        yield "%s %s" % (field, quoted(rubric[field]))

    scale = rubric["scale"]
    level_index = {level["code"]: i for i, level in enumerate(scale)}
    yield "level_count %d" % len(scale)
    for i, level in enumerate(scale):
        yield "level %d code %s" % (i, quoted(level["code"]))
        yield "level %d label %s" % (i, quoted(level["label"]))
        yield "level %d score %d anchor %d" % (
            i, level["score"] if level["score"] is not None else 0, 1 if level["anchor"] else 0)
    yield "scores %d" % (1 if rubric["scale_kind"] == "scores" else 0)
    bands = rubric["bands"]
    band_index = {band["label"]: i for i, band in enumerate(bands)}
    yield "band_count %d" % len(bands)
    for i, band in enumerate(bands):
        yield "band %d label %s" % (i, quoted(band["label"]))
        yield "band %d levels %d %d" % (i, level_index[band["levels"][0]], level_index[band["levels"][-1]])
    answer_sets = rubric["answer_sets"]
    answer_set_index = {answer_set["id"]: i for i, answer_set in enumerate(answer_sets)}
    yield "answer_set_count %d" % len(answer_sets)
    for i, answer_set in enumerate(answer_sets):
        yield "answer_set %d id %s" % (i, quoted(answer_set["id"]))
        yield "answer_set %d title %s" % (i, quoted(answer_set["title"]))
        yield "answer_set %d answer_count %d" % (i, len(answer_set["answers"]))
        for k, answer in enumerate(answer_set["answers"]):
            yield "answer_set %d answer %d code %s" % (i, k, quoted(answer["code"]))
            yield "answer_set %d answer %d label %s" % (i, k, quoted(answer["label"]))
            yield "answer_set %d answer %d met %d" % (i, k, 1 if answer["code"] in answer_set["met"] else 0)
    yield "rubric 0 case_types_count %d" % len(rubric["case_types"])
    for k, value in enumerate(rubric["case_types"]):
        yield "rubric 0 case_types %d %s" % (k, quoted(value))

    glossary = rubric["glossary"]
    yield "glossary_count %d" % len(glossary)
    for i, entry in enumerate(glossary):
        yield "glossary %d abbreviation %s" % (i, quoted(entry["abbreviation"]))
        yield "glossary %d meaning %s" % (i, quoted(entry["meaning"]["text"]))

    themes = rubric["themes"]
    yield "theme_count %d" % len(themes)
    for i, theme in enumerate(themes):
        yield "theme %d id %s" % (i, quoted(theme["id"]))
        yield "theme %d label %s" % (i, quoted(theme["label"]))

    sections = rubric["sections"]
    section_index = {section["id"]: i for i, section in enumerate(sections)}
    criteria = []
    slot_codes = []
    yield "section_count %d" % len(sections)
    for i, section in enumerate(sections):
        yield "section %d id %s" % (i, quoted(section["id"]))
        yield "section %d number %s" % (i, quoted(section["number"]))
        yield "section %d title %s" % (i, quoted(section["title"]))
        answer_set = answer_set_index[section["answers"]] if section["answers"] is not None else -1
        if answer_set < 0:
            yield "section %d method %s" % (i, section["method"])
        if "ties" in section:
            yield "section %d ties %s" % (i, section["ties"])
        yield "section %d weight %d answer_set %d in_overall %d" % (
            i, hundredths(section["weight"]), answer_set, 1 if section["in_overall"] else 0)
        if section.get("target") is not None:
            yield "section %d target %d %d" % (i, section["target"]["percent"], level_index[section["target"]["level"]])
        yield "section %d first_criterion %d" % (i, len(criteria))
        yield "section %d criterion_count %d" % (i, len(section["criteria"]))
        criteria.extend((i, criterion) for criterion in section["criteria"])
        slot_codes.append([answer["code"] for answer in answer_sets[answer_set]["answers"]]
                          if answer_set >= 0 else [level["code"] for level in scale])

    criterion_index = {criterion["id"]: i for i, (_, criterion) in enumerate(criteria)}
    yield "criterion_count %d" % len(criteria)
    for i, (section, criterion) in enumerate(criteria):
        yield "criterion %d id %s" % (i, quoted(criterion["id"]))
        yield "criterion %d title %s" % (i, quoted(criterion["title"]))
        yield "criterion %d section %d" % (i, section)
        for field in ("applies_to", "themes"):
            yield "criterion %d %s_count %d" % (i, field, len(criterion[field]))
            for k, value in enumerate(criterion[field]):
                yield "criterion %d %s %d %s" % (i, field, k, quoted(value))
        yield "criterion %d not_applicable_allowed %s" % (
            i, "true" if criterion["not_applicable_allowed"] else "false")
        yield "criterion %d weight %d" % (i, hundredths(criterion["weight"]))
        if criterion.get("key"):
            yield "criterion %d key" % i
        for k, group in enumerate(criterion.get("groups", [])):
            yield "criterion %d group %d %s" % (i, k, group)
        effective = criterion["effective"]
        if list(effective) != slot_codes[section]:
            raise SystemExit("criterion %s: effective levels not in scale order" % criterion["id"])
        for level, code in enumerate(effective):
            yield "criterion %d descriptor %d %s" % (i, level, quoted(effective[code]["text"]))

    grading = rubric["grading"]
    yield "rules overall_method %s" % grading["overall_method"]
    yield "rules overall_basis %s" % grading["overall_of"]
    yield "rules ties %s" % grading["ties"]
    if "overall_ties" in grading:
        yield "rules overall_ties %s" % grading["overall_ties"]
    if "sections_averaged" in grading:
        yield "rules sections_averaged %s" % grading["sections_averaged"]
    yield "rules rounding %s" % grading["rounding"]
    not_applicable = grading["not_applicable"]
    if not_applicable["rule"] == "count as":
        yield "rules not_applicable count as %d" % level_index[not_applicable["level"]]
    else:
        yield "rules not_applicable %s" % not_applicable["rule"]
    yield "rules good_or_better %d" % level_index[grading["good_or_better"]]
    yield "rules limit_count %d" % len(grading["limits"])
    for i, limit in enumerate(grading["limits"]):
        if limit["capped"] == "section":
            yield "limit %d capped section %d" % (i, section_index[limit["capped_section"]])
        else:
            yield "limit %d capped overall" % i
        level = level_index[limit["level"]] if limit["level"] is not None else -1
        yield "limit %d effect %s level %d" % (i, limit["kind"], level)
        if limit["by"] == "condition":
            when = limit["when"]
            if when["subject"] == "criterion":
                subject = criterion_index[when["id"]]
                answers = slot_codes[criteria[subject][0]]
            elif when["subject"] == "timescale":
                subject, answers = criterion_index[when["id"]], []
            elif when["subject"] == "any criterion of group":
                subject = [group["id"] for group in rubric["groups"]].index(when["id"])
                answers = [level["code"] for level in scale]
            elif when["id"] is not None:
                subject = section_index[when["id"]]
                answers = slot_codes[subject]
            else:
                subject, answers = -1, [level["code"] for level in scale]
            if when["test"] in ("graded", "NA", "met", "not met"):
                value = 0
            elif when["test"] == "band":
                value = band_index[when["value"]]
            else:
                value = answers.index(when["value"])
            yield "limit %d by condition %s %d %s %d" % (i, when["subject"], subject, when["test"], value)
            if when.get("count") is not None:
                yield "limit %d count %s %d" % (i, when["count"]["compare"], when["count"]["number"])
            continue
        by_index = criterion_index if limit["by"] == "criterion" else section_index
        yield "limit %d by %s %d" % (i, limit["by"], by_index[limit["id"]])
    if rubric.get("target") is not None:
        yield "target %d %d" % (rubric["target"]["percent"], level_index[rubric["target"]["level"]])


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: json_to_lines.py RUBRIC.json")
    with open(sys.argv[1], encoding="utf-8") as handle:
        rubric = json.load(handle)
    out = sys.stdout.buffer
    for line in lines(rubric):
        out.write(line.encode("utf-8") + b"\n")


if __name__ == "__main__":
    main()
