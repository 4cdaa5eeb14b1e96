#!/usr/bin/env python3
"""check_workbooks.py — `rubric-grade sample` with Excel workbooks
(runtime/cli/sample_read.c through runtime/lib/xlsx_rows.c; tests/sample.mk,
check-sample).

    /usr/bin/python3 tests/sample/check_workbooks.py RUBRIC_GRADE

The workbooks are written here by an independent writer, openpyxl
(Debian's python3-openpyxl): tests/sample's case list and auditors, with
the dates as Excel date cells, a first sheet that is not the list, a title
row starting with '#', and empty cells. Checked:
  - the allocation from the workbooks is the one from the CSV files, byte
    for byte, with the same seed (and the same note on stderr), and the
    audit records of --audited as a workbook leave out the same cases;
  - a workbook whose sheets have no case column, and a case listed twice:
    exit status 2 and the message naming the workbook, its sheet and the
    row by its number in the sheet;
  - a file that is not a workbook but is named .xlsx: its message;
  - the allocation written as a workbook (-o FILE.xlsx, --format xlsx),
    read back with openpyxl: the CSV allocation's rows, dates as date
    cells, the auditors' loads, the same bytes twice; and --format xlsx
    to standard output refused.
Prints one line per check and "sample-workbooks: N passed, M failed".
"""
import csv
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
GRADE = os.path.abspath(sys.argv[1])
passed = failed = 0


def check(name, good, detail=""):
    global passed, failed
    if good:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + (": " + detail if detail else ""))


def sample(arguments, cwd):
    return subprocess.run([GRADE, "sample"] + arguments, cwd=cwd, capture_output=True, text=True)


def as_cell(text):
    """A CSV cell as a spreadsheet holds it: dates as date cells, numbers as numbers, empty as nothing."""
    if text == "":
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    return int(text) if text.isdigit() else text


def csv_to_workbook(source, target):
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Read me"
    notes.append(["This workbook lists the cases open on the first of the month."])
    sheet = book.create_sheet("List")
    sheet.append(["# exported from the case management system"])
    with open(source, encoding="utf-8", newline="") as rows:
        for row in csv.reader(rows):
            sheet.append([as_cell(cell) for cell in row])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"     # a case reference like a formula is text, as typed with an apostrophe
    book.save(target)


def main():
    work = tempfile.mkdtemp(prefix="sample-workbooks-")
    try:
        for name in ("cases", "auditors", "audited"):
            shutil.copy(os.path.join(HERE, name + ".csv"), work)
            csv_to_workbook(os.path.join(HERE, name + ".csv"), os.path.join(work, name + ".xlsx"))
        arguments = ["--cases", "8", "--seed", "7"]
        from_csv = sample(arguments + ["--auditors", "auditors.csv", "cases.csv"], work)
        from_xlsx = sample(arguments + ["--auditors", "auditors.xlsx", "cases.xlsx"], work)
        check("the case list and auditors as workbooks: the CSV files' allocation, byte for byte",
              from_csv.returncode == 0 and from_xlsx.returncode == 0 and from_csv.stdout == from_xlsx.stdout
              and from_csv.stdout.count("\n") == 9,
              "status %d/%d\n%s%s" % (from_csv.returncode, from_xlsx.returncode, from_xlsx.stdout, from_xlsx.stderr))
        check("the same note on stderr", from_csv.stderr == from_xlsx.stderr.replace(".xlsx", ".csv"),
              from_xlsx.stderr)

        recent = ["--percent", "50", "--seed", "7", "--auditors", "auditors.csv", "--not-audited-since-months", "6",
                  "--today", "2026-12-05", "--audited"]
        from_csv = sample(recent + ["audited.csv", "cases.csv"], work)
        from_xlsx = sample(recent + ["audited.xlsx", "cases.csv"], work)
        check("--audited as a workbook: the same cases left out as with the CSV file",
              from_csv.returncode == 0 and from_csv.stdout == from_xlsx.stdout and
              from_csv.stderr == from_xlsx.stderr and "left out" in from_csv.stderr,
              "%d %s%s" % (from_xlsx.returncode, from_xlsx.stderr, from_csv.stderr))

        # the allocation as a workbook: -o FILE.xlsx, and --format xlsx (every case: the formula-like one too)
        arguments = ["--percent", "100", "--seed", "11"]
        from_csv = sample(arguments + ["--auditors", "auditors.csv", "cases.csv"], work)
        written = sample(arguments + ["--auditors", "auditors.csv", "-o", "chosen.xlsx", "cases.csv"], work)
        again = sample(arguments + ["--auditors", "auditors.csv", "--format", "xlsx", "-o", "again.bin",
                                    "cases.csv"], work)
        rows = []
        if written.returncode == 0:
            chosen = openpyxl.load_workbook(os.path.join(work, "chosen.xlsx"))
            check("the workbook's sheets", chosen.sheetnames == ["Allocation", "Auditors"], str(chosen.sheetnames))
            for row in chosen["Allocation"].iter_rows(values_only=True):
                rows.append(["" if value is None else value.date().isoformat() if isinstance(value, datetime.datetime)
                             else str(value) for value in row])
            loads = {row[0]: row[2] for row in chosen["Auditors"].iter_rows(min_row=2, values_only=True)}
            counted = {}
            for row in rows[1:]:
                counted[row[6]] = counted.get(row[6], 0) + 1
            check("Auditors: each auditor's cases, as many as Allocation gives them",
                  all(loads.get(name, 0) == count for name, count in counted.items()) and
                  sum(loads.values()) == len(rows) - 1, "%r %r" % (loads, counted))
        expected = list(csv.reader(from_csv.stdout.splitlines()))
        expected = [[cell[1:] if cell.startswith("'=") else cell for cell in row] for row in expected]
        check("-o FILE.xlsx: the allocation's rows, the dates as date cells, a formula-like case as its text",
              written.returncode == 0 and rows == expected and len(rows) == 21 and
              ['=HYPERLINK("x")', "2026-09-09", "2026-10-10"] == [rows[-1][0], rows[-1][4], rows[-1][5]], "status %d %s\n%r\n%r" % (
                  written.returncode, written.stderr, rows, expected))
        check("--format xlsx: the same workbook, byte for byte (no clock in it)", again.returncode == 0 and
              open(os.path.join(work, "again.bin"), "rb").read() == open(os.path.join(work, "chosen.xlsx"), "rb").read(),
              again.stderr)
        to_stdout = sample(arguments + ["--auditors", "auditors.csv", "--format", "xlsx", "cases.csv"], work)
        check("--format xlsx without -o: refused", to_stdout.returncode == 2 and to_stdout.stdout == "" and
              "an Excel workbook is not written to standard output: give -o FILE.xlsx" in to_stdout.stderr,
              to_stdout.stderr)

        # a workbook with no case column on any sheet
        book = openpyxl.Workbook()
        book.active.title = "Cases"
        book.active.append(["Reference number", "Team"])
        book.active.append(["C1", "Assessment"])
        book.save(os.path.join(work, "no-case.xlsx"))
        result = sample(["--cases", "1", "--auditors", "auditors.csv", "no-case.xlsx"], work)
        expected = ("rubric-grade sample: no-case.xlsx:Cases:1: the header has no 'case' column (also accepted: "
                    "case_reference, case_ref, case_id, reference): its first row must name the columns "
                    "(docs/grader.md, \"Choosing the cases\")\n")
        check("a workbook without a case column: the sheet and row named", result.returncode == 2 and
              result.stderr == expected, "status %d: %r" % (result.returncode, result.stderr))

        # rows named by their numbers in the sheet: a title row, the header, an empty row skipped
        book = openpyxl.Workbook()
        book.active.title = "Cases"
        for row in (["# open cases"], ["Case", "Team"], ["C1", "Assessment"], [], ["C2", "Assessment"],
                    ["C1", "Assessment"]):
            book.active.append(row)
        book.save(os.path.join(work, "twice.xlsx"))
        result = sample(["--cases", "1", "--auditors", "auditors.csv", "twice.xlsx"], work)
        expected = ("rubric-grade sample: twice.xlsx:Cases:6: case 'C1' is listed twice (first on line 3): "
                    "list each case once\n")
        check("a case listed twice: the sheet's row numbers", result.returncode == 2 and result.stderr == expected,
              "status %d: %r" % (result.returncode, result.stderr))

        with open(os.path.join(work, "not-a-book.xlsx"), "w", encoding="utf-8") as text:
            text.write("case,team\nC1,Assessment\n")
        result = sample(["--cases", "1", "--auditors", "auditors.csv", "not-a-book.xlsx"], work)
        expected = ("rubric-grade sample: not-a-book.xlsx:1: not an Excel workbook: it cannot be opened as a zip "
                    "archive (an .xlsx file is one; standard input cannot be read as one: name the file)\n")
        check("a file named .xlsx that is not a workbook", result.returncode == 2 and result.stderr == expected,
              "status %d: %r" % (result.returncode, result.stderr))
    finally:
        shutil.rmtree(work)
    print("sample-workbooks: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
