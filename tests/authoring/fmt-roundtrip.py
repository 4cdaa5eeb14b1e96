#!/usr/bin/env python3
"""fmt-roundtrip.py — rubricc fmt on every valid rubric of the repository.

For each rubric given: the formatted text compiles to the same JSON as the
original once source positions are taken out, formatting the formatted
text changes nothing (idempotent), and every comment line of the original
is still there (an entry moved into the canonical order takes the
comments above it along, so their order may change; their number may
not). The formatted copy is written beside the original under a hidden name (so its includes resolve the same way).
A file that is only included (no "rubric:" line) is given as
PART=INCLUDER: the including rubric's folder is copied to the scratch
folder, the part formatted there, and the includer compiled both ways.

usage: fmt-roundtrip.py RUBRICC SCRATCH RUBRIC|PART=INCLUDER...
"""
import json
import os
import shutil
import subprocess
import sys


def compile_json(rubricc, path, scratch):
    out = os.path.join(scratch, "json")
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run([rubricc, "--emit", "json", "-o", out, path],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise AssertionError(f"{path} does not compile:\n{run.stderr}")
    [name] = os.listdir(out)
    with open(os.path.join(out, name), encoding="utf-8") as f:
        return without_positions(json.load(f))


def without_positions(value):
    if isinstance(value, dict):
        return {k: without_positions(v) for k, v in value.items()
                if k not in ("source", "files")}
    if isinstance(value, list):
        return [without_positions(v) for v in value]
    return value


def fmt(rubricc, path):
    run = subprocess.run([rubricc, "fmt", path], capture_output=True)
    if run.returncode != 0:
        raise AssertionError(f"rubricc fmt {path} failed:\n{run.stderr.decode()}")
    return run.stdout


def comments(text):
    return sorted(line.strip() for line in text.decode("utf-8").split("\n")
                  if line.strip().startswith("#"))


def check_part(rubricc, scratch, part, includer):
    original = open(part, "rb").read()
    formatted = fmt(rubricc, part)
    base = os.path.dirname(includer) or "."
    copy_root = os.path.join(scratch, "tree")
    shutil.rmtree(copy_root, ignore_errors=True)
    shutil.copytree(base, copy_root)
    with open(os.path.join(copy_root, os.path.relpath(part, base)), "wb") as f:
        f.write(formatted)
    copy_includer = os.path.join(copy_root, os.path.basename(includer))
    if compile_json(rubricc, copy_includer, scratch) != compile_json(rubricc, includer, scratch):
        raise AssertionError(f"{part}: formatted, it makes {includer} compile differently")
    if fmt(rubricc, os.path.join(copy_root, os.path.relpath(part, base))) != formatted:
        raise AssertionError(f"{part}: formatting is not idempotent")
    if comments(formatted) != comments(original):
        raise AssertionError(f"{part}: a comment was lost")


def check(rubricc, scratch, path):
    if "=" in path:
        return check_part(rubricc, scratch, *path.split("=", 1))
    original = open(path, "rb").read()
    formatted = fmt(rubricc, path)
    copy = os.path.join(os.path.dirname(path) or ".", ".fmt-roundtrip-" + os.path.basename(path))
    try:
        with open(copy, "wb") as f:
            f.write(formatted)
        if compile_json(rubricc, copy, scratch) != compile_json(rubricc, path, scratch):
            raise AssertionError(f"{path}: the formatted rubric compiles to different JSON")
        again = fmt(rubricc, copy)
        if again != formatted:
            raise AssertionError(f"{path}: formatting is not idempotent")
    finally:
        os.unlink(copy)
    if comments(formatted) != comments(original):
        raise AssertionError(f"{path}: a comment was lost")


def main():
    rubricc, scratch, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(scratch, exist_ok=True)
    failures = 0
    for path in paths:
        try:
            check(rubricc, scratch, path)
        except AssertionError as error:
            print(f"FAIL {error}", file=sys.stderr)
            failures += 1
    print(f"fmt round trip: {len(paths) - failures} of {len(paths)} rubrics kept their meaning and comments")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
