#!/bin/sh
# run-cli.sh — rubricc's command line, tested from the shell: for each case
# the exit status, and stderr word for word (tests/cli/expected/NAME.stderr;
# NAME.stdout too where it exists), then what must or must not have been
# written. The fixtures are tests/cli/fixtures/*.rubric.
#
# Paths under the scratch directory are shown as WORK in the expected
# files, so they hold whatever BUILD is. Run from the repository root.
# Usage: run-cli.sh RUBRICC WORKDIR [--update]   (--update rewrites expected/)
set -u
rubricc="$1"
work="$2"
update="${3:-}"
fixtures=tests/cli/fixtures
expected=tests/cli/expected
passed=0
failed=0

rm -rf "$work"
mkdir -p "$work"

# Count one failure, naming the case and why.
fail_case() {
    failed=$((failed + 1))
    echo "FAIL: $1: $2"
}

# Compare one captured stream of case NAME with its expected file (stderr
# always; stdout when NAME.stdout exists or is being written). Prints why not.
stream_matches() {
    name="$1"
    stream="$2"
    actual="$work/$name.$stream"
    sed "s|$work|WORK|g" "$actual" > "$actual.shown"
    if [ "$update" = "--update" ] && { [ "$stream" = stderr ] || [ -f "$expected/$name.$stream" ]; }; then
        cp "$actual.shown" "$expected/$name.$stream"
    fi
    [ "$stream" = stdout ] && [ ! -f "$expected/$name.$stream" ] && return 0
    if ! cmp -s "$expected/$name.$stream" "$actual.shown"; then
        echo "FAIL: $name: $stream differs:"
        diff -u "$expected/$name.$stream" "$actual.shown" | sed 's/^/    /'
        return 1
    fi
    return 0
}

# Run rubricc with ARGS (stdin from INPUT, or empty) and check its status
# and output. Usage: run_case NAME STATUS [ARGS...]; set INPUT=FILE first
# to feed a file on stdin.
run_case() {
    name="$1"
    want="$2"
    shift 2
    "$rubricc" "$@" < "${INPUT:-/dev/null}" > "$work/$name.stdout" 2> "$work/$name.stderr"
    status=$?
    INPUT=
    case_ok=1
    stream_matches "$name" stderr || case_ok=0
    stream_matches "$name" stdout || case_ok=0
    if [ "$status" -ne "$want" ]; then
        echo "FAIL: $name: exit status $status, expected $want"
        case_ok=0
    fi
    if [ "$case_ok" -eq 1 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
}

# Extra checks after a case: a file exists or does not.
expect_file() {
    if [ -f "$2" ]; then passed=$((passed + 1)); else fail_case "$1" "'$2' was not written"; fi
}
expect_no_file() {
    if [ ! -e "$2" ]; then passed=$((passed + 1)); else fail_case "$1" "'$2' should not exist"; fi
}

# --- help and version (stdout, exit 0)
run_case help 0 --help
run_case help-short 0 -h
"$rubricc" --version > "$work/version.stdout" 2> "$work/version.stderr"
if [ $? -eq 0 ] && [ ! -s "$work/version.stderr" ] \
   && grep -Eq '^rubricc [0-9]+\.[0-9]+\.[0-9]+ \(rubric JSON format 3\)$' "$work/version.stdout"; then
    passed=$((passed + 1))
else
    fail_case version "expected 'rubricc X.Y.Z (rubric JSON format 3)', got: $(cat "$work/version.stdout")"
fi

# --- bad usage (exit 2, nothing written)
run_case unknown-option 2 --frobnicate "$fixtures/good.rubric"
run_case no-files 2
run_case no-files-with-options 2 --emit json -o "$work/none"
expect_no_file no-files-with-options "$work/none"
run_case emit-unknown-format 2 --emit json,pdf "$fixtures/good.rubric"
run_case emit-empty-format 2 --emit json, "$fixtures/good.rubric"
run_case emit-without-value 2 --emit
run_case output-without-value 2 -o
run_case output-empty 2 --output= "$fixtures/good.rubric"
run_case check-with-emit 2 --check --emit json "$fixtures/good.rubric"

# --- files that cannot be read (exit 1)
run_case missing-file 1 "$fixtures/no-such.rubric"
run_case directory-as-file 1 "$fixtures"
if [ "$(id -u)" -ne 0 ]; then
    # Root may read anything: the permission case is only meaningful for others.
    cp "$fixtures/good.rubric" "$work/unreadable.rubric"
    chmod 000 "$work/unreadable.rubric"
    "$rubricc" --check "$work/unreadable.rubric" 2> "$work/unreadable.stderr"
    status=$?
    if [ "$status" -eq 1 ] && grep -q "^rubricc: error: cannot read '$work/unreadable.rubric': Permission denied$" "$work/unreadable.stderr"; then
        passed=$((passed + 1))
    else
        fail_case unreadable-file "exit $status: $(cat "$work/unreadable.stderr")"
    fi
fi

# --- the audit form's grader module (--grader-module): a file that cannot
# be read, or is no WebAssembly module, is an error and writes nothing
run_case grader-module-missing 1 --emit form --grader-module "$fixtures/no-such.wasm" -o "$work/graded" \
    "$fixtures/good.rubric"
expect_no_file grader-module-missing "$work/graded/cli-good-form.html"
run_case grader-module-not-wasm 1 --emit form --grader-module "$fixtures/good.rubric" -o "$work/graded" \
    "$fixtures/good.rubric"
expect_no_file grader-module-not-wasm "$work/graded/cli-good-form.html"
run_case grader-module-empty 2 --emit form --grader-module= "$fixtures/good.rubric"
printf '\0asm\1\0\0\0' > "$work/tiny.wasm"
run_case grader-module-given 0 --emit form --grader-module "$work/tiny.wasm" -o "$work/graded" "$fixtures/good.rubric"
if grep -q 'data-wasm="rubric-grade"' "$work/graded/cli-good-form.html" &&
   grep -q "'wasm-unsafe-eval'" "$work/graded/cli-good-form.html"; then
    passed=$((passed + 1))
else
    fail_case grader-module-given "the form does not carry the module and its policy"
fi

# --- clean, warnings, -Werror
run_case check-clean 0 --check "$fixtures/good.rubric"
run_case warning 0 --check "$fixtures/warning.rubric"
run_case warning-werror 1 --check -Werror "$fixtures/warning.rubric"
run_case werror-writes-nothing 1 -Werror -o "$work/werror" "$fixtures/warning.rubric"
expect_no_file werror-writes-nothing "$work/werror/cli-warning.json"
run_case check-writes-nothing 0 --check -o "$work/checked" "$fixtures/good.rubric"
expect_no_file check-writes-nothing "$work/checked"

# --- output directory: created when missing, parents too
run_case output-created 0 -o "$work/made/for/you" "$fixtures/good.rubric"
expect_file output-created "$work/made/for/you/cli-good.json"
run_case output-equals-form 0 --emit=json --output="$work/equals" "$fixtures/good.rubric"
expect_file output-equals-form "$work/equals/cli-good.json"

# --- several files, one bad: the others are still compiled and written
run_case one-bad-of-three 1 -o "$work/several" "$fixtures/good.rubric" "$fixtures/bad.rubric" \
    "$fixtures/good-two.rubric"
expect_file one-bad-of-three "$work/several/cli-good.json"
expect_file one-bad-of-three "$work/several/cli-good-two.json"
expect_no_file one-bad-of-three "$work/several/cli-bad.json"
run_case missing-among-files 1 -o "$work/among" "$fixtures/no-such.rubric" "$fixtures/good.rubric"
expect_file missing-among-files "$work/among/cli-good.json"

# --- two files that are the same rubric would overwrite each other
run_case same-rubric-twice 1 -o "$work/twice" "$fixtures/good.rubric" "$fixtures/good.rubric"
expect_file same-rubric-twice "$work/twice/cli-good.json"

# --- standard input, and "--" before file names
INPUT="$fixtures/good.rubric" run_case standard-input 0 -o "$work/stdin" -
expect_file standard-input "$work/stdin/cli-good.json"
INPUT="$fixtures/bad.rubric" run_case standard-input-bad 1 --check -
run_case double-dash 0 --check -- "$fixtures/good.rubric"

# --- options by one table (common/command_line.h): both spellings of a
# value, "--" before operands that look like options, long names in full
if "$rubricc" --emit json --output "$work/separate" "$fixtures/good.rubric" 2> "$work/separate.stderr" \
   && [ -f "$work/separate/cli-good.json" ] && [ ! -s "$work/separate.stderr" ]; then
    passed=$((passed + 1))
else
    fail_case option-value-separate "--emit json --output DIR did not write DIR/cli-good.json"
fi
run_case include-directory-forms 0 --check -I "$fixtures" -I"$fixtures" --include-directory="$fixtures" \
    --include-directory "$fixtures" "$fixtures/good.rubric"
run_case werror-separate 1 --check -W error "$fixtures/warning.rubric"
run_case werror-long 1 --check --warnings=error "$fixtures/warning.rubric"
run_case warnings-unknown 2 --check -Wall "$fixtures/good.rubric"
run_case abbreviation-refused 2 --out="$work/abbreviated" "$fixtures/good.rubric"
expect_no_file abbreviation-refused "$work/abbreviated"
run_case abbreviation-ambiguous 2 --max 3 "$fixtures/good.rubric"
run_case option-takes-no-value 2 --check=yes "$fixtures/good.rubric"
run_case unknown-letter 2 -z "$fixtures/good.rubric"
run_case fmt-unknown-option 2 fmt --wrap=100 "$fixtures/good.rubric"
run_case fmt-missing-value 2 fmt "$fixtures/good.rubric" -I
run_case diff-format-equals 0 diff --format=text "$fixtures/good.rubric" "$fixtures/good.rubric"
run_case diff-format-separate 0 diff --format text "$fixtures/good.rubric" "$fixtures/good.rubric"
# Files named like options, after "--".
here=$(pwd)
case "$rubricc" in /*) rubricc_path="$rubricc" ;; *) rubricc_path="$here/$rubricc" ;; esac
mkdir -p "$work/dashes"
cp "$fixtures/good.rubric" "$work/dashes/--check"
cp "$fixtures/good-two.rubric" "$work/dashes/-x"
if (cd "$work/dashes" && "$rubricc_path" -o out -- --check -x) 2> "$work/dashes.stderr" \
   && [ -f "$work/dashes/out/cli-good.json" ] && [ -f "$work/dashes/out/cli-good-two.json" ]; then
    passed=$((passed + 1))
else
    fail_case double-dash-option-names "files named --check and -x after -- were not compiled: $(cat "$work/dashes.stderr")"
fi
(cd "$work/dashes" && "$rubricc_path" fmt --check -- --check -x) > "$work/dashes-fmt.stdout" 2> /dev/null
if [ $? -eq 1 ] && [ "$(head -n 2 "$work/dashes-fmt.stdout" | tr '\n' ' ')" = "--check -x " ]; then
    # Both files read (neither is in the canonical layout): their names listed.
    passed=$((passed + 1))
else
    fail_case fmt-double-dash "rubricc fmt --check -- --check -x: $(cat "$work/dashes-fmt.stdout")"
fi

# --- rubricc help [COMMAND]: the same text as COMMAND --help; every help
# in one shape, within 80 columns, and only the option lines under
# "Options:" start with '-' (so a reader of the help finds each option)
"$rubricc" --help > "$work/help-top.stdout"
"$rubricc" help > "$work/help-command.stdout"
if cmp -s "$work/help-top.stdout" "$work/help-command.stdout"; then
    passed=$((passed + 1))
else
    fail_case help-command "'rubricc help' differs from 'rubricc --help'"
fi
for command in fmt test diff import lsp; do
    "$rubricc" help "$command" > "$work/help-$command.stdout" 2>&1
    help_status=$?
    "$rubricc" "$command" --help > "$work/$command-help.stdout" 2>&1
    if [ "$help_status" -eq 0 ] && cmp -s "$work/help-$command.stdout" "$work/$command-help.stdout"; then
        passed=$((passed + 1))
    else
        fail_case "help-$command" "'rubricc help $command' differs from 'rubricc $command --help'"
    fi
done
for shown in "$work"/help-top.stdout "$work"/*-help.stdout; do
    if head -n 1 "$shown" | grep -q '^usage: rubricc' && grep -qx 'Options:' "$shown" \
       && grep -qx 'Exit status:' "$shown" && grep -qx '  2  bad usage' "$shown" \
       && grep -qx '  -h, --help  *show this help and exit' "$shown" \
       && awk '/^[A-Z][a-z ]*:$/ { section = $0 }
               length($0) > 80 { bad = 1 }
               /^ +-/ && (section != "Options:" || !/^(  -[A-Za-z], |      )--[a-z]/) { bad = 1 }
               END { exit bad }' "$shown"; then
        passed=$((passed + 1))
    else
        fail_case help-shape "$(basename "$shown"): not in the shape every help has"
    fi
done
run_case help-unknown-command 2 help nosuch
run_case help-near-command 2 help fnt

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
