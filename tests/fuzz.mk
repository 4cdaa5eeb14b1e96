# fuzz.mk — fuzzing the compiler core with libFuzzer (tests/fuzz/). Inputs
# that once crashed it are kept in tests/fuzz/regressions/ and seed every run.
#
#   fuzz-smoke  (in `make check`) about 20 seconds of fuzzing from the seed
#               corpus; fails on any crash, sanitizer finding, leak or
#               timeout, leaving the input in $(BUILD)/fuzz/artifacts/
#   fuzz        a longer run: FUZZ_TIME seconds (default 600), FUZZ_JOBS
#               processes; the corpus grows in $(BUILD)/fuzz/corpus/
#
# libFuzzer comes with clang (Debian: clang and libclang-rt-14-dev), so the
# harness and the compiler objects it links are built again with FUZZ_CC
# (clang) and -fsanitize=fuzzer,address,undefined, under $(BUILD)/fuzz/.
# Replay one input: $(BUILD)/fuzz/fuzz_compile FILE

FUZZ_CC ?= clang
FUZZ_TIME ?= 600
FUZZ_JOBS ?= 2
FUZZ_SANITIZERS := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -std=c11 $(WARNINGS) -O1 -g -fno-omit-frame-pointer $(FUZZ_SANITIZERS) \
               -fsanitize=fuzzer-no-link -D_POSIX_C_SOURCE=200809L \
               -DRUBRIC_VERSION='"$(VERSION)"' -I$(BUILD)/gen -Icompiler -Iruntime -Igrammar
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_OBJECTS := $(patsubst $(BUILD)/%,$(FUZZ_DIR)/obj/%,$(COMPILER_LIBRARY_OBJECTS))
FUZZ_SEEDS := $(sort $(wildcard rubrics/*.rubric rubrics/*/*.rubric tests/diagnostics/*.rubric \
                                tests/golden/*.rubric tests/cli/fixtures/*.rubric \
                                tests/fuzz/regressions/*.rubric))
FUZZ_OPTIONS := -dict=tests/fuzz/rubric.dict -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
                -artifact_prefix=$(FUZZ_DIR)/artifacts/ -print_final_stats=0

CHECK_TARGETS += fuzz-smoke
.PHONY: fuzz fuzz-smoke fuzz-seeds

$(FUZZ_DIR)/obj/compiler/%.o: compiler/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/obj/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-unused-function -Wno-sign-compare -Wno-missing-prototypes \
	    -Wno-unreachable-code -c -o $@ $<

$(FUZZ_DIR)/fuzz_compile: tests/fuzz/fuzz_compile.c $(FUZZ_OBJECTS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^

# The seed corpus: every rubric of the repository, copied flat.
fuzz-seeds: $(FUZZ_SEEDS)
	@rm -rf $(FUZZ_DIR)/seeds && mkdir -p $(FUZZ_DIR)/seeds $(FUZZ_DIR)/corpus $(FUZZ_DIR)/artifacts
	@for seed in $(FUZZ_SEEDS); do cp "$$seed" "$(FUZZ_DIR)/seeds/$$(echo "$$seed" | tr / _)"; done

fuzz-smoke: $(FUZZ_DIR)/fuzz_compile fuzz-seeds
	@echo "== fuzzing the compiler for 20 seconds"
	@$(FUZZ_DIR)/fuzz_compile $(FUZZ_OPTIONS) -max_total_time=20 \
	    $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds > $(FUZZ_DIR)/smoke.log 2>&1 \
	    || { tail -n 60 $(FUZZ_DIR)/smoke.log; echo "fuzz-smoke: FAILED (log: $(FUZZ_DIR)/smoke.log)"; exit 1; }
	@echo "fuzz-smoke: $$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' $(FUZZ_DIR)/smoke.log) inputs run, $$(ls $(FUZZ_DIR)/corpus | wc -l) in the corpus, 0 crashes"

fuzz: $(FUZZ_DIR)/fuzz_compile fuzz-seeds
	$(FUZZ_DIR)/fuzz_compile $(FUZZ_OPTIONS) -max_total_time=$(FUZZ_TIME) -fork=$(FUZZ_JOBS) \
	    $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds
