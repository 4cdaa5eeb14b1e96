# Makefile — builds rubricc, the grading library and rubric-grade, compiles
# the shipped rubrics and grades the sample audits (`make`), runs every test
# (`make check`), measures (`make bench`) and installs (`make install`).
#
# Everything built goes under build/ (BUILD). The sanitizer run of the test
# suite is this same Makefile run again with BUILD=build/sanitize and
# SANITIZE=1, so both builds come from one set of rules. Parts of the build
# that belong to one component live beside it and are included below
# (common/common.mk, compiler/compiler.mk, runtime/runtime.mk, wasm/wasm.mk, web/web.mk, tests/*.mk, bench/*.mk); each adds its targets to ALL_TARGETS,
# CHECK_TARGETS and BENCH_TARGETS.

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
VERSION := 1.0.0

CC ?= cc
ifeq ($(origin CC),default)
CC := gcc
endif
BISON ?= bison
FLEX ?= flex

# The strict warning list every file of ours compiles under.
WARNINGS := -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 -Wcast-qual -Wwrite-strings \
            -Wvla -Wundef
OPTIMIZE ?= -O2 -g
SANITIZE ?=
ifeq ($(SANITIZE),1)
OPTIMIZE := -O1 -g -fno-omit-frame-pointer
SANITIZER_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
endif
CFLAGS ?=
ALL_CFLAGS := -std=c11 $(WARNINGS) $(OPTIMIZE) $(SANITIZER_FLAGS) \
              -D_POSIX_C_SOURCE=200809L -DRUBRIC_VERSION='"$(VERSION)"' \
              -MMD -MP $(CFLAGS)
LDFLAGS ?=
ALL_LDFLAGS := $(SANITIZER_FLAGS) $(LDFLAGS)

# Generated scanner and parser: flex's and bison's own output is not held to
# our warning list (it trips -Wunused-function and -Wsign-compare), so it
# gets the same flags less the two checks that only its own code triggers.
GENERATED_CFLAGS := $(ALL_CFLAGS) -Wno-unused-function -Wno-sign-compare \
                    -Wno-missing-prototypes -Igrammar

# Each component appends to these lists:
#   ALL_TARGETS       what `make build` builds
#   CHECK_TARGETS     test targets `make check` runs
#   SANITIZE_TARGETS  test targets run again under ASan and UBSan
#                     (BUILD=build/sanitize SANITIZE=1)
#   VALGRIND_TARGETS  runs of the main programs under valgrind
#   BENCH_TARGETS     benchmarks `make bench` runs
ALL_TARGETS :=
CHECK_TARGETS :=
SANITIZE_TARGETS :=
VALGRIND_TARGETS :=
BENCH_TARGETS :=

.PHONY: all build deps deps-check main-job check check-clang check-sanitize bench install uninstall clean
.DEFAULT_GOAL := all

all: deps build main-job

deps:
	@sh scripts/deps.sh build

deps-check:
	@sh scripts/deps.sh check

# --------------------------------------------------------- test tools
# Tools from the npm registry that the tests run (ajv for the JSON Schema,
# the Nu HTML Checker, axe-core and playwright-core), pinned by
# tests/package-lock.json and installed under tests/node_modules by `npm ci`
# the first time a test needs them. npm writes the stamp file last. Install
# scripts are not run: none of these tools needs one (vnu-jar's would fetch
# a Java runtime from outside the registry; Debian's is used instead).
NPM_TOOLS := tests/node_modules/.package-lock.json
$(NPM_TOOLS): tests/package.json tests/package-lock.json
	cd tests && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@
npm-tools: $(NPM_TOOLS)
.PHONY: npm-tools

# --------------------------------------------------------- component parts
include common/common.mk
include runtime/runtime.mk
include compiler/compiler.mk
include wasm/wasm.mk
include web/web.mk
include $(sort $(wildcard tests/*.mk))
include $(sort $(wildcard bench/*.mk))

build: $(ALL_TARGETS)

# ---------------------------------------------------------------- main job
# Compile every shipped rubric to JSON, C and HTML under build/rubrics/, and
# grade the sample audits into build/grades/.
MAIN_RUBRICS := $(sort $(wildcard rubrics/*.rubric))

main-job: build
	@sh scripts/main-job.sh $(BUILD)

# ------------------------------------------------------------------ checks
# The build comes first, one job per processor. The suites are independent
# (each writes under its own $(BUILD)/tests/NAME or a scratch directory of
# its own), so they run side by side, one per processor (CHECK_JOBS), each
# suite's output held back and printed whole when it ends so that the log
# reads as if they had run one after another. The clang build, the
# sanitizer build and the valgrind runs are separate and run beside them. CHECK_JOBS=1 runs them one at a time. A failing suite does
# not stop the others (--keep-going): one run lists every failure.
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 1)
CHECK_PARALLEL := -j$(CHECK_JOBS) --output-sync=target --keep-going

check: deps-check
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) build
	@$(MAKE) --no-print-directory $(NPM_TOOLS)
	@$(MAKE) --no-print-directory $(CHECK_PARALLEL) $(CHECK_TARGETS) check-clang check-sanitize $(VALGRIND_TARGETS)
	@echo "make check: all test suites passed"

# Everything built again with clang, under the same strict warning list:
# the code must be clean under both compilers. clang's warnings come from
# its front end, the same at every optimisation level, so this build is
# not optimised (it only has to compile).
check-clang:
	@echo "== build with clang"
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/clang CC=clang OPTIMIZE=-O0 WASM_TOOLCHAIN= build

# The suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer.
check-sanitize:
	@echo "== tests under AddressSanitizer and UndefinedBehaviorSanitizer"
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/sanitize SANITIZE=1 $(SANITIZE_TARGETS)

bench: deps-check
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory $(BENCH_TARGETS)

# ---------------------------------------------------------------- install
# The programs and the library (INSTALL_EXTRA: runtime/runtime.mk), then
# what goes under $(PREFIX)/share: the manual pages (their paths written
# for PREFIX), the bash completions under the names of their programs,
# where bash-completion looks; the shared themes file in share/rubric/shared/,
# so that `rubricc -I $(PREFIX)/share/rubric` finds it as the shipped rubrics
# include it (`include: shared/themes.rubric`); the editor files; the docs
# with their pictures. tests/example.mk's check-install checks each file.
MAN_DIR := $(PREFIX)/share/man
COMPLETION_DIR := $(PREFIX)/share/bash-completion/completions
DATA_DIR := $(PREFIX)/share/rubric
DOC_DIR := $(PREFIX)/share/doc/rubric
MAN_PAGES := $(wildcard docs/man/*.1 docs/man/*.5)
COMPLETIONS := rubricc rubric-grade
SHARED_RUBRICS := $(wildcard rubrics/shared/*.rubric)
EDITOR_FILES := editors/README.md editors/rubric.tmLanguage.json \
                editors/language-configuration.json editors/package.json \
                $(wildcard editors/vim/*/*.vim)
DOC_FILES := $(wildcard docs/*.md docs/*.json docs/*.png docs/screenshots/*.png)
# Every file under share/, as installed (PREFIX-relative), for uninstall.
INSTALLED_DATA := $(foreach page,$(MAN_PAGES),share/man/man$(subst .,,$(suffix $(page)))/$(notdir $(page))) \
    $(addprefix share/bash-completion/completions/,$(COMPLETIONS)) \
    $(patsubst rubrics/%,share/rubric/%,$(SHARED_RUBRICS)) \
    $(addprefix share/rubric/,$(EDITOR_FILES)) \
    $(patsubst docs/%,share/doc/rubric/%,$(DOC_FILES))
# The grader's WebAssembly module, where the WebAssembly build made it: the
# audit forms rubricc writes carry it for their live grade (rubricc looks
# for it there when --grader-module is not given).
ifneq ($(WASM_TOOLCHAIN),)
INSTALLED_DATA += share/rubric/rubric-grade.wasm
endif

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
	           $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 755 $(BUILD)/rubricc $(DESTDIR)$(PREFIX)/bin/rubricc
	$(INSTALL_EXTRA)
	install -d $(DESTDIR)$(MAN_DIR)/man1 $(DESTDIR)$(MAN_DIR)/man5 $(DESTDIR)$(COMPLETION_DIR) \
	           $(DESTDIR)$(DATA_DIR)/shared $(DESTDIR)$(DOC_DIR)/screenshots \
	           $(addprefix $(DESTDIR)$(DATA_DIR)/,$(sort $(dir $(EDITOR_FILES))))
	for page in $(MAN_PAGES); do \
	    section=$${page##*.}; \
	    sed 's|/usr/local|$(PREFIX)|g' $$page > $(DESTDIR)$(MAN_DIR)/man$$section/$${page##*/} && \
	    chmod 644 $(DESTDIR)$(MAN_DIR)/man$$section/$${page##*/} || exit 1; done
	for program in $(COMPLETIONS); do \
	    install -m 644 completion/rubric.bash $(DESTDIR)$(COMPLETION_DIR)/$$program || exit 1; done
	install -m 644 $(SHARED_RUBRICS) $(DESTDIR)$(DATA_DIR)/shared/
	for file in $(EDITOR_FILES); do \
	    install -m 644 $$file $(DESTDIR)$(DATA_DIR)/$$file || exit 1; done
	$(if $(WASM_TOOLCHAIN),install -m 644 $(WASM_DIR)/rubric-grade.wasm $(DESTDIR)$(DATA_DIR)/rubric-grade.wasm)
	for file in $(DOC_FILES); do \
	    install -m 644 $$file $(DESTDIR)$(DOC_DIR)/$${file#docs/} || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rubricc $(UNINSTALL_EXTRA)
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/,$(INSTALLED_DATA))
	rmdir $(DESTDIR)$(DOC_DIR)/screenshots $(DESTDIR)$(DOC_DIR) \
	      $(DESTDIR)$(DATA_DIR)/editors/vim/* $(DESTDIR)$(DATA_DIR)/editors/vim \
	      $(DESTDIR)$(DATA_DIR)/editors $(DESTDIR)$(DATA_DIR)/shared $(DESTDIR)$(DATA_DIR) \
	      2>/dev/null || true

clean:
	rm -rf build

-include $(wildcard $(BUILD)/tests/*.d $(BUILD)/tests/*/*.d)
