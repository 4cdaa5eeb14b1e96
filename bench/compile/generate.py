#!/usr/bin/env python3
"""generate.py — write a large, realistic rubric for the compiler benchmark.

Usage: generate.py CRITERIA OUTPUT.rubric

The rubric looks like the shipped ones, scaled up: sections of 25 criteria,
every other section with section-wide descriptors ("every criterion:") and
its criteria writing their Good level only, the others writing all four
levels in prose of one to three paragraphs and bullet lists; tags, a
"same as" every tenth criterion, a glossary whose abbreviations the text
uses, and grading rules with limits. The output depends on CRITERIA alone
(no randomness, no dates), so every run measures the same bytes.
"""
import sys

CRITERIA_PER_SECTION = 25
LEVELS = [("O", "Outstanding"), ("G", "Good"), ("R", "Requires Improvement"), ("I", "Inadequate")]
THEMES = ["voice-of-the-child", "safety-and-risk", "assessment", "planning", "review"]
SUBJECTS = ["The assessment", "The plan", "The review", "Management oversight", "The chronology",
            "Direct work with the child", "The S47 enquiry", "The CIN plan", "Multi-agency working"]
QUALITIES = {
    "O": "is of consistently high quality, analytical and child focused, and the child’s lived experience is clear",
    "G": "is timely, clear and proportionate, and shows how the child’s views shaped the decisions made",
    "R": "is present but lacks analysis in places; the impact on the child is not always clear",
    "I": "is absent, late or of poor quality, leaving the child at risk of harm",
}
DETAILS = ["it is recorded on the file within agreed timescales",
           "parents and carers were involved and their views are recorded",
           "the IRO and partner agencies contributed to it",
           "actions are SMART – specific, measurable and time limited",
           "it is updated when circumstances change (for example a move of school)"]


def prose(level, number, indent, paragraphs):
    """A descriptor: one to three paragraphs, the last sometimes a list."""
    pad = " " * indent
    subject = SUBJECTS[number % len(SUBJECTS)]
    lines = [f"{subject} for criterion {number} {QUALITIES[level]};",
             f"{pad}evidence on the file shows that {DETAILS[number % len(DETAILS)]}."]
    if paragraphs >= 2:
        lines += ["", f"{pad}Auditors look for ({level}, row {number}): the child seen alone, the",
                  f"{pad}family’s history considered, and the CP or LAC status confirmed."]
    if paragraphs >= 3:
        lines += ["", f"{pad}- {DETAILS[(number + 1) % len(DETAILS)]};",
                  f"{pad}- {DETAILS[(number + 2) % len(DETAILS)]}, with dates;",
                  f"{pad}- the outcome for the child (row {number})."]
    return "\n".join(lines)


def section_wide(section):
    """The 'every criterion:' block of a section."""
    out = ["  every criterion:"]
    for code, _ in LEVELS:
        if code != "G":
            out.append(f"    {code}: " + prose(code, section * 1000, 7, 2))
    return out


def criterion(section, number, shared):
    """One criterion, numbered across the rubric."""
    out = [f"  criterion c{number}: Criterion {number} – quality of practice in section {section}"]
    out.append(f"    themes: {THEMES[number % len(THEMES)]}, {THEMES[(number + 2) % len(THEMES)]}")
    if number % 7 == 0:
        out.append("    applies to: CP, where appropriate")
    if number % 10 == 9:
        out.append(f"    same as: c{number - 1}")
        out.append(f"    G: " + prose("G", number, 7, 1))
        return out
    for code, _ in LEVELS:
        if shared and code != "G":
            continue
        out.append(f"    {code}: " + prose(code, number, 7, 1 + number % 3))
    return out


def rubric(criteria):
    """The whole rubric, as a list of lines."""
    out = [f"# A generated rubric of {criteria} criteria (bench/compile/generate.py).",
           f"rubric: bench-{criteria}",
           f"title: Generated case audit guidance – {criteria} criteria",
           "authority: A generated borough",
           "version: 1",
           "",
           "scale:"]
    out += [f"  {code}: {label}" for code, label in LEVELS]
    out += ["", "key factors:",
            "  The key factors to consider when auditing the child’s journey include;",
            "  · The quality and timeliness of assessment, risk management and planning",
            "  · The effectiveness of the support provided to children and families",
            "", "glossary:",
            "  CIN: Child in need", "  CP: Child protection", "  LAC: Looked after child",
            "  S47: Section 47 enquiry", "  IRO: Independent Reviewing Officer",
            "  SMART: Specific, measurable, achievable, realistic and timely",
            "", "themes:"]
    out += [f"  {theme}: {theme.replace('-', ' ').capitalize()}" for theme in THEMES]
    out += ["", "grading:", "  section grade: median", "  overall grade: median of sections",
            "  overall no better than: criterion c1, section 1",
            "  section 1 no better than: criterion c2",
            "  not applicable: leave out", "  ties: lower", "  good or better: G", ""]
    sections = (criteria + CRITERIA_PER_SECTION - 1) // CRITERIA_PER_SECTION
    number = 0
    for section in range(1, sections + 1):
        shared = section % 2 == 0
        out.append(f"section {section}: Practice area {section}")
        out.append("  applies to: CIN, CP, LAC")
        out.append(f"  scope: Cases open to the service during the audit period (area {section}).")
        if shared:
            out += section_wide(section)
        for _ in range(min(CRITERIA_PER_SECTION, criteria - number)):
            number += 1
            out += criterion(section, number, shared)
        out.append("")
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: generate.py CRITERIA OUTPUT.rubric")
    with open(sys.argv[2], "w", encoding="utf-8") as output:
        output.write("\n".join(rubric(int(sys.argv[1]))) + "\n")


if __name__ == "__main__":
    main()
