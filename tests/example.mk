# example.mk — the example program and the installed library.
#
# check-example: examples/grade_example.c, built against the library in the
# build tree, grades its audit on Waltham Forest's rubric and prints
# examples/grade_example.expected word for word (also under the sanitizers).
# check-install: `make install DESTDIR=$(BUILD)/install-test PREFIX=/usr`
# installs the header pair, librubric.a, rubric.pc and the programs; the
# example compiles with nothing but `pkg-config --cflags --libs rubric`
# pointed at that tree, and prints the same. The manual pages, completions,
# themes file, editor files and docs are installed too, and work there
# (tests/man/check-install.sh); `make uninstall` then leaves no file.
# Included by the top-level Makefile.

EXAMPLE_RUBRIC := $(BUILD)/rubrics/waltham-forest-case-audit-grading-criteria.json
EXAMPLE_EXPECTED := examples/grade_example.expected
EXAMPLE_INSTALL_ROOT := $(abspath $(BUILD))/install-test
# pkg-config reads the installed rubric.pc, with every path under the test root.
EXAMPLE_PKG_CONFIG := PKG_CONFIG_PATH=$(EXAMPLE_INSTALL_ROOT)/usr/lib/pkgconfig \
                      PKG_CONFIG_SYSROOT_DIR=$(EXAMPLE_INSTALL_ROOT) \
                      PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 PKG_CONFIG_ALLOW_SYSTEM_LIBS=1 pkg-config

$(BUILD)/examples/grade_example: examples/grade_example.c $(BUILD)/librubric.a
	@mkdir -p $(BUILD)/examples
	$(CC) $(ALL_CFLAGS) -Iruntime/lib -o $@ $< $(ALL_LDFLAGS) $(BUILD)/librubric.a $(RUNTIME_LIBS)

# run-example PROGRAM: run it on the example rubric and compare with the golden stdout.
run-example = $(1) $(EXAMPLE_RUBRIC) > $(1).out && diff -u $(EXAMPLE_EXPECTED) $(1).out

CHECK_TARGETS += check-example check-install
SANITIZE_TARGETS += check-example
.PHONY: check-example check-install update-example-golden
check-example: $(BUILD)/examples/grade_example $(EXAMPLE_RUBRIC)
	@$(call run-example,$(BUILD)/examples/grade_example)
	@echo "example: grade_example prints $(EXAMPLE_EXPECTED)"

# The installed library both ways (run by check-install, on its tree):
# pkg-config's plain link loads librubric.so.MAJOR, installed with its two
# links; --static, with -lrubric asking for the archive, links librubric.a
# and the libraries it needs, and loads no librubric.so.
.PHONY: check-install-library
check-install-library:
	@for file in usr/lib/$(RUNTIME_SHARED_NAME) usr/lib/$(RUNTIME_SONAME) usr/lib/librubric.so; do \
	    test -e $(EXAMPLE_INSTALL_ROOT)/$$file || { echo "install: $$file not installed"; exit 1; }; done
	@readelf -d $(BUILD)/install-test-example | grep -q 'NEEDED.*\[$(RUNTIME_SONAME)\]' || \
	    { echo "install: the example linked by pkg-config does not load $(RUNTIME_SONAME)"; exit 1; }
	@flags="$$($(EXAMPLE_PKG_CONFIG) --static --cflags --libs rubric)" || exit 1; \
	    flags="$$(echo "$$flags" | sed 's/-lrubric\b/-l:librubric.a/')"; \
	    echo "install: pkg-config --static --cflags --libs rubric, librubric.a: $$flags"; \
	    $(CC) -std=c11 -Wall -Wextra -Wpedantic -Werror $(SANITIZER_FLAGS) \
	        -o $(BUILD)/install-test-example-static examples/grade_example.c $$flags || exit 1; \
	    if readelf -d $(BUILD)/install-test-example-static | grep -q 'NEEDED.*librubric'; then \
	        echo "install: the example linked with --static loads librubric.so"; exit 1; fi
	@$(call run-example,$(BUILD)/install-test-example-static)
	@echo "install: the example runs with the shared library (LD_LIBRARY_PATH) and linked with librubric.a"

update-example-golden: $(BUILD)/examples/grade_example $(EXAMPLE_RUBRIC)
	$(BUILD)/examples/grade_example $(EXAMPLE_RUBRIC) > $(EXAMPLE_EXPECTED)

check-install: $(EXAMPLE_RUBRIC)
	@rm -rf $(EXAMPLE_INSTALL_ROOT)
	@$(MAKE) --no-print-directory install DESTDIR=$(EXAMPLE_INSTALL_ROOT) PREFIX=/usr > $(BUILD)/install-test.log 2>&1 || \
	    { cat $(BUILD)/install-test.log; exit 1; }
	@for file in usr/include/rubric.h usr/include/rubric_model.h usr/lib/librubric.a \
	             usr/lib/pkgconfig/rubric.pc usr/bin/rubricc usr/bin/rubric-grade \
	             usr/share/man/man1/rubricc.1 usr/share/man/man1/rubric-grade.1 \
	             usr/share/man/man5/rubric.5 usr/share/man/man5/rubric-audit.5 \
	             usr/share/bash-completion/completions/rubricc \
	             usr/share/bash-completion/completions/rubric-grade \
	             usr/share/rubric/shared/themes.rubric usr/share/rubric/editors/rubric.tmLanguage.json \
	             usr/share/rubric/editors/language-configuration.json usr/share/rubric/editors/package.json \
	             usr/share/rubric/editors/vim/syntax/rubric.vim usr/share/doc/rubric/language.md \
	             usr/share/doc/rubric/rubric.schema.json usr/share/doc/rubric/screenshots/guidance-page.png; do \
	    test -f $(EXAMPLE_INSTALL_ROOT)/$$file || { echo "install: $$file not installed"; exit 1; }; done
	@grep -qx 'prefix=/usr' $(EXAMPLE_INSTALL_ROOT)/usr/lib/pkgconfig/rubric.pc || \
	    { echo "install: the installed rubric.pc is not for PREFIX=/usr"; exit 1; }
	@flags="$$($(EXAMPLE_PKG_CONFIG) --cflags --libs rubric)" || exit 1; \
	    echo "install: pkg-config --cflags --libs rubric: $$flags"; \
	    case "$$flags" in *"-I$(EXAMPLE_INSTALL_ROOT)/usr/include"*) ;; \
	        *) echo "install: pkg-config does not point at the installed header"; exit 1 ;; esac; \
	    $(CC) -std=c11 -Wall -Wextra -Wpedantic -Werror $(SANITIZER_FLAGS) \
	        -o $(BUILD)/install-test-example examples/grade_example.c $$flags
	@LD_LIBRARY_PATH=$(EXAMPLE_INSTALL_ROOT)/usr/lib $(call run-example,$(BUILD)/install-test-example)
	@# The link above is to the shared library; the same example against librubric.a, by --static.
	@$(MAKE) --no-print-directory check-install-library
	@RUBRIC_WASM_DIR=$(WASM_DIR) bash tests/man/check-install.sh $(EXAMPLE_INSTALL_ROOT) /usr $(BUILD)/tests/install $(INSTALLED_DATA)
	@echo "install: make install DESTDIR=$(EXAMPLE_INSTALL_ROOT) PREFIX=/usr; the example builds with pkg-config and runs"
	@$(MAKE) --no-print-directory uninstall DESTDIR=$(EXAMPLE_INSTALL_ROOT) PREFIX=/usr >> $(BUILD)/install-test.log 2>&1 || \
	    { cat $(BUILD)/install-test.log; exit 1; }
	@left="$$(find $(EXAMPLE_INSTALL_ROOT) ! -type d)"; [ -z "$$left" ] || \
	    { echo "install: make uninstall leaves $$left"; exit 1; }
	@echo "install: make uninstall removes every file"
