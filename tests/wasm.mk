# wasm.mk — one truth for the WebAssembly build (wasm/): its commands must
# answer exactly as the native programs do. Included by the top-level
# Makefile; in CHECK_TARGETS when the WebAssembly toolchain is installed
# (`make check` installs it: scripts/deps.sh).
#
#   check-wasm  the golden suites run again with the programs replaced by
#               the WebAssembly commands under Node.js (node
#               $(BUILD)/wasm/rubricc.mjs, rubric-grade.mjs): the compiler's
#               JSON, diagnostics in every format (the 265 diagnostics
#               cases themselves all at once, by compare.sh below, beside
#               the native program, whose own suite holds it to each
#               case's expected text: one run instead of 265), C tables and
#               pages and forms; the grader's records, CSV, text, summary,
#               report, moderation and the v2 examples. Then
#               tests/wasm/compare.sh runs both the native programs and
#               the modules on every golden input, the fault inputs, the
#               xlsx suite's workbooks (tests/xlsx/check_reading.py writes
#               them) and the fuzzers' saved inputs, and compares
#               everything they write;
#               tests/wasm/rubric-module.test.mjs does the same for the
#               pages' module (wasm/rubric.mjs) and its in-memory WASI,
#               and tests/wasm/kept-grader.test.mjs for its kept grader
#               (openGrader): every sample audit, one at a time, and
#               10,000 calls that leave the memory as it was.
#
# The commands are two small scripts in $(WASM_COMMANDS) beside a link to
# $(BUILD)/rubrics, so that the runners that take a build folder find
# them as they find the native programs; each suite runs them through one
# command server (below). The diagnostics-format suite runs
# with SANITIZE=1, which leaves out its address-space limit: Node reserves
# more address space for a WebAssembly memory than that limit allows (the
# module's own memory is bounded at 4 GiB by wasm32). tests/runtime/
# run-faults.sh is not run again: it tests what the operating system does
# (kills, file modes, address-space limits), which WASI leaves out
# (wasm/README.md); its inputs are among compare.sh's. The grader's golden
# cases run from a copy of tests/runtime/golden/ over which
# tests/wasm/runtime-golden/ lays the answers this build gives on purpose
# otherwise: `--help`, which says that writing workbooks and the SQLite
# register are not in the WebAssembly build.

WASM_COMMANDS := $(BUILD)/wasm/commands
# The test runs are short (one rubric, a few audits) and there are
# thousands: V8 compiles each function the first time it is called and
# with its baseline compiler only, which halves the processor time a run
# spends outside the program. What a run computes is the same; the
# benchmarks (bench/wasm) run the modules as users do, optimised.
WASM_TEST_NODE_FLAGS := --liftoff-only --wasm-lazy-compilation
WASM_CHECK_WORK := $(BUILD)/tests/wasm
# Each suite below runs with its commands served by one Node.js process
# (tests/wasm/with-server.sh, command-server.mjs: the modules compiled once,
# each command in a fresh instance) rather than a process per command,
# which had spent more time starting than grading; command-client is
# the commands' side of it, a small C program.
WASM_CLIENT := $(WASM_CHECK_WORK)/command-client
WITH_WASM_SERVER := WASM_NODE_FLAGS='$(WASM_TEST_NODE_FLAGS)' sh tests/wasm/with-server.sh $(WASM_DIR)

$(WASM_CLIENT): tests/wasm/command_client.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARNINGS) -O2 -o $@ $<

$(WASM_COMMANDS)/rubricc $(WASM_COMMANDS)/rubric-grade: $(WASM_COMMANDS)/%: tests/wasm.mk
	@mkdir -p $(@D)
	printf '#!/bin/sh\n# %s as WebAssembly: served (tests/wasm/with-server.sh), or under a Node.js of its own\n# when not served or when under resource limits (which must be its own)\n%s\nexec node $(WASM_TEST_NODE_FLAGS) "%s" "$$@"\n' \
	    '$*' 'if [ -n "$${RUBRIC_WASM_SERVER:-}" ] && [ "$$(ulimit -f)$$(ulimit -v)$$(ulimit -t)" = unlimitedunlimitedunlimited ]; then exec "$(abspath $(WASM_CLIENT))" "$$RUBRIC_WASM_SERVER" $* "$$@"; fi' \
	    '$(abspath $(WASM_DIR))/$*.mjs' > $@
	chmod +x $@
	ln -sfn '$(abspath $(BUILD))/rubrics' $(WASM_COMMANDS)/rubrics

.PHONY: check-wasm
check-wasm: $(WASM_TARGETS) $(WASM_COMMANDS)/rubricc $(WASM_COMMANDS)/rubric-grade $(WASM_CLIENT) \
            $(BUILD)/rubricc $(BUILD)/rubric-grade $(BUILD)/librubric.a $(RUNTIME_RUBRIC_JSON) npm-tools
	@echo "== the golden suites through the WebAssembly commands"
	@$(WITH_WASM_SERVER) sh tests/golden/run-golden.sh $(WASM_COMMANDS)/rubricc $(WASM_CHECK_WORK)/json-golden
	@SANITIZE=1 $(WITH_WASM_SERVER) sh tests/diagnostics-format/run-diagnostics-format.sh $(WASM_COMMANDS)/rubricc \
	    $(WASM_CHECK_WORK)/diagnostics-format
	@EMIT_C_CC='$(CC)' EMIT_C_LIBRARY='$(BUILD)/librubric.a $(RUNTIME_LIBS)' \
	    $(WITH_WASM_SERVER) sh tests/emit_c/run.sh $(WASM_COMMANDS)/rubricc $(WASM_CHECK_WORK)/emit_c
	@$(WITH_WASM_SERVER) python3 tests/html/check_pages.py --rubricc $(WASM_COMMANDS)/rubricc \
	    --grader $(WASM_COMMANDS)/rubric-grade --out $(WASM_CHECK_WORK)/html
	@rm -rf $(WASM_CHECK_WORK)/runtime-golden && mkdir -p $(WASM_CHECK_WORK)/runtime-golden
	@cp tests/runtime/golden/* $(WASM_CHECK_WORK)/runtime-golden/
	@cp tests/wasm/runtime-golden/* $(WASM_CHECK_WORK)/runtime-golden/
	@GOLDEN_DIR=$(WASM_CHECK_WORK)/runtime-golden $(WITH_WASM_SERVER) sh tests/runtime/run-golden.sh $(WASM_COMMANDS)
	@GOLDEN_DIR=tests/runtime/v2/golden $(WITH_WASM_SERVER) sh tests/runtime/run-golden.sh $(WASM_COMMANDS)
	@GOLDEN_DIR=tests/report/golden $(WITH_WASM_SERVER) sh tests/runtime/run-golden.sh $(WASM_COMMANDS)
	@echo "== the native programs and the WebAssembly commands side by side"
	@$(WITH_WASM_SERVER) sh tests/wasm/compare.sh $(BUILD) $(WASM_COMMANDS) $(WASM_CHECK_WORK)/compare
	@node tests/wasm/rubric-module.test.mjs $(BUILD) $(WASM_DIR)
	@node tests/wasm/kept-grader.test.mjs $(BUILD) $(WASM_DIR)

ifneq ($(WASM_TOOLCHAIN),)
CHECK_TARGETS += check-wasm
endif
