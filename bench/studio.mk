# studio.mk — `make bench`: the rubric studio (web/studio.html) timed in
# headless Chromium as an author types into the Waltham Forest rubric
# (bench/studio/latency.mjs): the diagnostics and the preview after each
# key, medians against the targets (100 ms, 300 ms), the browser's
# processor time per key (bench/browser-cpu.mjs), and the page's size.
# Results in $(BUILD)/bench/studio.txt.

STUDIO_BENCH_SOURCE := rubrics/waltham-forest-case-audit-grading-criteria.rubric

BENCH_TARGETS += bench-studio
.PHONY: bench-studio
bench-studio: $(WEB_DIR)/studio.html npm-tools
	@mkdir -p $(BUILD)/bench
	@node bench/studio/latency.mjs $(WEB_DIR)/studio.html $(STUDIO_BENCH_SOURCE) | tee $(BUILD)/bench/studio.txt
