# register.mk — the register (rubric-grade --register, runtime/cli/register.c):
# idempotence, revisions, a killed import, two imports at once, the schema's
# version and refusals, the summary made from the register
# (tests/register/run.sh). The counts are read back with Debian's sqlite3
# shell and Python's sqlite3 module. Included by the top-level Makefile.

CHECK_TARGETS += check-register
.PHONY: check-register
check-register: $(BUILD)/rubric-grade $(RUNTIME_RUBRIC_JSON)
	@sh tests/register/run.sh $(BUILD)
