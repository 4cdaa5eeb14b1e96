#!/usr/bin/python3
"""run-doctest.py — run the command examples of the documentation.

Every fenced code block of README.md and docs/**/*.md that shows a command
is either run here, its output compared with what the block shows, or
marked as only illustrative; so an example in the docs can neither fail
when copied nor go stale. Run by `make check-docs` (tests/docs.mk). The
convention, which docs/testing.md explains to authors:

  ```console        lines starting "$ " are commands (a line ending in a
                    backslash goes on over the next); the lines after a
                    command, up to the next "$ ", are its expected output,
                    stdout and stderr together. A line "..." alone stands
                    for any number of lines. The exit status is not
                    compared, but a command killed by a signal fails.
  <!-- illustrative -->
                    before a block: not run (a fresh machine's apt-get,
                    `make install` as root, a synopsis).
  <!-- file: NAME -->
                    before any block: its text is written to NAME in the
                    scratch folder, for the commands after it to use.

A ```sh, ```shell or ```bash block, or any block whose first line starts
"$ ", that is not marked is an error: the runner cannot tell whether it
is meant to run.

Each markdown file gets a fresh scratch folder (under BUILD/doctest/),
holding copies of rubrics/ and examples/, build/rubrics/<id>.json (the
shipped rubrics compiled) and build/rubricc, build/rubric-grade (links to
the programs just built), as after `make`; and build/web/studio.html,
build/web/results.html (the offline pages) when this build made them
(the WebAssembly build): without them, a block whose commands name
build/web/ is counted as skipped, not run. Its blocks run in order in
that folder, so a later block sees the files an earlier one made. The
programs are first on PATH, and pkg-config finds a rubric.pc for the
library of the build tree. A scratch folder is removed when its file
passes and left for inspection when it fails.

Usage: run-doctest.py --build BUILD --library ARCHIVE [--libs LIBS]
                      [--rubric-json FILE]... [FILE...]
Prints each failing block with FILE:LINE, expected and actual output (a
unified diff), then "docs: N passed, M failed"; exits 1 when any failed.
"""

import argparse
import difflib
import glob
import os
import re
import shutil
import subprocess
import sys
import time

COMMAND_LANGUAGES = {"console", "sh", "shell", "bash", "shell-session", "zsh"}
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)")
MARKER = re.compile(r"^\s*<!--\s*(?P<what>illustrative|file:\s*(?P<name>\S+))\s*-->\s*$")
COMMAND_TIMEOUT = 60


class Block:
    """One fenced code block: where it is, its language, marker and text."""

    def __init__(self, path, line, language, marker, file_name, lines):
        self.path = path
        self.line = line
        self.language = language
        self.marker = marker
        self.file_name = file_name
        self.lines = lines

    @property
    def where(self):
        return "%s:%d" % (self.path, self.line)


def read_blocks(path):
    """The fenced blocks of a markdown file, each with the marker (an HTML
    comment on the nearest non-blank line before its fence), if any."""
    with open(path, encoding="utf-8") as source:
        lines = source.read().split("\n")
    blocks = []
    index = 0
    last_text = None  # the nearest non-blank line before the current one
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            if lines[index].strip():
                last_text = lines[index]
            index += 1
            continue
        indent = len(match.group("indent"))
        fence = match.group("fence")
        language = match.group("info").lower()
        marker = file_name = None
        if last_text is not None:
            marker_match = MARKER.match(last_text)
            if marker_match:
                marker = "file" if marker_match.group("name") else "illustrative"
                file_name = marker_match.group("name")
        start = index + 1
        body = []
        index += 1
        while index < len(lines):
            closing = lines[index].strip()
            if closing.startswith(fence[0] * len(fence)) and not closing.strip(fence[0]):
                break
            text = lines[index]
            # A block inside a list item is indented like its fence.
            body.append(text[indent:] if text[:indent].strip() == "" else text.lstrip())
            index += 1
        blocks.append(Block(path, start, language, marker, file_name, body))
        last_text = None
        index += 1
    return blocks


def parse_console(block):
    """[(command, expected lines)] of a ```console block, or an error."""
    steps = []
    lines = list(block.lines)
    position = 0
    while position < len(lines) and not lines[position].strip():
        position += 1
    if position < len(lines) and not lines[position].startswith("$ "):
        return None, "its first line is not a command (\"$ \")"
    while position < len(lines):
        line = lines[position]
        if line.startswith("$ "):
            command = line[2:]
            while command.endswith("\\") and position + 1 < len(lines):
                position += 1
                command += "\n" + lines[position]
            steps.append((command, []))
        else:
            steps[-1][1].append(line)
        position += 1
    if not steps:
        return None, "it holds no command"
    return steps, None


def normalise(lines):
    """Lines compared without trailing spaces or trailing blank lines."""
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(expected, actual):
    """Whether actual fits expected, where a line "..." stands for any lines."""
    segments = [[]]
    for line in expected:
        if line == "...":
            segments.append([])
        else:
            segments[-1].append(line)
    if len(segments) == 1:
        return expected == actual
    first, middle, last = segments[0], segments[1:-1], segments[-1]
    if actual[:len(first)] != first:
        return False
    position = len(first)
    end = len(actual) - len(last)
    if end < position or (last and actual[end:] != last):
        return False
    for segment in middle:
        if not segment:
            continue
        found = None
        for start in range(position, end - len(segment) + 1):
            if actual[start:start + len(segment)] == segment:
                found = start
                break
        if found is None:
            return False
        position = found + len(segment)
    return True


def prepare_scratch(scratch, options):
    """A fresh scratch folder laid out as a checkout after `make`."""
    if os.path.exists(scratch):
        shutil.rmtree(scratch)
    os.makedirs(scratch)
    for folder in ("rubrics", "examples"):
        shutil.copytree(os.path.join(options.root, folder), os.path.join(scratch, folder))
    build = os.path.join(scratch, "build")
    os.makedirs(os.path.join(build, "rubrics"))
    for program in ("rubricc", "rubric-grade"):
        os.symlink(os.path.abspath(os.path.join(options.build, program)), os.path.join(build, program))
    for rubric in options.rubric_json:
        shutil.copy(rubric, os.path.join(build, "rubrics"))
    pages = web_pages(options)
    if pages:
        os.makedirs(os.path.join(build, "web"))
        for page in pages:
            os.symlink(page, os.path.join(build, "web", os.path.basename(page)))
    os.makedirs(os.path.join(scratch, ".home"))


def web_pages(options):
    """The offline pages this build made (web/web.mk), all or none."""
    pages = [os.path.abspath(os.path.join(options.build, "web", name)) for name in ("studio.html", "results.html")]
    return pages if all(os.path.isfile(page) for page in pages) else []


def prepare_tools(tools, options):
    """A bin folder with the programs, and a prefix holding the library's
    header, archive and a rubric.pc made from runtime/lib/rubric.pc.in, so
    that `pkg-config --cflags --libs rubric` works as after `make install`."""
    if os.path.exists(tools):
        shutil.rmtree(tools)
    for folder in ("bin", "include", "lib/pkgconfig"):
        os.makedirs(os.path.join(tools, folder))
    for program in ("rubricc", "rubric-grade"):
        os.symlink(os.path.abspath(os.path.join(options.build, program)), os.path.join(tools, "bin", program))
    for header in glob.glob(os.path.join(options.root, "runtime", "lib", "*.h")):
        os.symlink(os.path.abspath(header), os.path.join(tools, "include", os.path.basename(header)))
    os.symlink(os.path.abspath(options.library), os.path.join(tools, "lib", "librubric.a"))
    with open(os.path.join(options.root, "runtime", "lib", "rubric.pc.in"), encoding="utf-8") as template:
        text = template.read().replace("@PREFIX@", tools).replace("@VERSION@", "0")
    if options.libs:
        # The build's own link line for the library's dependencies, which
        # may differ from the installed file's on this machine.
        text = re.sub(r"(?m)^Libs: .*$", "Libs: -L${libdir} -lrubric " + options.libs, text)
    with open(os.path.join(tools, "lib", "pkgconfig", "rubric.pc"), "w", encoding="utf-8") as pc:
        pc.write(text)


def environment(scratch, tools):
    env = {
        "PATH": os.path.join(tools, "bin") + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.path.join(scratch, ".home"),
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "PKG_CONFIG_PATH": os.path.join(tools, "lib", "pkgconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Quality Assurance",
        "GIT_AUTHOR_EMAIL": "qa@example.org",
        "GIT_COMMITTER_NAME": "Quality Assurance",
        "GIT_COMMITTER_EMAIL": "qa@example.org",
    }
    for name in ("CC", "TMPDIR"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def run_command(command, scratch, env):
    """Run one command with sh in the scratch folder: (output lines, error)."""
    try:
        finished = subprocess.run(["sh", "-c", command], cwd=scratch, env=env,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired as expired:
        output = (expired.output or b"").decode("utf-8", "replace")
        return output.split("\n"), "timed out after %d s" % COMMAND_TIMEOUT
    output = finished.stdout.decode("utf-8", "replace").split("\n")
    if finished.returncode < 0 or finished.returncode >= 128:
        return output, "killed (exit status %d)" % finished.returncode
    return output, None


def report_failure(block, command, expected, actual, problem):
    print("FAIL %s: %s" % (block.where, problem))
    if command is not None:
        print("  command: $ %s" % command.replace("\n", "\n  "))
    if expected is not None:
        diff = difflib.unified_diff(expected, actual, "expected", "actual", lineterm="")
        for line in diff:
            print("  " + line)


def run_file(path, options, counts):
    blocks = read_blocks(path)
    relevant = [b for b in blocks if b.marker or b.language in COMMAND_LANGUAGES
                or (b.lines and b.lines[0].startswith("$ "))]
    if not relevant:
        return
    slug = re.sub(r"[^A-Za-z0-9]+", "-", os.path.relpath(path, options.root)).strip("-")
    scratch = os.path.abspath(os.path.join(options.build, "doctest", slug))
    tools = os.path.abspath(os.path.join(options.build, "doctest", ".tools"))
    prepare_scratch(scratch, options)
    env = environment(scratch, tools)
    failed_before = counts["failed"]
    for block in relevant:
        if block.marker == "illustrative":
            counts["illustrative"] += 1
            continue
        if block.marker == "file":
            if block.language == "console":
                counts["failed"] += 1
                report_failure(block, None, None, None, "a ```console block cannot be a file")
                continue
            target = os.path.normpath(os.path.join(scratch, block.file_name))
            if not target.startswith(scratch + os.sep):
                counts["failed"] += 1
                report_failure(block, None, None, None, "file %s is outside the scratch folder" % block.file_name)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as written:
                written.write("\n".join(normalise(block.lines)) + "\n")
            counts["files"] += 1
            continue
        if not web_pages(options) and any("build/web/" in line for line in block.lines):
            counts["skipped"] += 1
            continue
        if block.language != "console":
            counts["failed"] += 1
            report_failure(block, None, None, None,
                           "a ```%s block showing commands is neither run nor marked: write it as "
                           "```console with each command's output, or put <!-- illustrative --> "
                           "before it" % (block.language or "(plain)"))
            continue
        steps, problem = parse_console(block)
        if problem:
            counts["failed"] += 1
            report_failure(block, None, None, None, "a ```console block that cannot be run: " + problem)
            continue
        passed = True
        for command, expected in steps:
            actual, problem = run_command(command, scratch, env)
            expected, actual = normalise(expected), normalise(actual)
            if problem:
                report_failure(block, command, expected, actual, problem)
                passed = False
                break
            if not matches(expected, actual):
                report_failure(block, command, expected, actual, "the output differs")
                passed = False
                break
        counts["passed" if passed else "failed"] += 1
    if counts["failed"] == failed_before:
        shutil.rmtree(scratch)
    else:
        print("  (scratch folder kept: %s)" % scratch)


def main():
    parser = argparse.ArgumentParser(description="Run the command examples of the docs.")
    parser.add_argument("--build", required=True, help="the build folder (BUILD)")
    parser.add_argument("--library", required=True, help="the library archive to link examples with")
    parser.add_argument("--libs", default="", help="the libraries the archive needs")
    parser.add_argument("--rubric-json", action="append", default=[],
                        help="a shipped rubric's compiled JSON, for build/rubrics/ (repeatable)")
    parser.add_argument("files", nargs="*", help="markdown files (default: README.md and docs/**/*.md)")
    options = parser.parse_args()
    options.root = os.getcwd()
    files = options.files or (["README.md"] + sorted(glob.glob("docs/**/*.md", recursive=True)))
    counts = {"passed": 0, "failed": 0, "illustrative": 0, "files": 0, "skipped": 0}
    started = time.monotonic()
    prepare_tools(os.path.abspath(os.path.join(options.build, "doctest", ".tools")), options)
    for path in files:
        run_file(path, options, counts)
    print("docs: %d files of the docs, %d blocks written as files, %d illustrative, %.1f s"
          % (len(files), counts["files"], counts["illustrative"], time.monotonic() - started))
    if counts["skipped"]:
        print("docs: %d blocks skipped: they use the offline pages (build/web/), which this build "
              "did not make (no WebAssembly toolchain)" % counts["skipped"])
    print("docs: %d passed, %d failed" % (counts["passed"], counts["failed"]))
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
