#!/usr/bin/env python3
"""check_template.py — the data-entry workbook (rubricc --emit xlsx-template)
read by an independent reader, openpyxl (tests/xlsx.mk, check-xlsx).

  python3 tests/xlsx/check_template.py --rubricc build/rubricc --out DIR RUBRIC...

For each rubric: compiles it with --emit json,csv-template,xlsx-template
twice (the workbook must come out byte for byte the same), then opens the
workbook with openpyxl and checks, against the rubric's JSON:
  - the sheets Audits, How to fill and Guidance, in that order;
  - row 1 of Audits is the CSV template's header, each criterion followed
    by its comment column, and row 2 a comment row ('#' first);
  - rows 1-2 and the case column are frozen;
  - every criterion column has a dropdown (a list validation) of exactly
    the codes the rubric allows there (the scale's or the answer set's,
    NA only where allowed), over the rows for cases, with an input title
    of at most 32 characters and a message of at most 255 that starts
    with the first descriptor and, when cut, ends pointing at the
    Guidance sheet;
  - the section and overall columns, the case type column, likewise;
  - the Guidance sheet holds every descriptor in full.
Prints one line per check and "xlsx-template: N passed, M failed".
"""
import argparse
import json
import os
import subprocess
import sys

import openpyxl


def compile_rubric(rubricc, rubric, out):
    subprocess.run([rubricc, '--emit', 'json,csv-template,xlsx-template', '-o', out, rubric], check=True)


def codes_of(validation):
    formula = validation.formula1 or ''
    return formula.strip('"').split(',') if formula.startswith('"') else None


def utf16_length(text):
    return len(text.encode('utf-16-le')) // 2


def check_rubric(rubricc, rubric_path, out):
    first, second = os.path.join(out, 'first'), os.path.join(out, 'second')
    compile_rubric(rubricc, rubric_path, first)
    compile_rubric(rubricc, rubric_path, second)
    names = [name for name in os.listdir(first) if name.endswith('.json')]
    rubric = json.load(open(os.path.join(first, names[0]), encoding='utf-8'))
    rid = rubric['id']
    book_path = os.path.join(first, f'{rid}-template.xlsx')
    checks = []
    same = open(book_path, 'rb').read() == open(os.path.join(second, f'{rid}-template.xlsx'), 'rb').read()
    checks.append(('the same workbook, byte for byte, from two runs', [] if same else ['the two differ']))

    book = openpyxl.load_workbook(book_path)
    checks.append(('sheets Audits, How to fill, Guidance',
                   [] if book.sheetnames == ['Audits', 'How to fill', 'Guidance'] else [str(book.sheetnames)]))
    sheet = book['Audits']
    header = [cell.value for cell in sheet[1]]
    titles = [cell.value for cell in sheet[2]]
    csv_header = open(os.path.join(first, f'{rid}-template.csv'), encoding='utf-8').readline().strip().split(',')
    criteria = [(section, criterion) for section in rubric['sections'] for criterion in section['criteria']]
    problems = []
    if sorted(header) != sorted(csv_header):
        problems.append(f'header {header} is not the CSV template\'s {csv_header}')
    for section, criterion in criteria:
        cid = criterion['id']
        if cid not in header or header.index(cid) + 1 >= len(header) or header[header.index(cid) + 1] != f'comment:{cid}':
            problems.append(f'criterion {cid} is not followed by its comment column')
    checks.append(('row 1: the CSV template\'s header, comments beside their criteria', problems))
    checks.append(('row 2: a comment row of titles',
                   [] if str(titles[0]).startswith('#') and None not in titles else [str(titles[:3])]))
    checks.append(('rows 1-2 and the case column frozen',
                   [] if sheet.freeze_panes == 'B3' else [f'freeze panes {sheet.freeze_panes}']))

    validations = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            validations[cell_range.min_col] = (validation, cell_range)
    levels = [level['code'] for level in rubric['scale']]
    scores = rubric.get('scale_kind') == 'scores'
    answer_sets = {answer_set['id']: [answer['code'] for answer in answer_set['answers']]
                   for answer_set in rubric.get('answer_sets', [])}
    problems = []
    for section, criterion in criteria:
        column = header.index(criterion['id']) + 1
        wanted = list(answer_sets[section['answers']]) if section.get('answers') else list(levels)
        if criterion.get('not_applicable_allowed'):
            wanted.append('NA')
        if column not in validations:
            problems.append(f'{criterion["id"]}: no dropdown')
            continue
        validation, cell_range = validations[column]
        codes = codes_of(validation)
        if validation.type == 'list' and codes != wanted:
            problems.append(f'{criterion["id"]}: dropdown {codes}, rubric allows {wanted}')
        if validation.type != 'list' and not scores:
            problems.append(f'{criterion["id"]}: a {validation.type} validation, not a list')
        if cell_range.min_row != 3 or cell_range.max_row < 1000:
            problems.append(f'{criterion["id"]}: dropdown over rows {cell_range.min_row}-{cell_range.max_row}')
        if utf16_length(validation.promptTitle or '') > 32 or not validation.promptTitle:
            problems.append(f'{criterion["id"]}: input title {validation.promptTitle!r}')
        prompt = validation.prompt or ''
        if utf16_length(prompt) > 255 or not prompt:
            problems.append(f'{criterion["id"]}: input message of {utf16_length(prompt)} characters')
        if '\u2026' in prompt and not prompt.endswith('(in full: the Guidance sheet)'):
            problems.append(f'{criterion["id"]}: a cut message that does not point at the Guidance sheet')
        if validation.errorStyle not in (None, 'stop') or not validation.showErrorMessage:
            problems.append(f'{criterion["id"]}: other codes are not refused')
    checks.append(('each criterion: a dropdown of exactly its codes, descriptors as its message', problems))

    problems = []
    for name in header:
        if name == 'overall' or str(name).startswith('section:'):
            column = header.index(name) + 1
            if column not in validations:
                problems.append(f'{name}: no dropdown')
            elif validations[column][0].type == 'list' and codes_of(validations[column][0]) != levels + ['NA']:
                problems.append(f'{name}: {codes_of(validations[column][0])}')
    if rubric.get('case_types'):
        column = header.index('case_type') + 1
        if column not in validations or codes_of(validations[column][0]) != rubric['case_types']:
            problems.append('case_type: no dropdown of the case types')
    checks.append(('own grades and case type: dropdowns', problems))

    guidance = [row for row in book['Guidance'].iter_rows(min_row=2, values_only=True)]
    problems = []
    descriptors = {(row[0], row[3]): row[5] for row in guidance}
    for section, criterion in criteria:
        for code, descriptor in (criterion.get('effective') or {}).items():
            text = descriptor.get('text') if isinstance(descriptor, dict) else descriptor
            if text and descriptors.get((criterion['id'], code)) != text:
                problems.append(f'{criterion["id"]} {code}: {descriptors.get((criterion["id"], code))!r}')
    checks.append(('the Guidance sheet: every descriptor in full', problems[:5]))
    return [(f'{rid}: {name}', problems) for name, problems in checks]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rubricc', required=True)
    parser.add_argument('--out', required=True)
    parser.add_argument('rubrics', nargs='+')
    arguments = parser.parse_args()
    passed = failed = 0
    for index, rubric in enumerate(arguments.rubrics):
        for name, problems in check_rubric(arguments.rubricc, rubric, os.path.join(arguments.out, str(index))):
            if problems:
                failed += 1
                print(f'FAIL {name}')
                for problem in problems:
                    print(f'     {problem}')
            else:
                passed += 1
                print(f'ok   {name}')
    print(f'xlsx-template: {passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
