# wasm.mk — rubricc and rubric-grade for WebAssembly (wasm32-wasi), from
# the same C sources as the native programs: `make wasm` builds
# $(BUILD)/wasm/rubricc.wasm and rubric-grade.wasm, and beside them the
# Node.js commands rubricc.mjs and rubric-grade.mjs that run them with the
# native command lines, and rubric.mjs, the module for pages.
# Workbooks are read (xlsx_rows.c, over minizip, zlib and expat built by
# libraries.sh) but not written: RUBRIC_NO_XLSX_WRITE leaves libxlsxwriter's
# writers out, and the help says "not available in this build"
# (wasm/README.md).
# wasm/README.md says why clang and wasi-libc (not emscripten) and what the
# WASI build leaves out.
#
# The toolchain is Debian's: clang with lld's wasm-ld, wasi-libc, the
# compiler-rt builtins for wasm32 and binaryen's wasm-opt (scripts/deps.sh,
# group wasm). The libraries (jansson, yajl, libcsv, Nettle's SHA-1, zlib,
# minizip, expat) are built from Debian's source packages by
# wasm/libraries.sh. The folders are compiled with the same include
# paths as natively (compiler.mk, runtime.mk, common.mk) and the same
# warning list, with wasm/posix/ (what wasi-libc lacks) found first; the generated parser and scanner
# are the native build's. The sources are the same files: nothing is
# left out of either module (`rubricc lsp` works under WASI too).
#
# `make` builds the WebAssembly programs too when the toolchain is
# installed (WASM_TOOLCHAIN); `make wasm` installs it first.

WASM_DIR := $(BUILD)/wasm
WASM_OBJ := $(BUILD)/wasm-obj
WASM_LIBS := $(BUILD)/wasm-libs
# The libraries' Debian sources, fetched once for every build directory
# (outside the repository; never committed).
WASM_SOURCES ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/rubric/wasm-src
WASM_CC := clang --target=wasm32-wasi
WASM_AR := llvm-ar
# SIMD (128-bit) instructions, in every engine since 2021 (Chrome and Edge
# 91, Firefox 89, Safari 16.4, Node.js 16.4): the line reader's byte search
# (runtime/lib/audit_support.c) uses them.
WASM_OPT := wasm-opt --enable-simd
WASM_OPTIMIZE ?= -O2
WASM_CFLAGS := -std=c11 $(WARNINGS) $(WASM_OPTIMIZE) -msimd128 -D_POSIX_C_SOURCE=200809L \
               -DRUBRIC_VERSION='"$(VERSION)"' -MMD -MP -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_GETPID \
               -isystem wasm/posix -I$(WASM_LIBS)/include \
               -DRUBRIC_NO_XLSX_WRITE -DRUBRIC_NO_SQLITE
WASM_LDFLAGS := -Wl,--strip-debug -Wl,-z,stack-size=1048576
WASM_SYSTEM_LIBS := -lwasi-emulated-signal -lwasi-emulated-getpid -lm
WASM_LIBRARY_STAMP := $(WASM_LIBS)/lib/libexpat.a
# The workbook reader's libraries (xlsx_rows.c), in link order.
WASM_XLSX_LIBS := -lminizip -lz -lexpat
# The toolchain is there when wasi-libc, clang's builtins for wasm32,
# wasm-ld, llvm-ar and wasm-opt are.
WASM_TOOLCHAIN := $(and $(wildcard /usr/lib/wasm32-wasi/libc.a),\
    $(wildcard $(shell clang --target=wasm32-wasi -print-libgcc-file-name 2>/dev/null)),\
    $(shell command -v wasm-ld 2>/dev/null),$(shell command -v $(WASM_AR) 2>/dev/null),\
    $(shell command -v $(WASM_OPT) 2>/dev/null))

$(WASM_LIBRARY_STAMP): wasm/libraries.sh
	CC=clang AR=$(WASM_AR) WASM_CFLAGS='--target=wasm32-wasi $(WASM_OPTIMIZE)' \
	    sh wasm/libraries.sh $(WASM_SOURCES) $(WASM_LIBS)

# Every object waits for the libraries' headers, and is made again when
# a header of posix/ changes (its .d file may predate the header).
WASM_POSIX_HEADERS := $(wildcard wasm/posix/*.h wasm/posix/sys/*.h)
$(WASM_OBJ)/common/%.o: common/%.c $(WASM_POSIX_HEADERS) | $(WASM_LIBRARY_STAMP)
	@mkdir -p $(@D)
	$(WASM_CC) $(WASM_CFLAGS) $(COMMON_INCLUDES) -c -o $@ $<

$(WASM_OBJ)/posix/%.o: wasm/posix/%.c $(WASM_POSIX_HEADERS) | $(WASM_LIBRARY_STAMP)
	@mkdir -p $(@D)
	$(WASM_CC) $(WASM_CFLAGS) -c -o $@ $<

$(WASM_OBJ)/wasm/reactor.o: wasm/reactor.c | $(WASM_LIBRARY_STAMP)
	@mkdir -p $(@D)
	$(WASM_CC) $(WASM_CFLAGS) -c -o $@ $<

$(WASM_OBJ)/runtime/lib/%.o: runtime/lib/%.c $(WASM_POSIX_HEADERS) | $(WASM_LIBRARY_STAMP)
	@mkdir -p $(@D)
	$(WASM_CC) $(WASM_CFLAGS) $(RUNTIME_INCLUDES_lib) -c -o $@ $<

$(WASM_OBJ)/runtime/cli/%.o: runtime/cli/%.c $(WASM_POSIX_HEADERS) | $(WASM_LIBRARY_STAMP)
	@mkdir -p $(@D)
	$(WASM_CC) $(WASM_CFLAGS) $(RUNTIME_INCLUDES_cli) -c -o $@ $<

$(WASM_OBJ)/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h $(WASM_POSIX_HEADERS) | $(WASM_LIBRARY_STAMP)
	@mkdir -p $(@D)
	$(WASM_CC) $(WASM_CFLAGS) -Wno-unused-function -Wno-sign-compare -Wno-missing-prototypes \
	    -Igrammar $(COMPILER_INCLUDES_front) -c -o $@ $<

define WASM_COMPILER_FOLDER_RULE
$$(WASM_OBJ)/compiler/$(1)/%.o: compiler/$(1)/%.c $$(BUILD)/gen/parser.h $$(BUILD)/gen/lexer.h $$(WASM_POSIX_HEADERS) \
                                 | $$(WASM_LIBRARY_STAMP)
	@mkdir -p $$(@D)
	$$(WASM_CC) $$(WASM_CFLAGS) $$(COMPILER_INCLUDES_$(1)) -c -o $$@ $$<
endef
$(foreach folder,$(COMPILER_FOLDERS),$(eval $(call WASM_COMPILER_FOLDER_RULE,$(folder))))
# The audit form's script, made into a C header (compiler/compiler.mk).
$(WASM_OBJ)/compiler/emit/emit_form.o: $(FORM_SCRIPT_HEADER) $(FORM_GRADE_HEADER)

WASM_COMMON_OBJECTS := $(patsubst common/%.c,$(WASM_OBJ)/common/%.o,$(COMMON_SOURCES)) $(WASM_OBJ)/posix/posix.o
WASM_RUNTIME_LIBRARY_OBJECTS := $(patsubst runtime/%.c,$(WASM_OBJ)/runtime/%.o,$(RUNTIME_LIBRARY_SOURCES))
WASM_RUNTIME_PROGRAM_OBJECTS := $(patsubst runtime/%.c,$(WASM_OBJ)/runtime/%.o,$(RUNTIME_PROGRAM_SOURCES) $(RUNTIME_MAIN))
WASM_COMPILER_OBJECTS := $(patsubst compiler/%.c,$(WASM_OBJ)/compiler/%.o,$(COMPILER_SOURCES)) \
                         $(WASM_OBJ)/gen/parser.o $(WASM_OBJ)/gen/lexer.o

# Linked, then optimised once more by binaryen's wasm-opt, which shrinks
# what lld leaves (debug information and the producers' names dropped).
# The grading module is a WASI reactor, so that a page can keep an instance
# with its rubric loaded (wasm/reactor.c says why): it exports the command
# entry (main with the host's arguments) and the kept grader's functions
# (runtime/cli/grade_reactor.h).
WASM_GRADE_EXPORTS := rubric_grade_wasi_command grade_reactor_open grade_reactor_arguments grade_reactor_run \
                      grade_reactor_close
$(WASM_DIR)/rubric-grade.wasm: $(WASM_RUNTIME_PROGRAM_OBJECTS) $(WASM_RUNTIME_LIBRARY_OBJECTS) $(WASM_COMMON_OBJECTS) \
                               $(WASM_OBJ)/wasm/reactor.o
	@mkdir -p $(@D)
	$(WASM_CC) $(WASM_LDFLAGS) -mexec-model=reactor $(foreach name,$(WASM_GRADE_EXPORTS),-Wl,--export=$(name)) \
	    -o $@.linked $^ -L$(WASM_LIBS)/lib -lyajl -ljansson -lcsv $(WASM_XLSX_LIBS) $(WASM_SYSTEM_LIBS)
	$(WASM_OPT) $(WASM_OPTIMIZE) --strip-debug --strip-producers -o $@ $@.linked
	rm -f $@.linked

$(WASM_DIR)/rubricc.wasm: $(WASM_COMPILER_OBJECTS) $(WASM_RUNTIME_LIBRARY_OBJECTS) $(WASM_COMMON_OBJECTS)
	@mkdir -p $(@D)
	$(WASM_CC) $(WASM_LDFLAGS) -o $@.linked $^ -L$(WASM_LIBS)/lib -lyajl -ljansson -lcsv -lnettle-sha1 $(WASM_XLSX_LIBS) \
	    $(WASM_SYSTEM_LIBS)
	$(WASM_OPT) $(WASM_OPTIMIZE) --strip-debug --strip-producers -o $@ $@.linked
	rm -f $@.linked

# The Node.js commands (one runner, and a two-line module per program)
# and the pages' module with its in-memory WASI.
$(WASM_DIR)/%.mjs: wasm/%.mjs
	@mkdir -p $(@D)
	cp $< $@

WASM_TARGETS := $(WASM_DIR)/rubricc.wasm $(WASM_DIR)/rubric-grade.wasm $(WASM_DIR)/wasi-command.mjs \
                $(WASM_DIR)/rubricc.mjs $(WASM_DIR)/rubric-grade.mjs $(WASM_DIR)/rubric.mjs \
                $(WASM_DIR)/memory-wasi.mjs

.PHONY: wasm wasm-deps
wasm-deps:
	@sh scripts/deps.sh wasm

wasm: wasm-deps
	@$(MAKE) --no-print-directory $(WASM_TARGETS)

ifneq ($(WASM_TOOLCHAIN),)
ALL_TARGETS += $(WASM_TARGETS)
endif

-include $(wildcard $(WASM_OBJ)/*/*.d $(WASM_OBJ)/*/*/*.d)
