# json.mk — the JSON output's tests. Included by the top-level Makefile.
#
#   check-json-golden  tests/golden/example.rubric against example.json byte
#                      for byte, determinism, atomic writes (also run under
#                      the sanitizers). GOLDEN=--update rewrites example.json.
#   check-json-schema  every emitted JSON (rubrics/*.rubric and the example)
#                      validated against docs/rubric.schema.json with
#                      ajv, and broken copies rejected.

GOLDEN ?=

CHECK_TARGETS += check-json-golden check-json-schema
SANITIZE_TARGETS += check-json-golden
.PHONY: check-json-golden check-json-schema
check-json-golden: $(BUILD)/rubricc
	@sh tests/golden/run-golden.sh $(BUILD)/rubricc $(BUILD)/tests/json-golden $(GOLDEN)

check-json-schema: $(BUILD)/rubricc npm-tools
	@sh tests/golden/run-schema.sh $(BUILD)/rubricc $(BUILD)/tests/json-schema
