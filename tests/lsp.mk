# lsp.mk — editor support: the language server (rubricc lsp) replayed
# against recorded JSON-RPC sessions and driven by a real client (Debian's
# Neovim, headless), which also checks the Vim syntax file; and the
# TextMate grammar tokenising the shipped rubrics in vscode-textmate
# (tests/lsp/, editors/); and cmocka units of the server's documents.
# Included by the top-level Makefile; the
# sessions also run under the sanitizers, and six of them under valgrind.
# tests/lsp/replay.py --update rewrites the sessions' expected answers.

CHECK_TARGETS += check-lsp check-lsp-neovim check-editor-grammar
SANITIZE_TARGETS += check-lsp
VALGRIND_TARGETS += valgrind-lsp
.PHONY: check-lsp check-lsp-neovim check-editor-grammar valgrind-lsp

check-lsp: $(BUILD)/rubricc $(BUILD)/tests/lsp/test_lsp_document
	@python3 tests/lsp/replay.py $(BUILD)/rubricc
	@python3 tests/lsp/keywords.py
	@sh tests/unit/run-unit.sh $(BUILD)/tests/lsp/test_lsp_document

# cmocka units of the documents' positions, edits and URIs.
$(BUILD)/tests/lsp/test_lsp_document.o: tests/lsp/test_lsp_document.c
	@mkdir -p $(BUILD)/tests/lsp
	$(CC) $(ALL_CFLAGS) -Icompiler/lsp -c -o $@ $<

$(BUILD)/tests/lsp/test_lsp_document: $(BUILD)/tests/lsp/test_lsp_document.o $(BUILD)/compiler/lsp/lsp_document.o
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(COMPILER_LIBS) $(CMOCKA_LIBS)

valgrind-lsp: $(BUILD)/rubricc
	@python3 tests/lsp/replay.py $(BUILD)/rubricc --valgrind features formatting malformed garbage smuggled coalesced

check-lsp-neovim: $(BUILD)/rubricc
	@sh tests/lsp/run-neovim.sh $(BUILD)/rubricc $(BUILD)/tests/lsp-neovim

check-editor-grammar: $(NPM_TOOLS)
	@node tests/lsp/tokenise.mjs
