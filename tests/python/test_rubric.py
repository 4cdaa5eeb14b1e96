"""test_rubric.py — the Python binding (python/rubric) against rubric-grade.

Run by tests/python.mk (check-python) with Debian's python3 and these
environment variables:
  RUBRIC_LIBRARY   the shared library built (librubric.so.MAJOR)
  RUBRIC_GRADE     the rubric-grade program built beside it
  RUBRIC_RUBRICS   the folder of the shipped rubrics' JSON
  RUBRIC_SCRATCH   a folder the install test may fill

For every sample audit file (examples/*.jsonl, and the worked examples of
format 2 in tests/runtime/v2/) it grades each line with the binding, once
as the line's text and once as the dict json.loads makes of it, and
compares the result with rubric-grade's record for that line, field for
field (less "input" and "line"): a result equals the record, an error has
the record's message and case. Then the errors: a rubric that is not JSON
(with its line and column), a missing file, a rubric the grader refuses,
audits of every kind of fault. Last, `pip install --target` of python/
offline, and the package imported from there.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "python"))

import rubric  # noqa: E402

GRADE = os.environ.get("RUBRIC_GRADE", os.path.join(ROOT, "build", "rubric-grade"))
RUBRICS = os.environ.get("RUBRIC_RUBRICS", os.path.join(ROOT, "build", "rubrics"))


def rubric_for(audits, rubric_files):
    """The rubric whose id the audit file names, or None."""
    with open(audits, encoding="utf-8") as handle:
        text = handle.read()
    for path in rubric_files:
        with open(path, encoding="utf-8") as handle:
            rubric_id = json.load(handle)["id"]
        if '"%s"' % rubric_id in text:
            return path
    return None


def sample_pairs():
    """(audit file, rubric file) for every JSON Lines sample."""
    shipped = sorted(glob.glob(os.path.join(RUBRICS, "*.json")))
    worked = sorted(glob.glob(os.path.join(ROOT, "tests", "runtime", "v2", "rubrics", "*.json")))
    pairs = []
    for audits in sorted(glob.glob(os.path.join(ROOT, "examples", "*.jsonl"))):
        pairs.append((audits, rubric_for(audits, shipped)))
    for audits in sorted(glob.glob(os.path.join(ROOT, "tests", "runtime", "v2", "*.jsonl"))):
        pairs.append((audits, rubric_for(audits, worked)))
    return [(audits, rubric_file) for audits, rubric_file in pairs if rubric_file]


def cli_records(rubric_file, audits):
    """rubric-grade's records for a file, by line number, less input and line."""
    run = subprocess.run([GRADE, "--rubric", rubric_file, "--quiet", audits], stdout=subprocess.PIPE, check=False)
    if run.returncode not in (0, 1):
        raise AssertionError("rubric-grade %s: exit %d" % (audits, run.returncode))
    records = {}
    for line in run.stdout.decode("utf-8").splitlines():
        record = json.loads(line)
        number = record.pop("line")
        record.pop("input")
        records[number] = record
    return records


class SameAsTheCommandLine(unittest.TestCase):
    def test_shipped_rubrics_load(self):
        shipped = sorted(glob.glob(os.path.join(RUBRICS, "*.json")))
        self.assertGreaterEqual(len(shipped), 2)
        for path in shipped:
            with rubric.Grader(path) as grader:
                with open(path, encoding="utf-8") as handle:
                    self.assertEqual(grader.id, json.load(handle)["id"])
                self.assertTrue(grader.criterion_ids)
            with open(path, encoding="utf-8") as handle:  # the same from text
                self.assertEqual(rubric.Grader(handle.read()).id, grader.id)

    def test_every_sample_audit(self):
        pairs = sample_pairs()
        self.assertGreaterEqual(len(pairs), 4, "sample audit files with their rubrics")
        graded = failed = 0
        for audits, rubric_file in pairs:
            expected = cli_records(rubric_file, audits)
            grader = rubric.Grader(rubric_file)
            with open(audits, encoding="utf-8") as handle:
                lines = handle.read().split("\n")
            seen = set()
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                seen.add(number)
                where = "%s:%d" % (os.path.relpath(audits, ROOT), number)
                record = expected.get(number)
                self.assertIsNotNone(record, where + ": rubric-grade wrote no record")
                forms = [("text", line)]
                try:
                    forms.append(("dict", json.loads(line)))
                except ValueError:
                    pass
                for form, audit in forms:
                    with self.subTest(where=where, form=form):
                        if "error" in record:
                            with self.assertRaises(rubric.AuditError) as caught:
                                grader.grade(audit)
                            self.assertEqual(caught.exception.message, record["error"])
                            self.assertEqual(caught.exception.case, record["case"])
                            got = list(grader.grade_many([audit], errors="record"))
                            self.assertEqual(got, [record])
                        else:
                            self.assertEqual(grader.grade(audit), record)
                failed += "error" in record
                graded += "error" not in record
            self.assertEqual(seen, set(expected), audits + ": the records' lines")
        self.assertGreater(graded, 20)
        self.assertGreater(failed, 3)

    def test_grade_many_in_order(self):
        path = os.path.join(RUBRICS, "london-borough-case-audit-gradings.json")
        with open(os.path.join(ROOT, "examples", "london-borough-audits.jsonl"), encoding="utf-8") as handle:
            lines = [line for line in handle if line.strip()]
        grader = rubric.Grader(path)
        results = list(grader.grade_many(lines, errors="record"))
        self.assertEqual(len(results), len(lines))
        self.assertEqual(results[0]["case"], "SAMPLE-LB-001")
        with self.assertRaises(rubric.AuditError):
            list(grader.grade_many(lines))


class Errors(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="rubric-python-")

    def write(self, name, text):
        path = os.path.join(self.scratch, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path

    def test_rubric_not_json(self):
        path = self.write("broken.json", '{\n  "format_version": 2,\n  "id": x\n}\n')
        with self.assertRaises(rubric.RubricError) as caught:
            rubric.Grader(path)
        self.assertEqual((caught.exception.line, caught.exception.column), (3, 9))
        self.assertIn("invalid JSON", caught.exception.message)
        self.assertTrue(caught.exception.message.startswith(path + ":3:9: "))

    def test_rubric_missing(self):
        with self.assertRaises(rubric.RubricError) as caught:
            rubric.Grader(os.path.join(self.scratch, "none.json"))
        self.assertIn("unable to open", caught.exception.message)
        self.assertIsNone(caught.exception.line)

    def test_rubric_refused(self):
        for path in sorted(glob.glob(os.path.join(ROOT, "tests", "runtime", "bad-rubrics", "*.json"))):
            with self.subTest(path=os.path.basename(path)):
                run = subprocess.run([GRADE, "--rubric", path, os.devnull], stderr=subprocess.PIPE, check=False)
                with self.assertRaises(rubric.RubricError) as caught:
                    rubric.Grader(path)
                self.assertEqual(run.returncode, 2)
                # rubric-grade says "rubric-grade: unusable rubric: " and the library's message
                self.assertIn(caught.exception.message, run.stderr.decode("utf-8"))

    def test_bad_audits(self):
        grader = rubric.Grader(os.path.join(RUBRICS, "london-borough-case-audit-gradings.json"))
        cases = [
            ({"case": "C1", "grades": {"no-such-criterion": "G"}}, "unknown criterion 'no-such-criterion'"),
            ({"case": "C2", "grades": []}, "grades"),
            ("[1, 2]", "object"),
            ('{"case": "C3", "grades": {', "malformed JSON"),
            ({"case": "C4", "grades": {"x": object()}}, "not an audit as JSON"),
        ]
        for audit, words in cases:
            with self.subTest(audit=str(audit)):
                with self.assertRaises(rubric.AuditError) as caught:
                    grader.grade(audit)
                self.assertIn(words, caught.exception.message)
        with self.assertRaises(rubric.AuditError) as caught:
            grader.grade({"case": "C5", "rubric": "another-rubric", "grades": {"x": "G"}})
        self.assertEqual(caught.exception.case, "C5")
        self.assertIn("the audit is for rubric 'another-rubric'", caught.exception.message)
        self.assertNotIn(";", caught.exception.message)  # that problem alone
        with self.assertRaises(ValueError):
            list(grader.grade_many([], errors="ignore"))


class Install(unittest.TestCase):
    def test_pip_install_offline(self):
        scratch = os.environ.get("RUBRIC_SCRATCH") or tempfile.mkdtemp()
        target = os.path.join(scratch, "site")
        source = os.path.join(scratch, "python")   # a copy: a build leaves build/ and *.egg-info behind
        subprocess.run(["rm", "-rf", target, source], check=True)
        shutil.copytree(os.path.join(ROOT, "python"), source,
                        ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
        run = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps",
                              "--no-build-isolation", "--target", target, source],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=self_scratch(), check=False)
        self.assertEqual(run.returncode, 0, run.stdout.decode("utf-8", "replace"))
        self.assertTrue(os.path.exists(os.path.join(target, "rubric", "__init__.py")))
        check = subprocess.run([sys.executable, "-c",
                                "import rubric, sys; print(rubric.__file__); print(rubric.api_version())"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False,
                               env=dict(os.environ, PYTHONPATH=target,
                                        RUBRIC_LIBRARY=os.path.abspath(os.environ["RUBRIC_LIBRARY"])),
                               cwd=self_scratch())
        output = check.stdout.decode("utf-8", "replace")
        self.assertEqual(check.returncode, 0, output)
        self.assertTrue(output.startswith(target), output)
        self.assertIn("20000", output)


def self_scratch():
    """A folder outside the source tree, so `import rubric` finds only the installed copy."""
    return tempfile.gettempdir()


if __name__ == "__main__":
    unittest.main()
