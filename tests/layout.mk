# layout.mk — the source layout's rules (tests/layout/check_layout.py): each
# folder includes only from the folders it may depend on, no include cycle
# between modules nor of calls between object files, no C file over 1,200 lines, a README in every folder and
# an opening comment in every C file. Included by the top-level Makefile.

CHECK_TARGETS += check-layout
.PHONY: check-layout
check-layout: build
	@python3 tests/layout/check_layout.py . $(BUILD)
