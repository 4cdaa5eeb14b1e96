#!/usr/bin/env python3
"""check_print.py — the guidance pages as printed (tests/html.mk).

  python3 tests/html/check_print.py PAGE.pdf[:MAX_PAGES] ...
  python3 tests/html/check_print.py --forms RUBRIC.json:FORM.pdf[:MAX_PAGES] ...

Reads each A4 landscape PDF that Chromium printed from a guidance page
(tests/html/review.mjs) through poppler's `pdftotext -bbox-layout` and checks:
  - it has at most MAX_PAGES pages, when given;
  - every page has the running header naming the rubric and its edition
    (the same line, starting with the rubric's title, at the top of every page);
  - every page from the first section to the glossary names its section at the
    top: the section's heading ("Section 4"), or the head of its criteria table,
    which the browser repeats ("Section 4: Title");
  - no page is less than half full unless a section ends there (the next page
    starts with a section's heading or the glossary) or it is the last page.
With --forms, each PDF is an audit form printed by Chromium, checked to be
A4 portrait with the running header "Audit form · title · edition" on every
page, every criterion of the rubric (by its id) on paper, and at most
MAX_PAGES pages when given (the level descriptors, folded away on screen,
are left off paper, so the blank form keeps its length).
Prints one line per PDF with the page count (and for guidance pages the
emptiest pages), and a closing "html-print: N passed, M failed".
"""
import html
import json
import re
import subprocess
import sys

MM = 72 / 25.4
TOP_MARGIN = 12 * MM        # the stylesheet's @page margins
BOTTOM_MARGIN = 10 * MM
SECTION_HEADING = re.compile(r'^Section \S+$')     # the heading's number line
# What a page within the sections starts with: a section's heading, the
# repeated head of its criteria table, or its section-wide statements.
SECTION_NAMED = re.compile(r'^(Section \S+$|Section \S+?:|Statements for every criterion in section \S+$)')


def read_pages(pdf):
    """Returns (document title, [(page height, [(y_min, y_max, text)])]);
    the width of the last page goes to read_pages.width."""
    layout = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'], capture_output=True, text=True,
                            check=True).stdout
    title = html.unescape(re.search(r'<title>(.*?)</title>', layout, re.S).group(1))
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', layout, re.S):
        read_pages.width = float(page.group(1))
        lines = []
        for line in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>',
                                page.group(3), re.S):
            words = re.findall(r'<word [^>]*>(.*?)</word>', line.group(3))
            lines.append((float(line.group(1)), float(line.group(2)), html.unescape(' '.join(words))))
        lines.sort()
        pages.append((float(page.group(2)), lines))
    return title, pages


def check_pdf(pdf, max_pages):
    """Returns (summary, problems) for one printed page."""
    title, pages = read_pages(pdf)
    rubric_title = title.split(' \u2013 ')[0]
    problems = []
    if max_pages is not None and len(pages) > max_pages:
        problems.append(f'{len(pages)} pages, more than {max_pages}')
    headers, contents, fills = [], [], []
    for height, lines in pages:
        header = [text for y_min, y_max, text in lines if y_max <= TOP_MARGIN]
        content = [(y_min, y_max, text) for y_min, y_max, text in lines
                   if y_max > TOP_MARGIN and y_min < height - BOTTOM_MARGIN]
        headers.append(' '.join(header))
        contents.append([text for _, _, text in content])
        bottom = max((y_max for _, y_max, _ in content), default=TOP_MARGIN)
        fills.append((bottom - TOP_MARGIN) / (height - BOTTOM_MARGIN - TOP_MARGIN))
    for number, header in enumerate(headers, 1):
        if header != headers[0] or not header.startswith(rubric_title):
            problems.append(f'page {number}: running header {header!r}, expected {headers[0]!r} '
                            f'naming {rubric_title!r} and its edition')
    in_sections = False
    for number, content in enumerate(contents, 1):
        first = content[0] if content else ''
        if 'Glossary' in content:
            break
        if in_sections and not SECTION_NAMED.match(first):
            problems.append(f'page {number}: does not name its section at the top (starts {first!r})')
        in_sections = in_sections or any(SECTION_HEADING.match(text) for text in content)
    for number, fill in enumerate(fills, 1):
        if fill >= 0.5 or number == len(fills):
            continue
        following = contents[number][0] if contents[number] else ''
        if SECTION_HEADING.match(following) or following == 'Glossary':
            continue
        problems.append(f'page {number}: {fill:.0%} full, and no section ends there')
    emptiest = sorted(range(len(fills)), key=lambda i: fills[i])[:3]
    summary = f'{len(pages)} pages; emptiest ' + ', '.join(f'p{i + 1} {fills[i]:.0%}' for i in emptiest)
    return summary, problems


def check_form(rubric_json, pdf, max_pages):
    """Returns (summary, problems) for one printed audit form."""
    with open(rubric_json, encoding='utf-8') as source:
        rubric = json.load(source)
    title, pages = read_pages(pdf)
    problems = []
    if max_pages is not None and len(pages) > max_pages:
        problems.append(f'{len(pages)} pages, more than {max_pages}')
    height = pages[0][0] if pages else 0
    if abs(read_pages.width - 595.3) > 2 or abs(height - 841.9) > 2:
        problems.append(f'page size {read_pages.width:.0f} x {height:.0f} pt, not A4 portrait (595 x 842)')
    text = []
    for number, (_, lines) in enumerate(pages, 1):
        header = ' '.join(line for y_min, y_max, line in lines if y_max <= TOP_MARGIN)
        if not header.startswith('Audit form \u00b7 ' + rubric['title'][:20]):
            problems.append(f'page {number}: running header {header!r}')
        text += [line for _, _, line in lines]
    # Long ids break across lines: look for them in the text without spaces.
    squeezed = ''.join(''.join(text).split())
    missing = [criterion['id'] for section in rubric['sections'] for criterion in section['criteria']
               if criterion['id'] not in squeezed]
    if missing:
        problems.append(f'criteria not on paper: {", ".join(missing)}')
    return f'{len(pages)} A4 portrait pages', problems


def main():
    arguments = sys.argv[1:]
    forms = arguments[:1] == ['--forms']
    if forms:
        arguments = arguments[1:]
    if not arguments:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    failed = 0
    for argument in arguments:
        if forms:
            rubric_json, _, pdf = argument.partition(':')
            pdf, _, limit = pdf.partition(':')
            summary, problems = check_form(rubric_json, pdf, int(limit) if limit else None)
        else:
            pdf, _, limit = argument.partition(':')
            summary, problems = check_pdf(pdf, int(limit) if limit else None)
        print(f'{"ok" if not problems else "FAIL"}: {pdf}: {summary}'
              + (f' (at most {limit})' if limit else ''))
        for problem in problems:
            print(f'  {problem}')
        failed += bool(problems)
    print(f'html-print: {len(arguments) - failed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
