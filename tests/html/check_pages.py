#!/usr/bin/env python3
"""check_pages.py — the HTML and CSV emitters' own tests (tests/html.mk).

  python3 tests/html/check_pages.py --rubricc build/rubricc --grader build/rubric-grade
                                    --out DIR [--update]

Compiles two rubrics together with `rubricc --emit
json,html,form,csv-template,index,crosswalk`:
  - tests/html/adversarial.rubric, whose prose holds markup, entity
    references, quotes and javascript: links in every kind of author string:
    the guidance page, the audit form, the index and the crosswalk must hold
    none of it as markup, only as escaped text; the guidance page must show
    every piece of it as text, and no author string may reach a <style>
    unescaped or a <script> at all;
  - tests/html/small.rubric, whose outputs are compared byte for byte with
    the golden files in tests/html/golden/ (--update rewrites them after a
    deliberate change; then review them with git diff); its index again
    with the offline pages (studio.html, results.html) already in the
    output directory, which it then links to (index-with-pages.html).
Everything is compiled twice to prove the output deterministic. The CSV
template is checked against the grader: its header names every criterion,
section and fixed column; its row of titles is a comment row ('#' first,
each grade column's codes named), so a filled-in row under it grades
cleanly with the titles kept or deleted, while a '#' row among the audits
is an audit (an error), as docs/compiler.md ("The CSV template") says.
Prints one line per check and a closing "html: N passed, M failed".
"""
import argparse
import csv
import difflib
import html.parser
import io
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN_DIR = os.path.join(HERE, 'golden')
FORMATS = 'json,html,form,csv-template,index,crosswalk'
# The outputs of small.rubric (and of the run) kept as golden files.
GOLDEN_FILES = ['html-small-example.html', 'html-small-example-form.html', 'html-small-example-template.csv',
                'index.html', 'crosswalk.html']

# The only elements the emitter writes; author text must never add one.
OWN_ELEMENTS = {
    'html', 'head', 'meta', 'title', 'style', 'body', 'a', 'header', 'div', 'p', 'main', 'span',
    'h1', 'h2', 'h3', 'dl', 'dt', 'dd', 'time', 'code', 'nav', 'ol', 'ul', 'li', 'table', 'caption',
    'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td', 'section', 'strong', 'abbr', 'footer',
}
# The audit form's own elements besides those.
FORM_ELEMENTS = {'form', 'fieldset', 'legend', 'input', 'label', 'textarea', 'button', 'script', 'details', 'summary'}

# Author strings of adversarial.rubric that the reader must see as written.
SHOWN_AS_TEXT = [
    'Escaping <script>alert(1)</script> & "quotes" \'too\'',
    'The <b>Bold</b> & "Quoted" Council\'s </td> team',
    '1 <i>beta</i> &amp; more',
    'Out<standing>',
    '"Good" & \'fine\'',
    '</th></tr></table> Requires improvement',
    'Inadequate <img src=x onerror=alert(1)>',
    'Plain text with <script>alert(1)</script> inside, and &amp; written out.',
    'A bullet with </td></tr> in it',
    'A bullet with a link <a href="javascript:alert(1)">click me</a>',
    'javascript:alert(1) as bare text, and "double" and \'single\' quotes',
    'Section <h1>one</h1> & "title"',
    'A scope note with </p><script>alert(1)</script> and &lt; written out',
    'Theme <u>with</u> & "markup"',
    'A title with </td><td> & <a href="javascript:alert(1)">link</a>',
    'Good cell with <script>alert(1)</script> and </td> and &amp; and "double" and \'single\' quotes.',
    'item one </li></ul>',
    'Requires improvement cell with ]]> and <!-- a comment --> and &#39;',
    'Inadequate cell with <style>body{display:none}</style> text',
    'A note with <script>alert(3)</script> & "quotes"',
    'A supplied-title note with <script>alert(4)</script> & "quotes" \'too\'',
]

# How some of them must look in the page's source: escaped.
ESCAPED_IN_SOURCE = [
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '&lt;/td&gt;',
    '&amp;amp;',
    '&quot;double&quot; and &#39;single&#39; quotes',
    '&lt;a href=&quot;javascript:alert(1)&quot;&gt;',
]

# The glossary meanings, as the abbr title attributes must give them.
ABBREVIATION_TITLES = {
    'CIN': 'Child in need, a "quoted" <em>meaning</em> & more',
    'R&D': 'Research & development </abbr> "x" \'y\'',
    'XSS': "Cross-site <script>alert('xss')</script> scripting",
}


class PageReader(html.parser.HTMLParser):
    """Collects a page's elements, attributes, text and criteria rows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []            # (tag, attributes) in document order
        self.text = []                # text outside <style>
        self.abbreviations = []       # (text, title)
        self.rows = []                # per criteria-table body row: [th count, td count]
        self._stack = []
        self._abbr_title = None
        self._abbr_text = ''

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        attributes = dict(attrs)
        if tag == 'abbr':
            self._abbr_title, self._abbr_text = attributes.get('title'), ''
        if tag == 'tr' and self._in_criteria_body():
            self.rows.append([0, 0])
        if tag in ('th', 'td') and self._stack and self._stack[-1] == 'tr' and self._in_criteria_body():
            self.rows[-1][0 if tag == 'th' else 1] += 1
        if tag not in ('meta', 'col'):
            self._stack.append(tag)
        if tag == 'table':
            self._stack[-1] = 'table.criteria' if 'criteria' in attributes.get('class', '') else 'table'

    def handle_endtag(self, tag):
        if tag == 'abbr':
            self.abbreviations.append((self._abbr_text, self._abbr_title))
            self._abbr_title = None
        while self._stack:
            top = self._stack.pop()
            if top.split('.')[0] == tag:
                break

    def handle_data(self, data):
        if 'style' not in self._stack and 'title' not in self._stack:
            self.text.append(data)
        if self._abbr_title is not None:
            self._abbr_text += data

    def _in_criteria_body(self):
        """Whether the innermost table is a criteria table, in its <tbody>."""
        tables = [i for i, tag in enumerate(self._stack) if tag.startswith('table')]
        return bool(tables) and self._stack[tables[-1]] == 'table.criteria' and \
            'tbody' in self._stack[tables[-1]:]


def compile_all(rubricc, out_dir):
    """Runs rubricc on both test rubrics into a fresh out_dir; returns
    {file name: bytes}."""
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    result = subprocess.run([rubricc, '--emit', FORMATS, '-o', out_dir,
                             os.path.join(HERE, 'small.rubric'), os.path.join(HERE, 'adversarial.rubric')],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f'rubricc failed:\n{result.stderr}')
    outputs = {}
    for name in sorted(os.listdir(out_dir)):
        path = os.path.join(out_dir, name)
        if os.path.isfile(path):
            with open(path, 'rb') as output:
                outputs[name] = output.read()
    return outputs


def markup_checks(name, source, allowed_elements, scripts):
    """Escaping checks that hold for every page of the adversarial rubric."""
    page = PageReader()
    page.feed(source)
    page.close()
    checks = []
    foreign = sorted({tag for tag, _ in page.elements} - allowed_elements)
    checks.append((f'{name}: no element from author text', [f'element <{tag}>' for tag in foreign]))
    bad_attributes = []
    for tag, attributes in page.elements:
        for attribute, value in attributes:
            if attribute.startswith('on') or 'javascript:' in (value or '').lower():
                bad_attributes.append(f'<{tag} {attribute}="{value}">')
            if attribute == 'href' and ':' in value:
                bad_attributes.append(f'<{tag} href="{value}">: not a link within the output directory')
            if attribute == 'src':
                bad_attributes.append(f'<{tag} src="{value}">: an external resource')
    checks.append((f'{name}: no script or outside link in an attribute', bad_attributes))
    counts = []
    for tag in ('td', 'th', 'tr', 'table', 'p', 'li', 'ul', 'abbr', 'a', 'span', 'div', 'fieldset', 'label'):
        opened = len(re.findall(f'<{tag}[\\s>]', source))
        closed = source.count(f'</{tag}>')
        if opened != closed:
            counts.append(f'{opened} <{tag}> against {closed} </{tag}>')
    style = re.findall(r'<style>(.*?)</style>', source, re.S)
    script = re.findall(r'<script>(.*?)</script>', source, re.S)
    shape = [] if len(style) == 1 and len(script) == scripts else \
        [f'{len(style)} <style> and {len(script)} <script>, expected 1 and {scripts}']
    # A <style> may quote author text only as an escaped CSS string (no "<");
    # a <script> never holds any.
    leaks = [f'author text in a <style>: {bad!r}' for body in style for bad in ('<',) if bad in body] + \
        [f'author text in a <script>: {bad!r}' for body in script for bad in ('alert(', 'Bold', '<script', '</') if bad in body]
    checks.append((f'{name}: markup balanced; author text never in <style> or <script>', counts + shape + leaks))
    return checks


def link_target_problems(page):
    """The links "#id" of a read page whose id is on no element."""
    ids = {value for _, attributes in page.elements for attribute, value in attributes if attribute == 'id'}
    return [f'href="{value}": no such id' for _, attributes in page.elements for attribute, value in attributes
            if attribute == 'href' and value.startswith('#') and value[1:] not in ids]


def adversarial_checks(source):
    """The escaping checks on the adversarial page: (name, problems) pairs."""
    page = PageReader()
    page.feed(source)
    page.close()
    text = ' '.join(' '.join(page.text).split())
    checks = markup_checks('page', source, OWN_ELEMENTS, 0)
    links_out = [f'href="{value}"' for tag, attributes in page.elements for attribute, value in attributes
                 if attribute == 'href' and not value.startswith('#')]
    checks.append(('page: every link within the page', links_out))
    checks.append(('page: every link within the page has its target', link_target_problems(page)))
    running_head = re.search(r'@top-left \{ content: "(.*?)"; \}', source)
    wanted_head = 'Escaping \\3c script\\3e alert(1)\\3c /script\\3e  & \\"quotes\\" \'too\' \u00b7 1 \\3c i\\3e beta\\3c /i\\3e  &amp; more'
    checks.append(('page: the running header escaped as a CSS string',
                   [] if running_head and running_head.group(1) == wanted_head else
                   [f'found {running_head.group(1) if running_head else None!r}, expected {wanted_head!r}']))

    rows = [f'row {i + 1}: {th} th and {td} td' for i, (th, td) in enumerate(page.rows)
            if (th, td) != (1, 4)]
    if len(page.rows) != 3:
        rows.append(f'{len(page.rows)} criteria rows, expected 3')
    checks.append(('criteria tables keep their shape', rows))

    missing = [f'not shown as text: {wanted!r}' for wanted in SHOWN_AS_TEXT if wanted not in text]
    checks.append(('author strings shown as text', missing))

    unescaped = [f'not in the source: {wanted!r}' for wanted in ESCAPED_IN_SOURCE if wanted not in source]
    checks.append(('author strings escaped in the source', unescaped))

    wrong_titles = [f'<abbr> {abbr!r} titled {title!r}' for abbr, title in page.abbreviations
                    if ABBREVIATION_TITLES.get(abbr) != title]
    unmarked = [f'{abbr} never marked up' for abbr in ABBREVIATION_TITLES
                if abbr not in {found for found, _ in page.abbreviations}]
    checks.append(('abbreviations marked up with their meaning', wrong_titles + unmarked))
    return checks


def golden_check(name, actual, update):
    """Compares one output of the small example with its golden file."""
    golden_path = os.path.join(GOLDEN_DIR, name)
    if update:
        with open(golden_path, 'wb') as golden:
            golden.write(actual)
        return []
    try:
        with open(golden_path, 'rb') as golden:
            expected = golden.read()
    except FileNotFoundError:
        return [f'{golden_path} is missing: run with --update']
    if actual == expected:
        return []
    diff = difflib.unified_diff(expected.decode().splitlines(), actual.decode().splitlines(),
                                f'golden/{name}', 'rubricc output', lineterm='')
    return list(diff)[:60] + ['(run with --update after a deliberate change)']


def grade(grader, rubric_json, csv_text, out_dir, name):
    """Grades csv_text with rubric-grade; returns (status, result lines)."""
    path = os.path.join(out_dir, name)
    with open(path, 'w', encoding='utf-8') as audits:
        audits.write(csv_text)
    result = subprocess.run([grader, '--rubric', rubric_json, '-q', path], capture_output=True, text=True)
    return result.returncode, [json.loads(line) for line in result.stdout.splitlines()]


def csv_template_checks(grader, out_dir, outputs):
    """The small example's CSV template against the grader."""
    rubric = json.loads(outputs['html-small-example.json'])
    template = outputs['html-small-example-template.csv'].decode('utf-8')
    header, titles = list(csv.reader(io.StringIO(template)))
    criteria = [criterion['id'] for section in rubric['sections'] for criterion in section['criteria']]
    wanted = ['case', 'rubric', 'auditor', 'date'] + criteria + \
        [f'section:{section["id"]}' for section in rubric['sections']] + ['overall'] + \
        [f'comment:{criterion}' for criterion in criteria] + \
        [f'comment:section:{section["id"]}' for section in rubric['sections']] + ['comment:overall']
    checks = [('CSV template: the header row the grader reads',
               [] if header == wanted else [f'header {header}', f'expected {wanted}'])]
    problems = [] if len(titles) == len(header) else [f'{len(titles)} titles for {len(header)} columns']
    if not titles[0].startswith('# '):
        problems.append(f'the titles row does not start with "# ": {titles[0]!r}')
    if not any(title.startswith('Voice of the child (section 1): ') and title.endswith(' or NA')
               for title in titles):
        problems.append(f'no title "Voice of the child (section 1): ... or NA" in {titles}')
    checks.append(('CSV template: a title for every column', problems))

    values = {'case': 'CSV-1', 'rubric': rubric['id'], 'auditor': 'A', 'date': '2026-01-02',
              'safety': 'P', 'voice': 'NA', 'review-one': 'M', 'review-two': 'N'}
    row = ','.join(values.get(column, '') for column in header)
    rubric_json = os.path.join(out_dir, 'html-small-example.json')
    out_dir = os.path.join(out_dir, '..', 'grading')
    os.makedirs(out_dir, exist_ok=True)
    lines = template.splitlines()
    status, results = grade(grader, rubric_json, '\n'.join([lines[0], row]) + '\n', out_dir, 'deleted.csv')
    problems = [] if status == 0 and len(results) == 1 and results[0].get('overall') else \
        [f'exit {status}, results {results}']
    checks.append(('CSV template: a filled row grades once the titles row is deleted', problems))
    status, results = grade(grader, rubric_json, '\n'.join([lines[0], lines[1], row]) + '\n', out_dir, 'kept.csv')
    problems = [] if status == 0 and len(results) == 1 and results[0].get('overall') else \
        [f'exit {status}, results {results}']
    checks.append(('CSV template: a filled row grades with the titles row kept', problems))
    status, results = grade(grader, rubric_json, '\n'.join([lines[0], lines[1], row, lines[1]]) + '\n', out_dir,
                            'late.csv')
    errors = [result for result in results if 'error' in result]
    problems = [] if status == 1 and len(results) == 2 and len(errors) == 1 and errors[0]['line'] == 4 \
        else [f'exit {status}, results {results}']
    checks.append(('CSV template: a "#" row after the first audit is an audit, reported', problems))
    return checks


def name_clash_check(rubricc, out_dir):
    """A rubric whose guidance page would be index.html: refused, said."""
    shutil.rmtree(out_dir, ignore_errors=True)
    with open(os.path.join(HERE, 'small.rubric'), encoding='utf-8') as small:
        text = small.read().replace('rubric: html-small-example', 'rubric: index')
    result = subprocess.run([rubricc, '--emit', 'html,index', '-o', out_dir, '-'], input=text,
                            capture_output=True, text=True)
    wanted = (f"rubricc: error: rubric 'index' has its guidance page at '{out_dir}/index.html', where the page about "
              "all the rubrics goes; index.html is not written (give the rubric another id)\n")
    with open(os.path.join(out_dir, 'index.html'), encoding='utf-8') as page:
        kept = 'Grading guidance' in page.read()
    return [] if result.returncode == 1 and result.stderr == wanted and kept else \
        [f'exit {result.returncode}, stderr {result.stderr!r}, guidance page kept: {kept}']


def browser_tools_checks(rubricc, update, out_dir):
    """The index links to the offline pages (web/) only when they are in
    the output directory before it is written: both there, its section is
    the golden index-with-pages.html; only the results page, only that one
    is linked; none, no section (the golden index.html)."""
    checks = []
    for pages, golden in ((('studio.html', 'results.html'), 'index-with-pages.html'),
                          (('results.html',), None), ((), None)):
        shutil.rmtree(out_dir, ignore_errors=True)
        os.makedirs(out_dir)
        for page in pages:
            with open(os.path.join(out_dir, page), 'w', encoding='utf-8') as placeholder:
                placeholder.write('<!DOCTYPE html><title>page</title>\n')
        result = subprocess.run([rubricc, '--emit', 'html,index', '-o', out_dir, os.path.join(HERE, 'small.rubric')],
                                capture_output=True, text=True)
        if result.returncode != 0:
            checks.append((f'index beside {pages}', [result.stderr]))
            continue
        with open(os.path.join(out_dir, 'index.html'), 'rb') as index:
            text = index.read()
        linked = tuple(name for name in ('studio.html', 'results.html') if f'href="{name}"'.encode() in text)
        problems = [] if linked == pages else [f'links {linked}, wanted {pages}']
        if not pages and b'browser-tools' in text:
            problems.append('a section on the offline pages with none there')
        if golden is not None:
            problems += golden_check(golden, text, update)
        checks.append((f'index beside {" and ".join(pages) or "no offline page"}: links to those only', problems))
    # A rubric whose id is "studio": its own guidance page, studio.html,
    # is not taken for the offline page.
    shutil.rmtree(out_dir, ignore_errors=True)
    with open(os.path.join(HERE, 'small.rubric'), encoding='utf-8') as small:
        text = small.read().replace('rubric: html-small-example', 'rubric: studio')
    result = subprocess.run([rubricc, '--emit', 'html,index', '-o', out_dir, '-'], input=text,
                            capture_output=True, text=True)
    index = ''
    if os.path.exists(os.path.join(out_dir, 'index.html')):
        with open(os.path.join(out_dir, 'index.html'), encoding='utf-8') as page:
            index = page.read()
    checks.append(('a rubric with id "studio": its guidance page linked, not taken for the rubric studio',
                   [] if result.returncode == 0 and 'href="studio.html">Guidance page' in index
                   and 'browser-tools' not in index else
                   [f'exit {result.returncode}, stderr {result.stderr!r}, section: {"browser-tools" in index}']))
    return checks


def example_checks(rubricc, out_dir):
    """The worked examples' pages show what their v2 constructs mean: the
    scores between the anchors, weights, bands, checklists with their
    answers, conditional limits, and the form's answer choices and case
    type."""
    shutil.rmtree(out_dir, ignore_errors=True)
    examples = os.path.join(HERE, '..', '..', 'rubrics', 'examples')
    rubrics = sorted(os.path.join(examples, name) for name in os.listdir(examples) if name.endswith('.rubric'))
    result = subprocess.run([rubricc, '--emit', 'html,form', '-o', out_dir] + rubrics,
                            capture_output=True, text=True)
    if result.returncode != 0:
        return [('worked examples compile', [result.stderr])]
    wanted = {
        'example-scaling-audit.html': ['Between the anchors: see 10 and 5', 'Between the anchors: see 5 and 0',
                                       'Reporting bands', 'the mean (the average',
                                       'an exact half goes to the better grade',
                                       'can be no better than Some concerns: practice is safe but not yet good (5) when'],
        'example-compliance-and-quality.html': ['>Checklist</strong>', 'Y</span> Yes (met)',
                                                'No statement: answer from the case record',
                                                'is answered No (N)', 'Not in the overall grade'],
        'example-cohort-key-judgements.html': ['Weight 2</strong>', 'Weight 1.5</strong>',
                                               'The overall grade is Inadequate (I) when',
                                               'is in the band \u201cBelow good\u201d'],
        'example-compliance-and-quality-form.html': ['name="grade:visit-within-timescale" value="Y"'],
        'example-cohort-key-judgements-form.html': ['name="case_type" value="LAC"',
                                                    'data-applies-to="CIN"'],
    }
    checks = []
    for name, texts in wanted.items():
        with open(os.path.join(out_dir, name), encoding='utf-8') as page:
            text = html.unescape(page.read())
        checks.append((f'worked example {name} shows its v2 constructs',
                       [f'missing: {wanted_text}' for wanted_text in texts if wanted_text not in text]))
    return checks


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--rubricc', required=True)
    parser.add_argument('--grader', required=True, help='rubric-grade, for the CSV template')
    parser.add_argument('--out', required=True, help='where to write the outputs')
    parser.add_argument('--update', action='store_true', help='rewrite the golden files')
    arguments = parser.parse_args()

    outputs = compile_all(arguments.rubricc, os.path.join(arguments.out, 'first'))
    again = compile_all(arguments.rubricc, os.path.join(arguments.out, 'again'))

    checks = adversarial_checks(outputs['html-adversarial.html'].decode('utf-8'))
    for name, elements, scripts in (('html-adversarial-form.html', OWN_ELEMENTS | FORM_ELEMENTS, 1),
                                     ('index.html', OWN_ELEMENTS, 0), ('crosswalk.html', OWN_ELEMENTS, 0)):
        checks += markup_checks(name, outputs[name].decode('utf-8'), elements, scripts)
    small = PageReader()
    small.feed(outputs['html-small-example.html'].decode('utf-8'))
    checks.append(('small example page: every link within the page has its target', link_target_problems(small)))
    for name in GOLDEN_FILES:
        checks.append((f'golden {name}' + (' (updated)' if arguments.update else ''),
                       golden_check(name, outputs[name], arguments.update)))
    checks += csv_template_checks(arguments.grader, os.path.join(arguments.out, 'first'), outputs)
    checks.append(('a rubric with id "index": its page kept, the index refused with a message',
                   name_clash_check(arguments.rubricc, os.path.join(arguments.out, 'clash'))))
    checks += browser_tools_checks(arguments.rubricc, arguments.update, os.path.join(arguments.out, 'tools'))
    checks += example_checks(arguments.rubricc, os.path.join(arguments.out, 'examples'))
    checks.append(('deterministic output', [] if again == outputs else
                   [f'{name} differs between two runs' for name in outputs if again.get(name) != outputs[name]]))

    failed = 0
    for name, problems in checks:
        print(f'{"ok" if not problems else "FAIL"}: {name}')
        for problem in problems:
            print(f'  {problem}')
        failed += bool(problems)
    print(f'html: {len(checks) - failed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
