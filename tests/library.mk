# library.mk — the library as others link it (tests/library/run.sh): the
# public librubric.a and librubric.so export rubric.h's functions and
# nothing else (nm), the soname follows RUBRIC_API_VERSION_MAJOR
# (readelf), and a program of the API links with either while one calling
# an internal function links with neither.
# Included by the top-level Makefile.

CHECK_TARGETS += check-library
.PHONY: check-library
check-library: $(BUILD)/librubric.a $(RUNTIME_SHARED_LIBRARY) $(BUILD)/$(RUNTIME_SONAME) $(BUILD)/librubric.so
	@sh tests/library/run.sh $(BUILD) $(CC) '$(RUNTIME_LIBS)'
