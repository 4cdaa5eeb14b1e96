# web.mk — tests of the offline pages (web/, web/bundle.mjs) in Debian's
# headless Chromium with the network cut. Included by the top-level
# Makefile; in CHECK_TARGETS when the WebAssembly toolchain is installed.
#
#   check-web  (0) tests/web/inline-wasm.test.mjs: the pages' base64
#              decoding (web/inline-wasm.mjs) gives back both modules from
#              a bundled page byte for byte, both ways: atob (a browser
#              without Uint8Array.fromBase64) and fromBase64 where Node.js
#              has it;
#              (1) tests/web/offline-page.test.mjs: a page bundled with
#              both modules (tests/web/module-page.html) opened from file://
#              in an offline context whose every request is aborted and
#              counted (0 allowed): every shipped rubric compiled and every
#              sample audit file graded inside the page, equal byte for
#              byte to the native programs' output;
#              (2) tests/web/results-page.test.mjs: the results page
#              ($(WEB_DIR)/results.html), used with the keyboard only,
#              grades the sample files (JSON Lines, CSV, a moderated
#              round, and Excel workbooks dropped on it) and its
#              downloads equal `rubric-grade --report` and the rest byte
#              for byte; its errors are the command line's (by sheet and
#              row for a workbook); axe-core finds no WCAG 2.2 A/AA
#              violation before and after grading; nothing scrolls
#              sideways at 390 px;
#              (3) the Nu HTML Checker: no error on the results page.
#              Screenshots of the results page under $(BUILD)/web-review/;
#              `make update-web-screenshots` copies them into docs/screenshots/.

WEB_TEST_WORK := $(BUILD)/tests/web

$(WEB_TEST_WORK)/module-page.html: tests/web/module-page.html tests/web/module-page.mjs $(WEB_BUNDLER) \
                                   $(WASM_DIR)/rubricc.wasm $(WASM_DIR)/rubric-grade.wasm
	@mkdir -p $(@D)
	@$(BUNDLE) --template tests/web/module-page.html --script tests/web/module-page.mjs \
	    --wasm rubricc=$(WASM_DIR)/rubricc.wasm --wasm rubric-grade=$(WASM_DIR)/rubric-grade.wasm --out $@

.PHONY: check-web update-web-screenshots
check-web: $(WEB_TEST_WORK)/module-page.html $(WEB_DIR)/results.html $(BUILD)/rubricc $(BUILD)/rubric-grade npm-tools
	@node tests/web/inline-wasm.test.mjs $(WASM_DIR) $(WEB_TEST_WORK)/module-page.html
	@node tests/web/offline-page.test.mjs $(BUILD) $(WEB_TEST_WORK)/module-page.html $(WEB_TEST_WORK)/offline
	@node tests/web/results-page.test.mjs $(BUILD) $(WEB_DIR)/results.html $(WEB_TEST_WORK)/results \
	    $(BUILD)/web-review
	@sh tests/html/validate.sh $(WEB_DIR)/results.html

update-web-screenshots: check-web
	@mkdir -p docs/screenshots
	@cp $(BUILD)/web-review/results-page.png $(BUILD)/web-review/results-page-phone.png docs/screenshots/
	@echo "copied the results page's screenshots into docs/screenshots/"

ifneq ($(WASM_TOOLCHAIN),)
CHECK_TARGETS += check-web
endif
