# unit.mk — the cmocka unit tests of the compiler core (tests/unit/): the
# allocator, the lexer, the parser, the checker, the diagnostics and the
# suggestions, each a program linked against the compiler's objects less
# main.o. Included by the top-level Makefile; also run under the sanitizers.
# tests/unit/run-unit.sh runs them and totals.

CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
UNIT_TESTS := arena lexer parser checker diagnostics suggest format
UNIT_PROGRAMS := $(patsubst %,$(BUILD)/tests/unit/test_%,$(UNIT_TESTS))
UNIT_SUPPORT := $(BUILD)/tests/unit/unit_support.o

CHECK_TARGETS += check-unit
SANITIZE_TARGETS += check-unit
.PHONY: check-unit
check-unit: $(UNIT_PROGRAMS)
	@sh tests/unit/run-unit.sh $(UNIT_PROGRAMS)

$(BUILD)/tests/unit/%.o: tests/unit/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(BUILD)/tests/unit
	$(CC) $(ALL_CFLAGS) $(COMPILER_INCLUDES) -Itests/unit -c -o $@ $<

$(BUILD)/tests/unit/test_%: $(BUILD)/tests/unit/test_%.o $(UNIT_SUPPORT) $(COMPILER_LIBRARY_OBJECTS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(COMPILER_LIBS) $(CMOCKA_LIBS)

-include $(wildcard $(BUILD)/tests/unit/*.d)
