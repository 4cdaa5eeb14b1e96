# files.mk — what every command does with the files it is given
# (tests/files/): no output is an input or another output, by every
# spelling (run-roles.sh, a table of every pair of every command); a
# write killed at any moment leaves the old file or the new one whole and
# no temporary file (run-kills.sh); rewriting in place keeps mode, owner
# and links and refuses read-only and hard-linked files (run-rewrite.sh).
# The C-level tests of the same modules are check-common's. Included by
# the top-level Makefile; also run under the sanitizers.

CHECK_TARGETS += check-files
SANITIZE_TARGETS += check-files
.PHONY: check-files
check-files: $(BUILD)/rubricc $(BUILD)/rubric-grade
	@ONE_SPELLING=$(SANITIZE) sh tests/files/run-roles.sh $(BUILD)/rubricc $(BUILD)/rubric-grade $(BUILD)/tests/files/roles
	@sh tests/files/run-rewrite.sh $(BUILD)/rubricc $(BUILD)/tests/files/rewrite
	@sh tests/files/run-kills.sh $(BUILD)/rubricc $(BUILD)/rubric-grade $(BUILD)/tests/files/kills
