# interop.mk — the exports for other systems (Canvas CSV, CASE JSON, the
# spreadsheet grid) and `rubricc import` (tests/interop/run-interop.sh says
# what is checked). Included by the top-level Makefile.
#
#   check-interop       everything, the CASE exports validated with ajv
#                       against 1EdTech's CFRubric JSON Schema
#   check-interop-core  the same without ajv: run under the sanitizers
# INTEROP=--update rewrites tests/interop/golden/ and tests/interop/expected/.

INTEROP ?=

CHECK_TARGETS += check-interop
SANITIZE_TARGETS += check-interop-core
.PHONY: check-interop check-interop-core
check-interop: $(BUILD)/rubricc npm-tools
	@sh tests/interop/run-interop.sh $(BUILD)/rubricc $(BUILD)/tests/interop $(INTEROP)

check-interop-core: $(BUILD)/rubricc
	@sh tests/interop/run-interop.sh $(BUILD)/rubricc $(BUILD)/tests/interop-core --no-schema $(INTEROP)
