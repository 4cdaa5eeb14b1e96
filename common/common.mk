# common.mk — what both programs share: the command-line option tables
# (common/command_line.c), the registry of the files a command reads and
# writes (common/file_roles.c) and the one writer of output files
# (common/output_file.c). Included by the top-level Makefile.
#
# common/ depends on nothing of the project and is compiled with its own
# include path only. rubricc's command-line folders (compiler/cli,
# compiler/tools, compiler/lsp), its emitters' output files
# (compiler/emit) and rubric-grade's (runtime/cli) add -Icommon and link
# libcommon.a; the grading library (runtime/lib) does
# not, so librubric.a stays free of it.

COMMON_SOURCES := $(sort $(wildcard common/*.c))
COMMON_OBJECTS := $(patsubst common/%.c,$(BUILD)/common/%.o,$(COMMON_SOURCES))
COMMON_ARCHIVE := $(BUILD)/common/libcommon.a
COMMON_INCLUDES := -Icommon

$(BUILD)/common/%.o: common/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(COMMON_INCLUDES) -c -o $@ $<

$(COMMON_ARCHIVE): $(COMMON_OBJECTS)
	rm -f $@
	$(AR) rcs $@ $^

ALL_TARGETS += $(COMMON_ARCHIVE)

-include $(wildcard $(BUILD)/common/*.d)
