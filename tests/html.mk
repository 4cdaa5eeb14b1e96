# html.mk — tests of the guidance pages (compiler/emit_html.c,
# compiler/html_style.c). Included by the top-level Makefile.
#
#   check-html        escaping (tests/html/adversarial.rubric), the golden
#                     page of tests/html/small.rubric, deterministic output;
#                     also run under the sanitizers
#   check-html-vnu    the Nu HTML Checker: no error on the shipped rubrics'
#                     pages and the test rubrics' pages
#   check-html-axe    axe-core in headless Chromium: no WCAG 2.2 A/AA
#                     violation on the shipped rubrics' pages; saves a
#                     screenshot and an A4 landscape PDF of each page under
#                     $(BUILD)/html-review/ for people to look at
#   update-html-golden  rewrite tests/html/golden/ after a deliberate change

HTML_TEST_RUBRICS := tests/html/adversarial.rubric tests/html/small.rubric
HTML_SHIPPED_RUBRICS := $(sort $(wildcard rubrics/*.rubric))

CHECK_TARGETS += check-html check-html-vnu check-html-axe
SANITIZE_TARGETS += check-html
.PHONY: check-html check-html-vnu check-html-axe update-html-golden

check-html: $(BUILD)/rubricc $(BUILD)/rubric-grade
	@python3 tests/html/check_pages.py --rubricc $(BUILD)/rubricc --grader $(BUILD)/rubric-grade --out $(BUILD)/html-test

update-html-golden: $(BUILD)/rubricc $(BUILD)/rubric-grade
	@python3 tests/html/check_pages.py --rubricc $(BUILD)/rubricc --grader $(BUILD)/rubric-grade --out $(BUILD)/html-test --update

check-html-vnu: $(BUILD)/rubricc npm-tools
	@rm -rf $(BUILD)/html-vnu
	@$(BUILD)/rubricc --emit html -o $(BUILD)/html-vnu $(HTML_SHIPPED_RUBRICS) $(HTML_TEST_RUBRICS) 2>/dev/null
	@sh tests/html/validate.sh $(BUILD)/html-vnu/*.html

check-html-axe: $(BUILD)/rubricc npm-tools
	@rm -rf $(BUILD)/html-review
	@$(BUILD)/rubricc --emit html -o $(BUILD)/html-review/pages $(HTML_SHIPPED_RUBRICS)
	@node tests/html/review.mjs $(BUILD)/html-review $(BUILD)/html-review/pages/*.html
