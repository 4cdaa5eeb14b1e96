# runtime.mk — the grading library (librubric.a) and rubric-grade.
# Owned by the runtime; included by the top-level Makefile.
#
# Two folders, and the dependency runs one way:
#   runtime/lib/  the library: the rubric model, loading, the audit readers,
#                 grading. Compiled with its own include path only.
#   runtime/cli/  rubric-grade: the command line, summary, report,
#                 moderation, output files. May include runtime/lib, and
#                 common/ (the option table, libcommon.a).
#
# The library is built once, from position-independent objects, three
# ways (docs/library.md says how others link it):
#   librubric.a            the public static library: the objects joined
#                          into one (ld -r) with every name but rubric_*
#                          made local, so a program linking it meets no
#                          json_tree_*, safe_text_* or output_* of ours
#   librubric.so.MAJOR...  the shared library, exporting rubric_* only
#                          (-fvisibility=hidden, RUBRIC_API in rubric.h,
#                          and the version script runtime/lib/rubric.map)
#   runtime/librubric-internal.a  every object as it is, internal names
#                          included: what rubric-grade, rubricc and the
#                          tests link (RUNTIME_INTERNAL_ARCHIVE)
# The version is read from rubric.h (RUBRIC_API_VERSION_*): the soname is
# librubric.so.MAJOR, the file librubric.so.MAJOR.MINOR.PATCH.
#
# The internal archive is runtime/lib; rubric-grade links it with the program's own
# objects (librubric-grade.a, which the C tables' test links too) and yajl
# (audit lines and rubric JSON that the plain paths decline, read as
# events), jansson (the word on rubric JSON that yajl may not judge, and
# the explanation of a malformed audit line) and libcsv (CSV in). The
# shipped rubrics' JSON, which the runtime's tests and runs read, is built
# here too, by rubricc --emit json, into $(BUILD)/rubrics/<rubric id>.json.

RUNTIME_MAIN := runtime/cli/rubric_grade_main.c
RUNTIME_LIBRARY_SOURCES := $(sort $(wildcard runtime/lib/*.c))
RUNTIME_LIBRARY_OBJECTS := $(patsubst runtime/%.c,$(BUILD)/runtime/%.o,$(RUNTIME_LIBRARY_SOURCES))
RUNTIME_PROGRAM_SOURCES := $(filter-out $(RUNTIME_MAIN),$(sort $(wildcard runtime/cli/*.c)))
RUNTIME_PROGRAM_OBJECTS := $(patsubst runtime/%.c,$(BUILD)/runtime/%.o,$(RUNTIME_PROGRAM_SOURCES))
RUNTIME_PROGRAM_ARCHIVE := $(BUILD)/runtime/librubric-grade.a
# What the project's own programs and tests link: every object of the
# library, internal names included.
RUNTIME_INTERNAL_ARCHIVE := $(BUILD)/runtime/librubric-internal.a
# The library's objects serve the shared library too, so they are
# position-independent. -fno-semantic-interposition lets the compiler
# call and inline the library's own functions directly, as without -fPIC,
# and -fvisibility=hidden keeps every name but RUBRIC_API's out of the
# shared library; rubric-grade's instruction count is the same as before
# (docs/library.md has the figures).
RUNTIME_LIBRARY_CFLAGS ?= -fPIC -fno-semantic-interposition -fvisibility=hidden
RUNTIME_API_VERSION_PART = $(shell sed -n 's/^\#define RUBRIC_API_VERSION_$(1) \([0-9]*\)$$/\1/p' runtime/lib/rubric.h)
RUNTIME_SONAME := librubric.so.$(call RUNTIME_API_VERSION_PART,MAJOR)
RUNTIME_SHARED_NAME := $(RUNTIME_SONAME).$(call RUNTIME_API_VERSION_PART,MINOR).$(call RUNTIME_API_VERSION_PART,PATCH)
RUNTIME_SHARED_LIBRARY := $(BUILD)/$(RUNTIME_SHARED_NAME)
# Every symbol resolved at link time (-z defs), except under the
# sanitizers, whose runtime clang links into programs only.
ifneq ($(SANITIZE),1)
RUNTIME_SHARED_LDFLAGS := -Wl,-z,defs
endif
LD ?= ld
OBJCOPY ?= objcopy
RUNTIME_INCLUDES_lib := -Iruntime/lib
RUNTIME_INCLUDES_cli := -Iruntime/lib -Iruntime/cli $(COMMON_INCLUDES)
# An Excel workbook (xlsx_rows.c: audits, and rubric-grade sample's lists)
# is read with minizip (the zip archive) and expat (its XML parts), both
# Debian's, linked shared.
RUNTIME_XLSX_LIBS := $(shell pkg-config --libs minizip 2>/dev/null || echo -lminizip -lz) \
                     $(shell pkg-config --libs expat 2>/dev/null || echo -lexpat)
RUNTIME_LIBS := $(shell pkg-config --libs yajl 2>/dev/null || echo -lyajl) \
                $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson) -lcsv -lm $(RUNTIME_XLSX_LIBS)

$(BUILD)/runtime/lib/%.o: runtime/lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(RUNTIME_LIBRARY_CFLAGS) $(RUNTIME_INCLUDES_lib) -c -o $@ $<

$(BUILD)/runtime/cli/%.o: runtime/cli/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(RUNTIME_INCLUDES_cli) -c -o $@ $<

$(RUNTIME_INTERNAL_ARCHIVE): $(RUNTIME_LIBRARY_OBJECTS)
	rm -f $@
	$(AR) rcs $@ $^

# The public archive: one relocatable object in which only rubric_* stay
# global (the calls between the library's files are resolved by ld -r
# first, so localising the rest breaks none of them).
$(BUILD)/librubric.a: $(RUNTIME_LIBRARY_OBJECTS)
	@mkdir -p $(BUILD)/runtime
	$(LD) -r -o $(BUILD)/runtime/librubric-joined.o $^
	$(OBJCOPY) --wildcard --keep-global-symbol='rubric_*' $(BUILD)/runtime/librubric-joined.o \
	    $(BUILD)/runtime/librubric.o
	rm -f $@
	$(AR) rcs $@ $(BUILD)/runtime/librubric.o

# The shared library, its soname link (what programs load) and its
# development link (what -lrubric finds).
$(RUNTIME_SHARED_LIBRARY): $(RUNTIME_LIBRARY_OBJECTS) runtime/lib/rubric.map
	$(CC) $(ALL_LDFLAGS) -shared -Wl,-soname,$(RUNTIME_SONAME) -Wl,--version-script=runtime/lib/rubric.map \
	    $(RUNTIME_SHARED_LDFLAGS) -o $@ $(RUNTIME_LIBRARY_OBJECTS) $(RUNTIME_LIBS)

$(BUILD)/$(RUNTIME_SONAME) $(BUILD)/librubric.so &: $(RUNTIME_SHARED_LIBRARY)
	ln -sf $(RUNTIME_SHARED_NAME) $(BUILD)/$(RUNTIME_SONAME)
	ln -sf $(RUNTIME_SONAME) $(BUILD)/librubric.so

$(RUNTIME_PROGRAM_ARCHIVE): $(RUNTIME_PROGRAM_OBJECTS)
	rm -f $@
	$(AR) rcs $@ $^

# rubric-grade links the three libraries' static archives when the compiler
# finds all of them (Debian's -dev packages ship libyajl_s.a, libjansson.a
# and libcsv.a): a run grading one audit then maps and relocates no shared
# library but libc and libm, which is a sizeable part of a cold start (see
# docs/internals.md). `$(CC) -print-file-name` answers the bare name when an
# archive is missing; then the shared libraries are linked, as before.
# -lm stays: moderation.c's kappa needs sqrt, fmin and fmax. Only
# rubric-grade is linked so; librubric.a's users (rubric.pc, the tests,
# rubricc) link the shared libraries.
RUNTIME_STATIC_ARCHIVES := $(foreach archive,libyajl_s.a libjansson.a libcsv.a,\
    $(shell $(CC) -print-file-name=$(archive) 2>/dev/null))
ifeq ($(words $(filter /%,$(RUNTIME_STATIC_ARCHIVES))),3)
RUNTIME_GRADE_LIBS := $(RUNTIME_STATIC_ARCHIVES) -lm $(RUNTIME_XLSX_LIBS)
else
RUNTIME_GRADE_LIBS := $(RUNTIME_LIBS)
endif
# The register (runtime/cli/register.c, --register) is Debian's SQLite,
# linked as a shared library: only rubric-grade's program objects use it,
# never librubric.
# The results workbook (runtime/cli/results_xlsx.c, --format xlsx) is
# libxlsxwriter's, linked shared, by rubric-grade's program objects only.
# RUNTIME_PROGRAM_LIBS: what anything linking RUNTIME_PROGRAM_ARCHIVE needs
# beyond the library's own RUNTIME_LIBS (the tests link it too).
RUNTIME_REGISTER_LIBS := $(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3)
RUNTIME_PROGRAM_LIBS := $(RUNTIME_REGISTER_LIBS) \
                        $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter)
RUNTIME_GRADE_LIBS += $(RUNTIME_PROGRAM_LIBS)

$(BUILD)/rubric-grade: $(BUILD)/runtime/cli/rubric_grade_main.o $(RUNTIME_PROGRAM_ARCHIVE) $(RUNTIME_INTERNAL_ARCHIVE) \
                       $(COMMON_ARCHIVE)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(RUNTIME_GRADE_LIBS)

# pkg-config file: the install prefix substituted into runtime/lib/rubric.pc.in.
# It depends on a stamp holding the PREFIX and VERSION it was made with; the
# stamp is rewritten only when they change, so `make install PREFIX=/usr`
# after a build for /usr/local makes and installs a rubric.pc for /usr.
RUNTIME_PC_STAMP := $(BUILD)/rubric.pc.settings
RUNTIME_PC_SETTINGS := prefix=$(PREFIX) version=$(VERSION)

.PHONY: rubric-pc-settings
$(RUNTIME_PC_STAMP): rubric-pc-settings
	@mkdir -p $(BUILD)
	@echo '$(RUNTIME_PC_SETTINGS)' | cmp -s - $@ || echo '$(RUNTIME_PC_SETTINGS)' > $@

$(BUILD)/rubric.pc: runtime/lib/rubric.pc.in $(RUNTIME_PC_STAMP)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' $< > $@

ALL_TARGETS += $(BUILD)/librubric.a $(RUNTIME_SHARED_LIBRARY) $(BUILD)/$(RUNTIME_SONAME) $(BUILD)/librubric.so \
               $(BUILD)/rubric-grade $(BUILD)/rubric.pc

# The shipped rubrics as JSON, one file per rubric, named by its id. The id
# is read from the rubric's "rubric:" line, as scripts/main-job.sh does.
RUNTIME_RUBRIC_SOURCES := $(sort $(wildcard rubrics/*.rubric))
RUNTIME_RUBRIC_IDS := $(foreach source,$(RUNTIME_RUBRIC_SOURCES),\
    $(shell sed -n 's/^rubric: *//p' $(source) | head -n 1))
RUNTIME_RUBRIC_JSON := $(patsubst %,$(BUILD)/rubrics/%.json,$(RUNTIME_RUBRIC_IDS))

$(RUNTIME_RUBRIC_JSON) &: $(BUILD)/rubricc $(RUNTIME_RUBRIC_SOURCES) $(wildcard rubrics/shared/*.rubric)
	@mkdir -p $(BUILD)/rubrics
	$(BUILD)/rubricc --emit json -o $(BUILD)/rubrics $(RUNTIME_RUBRIC_SOURCES)

# make install: the library (static, and shared with its two links), its
# header pair and the pkg-config file. ldconfig refreshes the loader's
# cache for an install into the running system (no DESTDIR); a packager's
# DESTDIR install leaves that to the package.
INSTALL_EXTRA += install -m 644 $(BUILD)/librubric.a $(DESTDIR)$(PREFIX)/lib/librubric.a; \
    install -m 755 $(RUNTIME_SHARED_LIBRARY) $(DESTDIR)$(PREFIX)/lib/$(RUNTIME_SHARED_NAME); \
    ln -sf $(RUNTIME_SHARED_NAME) $(DESTDIR)$(PREFIX)/lib/$(RUNTIME_SONAME); \
    ln -sf $(RUNTIME_SONAME) $(DESTDIR)$(PREFIX)/lib/librubric.so; \
    ldconfig=$$(command -v ldconfig || echo /sbin/ldconfig); \
    if [ -z "$(DESTDIR)" ] && [ -x "$$ldconfig" ]; then \
        "$$ldconfig" || echo "make install: $$ldconfig failed; run it as root"; fi; \
    install -m 644 runtime/lib/rubric.h runtime/lib/rubric_model.h $(DESTDIR)$(PREFIX)/include/; \
    install -m 644 $(BUILD)/rubric.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/rubric.pc; \
    install -m 755 $(BUILD)/rubric-grade $(DESTDIR)$(PREFIX)/bin/rubric-grade;
UNINSTALL_EXTRA += $(DESTDIR)$(PREFIX)/lib/librubric.a $(DESTDIR)$(PREFIX)/include/rubric.h \
    $(DESTDIR)$(PREFIX)/lib/$(RUNTIME_SHARED_NAME) $(DESTDIR)$(PREFIX)/lib/$(RUNTIME_SONAME) \
    $(DESTDIR)$(PREFIX)/lib/librubric.so \
    $(DESTDIR)$(PREFIX)/include/rubric_model.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/rubric.pc \
    $(DESTDIR)$(PREFIX)/bin/rubric-grade

-include $(wildcard $(BUILD)/runtime/*/*.d)
