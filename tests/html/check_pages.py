#!/usr/bin/env python3
"""check_pages.py — the guidance page emitter's own tests (tests/html.mk).

  python3 tests/html/check_pages.py --rubricc build/rubricc --out DIR [--update]

Compiles two rubrics with `rubricc --emit html`:
  - tests/html/adversarial.rubric, whose prose holds markup, entity
    references, quotes and javascript: links in every kind of author string:
    the page must hold none of it as markup, only as escaped text, and must
    show every piece of it as text;
  - tests/html/small.rubric, compared byte for byte with the golden page
    tests/html/golden/html-small-example.html (--update rewrites the golden
    page after a deliberate change, then review it with git diff).
Both pages are also compiled twice to prove the output deterministic.
Prints one line per check and a closing "html: N passed, M failed".
"""
import argparse
import difflib
import html.parser
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, 'golden', 'html-small-example.html')

# The only elements the emitter writes; author text must never add one.
OWN_ELEMENTS = {
    'html', 'head', 'meta', 'title', 'style', 'body', 'a', 'header', 'div', 'p', 'main', 'span',
    'h1', 'h2', 'h3', 'dl', 'dt', 'dd', 'time', 'code', 'nav', 'ol', 'ul', 'li', 'table', 'caption',
    'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td', 'section', 'strong', 'abbr', 'footer',
}

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


def compile_page(rubricc, rubric, out_dir):
    """Runs rubricc --emit html; returns the page's bytes."""
    result = subprocess.run([rubricc, '--emit', 'html', '-o', out_dir, rubric],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f'rubricc failed on {rubric}:\n{result.stderr}')
    rubric_id = next(line.split(':', 1)[1].strip() for line in open(rubric, encoding='utf-8')
                     if line.startswith('rubric:'))
    with open(os.path.join(out_dir, rubric_id + '.html'), 'rb') as page:
        return page.read()


def adversarial_checks(source):
    """The escaping checks on the adversarial page: (name, problems) pairs."""
    page = PageReader()
    page.feed(source)
    page.close()
    text = ' '.join(' '.join(page.text).split())
    checks = []

    foreign = sorted({tag for tag, _ in page.elements} - OWN_ELEMENTS)
    checks.append(('no element from author text', [f'element <{tag}>' for tag in foreign]))

    bad_attributes = []
    for tag, attributes in page.elements:
        for name, value in attributes:
            if name.startswith('on') or 'javascript:' in (value or '').lower():
                bad_attributes.append(f'<{tag} {name}="{value}">')
            if name == 'href' and not value.startswith('#'):
                bad_attributes.append(f'<{tag} href="{value}">: not a link within the page')
            if name == 'src':
                bad_attributes.append(f'<{tag} src="{value}">: an external resource')
    checks.append(('no script or outside link in an attribute', bad_attributes))

    counts = []
    for tag in ('td', 'th', 'tr', 'table', 'p', 'li', 'ul', 'abbr', 'a', 'span', 'div'):
        opened = len(re.findall(f'<{tag}[\\s>]', source))
        closed = source.count(f'</{tag}>')
        if opened != closed:
            counts.append(f'{opened} <{tag}> against {closed} </{tag}>')
    one_style = [] if source.count('<style') == 1 and source.count('<script') == 0 else \
        [f'{source.count("<style")} <style> and {source.count("<script")} <script> in the source']
    checks.append(('markup balanced, one <style>, no <script>', counts + one_style))

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


def golden_check(actual, update):
    """Compares the small example's page with the golden file."""
    if update:
        with open(GOLDEN, 'wb') as golden:
            golden.write(actual)
        return []
    try:
        with open(GOLDEN, 'rb') as golden:
            expected = golden.read()
    except FileNotFoundError:
        return [f'{GOLDEN} is missing: run with --update']
    if actual == expected:
        return []
    diff = difflib.unified_diff(expected.decode().splitlines(), actual.decode().splitlines(),
                                'golden/html-small-example.html', 'rubricc output', lineterm='')
    return list(diff)[:60] + ['(run with --update after a deliberate change)']


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--rubricc', required=True)
    parser.add_argument('--out', required=True, help='where to write the pages')
    parser.add_argument('--update', action='store_true', help='rewrite the golden page')
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    again = os.path.join(arguments.out, 'again')
    os.makedirs(again, exist_ok=True)

    adversarial = os.path.join(HERE, 'adversarial.rubric')
    small = os.path.join(HERE, 'small.rubric')
    adversarial_page = compile_page(arguments.rubricc, adversarial, arguments.out)
    small_page = compile_page(arguments.rubricc, small, arguments.out)

    checks = adversarial_checks(adversarial_page.decode('utf-8'))
    checks.append(('golden page of the small example' + (' (updated)' if arguments.update else ''),
                   golden_check(small_page, arguments.update)))
    same = compile_page(arguments.rubricc, adversarial, again) == adversarial_page and \
        compile_page(arguments.rubricc, small, again) == small_page
    checks.append(('deterministic output', [] if same else ['two runs gave different pages']))

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
