# cli.mk — rubricc's command line tested from the shell (tests/cli/):
# exit statuses, stderr word for word, what is and is not written.
# Included by the top-level Makefile; also run under the sanitizers.
# CLI=--update rewrites tests/cli/expected/.

CLI ?=

CHECK_TARGETS += check-cli
SANITIZE_TARGETS += check-cli
.PHONY: check-cli
check-cli: $(BUILD)/rubricc
	@sh tests/cli/run-cli.sh $(BUILD)/rubricc $(BUILD)/tests/cli $(CLI)

# rubricc under valgrind (memcheck), on the plain build.
VALGRIND_TARGETS += valgrind-rubricc
.PHONY: valgrind-rubricc
valgrind-rubricc: $(BUILD)/rubricc
	@sh tests/cli/run-valgrind.sh $(BUILD)/rubricc $(BUILD)/tests/valgrind
