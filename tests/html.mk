# html.mk — tests of the pages rubricc writes (compiler/emit/emit_html.c,
# emit_form.c, emit_index.c, emit_crosswalk.c, html_style.c, html_text.c)
# and of the CSV template (emit_csv_template.c). Included by the top-level
# Makefile.
#
#   check-html        escaping (tests/html/adversarial.rubric) on every page,
#                     the golden outputs of tests/html/small.rubric,
#                     deterministic output, the CSV template read by
#                     rubric-grade; also run under the sanitizers
#   check-html-vnu    the Nu HTML Checker: no error on any page (guidance
#                     pages, audit forms, index, crosswalk) of the shipped
#                     rubrics and the test rubrics
#   check-html-axe    in headless Chromium, every page of the shipped
#                     rubrics: axe-core finds no WCAG 2.2 A/AA violation,
#                     nothing is fetched, nothing scrolls sideways at 390 px;
#                     then the printed guidance pages (A4 landscape PDFs):
#                     at most 18 pages for Waltham Forest and 20 for London,
#                     running headers, no page less than half full unless a
#                     section ends there (tests/html/check_print.py);
#                     the audit forms print on A4 portrait with every
#                     criterion, in at most 9 pages for Waltham Forest and
#                     10 for London (the level descriptors stay off paper).
#                     Screenshots and PDFs are left under $(BUILD)/html-review/
#   check-html-form   the interactive audit form end to end in headless
#                     Chromium: refused when incomplete, saved, graded by
#                     rubric-grade as the sample audit it was filled from
#                     (tests/html/form_e2e.mjs); then on the Waltham Forest
#                     form (tests/html/form_drafts.mjs) the level
#                     descriptors, keyboard-only entry, an impossible date
#                     refused, drafts kept through a killed browser
#                     (SIGKILL) and reopened, a draft of another edition
#                     flagged, deleting asked first, all finished drafts
#                     saved in one file, a saved record opened and amended;
#                     500 random audits filled through the form of every
#                     shipped and worked-example rubric in one page load,
#                     every record graded by rubric-grade as ticked, and
#                     (forms written with the grader, when the WebAssembly
#                     build is there) the live grades the page shows equal
#                     to rubric-grade's, part-filled audits against
#                     rubric-grade --partial (tests/html/form_random.mjs);
#                     and in each state (empty, half filled, errors shown,
#                     complete, the live grade differing from the
#                     auditor's, descriptors open, a deletion asked about,
#                     amending; no request leaving the page) axe-core and the Nu HTML Checker find
#                     nothing and nothing scrolls sideways at 390 px
#                     (tests/html/form_states.mjs)
#   update-html-golden  rewrite tests/html/golden/ after a deliberate change
#   update-html-screenshots  copy the docs' screenshots (guidance page,
#                     audit form, phone view; the form's drafts and level
#                     descriptors) from a check-html-axe and a
#                     check-html-form run into docs/screenshots/

HTML_TEST_RUBRICS := tests/html/adversarial.rubric tests/html/small.rubric
HTML_SHIPPED_RUBRICS := $(sort $(wildcard rubrics/*.rubric))
# The worked examples of the language's v2 audits: their pages are checked
# by Nu and axe (between the anchors, weights, bands, checklists).
HTML_EXAMPLE_RUBRICS := $(sort $(wildcard rubrics/examples/*.rubric))
HTML_ALL_FORMATS := json,html,form,csv-template,index,crosswalk
HTML_REVIEW := $(BUILD)/html-review
# The id of a rubric file: its "rubric:" line.
rubric_id = $(shell sed -n 's/^rubric: *//p' $(1) | head -n 1)
# The form whose drafts, amending and descriptors are tried (the largest),
# with the sample audits it is filled from.
HTML_DRAFTS_RUBRIC := rubrics/waltham-forest-case-audit-grading-criteria.rubric
HTML_DRAFTS_AUDITS := examples/waltham-forest-audits.jsonl
# How many random audits are filled through each form (shipped and worked
# examples) and graded (tests/html/form_random.mjs). 150 per form keeps
# the suite within its time; a longer soak is
# `make check-html-form HTML_RANDOM_AUDITS=2000`.
HTML_RANDOM_AUDITS ?= 150
# Printed page limits of the shipped guidance pages.
HTML_PRINT_LIMITS := waltham-forest-case-audit-grading-criteria:18 london-borough-case-audit-gradings:20
# Printed page counts of the shipped blank audit forms (A4 portrait): the
# level descriptors on the form are left off paper, so these stay as they
# were before the form had them.
HTML_FORM_PRINT_LIMITS := waltham-forest-case-audit-grading-criteria:9 london-borough-case-audit-gradings:10
form_print_limit = $(patsubst $(1):%,:%,$(filter $(1):%,$(HTML_FORM_PRINT_LIMITS)))

CHECK_TARGETS += check-html check-html-vnu check-html-axe check-html-form
SANITIZE_TARGETS += check-html
.PHONY: check-html check-html-vnu check-html-axe check-html-form update-html-golden update-html-screenshots

check-html: $(BUILD)/rubricc $(BUILD)/rubric-grade
	@python3 tests/html/check_pages.py --rubricc $(BUILD)/rubricc --grader $(BUILD)/rubric-grade --out $(BUILD)/html-test

update-html-golden: $(BUILD)/rubricc $(BUILD)/rubric-grade
	@python3 tests/html/check_pages.py --rubricc $(BUILD)/rubricc --grader $(BUILD)/rubric-grade --out $(BUILD)/html-test --update

check-html-vnu: $(BUILD)/rubricc npm-tools
	@rm -rf $(BUILD)/html-vnu
	@$(BUILD)/rubricc --emit html,form,index,crosswalk -o $(BUILD)/html-vnu $(HTML_SHIPPED_RUBRICS) $(HTML_TEST_RUBRICS) 2>/dev/null
	@$(BUILD)/rubricc --emit html,form -o $(BUILD)/html-vnu/examples $(HTML_EXAMPLE_RUBRICS)
	@sh tests/html/validate.sh $(BUILD)/html-vnu/examples/*.html
	@sh tests/html/validate.sh $(BUILD)/html-vnu/*.html

check-html-axe: $(BUILD)/rubricc npm-tools
	@rm -rf $(HTML_REVIEW)
	@$(BUILD)/rubricc --emit $(HTML_ALL_FORMATS) -o $(HTML_REVIEW)/pages $(HTML_SHIPPED_RUBRICS)
	@node tests/html/review.mjs $(HTML_REVIEW) $(HTML_REVIEW)/pages/*.html
	@$(BUILD)/rubricc --emit html,form -o $(HTML_REVIEW)/examples $(HTML_EXAMPLE_RUBRICS)
	@node tests/html/review.mjs $(HTML_REVIEW)/examples-review $(HTML_REVIEW)/examples/*.html
	@python3 tests/html/check_print.py $(foreach limit,$(HTML_PRINT_LIMITS),$(HTML_REVIEW)/$(subst :,.pdf:,$(limit)))
	@python3 tests/html/check_print.py --forms $(foreach rubric,$(HTML_SHIPPED_RUBRICS),$(HTML_REVIEW)/pages/$(call rubric_id,$(rubric)).json:$(HTML_REVIEW)/$(call rubric_id,$(rubric))-form.pdf$(call form_print_limit,$(call rubric_id,$(rubric))))

# With the WebAssembly build the forms carry the grader, and the tests check
# the grade they show live (form_random.mjs, form_states.mjs).
ifneq ($(WASM_TOOLCHAIN),)
HTML_FORM_GRADER := $(WASM_DIR)/rubric-grade.wasm
HTML_FORM_GRADER_OPTION := --grader-module $(HTML_FORM_GRADER)
endif

check-html-form: $(BUILD)/rubricc $(BUILD)/rubric-grade $(HTML_FORM_GRADER) npm-tools
	@rm -rf $(BUILD)/html-form
	@$(BUILD)/rubricc --emit json,form $(HTML_FORM_GRADER_OPTION) -o $(BUILD)/html-form $(HTML_SHIPPED_RUBRICS)
	@for audits in examples/*-audits.jsonl; do \
	    id=$$(sed -n '1s/.*"rubric": *"\([^"]*\)".*/\1/p' $$audits); \
	    echo "== $$audits in $$id-form.html"; \
	    node tests/html/form_e2e.mjs $(BUILD)/rubric-grade $(BUILD)/html-form/$$id.json \
	        $(BUILD)/html-form/$$id-form.html $$audits $(BUILD)/html-form/saved || exit 1; \
	done
	@echo "== drafts, amending and the level descriptors in $(call rubric_id,$(HTML_DRAFTS_RUBRIC))-form.html"
	@node tests/html/form_drafts.mjs $(BUILD)/rubric-grade $(BUILD)/html-form/$(call rubric_id,$(HTML_DRAFTS_RUBRIC)).json \
	    $(BUILD)/html-form/$(call rubric_id,$(HTML_DRAFTS_RUBRIC))-form.html $(HTML_DRAFTS_AUDITS) $(BUILD)/html-form/drafts
	@echo "== $(HTML_RANDOM_AUDITS) random audits through each form, graded by rubric-grade"
	@$(BUILD)/rubricc --emit json,form $(HTML_FORM_GRADER_OPTION) -o $(BUILD)/html-form/examples $(HTML_EXAMPLE_RUBRICS)
	@node tests/html/form_random.mjs $(BUILD)/rubric-grade $(BUILD)/html-form/random $(HTML_RANDOM_AUDITS) \
	    $(foreach rubric,$(HTML_SHIPPED_RUBRICS),$(BUILD)/html-form/$(call rubric_id,$(rubric)).json:$(BUILD)/html-form/$(call rubric_id,$(rubric))-form.html) \
	    $(foreach rubric,$(HTML_EXAMPLE_RUBRICS),$(BUILD)/html-form/examples/$(call rubric_id,$(rubric)).json:$(BUILD)/html-form/examples/$(call rubric_id,$(rubric))-form.html)
	@echo "== the form in each state: axe, 390 px, then the Nu HTML Checker"
	@node tests/html/form_states.mjs $(BUILD)/html-form/$(call rubric_id,$(HTML_DRAFTS_RUBRIC))-form.html \
	    $(HTML_DRAFTS_AUDITS) $(BUILD)/html-form/states
	@sh tests/html/validate.sh $(BUILD)/html-form/states/*.html

update-html-screenshots: check-html-axe check-html-form
	@mkdir -p docs/screenshots
	@cp $(HTML_REVIEW)/waltham-forest-case-audit-grading-criteria-detail.png docs/screenshots/guidance-page.png
	@cp $(HTML_REVIEW)/waltham-forest-case-audit-grading-criteria-phone.png docs/screenshots/guidance-page-phone.png
	@cp $(HTML_REVIEW)/london-borough-case-audit-gradings-form-phone.png docs/screenshots/audit-form-phone.png
	@cp $(HTML_REVIEW)/london-borough-case-audit-gradings-form-detail.png docs/screenshots/audit-form.png
	@cp $(BUILD)/html-form/states/$(call rubric_id,$(HTML_DRAFTS_RUBRIC))-drafts.png docs/screenshots/audit-form-drafts.png
	@cp $(BUILD)/html-form/states/$(call rubric_id,$(HTML_DRAFTS_RUBRIC))-descriptors.png docs/screenshots/audit-form-descriptors.png
	@cp $(BUILD)/html-form/states/$(call rubric_id,$(HTML_DRAFTS_RUBRIC))-descriptors-phone.png docs/screenshots/audit-form-descriptors-phone.png
	@if [ -f $(BUILD)/html-form/states/$(call rubric_id,$(HTML_DRAFTS_RUBRIC))-live-grade.png ]; then \
	    cp $(BUILD)/html-form/states/$(call rubric_id,$(HTML_DRAFTS_RUBRIC))-live-grade.png docs/screenshots/audit-form-live-grade.png; \
	    cp $(BUILD)/html-form/states/$(call rubric_id,$(HTML_DRAFTS_RUBRIC))-live-grade-phone.png docs/screenshots/audit-form-live-grade-phone.png; \
	fi
	@echo "copied the screenshots into docs/screenshots/"
