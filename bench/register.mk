# register.mk — `make bench`: the register's benchmark (bench/register/run.sh).
# rubric-grade --register importing the grading benchmark's 100,000 CSV
# audits (bench/grade.mk makes them) into a new register, then again,
# beside rubric-grade without the register and sqlite3's own CSV import.
# Results in $(BUILD)/bench/register.txt.

BENCH_TARGETS += bench-register
.PHONY: bench-register
bench-register: $(BUILD)/rubric-grade $(GRADE_BENCH_RUBRIC) $(GRADE_BENCH_DATA)/audits-100k.csv
	@sh bench/register/run.sh $(BUILD)/rubric-grade $(GRADE_BENCH_RUBRIC) $(GRADE_BENCH_DATA)/audits-100k.csv $(BUILD)/bench
