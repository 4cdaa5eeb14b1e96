#!/usr/bin/python3
"""check_print.py — the report's one-page summary prints alone on A4.

For each PDF that tests/html/review.mjs printed from a results page
(Chromium, A4), reads the first two pages with poppler's pdftotext: the
first must hold the page's header and the whole summary ("The round at a
glance", down to its table of overall grades), the second must begin
with the part after it ("Overall grades"), so that the summary can be
printed on its own and handed to a head of service.

Usage: check_print.py PAGE.pdf...
"""
import subprocess
import sys


def page_text(pdf, number):
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), pdf, "-"],
                          capture_output=True, text=True, check=True).stdout


def main(pdfs):
    failed = 0
    for pdf in pdfs:
        first, second = page_text(pdf, 1), page_text(pdf, 2)
        problems = []
        if "Audit results:" not in first or "The round at a glance" not in first:
            problems.append("page 1 does not start with the header and the summary")
        if "Overall grades counted" not in first or ("to escalate" not in first):
            problems.append("the summary does not end on page 1")
        if not second.lstrip().startswith("Overall grades"):
            problems.append("page 2 does not start with the overall grades: %r" % second.lstrip()[:40])
        failed += bool(problems)
        print("%s: %s" % ("FAIL" if problems else "ok", pdf) + "".join("\n  " + p for p in problems))
    print("report-print: %d passed, %d failed" % (len(pdfs) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
