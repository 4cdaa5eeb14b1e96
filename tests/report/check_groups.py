#!/usr/bin/env python3
"""check_groups.py — every figure of the report's "by group" and "rounds
compared" tables checked against an independent computation.

rubric-grade writes the batch's per-audit records as CSV; this script reads
them with Python's csv module, works out each group's and each round's
audits, share good or better (statistics.fmean of 0/1 over the graded, NA
left out) and change from the round before, and compares them with the
tables of the page rubric-grade writes with --report (read with
html.parser). The chart draws from the same counts as its table, so the
trend chart's points are checked too (their labels in the SVG). So are
the page's one-page summary (the share good or better, the overall
grades counted, the change since the last round, the cases to escalate)
and the team and social worker the escalation list gives each case, and
the distribution tables beside the charts (overall, by round, by section,
by month).
Everything used is in Debian's python3.

Usage: check_groups.py RUBRIC_GRADE RUBRIC.json Q1.jsonl Q2.jsonl
"""
import csv
import io
import json
import re
import statistics
import subprocess
import sys
from html.parser import HTMLParser


class Tables(HTMLParser):
    """The page's tables by caption: rows of cell texts; and the SVG texts."""

    def __init__(self):
        super().__init__()
        self.tables, self.svg_texts = {}, []
        self.caption = self.row = self.cell = None
        self.in_caption = self.in_svg_text = False

    def handle_starttag(self, tag, attrs):
        if tag == "caption":
            self.in_caption, self.caption = True, ""
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
        elif tag == "text":
            self.in_svg_text = True
            self.svg_texts.append("")

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
            self.tables[self.caption] = []
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[self.caption].append(self.row)
            self.row = None
        elif tag == "text":
            self.in_svg_text = False

    def handle_data(self, data):
        if self.in_caption:
            self.caption += data
        elif self.cell is not None:
            self.cell += data
        if self.in_svg_text:
            self.svg_texts[-1] += data


def run(command):
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit("check_groups: %s failed (%d): %s" % (command[0], done.returncode, done.stderr))
    return done.stdout


def share(records, column, good):
    """The share good or better of COLUMN's grades, NA and blanks left out; None when none graded."""
    graded = [1.0 if row[column] in good else 0.0 for row in records if row[column] not in ("", "NA")]
    return 100.0 * statistics.fmean(graded) if graded else None


def percent(value):
    return "\u2013" if value is None else "%.1f%%" % value


def change(before, now):
    if before is None or now is None:
        return "\u2013"
    text = "%.1f" % abs(now - before)
    return "0.0" if text == "0.0" else ("+" if now > before else "\u2212") + text


def main():
    grader, rubric_path, first, second = sys.argv[1:5]
    rubric = json.load(open(rubric_path, encoding="utf-8"))
    codes = [level["code"] for level in rubric["scale"]]
    good = set(codes[: codes.index(rubric["grading"]["good_or_better"]) + 1])
    sections = [section["id"] for section in rubric["sections"]]
    choices = next(fact["choices"] for fact in rubric["facts"] if fact["key"] == "team")
    base = [grader, "--quiet", "--rubric", rubric_path]
    records = [row for row in csv.DictReader(io.StringIO(run(base + ["--format", "csv", first, second])))
               if not row["error"]]
    page = Tables()
    html = run(base + ["-o", "/dev/null", "--report", "/dev/stdout", "--group-by", "team,social_worker",
                       "--round", "2026 Q1=" + first, "--round", "2026 Q2=" + second])
    page.feed(html)
    failures = []

    def expect(what, got, wanted):
        if got != wanted:
            failures.append("%s: the page says %r, the computation %r" % (what, got, wanted))

    columns = ["overall"] + ["section:" + section for section in sections]
    # By group: team in the order of its choices, social_worker sorted, "Not given" last.
    for key, name, order in (("team", "team", choices), ("social_worker", "social worker", None)):
        values = order or sorted({row[key] for row in records if row[key]})
        if any(not row[key] for row in records):
            values = values + [""]
        rows = page.tables["Share Good or better by %s, overall and by section" % name][1:]
        expect("%s: groups" % name, [row[0] for row in rows], [value or "Not given" for value in values])
        for row, value in zip(rows, values):
            group = [record for record in records if record[key] == value]
            if 0 < len(group) < 5:
                expect("%s %s" % (name, value), row[1:], ["fewer than 5", "withheld"])
            else:
                expect("%s %s" % (name, value), row[1:],
                       [str(len(group))] + [percent(share(group, column, good)) for column in columns])
    # Rounds: the inputs' audits, the shares and their changes, and the trend chart's points.
    rounds = [[record for record in records if record["input"] == path] for path in (first, second)]
    rows = page.tables["Share Good or better by round, with the change in percentage points"][1:]
    expect("rounds", [row[0] for row in rows], ["2026 Q1", "2026 Q2"])
    points = []
    for index, (row, members) in enumerate(zip(rows, rounds)):
        wanted = [str(len(members))]
        for column in columns:
            now = share(members, column, good)
            before = share(rounds[index - 1], column, good) if index else None
            wanted += [percent(now), change(before, now)]
        expect("round %s" % row[0], row[1:], wanted)
        points.append(percent(share(members, "overall", good)))
    expect("trend chart points", [text for text in page.svg_texts if re.fullmatch(r"\d+\.\d%", text)], points)
    # The distributions each chart draws, from its data table: overall, by round, by section, by month.
    def distribution(members, column):
        grades = [row[column] for row in members]
        graded = [grade for grade in grades if grade not in ("", "NA")]
        good_count = sum(grade in good for grade in graded)
        return ([str(grades.count(code)) for code in codes] + [str(grades.count("NA"))] +
                ["%d of %d (%s)" % (good_count, len(graded), percent(share(members, column, good)))])

    expect("overall distribution", page.tables["Overall grade of every audit"][1:],
           [["All audits"] + distribution(records, "overall")])
    expect("distribution by round", page.tables["Overall grades by round"][1:],
           [[label] + distribution(members, "overall") for label, members in zip(("2026 Q1", "2026 Q2"), rounds)])
    expect("distribution by section", [row[1:] for row in page.tables["Section grades"][1:]],
           [distribution(records, "section:" + section) for section in sections])
    months = sorted({row["date"][:7] for row in records if row["date"]})
    expect("distribution by month", [row[1:] for row in page.tables["Overall grades by month"][1:]],
           [distribution([row for row in records if row["date"][:7] == month], "overall") for month in months])
    # The summary: the share, the grades counted, the change, the cases to escalate.
    summary = html[html.index('<section id="summary"'):html.index("</section>", html.index('<section id="summary"'))]
    overall = [row["overall"] for row in records]
    graded = [grade for grade in overall if grade not in ("", "NA")]
    good_count = sum(grade in good for grade in graded)
    expect("summary headline", re.search(r'class="headline">([^<]*)<', summary).group(1),
           "%s of audits graded are Good or better overall (%d of %d)." %
           (percent(share(records, "overall", good)), good_count, len(graded)))
    expect("summary grades counted", page.tables["Overall grades counted"][1:],
           [[name + " (" + code + ")", str(overall.count(code)), percent(100.0 * overall.count(code) / len(graded))]
            for name, code in ((level["label"], level["code"]) for level in rubric["scale"])])
    before, now = (share(members, "overall", good) for members in rounds)
    moved = "%.1f" % abs(now - before)
    expect("summary change", re.search(r"<p>(In 2026 Q2[^<]*)</p>", summary).group(1),
           "In 2026 Q2, %.1f%% were Good or better overall, %s from %.1f%% in 2026 Q1." %
           (now, "no change" if moved == "0.0" else "%s %s percentage points" % ("up" if now > before else "down",
                                                                               moved), before))
    escalated = page.tables[next(caption for caption in page.tables if caption.endswith("to escalate"))][1:]
    expect("summary cases to escalate", re.search(r'href="#escalations">(\d+) case', summary).group(1),
           str(len(escalated)))
    by_case = {row["case"]: row for row in records}
    worst = codes[-1]
    expect("every case graded %s overall escalated" % worst,
           {case for case, row in by_case.items() if row["overall"] == worst} <= {row[0] for row in escalated}, True)
    for row in escalated:
        expect("escalated %s: team, social worker" % row[0], row[1:3],
               [by_case[row[0]]["team"], by_case[row[0]]["social_worker"]])
    for failure in failures:
        print("check_groups: " + failure)
    print("report groups and rounds against Python's csv and statistics: %s" %
          ("%d failure(s)" % len(failures) if failures else "all figures agree"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
