#!/bin/sh
# run-rubric-tests.sh — rubricc test: the tests of every shipped and
# example rubric pass and exercise every grading rule (--require-coverage),
# their JUnit XML has the right shape and counts (checked with python3's
# xml.etree); then the runner itself: wrong expectations fail with their
# file:line, expected and actual (rubric-tests/wrong.stderr word for word),
# mistakes in a tests file are reported at their place (bad.stderr), rules
# no audit exercises are named (thin.stderr), and bad command lines exit 2.
# Run from the repository root. Usage: run-rubric-tests.sh RUBRICC WORKDIR [--update]
set -u
rubricc="$1"
work="$2"
update="${3:-}"
cases=tests/authoring/rubric-tests
. tests/authoring/common.sh


# The JUnit file's shape: <testsuites> of <testsuite>s of <testcase>s,
# with the counts given. Usage: junit_shape FILE TESTS FAILURES
junit_shape() {
    python3 - "$1" "$2" "$3" <<'PYTHON'
import sys
import xml.etree.ElementTree as ET
path, tests, failures = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
root = ET.parse(path).getroot()
assert root.tag == "testsuites", root.tag
cases = [case for suite in root.findall("testsuite") for case in suite.findall("testcase")]
failed = [case for case in cases if case.find("failure") is not None]
assert len(cases) == tests == int(root.get("tests")), (len(cases), tests, root.get("tests"))
assert len(failed) == failures == int(root.get("failures")), (len(failed), failures)
for suite in root.findall("testsuite"):
    assert int(suite.get("tests")) == len(suite.findall("testcase"))
for case in failed:
    assert case.find("failure").get("message"), "a failure without a message"
PYTHON
}

# Every rubric with tests beside it.
for rubric in rubrics/*.rubric tests/golden/example.rubric tests/html/small.rubric; do
    tests="${rubric%.rubric}.tests"
    name=$(basename "$rubric" .rubric)
    audits=$(grep -c '^audit ' "$tests")
    "$rubricc" test --require-coverage --junit "$work/$name.xml" "$rubric" > "$work/$name.out" 2>&1
    status=$?
    if [ $status -eq 0 ] && junit_shape "$work/$name.xml" "$audits" 0; then
        ok "$tests: $audits audits pass and cover every grading rule"
    else
        fail "$tests (exit $status)"
        cat "$work/$name.out"
    fi
done

# Usage: runner_case NAME EXPECTED_STATUS ARGS... — stderr against NAME.stderr.
runner_case() {
    name="$1"
    wanted="$2"
    shift 2
    "$rubricc" test "$@" > "$work/$name.out" 2> "$work/$name.stderr"
    status=$?
    golden "$name" "$wanted" $status "$work/$name.stderr" "$cases/$name.stderr"
}

runner_case wrong 1 --junit "$work/wrong.xml" tests/golden/example.rubric "$cases/wrong.tests"
if junit_shape "$work/wrong.xml" 5 4; then ok "wrong: JUnit XML counts 5 tests, 4 failures"
else fail "wrong: JUnit XML shape"; fi
runner_case bad 1 tests/golden/example.rubric "$cases/bad.tests"
runner_case thin 1 --require-coverage tests/golden/example.rubric "$cases/thin.tests"
"$rubricc" test tests/golden/example.rubric "$cases/thin.tests" > /dev/null 2>&1
if [ $? -eq 0 ]; then ok "thin: passes without --require-coverage"; else fail "thin without --require-coverage"; fi
runner_case missing-tests 1 tests/golden/example.rubric "$cases/no-such.tests"
# A rubric with a syntax error: the compiler's diagnostics (their words
# are the parser's business), then why nothing was tested.
"$rubricc" test tests/authoring/fmt/broken.rubric "$cases/thin.tests" > /dev/null 2> "$work/broken.stderr"
status=$?
if [ $status -eq 1 ] && grep -q "^tests/authoring/fmt/broken.rubric:4:1: error: " "$work/broken.stderr" \
    && tail -n 1 "$work/broken.stderr" | grep -q "cannot be tested: it does not compile"; then
    ok "a rubric that does not compile is reported, nothing tested"
else fail "a rubric that does not compile (exit $status)"; cat "$work/broken.stderr"; fi

"$rubricc" test > /dev/null 2>&1
[ $? -eq 2 ] && ok "no rubric is refused" || fail "no rubric: exit status"
"$rubricc" test --junit > /dev/null 2>&1
[ $? -eq 2 ] && ok "--junit without a file is refused" || fail "--junit without a file"
"$rubricc" test --bogus tests/golden/example.rubric > /dev/null 2>&1
[ $? -eq 2 ] && ok "an unknown option is refused" || fail "an unknown option"

echo "rubric tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
