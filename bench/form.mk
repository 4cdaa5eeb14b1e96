# form.mk — `make bench`: the audit form's live grade, timed in headless
# Chromium as an auditor grades the Waltham Forest form one click at a
# time (bench/form/live.mjs): the median time from a click to the rules'
# grades redrawn (target at most 16 ms) and the form's size (at most
# 1.5 MB). Needs the WebAssembly build (the form carries rubric-grade.wasm).
# Results in $(BUILD)/bench/form.txt.

FORM_BENCH_RUBRIC := rubrics/waltham-forest-case-audit-grading-criteria.rubric
FORM_BENCH_DIR := $(BUILD)/bench/form
FORM_BENCH_PAGE := $(FORM_BENCH_DIR)/$(shell sed -n 's/^rubric: *//p' $(FORM_BENCH_RUBRIC) | head -n 1)-form.html

BENCH_TARGETS += bench-form
.PHONY: bench-form
bench-form: $(BUILD)/rubricc $(WASM_DIR)/rubric-grade.wasm npm-tools
	@mkdir -p $(FORM_BENCH_DIR)
	@$(BUILD)/rubricc --emit form --grader-module $(WASM_DIR)/rubric-grade.wasm -o $(FORM_BENCH_DIR) $(FORM_BENCH_RUBRIC)
	@node bench/form/live.mjs $(FORM_BENCH_PAGE) | tee $(BUILD)/bench/form.txt
