# diagnostics.mk — the golden diagnostics tests (tests/diagnostics/): every
# error and warning class, word for word with its caret lines and exit
# status. Included by the top-level Makefile; also run under the sanitizers.

CHECK_TARGETS += check-diagnostics
SANITIZE_TARGETS += check-diagnostics
.PHONY: check-diagnostics
check-diagnostics: $(BUILD)/rubricc
	@sh tests/run-diagnostics.sh $(BUILD)/rubricc
