# compile.mk — `make bench`: the compiler benchmark (bench/compile/).
# Generated rubrics of 1,000 and 10,000 criteria compiled to JSON: median
# time, MB/s of source, peak memory, and `jq .` reading the same JSON as
# the baseline. Results in $(BUILD)/bench/compile.txt.

BENCH_TARGETS += bench-compile
.PHONY: bench-compile
bench-compile: $(BUILD)/rubricc
	@sh bench/compile/run.sh $(BUILD)/rubricc $(BUILD)/bench
