# man.mk — the manual pages (docs/man/) and the bash completion
# (completion/) checked against the programs.
#
# check-man: mandoc -Tlint finds nothing in any page; every long option
# that rubricc's, each rubricc command's and rubric-grade's --help list is
# in the manual page and offered by the completion, and the completion
# offers no other; the completion scripts load in bash; the example rubric
# of rubric(5) compiles (tests/man/check.sh says each step). mandoc comes
# from scripts/deps.sh.
# Included by the top-level Makefile.

CHECK_TARGETS += check-man
.PHONY: check-man
check-man: $(BUILD)/rubricc $(BUILD)/rubric-grade
	@bash tests/man/check.sh $(BUILD)
