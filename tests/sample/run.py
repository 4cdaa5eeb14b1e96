#!/usr/bin/env python3
"""run.py — the tests of `rubric-grade sample` (runtime/cli/sample*.c).

    run.py RUBRIC_GRADE RUBRIC.json [--update] [--quick]

RUBRIC.json is tests/sample/round.rubric compiled (three case types).

Five parts, each failure named:

  golden       small case lists with fixed seeds: the allocation CSV, the
               note on stderr and the drafts, word for word (golden/);
               --update rewrites them
  mistakes     every user mistake (bad_inputs below): exit status 2, the
               message word for word, and no output file made
  constraints  150 small random rounds checked exhaustively: each chosen
               case's team never its auditor's, capacities kept, no case
               audited within the months chosen, each stratum's count its
               exact share rounded down or up, and the loads optimal (no
               allocation has a smaller sum of squared loads: found by
               searching every allocation); a round that cannot be
               allocated fails exactly when no choice the quotas allow can
               be; the same seed gives the same bytes (every third round)
  statistics   one list of 1,500 cases sampled with 150 seeds: every case
               of a stratum chosen about as often as every other (within
               five standard deviations of the binomial), and the strata's
               shares as the proportions say
  outputs      -o replaces a file whole and leaves it as it was on a
               mistake; stdout without -o

Python from Debian, no other package.
"""
import csv
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
GRADE = os.path.abspath(sys.argv[1])
RUBRIC = os.path.abspath(sys.argv[2])
UPDATE = "--update" in sys.argv[3:]
# --quick (under the sanitizers, where each run is slow): 50 constraint
# rounds and 50 seeds instead of 150 each.
ROUNDS = 50 if "--quick" in sys.argv[3:] else 150
failures = []


def fail(part, name, message):
    failures.append("%s %s: %s" % (part, name, message))


def sample(arguments, cwd=None):
    return subprocess.run([GRADE, "sample"] + arguments, cwd=cwd, capture_output=True, text=True)


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


# ------------------------------------------------------------------ golden

GOLDEN = [
    ("eight-cases", ["--cases", "8", "--auditors", "auditors.csv", "--seed", "7", "cases.csv"]),
    ("every-case", ["--percent", "100", "--auditors", "auditors.csv", "--seed", "11", "cases.csv"]),
    ("half-not-recent", ["--percent", "50", "--auditors", "auditors.csv", "--seed", "7", "--audited",
                         "audited.jsonl", "--audited", "audited.csv", "--not-audited-since-months", "6",
                         "--today", "2026-12-05", "cases.csv"]),
    ("drafts", ["--cases", "6", "--auditors", "auditors.csv", "--seed", "3", "--drafts", "{work}/drafts",
                "--rubric", RUBRIC, "cases.csv"]),
]


def check_golden():
    for name, arguments in GOLDEN:
        work = tempfile.mkdtemp(prefix="sample-golden-")
        try:
            result = sample([a.replace("{work}", work) for a in arguments], cwd=HERE)
            got = {name + ".csv": result.stdout, name + ".stderr": result.stderr.replace(work, "WORK")}
            drafts = os.path.join(work, "drafts")
            if os.path.isdir(drafts):
                for file_name in sorted(os.listdir(drafts)):
                    with open(os.path.join(drafts, file_name), encoding="utf-8") as draft:
                        got[name + "." + file_name] = draft.read()
            if result.returncode != 0:
                fail("golden", name, "exit status %d: %s" % (result.returncode, result.stderr))
                continue
            expected_names = sorted(f for f in os.listdir(os.path.join(HERE, "golden")) if f.startswith(name + "."))
            if UPDATE:
                for stale in expected_names:
                    os.remove(os.path.join(HERE, "golden", stale))
                for file_name, text in got.items():
                    with open(os.path.join(HERE, "golden", file_name), "w", encoding="utf-8") as out:
                        out.write(text)
                continue
            if sorted(got) != expected_names:
                fail("golden", name, "files %s, expected %s" % (sorted(got), expected_names))
            for file_name, text in got.items():
                path = os.path.join(HERE, "golden", file_name)
                expected = open(path, encoding="utf-8").read() if os.path.exists(path) else None
                if text != expected:
                    fail("golden", name, "%s differs:\n--- expected\n%s--- got\n%s" % (file_name, expected, text))
            if name == "drafts":
                check_drafts(got)
        finally:
            shutil.rmtree(work)


def check_drafts(files):
    """Each draft is a record the form opens: the rubric's id, case, auditor, no grades."""
    rubric_id = json.load(open(RUBRIC, encoding="utf-8"))["id"]
    allocation = {row["case"]: row for row in rows_of(files["drafts.csv"])}
    seen = set()
    for file_name, text in files.items():
        if not file_name.endswith(".jsonl"):
            continue
        for line in text.splitlines():
            record = json.loads(line)
            if record["rubric"] != rubric_id or "grades" in record or "date" in record:
                fail("golden", "drafts", "%s: not a draft of %s: %s" % (file_name, rubric_id, line))
            row = allocation.get(record["case"])
            if row is None or row["auditor"] != record["auditor"] or row["team"] != record["team"]:
                fail("golden", "drafts", "%s: %s is not as allocated" % (file_name, line))
            seen.add(record["case"])
    if seen != set(allocation):
        fail("golden", "drafts", "drafts for %s, allocated %s" % (sorted(seen), sorted(allocation)))


# ---------------------------------------------------------------- mistakes

CASES = "case,team,case_type\nA1,Alpha,CIN\nA2,Alpha,CP\nB1,Beta,CIN\nB2,Beta,CP\n"
AUDITORS = "auditor,team\nAnn,Alpha\nBob,Beta\n"
USAGE = "usage: rubric-grade sample (--cases=N | --percent=P) --auditors=FILE [OPTION]... CASES.csv\n"


def usage(message):
    return "rubric-grade sample: " + message + "\n" + USAGE


def said(message):
    return "rubric-grade sample: " + message + "\n"


# (name, files, arguments, expected stderr); every one exits 2 and writes nothing.
BAD_INPUTS = [
    ("no case list", {}, ["--cases", "1", "--auditors", "a.csv"],
     usage("no case list: give the cases as a CSV file or an Excel workbook (case, team, case_type ...)")),
    ("two case lists", {}, ["--cases", "1", "--auditors", "a.csv", "c.csv", "d.csv"],
     usage("takes one case list; a second was d.csv")),
    ("how many", {}, ["--auditors", "a.csv", "c.csv"], usage("how many cases? give --cases N or --percent P")),
    ("both counts", {}, ["--cases", "1", "--percent", "5", "--auditors", "a.csv", "c.csv"],
     usage("--cases and --percent both say how many: give one")),
    ("cases zero", {}, ["--cases", "0", "c.csv"], usage("--cases must be a whole number of cases, 1 or more, not 0")),
    ("cases word", {}, ["--cases", "ten", "c.csv"],
     usage("--cases must be a whole number of cases, 1 or more, not ten")),
    ("percent sign", {}, ["--percent", "5%", "c.csv"],
     usage("--percent must be a number above 0 and at most 100 (such as 5 or 2.5, no % sign), not 5%")),
    ("percent over", {}, ["--percent", "100.5", "c.csv"],
     usage("--percent must be a number above 0 and at most 100 (such as 5 or 2.5, no % sign), not 100.5")),
    ("percent zero", {}, ["--percent", "0", "c.csv"],
     usage("--percent must be a number above 0 and at most 100 (such as 5 or 2.5, no % sign), not 0")),
    ("no auditors", {}, ["--cases", "1", "c.csv"],
     usage("no auditors: give --auditors FILE (CSV: auditor, team, capacity)")),
    ("months alone", {}, ["--cases", "1", "--auditors", "a.csv", "--not-audited-since-months", "6", "c.csv"],
     usage("--not-audited-since-months needs the audit records: give --audited FILE")),
    ("audited alone", {}, ["--cases", "1", "--auditors", "a.csv", "--audited", "r.jsonl", "c.csv"],
     usage("--audited needs --not-audited-since-months K: how recent an audit leaves a case out")),
    ("months zero", {}, ["--not-audited-since-months", "0", "c.csv"],
     usage("--not-audited-since-months must be a whole number of months from 1 to 1200, not 0")),
    ("drafts alone", {}, ["--cases", "1", "--auditors", "a.csv", "--drafts", "d", "c.csv"],
     usage("--drafts needs --rubric FILE.json: the drafts name the rubric they are for")),
    ("rubric alone", {}, ["--cases", "1", "--auditors", "a.csv", "--rubric", "r.json", "c.csv"],
     usage("--rubric is for --drafts: give --drafts DIR too, or leave --rubric out")),
    ("seed negative", {}, ["--seed", "-1", "c.csv"],
     usage("--seed must be a whole number from 0 to 18446744073709551615, not -1")),
    ("seed too big", {}, ["--seed", "18446744073709551616", "c.csv"],
     usage("--seed must be a whole number from 0 to 18446744073709551615, not 18446744073709551616")),
    ("today not a date", {}, ["--today", "2026-02-30", "c.csv"],
     usage("--today must be a date written YYYY-MM-DD, like 2026-12-05, not 2026-02-30")),
    ("output is input", {"c.csv": CASES, "a.csv": AUDITORS}, ["--cases", "1", "--auditors", "a.csv", "-o", "c.csv",
                                                              "c.csv"],
     usage("the output 'c.csv' (--output) is also an input (the case list); choose another file")),
    ("missing list", {"a.csv": AUDITORS}, ["--cases", "1", "--auditors", "a.csv", "nosuch.csv"],
     said("cannot open nosuch.csv: No such file or directory")),
    ("no team column", {"c.csv": "case,case_type\nA1,CIN\n", "a.csv": AUDITORS},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv:1: the header has no 'team' column: its first row must name the columns (docs/grader.md, "
          "\"Choosing the cases\")")),
    ("no case column", {"c.csv": "ref no,team\nA1,Alpha\n", "a.csv": AUDITORS},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv:1: the header has no 'case' column (also accepted: case_reference, case_ref, case_id, "
          "reference): its first row must name the columns (docs/grader.md, \"Choosing the cases\")")),
    ("case column twice", {"c.csv": "case,team,Case Reference\nA1,Alpha,A1\n", "a.csv": AUDITORS},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv:1: the header names the case column twice ('case' and 'Case Reference'): keep one")),
    ("empty case", {"c.csv": "case,team\nA1,Alpha\n,Beta\n", "a.csv": AUDITORS},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv:3: no case reference: the 'case' cell is empty")),
    ("empty team", {"c.csv": "case,team\nA1,Alpha\nB1, \n", "a.csv": AUDITORS},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv:3: case 'B1' has no team: the team cell is empty (every case is chosen within its team)")),
    ("case twice", {"c.csv": "case,team\nA1,Alpha\n\nA1,Beta\n", "a.csv": AUDITORS},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv:4: case 'A1' is listed twice (first on line 2): list each case once")),
    ("opened date", {"c.csv": "case,team,opened\nA1,Alpha,05/03/2026\n", "a.csv": AUDITORS},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv:2: the opened date '05/03/2026' is not a date written YYYY-MM-DD, like 2026-03-02 (format the "
          "column as yyyy-mm-dd before saving the sheet)")),
    ("not utf-8", {"c.csv": b"case,team\nA1,Caf\xe9\n", "a.csv": AUDITORS},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv:2: cell 2 is not UTF-8 text: save the sheet as \"CSV UTF-8\"")),
    ("stray quote", {"c.csv": "case,team\nA1,Al\"pha\n", "a.csv": AUDITORS},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv:2: not CSV: error parsing data while strict checking enabled (a quote inside a cell must be "
          "doubled, and the cell quoted)")),
    ("quote never closed", {"c.csv": "case,team\nA1,\"Alpha\n", "a.csv": AUDITORS},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv:2: not CSV: a quoted cell is never closed (a quote is missing)")),
    ("empty list", {"c.csv": "", "a.csv": AUDITORS}, ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv: the file is empty: it has no header row")),
    ("header only", {"c.csv": "case,team\n", "a.csv": AUDITORS}, ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("c.csv: no case: the list has a header and no case under it")),
    ("too many cases", {"c.csv": CASES, "a.csv": AUDITORS}, ["--cases", "5", "--auditors", "a.csv", "c.csv"],
     said("5 cases wanted, but the list has only 4: ask for at most 4")),
    ("too many not audited", {"c.csv": CASES, "a.csv": AUDITORS,
                              "r.jsonl": '{"case":"A1","date":"2026-11-01"}\n'},
     ["--cases", "4", "--auditors", "a.csv", "--audited", "r.jsonl", "--not-audited-since-months", "3",
      "--today", "2026-12-05", "c.csv"],
     said("4 cases wanted, but only 3 of the 4 cases listed may be chosen (1 were audited within 3 months): "
          "ask for at most 3, or fewer months")),
    ("percent below one case", {"c.csv": CASES, "a.csv": AUDITORS}, ["--percent", "10", "--auditors", "a.csv",
                                                                     "c.csv"],
     said("10.000000% of the 4 cases listed is less than one case: give a larger --percent, or --cases N")),
    ("auditor without name", {"c.csv": CASES, "a.csv": "auditor,team\n,Alpha\n"},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"], said("a.csv:2: no auditor's name: the 'auditor' cell is empty")),
    ("auditor without team", {"c.csv": CASES, "a.csv": "name,team\nAnn,\n"},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("a.csv:2: auditor 'Ann' has no team: give their team (as the case list writes it, or their own, such "
          "as Quality Assurance), so that they are never given their own team's cases")),
    ("capacity word", {"c.csv": CASES, "a.csv": "auditor,team,capacity\nAnn,Alpha,some\n"},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("a.csv:2: auditor 'Ann' has capacity 'some': write the most cases they may take as a whole number (0 "
          "or more), or leave it empty for no limit")),
    ("auditor twice", {"c.csv": CASES, "a.csv": "auditor,team\nAnn,Alpha\nann,Beta\n"},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("a.csv:3: auditor 'ann' is listed twice (first on line 2): list each auditor once")),
    ("team written otherwise", {"c.csv": CASES, "a.csv": "auditor,team\nAnn,alpha\n"},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("a.csv:2: auditor 'Ann' is in team 'alpha', which the case list writes 'Alpha': write it the same way, "
          "so that they are never given their own team's cases")),
    ("no auditor under header", {"c.csv": CASES, "a.csv": "auditor,team\n"},
     ["--cases", "1", "--auditors", "a.csv", "c.csv"],
     said("a.csv: no auditor: the list has a header and no auditor under it")),
    ("own team only", {"c.csv": "case,team\nA1,Alpha\nA2,Alpha\n", "a.csv": "auditor,team\nAnn,Alpha\nAl,Alpha\n"},
     ["--cases", "2", "--auditors", "a.csv", "c.csv"],
     said("no auditor may be given team 'Alpha''s 2 chosen cases: every auditor in a.csv is in team 'Alpha' or "
          "has capacity 0 (an auditor is never given their own team's cases); add an auditor from another team")),
    ("capacities too small", {"c.csv": CASES, "a.csv": "auditor,team,capacity\nAnn,Alpha,1\nBob,Beta,1\n"},
     ["--cases", "3", "--auditors", "a.csv", "c.csv"],
     said("the auditors in a.csv can take 2 cases in all (their capacities), fewer than the 3 chosen: raise a "
          "capacity, add an auditor, or choose fewer cases")),
    ("team full", {"c.csv": "case,team\nA1,Alpha\nA2,Alpha\nB1,Beta\n",
                   "a.csv": "auditor,team,capacity\nAnn,Alpha,\nBob,Beta,1\n"},
     ["--percent", "100", "--auditors", "a.csv", "c.csv"],
     said("team 'Alpha''s 2 chosen cases cannot all be allocated: the auditors in a.csv who may take them (every "
          "one not in team 'Alpha') are full (their capacities); raise a capacity, add an auditor from another "
          "team, or choose fewer cases")),
    ("audited not json", {"c.csv": CASES, "a.csv": AUDITORS, "r.jsonl": "{\"case\":\"A1\",\n"},
     ["--cases", "1", "--auditors", "a.csv", "--audited", "r.jsonl", "--not-audited-since-months", "3", "c.csv"],
     said("r.jsonl:1: not an audit record (a JSON object on one line): string or '}' expected near end of file; give audit "
          "records in JSON Lines, or a CSV file named .csv")),
    ("audited without date", {"c.csv": CASES, "a.csv": AUDITORS, "r.jsonl": "\n{\"case\":\"A1\"}\n"},
     ["--cases", "1", "--auditors", "a.csv", "--audited", "r.jsonl", "--not-audited-since-months", "3", "c.csv"],
     said("r.jsonl:2: the audit record has no \"date\" (a string): every record names its case and its date")),
    ("audited bad date", {"c.csv": CASES, "a.csv": AUDITORS, "r.csv": "case,date\nA1,1/2/2026\n"},
     ["--cases", "1", "--auditors", "a.csv", "--audited", "r.csv", "--not-audited-since-months", "3", "c.csv"],
     said("r.csv:2: the audit's date '1/2/2026' is not written YYYY-MM-DD, like 2026-03-02")),
    ("audited csv without date", {"c.csv": CASES, "a.csv": AUDITORS, "r.csv": "case,auditor\nA1,Ann\n"},
     ["--cases", "1", "--auditors", "a.csv", "--audited", "r.csv", "--not-audited-since-months", "3", "c.csv"],
     said("r.csv:1: the header has no 'date' column (also accepted: audit_date): its first row must name the "
          "columns (docs/grader.md, \"Choosing the cases\")")),
    ("case type not the rubric's", {"c.csv": "case,team,case_type\nA1,Alpha,cin\n", "a.csv": AUDITORS},
     ["--cases", "1", "--auditors", "a.csv", "--drafts", "d", "--rubric", RUBRIC, "c.csv"],
     said("c.csv:2: case 'A1' has case type 'cin', which rubric 'sample-round' does not know (its case "
          "types: CIN, CP, CLA): write the case type as the rubric does")),
]


def check_mistakes():
    for name, files, arguments, expected in BAD_INPUTS:
        work = tempfile.mkdtemp(prefix="sample-bad-")
        try:
            for file_name, text in files.items():
                with open(os.path.join(work, file_name), "wb") as out:
                    out.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            before = sorted(os.listdir(work))
            result = sample(arguments, cwd=work)
            if result.returncode != 2:
                fail("mistakes", name, "exit status %d, expected 2" % result.returncode)
            if result.stderr != expected:
                fail("mistakes", name, "stderr:\n%s expected:\n%s" % (result.stderr, expected))
            if result.stdout or sorted(os.listdir(work)) != before:
                fail("mistakes", name, "wrote something: %r, files %s" % (result.stdout[:80], os.listdir(work)))
        finally:
            shutil.rmtree(work)


# ------------------------------------------------------------- constraints

def quotas_possible(strata_sizes, wanted):
    """Every quota vector the largest remainder method may give (ties in any order)."""
    total = sum(strata_sizes.values())
    exact = {s: Fraction(wanted * n, total) for s, n in strata_sizes.items()}
    floor = {s: math.floor(x) for s, x in exact.items()}
    left = wanted - sum(floor.values())
    fractions = sorted({x - floor[s] for s, x in exact.items() if x - floor[s] > 0}, reverse=True)
    sure, ties, need = [], [], left
    for fraction in fractions:
        group = [s for s in exact if exact[s] - floor[s] == fraction]
        if len(group) <= need:
            sure += group
            need -= len(group)
        else:
            ties = group
            break
    outcomes = []
    import itertools
    for extra in itertools.combinations(sorted(ties), need) if need else [()]:
        quota = dict(floor)
        for s in sure + list(extra):
            quota[s] += 1
        outcomes.append(quota)
    return outcomes


def best_allocation(needs, auditors):
    """The least sum of squared loads over every allocation, or None: a search of all load vectors."""
    states = {tuple(0 for _ in auditors)}
    for team, count in sorted(needs.items()):
        for _ in range(count):
            grown = set()
            for loads in states:
                for index, (auditor_team, capacity) in enumerate(auditors):
                    if auditor_team != team and (capacity is None or loads[index] < capacity):
                        grown.add(loads[:index] + (loads[index] + 1,) + loads[index + 1:])
            states = grown
            if not states:
                return None
    return min(sum(load * load for load in loads) for loads in states)


def check_constraints(rounds=ROUNDS):
    draw = random.Random(2026)
    work = tempfile.mkdtemp(prefix="sample-constraints-")
    try:
        for round_number in range(rounds):
            teams = ["T%d" % t for t in range(draw.randint(1, 3))]
            types = ["X", "Y"][:draw.randint(1, 2)]
            count = draw.randint(1, 9)
            cases = [("C%02d" % i, draw.choice(teams), draw.choice(types)) for i in range(count)]
            auditors = []
            for a in range(draw.randint(1, 4)):
                capacity = draw.choice([None, None, draw.randint(0, 3)])
                auditors.append(("A%d" % a, draw.choice(teams + ["QA"]), capacity))
            audited = {c[0]: draw.choice(["2026-11-20", "2026-01-10"]) for c in cases if draw.random() < 0.3}
            recent = {c for c, date in audited.items() if date >= "2026-09-05"}
            eligible = [c for c in cases if c[0] not in recent]
            if not eligible:
                continue
            wanted = draw.randint(1, len(eligible))
            seed = draw.randrange(2 ** 64)
            with open(os.path.join(work, "c.csv"), "w") as out:
                out.write("case,team,case_type\n" + "".join("%s,%s,%s\n" % c for c in cases))
            with open(os.path.join(work, "a.csv"), "w") as out:
                out.write("auditor,team,capacity\n" + "".join(
                    "%s,%s,%s\n" % (n, t, "" if c is None else c) for n, t, c in auditors))
            with open(os.path.join(work, "r.jsonl"), "w") as out:
                out.write("".join(json.dumps({"case": c, "date": d}) + "\n" for c, d in audited.items()))
            arguments = ["--cases", str(wanted), "--auditors", "a.csv", "--seed", str(seed), "--audited", "r.jsonl",
                         "--not-audited-since-months", "3", "--today", "2026-12-05", "-q", "c.csv"]
            result = sample(arguments, cwd=work)
            name = "round %d (seed %d)" % (round_number, seed)
            sizes = Counter((t, k) for _, t, k in eligible)
            possible = quotas_possible(sizes, wanted)
            team_auditors = [(t, c) for _, t, c in auditors]

            def needs_of(quota):
                needs = Counter()
                for (team, _), n in quota.items():
                    needs[team] += n
                return needs
            feasible = [best_allocation(needs_of(q), team_auditors) is not None for q in possible]
            if result.returncode != 0:
                if all(feasible) or not any(phrase in result.stderr for phrase in ("cannot", "no auditor may", "can take")):
                    fail("constraints", name, "failed although it can be allocated: %s" % result.stderr)
                continue
            if not any(feasible):
                fail("constraints", name, "allocated what cannot be")
                continue
            rows = rows_of(result.stdout)
            by_case = {c[0]: c for c in cases}
            by_auditor = {n: (t, c) for n, t, c in auditors}
            quota = Counter((by_case[r["case"]][1], by_case[r["case"]][2]) for r in rows)
            if len(rows) != wanted or len({r["case"] for r in rows}) != wanted:
                fail("constraints", name, "%d rows for %d wanted" % (len(rows), wanted))
            if not any(all(quota[s] == q[s] for s in q) for q in possible):
                fail("constraints", name, "strata %s, not a largest-remainder share %s" % (dict(quota), possible))
            loads = Counter(r["auditor"] for r in rows)
            for r in rows:
                if r["case"] in recent:
                    fail("constraints", name, "%s was audited within 3 months" % r["case"])
                if r["team"] == r["auditor_team"] or by_auditor[r["auditor"]][0] != r["auditor_team"]:
                    fail("constraints", name, "%s given to %s of its own team" % (r["case"], r["auditor"]))
            for auditor, (_, capacity) in by_auditor.items():
                if capacity is not None and loads[auditor] > capacity:
                    fail("constraints", name, "%s over capacity" % auditor)
            best = best_allocation(needs_of(quota), team_auditors)
            if sum(n * n for n in loads.values()) != best:
                fail("constraints", name, "loads %s are not the most even (sum of squares %d)" % (dict(loads), best))
            again = sample(arguments, cwd=work) if round_number % 3 == 0 else result
            if again.stdout != result.stdout:
                fail("constraints", name, "the same seed gave another allocation")
    finally:
        shutil.rmtree(work)


# -------------------------------------------------------------- statistics

def check_statistics(seeds=ROUNDS):
    work = tempfile.mkdtemp(prefix="sample-statistics-")
    try:
        cases_path, auditors_path = os.path.join(work, "c.csv"), os.path.join(work, "a.csv")
        subprocess.run([sys.executable, os.path.join(HERE, "make_cases.py"), "1500", "6", cases_path, auditors_path,
                        "--seed", "3"], check=True)
        cases = rows_of(open(cases_path, encoding="utf-8").read())
        stratum_of = {c["case"]: (c["team"], c["case_type"]) for c in cases}
        sizes = Counter(stratum_of.values())
        wanted = 150
        chosen = Counter()
        per_stratum = defaultdict(int)
        outputs = set()
        for seed in range(seeds):
            result = sample(["--cases", str(wanted), "--auditors", auditors_path, "--seed", str(seed), "-q",
                             cases_path])
            if result.returncode != 0:
                fail("statistics", "seed %d" % seed, result.stderr)
                return
            outputs.add(result.stdout)
            rows = rows_of(result.stdout)
            counts = Counter(stratum_of[r["case"]] for r in rows)
            for stratum, size in sizes.items():
                exact = Fraction(wanted * size, len(cases))
                if counts[stratum] not in (math.floor(exact), math.ceil(exact)):
                    fail("statistics", "seed %d" % seed, "stratum %s got %d, its share is %s" %
                         (stratum, counts[stratum], float(exact)))
                per_stratum[stratum] += counts[stratum]
            chosen.update(r["case"] for r in rows)
        if len(outputs) != seeds:
            fail("statistics", "seeds", "%d seeds gave only %d different samples" % (seeds, len(outputs)))
        for stratum, size in sizes.items():
            share = per_stratum[stratum] / seeds
            exact = wanted * size / len(cases)
            if abs(share - exact) > 0.5:
                fail("statistics", "stratum %s" % (stratum,), "mean %.3f cases, proportion says %.3f" % (share, exact))
            p = per_stratum[stratum] / (seeds * size)
            sigma = math.sqrt(seeds * p * (1 - p)) if 0 < p < 1 else 0
            for case, its in stratum_of.items():
                if its != stratum:
                    continue
                if abs(chosen[case] - seeds * p) > 5 * sigma + 1:
                    fail("statistics", case, "chosen %d times in %d, expected %.1f (sd %.1f)" %
                         (chosen[case], seeds, seeds * p, sigma))
    finally:
        shutil.rmtree(work)


# ----------------------------------------------------------------- outputs

def check_outputs():
    work = tempfile.mkdtemp(prefix="sample-outputs-")
    try:
        for name in ("cases.csv", "auditors.csv"):
            shutil.copy(os.path.join(HERE, name), work)
        out = os.path.join(work, "out.csv")
        with open(out, "w") as kept:
            kept.write("kept\n")
        bad = sample(["--cases", "99", "--auditors", "auditors.csv", "-o", "out.csv", "cases.csv"], cwd=work)
        if bad.returncode != 2 or open(out).read() != "kept\n":
            fail("outputs", "-o on a mistake", "status %d, file %r" % (bad.returncode, open(out).read()))
        good = sample(["--cases", "4", "--auditors", "auditors.csv", "--seed", "5", "-o", "out.csv", "cases.csv"],
                      cwd=work)
        to_stdout = sample(["--cases", "4", "--auditors", "auditors.csv", "--seed", "5", "cases.csv"], cwd=work)
        if good.returncode != 0 or open(out).read() != to_stdout.stdout or len(rows_of(to_stdout.stdout)) != 4:
            fail("outputs", "-o", "status %d, the file and stdout differ" % good.returncode)
        if sorted(os.listdir(work)) != ["auditors.csv", "cases.csv", "out.csv"]:
            fail("outputs", "-o", "left %s" % os.listdir(work))
    finally:
        shutil.rmtree(work)


def main():
    check_golden()
    check_mistakes()
    check_outputs()
    check_constraints()
    check_statistics()
    for failure in failures:
        print("FAIL " + failure)
    if failures:
        print("sample: %d failures" % len(failures))
        sys.exit(1)
    print("sample: golden %d, mistakes %d, %d constraint rounds, %d seeds of statistics: all pass" %
          (len(GOLDEN), len(BAD_INPUTS), ROUNDS, ROUNDS))


if __name__ == "__main__":
    main()
