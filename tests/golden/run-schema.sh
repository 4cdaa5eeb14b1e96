#!/bin/sh
# run-schema.sh — every JSON rubricc emits must validate against
# docs/rubric.schema.json, checked with a real validator (ajv, from
# tests/node_modules); and the schema must be able to fail: deliberately
# broken copies of the example's JSON (a key missing, a key too many, a
# value outside an enum, a wrong type) must each be rejected.
#
# Run from the repository root. Usage: run-schema.sh RUBRICC WORKDIR
set -u
rubricc="$1"
work="$2"
schema=docs/rubric.schema.json
passed=0
failed=0

rm -rf "$work"
mkdir -p "$work/emitted" "$work/broken"

# validate FILE...: one line per file, "valid FILE" or "invalid FILE" and
# ajv's errors indented (validate-schema.mjs: ajv as `ajv validate
# --spec=draft2020 --strict=true -c ajv-formats` runs it, the schema
# compiled once for all the files).
validate() {
    node tests/golden/validate-schema.mjs "$schema" "$@"
}

# counted WANTED OUTPUT: counts each file of OUTPUT that was WANTED (valid
# or invalid) as passed, any other as failed with what ajv said.
counted() {
    awk -v wanted="$1" '
        /^(valid|invalid) / { if (file != "") finish(); file = $2; verdict = $1; said = ""; next }
        { said = said "\n" $0 }
        function finish() {
            if (verdict == wanted) passed++
            else { failed++; printf "FAIL: %s is %s, expected %s%s\n", file, verdict, wanted, said }
        }
        END { if (file != "") finish(); printf "%d %d\n", passed + 0, failed + 0 }' "$2"
}

# validate_all WANTED FILE...: validates the files at once, each of which
# must be WANTED (valid or invalid); adds them to passed and failed.
validate_all() {
    wanted="$1"
    shift
    validate "$@" > "$work/$wanted.out" 2>&1 || failed=$((failed + 1))
    counted "$wanted" "$work/$wanted.out" > "$work/$wanted.count"
    sed '$d' "$work/$wanted.count"
    read -r good bad <<COUNT
$(tail -n 1 "$work/$wanted.count")
COUNT
    passed=$((passed + good))
    failed=$((failed + bad))
}

# --- every emitted file is valid: the shipped rubrics and the example
if ! "$rubricc" --emit json -o "$work/emitted" rubrics/*.rubric rubrics/examples/*.rubric \
        tests/golden/example.rubric tests/diagnostics/v2-valid.rubric tests/diagnostics/v3-rules-valid.rubric \
        tests/runtime/rules/*.rubric tests/runtime/v2/*.rubric; then
    echo "FAIL: rubricc could not compile the rubrics"
    failed=$((failed + 1))
fi
validate_all valid "$work"/emitted/*.json

# --- the schema rejects broken copies: one jq edit each, named
example="$work/emitted/golden-example.json"
while IFS='|' read -r name edit; do
    [ -n "$name" ] || continue
    broken="$work/broken/$name.json"
    if ! jq "$edit" "$example" > "$broken"; then
        failed=$((failed + 1))
        echo "FAIL: $name: the jq edit failed"
        rm -f "$broken"
    fi
done <<'EDITS'
missing-format-version|del(.format_version)
unknown-key|.generator = "x"
bad-method|.sections[0].method = "average"
bad-origin|.sections[0].criteria[0].effective.O.from = "inherited"
bad-id|.sections[0].criteria[0].id = "Referral Threshold"
null-title|.title = null
missing-effective|del(.sections[1].criteria[0].effective)
bad-position|.source.line = 0
na-level-code|.scale[0].code = "NA"
bad-limit|.grading.limits[0].capped_section = "referral"
bad-not-applicable|.grading.not_applicable.level = null
extra-block-key|.key_factors.blocks[0].list = ["x"]
missing-title-supplied|del(.sections[0].title_supplied)
title-supplied-not-prose|.sections[1].title_supplied = "supplied"
title-supplied-untitled|.sections[1].title = null
v2-bad-rounding|.grading.rounding = "nearest"
v2-weight-zero|.sections[0].weight = 0
v2-weight-too-fine|.sections[0].criteria[0].weight = 1.234
v2-missing-case-types|del(.case_types)
v2-bad-scale-kind|.scale_kind = "numbers"
v2-score-not-integer|.scale[0].score = 1.5
v2-missing-anchor|del(.scale[0].anchor)
v2-bad-test|.grading.limits += [{"capped": "overall", "capped_section": null, "kind": "is", "level": "I", "by": "condition", "id": null, "when": {"subject": "criterion", "id": "a", "test": "worse", "value": "I"}, "source": .source}]
v2-condition-with-id|.grading.limits[0].by = "condition"
v3-not-graded-with-level|.grading.limits += [{"capped": "overall", "capped_section": null, "kind": "not graded", "level": "I", "by": "condition", "id": null, "when": {"subject": "any criterion", "id": null, "test": "NA", "value": null, "count": {"compare": "more than", "number": 1}}, "source": .source}]
v3-not-graded-by-criterion|.grading.limits[0].kind = "not graded"
v2-checklist-with-method|.sections[0].answers = "compliance"
EDITS

# every broken copy at once: each must be invalid
validate_all invalid "$work"/broken/*.json

echo "json-schema: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
