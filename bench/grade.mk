# grade.mk — `make bench`: the grading benchmark (bench/grade/run.sh).
# rubric-grade on 100,000 and 1,000,000 generated audits of Waltham Forest's
# rubric beside a jq program and a Python script that compute the same
# section grades, checked first to agree on a sample; audits per second,
# MB/s, peak memory, cold start. Results in $(BUILD)/bench/grade.txt.
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

# The agreement sample: 2,000 audits, each generated on its own.
$(GRADE_BENCH_DATA)/sample.jsonl: $(GRADE_BENCH_GENERATOR) $(GRADE_BENCH_RUBRIC)
	@mkdir -p $(GRADE_BENCH_DATA)
	python3 $(GRADE_BENCH_GENERATOR) $(GRADE_BENCH_RUBRIC) 2000 --seed 13 -o $@

BENCH_TARGETS += bench-grade
.PHONY: bench-grade
bench-grade: $(BUILD)/rubric-grade $(GRADE_BENCH_RUBRIC) $(GRADE_BENCH_DATA)/audits-1m.jsonl \
             $(GRADE_BENCH_DATA)/sample.jsonl
	@sh bench/grade/run.sh $(BUILD)/rubric-grade $(GRADE_BENCH_RUBRIC) $(GRADE_BENCH_DATA)/audits-1m.jsonl \
	    $(GRADE_BENCH_DATA)/sample.jsonl $(BUILD)/bench
