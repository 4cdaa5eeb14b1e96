# runtime.mk (tests) — the grader's tests: cmocka units for loading,
# validation and every aggregation rule; golden rubric-grade outputs
# (tests/runtime/golden/); faults no golden file shows (run-faults.sh:
# -o replaced whole or kept, full devices, kills, endless input);
# rubric-grade under valgrind on the sample audits and the fault inputs;
# the records' "criteria" for rubrics grown past the writer's pairs of
# criteria (check_criteria_object.py).
# Included by the top-level Makefile; units and golden also run under the
# sanitizers.

RUNTIME_UNIT_NAMES := test_load test_load_v2 test_json_tree test_grade test_grade_v2 test_safe_text test_output_buffer test_csv_cell test_audit_date test_calendar test_facts test_grade_reactor test_revisions
RUNTIME_UNIT_BINARIES := $(patsubst %,$(BUILD)/tests/runtime/%,$(RUNTIME_UNIT_NAMES))
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

$(BUILD)/tests/runtime/%.o: tests/runtime/unit/%.c
	@mkdir -p $(BUILD)/tests/runtime
	$(CC) $(ALL_CFLAGS) $(RUNTIME_INCLUDES_cli) -c -o $@ $<

$(BUILD)/tests/runtime/%: $(BUILD)/tests/runtime/%.o $(RUNTIME_PROGRAM_ARCHIVE) $(RUNTIME_INTERNAL_ARCHIVE) $(COMMON_ARCHIVE)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(RUNTIME_LIBS) $(RUNTIME_PROGRAM_LIBS) $(CMOCKA_LIBS)

.PHONY: check-runtime-units check-runtime-golden check-runtime-v2-golden check-runtime-v2-fixtures check-runtime-faults \
        check-runtime-valgrind
check-runtime-units: $(RUNTIME_UNIT_BINARIES)
	@for unit in $(RUNTIME_UNIT_BINARIES); do $$unit || exit 1; done

check-runtime-golden: $(BUILD)/rubric-grade $(RUNTIME_RUBRIC_JSON)
	@sh tests/runtime/run-golden.sh $(BUILD)

# The worked examples of format 2: sample audits graded against the
# examples' compiled JSON (tests/runtime/v2/rubrics), every output format.
check-runtime-v2-golden: $(BUILD)/rubric-grade
	@GOLDEN_DIR=tests/runtime/v2/golden sh tests/runtime/run-golden.sh $(BUILD)

# The examples' JSON above must be what rubricc writes for
# rubrics/examples/*.rubric today: each is compiled and compared (skipped
# for a tree without the examples).
check-runtime-v2-fixtures: $(BUILD)/rubricc
	@mkdir -p $(BUILD)/tests/runtime/v2
	@for rubric in $(wildcard rubrics/examples/*.rubric); do \
	    $(BUILD)/rubricc --emit json -o $(BUILD)/tests/runtime/v2 $$rubric || exit 1; \
	done; \
	for fixture in tests/runtime/v2/rubrics/*.json; do \
	    compiled=$(BUILD)/tests/runtime/v2/$$(basename $$fixture); \
	    [ -f "$$compiled" ] || continue; \
	    cmp -s $$fixture $$compiled || { echo "$$fixture differs from $$compiled: copy it over and check the v2 goldens"; exit 1; }; \
	done; echo "grader v2 fixtures: as rubricc writes them"

# Groups, key criteria, counting conditions and the decided corner cases:
# audits graded against tests/runtime/rules/*.json, each of which must be
# what rubricc writes for the rubric beside it (the JSON is named by the
# rubric's id, which is the file's name).
check-runtime-rules-golden: $(BUILD)/rubric-grade $(BUILD)/rubricc
	@mkdir -p $(BUILD)/tests/runtime/rules
	@for rubric in tests/runtime/rules/*.rubric; do \
	    $(BUILD)/rubricc --emit json -o $(BUILD)/tests/runtime/rules $$rubric || exit 1; \
	    json=tests/runtime/rules/$$(basename $$rubric .rubric).json; \
	    cmp -s $$json $(BUILD)/tests/runtime/rules/$$(basename $$json) || \
	        { echo "$$json differs from what rubricc writes for $$rubric: copy it over"; exit 1; }; \
	done
	@GOLDEN_DIR=tests/runtime/rules/golden sh tests/runtime/run-golden.sh $(BUILD)

check-runtime-faults: $(BUILD)/rubric-grade
	@sh tests/runtime/run-faults.sh $(BUILD)

# rubric-grade on every sample audit file (the shipped rubrics' and the
# worked examples' of format 2) under valgrind: exit 1 (the
# deliberate mistakes) is expected; 99 is a memory error or leak.
RUNTIME_VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full \
                    --errors-for-leak-kinds=definite,indirect
check-runtime-valgrind: $(BUILD)/rubric-grade $(RUNTIME_RUBRIC_JSON)
	@for audits in examples/*-audits.jsonl examples/*-audits.csv tests/runtime/v2/*-audits.*; do \
	    for rubric in $(RUNTIME_RUBRIC_JSON) tests/runtime/v2/rubrics/*.json; do \
	        id=$$(basename $$rubric .json); grep -q "$$id" $$audits || continue; \
	        for format in jsonl csv text; do \
	            status=0; $(RUNTIME_VALGRIND) $(BUILD)/rubric-grade --rubric $$rubric --format $$format \
	                --quiet $$audits > /dev/null || status=$$?; \
	            if [ $$status -ne 0 ] && [ $$status -ne 1 ]; then \
	                echo "valgrind: rubric-grade $$audits --format $$format: exit $$status"; exit 1; fi; \
	        done; \
	        status=0; $(RUNTIME_VALGRIND) $(BUILD)/rubric-grade --rubric $$rubric --summary --quiet \
	            $$audits > /dev/null || status=$$?; \
	        if [ $$status -ne 0 ] && [ $$status -ne 1 ]; then \
	            echo "valgrind: rubric-grade --summary $$audits: exit $$status"; exit 1; fi; \
	    done; \
	done; \
	for audits in tests/runtime/faults/*; do \
	    for format in jsonl csv text; do \
	        status=0; $(RUNTIME_VALGRIND) $(BUILD)/rubric-grade --rubric tests/runtime/tiny-rubric.json \
	            --format $$format --max-record-size 1K --quiet $$audits > /dev/null 2>&1 || status=$$?; \
	        if [ $$status -gt 2 ]; then \
	            echo "valgrind: rubric-grade $$audits --format $$format: exit $$status"; exit 1; fi; \
	    done; \
	done; echo "rubric-grade valgrind: sample audits and fault inputs clean"

# The "criteria" of JSON Lines records, written two criteria to a piece
# or one at a time (report_pieces.h), for rubrics grown on both sides of
# the limit: every grade as the audit gave it, in order.
.PHONY: check-runtime-criteria-object check-runtime-rules-golden
check-runtime-criteria-object: $(BUILD)/rubric-grade
	@mkdir -p $(BUILD)/tests/runtime/criteria-object
	@/usr/bin/python3 tests/runtime/check_criteria_object.py $(BUILD)/rubric-grade tests/runtime/tiny-rubric.json \
	    $(BUILD)/tests/runtime/criteria-object

CHECK_TARGETS += check-runtime-rules-golden
SANITIZE_TARGETS += check-runtime-rules-golden
CHECK_TARGETS += check-runtime-units check-runtime-golden check-runtime-v2-golden check-runtime-v2-fixtures \
                 check-runtime-faults check-runtime-criteria-object
SANITIZE_TARGETS += check-runtime-units check-runtime-golden check-runtime-v2-golden check-runtime-faults \
                    check-runtime-criteria-object
VALGRIND_TARGETS += check-runtime-valgrind
