#!/usr/bin/env python3
"""keywords.py: the language server's keyword table (compiler/front/keywords.c)
lists exactly the entry names the scanner (grammar/lexer.l) knows.

Every quoted pattern that starts a rule of the scanner's ENTRY state is an
entry name ("key"{SP}+"factors"{COLON} is "key factors"; {SECTIONREF} is
N). A keyword added to the scanner but not to the table (so completion
would not offer it), or one left in the table after leaving the scanner,
fails this test with its name. Run from the repository root.
"""
import re
import sys

lexer = open("grammar/lexer.l", encoding="utf-8").read()
entry = lexer[lexer.index("<ENTRY>{"):]
entry = entry[:entry.index("\n}\n")]
scanner = set()
for line in entry.splitlines():
    match = re.match(r'^("[^"]+"(?:\{SP\}\+(?:"[^"]+"|\{SECTIONREF\}))*)', line)
    if match:
        words = re.findall(r'"([^"]+)"|\{SECTIONREF\}', match.group(1))
        scanner.add(" ".join(word or "N" for word in words))

# The table is language_keywords[] alone: keywords.c also holds other
# tables (the old and guessed spellings the diagnostics explain).
table_source = open("compiler/front/keywords.c", encoding="utf-8").read()
table_source = table_source[table_source.index("language_keywords[] = {"):]
table_source = table_source[:table_source.index("\n};\n")]
table = set(re.findall(r'^\s*\{"([^"]+)",', table_source, re.M))

problems = []
for name in sorted(scanner - table):
    problems.append("'%s' is an entry name in grammar/lexer.l but not in compiler/front/keywords.c: "
                    "add it to language_keywords so completion offers it" % name)
for name in sorted(table - scanner):
    problems.append("'%s' is in compiler/front/keywords.c but grammar/lexer.l has no such entry name"
                    % name)
for problem in problems:
    print("FAIL keywords: " + problem)
print("keywords: %d entry names, %d in the table, %d problems"
      % (len(scanner), len(table), len(problems)))
sys.exit(1 if problems else 0)
