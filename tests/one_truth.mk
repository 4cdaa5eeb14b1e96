# one_truth.mk — the one-truth test (tests/one_truth/run.sh): every shipped
# rubric graded through the JSON loader (rubric-grade --rubric ID.json) and
# through its linked C tables (`rubricc --emit c` tables compiled as C99 and
# linked with grade_with_tables.c and librubric.a: rubric-grade's own
# rubric_grade_command given the tables) gives byte-identical output, for
# 1,200 generated audits each, in every report format and the summary. Included by the top-level Makefile; also run under the
# sanitizers, where the tables and the program are built with them.

ONE_TRUTH_WORK := $(BUILD)/tests/one_truth
ONE_TRUTH_TABLE_SOURCES := $(patsubst %,$(ONE_TRUTH_WORK)/tables/%.c,$(RUNTIME_RUBRIC_IDS))
ONE_TRUTH_PROGRAMS := $(patsubst %,$(ONE_TRUTH_WORK)/grade-%,$(RUNTIME_RUBRIC_IDS))
# Generated tables are held to C99 and the emitter's strict warning list.
ONE_TRUTH_TABLE_CFLAGS := -std=c99 -Wall -Wextra -Wpedantic -Werror -Wwrite-strings -Wcast-qual \
                          -Wmissing-prototypes $(OPTIMIZE) $(SANITIZER_FLAGS)

$(ONE_TRUTH_TABLE_SOURCES) &: $(BUILD)/rubricc $(RUNTIME_RUBRIC_SOURCES) $(wildcard rubrics/shared/*.rubric)
	@mkdir -p $(ONE_TRUTH_WORK)/tables
	$(BUILD)/rubricc --emit c -o $(ONE_TRUTH_WORK)/tables $(RUNTIME_RUBRIC_SOURCES)

$(ONE_TRUTH_WORK)/tables/%.o: $(ONE_TRUTH_WORK)/tables/%.c
	$(CC) $(ONE_TRUTH_TABLE_CFLAGS) -Iruntime/lib -c -o $@ $<

# The program for one rubric: its symbol is read from the generated header.
$(ONE_TRUTH_WORK)/grade-%: tests/one_truth/grade_with_tables.c $(ONE_TRUTH_WORK)/tables/%.o $(RUNTIME_PROGRAM_ARCHIVE) $(RUNTIME_INTERNAL_ARCHIVE) \
                          $(COMMON_ARCHIVE)
	symbol=$$(sed -n 's/^extern const rubric_model \([A-Za-z0-9_]*\);$$/\1/p' $(ONE_TRUTH_WORK)/tables/$*.h); \
	    $(CC) $(ALL_CFLAGS) -Iruntime/lib -Iruntime/cli -I$(ONE_TRUTH_WORK)/tables -DRUBRIC_TABLES_HEADER='"$*.h"' \
	        -DRUBRIC_TABLES_SYMBOL=$$symbol -c -o $@.o $< && \
	    $(CC) $(ALL_LDFLAGS) -o $@ $@.o $(ONE_TRUTH_WORK)/tables/$*.o $(RUNTIME_PROGRAM_ARCHIVE) \
	        $(RUNTIME_INTERNAL_ARCHIVE) $(COMMON_ARCHIVE) $(RUNTIME_LIBS) $(RUNTIME_PROGRAM_LIBS)

CHECK_TARGETS += check-one-truth
SANITIZE_TARGETS += check-one-truth
.PHONY: check-one-truth
check-one-truth: $(BUILD)/rubric-grade $(RUNTIME_RUBRIC_JSON) $(ONE_TRUTH_PROGRAMS)
	@sh tests/one_truth/run.sh $(BUILD)/rubric-grade $(BUILD)/rubrics $(ONE_TRUTH_WORK) \
	    $(ONE_TRUTH_WORK)/runs $(RUNTIME_RUBRIC_IDS)

# Keep the compiled tables between runs (make would delete them as intermediates).
.SECONDARY: $(ONE_TRUTH_TABLE_SOURCES:.c=.o)
