# report.mk — `make bench`: the report's benchmark (bench/report/run.sh).
# rubric-grade --report on 100,000 generated audits split by group
# (--group-by) and by month (--rounds), beside grading alone and the plain
# report. Results in $(BUILD)/bench/report.txt.

REPORT_BENCH_RUBRIC := tests/runtime/v2/rubrics/example-assessment-timeliness.json
REPORT_BENCH_AUDITS := $(BUILD)/bench/report-data/audits-100k.jsonl

$(REPORT_BENCH_AUDITS): bench/report/make_audits.py
	@mkdir -p $(@D)
	python3 bench/report/make_audits.py 100000 7 $@.tmp
	mv $@.tmp $@

BENCH_TARGETS += bench-report
.PHONY: bench-report
bench-report: $(BUILD)/rubric-grade $(REPORT_BENCH_AUDITS)
	@sh bench/report/run.sh $(BUILD)/rubric-grade $(REPORT_BENCH_RUBRIC) $(REPORT_BENCH_AUDITS) $(BUILD)/bench
