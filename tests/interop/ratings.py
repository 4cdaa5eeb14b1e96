"""ratings.py — what the exports should list for a criterion, worked out
from the rubric's JSON (format 2) independently of the compiler's C: the
levels of the scale, best first, or for a criterion of a checklist section
the answers of its answer set. Shared by check_case.py and check_canvas.py.

Points: a level's score (a score scale, or declared "points:"), else n-1
for the best of n levels down to 0; an answer 1 when it counts as met,
else 0. A descriptor the criterion lacks (a score between the anchors, an
answer written without one) is exported as "".
"""


def ratings(rubric, section, criterion):
    """[{code, label, text, points, kind, band}] for the criterion."""
    result = []
    if section.get("answers"):
        answer_set = next(s for s in rubric["answer_sets"] if s["id"] == section["answers"])
        for answer in answer_set["answers"]:
            result.append({"code": answer["code"], "label": answer["label"],
                           "points": 1 if answer["code"] in answer_set["met"] else 0,
                           "kind": "answerCode", "band": None})
    else:
        levels = rubric["scale"]
        for index, level in enumerate(levels):
            band = next((b["label"] for b in rubric.get("bands", []) if level["code"] in b["levels"]),
                        None)
            points = level["score"] if level.get("score") is not None else len(levels) - 1 - index
            result.append({"code": level["code"], "label": level["label"], "points": points,
                           "kind": "levelCode", "band": band})
    for rating in result:
        rating["text"] = criterion["effective"][rating["code"]]["text"] or ""
    return result
