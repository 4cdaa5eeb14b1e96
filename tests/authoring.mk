# authoring.mk — the authors' tools (tests/authoring/): rubricc fmt (the
# shipped rubrics are kept formatted: fmt --check is part of check-fmt),
# rubricc test (every shipped and example rubric's own tests, which must
# exercise every grading rule, and the runner's own failures) and rubricc
# diff (editions made from the shipped rubrics at test time). Included by
# the top-level Makefile; also run under the sanitizers, and the three
# commands under valgrind. RUBRIC_TESTS=--update rewrites
# the runner's expected messages (tests/authoring/rubric-tests/*.stderr),
# RUBRIC_DIFF=--update the expected reports (tests/authoring/diff/*.expected).

RUBRIC_TESTS ?=
RUBRIC_DIFF ?=

CHECK_TARGETS += check-fmt check-rubric-tests check-rubric-diff
SANITIZE_TARGETS += check-fmt check-rubric-tests check-rubric-diff
.PHONY: check-fmt check-rubric-tests check-rubric-diff
check-fmt: $(BUILD)/rubricc
	@sh tests/authoring/run-fmt.sh $(BUILD)/rubricc $(BUILD)/tests/fmt

check-rubric-tests: $(BUILD)/rubricc
	@sh tests/authoring/run-rubric-tests.sh $(BUILD)/rubricc $(BUILD)/tests/rubric-tests $(RUBRIC_TESTS)

check-rubric-diff: $(BUILD)/rubricc
	@sh tests/authoring/run-diff.sh $(BUILD)/rubricc $(BUILD)/tests/rubric-diff $(RUBRIC_DIFF)

VALGRIND_TARGETS += valgrind-authoring
.PHONY: valgrind-authoring
valgrind-authoring: $(BUILD)/rubricc
	@sh tests/authoring/run-valgrind.sh $(BUILD)/rubricc $(BUILD)/tests/authoring-valgrind
