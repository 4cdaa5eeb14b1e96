# compiler.mk — rubricc, built folder by folder. Included by the top-level
# Makefile.
#
# Each folder is one job, and a folder's files are compiled with the
# include paths of the folders it may depend on and no others, so a
# dependency that runs the wrong way (the front end reaching into an
# emitter, the library into the program) fails to compile:
#
#   front/  source, includes, lexer driver, AST, checker, IR, diagnostics
#           -> runtime/lib (the model types the IR shares with the grader)
#   emit/   every emitter and the HTML/JSON/output writers they share
#           -> front
#   tools/  fmt, test, diff, import                -> emit, front, runtime/lib
#   lsp/    the language server                    -> tools, emit, front
#   cli/    rubricc's command line                 -> everything above
#
# tools/, lsp/ and cli/ parse their options with common/ (command_line.h),
# and emit/'s output files are written by common/output_file.c, which
# depends on nothing; rubricc links libcommon.a.
#
# The scanner and parser generated from grammar/ belong to the front end.

COMPILER_FOLDERS := front emit tools lsp cli
COMPILER_JANSSON_CFLAGS := $(shell pkg-config --cflags jansson 2>/dev/null)
COMPILER_JANSSON_LIBS := $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)
COMPILER_INCLUDES_front := -I$(BUILD)/gen -Icompiler/front -Iruntime/lib
COMPILER_INCLUDES_emit := $(COMPILER_INCLUDES_front) -Icompiler/emit $(COMMON_INCLUDES)
COMPILER_INCLUDES_tools := $(COMPILER_INCLUDES_emit) -Icompiler/tools
COMPILER_INCLUDES_lsp := $(COMPILER_INCLUDES_tools) -Icompiler/lsp $(COMPILER_JANSSON_CFLAGS)
COMPILER_INCLUDES_cli := $(COMPILER_INCLUDES_lsp) -Icompiler/cli
# Every compiler folder at once: for the tests, which reach into any of them.
COMPILER_INCLUDES := $(COMPILER_INCLUDES_cli)

COMPILER_SOURCES := $(sort $(foreach folder,$(COMPILER_FOLDERS),$(wildcard compiler/$(folder)/*.c)))
COMPILER_OBJECTS := $(patsubst compiler/%.c,$(BUILD)/compiler/%.o,$(COMPILER_SOURCES)) \
                    $(BUILD)/gen/parser.o $(BUILD)/gen/lexer.o
# The exports for other systems and the grid import need Nettle (SHA-1,
# for the CASE export's UUIDs) and libcsv (the grid); only rubricc links
# them, so the modules that use them are not in the unit tests' set.
# The data-entry workbook (emit_xlsx_template.c) needs libxlsxwriter
# likewise.
COMPILER_INTEROP_OBJECTS := $(patsubst %,$(BUILD)/compiler/%.o,emit/uuid5 emit/emit_case emit/emit_xlsx_template \
                                       tools/grid_read tools/import_grid)
COMPILER_LIBS := $(shell pkg-config --libs nettle 2>/dev/null || echo -lnettle) -lcsv \
                 $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter)
# Everything but the command line, the language server (which needs
# jansson), the test runner (rubric_test*.o, which link the grading
# library) and the interoperability modules, with common/'s option table
# (fmt and diff parse with it): what the unit tests and the fuzzer link
# against.
# The runtime's text writers the compiler shares (runtime/lib): the one
# CSV cell writer (csv_cell.c) and the escaping of control characters in
# names and messages (safe_text.c), on the output buffer they write to;
# and the one check of a date (audit_date.c), for 'effective:'.
# rubricc has them from the internal archive; the unit tests and the
# fuzzer, which link objects, from this list.
COMPILER_RUNTIME_OBJECTS := $(patsubst %,$(BUILD)/runtime/lib/%.o,csv_cell safe_text output_buffer audit_date)
COMPILER_LIBRARY_OBJECTS := $(filter-out $(BUILD)/compiler/cli/% $(BUILD)/compiler/lsp/% \
                                         $(BUILD)/compiler/tools/rubric_test%.o $(COMPILER_INTEROP_OBJECTS),\
                                         $(COMPILER_OBJECTS)) \
                            $(COMMON_OBJECTS) $(COMPILER_RUNTIME_OBJECTS)

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h: grammar/parser.y
	@mkdir -p $(BUILD)/gen
	$(BISON) -Wall -Werror --defines=$(BUILD)/gen/parser.h -o $(BUILD)/gen/parser.c $<

$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h: grammar/lexer.l $(BUILD)/gen/parser.h
	@mkdir -p $(BUILD)/gen
	$(FLEX) --header-file=$(BUILD)/gen/lexer.h -o $(BUILD)/gen/lexer.c $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	$(CC) $(GENERATED_CFLAGS) $(COMPILER_INCLUDES_front) -c -o $@ $<

# The audit form's script is a JavaScript file of its own
# (compiler/emit/form.js), made into a C header at build time, with its
# Content-Security-Policy hash (scripts/embed-script.sh): emit_form.c writes
# it into every form, and no copy is kept by hand.
FORM_SCRIPT_HEADER := $(BUILD)/gen/form_script.h
$(FORM_SCRIPT_HEADER): compiler/emit/form.js scripts/embed-script.sh
	@mkdir -p $(@D)
	sh scripts/embed-script.sh form_script compiler/emit/form.js $@
# The form's live grade (compiler/emit/form_grade.mjs, with the page module
# wasm/rubric.mjs, memory-wasi.mjs and web/inline-wasm.mjs): one classic
# script bundled by Debian's esbuild, made a C header the same way. Without
# esbuild the header says so and rubricc writes forms without the live grade.
FORM_GRADE_BUNDLE := $(BUILD)/gen/form_grade.js
FORM_GRADE_HEADER := $(BUILD)/gen/form_grade_script.h
$(FORM_GRADE_HEADER): compiler/emit/form_grade.mjs wasm/rubric.mjs wasm/memory-wasi.mjs web/inline-wasm.mjs \
                      scripts/embed-script.sh
	@mkdir -p $(@D)
	@if command -v esbuild >/dev/null 2>&1; then \
	    echo "esbuild compiler/emit/form_grade.mjs -> $@"; \
	    esbuild compiler/emit/form_grade.mjs --bundle --format=iife --minify-syntax --minify-identifiers \
	        --target=es2020 --log-level=warning --outfile=$(FORM_GRADE_BUNDLE) && \
	    sh scripts/embed-script.sh form_grade_script $(FORM_GRADE_BUNDLE) $@; \
	else \
	    echo "esbuild not found: forms are written without the live grade (scripts/deps.sh wasm installs it)"; \
	    printf '%s\n' '/* form_grade_script.h: esbuild was not found at build time. */' \
	        '#define FORM_GRADE_SCRIPT_MISSING 1' 'static const char *const form_grade_script_lines[] = {""};' \
	        "#define FORM_GRADE_SCRIPT_SHA256 \"\"" > $@; \
	fi
$(BUILD)/compiler/emit/emit_form.o: $(FORM_SCRIPT_HEADER) $(FORM_GRADE_HEADER)
# Where rubricc looks for the installed grader module (--grader-module).
$(BUILD)/compiler/cli/main.o: ALL_CFLAGS += -DRUBRIC_DATA_DIR='"$(PREFIX)/share/rubric"'

# One rule per folder, each with its own include paths (above).
define COMPILER_FOLDER_RULE
$$(BUILD)/compiler/$(1)/%.o: compiler/$(1)/%.c $$(BUILD)/gen/parser.h $$(BUILD)/gen/lexer.h
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $$(COMPILER_INCLUDES_$(1)) -c -o $$@ $$<
endef
$(foreach folder,$(COMPILER_FOLDERS),$(eval $(call COMPILER_FOLDER_RULE,$(folder))))

# rubricc's outputs are written by its own JSON writer as it goes; jansson
# reads and writes the language server's JSON-RPC messages (rubricc lsp);
# `rubricc test` grades with the grading library, so it links the library's
# objects and their libraries; the interoperability modules link
# COMPILER_LIBS (above).
$(BUILD)/rubricc: $(COMPILER_OBJECTS) $(RUNTIME_INTERNAL_ARCHIVE) $(COMMON_ARCHIVE)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(RUNTIME_LIBS) $(COMPILER_JANSSON_LIBS) $(COMPILER_LIBS)

ALL_TARGETS += $(BUILD)/rubricc

-include $(wildcard $(BUILD)/compiler/*/*.d $(BUILD)/gen/*.d)
