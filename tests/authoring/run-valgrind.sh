#!/bin/sh
# run-valgrind.sh — rubricc fmt, test and diff under valgrind (memcheck):
# each on a shipped rubric and on an input that fails, so that both the
# normal path and the error paths free what they take. Any memory error or
# definite or indirect leak fails the run (valgrind exits 99).
# Run from the repository root. Usage: run-valgrind.sh RUBRICC WORKDIR
set -u
rubricc="$1"
work="$2"
. tests/authoring/common.sh
london=rubrics/london-borough-case-audit-gradings.rubric

# Usage: memcheck NAME EXPECTED_STATUS ARGS...
memcheck() {
    name="$1"
    expected="$2"
    shift 2
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect --log-file="$work/$name.valgrind" \
        "$rubricc" "$@" > /dev/null 2> "$work/$name.stderr"
    status=$?
    if [ "$status" -eq 99 ] || [ -s "$work/$name.valgrind" ]; then
        fail "$name: valgrind found errors:"
        sed 's/^/    /' "$work/$name.valgrind"
    elif [ "$status" -ne "$expected" ]; then
        fail "$name: exit $status, expected $expected"
        sed 's/^/    /' "$work/$name.stderr"
    else
        ok "$name"
    fi
}

memcheck fmt-shipped 0 fmt "$london"
memcheck fmt-diff 1 fmt --diff tests/authoring/fmt/messy.rubric
cp tests/authoring/fmt/messy.rubric "$work/messy.rubric"
memcheck fmt-write 0 fmt --write "$work/messy.rubric"
memcheck fmt-broken 1 fmt tests/authoring/fmt/broken.rubric
memcheck test-shipped 0 test --junit "$work/london.xml" "$london"
memcheck test-wrong 1 test tests/golden/example.rubric tests/authoring/rubric-tests/wrong.tests
memcheck test-bad 1 test tests/golden/example.rubric tests/authoring/rubric-tests/bad.tests
memcheck test-v2 0 test --require-coverage --junit "$work/cohort.xml" rubrics/examples/cohort-key-judgements.rubric
memcheck test-checklist 0 test --require-coverage rubrics/examples/compliance-and-quality.rubric
memcheck test-wrong-v2 1 test rubrics/examples/cohort-key-judgements.rubric tests/authoring/rubric-tests/wrong-v2.tests
memcheck test-bad-v2 1 test rubrics/examples/cohort-key-judgements.rubric tests/authoring/rubric-tests/bad-v2.tests
memcheck test-thin 1 test --require-coverage tests/golden/example.rubric tests/authoring/rubric-tests/thin.tests
python3 tests/authoring/diff/make-editions.py "$london" \
    rubrics/waltham-forest-case-audit-grading-criteria.rubric "$work/editions"
memcheck diff-breaking 1 diff --breaking --html "$work/breaking.html" -I rubrics "$london" "$work/editions/breaking.rubric"
memcheck diff-broken 1 diff "$london" tests/authoring/fmt/broken.rubric

echo "authoring tools under valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
