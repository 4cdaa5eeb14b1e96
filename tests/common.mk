# common.mk (tests) — the cmocka tests of common/: command_line.c (a table
# turned into getopt_long's arguments and into the help, and the command
# lines the parser takes and refuses: tests/common/test_command_line.c),
# output_file.c and file_roles.c (files replaced whole, temporaries of a
# killed writer removed, rewriting in place, one file however spelled:
# tests/common/test_output_file.c).
# Included by the top-level Makefile; also run under the sanitizers.

COMMON_TEST_PROGRAMS := $(BUILD)/tests/common/test_command_line $(BUILD)/tests/common/test_output_file

$(BUILD)/tests/common/%.o: tests/common/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(COMMON_INCLUDES) -c -o $@ $<

$(BUILD)/tests/common/test_%: $(BUILD)/tests/common/test_%.o $(COMMON_ARCHIVE)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

CHECK_TARGETS += check-common
SANITIZE_TARGETS += check-common
.PHONY: check-common
check-common: $(COMMON_TEST_PROGRAMS)
	@for program in $(COMMON_TEST_PROGRAMS); do $$program || exit 1; done

-include $(wildcard $(BUILD)/tests/common/*.d)
