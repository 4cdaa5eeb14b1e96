# web-studio.mk — tests of the rubric studio (web/studio.*, built by
# web/web.mk into $(WEB_DIR)/studio.html). Included by the top-level
# Makefile; in CHECK_TARGETS when the WebAssembly toolchain is installed.
#
#   check-web-studio  (1) tests/web/studio-highlight.test.mjs: the studio's
#                     highlighting, which runs editors/rubric.tmLanguage.json,
#                     gives every character of the shipped rubrics the scope
#                     vscode-textmate gives it;
#                     (2) tests/web/studio.test.mjs: the studio in Debian's
#                     headless Chromium, from file:// with the network cut,
#                     used with the keyboard: the problems of a rubric as it
#                     is typed are rubricc's (the JSON byte for byte), the
#                     previewed pages and the downloads equal what rubricc
#                     writes, fmt and test run as on the command line, the
#                     work is kept over a reload; axe-core finds no WCAG 2.2
#                     A/AA violation; nothing scrolls sideways at 390 px;
#                     (3) the Nu HTML Checker: no error on the page.
#   update-studio-screenshots  the check, then its screenshots copied into
#                     docs/screenshots/ (studio.png, studio-phone.png)

.PHONY: check-web-studio update-studio-screenshots
check-web-studio: $(WEB_DIR)/studio.html $(BUILD)/rubricc npm-tools
	@node tests/web/studio-highlight.test.mjs
	@node tests/web/studio.test.mjs $(BUILD) $(WEB_DIR)/studio.html $(BUILD)/tests/web-studio $(BUILD)/web-review
	@sh tests/html/validate.sh $(WEB_DIR)/studio.html

update-studio-screenshots: check-web-studio
	@mkdir -p docs/screenshots
	@cp $(BUILD)/web-review/studio.png $(BUILD)/web-review/studio-phone.png docs/screenshots/
	@echo "copied the studio's screenshots into docs/screenshots/"

ifneq ($(WASM_TOOLCHAIN),)
CHECK_TARGETS += check-web-studio
endif
