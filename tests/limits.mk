# limits.mk — memory pressure is an error, not a spin: rubric-grade and
# rubricc lsp run under a memory limit (prlimit) and a timeout on inputs
# larger than the memory allows (tests/limits/run-limits.sh). Included by
# the top-level Makefile. Not among the sanitizer targets: a sanitizer's
# shadow memory needs more address space than the limit leaves.

CHECK_TARGETS += check-limits
.PHONY: check-limits

check-limits: $(BUILD)/rubric-grade $(BUILD)/rubricc
	@sh tests/limits/run-limits.sh $(BUILD)
