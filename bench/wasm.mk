# wasm.mk — `make bench`: the WebAssembly build (wasm/) beside the native
# programs (bench/wasm/run.sh): the modules' gzipped sizes, 100,000 audits
# graded through `node rubric-grade.mjs` and the Waltham Forest rubric
# compiled through `node rubricc.mjs`, each against the native program in
# the same hyperfine run; then in headless Chromium (bench/wasm/chromium.mjs)
# the modules' loading, one audit graded and the rubric compiled in a page
# bundled by web/bundle.mjs (tests/web.mk's), and 10,000 audits through the
# results page. Results in $(BUILD)/bench/wasm.txt. The audits are
# bench/grade.mk's generated file (its first 100,000 and 10,000 lines).

WASM_BENCH_SOURCE := rubrics/waltham-forest-case-audit-grading-criteria.rubric

BENCH_TARGETS += bench-wasm
.PHONY: bench-wasm
bench-wasm: $(WASM_TARGETS) $(BUILD)/rubric-grade $(BUILD)/rubricc $(GRADE_BENCH_RUBRIC) \
            $(GRADE_BENCH_DATA)/audits-1m.jsonl $(WEB_TEST_WORK)/module-page.html $(WEB_DIR)/results.html npm-tools
	@sh bench/wasm/run.sh $(BUILD) $(WASM_DIR) $(WASM_BENCH_SOURCE) $(GRADE_BENCH_RUBRIC) \
	    $(GRADE_BENCH_DATA)/audits-1m.jsonl $(BUILD)/bench $(WEB_TEST_WORK)/module-page.html $(WEB_DIR)/results.html
