# web.mk — the offline pages (web/): single HTML files that carry the
# WebAssembly modules and their scripts inline (web/bundle.mjs), so they
# work opened from file://, a shared drive or an email attachment, with no
# network and no server. Included by the top-level Makefile after
# wasm/wasm.mk; `make` builds them with the WebAssembly build (they need
# its modules, Node.js and Debian's esbuild: scripts/deps.sh, group wasm).
#
#   $(BUILD)/web/results.html  the results page: a round's record files and
#                              a compiled rubric in, rubric-grade's report,
#                              records, summary and moderation out
#   $(BUILD)/web/studio.html   the rubric studio: a rubric written and checked
#                              as rubricc checks it, its pages previewed, its
#                              tests run
#
# The pages take their stylesheet from a page rubricc writes (the audit
# form of the Waltham Forest rubric, compiled under $(WEB_STYLE)), so they
# look like the guidance pages and forms with no second copy of the CSS.
# A page is made again when the bundler, its template or script, the
# page module (wasm/rubric.mjs, memory-wasi.mjs) or a module changes.

WEB_DIR := $(BUILD)/web
WEB_STYLE := $(BUILD)/web-style
WEB_STYLE_RUBRIC := rubrics/waltham-forest-case-audit-grading-criteria.rubric
WEB_STYLE_PAGE := $(WEB_STYLE)/$(shell sed -n 's/^rubric: *//p' $(WEB_STYLE_RUBRIC) | head -n 1)-form.html
# What every bundled page is made from, besides its own template and script.
WEB_BUNDLER := web/bundle.mjs web/inline-wasm.mjs web/drop-files.mjs wasm/rubric.mjs wasm/memory-wasi.mjs
BUNDLE := node web/bundle.mjs

$(WEB_STYLE_PAGE): $(BUILD)/rubricc $(WEB_STYLE_RUBRIC) rubrics/shared/themes.rubric
	@mkdir -p $(@D)
	$(BUILD)/rubricc --emit form -o $(WEB_STYLE) $(WEB_STYLE_RUBRIC)

$(WEB_DIR)/results.html: web/results.html web/results.mjs $(WEB_BUNDLER) $(WASM_DIR)/rubric-grade.wasm $(WEB_STYLE_PAGE)
	@mkdir -p $(@D)
	$(BUNDLE) --template web/results.html --script web/results.mjs --wasm rubric-grade=$(WASM_DIR)/rubric-grade.wasm \
	    --style-from $(WEB_STYLE_PAGE) --out $@

# The rubric studio (web/studio.*): carries rubricc, the shipped themes
# file and the project's TextMate grammar (read by web/studio.mjs).
$(WEB_DIR)/studio.html: web/studio.html web/studio.mjs web/studio-highlight.mjs editors/rubric.tmLanguage.json \
                        rubrics/shared/themes.rubric $(WEB_BUNDLER) $(WASM_DIR)/rubricc.wasm $(WEB_STYLE_PAGE)
	@mkdir -p $(@D)
	$(BUNDLE) --template web/studio.html --script web/studio.mjs --wasm rubricc=$(WASM_DIR)/rubricc.wasm \
	    --text themes=rubrics/shared/themes.rubric --style-from $(WEB_STYLE_PAGE) --out $@

WEB_TARGETS := $(WEB_DIR)/results.html $(WEB_DIR)/studio.html

.PHONY: web
web: wasm-deps
	@$(MAKE) --no-print-directory $(WEB_TARGETS)

ifneq ($(WASM_TOOLCHAIN),)
ifneq ($(shell command -v esbuild 2>/dev/null),)
ALL_TARGETS += $(WEB_TARGETS)
endif
endif
