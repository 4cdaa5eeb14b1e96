#!/usr/bin/env python3
"""check_reading.py — rubric-grade reading Excel workbooks of audits
(runtime/lib/audit_xlsx.c over xlsx_rows.c), against the same audits as CSV (tests/xlsx.mk,
check-xlsx).

  python3 tests/xlsx/check_reading.py --rubricc build/rubricc --grader build/rubric-grade --out DIR

The workbooks are written here by independent writers: openpyxl (shared
strings, date cells in the 1900 and the 1904 date systems, numbers) and,
for what openpyxl does not write, by hand with Python's zipfile (inline
strings, cells without a reference, phonetic runs, booleans and errors, a
first sheet that is not the audits, cells out of order). Checked:
  - the data-entry workbook of tests/html/small.rubric, filled in, grades
    exactly as the same rows as CSV under the CSV template's two top rows
    (every record, field for field, the input named FILE:SHEET, rows by
    their numbers, which match the CSV's lines);
  - Excel date cells read as the dates they show, in both date systems,
    either side of 1900-02-29;
  - every kind of cell, and the sheet chosen by its header;
  - each bad workbook's diagnostic, word for word: a code in other
    letters, a short and a long row, a sheet without a 'case' column, an
    empty sheet, a file that is not a workbook, a workbook on standard
    input, a damaged archive.
Prints one line per check and "xlsx-reading: N passed, M failed".
"""
import argparse
import csv
import datetime
import io
import json
import os
import subprocess
import sys
import zipfile

import openpyxl

from checks import report as checks_report
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
SMALL = os.path.join(HERE, '..', 'html', 'small.rubric')


def grade(grader, rubric, path, stdin=None, extra=()):
    result = subprocess.run([grader, '--rubric', rubric, *extra, path], capture_output=True, text=True,
                            input=stdin)
    return result.returncode, [json.loads(line) for line in result.stdout.splitlines()], result.stderr


ROWS = [
    {'case': 'X-1', 'auditor': 'A. Auditor', 'date': datetime.date(2026, 1, 2), 'safety': 'P', 'voice': 'NA',
     'review-one': 'M', 'review-two': 'N', 'comment:safety': 'Seen alone; "quoted", and a comma'},
    {'case': 'X-2', 'auditor': 'B. Auditor', 'date': datetime.date(2026, 3, 4), 'safety': 'p', 'voice': 'M',
     'review-one': 'M', 'review-two': 'N'},
    {'case': 'X-3', 'auditor': 'C. Auditor', 'date': '2026-05-06', 'safety': 'Met', 'voice': 'M',
     'review-one': 'M', 'review-two': 'N', 'overall': 'M', 'comment:overall': '=SUM(A1) is text here'},
    {'case': 12345, 'auditor': 'Ünïcödé Äuditor 監査', 'date': datetime.date(2025, 12, 31), 'safety': 'P',
     'voice': 'M', 'review-one': 'N', 'review-two': 'N', 'section:review': 'N'},
]


def csv_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def filled_template_checks(rubricc, grader, out):
    subprocess.run([rubricc, '--emit', 'json,csv-template,xlsx-template', '-o', out, SMALL], check=True)
    rubric = os.path.join(out, 'html-small-example.json')
    book = openpyxl.load_workbook(os.path.join(out, 'html-small-example-template.xlsx'))
    sheet = book['Audits']
    header = [cell.value for cell in sheet[1]]
    for index, row in enumerate(ROWS):
        for name, value in row.items():
            cell = sheet.cell(row=3 + index, column=header.index(name) + 1, value=value)
            if isinstance(value, datetime.date):
                cell.number_format = 'yyyy-mm-dd'
    workbook = os.path.join(out, 'filled.xlsx')
    book.save(workbook)
    template_lines = open(os.path.join(out, 'html-small-example-template.csv'), encoding='utf-8').read().splitlines()
    csv_header = next(csv.reader([template_lines[0]]))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator='\n')
    for row in ROWS:
        writer.writerow([csv_value(row[name]) if name in row else '' for name in csv_header])
    csv_path = os.path.join(out, 'filled.csv')
    with open(csv_path, 'w', encoding='utf-8') as handle:
        handle.write(template_lines[0] + '\n' + template_lines[1] + '\n' + text.getvalue())
    checks = []
    xlsx_status, xlsx_records, xlsx_errors = grade(grader, rubric, workbook)
    csv_status, csv_records, csv_errors = grade(grader, rubric, csv_path)
    problems = []
    for record in xlsx_records:
        if record.get('input') != workbook + ':Audits':
            problems.append(f'input named {record.get("input")!r}')
        record['input'] = csv_path
    if xlsx_records != csv_records:
        problems.append(f'workbook {xlsx_records}')
        problems.append(f'CSV      {csv_records}')
    if xlsx_status != csv_status or xlsx_status != 1:
        problems.append(f'exit {xlsx_status} for the workbook, {csv_status} for the CSV')
    checks.append(('the filled data-entry workbook grades exactly as the same rows as CSV', problems))
    wanted = [f"{workbook}:Audits:4: error: case X-2: criterion 'safety': grade 'p' is not on the scale (M, P, N); "
              "did you mean 'P'?",
              f"{workbook}:Audits:5: error: case X-3: criterion 'safety': grade 'Met' is not on the scale (M, P, N); "
              "did you mean 'M'?",
              'rubric-grade: 2 of 4 records failed']
    checks.append(('errors name the sheet and the row, with the code meant',
                   [] if xlsx_errors.splitlines() == wanted else [xlsx_errors]))
    dates = [record.get('date') for record in xlsx_records if 'date' in record]
    checks.append(('date cells read as the dates they show',
                   [] if dates == ['2026-01-02', '2025-12-31'] else [str(dates)]))
    return checks, rubric


DATES = [datetime.date(1900, 1, 1), datetime.date(1900, 2, 28), datetime.date(1900, 3, 1),
         datetime.date(1904, 1, 1), datetime.date(1999, 12, 31), datetime.date(2026, 2, 28), datetime.date(2028, 2, 29)]


def date_system_checks(grader, rubric, out):
    checks = []
    for label, epoch in (('1900', None), ('1904', CALENDAR_MAC_1904)):
        book = openpyxl.Workbook()
        if epoch is not None:
            book.epoch = epoch
        sheet = book.active
        sheet.title = 'Dates'
        sheet.append(['case', 'date', 'safety', 'voice', 'review-one', 'review-two'])
        for index, day in enumerate(DATES):
            if epoch is not None and day < datetime.date(1904, 1, 1):
                continue
            sheet.append([f'D-{index}', day, 'M', 'M', 'M', 'M'])
            sheet.cell(row=sheet.max_row, column=2).number_format = 'd mmm yyyy'
        path = os.path.join(out, f'dates-{label}.xlsx')
        book.save(path)
        status, records, errors = grade(grader, rubric, path)
        expected = [day.isoformat() for day in DATES if epoch is None or day >= datetime.date(1904, 1, 1)]
        got = [record.get('date') for record in records]
        checks.append((f'dates in the {label} date system', [] if got == expected and status == 0
                       else [f'exit {status}', f'got {got}', f'expected {expected}', errors]))
    return checks


SHEET_XML = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>'''


def write_workbook(path, sheets, shared=(), date1904=False, styles=None):
    """A workbook by hand: SHEETS is [(name, rows XML)], SHARED the shared strings."""
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as archive:
        archive.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"/>')
        entries = ''.join(f'<sheet name="{name}" sheetId="{index + 1}" r:id="rId{index + 1}"/>'
                          for index, (name, _) in enumerate(sheets))
        archive.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                         'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                         f'relationships"><workbookPr date1904="{1 if date1904 else 0}"/><sheets>{entries}</sheets>'
                         '</workbook>')
        relations = ''.join(f'<Relationship Id="rId{index + 1}" Type="http://schemas.openxmlformats.org/'
                            f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{index + 1}.xml"/>'
                            for index in range(len(sheets)))
        archive.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                         f'openxmlformats.org/package/2006/relationships">{relations}</Relationships>')
        if shared:
            items = ''.join(f'<si>{item}</si>' for item in shared)
            archive.writestr('xl/sharedStrings.xml', '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.'
                             f'org/spreadsheetml/2006/main">{items}</sst>')
        if styles:
            archive.writestr('xl/styles.xml', styles)
        for index, (_, rows) in enumerate(sheets):
            archive.writestr(f'xl/worksheets/sheet{index + 1}.xml', SHEET_XML.format(rows=rows))


def inline(reference, text):
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER_ROW = ('<row r="1">' + inline('A1', 'case') + inline('B1', 'date') + inline('C1', 'safety') +
              inline('D1', 'voice') + inline('E1', 'review-one') + inline('F1', 'review-two') +
              inline('G1', 'comment:voice') + '</row>')
STYLES = ('<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
          '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="22"/></cellXfs></styleSheet>')


def cell_kind_checks(grader, rubric, out):
    checks = []
    notes = '<row r="1">' + inline('A1', 'Notes for the round') + '</row><row r="2"><c r="A2"><v>7</v></c></row>'
    rows = (HEADER_ROW +
            # shared strings, a number case, a date by a custom style and by a built-in one, phonetic run left out
            '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="1"><v>46024</v></c><c r="C2" t="s"><v>1</v></c>'
            '<c r="D2" t="s"><v>2</v></c><c r="E2" t="s"><v>1</v></c><c r="F2" t="s"><v>1</v></c>'
            '<c r="G2" t="s"><v>3</v></c></row>'
            # cells without references, out of order, spaces around a code
            '<row r="4"><c r="F4" t="inlineStr"><is><t>M</t></is></c>' + inline('A4', 'INLINE-2') +
            '<c r="B4" s="2"><v>46025.75</v></c><c t="inlineStr"><is><t xml:space="preserve">  P </t></is></c>'
            '<c t="inlineStr"><is><r><t>M</t></r></is></c>' + inline('E4', 'N') + '</row>'
            # a boolean and an error where codes go
            '<row r="5">' + inline('A5', 'KINDS-3') + '<c r="C5" t="b"><v>1</v></c><c r="D5" t="e"><v>#N/A</v></c>'
            + inline('E5', 'M') + inline('F5', 'M') + '</row>'
            # a long row and a short one (the short one is padded: cells left empty are not graded)
            '<row r="6">' + inline('A6', 'LONG-4') + inline('C6', 'M') + inline('D6', 'M') + inline('E6', 'M') +
            inline('F6', 'M') + inline('I6', 'beyond the header') + '</row>'
            '<row r="7">' + inline('A7', 'SHORT-5') + inline('C7', 'M') + '</row>')
    shared = ['<t>SHARED-1</t>', '<t>M</t>', '<r><t>P</t></r><rPh sb="0" eb="1"><t>ピー</t></rPh>',
              '<t>seen &amp; heard</t>']
    path = os.path.join(out, 'kinds.xlsx')
    write_workbook(path, [('Notes', notes), ('Audits', rows)], shared=shared, styles=STYLES)
    status, records, errors = grade(grader, rubric, path)
    by_case = {record.get('case'): record for record in records}
    problems = []
    first = by_case.get('SHARED-1', {})
    if first.get('date') != '2026-01-02' or first.get('criteria', {}).get('voice') != 'P' or \
            first.get('comments', {}).get('voice') != 'seen & heard':
        problems.append(f'SHARED-1: {first}')
    second = by_case.get('INLINE-2', {})
    # a date and time where a date goes: the date check's own words (audit_date.c) name the value read
    if not str(second.get('error')).startswith("column 'date'") or '2026-01-03T18:00:00' not in second['error']:
        problems.append(f'INLINE-2: {second}')
    checks.append(('shared and inline strings, numbers, dates by style, cells without references', problems))
    wanted = [f"{path}:Audits:5: error: case KINDS-3: criterion 'safety': grade 'TRUE' is not on the scale (M, P, N); "
              "criterion 'voice': grade '#N/A' is not on the scale (M, P, N, or NA)",
              f'{path}:Audits:6: error: case LONG-4: long row: 9 fields where the header has 7',
              f"{path}:Audits:7: error: case SHORT-5: criterion 'voice' is not graded; criterion 'review-one' is not "
              "graded; criterion 'review-two' is not graded",
              'rubric-grade: 4 of 5 records failed']
    checks.append(('booleans, errors, long and short rows: reported by sheet and row',
                   [] if errors.splitlines()[1:] == wanted and status == 1 else
                   ['got:'] + errors.splitlines() + ['expected:'] + wanted))
    return checks


def bad_input_checks(grader, rubric, out):
    checks = []
    cases = []
    path = os.path.join(out, 'no-case.xlsx')
    write_workbook(path, [('Sheet1', '<row r="1">' + inline('A1', 'reference') + inline('B1', 'safety') + '</row>')])
    cases.append(('a sheet with no case column', path, None,
                  f"rubric-grade: {path}:Sheet1:1: not a CSV of audits: the first row has no 'case' column (it must be "
                  "a header row: case, rubric, auditor, date, then the rubric's criterion ids)"))
    path = os.path.join(out, 'empty.xlsx')
    write_workbook(path, [('Empty', '')])
    cases.append(('an empty sheet', path, None,
                  f'rubric-grade: {path}:Empty:1: the sheet is empty: no header row, no audit'))
    path = os.path.join(out, 'text.xlsx')
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('case,safety\nA,M\n')
    cases.append(('a file named .xlsx that is not one', path, None,
                  f'rubric-grade: {path}:1: not an Excel workbook: it cannot be opened as a zip archive (an .xlsx '
                  'file is one; standard input cannot be read as one: name the file)'))
    path = os.path.join(out, 'not-a-workbook.xlsx')
    with zipfile.ZipFile(path, 'w') as archive:
        archive.writestr('hello.txt', 'hello')
    cases.append(('a zip archive that is not a workbook', path, None,
                  f'rubric-grade: {path}:1: not an Excel workbook of audits: it has no xl/workbook.xml (save it from '
                  'Excel or LibreOffice as .xlsx)'))
    path = os.path.join(out, 'broken-xml.xlsx')
    write_workbook(path, [('Audits', HEADER_ROW + '<row r="2"><c r="A2"')])
    cases.append(('a sheet whose XML is broken', path, None,
                  f'rubric-grade: {path}:Audits:2: the sheet cannot be read: not well-formed (invalid token)'))
    for name, path, stdin, wanted in cases:
        status, records, errors = grade(grader, rubric, path, stdin)
        lines = [line for line in errors.splitlines() if line]
        checks.append((name, [] if status == 2 and lines == [wanted] else [f'exit {status}', *lines, 'expected:', wanted]))
    workbook = os.path.join(out, 'kinds.xlsx')
    with open(workbook, 'rb') as handle:
        result = subprocess.run([grader, '--rubric', rubric, '-'], input=handle.read(), capture_output=True)
    stderr = result.stderr.decode('utf-8', 'replace').strip()
    wanted = ('rubric-grade: <stdin>:1: not an Excel workbook: it cannot be opened as a zip archive (an .xlsx file is '
              'one; standard input cannot be read as one: name the file)')
    checks.append(('a workbook on standard input', [] if result.returncode == 2 and stderr == wanted
                   else [f'exit {result.returncode}', stderr]))
    return checks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rubricc', required=True)
    parser.add_argument('--grader', required=True)
    parser.add_argument('--out', required=True)
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    checks, rubric = filled_template_checks(arguments.rubricc, arguments.grader, arguments.out)
    checks += date_system_checks(arguments.grader, rubric, arguments.out)
    checks += cell_kind_checks(arguments.grader, rubric, arguments.out)
    checks += bad_input_checks(arguments.grader, rubric, arguments.out)
    return checks_report('xlsx-reading', checks)


if __name__ == '__main__':
    sys.exit(main())
