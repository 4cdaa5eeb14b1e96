# runtime.mk — the grading library (librubric.a) and rubric-grade.
# Owned by the runtime; included by the top-level Makefile.
#
# Two folders, and the dependency runs one way:
#   runtime/lib/  the library: the rubric model, loading, the audit readers,
#                 grading. Compiled with its own include path only.
#   runtime/cli/  rubric-grade: the command line, summary, report,
#                 moderation, output files. May include runtime/lib.
#
# librubric.a is runtime/lib; rubric-grade links it with the program's own
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
RUNTIME_INTERNAL_ARCHIVE := $(BUILD)/librubric.a
RUNTIME_INCLUDES_lib := -Iruntime/lib
RUNTIME_INCLUDES_cli := -Iruntime/lib -Iruntime/cli
RUNTIME_LIBS := $(shell pkg-config --libs yajl 2>/dev/null || echo -lyajl) \
                $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson) -lcsv -lm

$(BUILD)/runtime/lib/%.o: runtime/lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(RUNTIME_INCLUDES_lib) -c -o $@ $<

$(BUILD)/runtime/cli/%.o: runtime/cli/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(RUNTIME_INCLUDES_cli) -c -o $@ $<

$(BUILD)/librubric.a: $(RUNTIME_LIBRARY_OBJECTS)
	rm -f $@
	$(AR) rcs $@ $^

$(RUNTIME_PROGRAM_ARCHIVE): $(RUNTIME_PROGRAM_OBJECTS)
	rm -f $@
	$(AR) rcs $@ $^

# rubric-grade links the three libraries' static archives when the compiler
# finds all of them (Debian's -dev packages ship libyajl_s.a, libjansson.a
# and libcsv.a): a run grading one audit then maps and relocates no shared
# library but libc and libm, which is a sizeable part of a cold start (see
# the README). `$(CC) -print-file-name` answers the bare name when an
# archive is missing; then the shared libraries are linked, as before.
# -lm stays: moderation.c's kappa needs sqrt, fmin and fmax. Only
# rubric-grade is linked so; librubric.a's users (rubric.pc, the tests,
# rubricc) link the shared libraries.
RUNTIME_STATIC_ARCHIVES := $(foreach archive,libyajl_s.a libjansson.a libcsv.a,\
    $(shell $(CC) -print-file-name=$(archive) 2>/dev/null))
ifeq ($(words $(filter /%,$(RUNTIME_STATIC_ARCHIVES))),3)
RUNTIME_GRADE_LIBS := $(RUNTIME_STATIC_ARCHIVES) -lm
else
RUNTIME_GRADE_LIBS := $(RUNTIME_LIBS)
endif

$(BUILD)/rubric-grade: $(BUILD)/runtime/cli/rubric_grade_main.o $(RUNTIME_PROGRAM_ARCHIVE) $(RUNTIME_INTERNAL_ARCHIVE)
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

ALL_TARGETS += $(BUILD)/librubric.a $(BUILD)/rubric-grade $(BUILD)/rubric.pc

# The shipped rubrics as JSON, one file per rubric, named by its id. The id
# is read from the rubric's "rubric:" line, as scripts/main-job.sh does.
RUNTIME_RUBRIC_SOURCES := $(sort $(wildcard rubrics/*.rubric))
RUNTIME_RUBRIC_IDS := $(foreach source,$(RUNTIME_RUBRIC_SOURCES),\
    $(shell sed -n 's/^rubric: *//p' $(source) | head -n 1))
RUNTIME_RUBRIC_JSON := $(patsubst %,$(BUILD)/rubrics/%.json,$(RUNTIME_RUBRIC_IDS))

$(RUNTIME_RUBRIC_JSON) &: $(BUILD)/rubricc $(RUNTIME_RUBRIC_SOURCES) $(wildcard rubrics/shared/*.rubric)
	@mkdir -p $(BUILD)/rubrics
	$(BUILD)/rubricc --emit json -o $(BUILD)/rubrics $(RUNTIME_RUBRIC_SOURCES)

# make install: the library, its header pair and the pkg-config file.
INSTALL_EXTRA += install -m 644 $(BUILD)/librubric.a $(DESTDIR)$(PREFIX)/lib/librubric.a; \
    install -m 644 runtime/lib/rubric.h runtime/lib/rubric_model.h $(DESTDIR)$(PREFIX)/include/; \
    install -m 644 $(BUILD)/rubric.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/rubric.pc; \
    install -m 755 $(BUILD)/rubric-grade $(DESTDIR)$(PREFIX)/bin/rubric-grade;
UNINSTALL_EXTRA += $(DESTDIR)$(PREFIX)/lib/librubric.a $(DESTDIR)$(PREFIX)/include/rubric.h \
    $(DESTDIR)$(PREFIX)/include/rubric_model.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/rubric.pc \
    $(DESTDIR)$(PREFIX)/bin/rubric-grade

-include $(wildcard $(BUILD)/runtime/*/*.d)
