# emit_c.mk — the C emitter's tests (tests/emit_c/run.sh): the generated
# tables of an adversarial rubric, a golden one and every shipped rubric
# compile as C99 with gcc and clang at -Wall -Wextra -Wpedantic -Werror,
# print back field for field what the JSON says, link from C++, pass the
# grading library's own model check, come out the same on every run, and
# the golden tables stay word for word.
# Included by the top-level Makefile. Under the sanitizers the test
# programs are built with them too, so the tables are read under ASan and
# UBSan. `make update-emit-c-golden` rewrites the golden files.

EMIT_C_WORK := $(BUILD)/tests/emit_c

CHECK_TARGETS += check-emit-c
SANITIZE_TARGETS += check-emit-c
.PHONY: check-emit-c update-emit-c-golden
check-emit-c: $(BUILD)/rubricc $(BUILD)/librubric.a
	@EMIT_C_EXTRA_FLAGS='$(SANITIZER_FLAGS)' EMIT_C_CC='$(CC)' \
	    EMIT_C_LIBRARY='$(BUILD)/librubric.a $(RUNTIME_LIBS)' \
	    sh tests/emit_c/run.sh $(BUILD)/rubricc $(EMIT_C_WORK)

update-emit-c-golden: $(BUILD)/rubricc
	@sh tests/emit_c/run.sh $(BUILD)/rubricc $(EMIT_C_WORK) --update
