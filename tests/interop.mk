# interop.mk — the exports for other systems (Canvas CSV, CASE JSON, the
# spreadsheet grid) and `rubricc import` (tests/interop/run-interop.sh says
# what is checked). Included by the top-level Makefile.
#
#   check-interop       everything, the CASE exports validated with ajv
#                       against 1EdTech's CFRubric JSON Schema; and the
#                       import of grids of 20,000 columns and 100,000 rows
#                       under a memory and a time limit, repeated errors
#                       capped (tests/interop/run-import-scale.sh)
#   check-interop-core  the same without ajv and without the limits (a
#                       sanitizer's shadow memory needs more address space
#                       than they leave): run under the sanitizers
# INTEROP=--update rewrites tests/interop/golden/ and tests/interop/expected/.

INTEROP ?=

CHECK_TARGETS += check-interop
SANITIZE_TARGETS += check-interop-core
.PHONY: check-interop check-interop-core
check-interop: $(BUILD)/rubricc npm-tools
	@sh tests/interop/run-interop.sh $(BUILD)/rubricc $(BUILD)/tests/interop $(INTEROP)
	@sh tests/interop/run-import-scale.sh $(BUILD)/rubricc $(BUILD)/tests/import-scale

check-interop-core: $(BUILD)/rubricc
	@sh tests/interop/run-interop.sh $(BUILD)/rubricc $(BUILD)/tests/interop-core --no-schema $(INTEROP)
