# xlsx.mk — `make bench`: reading audits from an Excel workbook against the
# same audits as CSV (bench/xlsx/run.sh), 10,000 generated audits of
# Waltham Forest's rubric; and the results workbook of 100,000 audits
# (--format xlsx) beside --format csv. Results in $(BUILD)/bench/xlsx.txt.
# The audits come from tests/one_truth/generate_audits.py (deterministic);
# the workbook from them by openpyxl (bench/xlsx/make_workbook.py). Beside
# each figure, the floor the libraries alone set (read_floor.c, write_floor.py).

XLSX_BENCH_DATA := $(BUILD)/bench/xlsx-data
XLSX_BENCH_RUBRIC := $(BUILD)/rubrics/waltham-forest-case-audit-grading-criteria.json

$(XLSX_BENCH_DATA)/audits-10k.csv: tests/one_truth/generate_audits.py $(XLSX_BENCH_RUBRIC)
	@mkdir -p $(XLSX_BENCH_DATA)
	python3 tests/one_truth/generate_audits.py $(XLSX_BENCH_RUBRIC) 10000 --format csv --seed 23 -o $@.tmp
	mv $@.tmp $@

$(XLSX_BENCH_DATA)/audits-10k.xlsx: $(XLSX_BENCH_DATA)/audits-10k.csv bench/xlsx/make_workbook.py
	/usr/bin/python3 bench/xlsx/make_workbook.py $< $@.tmp.xlsx
	mv $@.tmp.xlsx $@

BENCH_TARGETS += bench-xlsx
.PHONY: bench-xlsx
$(XLSX_BENCH_DATA)/audits-100k.jsonl: tests/one_truth/generate_audits.py $(XLSX_BENCH_RUBRIC)
	@mkdir -p $(XLSX_BENCH_DATA)
	python3 tests/one_truth/generate_audits.py $(XLSX_BENCH_RUBRIC) 100000 --pool 4096 --seed 29 -o $@.tmp
	mv $@.tmp $@

# The floor of reading: minizip and expat alone (bench/xlsx/read_floor.c).
XLSX_READ_FLOOR := $(BUILD)/bench/read_floor
$(XLSX_READ_FLOOR): bench/xlsx/read_floor.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARNINGS) -O2 -o $@ $< $(RUNTIME_XLSX_LIBS)

bench-xlsx: $(BUILD)/rubric-grade $(XLSX_BENCH_RUBRIC) $(XLSX_BENCH_DATA)/audits-10k.csv $(XLSX_BENCH_DATA)/audits-10k.xlsx \
            $(XLSX_BENCH_DATA)/audits-100k.jsonl $(XLSX_READ_FLOOR)
	@sh bench/xlsx/run.sh $(BUILD)/rubric-grade $(XLSX_BENCH_RUBRIC) $(XLSX_BENCH_DATA)/audits-10k.csv \
	    $(XLSX_BENCH_DATA)/audits-10k.xlsx $(XLSX_BENCH_DATA)/audits-100k.jsonl $(BUILD)/bench $(XLSX_READ_FLOOR)
