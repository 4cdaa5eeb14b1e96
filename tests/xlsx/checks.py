"""checks.py — how the workbook tests (check_reading.py, check_results.py,
check_results_splits.py) print what they found: one line per check, "ok"
or "FAIL" with its problems indented, then the suite's closing
"NAME: N passed, M failed" line that `.ci/run` adds up."""


def report(suite, checks):
    """Prints CHECKS, a list of (name, problems), and returns the exit
    status: 1 when any check has a problem, else 0."""
    failed = 0
    for name, problems in checks:
        print(('FAIL ' if problems else 'ok   ') + name)
        for problem in problems:
            print(f'     {problem}')
        failed += bool(problems)
    print(f'{suite}: {len(checks) - failed} passed, {failed} failed')
    return 1 if failed else 0
