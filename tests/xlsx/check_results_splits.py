#!/usr/bin/env python3
"""check_results_splits.py — the results workbook's sheets by group and by
round (rubric-grade --format xlsx with --group-by, --round, --rounds;
runtime/cli/results_xlsx_splits.c), read back by openpyxl and compared
with the report page of the same audits (tests/xlsx.mk, check-xlsx).

  python3 tests/xlsx/check_results_splits.py --grader build/rubric-grade --out DIR

The workbook and the page are written by separate runs (the workbook's
without --report, so the options work with --format xlsx alone). Every
row of each table of the sheets "By FIELD" and "Rounds" must read as the
page's table of the same caption does: the shares as percentages to one
decimal, the changes in percentage points, a small group's "fewer than
N" and "withheld", the grade counts behind each chart. The page's own
figures are checked against an independent computation by
check-report-groups (tests/report/check_groups.py), so the workbook's are
too. Also: the sheets' charts (a bar chart per grouping split by grade in
proportion; on Rounds a line of the share and the grades by round),
--suppress-below 0 showing every group, a threshold above every group
leaving a table of withheld rows and no chart, --rounds quarter by date,
and the usage message when the options come with neither --report nor
--format xlsx; the sheets' names for fields whose names Excel would
refuse as they are.
Prints one line per check and "xlsx-splits: N passed, M failed".
"""
import argparse
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import openpyxl

from checks import report as checks_report

RUBRIC = 'tests/runtime/v2/rubrics/example-assessment-timeliness.json'
Q1, Q2 = 'tests/report/fixtures/rounds-q1.jsonl', 'tests/report/fixtures/rounds-q2.jsonl'


class PageTables(HTMLParser):
    """The page's tables by caption, as rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self.caption, self.row, self.cell, self.in_caption = {}, None, None, None, False

    def handle_starttag(self, tag, attrs):
        if tag == 'caption':
            self.in_caption, self.caption = True, ''
        elif tag == 'tr':
            self.row = []
        elif tag in ('td', 'th') and self.row is not None:
            self.cell = ''

    def handle_endtag(self, tag):
        if tag == 'caption':
            self.in_caption = False
            self.tables[self.caption] = []
        elif tag in ('td', 'th') and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == 'tr' and self.row is not None:
            self.tables[self.caption].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.in_caption:
            self.caption += data
        elif self.cell is not None:
            self.cell += data


def run(command):
    return subprocess.run(command, capture_output=True, text=True)


def sheet_tables(sheet):
    """A sheet's tables by caption: a bold caption cell in column A, then the
    header and the rows down to the first empty row."""
    tables, current = {}, None
    for row in sheet.iter_rows():
        values = [cell.value for cell in row]
        while values and values[-1] is None:
            values.pop()
        if not values:
            current = None
        elif current is not None:
            current.append(values)
        elif row[0].font and row[0].font.b and len(values) == 1:
            current = tables.setdefault(values[0], [])
    return tables


def as_page_text(value, column_name):
    """A workbook cell as the page writes it."""
    if value is None:
        return '\u2013'
    if isinstance(value, str):
        return value
    if column_name.endswith('change'):
        text = f'{abs(value):.1f}'
        return text if text == '0.0' else ('+' if value > 0 else '\u2212') + text
    if isinstance(value, float) or column_name == 'Overall' or column_name[:1].isdigit():
        return f'{value * 100:.1f}%'
    return str(int(value))


def compare_tables(book, page, sheet_name, captions):
    problems = []
    if sheet_name not in book.sheetnames:
        return [f'no sheet {sheet_name!r} in {book.sheetnames}']
    tables = sheet_tables(book[sheet_name])
    for caption, counts in captions:
        if caption not in tables or caption not in page:
            problems.append(f'{sheet_name}: table {caption!r} missing (workbook {list(tables)})')
            continue
        ours, theirs = tables[caption], page[caption]
        header = [str(cell) for cell in ours[0]]
        if not counts and header != theirs[0]:
            problems.append(f'{caption}: header {header} for the page\'s {theirs[0]}')
        if len(ours) != len(theirs):
            problems.append(f'{caption}: {len(ours) - 1} rows for the page\'s {len(theirs) - 1}')
        for mine, wanted in zip(ours[1:], theirs[1:]):
            if counts:      # the grade counts; the page adds a "Good or better" column
                text = [str(cell) for cell in mine]
                wanted = wanted[:len(text)]
            else:
                text = [as_page_text(cell, header[index]) if index else cell for index, cell in enumerate(mine)]
                text += ['\u2013'] * (len(wanted) - len(text)) if 'withheld' not in wanted else []
            if text != wanted:
                problems.append(f'{caption}: {text} for the page\'s {wanted}')
    return problems


def charts_of(sheet):
    return sorted((type(chart).__name__, getattr(chart, 'grouping', None)) for chart in sheet._charts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--grader', required=True)
    parser.add_argument('--out', required=True)
    arguments = parser.parse_args()
    grader, out = arguments.grader, arguments.out
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    checks = []

    def book_and_page(name, options, inputs):
        book_path, page_path = os.path.join(out, name + '.xlsx'), os.path.join(out, name + '.html')
        made = run([grader, '--rubric', RUBRIC, '-q', '--format', 'xlsx', '-o', book_path, *options, *inputs])
        paged = run([grader, '--rubric', RUBRIC, '-q', '-o', os.devnull, '--report', page_path, *options, *inputs])
        if made.returncode != 0 or paged.returncode != 0:
            checks.append((f'{name}: written', [made.stderr, paged.stderr]))
            return None, None
        page = PageTables()
        with open(page_path, encoding='utf-8') as text:
            page.feed(text.read())
        return openpyxl.load_workbook(book_path), page.tables

    rounds = ['--round', f'Q1={Q1}', '--round', f'Q2={Q2}']
    book, page = book_and_page('teams-rounds', ['--group-by', 'team,social_worker', *rounds], [])
    if book:
        checks.append(('sheets Results, Summary, By team, By social worker, Rounds',
                       [] if book.sheetnames == ['Results', 'Summary', 'By team', 'By social worker', 'Rounds']
                       else [str(book.sheetnames)]))
        problems = []
        for field, words in (('team', 'team'), ('social_worker', 'social worker')):
            problems += compare_tables(book, page, f'By {words}', [
                (f'Share Good or better by {words}, overall and by section', False),
                (f'Overall grades by {words}', True)])
        checks.append(('By FIELD: the page\'s tables, small groups withheld', problems))
        withheld = [row for row in book['By team'].iter_rows(values_only=True) if row[0] == 'Children in Care']
        checks.append(('By team: the group of 3 audits is "fewer than 5", withheld, and not in the chart\'s data',
                       [] if len(withheld) == 1 and withheld[0][1:3] == ('fewer than 5', 'withheld') and
                       all(cell is None for cell in withheld[0][3:]) else [str(withheld)]))
        checks.append(('Rounds: the page\'s tables, changes in percentage points', compare_tables(
            book, page, 'Rounds', [('Share Good or better by round, with the change in percentage points', False),
                                   ('Overall grades by round', True)])))
        charts = {name: charts_of(book[name]) for name in ('By team', 'By social worker', 'Rounds')}
        wanted = {'By team': [('BarChart', 'percentStacked')], 'By social worker': [('BarChart', 'percentStacked')],
                  'Rounds': [('BarChart', 'percentStacked'), ('LineChart', 'standard')]}
        checks.append(('native charts: a bar per group split by grade; on Rounds the share as a line',
                       [] if charts == wanted else [str(charts)]))

    book, page = book_and_page('nothing-withheld', ['--group-by', 'team', '--suppress-below', '0'], [Q1, Q2])
    if book:
        problems = compare_tables(book, page, 'By team', [
            ('Share Good or better by team, overall and by section', False), ('Overall grades by team', True)])
        shown = [row[0] for row in book['By team'].iter_rows(values_only=True) if row[0] == 'Children in Care']
        checks.append(('--suppress-below 0: every group shown, in the table and the chart\'s data',
                       problems + ([] if len(shown) == 2 else [f'Children in Care in {len(shown)} rows'])))

    book, page = book_and_page('all-withheld', ['--group-by', 'team', '--suppress-below', '100'], [Q1, Q2])
    if book:
        sheet = book['By team']
        texts = [row[0] for row in sheet.iter_rows(values_only=True)]
        rows = [row for row in sheet.iter_rows(values_only=True) if row[1] == 'fewer than 100']
        checks.append(('every group too small: all withheld, no chart',
                       [] if len(rows) == 3 and not sheet._charts and
                       'Every group is too small to show, so there is no chart.' in texts
                       else [str(rows), len(sheet._charts)]))

    book, page = book_and_page('quarters', ['--rounds', 'quarter'], [Q1, Q2])
    if book:
        problems = compare_tables(book, page, 'Rounds', [
            ('Share Good or better by round, with the change in percentage points', False),
            ('Overall grades by round', True)])
        labels = [row[0] for row in book['Rounds'].iter_rows(min_row=6, values_only=True) if row[0]]
        checks.append(('--rounds quarter: the rounds by date, as the page has them',
                       problems + ([] if labels[:1] == ['2026 Q1'] else [str(labels)])))

    names = os.path.join(out, 'names.xlsx')
    made = run([grader, '--rubric', RUBRIC, '-q', '--format', 'xlsx', '-o', names, '--group-by',
                'team,Team,a_field_name_longer_than_excel_allows,w\u00e9/ird', Q1])
    problems = [made.stderr] if made.returncode else []
    if not problems:
        book = openpyxl.load_workbook(names)
        wanted = ['Results', 'Summary', 'By team', 'By field 2', 'By a field name longer than exc', 'By w\u00e9_ird']
        problems = [] if book.sheetnames == wanted else [str(book.sheetnames)]
        notes = [row[0] for row in book['By field 2'].iter_rows(max_row=4, values_only=True)]
        if "No audit gives Team: check the field's name against the audits' columns or members." not in notes:
            problems.append(str(notes))
    checks.append(('sheet names: cut to 31 characters, []:*?/\\ made _, a name taken made "By field N"; '
                   'a field no audit gives is said so', problems))

    refused = run([grader, '--rubric', RUBRIC, '--group-by', 'team', Q1])
    wanted = ("rubric-grade: --group-by, --suppress-below, --round and --rounds shape the report or the workbook: "
              "give --report FILE.html or --format xlsx\nTry 'rubric-grade --help'.\n")
    checks.append(('--group-by with neither --report nor --format xlsx is refused',
                   [] if refused.returncode == 2 and refused.stderr == wanted else
                   [f'exit {refused.returncode}', refused.stderr]))

    return checks_report('xlsx-splits', checks)


if __name__ == '__main__':
    sys.exit(main())
