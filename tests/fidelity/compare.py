"""compare.py — shared helpers for the fidelity tests (tests/fidelity/seed*.py).

A fidelity test checks that a compiled rubric holds exactly the words of an
authority's source document: every paragraph of every cell, at the right
criterion and level, and nothing the source lacks. The seed-specific part of
each test reads its source document and says what each cell should hold; the
helpers here do the rest. Python 3 standard library only.

Interface (everything else in this file is private):

  normalise(text) -> str
      Runs of whitespace (spaces, tabs, newlines, no-break spaces) become one
      space; leading and trailing whitespace and a leading bullet marker
      ("- ", "* ", "· ", "• ") go.

  split_paragraphs(text) -> list[str]
      The paragraphs and bullet items of a compiled prose text (the "text"
      form of the JSON: blocks separated by a blank line, list items on lines
      of their own starting "- "), each normalised. Empty ones are dropped.

  compile_rubric(rubricc, rubric_path) -> dict
      Runs `rubricc --emit json -o TMPDIR RUBRIC` and returns the parsed JSON.
      Raises CompileError (with the compiler's output) when it fails.

  Report()
      Collects differences. report.compare(where, expected, actual) compares
      two lists of paragraphs (expected from the source, actual from the
      compiled rubric; both normalised) and records what is missing, what is
      extra and, for a paragraph that changed, the words that differ.
      report.add(where, message) records any other difference.
      report.differences is the list of messages; report.print(stream)
      prints them; len(report) counts them.

"where" is a short human-readable location such as
"section 2 [strategy-s47] / criterion s47-risk / level G".
"""

import difflib
import json
import os
import re
import subprocess
import sys
import tempfile

__all__ = ["normalise", "split_paragraphs", "compile_rubric", "CompileError", "Report"]

_BULLET = re.compile(r"^(?:[-*·•])\s+")


def normalise(text):
    """One space for every run of whitespace; no bullet marker in front."""
    text = " ".join(text.split())
    return _BULLET.sub("", text)


def split_paragraphs(text):
    """The normalised paragraphs and bullet items of a compiled prose text."""
    if text is None:
        return []
    out = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith("- ") for line in lines):
            out.extend(normalise(line) for line in lines)
        else:
            out.append(normalise(block))
    return [p for p in out if p]


class CompileError(Exception):
    """rubricc failed: the message holds its exit status and output."""


def compile_rubric(rubricc, rubric_path):
    """Compile RUBRIC_PATH to JSON with RUBRICC and return the parsed JSON."""
    with tempfile.TemporaryDirectory(prefix="fidelity-") as out_dir:
        proc = subprocess.run(
            [rubricc, "--emit", "json", "-o", out_dir, rubric_path],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            universal_newlines=True)
        if proc.returncode != 0:
            raise CompileError("%s exited with status %d\n%s%s" % (
                rubricc, proc.returncode, proc.stdout, proc.stderr))
        names = sorted(n for n in os.listdir(out_dir) if n.endswith(".json"))
        if len(names) != 1:
            raise CompileError("%s wrote %d JSON files, expected one: %s" % (
                rubricc, len(names), ", ".join(names)))
        with open(os.path.join(out_dir, names[0]), encoding="utf-8") as f:
            return json.load(f)


def _word_changes(expected, actual):
    """The words removed (-) and added (+) between two paragraphs."""
    changes = []
    for token in difflib.ndiff(expected.split(), actual.split()):
        if token[:2] in ("- ", "+ "):
            changes.append(token[:2] + repr(token[2:]))
    return changes


class Report:
    """The differences found, each a one-line (or few-line) message."""

    def __init__(self):
        self.differences = []

    def __len__(self):
        return len(self.differences)

    def add(self, where, message):
        self.differences.append("%s: %s" % (where, message))

    def compare(self, where, expected, actual):
        """Compare two lists of normalised paragraphs; record what differs.

        Returns True when they are the same, in the same order."""
        if expected == actual:
            return True
        missing = list(expected)
        extra = []
        for paragraph in actual:
            if paragraph in missing:
                missing.remove(paragraph)
            else:
                extra.append(paragraph)
        if not missing and not extra:
            self.add(where, "paragraphs in a different order\n"
                     "    source:   %r\n    compiled: %r" % (expected, actual))
            return False
        # Pair each missing paragraph with its nearest extra one, so that a
        # changed word is reported as such rather than as two paragraphs.
        unpaired_extra = list(extra)
        for paragraph in missing:
            best, best_ratio = None, 0.0
            for candidate in unpaired_extra:
                ratio = difflib.SequenceMatcher(
                    None, paragraph.split(), candidate.split()).ratio()
                if ratio > best_ratio:
                    best, best_ratio = candidate, ratio
            if best is not None and best_ratio >= 0.6:
                unpaired_extra.remove(best)
                self.add(where, "paragraph differs from the source: %s\n"
                         "    source:   %r\n    compiled: %r" % (
                             " ".join(_word_changes(paragraph, best)),
                             paragraph, best))
            else:
                self.add(where, "missing (in the source, not in the rubric): %r"
                         % paragraph)
        for paragraph in unpaired_extra:
            self.add(where, "extra (in the rubric, not in the source): %r"
                     % paragraph)
        return False

    def print(self, stream=sys.stdout):
        for message in self.differences:
            print(message, file=stream)
