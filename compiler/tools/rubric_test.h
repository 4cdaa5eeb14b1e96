/*
 * rubric_test.h — rubricc test: a rubric's own tests, written by its
 * authors (docs/rubric-tests.md has the format).
 *
 * A tests file (by default the rubric's name with .tests for .rubric)
 * holds audits: the grades an auditor might give (scores, checklist
 * answers, NA), the audit's case type and evidence comments, and what the
 * authors expect the rubric to produce from them (overall and per section:
 * the grade, which limit capped it, its band, the mean before rounding; a
 * checklist section's count met and percentage; which errors a wrong
 * record gives). The
 * runner compiles the rubric, loads its JSON (written in memory by
 * emit_json) into the grading library (runtime/rubric.h), exactly as
 * rubric-grade would, grades every audit and reports each expectation that
 * does not hold, at its file and line, with what was expected and what
 * came out. --junit FILE writes the results as JUnit XML for CI.
 *
 * It also reports which of the rubric's grading rules no audit exercised:
 * a limit that never capped a grade (a conditional limit whose condition
 * never held), a tie rule never needed, an NA rule never met, a method
 * never used, a mean never rounded, a band never reached, a checklist
 * never counted or an answer never given, a section out of the overall
 * never graded, a case type never audited, a weight never counted; rules
 * the rubric gives no audit a way to exercise are left out. With
 * --require-coverage those count as failures.
 */
#ifndef RUBRIC_TEST_H
#define RUBRIC_TEST_H

/* rubricc test [--junit FILE] [--require-coverage] [-I DIR] RUBRIC [TESTS...]:
 * argv[0] is "test". Returns the exit status: 0 every expectation held,
 * 1 one failed (or a file has errors), 2 bad usage. */
int rubric_test_command(int argc, char **argv);

#endif /* RUBRIC_TEST_H */
