#!/bin/sh
# run-diagnostics-format.sh — rubricc's machine-readable diagnostics and
# the include limits that need a live file system.
#
#   goldens      each cases/NAME.rubric in every --diagnostics-format
#                (text, json, sarif, github), word for word against
#                expected/NAME.FORMAT (stderr, then "[exit N]"); a run of
#                several files (one document); a missing file (no place);
#                an output that cannot be written
#   sarif        every SARIF output validated against the published SARIF
#                2.1.0 schema (sarif-schema-2.1.0.json, from the OASIS
#                SARIF TC's repository oasis-tcs/sarif-spec, file
#                Schemata/sarif-schema-2.1.0.json, commit 0a8091f7d405),
#                with ajv-cli from tests/node_modules; the schema is
#                draft-04, so `ajv migrate` turns it into draft-07 first;
#                and broken copies must be rejected
#   json         every JSON output parses (jq) and counts its errors
#   output       --diagnostics-output FILE: the same bytes in FILE,
#                nothing on stderr; the same input gives the same bytes
#   includes     a FIFO, a symbolic-link loop, a link out of the rubric's
#                folder, a file name GitHub must escape, an include set
#                where each of 30 files includes the next twice (the depth
#                limit ends it), one of 8 levels where each includes the
#                next three times (the file limit ends it), and /dev/zero
#                as the main file: each ends with its error
#                (expected/NAME.text), under a memory limit (not under the
#                sanitizers, whose shadow memory needs more) and a
#                timeout that only guards against a hang
#   usage        -V is --version; bad format and limit values are usage
#                errors (exit 2)
#
# Paths under the scratch directory are shown as WORK in expected files.
# Run from the repository root.
# Usage: run-diagnostics-format.sh RUBRICC WORKDIR [--update]
#        (SANITIZE=1 in the environment: no memory limit)
set -u
rubricc="$1"
work="$2"
update="${3:-}"
here=tests/diagnostics-format
ajv=tests/node_modules/.bin/ajv
passed=0
failed=0

rm -rf "$work"
mkdir -p "$work/out" "$work/sarif"

# Compare the file $2 with expected/$1, or rewrite it with --update.
check_golden() {
    if [ "$update" = "--update" ]; then
        cp "$2" "$here/expected/$1"
    fi
    if cmp -s "$here/expected/$1" "$2"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $1"
        diff -u "$here/expected/$1" "$2" | sed 's/^/    /'
    fi
}

# Run rubricc with ARGS; its stderr (WORK for the scratch directory) and
# "[exit N]" go to the file $1.
run_rubricc() {
    result="$1"
    shift
    "$rubricc" "$@" > /dev/null 2> "$result.raw"
    status=$?
    sed "s|$work|WORK|g" "$result.raw" > "$result"
    echo "[exit $status]" >> "$result"
    rm -f "$result.raw"
}

pass_or_fail() {
    if [ "$1" -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $2"
    fi
}

# --- goldens: every case in every format
for rubric in "$here"/cases/*.rubric; do
    name=$(basename "$rubric" .rubric)
    for format in text json sarif github; do
        run_rubricc "$work/out/$name.$format" --check --diagnostics-format "$format" "$rubric"
        check_golden "$name.$format" "$work/out/$name.$format"
    done
done
for format in json sarif; do
    run_rubricc "$work/out/several-files.$format" --check --diagnostics-format "$format" \
        "$here/cases/warning-only.rubric" "$here/cases/two-errors.rubric" "$here/cases/no-such-file.rubric"
    check_golden "several-files.$format" "$work/out/several-files.$format"
done

# A rubric that compiles but cannot be written: the failure is a diagnostic too.
run_rubricc "$work/out/write-failure.json" --diagnostics-format json -o /dev/null/out \
    "$here/cases/warning-only.rubric"
check_golden "write-failure.json" "$work/out/write-failure.json"

# --- json: each output parses, and its error count says what the exit says
for output in "$work"/out/*.json; do
    document=$(sed '$d' "$output")
    errors=$(printf '%s\n' "$document" | jq -e '.errors' 2> /dev/null)
    exit_line=$(tail -n 1 "$output")
    if [ -z "$errors" ]; then
        pass_or_fail 1 "$output is not JSON with an error count"
    elif [ "$errors" -gt 0 ] && [ "$exit_line" = "[exit 1]" ]; then
        pass_or_fail 0 ""
    elif [ "$errors" -eq 0 ] && [ "$exit_line" = "[exit 0]" ]; then
        pass_or_fail 0 ""
    else
        pass_or_fail 1 "$output: $errors errors but $exit_line"
    fi
done

# --- sarif: every output valid against the published schema; broken ones not
"$ajv" migrate -s "$here/sarif-schema-2.1.0.json" -o "$work/sarif-schema-draft-07.json" > /dev/null
validate() {
    "$ajv" validate --strict=false -c ajv-formats -s "$work/sarif-schema-draft-07.json" -d "$1"
}
for output in "$work"/out/*.sarif; do
    name=$(basename "$output" .sarif)
    sed '$d' "$output" > "$work/sarif/$name.json"
    validate "$work/sarif/$name.json" > "$work/sarif/$name.log" 2>&1
    status=$?
    [ "$status" -eq 0 ] || sed 's/^/    /' "$work/sarif/$name.log"
    pass_or_fail "$status" "$name.sarif does not match the SARIF 2.1.0 schema"
done
source="$work/sarif/two-errors.json"
for edit in '.runs[0].results[0].level = "fatal"' \
            '.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0' \
            '.version = "2.0.0"' \
            'del(.runs[0].tool.driver.name)'; do
    jq "$edit" "$source" > "$work/sarif/broken.json"
    if validate "$work/sarif/broken.json" > /dev/null 2>&1; then
        pass_or_fail 1 "the SARIF schema accepted a broken log ($edit)"
    else
        pass_or_fail 0 ""
    fi
done

# --- output: --diagnostics-output FILE, and the same bytes on every run
"$rubricc" --check --diagnostics-format sarif --diagnostics-output "$work/log.sarif" \
    "$here/cases/included-error.rubric" > /dev/null 2> "$work/stderr"
status=$?
sed '$d' "$work/out/included-error.sarif" > "$work/expected.sarif"
[ "$status" -eq 1 ] && [ ! -s "$work/stderr" ] && cmp -s "$work/log.sarif" "$work/expected.sarif"
pass_or_fail $? "--diagnostics-output: exit $status, or stderr not empty, or the file differs"
"$rubricc" --check --diagnostics-output "$work/no-such-folder/log" "$here/cases/two-errors.rubric" \
    > /dev/null 2> "$work/stderr"
[ $? -eq 1 ] && grep -q "cannot write diagnostics to" "$work/stderr"
pass_or_fail $? "--diagnostics-output into a missing folder is not reported"
for format in text json sarif github; do
    "$rubricc" --check --diagnostics-format "$format" "$here"/cases/*.rubric 2> "$work/first" > /dev/null
    "$rubricc" --check --diagnostics-format "$format" "$here"/cases/*.rubric 2> "$work/second" > /dev/null
    cmp -s "$work/first" "$work/second"
    pass_or_fail $? "$format: two runs differ"
done

# --- includes that need a live file system
header() {
    printf 'rubric: example\ntitle: Example guidance\nauthority: Example authority\nversion: 1\n\n'
    printf 'scale:\n  O: Outstanding\n  G: Good\n  R: Requires Improvement\n  I: Inadequate\n'
}
limited() {
    # A memory limit (KiB of address space) and a guard against a hang.
    if [ "${SANITIZE:-}" = 1 ]; then
        timeout 60 "$@"
    else
        (ulimit -v 262144 && timeout 60 "$@")
    fi
}
live="$work/live"
mkdir -p "$live/rubric" "$live/elsewhere"
mkfifo "$live/rubric/pipe.rubric"
ln -s loop-b.rubric "$live/rubric/loop-a.rubric"
ln -s loop-a.rubric "$live/rubric/loop-b.rubric"
header > "$live/elsewhere/themes.rubric"
ln -s ../elsewhere/themes.rubric "$live/rubric/outside.rubric"
for target in pipe loop-a outside; do
    { header; echo "include: $target.rubric"; } > "$live/rubric/include-$target.rubric"
    run_rubricc "$work/out/live-$target.text" --check "$live/rubric/include-$target.rubric"
    check_golden "live-$target.text" "$work/out/live-$target.text"
done
# 30 files, each including the next twice: 2^30 includes if nothing stopped it.
level=1
while [ "$level" -lt 30 ]; do
    printf '# level %d\ninclude: level-%d.rubric\ninclude: level-%d.rubric\n' \
        "$level" $((level + 1)) $((level + 1)) > "$live/rubric/level-$level.rubric"
    level=$((level + 1))
done
echo "# level 30" > "$live/rubric/level-30.rubric"
{ header; echo "include: level-1.rubric"; echo "include: level-1.rubric"; } > "$live/rubric/doubling.rubric"
run_rubricc "$work/out/live-doubling.text" --check "$live/rubric/doubling.rubric"
check_golden "live-doubling.text" "$work/out/live-doubling.text"
# 8 levels of files each including the next three times (6,561 files, no
# deeper than the depth limit): the limit on the number of files ends it.
level=1
while [ "$level" -lt 8 ]; do
    next=$((level + 1))
    printf '# wide %d\ninclude: wide-%d.rubric\ninclude: wide-%d.rubric\ninclude: wide-%d.rubric\n' \
        "$level" "$next" "$next" "$next" > "$live/rubric/wide-$level.rubric"
    level=$next
done
echo "# wide 8" > "$live/rubric/wide-8.rubric"
{ header; echo "include: wide-1.rubric"; } > "$live/rubric/tripling.rubric"
run_rubricc "$work/out/live-tripling.text" --check "$live/rubric/tripling.rubric"
check_golden "live-tripling.text" "$work/out/live-tripling.text"
limited "$rubricc" --check "$live/rubric/tripling.rubric" > /dev/null 2>&1
[ $? -eq 1 ]
pass_or_fail $? "the tripling include set did not end with exit 1 within its limits"
limited "$rubricc" --check "$live/rubric/doubling.rubric" > /dev/null 2>&1
[ $? -eq 1 ]
pass_or_fail $? "the doubling include set did not end with exit 1 within its limits"
run_rubricc "$work/out/live-dev-zero.text" --check /dev/zero
check_golden "live-dev-zero.text" "$work/out/live-dev-zero.text"
limited "$rubricc" --check /dev/zero > /dev/null 2>&1
[ $? -eq 1 ]
pass_or_fail $? "/dev/zero as the main file did not end with exit 1 within its limits"
# A file name with the characters GitHub escapes in a property.
cp "$here/cases/escapes.rubric" "$live/odd, name: 100%.rubric"
run_rubricc "$work/out/live-odd-name.github" --check --diagnostics-format github \
    "$live/odd, name: 100%.rubric"
check_golden "live-odd-name.github" "$work/out/live-odd-name.github"
# A picture on standard input: named once, not echoed.
printf 'rubric: x\n\377\330\377\340\000\020JFIF\000\001\n' | "$rubricc" --check - > /dev/null 2> "$work/stdin.raw"
echo "[exit $?]" >> "$work/stdin.raw"
check_golden "live-stdin-binary.text" "$work/stdin.raw"

# --- usage
"$rubricc" -V > "$work/short" 2>&1
"$rubricc" --version > "$work/long" 2>&1
cmp -s "$work/short" "$work/long" && grep -q '^rubricc ' "$work/short"
pass_or_fail $? "-V differs from --version"
for arguments in "--diagnostics-format xml" "--diagnostics-format" "--max-errors many" \
                 "--max-file-size 0" "--max-include-files -1" "-I"; do
    # shellcheck disable=SC2086
    "$rubricc" --check $arguments "$here/cases/two-errors.rubric" > /dev/null 2> "$work/usage"
    status=$?
    [ "$status" -eq 2 ] && grep -q "Try 'rubricc --help'" "$work/usage"
    pass_or_fail $? "'$arguments': exit $status, expected a usage error (2)"
done

echo "diagnostics-format: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
