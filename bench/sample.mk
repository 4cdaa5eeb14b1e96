# sample.mk — `make bench`: rubric-grade sample choosing 5% of 100,000
# generated cases and allocating them to 40 auditors (bench/sample/run.sh),
# target at most 1 s. The list comes from tests/sample/make_cases.py
# (deterministic). Results in $(BUILD)/bench/sample.txt.

SAMPLE_BENCH_DATA := $(BUILD)/bench/sample-data

$(SAMPLE_BENCH_DATA)/cases-100k.csv $(SAMPLE_BENCH_DATA)/auditors-40.csv &: tests/sample/make_cases.py
	@mkdir -p $(SAMPLE_BENCH_DATA)
	python3 tests/sample/make_cases.py 100000 40 $(SAMPLE_BENCH_DATA)/cases-100k.csv \
	    $(SAMPLE_BENCH_DATA)/auditors-40.csv --seed 1

BENCH_TARGETS += bench-sample
.PHONY: bench-sample
bench-sample: $(BUILD)/rubric-grade $(SAMPLE_TEST_RUBRIC) $(SAMPLE_BENCH_DATA)/cases-100k.csv
	@sh bench/sample/run.sh $(BUILD)/rubric-grade $(SAMPLE_TEST_RUBRIC) $(SAMPLE_BENCH_DATA)/cases-100k.csv \
	    $(SAMPLE_BENCH_DATA)/auditors-40.csv $(BUILD)/bench
