# xlsx.mk — the spreadsheets: the data-entry workbook of `rubricc --emit
# xlsx-template` (compiler/emit/emit_xlsx_template.c) and workbooks of
# audits read by rubric-grade (runtime/lib/audit_xlsx.c, xlsx_rows.c),
# checked with an independent reader, Python's openpyxl (Debian's
# python3-openpyxl).
# Included by the top-level Makefile.
#
#   check-xlsx   tests/xlsx/check_template.py on the shipped rubrics and the
#                worked examples (a lettered scale with NA, case types, a
#                checklist, a score scale): the sheets, the header, the
#                frozen rows, each grade column's dropdown of exactly the
#                rubric's codes, the input messages within Excel's limits,
#                the Guidance sheet, the same bytes from two runs; then
#                workbooks of audits read by rubric-grade
#                (runtime/lib/audit_xlsx.c and xlsx_rows.c,
#                tests/xlsx/check_reading.py):
#                the filled template graded exactly as the same rows as
#                CSV, dates in both date systems, every kind of cell, and
#                each bad workbook's diagnostic; then the results workbook
#                (runtime/cli/results_xlsx.c, tests/xlsx/check_results.py)
#                against rubric-grade's own records and --summary; then its
#                sheets by group and by round (--group-by, --round,
#                --rounds; runtime/cli/results_xlsx_splits.c,
#                tests/xlsx/check_results_splits.py) against the report
#                page's tables of the same audits, small groups withheld,
#                and their charts

# openpyxl is Debian's, so Debian's Python runs the checks.
XLSX_PYTHON ?= /usr/bin/python3
XLSX_RUBRICS := $(sort $(wildcard rubrics/*.rubric)) $(sort $(wildcard rubrics/examples/*.rubric))

CHECK_TARGETS += check-xlsx
SANITIZE_TARGETS += check-xlsx
.PHONY: check-xlsx
check-xlsx: $(BUILD)/rubricc $(BUILD)/rubric-grade $(RUNTIME_RUBRIC_JSON)
	@echo "== xlsx: the data-entry workbook"
	@rm -rf $(BUILD)/tests/xlsx
	@$(XLSX_PYTHON) tests/xlsx/check_template.py --rubricc $(BUILD)/rubricc --out $(BUILD)/tests/xlsx/template \
	    $(XLSX_RUBRICS)
	@echo "== xlsx: workbooks of audits read by rubric-grade"
	@$(XLSX_PYTHON) tests/xlsx/check_reading.py --rubricc $(BUILD)/rubricc --grader $(BUILD)/rubric-grade \
	    --out $(BUILD)/tests/xlsx/reading
	@echo "== xlsx: the results workbook (rubric-grade --format xlsx)"
	@$(XLSX_PYTHON) tests/xlsx/check_results.py --grader $(BUILD)/rubric-grade --rubrics $(BUILD)/rubrics \
	    --out $(BUILD)/tests/xlsx/results
	@$(XLSX_PYTHON) tests/xlsx/check_results_splits.py --grader $(BUILD)/rubric-grade \
	    --out $(BUILD)/tests/xlsx/results-splits
