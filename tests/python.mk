# python.mk — the Python binding (python/rubric, ctypes over librubric.so),
# tested with Debian's python3 (tests/python/test_rubric.py): the shipped
# rubrics load; every sample audit graded by the binding, as text and as a
# dict, equals rubric-grade's JSON Lines record for it, field for field;
# errors are exceptions with the library's messages (a rubric's line and
# column); and `pip install --target` of python/ works offline and imports.
# Included by the top-level Makefile.

PYTHON ?= /usr/bin/python3
PYTHON_WORK := $(BUILD)/tests/python

CHECK_TARGETS += check-python
.PHONY: check-python
check-python: $(BUILD)/$(RUNTIME_SONAME) $(BUILD)/rubric-grade $(RUNTIME_RUBRIC_JSON)
	@rm -rf $(PYTHON_WORK) && mkdir -p $(PYTHON_WORK)
	@RUBRIC_LIBRARY=$(abspath $(BUILD)/$(RUNTIME_SONAME)) RUBRIC_GRADE=$(abspath $(BUILD)/rubric-grade) \
	    RUBRIC_RUBRICS=$(abspath $(BUILD)/rubrics) RUBRIC_SCRATCH=$(abspath $(PYTHON_WORK)) \
	    PYTHONDONTWRITEBYTECODE=1 $(PYTHON) tests/python/test_rubric.py
	@echo "python: the binding grades every sample audit as rubric-grade does; pip installs it offline"
