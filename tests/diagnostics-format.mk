# diagnostics-format.mk — rubricc's --diagnostics-format outputs (text,
# json, sarif, github) against goldens, SARIF validated against the
# published schema, and the include limits that need a live file system
# (FIFO, symbolic links, a doubling include set, /dev/zero). Included by the
# top-level Makefile; also run under the sanitizers.
# DIAGNOSTICS_FORMAT=--update rewrites tests/diagnostics-format/expected/.

DIAGNOSTICS_FORMAT ?=

CHECK_TARGETS += check-diagnostics-format
SANITIZE_TARGETS += check-diagnostics-format
.PHONY: check-diagnostics-format
check-diagnostics-format: $(BUILD)/rubricc npm-tools
	@SANITIZE=$(SANITIZE) sh tests/diagnostics-format/run-diagnostics-format.sh $(BUILD)/rubricc \
	    $(BUILD)/tests/diagnostics-format $(DIAGNOSTICS_FORMAT)
