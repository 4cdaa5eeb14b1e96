#!/bin/sh
# run-rubric-tests.sh — rubricc test: the tests of every shipped and
# example rubric pass and exercise every grading rule (--require-coverage),
# their JUnit XML has the right shape and counts (checked with python3's
# xml.etree); then the runner itself: wrong expectations fail with their
# file:line, expected and actual (rubric-tests/wrong.stderr word for word),
# mistakes in a tests file are reported at their place (bad.stderr), rules
# no audit exercises are named (thin.stderr), and bad command lines exit 2.
# The same for the v2 entries (case types, checklist answers, comments;
# expectations of bands, means, checklist counts and conditional limits):
# wrong-v2 and wrong-checklist fail as they should, with the new kinds in
# the JUnit failures too; bad-v2, bad-checklist and bad-plain name each
# value that does not fit the rubric (with a suggestion when one is near);
# thin-v2, thin-checklist and thin-unused name the v2 rules no audit
# exercised.
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
for rubric in rubrics/*.rubric rubrics/examples/*.rubric tests/golden/example.rubric tests/html/small.rubric \
        tests/runtime/rules/groups-and-counts.rubric tests/runtime/v2/visits.rubric; do
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
examples=rubrics/examples
runner_case wrong-v2 1 --junit "$work/wrong-v2.xml" $examples/cohort-key-judgements.rubric "$cases/wrong-v2.tests"
if junit_shape "$work/wrong-v2.xml" 3 2 && grep -q "expected overall band: Good or better; got Below good" "$work/wrong-v2.xml" \
    && grep -q "expected section section-2 limited by: nothing; got no better than R when section section-1 is in band Below good" "$work/wrong-v2.xml"; then
    ok "wrong-v2: JUnit XML counts 3 tests, 2 failures, and names the bands and limits expected"
else fail "wrong-v2: JUnit XML"; fi
runner_case wrong-checklist 1 --junit "$work/wrong-checklist.xml" $examples/compliance-and-quality.rubric "$cases/wrong-checklist.tests"
if junit_shape "$work/wrong-checklist.xml" 1 1 && grep -q "expected section section-c met: 2 of 2; got 1 of 2" "$work/wrong-checklist.xml"; then
    ok "wrong-checklist: JUnit XML names the count expected"
else fail "wrong-checklist: JUnit XML"; fi
runner_case bad-v2 1 $examples/cohort-key-judgements.rubric "$cases/bad-v2.tests"
runner_case bad-checklist 1 $examples/compliance-and-quality.rubric "$cases/bad-checklist.tests"
runner_case bad-facts 1 $examples/assessment-timeliness.rubric "$cases/bad-facts.tests"
runner_case bad-plain 1 "$cases/plain.rubric" "$cases/bad-plain.tests"
runner_case thin-v2 1 --require-coverage $examples/cohort-key-judgements.rubric "$cases/thin-v2.tests"
runner_case thin-checklist 1 --require-coverage $examples/compliance-and-quality.rubric "$cases/thin-checklist.tests"
runner_case thin-unused 1 --require-coverage $examples/compliance-and-quality.rubric "$cases/thin-unused.tests"
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
