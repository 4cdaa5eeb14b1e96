# deep.mk — input-controlled chains without deep recursion: a 'same as'
# chain and ring of 200,000 criteria, generated at test time and compiled
# with a 1 MiB stack (tests/run-deep.sh). Included by the top-level
# Makefile; also run under the sanitizers.

CHECK_TARGETS += check-deep
SANITIZE_TARGETS += check-deep
.PHONY: check-deep
check-deep: $(BUILD)/rubricc
	@sh tests/run-deep.sh $(BUILD)/rubricc
