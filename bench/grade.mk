# grade.mk — `make bench`: the grading benchmark (bench/grade/run.sh).
# rubric-grade on 100,000 generated audits of Waltham Forest's rubric, as
# JSON Lines and as CSV, interleaved with wc -l and cat (the floor of
# reading the file) and with a jq program and a Python script that compute
# the same section grades, checked first to agree on a sample; then on
# 1,000,000 audits (memory), one audit from a cold start, and a rubric of
# 100,000 criteria. Results in $(BUILD)/bench/grade.txt.
# The audits come from tests/one_truth/generate_audits.py (deterministic)
# and are made again only when the generator or the rubric changes.

GRADE_BENCH_RUBRIC := $(BUILD)/rubrics/waltham-forest-case-audit-grading-criteria.json
GRADE_BENCH_DATA := $(BUILD)/bench/grade-data
GRADE_BENCH_GENERATOR := tests/one_truth/generate_audits.py

# A million valid audits, drawn from a pool of 4,096 generated ones.
$(GRADE_BENCH_DATA)/audits-1m.jsonl: $(GRADE_BENCH_GENERATOR) $(GRADE_BENCH_RUBRIC)
	@mkdir -p $(GRADE_BENCH_DATA)
	python3 $(GRADE_BENCH_GENERATOR) $(GRADE_BENCH_RUBRIC) 1000000 --pool 4096 --seed 11 -o $@.tmp
	mv $@.tmp $@

# 100,000 valid audits as CSV, each generated on its own.
$(GRADE_BENCH_DATA)/audits-100k.csv: $(GRADE_BENCH_GENERATOR) $(GRADE_BENCH_RUBRIC)
	@mkdir -p $(GRADE_BENCH_DATA)
	python3 $(GRADE_BENCH_GENERATOR) $(GRADE_BENCH_RUBRIC) 100000 --format csv --seed 17 -o $@.tmp
	mv $@.tmp $@

# The agreement sample: 2,000 audits, each generated on its own.
$(GRADE_BENCH_DATA)/sample.jsonl: $(GRADE_BENCH_GENERATOR) $(GRADE_BENCH_RUBRIC)
	@mkdir -p $(GRADE_BENCH_DATA)
	python3 $(GRADE_BENCH_GENERATOR) $(GRADE_BENCH_RUBRIC) 2000 --seed 13 -o $@

BENCH_TARGETS += bench-grade
.PHONY: bench-grade
bench-grade: $(BUILD)/rubric-grade $(GRADE_BENCH_RUBRIC) $(GRADE_BENCH_DATA)/audits-1m.jsonl \
             $(GRADE_BENCH_DATA)/audits-100k.csv $(GRADE_BENCH_DATA)/sample.jsonl
	@sh bench/grade/run.sh $(BUILD)/rubric-grade $(GRADE_BENCH_RUBRIC) $(GRADE_BENCH_DATA)/audits-1m.jsonl \
	    $(GRADE_BENCH_DATA)/audits-100k.csv $(GRADE_BENCH_DATA)/sample.jsonl $(BUILD)/bench
