# runtime.mk — the grading library (librubric.a) and rubric-grade.
# Owned by the runtime; included by the top-level Makefile.
