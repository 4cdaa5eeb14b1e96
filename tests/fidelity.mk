# fidelity.mk — the fidelity tests: each authority's rubric, compiled to
# JSON, against the source document it transcribes (../shared/seeds/,
# relative to the repository root). Included by the top-level Makefile.
#
# One target per source document; add a new one the same way and append it
# to CHECK_TARGETS and FIDELITY_TARGETS. `make check-fidelity` runs them all.
# Each script's --self-test also proves that the comparison fails on an
# altered copy of the compiled rubric.

FIDELITY_SEEDS ?= ../shared/seeds
FIDELITY_TARGETS :=

# (The list is read when the recipe runs, so targets added below count.)
.PHONY: check-fidelity
check-fidelity:
	@$(MAKE) --no-print-directory $(FIDELITY_TARGETS)

# Seed 000: a London borough's Detailed Case Audit Gradings Guidance.
CHECK_TARGETS += check-fidelity-seed000
FIDELITY_TARGETS += check-fidelity-seed000
.PHONY: check-fidelity-seed000
check-fidelity-seed000: $(BUILD)/rubricc
	python3 tests/fidelity/seed000.py --self-test --rubricc $(BUILD)/rubricc \
	    --rubric rubrics/london-borough-case-audit-gradings.rubric \
	    --seed $(FIDELITY_SEEDS)/000_a7cad02716c1d7a9.txt

# Seed 002: Waltham Forest's Grading Criteria for case audits.
CHECK_TARGETS += check-fidelity-seed002
FIDELITY_TARGETS += check-fidelity-seed002
.PHONY: check-fidelity-seed002
check-fidelity-seed002: $(BUILD)/rubricc
	python3 tests/fidelity/seed002.py --self-test --rubricc $(BUILD)/rubricc \
	    --rubric rubrics/waltham-forest-case-audit-grading-criteria.rubric \
	    --seed $(FIDELITY_SEEDS)/002_92efdd7373903652.txt
