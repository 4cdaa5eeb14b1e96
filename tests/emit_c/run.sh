#!/bin/sh
# run.sh — the C emitter's tests (rubricc --emit c).
#
# For each rubric (the adversarial one, the golden one and every shipped
# one) it checks that:
#   - determinism: emitting twice gives the same bytes;
#   - CC: the generated .c compiles as C99 with each C compiler at the
#     strictest flags (C_FLAGS below), links with print_model.c, and what
#     that prints agrees line for line with json_to_lines.py's reading of
#     the rubric's JSON (every level, section, criterion field, effective
#     descriptor, tag, rule and limit);
#   - CXX: a C++ program that includes the generated header links with the
#     tables compiled as C (the header's extern "C") and runs;
#   - library: the grading library accepts the linked tables
#     (check_model.c: rubric_model_check, rubric_grader_new).
# And the golden test: the tables of golden/small.rubric are word for word
# golden/emit-c-golden.h and .c.
#
# Usage: run.sh RUBRICC WORKDIR [--update]   (--update rewrites the golden files)
# Environment: EMIT_C_PAIRS, the C and C++ compilers as "cc:c++" pairs
# (default "gcc:g++ clang:clang++"); EMIT_C_EXTRA_FLAGS, added to every
# compile and link (the sanitizer run passes -fsanitize=… here);
# EMIT_C_LIBRARY, how to link the grading library ("build/librubric.a
# -ljansson -lcsv"), and EMIT_C_CC, the C compiler it was built with (the
# library test is left out when EMIT_C_LIBRARY is empty).
set -u
rubricc="$1"
work="$2"
update="${3:-}"
pairs="${EMIT_C_PAIRS:-gcc:g++ clang:clang++}"
extra="${EMIT_C_EXTRA_FLAGS:-}"
library="${EMIT_C_LIBRARY:-}"
library_cc="${EMIT_C_CC:-cc}"
here=tests/emit_c
C_FLAGS="-std=c99 -Wall -Wextra -Wpedantic -Werror -Wwrite-strings -Wcast-qual -Wmissing-prototypes"
CXX_FLAGS="-std=c++11 -Wall -Wextra -Wpedantic -Werror"

passed=0
failed=0
mkdir -p "$work"
log="$work/log"

# check NAME COMMAND...: one test, passed when COMMAND succeeds; a failure
# names the test and shows the start of what the command printed.
check() {
    name="$1"
    shift
    if "$@" > "$log" 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name"
        head -n 40 "$log" | sed 's/^/    /'
    fi
}

emit_again_and_compare() {
    "$rubricc" --emit c -o "$out/again" "$rubric" 2> /dev/null &&
        cmp "$out/tables/$id.h" "$out/again/$id.h" &&
        cmp "$out/tables/$id.c" "$out/again/$id.c"
}

# Compile the tables with C compiler $1, print them back, compare with the JSON.
print_and_compare() {
    # shellcheck disable=SC2086
    "$1" $C_FLAGS $extra -Iruntime/lib -I"$out/tables" -DRUBRIC_HEADER="\"$id.h\"" \
        -DRUBRIC_SYMBOL="$symbol" -o "$out/print-$1" "$here/print_model.c" "$out/tables/$id.c" &&
        "$out/print-$1" > "$out/$1.lines" &&
        diff -u "$out/json.lines" "$out/$1.lines"
}

# Compile the tables with C compiler $1 and use_from_cpp.cpp with C++
# compiler $2, link with $2 and run.
link_from_cpp() {
    # shellcheck disable=SC2086
    "$1" $C_FLAGS $extra -Iruntime/lib -c -o "$out/tables-$1.o" "$out/tables/$id.c" &&
        "$2" $CXX_FLAGS $extra -Iruntime/lib -I"$out/tables" -DRUBRIC_HEADER="\"$id.h\"" \
            -DRUBRIC_SYMBOL="$symbol" -c -o "$out/use-$2.o" "$here/use_from_cpp.cpp" &&
        "$2" $extra -o "$out/use-$2" "$out/use-$2.o" "$out/tables-$1.o" &&
        "$out/use-$2"
}

# Link the tables with check_model.c and the grading library, and run it.
library_accepts_tables() {
    # shellcheck disable=SC2086
    "$library_cc" $C_FLAGS $extra -Iruntime/lib -I"$out/tables" -DRUBRIC_HEADER="\"$id.h\"" \
        -DRUBRIC_SYMBOL="$symbol" -o "$out/check-model" "$here/check_model.c" \
        "$out/tables/$id.c" $library &&
        "$out/check-model"
}

# Every test of one rubric.
test_rubric() {
    rubric="$1"
    out="$work/$(basename "$rubric" .rubric)"
    rm -rf "$out"
    mkdir -p "$out"
    if ! "$rubricc" --emit json,c -o "$out/tables" "$rubric" > "$log" 2>&1; then
        failed=$((failed + 1))
        echo "FAIL: rubricc --emit json,c $rubric"
        sed 's/^/    /' "$log"
        return
    fi
    for header in "$out/tables"/*.h; do
        id=$(basename "$header" .h)
    done
    symbol="rubric_table_$(echo "$id" | tr - _)"
    if ! python3 "$here/json_to_lines.py" "$out/tables/$id.json" > "$out/json.lines"; then
        failed=$((failed + 1))
        echo "FAIL: json_to_lines.py $out/tables/$id.json"
        return
    fi
    check "determinism: $rubric" emit_again_and_compare
    for pair in $pairs; do
        cc="${pair%%:*}"
        cxx="${pair#*:}"
        check "$cc: $rubric tables printed back = its JSON" print_and_compare "$cc"
        check "$cxx: $rubric header from C++" link_from_cpp "$cc" "$cxx"
    done
    if [ -n "$library" ]; then
        check "library: $rubric tables accepted" library_accepts_tables
    fi
}

golden_compare() {
    out="$work/golden"
    rm -rf "$out"
    "$rubricc" --emit c -o "$out" "$here/golden/small.rubric" || return 1
    if [ "$update" = "--update" ]; then
        cp "$out/emit-c-golden.h" "$out/emit-c-golden.c" "$here/golden/"
    fi
    diff -u "$here/golden/emit-c-golden.h" "$out/emit-c-golden.h" &&
        diff -u "$here/golden/emit-c-golden.c" "$out/emit-c-golden.c"
}

check "golden: $here/golden/small.rubric" golden_compare
for rubric in "$here/adversarial.rubric" "$here/golden/small.rubric" rubrics/*.rubric; do
    test_rubric "$rubric"
done
for rubric in rubrics/examples/*.rubric tests/diagnostics/v2-valid.rubric tests/diagnostics/v3-rules-valid.rubric; do
    test_rubric "$rubric" v2
done
echo "emit_c: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
