# sample.mk — rubric-grade sample (runtime/cli/sample*.c): choosing the cases
# of an audit round and allocating them to auditors (tests/sample/run.py):
# goldens of small rounds and their drafts, every user mistake with its
# message, 150 small rounds checked exhaustively (never an auditor's own
# team, capacities, exclusions, largest-remainder shares, the most even
# loads found by search, the same seed the same bytes) and 150 seeds of a
# 1,500-case list checked statistically (50 of each under the sanitizers,
# where every run is slow); and the lists and the allocation as Excel
# workbooks, written and read back by openpyxl (tests/sample/
# check_workbooks.py, under Debian's python3). Included by the top-level
# Makefile.

SAMPLE_TEST_RUBRIC := $(BUILD)/tests/sample/sample-round.json

$(SAMPLE_TEST_RUBRIC): tests/sample/round.rubric $(BUILD)/rubricc
	@mkdir -p $(@D)
	$(BUILD)/rubricc --emit json -o $(@D) tests/sample/round.rubric

CHECK_TARGETS += check-sample
SANITIZE_TARGETS += check-sample
.PHONY: check-sample
check-sample: $(BUILD)/rubric-grade $(SAMPLE_TEST_RUBRIC)
	@python3 tests/sample/run.py $(BUILD)/rubric-grade $(SAMPLE_TEST_RUBRIC) $(if $(filter 1,$(SANITIZE)),--quick)
	@$(XLSX_PYTHON) tests/sample/check_workbooks.py $(BUILD)/rubric-grade
