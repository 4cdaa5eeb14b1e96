# docs.mk — the documentation's command examples, run (check-docs).
#
# tests/docs/run-doctest.py runs every ```console block of README.md and
# docs/**/*.md in a scratch folder laid out as a checkout after `make`
# (rubrics/, examples/, build/rubrics/<id>.json, the programs first on
# PATH) and compares each command's output with the block's; blocks marked
# <!-- illustrative --> are skipped, and a block of commands that is
# neither run nor marked fails. docs/testing.md states the convention.
# `make check-docs DOCS="docs/grader.md"` runs one file.
# Included by the top-level Makefile.

DOCS ?=
DOCTEST_PYTHON ?= python3

CHECK_TARGETS += check-docs
.PHONY: check-docs
# The offline pages too when this build makes them (web/web.mk): the
# guide for quality-assurance leads puts them beside the index.
check-docs: $(BUILD)/rubricc $(BUILD)/rubric-grade $(RUNTIME_INTERNAL_ARCHIVE) $(RUNTIME_RUBRIC_JSON) \
            $(filter $(WEB_TARGETS),$(ALL_TARGETS))
	@$(DOCTEST_PYTHON) tests/docs/run-doctest.py --build $(BUILD) \
	    --library $(RUNTIME_INTERNAL_ARCHIVE) --libs "$(RUNTIME_LIBS)" \
	    $(foreach json,$(RUNTIME_RUBRIC_JSON),--rubric-json $(json)) $(DOCS)
