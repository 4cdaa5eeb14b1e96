#!/usr/bin/env python3
"""seed002.py — fidelity test of the Waltham Forest rubric against its source.

The source (seeds/002_*.txt) is the PDF text of Waltham Forest's "Grading
Criteria – case audits of Safeguarding, Corporate Parenting and Disability
Enablement Service". Its tables have five columns — criterion name,
O (Outstanding), G (Good), R (Requires Improvement), I (Inadequate) — and the
extraction interleaves them line by line, a tab between the fragments of one
line. In each table the O, R and I cells are written once for the whole
section; the G column holds one statement per criterion, starting on the line
where the criterion's name starts.

This script derives every column of every table from the source text itself,
then compiles the rubric and checks that:

  (a) each section's section-wide O, R and I statements, and every
      criterion's effective O, R and I descriptor, equal the concatenated
      O, R and I columns of its table;
  (b) the concatenation of the section's criteria's effective G descriptors,
      in order, equals the table's G column, and each criterion's G statement
      starts on the source line where its name starts;
  (c) the concatenation of the criteria's titles equals the name column;
  (d) the sections, their numbers and titles are those of the source; the
      one table the source leaves untitled has a title and a
      "title_supplied" note saying the title is not the authority's, and
      every other section has none (its title is the source's own); and the
      scale is the source's O, G, R, I;

all after normalising whitespace. Words split across two lines are rejoined
(table SPLIT_WORDS below). Any difference is reported with its section,
criterion, level and text, and the script exits 1.

How a line's fragments are assigned to columns
----------------------------------------------
A table's first page has all five columns, so a line's fragments are
positional: fragment i belongs to column i (a leading tab marks an empty name
column, two tabs an empty O column, ...). After a page break (a blank line)
the O, R and I cells have often ended and only the name and the G column go
on; the extraction then writes just "name<TAB>G" (sometimes with an extra
leading or trailing tab). The first line after a page break decides: if it
has two or more non-empty fragments besides the name, the five-column layout
goes on; otherwise the rest of the table is "name and G only", where the
first fragment is the name and the single other non-empty fragment is G.

Irregularities of this source, each handled by a table below:
  SPLIT_WORDS    words split across two lines of one column;
  OVERLAPS       text the extraction wrote twice (section 5's first row is a
                 whole cell on one line, and the next line repeats that
                 cell's last line);
  HEADING_JOINS  headings broken by tabs inside words ("DIS<TAB>CUSSION").
Each entry must be used exactly once; an unused entry is reported (the
source has changed or the table is wrong).

Usage:
  seed002.py --rubricc build/rubricc --seed ../shared/seeds/002_….txt
             [--rubric rubrics/waltham-forest-case-audit-grading-criteria.rubric]
             [--self-test] [--dump]
  --dump       print the columns derived from the source and exit
  --self-test  also check that the comparison catches one changed word
Exit status: 0 the rubric matches its source, 1 differences (or the
self-test failed), 2 bad usage or the rubric does not compile.
"""

import argparse
import copy
import difflib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import CompileError, Report, compile_rubric, normalise  # noqa: E402

RUBRIC = "rubrics/waltham-forest-case-audit-grading-criteria.rubric"
COLUMNS = ("name", "O", "G", "R", "I")

# Words split across two lines of one column: (end of the first line's
# fragment, start of the next line's fragment). These join with no space.
SPLIT_WORDS = {
    ("Acknowledgem", "ent"),
}

# Text written twice by the extraction: (section number, column, text).
# When a column's text so far ends with TEXT and the next fragment of that
# column starts with the same TEXT, the repeat is dropped.
OVERLAPS = [
    ("5", "O", "needs."),
    ("5", "G", "and explored as part of the assessment."),
]

# Heading fragments broken inside a word: (end of one fragment, start of the
# next) -> the word. Other heading fragments join with a space.
HEADING_JOINS = {
    ("DIS", "CUSSION/"): "DISCUSSION/",
    ("INVESTIGA", "ATION"): "INVESTIGATION",   # the extraction repeats the A
    ("ANAL", "YSIS"): "ANALYSIS",
}

HEADING = re.compile(r"^(\d+)[.:]\s*(.*)$")
TABLE_HEADER = "Criteria\tO: Outstanding"

SCALE = [("O", "Outstanding"), ("G", "Good"), ("R", "Requires Improvement"),
         ("I", "Inadequate")]


class SeedError(Exception):
    """The source does not have the layout this script understands."""


class Used:
    """Counts the uses of the entries of an exception table."""

    def __init__(self, name, entries):
        self.name = name
        self.count = {entry: 0 for entry in entries}

    def use(self, entry):
        self.count[entry] += 1

    def check(self, report):
        for entry, n in self.count.items():
            if n != 1:
                report.add("source", "%s entry %r used %d times, expected once"
                           % (self.name, entry, n))


class Column:
    """One column of one table: its fragments in order, with line numbers."""

    def __init__(self):
        self.fragments = []          # [(line number, text)]

    def add(self, line_no, text):
        text = " ".join(text.split())
        if text:
            self.fragments.append((line_no, text))


def join_fragments(fragments, split_words):
    """The text of a column: fragments joined by a space, or by nothing
    where a word is split across two lines (SPLIT_WORDS)."""
    out = ""
    for _, text in fragments:
        if not out:
            out = text
            continue
        last = out.split()[-1]
        first = text.split()[0]
        if (last, first) in SPLIT_WORDS:
            split_words.use((last, first))
            out += text
        else:
            out += " " + text
    return out


class Table:
    def __init__(self, number, title, line_no):
        self.number = number         # "1" … or None for the untitled table
        self.title = title           # heading text, None when untitled
        self.line_no = line_no       # line of the heading or header
        self.columns = {c: Column() for c in COLUMNS}
        self.texts = {}              # column -> joined text

    def label(self):
        return "section %s" % (self.number or "(untitled, line %d)" % self.line_no)


class Tables(list):
    """The source's tables, in order; document_title is its first line."""
    document_title = ""


def heading_title(fragments, heading_joins):
    out = ""
    for text in fragments:
        text = " ".join(text.split())
        if not text:
            continue
        if not out:
            out = text
            continue
        last, first = out.split()[-1], text.split()[0]
        if (last, first) in HEADING_JOINS:
            heading_joins.use((last, first))
            out = out[:len(out) - len(last)] + HEADING_JOINS[(last, first)] \
                + text[len(first):]
        else:
            out += " " + text
    return out


def parse_seed(path, report):
    """The source's tables, each with its five columns' fragments."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    split_words = Used("SPLIT_WORDS", SPLIT_WORDS)
    overlaps = Used("OVERLAPS", OVERLAPS)
    heading_joins = Used("HEADING_JOINS", HEADING_JOINS.keys())

    tables = Tables()
    document_title = []
    pending = None                   # heading seen, header not yet
    table = None
    mode = "full"
    decide = False
    for index, raw in enumerate(lines):
        line_no = index + 1
        if not raw.strip():
            if table is not None:
                decide = True        # a page break: look at the next line
            continue
        match = HEADING.match(raw)
        if match:
            frags = raw.split("\t")
            first = HEADING.match(frags[0])
            pending = (match.group(1),
                       heading_title([first.group(2)] + frags[1:], heading_joins),
                       line_no)
            table = None
            continue
        if raw.startswith(TABLE_HEADER):
            if pending is not None:
                table = Table(pending[0], pending[1], pending[2])
            else:
                table = Table(None, None, line_no)
            pending = None
            tables.append(table)
            mode, decide = "full", False
            continue
        if table is None and pending is None and not tables:
            document_title.append(raw)   # the document's title line
            continue
        if table is None:
            raise SeedError("line %d: text outside any table" % line_no)
        frags = raw.split("\t")
        if [f.strip() for f in frags if f.strip()] == ["Improvement"] \
                and len(frags) > 3 and frags[3].strip() == "Improvement":
            continue                 # second line of "R: Requires Improvement"
        others = [(i, f) for i, f in enumerate(frags) if i > 0 and f.strip()]
        if decide:
            if len(others) < 2:
                mode = "g-only"
            decide = False
        if mode == "full":
            if any(f.strip() for f in frags[5:]):
                raise SeedError("line %d: more than five columns" % line_no)
            cells = list(enumerate(frags[:5]))
        else:
            if len(others) > 1:
                raise SeedError("line %d: two fragments besides the name in "
                                "the name-and-G layout" % line_no)
            cells = [(0, frags[0])] + [(2, f) for _, f in others]
        for i, text in cells:
            column = COLUMNS[i]
            text = " ".join(text.split())
            for entry in OVERLAPS:
                number, col, repeat = entry
                if number == table.number and col == column \
                        and text.startswith(repeat) and table.columns[column].fragments \
                        and table.columns[column].fragments[-1][1].endswith(repeat):
                    overlaps.use(entry)
                    text = text[len(repeat):]
            table.columns[column].add(line_no, text)
    for t in tables:
        for c in COLUMNS:
            t.texts[c] = join_fragments(t.columns[c].fragments, split_words)
    for used in (split_words, overlaps, heading_joins):
        used.check(report)
    tables.document_title = " ".join(document_title)
    return tables


# ------------------------------------------------------------- comparison

def locate(boundaries, word_index):
    """The criterion a word of a concatenation belongs to."""
    for start, end, cid in boundaries:
        if start <= word_index < end:
            return cid
    return boundaries[-1][2] if boundaries else "?"


def compare_concatenation(report, where, expected, parts):
    """Compare a source column with the concatenation of PARTS
    [(criterion id, text)], reporting each difference at its criterion."""
    words_exp = normalise(expected).split()
    boundaries = []
    words_act = []
    for cid, text in parts:
        w = normalise(text or "").split()
        boundaries.append((len(words_act), len(words_act) + len(w), cid))
        words_act.extend(w)
    if words_exp == words_act:
        return True
    matcher = difflib.SequenceMatcher(None, words_exp, words_act, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        cid = locate(boundaries, j1 if j1 < len(words_act) else len(words_act) - 1)
        context = " ".join(words_exp[max(0, i1 - 5):i1])
        msg = []
        if i2 > i1:
            msg.append("missing (in the source, not in the rubric): %r"
                       % " ".join(words_exp[i1:i2]))
        if j2 > j1:
            msg.append("extra (in the rubric, not in the source): %r"
                       % " ".join(words_act[j1:j2]))
        report.add(where if cid is None else "%s / criterion %s" % (where, cid),
                   "; ".join(msg) + " (after %r)" % context)
    return False


def eff_text(criterion, level):
    effective = criterion.get("effective") or {}
    entry = effective.get(level)
    return entry.get("text") if entry else None


def prose_text(value):
    return value.get("text") if isinstance(value, dict) else value


def check(rubric, tables, report):
    """Compare the compiled rubric (parsed JSON) with the source's tables."""
    heading = "%s %s" % (rubric.get("title"), rubric.get("authority"))
    if normalise(heading) != normalise(tables.document_title):
        report.add("rubric", "title and authority: source %r, compiled %r"
                   % (tables.document_title, heading))
    scale = [(lv.get("code"), lv.get("label")) for lv in rubric.get("scale", [])]
    if scale != SCALE:
        report.add("scale", "expected %r, compiled %r" % (SCALE, scale))
    sections = rubric.get("sections", [])
    if len(sections) != len(tables):
        report.add("rubric", "%d tables in the source, %d sections compiled"
                   % (len(tables), len(sections)))
    for table, section in zip(tables, sections):
        where = "section %s [%s]" % (section.get("number"), section.get("id"))
        title = section.get("title") or ""
        supplied = prose_text(section.get("title_supplied")) or ""
        if table.number is not None:
            if section.get("number") != table.number:
                report.add(where, "number: source %r, compiled %r"
                           % (table.number, section.get("number")))
            if normalise(title) != normalise(table.title):
                report.add(where, "title: source %r, compiled %r"
                           % (table.title, title))
            if section.get("title_supplied") is not None:
                report.add(where, "the source titles this table %r; the compiled "
                           "section says its title is supplied (%r)"
                           % (table.title, supplied))
        elif not title.strip():
            report.add(where, "the source leaves this table (line %d) untitled; "
                       "the compiled section has no title saying what it holds"
                       % table.line_no)
        elif not supplied.strip():
            report.add(where, "the source leaves this table (line %d) untitled; "
                       "the compiled title %r has no 'title_supplied' note saying "
                       "it is not the authority's" % (table.line_no, title))
        criteria = section.get("criteria", [])
        wide = section.get("section_wide") or {}
        for level in ("O", "R", "I"):
            expected = table.texts[level]
            got = prose_text(wide.get(level)) or ""
            if normalise(got) != normalise(expected):
                compare_concatenation(report, where + " / section-wide / level "
                                      + level, expected, [(None, got)])
            for c in criteria:
                # A criterion that takes the section-wide text is checked
                # with it (reported once, above); one that differs from it
                # is checked on its own.
                text = eff_text(c, level)
                if normalise(text or "") != normalise(got) \
                        and normalise(text or "") != normalise(expected):
                    compare_concatenation(
                        report, where + " / level " + level, expected,
                        [(c.get("id"), text)])
        compare_concatenation(report, where + " / level G", table.texts["G"],
                              [(c.get("id"), eff_text(c, "G")) for c in criteria])
        compare_concatenation(report, where + " / titles", table.texts["name"],
                              [(c.get("id"), c.get("title")) for c in criteria])
        check_alignment(report, where, table, criteria)


def fragment_starts(fragments):
    """Word offset -> line number, for each fragment's first word."""
    starts = {}
    offset = 0
    for line_no, text in fragments:
        starts[offset] = line_no
        offset += len(text.split())
    return starts


def check_alignment(report, where, table, criteria):
    """Each criterion's G statement starts on the line where its name does.

    Only checked where the columns match word for word (differences are
    reported above) and where the title starts a name fragment (the merged
    first row of section 5 holds two titles in one fragment)."""
    name_starts = fragment_starts(table.columns["name"].fragments)
    g_starts = fragment_starts(table.columns["G"].fragments)
    # Word counts with split words rejoined differ from the fragments' counts
    # only in the name column ("Acknowledgem" "ent"), after the split; count
    # positions on the fragments themselves.
    t_off = g_off = 0
    name_words = " ".join(t for _, t in table.columns["name"].fragments).split()
    g_words = " ".join(t for _, t in table.columns["G"].fragments).split()
    for c in criteria:
        title = normalise(c.get("title") or "").split()
        g = normalise(eff_text(c, "G") or "").split()
        if name_words[t_off:t_off + len(title)] != title \
                or g_words[g_off:g_off + len(g)] != g:
            return                   # a difference already reported
        if t_off in name_starts:
            line = name_starts[t_off]
            if g_starts.get(g_off) != line:
                report.add("%s / criterion %s / level G" % (where, c.get("id")),
                           "its name starts on source line %d, its G statement "
                           "%s" % (line, "on line %d" % g_starts[g_off]
                                   if g_off in g_starts else
                                   "in the middle of a line"))
        t_off += len(title)
        g_off += len(g)


def mutate(rubric):
    """A copy of RUBRIC with one word of one G descriptor changed."""
    changed = copy.deepcopy(rubric)
    for section in changed.get("sections", []):
        for c in section.get("criteria", []):
            entry = (c.get("effective") or {}).get("G")
            if entry and entry.get("text"):
                words = entry["text"].split(" ")
                words[len(words) // 2] = "mutated"
                entry["text"] = " ".join(words)
                return changed, section.get("id"), c.get("id")
    raise SystemExit("self-test: no G descriptor to mutate")


def dump(tables):
    for t in tables:
        print("=" * 72)
        print("%s: %s" % (t.label(), t.title))
        for c in COLUMNS:
            print("--- %s" % c)
            for line_no, text in t.columns[c].fragments:
                print("  %4d  %s" % (line_no, text))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rubricc", default="build/rubricc")
    parser.add_argument("--seed", required=True)
    parser.add_argument("--rubric", default=RUBRIC)
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--dump", action="store_true")
    args = parser.parse_args(argv)

    report = Report()
    try:
        tables = parse_seed(args.seed, report)
    except (OSError, SeedError) as e:
        print("seed002: %s" % e, file=sys.stderr)
        return 2
    if args.dump:
        dump(tables)
        report.print(sys.stderr)
        return 0
    try:
        rubric = compile_rubric(args.rubricc, args.rubric)
    except (OSError, CompileError) as e:
        print("seed002: %s" % e, file=sys.stderr)
        return 2
    check(rubric, tables, report)

    status = 0
    if len(report):
        report.print(sys.stdout)
        print("seed002: %d difference(s) between %s and %s"
              % (len(report), args.rubric, args.seed))
        status = 1
    else:
        n_criteria = sum(len(s.get("criteria", [])) for s in rubric["sections"])
        print("seed002: %s matches its source: %d sections, %d criteria"
              % (args.rubric, len(rubric["sections"]), n_criteria))

    if args.self_test:
        mutated, sid, cid = mutate(rubric)
        probe = Report()
        check(mutated, tables, probe)
        hits = [m for m in probe.differences if cid in m and "mutated" in m]
        if hits and len(probe) > len(report):
            print("seed002: self-test passed: a changed word in %s/%s is "
                  "reported" % (sid, cid))
        else:
            print("seed002: self-test FAILED: a changed word in %s/%s went "
                  "unreported" % (sid, cid))
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
