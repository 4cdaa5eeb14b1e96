#!/usr/bin/env python3
"""make-editions.py — later editions of a shipped rubric, made by editing it
the way its authors would, for rubricc diff's tests.

  wording.rubric   words only: a descriptor reworded, a criterion
                   retitled, a theme taken off, a section's title changed,
                   two criteria of a section swapped
  breaking.rubric  a criterion removed, one added, one moved to another
                   section, one that allowed NA no longer does, the tie
                   rule and a limit changed, a level relabelled
  rules.rubric     (of the second rubric) the overall method, the NA rule
                   and one section's method changed, a limit added
  checklist.rubric (of rubrics/examples/compliance-and-quality.rubric,
                   language v2) an answer added and counted as met, an
                   answer relabelled, a section weighted, a section now in
                   the overall, a conditional limit turned into "is"
  answers.rubric   (the same) an answer removed, an answer set added and
                   the checklist section answered from it
  scores.rubric    (of rubrics/examples/scaling-audit.rubric) a band
                   removed and another widened, the rounding changed, a
                   criterion weighted, a descriptor reworded

usage: make-editions.py LONDON-RUBRIC WALTHAM-FOREST-RUBRIC OUTDIR
"""
import os
import sys


def block(lines, start):
    """The lines of the criterion starting at start, up to the next entry
    at its indentation or less (trailing blank lines included)."""
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and (len(line) - len(line.lstrip())) <= 2:
            break
        end += 1
    return start, end


def find(lines, text):
    for i, line in enumerate(lines):
        if line.rstrip("\n") == text:
            return i
    raise SystemExit(f"make-editions.py: no line {text!r}; was the rubric changed?")


def replace(lines, old, new):
    i = find(lines, old)
    lines[i] = new + "\n"


def main():
    source, second, out = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    original = open(source, encoding="utf-8").readlines()

    wording = list(original)
    replace(wording, "    O: Referral of high quality, containing good description of concern with",
            "    O: Referral of very high quality, containing a good description of concern with")
    replace(wording, "  criterion referral-quality: Referral - quality",
            "  criterion referral-quality: Referral – quality of information")
    replace(wording, "    themes: decision-making, sharing-with-families", "    themes: decision-making")
    replace(wording, "section 3: Recording", "section 3: Recording and records")
    start, end = block(wording, find(wording, "  criterion recording-future-access"))
    moved = wording[start:end]
    del wording[start:end]
    at = find(wording, "  criterion recording-quality")
    wording[at:at] = moved
    open(os.path.join(out, "wording.rubric"), "w", encoding="utf-8").writelines(wording)

    breaking = list(original)
    replace(breaking, "  ties: lower", "  ties: higher")
    replace(breaking, "  R: Requires Improvement", "  R: Requires improvement")
    replace(breaking, "  section 5 no better than: criterion child-voice, criterion child-safety",
            "  section 5 no better than: criterion child-voice")
    start, end = block(breaking, find(breaking, "  criterion referral-allocation: Referral – allocation"))
    del breaking[start:end]
    # supervision-audit-follow-up allows NA through its own "applies to:".
    start, end = block(breaking, find(breaking, "  criterion supervision-audit-follow-up"))
    criterion = [line for line in breaking[start:end] if "where appropriate" not in line]
    del breaking[start:end]
    # Moved to the end of section 3 (recording), just before section 4.
    at = find(breaking, "section 4: Supervision/management oversight")
    while not breaking[at - 1].strip() or breaking[at - 1].startswith("#"):
        at -= 1
    breaking[at:at] = ["\n"] + criterion
    at = find(breaking, "section 4: Supervision/management oversight")
    while not breaking[at - 1].strip() or breaking[at - 1].startswith("#"):
        at -= 1
    breaking[at:at] = ["\n", "  criterion recording-timeliness: Recording – timeliness\n",
                       "    O: Records are written on the day.\n",
                       "    G: Records are written within two working days.\n",
                       "    R: Records are written within five working days.\n",
                       "    I: Records are late.\n"]
    open(os.path.join(out, "breaking.rubric"), "w", encoding="utf-8").writelines(breaking)

    rules = open(second, encoding="utf-8").readlines()
    replace(rules, "  overall grade: median of sections", "  overall grade: worst of sections")
    replace(rules, "  not applicable: leave out", "  not applicable: count as R\n  section 2 grade: worst\n"
            "  section 2 no better than: criterion consideration-of-case-history")
    open(os.path.join(out, "rules.rubric"), "w", encoding="utf-8").writelines(rules)
    v2_editions(out)


def v2_editions(out):
    """Editions of the worked examples of language v2."""
    compliance = open("rubrics/examples/compliance-and-quality.rubric", encoding="utf-8").readlines()
    checklist = list(compliance)
    replace(checklist, "  N: No", "  N: Not met\n  P: Partly")
    replace(checklist, "  met: Y", "  met: Y, P")
    replace(checklist, "  overall no better than R when: any criterion in section C is N",
            "  overall is I when: any criterion in section C is N")
    replace(checklist, "  in overall: no", "  weight: 2")
    open(os.path.join(out, "checklist.rubric"), "w", encoding="utf-8").writelines(checklist)

    answers = list(compliance)
    replace(answers, "  N: No", "  P: Partly")
    replace(answers, "  met: Y", "  met: Y\n\nanswers recorded: Recording\n  Y: Yes\n  N: No\n  met: Y")
    replace(answers, "  answers: compliance", "  answers: recorded")
    open(os.path.join(out, "answers.rubric"), "w", encoding="utf-8").writelines(answers)

    scores = open("rubrics/examples/scaling-audit.rubric", encoding="utf-8").readlines()
    replace(scores, "  6 to 7: Good", "")
    replace(scores, "  4 to 5: Requires improvement", "  4 to 7: Requires improvement")
    replace(scores, "  rounding: nearest, half up", "  rounding: down")
    replace(scores, "  criterion child-safety: The child is safe",
            "  criterion child-safety: The child is safe\n    weight: 3")
    replace(scores, "    5: The assessment gathers information but analysis is limited.",
            "    5: The assessment gathers information but its analysis is limited.")
    open(os.path.join(out, "scores.rubric"), "w", encoding="utf-8").writelines(scores)


if __name__ == "__main__":
    main()
