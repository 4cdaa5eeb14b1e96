#!/usr/bin/env python3
"""check_layout.py — the source layout's rules, checked on every `make check`.

The tree is split into folders with one job each (see compiler/README.md and
runtime/README.md). The Makefile compiles each folder with the include paths
of the folders it may use, which stops most wrong-way dependencies at compile
time; this script states the rules once more as a table and also checks what
the compiler cannot:

  - a file includes headers only from its own folder and the folders its
    folder may depend on (a header found anywhere else is a wrong-way arrow);
  - no include cycle between modules (a module is X.c with its X.h), and
    no cycle of calls between object files (read with nm from the build:
    a.o uses a name b.o defines, and b.o one a.o defines), so each
    folder's files depend on each other one way too;
  - no C file over MAX_LINES lines;
  - every source folder has a README.md, and every C file opens with a
    comment saying what it does.

Prints one line per problem and "layout: N passed, M failed".
"""
import os
import re
import sys

MAX_LINES = 1200

# Folder -> the folders whose headers it may include (besides its own).
# Generated headers (parser.h, lexer.h) belong to the front end.
MAY_USE = {
    "common": [],
    "runtime/lib": [],
    "runtime/cli": ["runtime/lib", "common"],
    "compiler/front": ["runtime/lib"],
    "compiler/emit": ["compiler/front", "runtime/lib", "common"],
    "compiler/tools": ["compiler/emit", "compiler/front", "runtime/lib", "common"],
    "compiler/lsp": ["compiler/tools", "compiler/emit", "compiler/front", "runtime/lib", "common"],
    "compiler/cli": ["compiler/lsp", "compiler/tools", "compiler/emit", "compiler/front",
                     "runtime/lib", "common"],
}
GENERATED = {"parser.h": "compiler/front", "lexer.h": "compiler/front", "form_script.h": "compiler/emit",
             "form_grade_script.h": "compiler/emit"}
FOLDERS_WITH_README = list(MAY_USE) + ["compiler", "runtime", "grammar", "tests", "bench",
                                       "scripts", "docs", "rubrics", "examples", "editors",
                                       "wasm", "web", "python", "completion", "docs/man"]

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def object_cycles(build):
    """Cycles of calls between the object files of the source folders."""
    import subprocess
    objects = []
    for folder in MAY_USE:
        where = os.path.join(build, folder)
        if os.path.isdir(where):
            objects += [os.path.join(where, name) for name in sorted(os.listdir(where)) if name.endswith(".o")]
    defined, used = {}, {}
    for path in objects:
        listing = subprocess.run(["nm", path], capture_output=True, text=True, check=True).stdout
        name = os.path.relpath(path, build)
        used[name] = set()
        for line in listing.splitlines():
            fields = line.split()
            if len(fields) == 3 and fields[1] in "TDBRC":
                defined[fields[2]] = name
            elif len(fields) == 2 and fields[0] == "U":
                used[name].add(fields[1])
    edges = {name: sorted({defined[symbol] for symbol in symbols if symbol in defined} - {name})
             for name, symbols in used.items()}
    found, state = [], {}
    def visit(node, trail):
        state[node] = "open"
        for nxt in edges.get(node, ()):
            if state.get(nxt) == "open":
                found.append("call cycle: " + " -> ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"
    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    os.chdir(root)
    passed = failed = 0
    problems = []

    # Where each header lives.
    home = dict(GENERATED)
    files = []
    for folder in MAY_USE:
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith((".c", ".h")):
                files.append((folder, name))
                if name.endswith(".h"):
                    if name in home and home[name] != folder:
                        problems.append(f"{folder}/{name}: a header of this name is also in {home[name]}")
                    home[name] = folder

    edges = {}
    for folder, name in files:
        path = f"{folder}/{name}"
        text = open(path, encoding="utf-8").read()
        module = f"{folder}/{os.path.splitext(name)[0]}"
        lines = text.count("\n")
        if name.endswith(".c") and lines > MAX_LINES:
            problems.append(f"{path}: {lines} lines, over {MAX_LINES}: split it by job")
        if not text.lstrip().startswith("/*"):
            problems.append(f"{path}: does not open with a comment saying what it does")
        for header in INCLUDE.findall(text):
            where = home.get(os.path.basename(header))
            if where is None:
                problems.append(f"{path}: includes \"{header}\", which is in no source folder")
                continue
            if where != folder and where not in MAY_USE[folder]:
                problems.append(f"{path}: includes {where}/{header}, but {folder} may not depend on {where}")
            target = f"{where}/{os.path.splitext(os.path.basename(header))[0]}"
            if target != module:
                edges.setdefault(module, set()).add(target)

    # Cycles between modules: depth-first search with colours.
    state = {}
    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                cycle = trail[trail.index(nxt):] + [nxt]
                problems.append("include cycle: " + " -> ".join(cycle))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"
    for node in sorted(edges):
        if node not in state:
            visit(node, [node])

    build = sys.argv[2] if len(sys.argv) > 2 else None
    if build:
        problems.extend(object_cycles(build))

    for folder in FOLDERS_WITH_README:
        if os.path.isdir(folder) and not os.path.isfile(f"{folder}/README.md"):
            problems.append(f"{folder}/: no README.md saying what it holds and what it may use")

    checks = len(files) * 3 + len(FOLDERS_WITH_README)
    failed = len(problems)
    passed = max(checks - failed, 0)
    for problem in problems:
        print("FAIL: " + problem)
    print(f"layout: {passed} passed, {failed} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
