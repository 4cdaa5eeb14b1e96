# fuzz.mk — coverage-guided fuzzing with libFuzzer (tests/fuzz/), one
# fuzzer per way into the programs:
#
#   compile      a rubric source and the files it includes (fuzz_compile.c)
#   rubric_load  the rubric JSON loader, then a grader built on it
#                (fuzz_rubric_load.c)
#   jsonl        audits as JSON Lines: reader, grader, report writers
#   csv          audits as CSV: the same path (both fuzz_audits.c)
#   lsp          the language server's messages: framing, JSON-RPC, every
#                method (fuzz_lsp.c)
#   import       a spreadsheet grid for `rubricc import`; what it imports
#                must compile (fuzz_import.c)
#
# Inputs that once failed are kept in tests/fuzz/regressions/<fuzzer>/;
# they are replayed one by one and seed every run.
#
#   fuzz-smoke  (in `make check`) replays every saved input, then fuzzes
#               each target for FUZZ_SMOKE_TIME seconds (default 5) from
#               its seeds; fails on any crash, sanitizer finding, leak or
#               timeout, leaving the input in $(BUILD)/fuzz/artifacts/
#   fuzz        a longer run: FUZZ_TIME seconds per fuzzer (default 600),
#               FUZZ_JOBS processes each; the corpora grow in
#               $(BUILD)/fuzz/corpus/<fuzzer>/. FUZZERS picks some.
#   fuzz-long   the same for FUZZ_LONG_TIME seconds per fuzzer (default
#               3600: an hour each, one after the other)
#
# Only the minimized inputs that once failed are saved in the repository
# (tests/fuzz/regressions/), never a grown corpus.
#
# Inputs may grow to FUZZ_MAX_LEN bytes (default 65536), well past the
# readers' first buffer sizes. libFuzzer comes with clang (Debian: clang
# and libclang-rt-14-dev), so the harnesses and the compiler and library
# objects they link are built again with FUZZ_CC (clang) and
# -fsanitize=fuzzer,address,undefined, under $(BUILD)/fuzz/.
# Replay one input: $(BUILD)/fuzz/fuzz_<fuzzer> FILE

FUZZ_CC ?= clang
FUZZ_TIME ?= 600
FUZZ_LONG_TIME ?= 3600
FUZZ_SMOKE_TIME ?= 5
FUZZ_JOBS ?= 2
FUZZ_MAX_LEN ?= 65536
ALL_FUZZERS := compile rubric_load jsonl csv lsp import
FUZZERS ?= $(ALL_FUZZERS)
FUZZ_SANITIZERS := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -std=c11 $(WARNINGS) -O1 -g -fno-omit-frame-pointer $(FUZZ_SANITIZERS) \
               -fsanitize=fuzzer-no-link -D_POSIX_C_SOURCE=200809L -MMD -MP \
               -DRUBRIC_VERSION='"$(VERSION)"' $(COMPILER_INCLUDES) -Iruntime/cli -Igrammar
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_COMPILER_OBJECTS := $(patsubst $(BUILD)/%,$(FUZZ_DIR)/obj/%,$(COMPILER_LIBRARY_OBJECTS))
FUZZ_RUNTIME_OBJECTS := $(patsubst $(BUILD)/%,$(FUZZ_DIR)/obj/%,$(RUNTIME_LIBRARY_OBJECTS))
# The audit fuzzers write each result as rubric-grade does (runtime/cli/report.c;
# its objects need common/'s option table, which grade_cli.c parses with).
FUZZ_PROGRAM_OBJECTS := $(patsubst $(BUILD)/%,$(FUZZ_DIR)/obj/%,$(RUNTIME_PROGRAM_OBJECTS) $(COMMON_OBJECTS))
# The language server and the grid import: their folders' objects on top
# of the compiler core's and the library's (the same object in both lists
# is linked once).
FUZZ_LSP_OBJECTS := $(sort $(patsubst compiler/%.c,$(FUZZ_DIR)/obj/compiler/%.o,$(wildcard compiler/lsp/*.c)) \
                           $(FUZZ_COMPILER_OBJECTS) $(FUZZ_RUNTIME_OBJECTS))
FUZZ_IMPORT_OBJECTS := $(sort $(patsubst %,$(FUZZ_DIR)/obj/compiler/tools/%.o,grid_read import_grid) \
                              $(FUZZ_COMPILER_OBJECTS) $(FUZZ_RUNTIME_OBJECTS))
# The audit fuzzers grade against this shipped rubric (examples/ hold its audits).
FUZZ_AUDIT_RUBRIC := $(BUILD)/rubrics/london-borough-case-audit-gradings.json

# Seeds and dictionary of each fuzzer. A compile seed is a shipped rubric
# with the files it includes after it, each on a "%% NAME" line.
FUZZ_SEEDS_compile := $(sort $(wildcard rubrics/*/*.rubric tests/diagnostics/*.rubric \
                                        tests/golden/*.rubric tests/cli/fixtures/*.rubric))
FUZZ_SEEDS_rubric_load := tests/runtime/tiny-rubric.json $(sort $(wildcard tests/runtime/bad-rubrics/*.json))
FUZZ_SEEDS_jsonl := $(sort $(wildcard examples/*.jsonl tests/runtime/bad-records/*.jsonl))
FUZZ_SEEDS_csv := $(sort $(wildcard examples/*.csv tests/runtime/bad-records/*.csv))
FUZZ_SEEDS_lsp := $(sort $(wildcard tests/lsp/sessions/*.in))
FUZZ_SEEDS_import := $(sort $(wildcard tests/interop/grids/*.csv tests/interop/golden/*-grid.csv))
FUZZ_DICT_compile := tests/fuzz/rubric.dict
FUZZ_DICT_rubric_load := tests/fuzz/json.dict
FUZZ_DICT_jsonl := tests/fuzz/json.dict
FUZZ_DICT_csv := tests/fuzz/csv.dict
FUZZ_DICT_lsp := tests/fuzz/lsp.dict
FUZZ_DICT_import := tests/fuzz/grid.dict

CHECK_TARGETS += fuzz-smoke
.PHONY: fuzz fuzz-long fuzz-smoke fuzz-seeds fuzz-binaries

$(FUZZ_DIR)/obj/compiler/%.o: compiler/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/obj/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-unused-function -Wno-sign-compare -Wno-missing-prototypes \
	    -Wno-unreachable-code -c -o $@ $<

$(FUZZ_DIR)/obj/common/%.o: common/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/obj/runtime/%.o: runtime/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/fuzz_compile: tests/fuzz/fuzz_compile.c $(FUZZ_COMPILER_OBJECTS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(COMPILER_LIBS)

$(FUZZ_DIR)/fuzz_rubric_load: tests/fuzz/fuzz_rubric_load.c $(FUZZ_RUNTIME_OBJECTS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(RUNTIME_LIBS)

$(FUZZ_DIR)/fuzz_jsonl $(FUZZ_DIR)/fuzz_csv: $(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_audits.c $(FUZZ_PROGRAM_OBJECTS) $(FUZZ_RUNTIME_OBJECTS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -DFUZZ_AUDIT_FORMAT=AUDIT_FORMAT_$(shell echo $* | tr a-z A-Z) \
	    -DFUZZ_RUBRIC='"$(abspath $(FUZZ_AUDIT_RUBRIC))"' -o $@ $^ $(RUNTIME_LIBS) $(RUNTIME_PROGRAM_LIBS)

$(FUZZ_DIR)/fuzz_lsp: tests/fuzz/fuzz_lsp.c $(FUZZ_LSP_OBJECTS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(RUNTIME_LIBS) $(COMPILER_JANSSON_LIBS) $(COMPILER_LIBS)

$(FUZZ_DIR)/fuzz_import: tests/fuzz/fuzz_import.c $(FUZZ_IMPORT_OBJECTS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(RUNTIME_LIBS) $(COMPILER_LIBS)

fuzz-binaries: $(foreach fuzzer,$(FUZZERS),$(FUZZ_DIR)/fuzz_$(fuzzer)) $(FUZZ_AUDIT_RUBRIC)

# The seed corpora: each fuzzer's seeds and saved inputs, copied flat.
fuzz-seeds: $(foreach fuzzer,$(ALL_FUZZERS),$(FUZZ_SEEDS_$(fuzzer)))
	@rm -rf $(FUZZ_DIR)/seeds $(FUZZ_DIR)/artifacts && mkdir -p $(FUZZ_DIR)/artifacts
	@for fuzzer in $(ALL_FUZZERS); do mkdir -p $(FUZZ_DIR)/seeds/$$fuzzer $(FUZZ_DIR)/corpus/$$fuzzer; done
	@for seed in $(FUZZ_SEEDS_compile) $(wildcard tests/fuzz/regressions/compile/*); do \
	    cp "$$seed" "$(FUZZ_DIR)/seeds/compile/$$(echo "$$seed" | tr / _)"; done
	@for rubric in rubrics/*.rubric; do \
	    seed="$(FUZZ_DIR)/seeds/compile/$$(echo "$$rubric" | tr / _)"; cp "$$rubric" "$$seed"; \
	    for name in $$(sed -n 's/^include: *//p' "$$rubric"); do \
	        printf '%%%% %s\n' "$$name" >> "$$seed"; cat "rubrics/$$name" >> "$$seed"; done; done
	@$(foreach fuzzer,rubric_load jsonl csv lsp import,for seed in $(FUZZ_SEEDS_$(fuzzer)) \
	    $(wildcard tests/fuzz/regressions/$(fuzzer)/*); do \
	    cp "$$seed" "$(FUZZ_DIR)/seeds/$(fuzzer)/$$(echo "$$seed" | tr / _)"; done &&) true

fuzz-smoke: fuzz-binaries fuzz-seeds
	@$(foreach fuzzer,$(FUZZERS),sh tests/fuzz/run-fuzzer.sh smoke $(fuzzer) $(FUZZ_DIR) $(FUZZ_DICT_$(fuzzer)) \
	    $(FUZZ_MAX_LEN) $(FUZZ_SMOKE_TIME) &&) true

fuzz: fuzz-binaries fuzz-seeds
	@$(foreach fuzzer,$(FUZZERS),sh tests/fuzz/run-fuzzer.sh long $(fuzzer) $(FUZZ_DIR) $(FUZZ_DICT_$(fuzzer)) \
	    $(FUZZ_MAX_LEN) $(FUZZ_TIME) $(FUZZ_JOBS) &&) true

fuzz-long: fuzz-binaries fuzz-seeds
	@$(foreach fuzzer,$(FUZZERS),sh tests/fuzz/run-fuzzer.sh long $(fuzzer) $(FUZZ_DIR) $(FUZZ_DICT_$(fuzzer)) \
	    $(FUZZ_MAX_LEN) $(FUZZ_LONG_TIME) $(FUZZ_JOBS) &&) true

# Each object is rebuilt when a header it includes changes (-MMD -MP above):
# the fuzzers link the library's objects, whose structs must agree.
-include $(shell find $(FUZZ_DIR)/obj -name '*.d' 2>/dev/null)
