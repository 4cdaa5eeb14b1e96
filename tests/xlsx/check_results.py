#!/usr/bin/env python3
"""check_results.py — rubric-grade --format xlsx, the results workbook
(runtime/cli/results_xlsx.c), read back by openpyxl (tests/xlsx.mk,
check-xlsx).

  python3 tests/xlsx/check_results.py --grader build/rubric-grade --rubrics BUILD/rubrics --out DIR

Checked against rubric-grade's own JSON Lines records and --summary of the
same inputs (the London borough's sample audits, JSON Lines and CSV,
with their deliberate mistakes):
  - the Results sheet: a row per record in order, each graded record's
    case, date, overall grade and every section and criterion grade as
    the JSON records have them, each failed record's error word for word;
  - the Summary sheet: records graded and failed and every count of the
    overall distribution as --summary has them; two native charts; a
    rubric's targets (tests/report/fixtures/targets.json, one met, two
    not), each with its level, share, counts and verdict as --summary has
    them;
  - a case reference that reads as a formula is a text cell, kept exactly;
  - the workbook is replaced whole: a run that fails leaves the old file;
  - usage: --format xlsx without -o, or to standard output, is refused.
Prints one line per check and "xlsx-results: N passed, M failed".
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import zipfile

import openpyxl

from checks import report as checks_report


def run(command):
    return subprocess.run(command, capture_output=True, text=True)


def targets_problems(grader, out):
    """The Summary sheet's targets: a row each (the overall, then each
    section with one), level, percent, audits reaching it, audits graded and
    met or not, as --summary's JSON has them."""
    rubric, audits = 'tests/report/fixtures/targets.json', 'tests/report/fixtures/targets-q1.jsonl'
    book_path = os.path.join(out, 'targets.xlsx')
    made = run([grader, '--rubric', rubric, '-q', '--format', 'xlsx', '-o', book_path, audits])
    if made.returncode != 0:
        return [f'exit {made.returncode}', made.stderr]
    summary = json.loads(run([grader, '--rubric', rubric, '-q', '--summary', audits]).stdout.splitlines()[-1])
    wanted = [('overall', summary['summary']['overall']['target'])] + \
        [(f'section {section["id"]}', section['target']) for section in summary['summary']['sections']
         if section.get('target')]
    rows = list(openpyxl.load_workbook(book_path)['Summary'].iter_rows(values_only=True))
    heading = [index for index, row in enumerate(rows) if row[0] == 'target']
    if len(heading) != 1:
        return [f'no one "target" heading: {rows}']
    got = [row[:6] for row in rows[heading[0] + 1:heading[0] + 1 + len(wanted)]]
    expected = [(whose, target['level'], target['percent'], target['count'], target['of'],
                 'met' if target['met'] else 'not met') for whose, target in wanted]
    problems = [f'{row} for {want}' for row, want in zip(got, expected) if tuple(row) != want]
    if len(wanted) != 3 or [target['met'] for _, target in wanted] != [False, True, False]:
        problems.append(f'the fixture no longer has one target met and two not: {wanted}')
    return problems


def not_graded_problems(grader, out):
    """A rubric with "not graded when:" rules: each outcome not graded reads
    "not graded" with its rule in words, as the JSON record has them, and
    the Summary sheet's "not graded" row has the counts of --summary."""
    rubric, audits = 'tests/runtime/rules/not-graded.json', 'tests/runtime/rules/not-graded-audits.jsonl'
    book_path = os.path.join(out, 'not-graded.xlsx')
    made = run([grader, '--rubric', rubric, '-q', '--format', 'xlsx', '-o', book_path, audits])
    if made.returncode != 0:
        return [f'exit {made.returncode}', made.stderr]
    records = [json.loads(line) for line in run([grader, '--rubric', rubric, '-q', audits]).stdout.splitlines()]
    summary = json.loads(run([grader, '--rubric', rubric, '-q', '--summary', audits]).stdout.splitlines()[-1])
    book = openpyxl.load_workbook(book_path)
    rows = list(book['Results'].iter_rows(values_only=True))
    header, problems, seen = list(rows[0]), [], 0
    for row, record in zip(rows[1:], records):
        cells = dict(zip(header, row))
        outcomes = [('overall', record['overall'])] + [(f'section:{s["id"]}', s) for s in record['sections']]
        for name, outcome in outcomes:
            if not outcome.get('not_graded'):
                continue
            seen += 1
            rule = cells.get('overall_rule' if name == 'overall' else f'{name}:rule')
            if cells.get(name) != 'not graded' or rule != outcome['not_graded_by']:
                problems.append(f'{record["case"]} {name}: {cells.get(name)!r}, {rule!r}')
    if seen == 0:
        problems.append('no outcome was not graded')
    counts = {row[0]: row[1:] for row in book['Summary'].iter_rows(values_only=True) if row[0]}
    wanted = [summary['summary']['overall']['not_graded']] + [s['not_graded'] for s in summary['summary']['sections']]
    if list(counts.get('not graded', ()))[:len(wanted)] != wanted:
        problems.append(f'Summary not graded {counts.get("not graded")}, --summary {wanted}')
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--grader', required=True)
    parser.add_argument('--rubrics', required=True)
    parser.add_argument('--out', required=True)
    arguments = parser.parse_args()
    grader, out = arguments.grader, arguments.out
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    rubric = os.path.join(arguments.rubrics, 'london-borough-case-audit-gradings.json')
    inputs = ['examples/london-borough-audits.jsonl', 'examples/london-borough-audits.csv']
    formula = os.path.join(out, 'formula.jsonl')
    with open(inputs[0], encoding='utf-8') as source, open(formula, 'w', encoding='utf-8') as target:
        record = json.loads(source.readline())
        record['case'] = '=HYPERLINK("http://example.invalid","x")'
        target.write(json.dumps(record) + '\n')
    inputs.append(formula)
    book_path = os.path.join(out, 'results.xlsx')
    checks = []
    made = run([grader, '--rubric', rubric, '-q', '--format', 'xlsx', '-o', book_path, *inputs])
    records = [json.loads(line) for line in run([grader, '--rubric', rubric, '-q', *inputs]).stdout.splitlines()]
    summary = json.loads(run([grader, '--rubric', rubric, '-q', '--summary', *inputs]).stdout)['summary']
    checks.append(('the workbook is written (exit 1: some records fail)',
                   [] if made.returncode == 1 and os.path.exists(book_path) else [f'exit {made.returncode}',
                                                                                  made.stderr]))
    book = openpyxl.load_workbook(book_path)
    checks.append(('sheets Results and Summary', [] if book.sheetnames == ['Results', 'Summary'] else
                   [str(book.sheetnames)]))
    sheet = book['Results']
    rows = list(sheet.iter_rows(values_only=True))
    header, rows = list(rows[0]), rows[1:]
    problems = [] if len(rows) == len(records) else [f'{len(rows)} rows for {len(records)} records']
    for row, record in zip(rows, records):
        cells = dict(zip(header, row))
        if cells['input'] != record['input'] or cells['line'] != record['line']:
            problems.append(f'row {cells["input"]}:{cells["line"]} for record {record["input"]}:{record["line"]}')
            continue
        if 'error' in record:
            if cells['error'] != record['error'] or cells['overall'] is not None:
                problems.append(f'{record["line"]}: error {cells["error"]!r}, expected {record["error"]!r}')
            continue
        wanted = {'case': record['case'], 'date': record.get('date'), 'overall': record['overall']['grade']}
        wanted.update({f'section:{section["id"]}': section['grade'] for section in record['sections']
                       if 'grade' in section})
        wanted.update(record['criteria'])
        for name, value in wanted.items():
            if cells.get(name) != value:
                problems.append(f'{record["input"]}:{record["line"]}: {name} is {cells.get(name)!r}, '
                                f'the record says {value!r}')
        if not str(cells['overall_rule']).startswith(record['overall']['rule'].split(' of ')[0]):
            problems.append(f'{record["line"]}: rule {cells["overall_rule"]!r} for {record["overall"]["rule"]!r}')
    checks.append(('Results: a row per record, grades and errors as the records have them', problems[:8]))
    formula_rows = [row for row in sheet.iter_rows(min_row=2) if row[2].value and str(row[2].value).startswith('=')]
    checks.append(('a case reference like a formula is a text cell, kept exactly',
                   [] if len(formula_rows) == 1 and formula_rows[0][2].data_type == 's' and
                   formula_rows[0][2].value == '=HYPERLINK("http://example.invalid","x")' else
                   [str([(cell.value, cell.data_type) for row in formula_rows for cell in row[2:3]])]))

    summary_sheet = book['Summary']
    cells = {row[0]: row[1:] for row in summary_sheet.iter_rows(values_only=True) if row[0]}
    problems = []
    if cells['records graded'][0] != summary['graded'] or cells['records failed'][0] != summary['errors']:
        problems.append(f'graded {cells["records graded"][0]}, failed {cells["records failed"][0]}; summary {summary}')
    overall = summary['overall']['distribution']
    sections = [section for section in summary['sections'] if 'distribution' in section]
    for label, values in cells.items():
        code = str(label).split(' ')[0]
        if code not in overall:
            continue
        if values[0] != overall[code]:
            problems.append(f'overall {code}: {values[0]}, summary {overall[code]}')
        for index, section in enumerate(sections):
            if values[1 + index] != section['distribution'][code]:
                problems.append(f'section {section["id"]} {code}: {values[1 + index]}, '
                                f'summary {section["distribution"][code]}')
    if cells.get('overall good or better', [None])[0] != summary['overall']['good_or_better']['count']:
        problems.append(f'good or better {cells.get("overall good or better")}')
    checks.append(('Summary: the counts of --summary', problems))
    with zipfile.ZipFile(book_path) as archive:
        charts = sorted(name for name in archive.namelist() if name.startswith('xl/charts/chart'))
    checks.append(('Summary: two native charts', [] if len(charts) == 2 else [str(charts)]))

    before = open(book_path, 'rb').read()
    failed = run([grader, '--rubric', rubric, '-q', '--format', 'xlsx', '-o', book_path, 'no-such-file.jsonl'])
    checks.append(('a failed run leaves the workbook as it was',
                   [] if failed.returncode == 2 and open(book_path, 'rb').read() == before and
                   'is left as it was' in failed.stderr else [f'exit {failed.returncode}', failed.stderr]))
    wanted = ("rubric-grade: --format xlsx writes the results as a workbook: give -o FILE.xlsx (and neither "
              "--summary nor --moderate, whose totals the workbook's Summary sheet holds)\n"
              "Try 'rubric-grade --help'.\n")
    for name, extra in (('no -o', []), ('-o -', ['-o', '-'])):
        refused = run([grader, '--rubric', rubric, '--format', 'xlsx', *extra, inputs[0]])
        checks.append((f'--format xlsx with {name} is refused',
                       [] if refused.returncode == 2 and refused.stderr == wanted and refused.stdout == '' else
                       [f'exit {refused.returncode}', refused.stderr]))
    checks.append(('"not graded": its own label and rule, counted apart in Summary', not_graded_problems(grader, out)))
    checks.append(('Summary: the targets, met or not, as --summary judges them', targets_problems(grader, out)))
    return checks_report('xlsx-results', checks)


if __name__ == '__main__':
    sys.exit(main())
