/*
 * test_checker.c — unit tests of the checker (compiler/front/check*.c) through
 * the compile pipeline (compile.h): effective descriptors resolved from a
 * criterion's own, reused ("same as") and section-wide statements; reuse
 * chains and cycles; grading rules and limits resolved to indexes; the
 * abbreviation and glossary warnings; a section's supplied-title note.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "unit_support.h"

/* The index of the criterion with this id (fails the test if none). */
static size_t criterion_index(const ir_rubric *rubric, const char *id)
{
    for (size_t i = 0; i < rubric->criterion_count; i++)
        if (strcmp(rubric->criteria[i].id, id) == 0)
            return i;
    fail_msg("no criterion '%s'", id);
    return 0;
}

/* Level `level` of a criterion's effective descriptors is text, from origin. */
static void expect_effective(const ir_rubric *rubric, const char *id, size_t level, const char *text,
                             ir_origin origin, const char *origin_id)
{
    const ir_descriptor *descriptor = &rubric->criteria[criterion_index(rubric, id)].effective[level];
    assert_string_equal(descriptor->prose->text, text);
    assert_int_equal(descriptor->origin, origin);
    assert_string_equal(descriptor->origin_id, origin_id);
}

/* Two sections: section-wide O, R, I in the first; reuse across them. */
#define REUSE_RUBRIC UNIT_HEADER \
    "section 1: Planning\n" \
    "  id: planning\n" \
    "  applies to: CIN, CP, where appropriate\n" \
    "  every criterion:\n" \
    "    O: Section O.\n" \
    "    R: Section R.\n" \
    "    I: Section I.\n" \
    "  criterion plan: Plans are specific\n" \
    "    G: Plan G.\n" \
    "  criterion plan-full: Plans are complete\n" \
    "    O: Full O.\n" \
    "    G: Full G.\n" \
    "    R: Full R.\n" \
    "    I: Full I.\n" \
    "section 2: Review\n" \
    "  every criterion:\n" \
    "    R: Review R.\n" \
    "  criterion review-plan\n" \
    "    same as: plan-full\n" \
    "    G: Review G.\n" \
    "  criterion review-again\n" \
    "    same as: review-plan\n" \
    "    applies to: CP\n" \
    "    I: Again I.\n"

static void effective_descriptors_by_origin(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, REUSE_RUBRIC);
    const ir_rubric *rubric = unit_check(&compilation);
    assert_non_null(rubric);
    assert_int_equal(compilation.report.error_count, 0);
    assert_int_equal(rubric->criterion_count, 4);
    /* Own G, section-wide O, R, I. */
    expect_effective(rubric, "plan", 0, "Section O.", IR_ORIGIN_SECTION, "planning");
    expect_effective(rubric, "plan", 1, "Plan G.", IR_ORIGIN_OWN, "plan");
    expect_effective(rubric, "plan", 3, "Section I.", IR_ORIGIN_SECTION, "planning");
    /* Own beats section-wide. */
    expect_effective(rubric, "plan-full", 2, "Full R.", IR_ORIGIN_OWN, "plan-full");
    /* Reused beats section-wide; own beats reused. */
    expect_effective(rubric, "review-plan", 1, "Review G.", IR_ORIGIN_OWN, "review-plan");
    expect_effective(rubric, "review-plan", 2, "Full R.", IR_ORIGIN_REUSED, "plan-full");
    /* Through a chain: the origin is the criterion that wrote it. */
    expect_effective(rubric, "review-again", 0, "Full O.", IR_ORIGIN_REUSED, "plan-full");
    expect_effective(rubric, "review-again", 1, "Review G.", IR_ORIGIN_REUSED, "review-plan");
    expect_effective(rubric, "review-again", 3, "Again I.", IR_ORIGIN_OWN, "review-again");
    /* own[] holds only what was written there. */
    const ir_criterion *review = &rubric->criteria[criterion_index(rubric, "review-plan")];
    assert_null(review->own[0]);
    assert_non_null(review->own[1]);
    assert_string_equal(review->same_as, "plan-full");
    /* The title comes with the reuse; section-wide R is the section's own. */
    assert_string_equal(review->title, "Plans are complete");
    assert_non_null(rubric->sections[1].section_wide[2]);
    assert_null(rubric->sections[1].section_wide[0]);
    unit_end(&compilation);
}

static void tags_inherited_from_section(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, REUSE_RUBRIC);
    const ir_rubric *rubric = unit_check(&compilation);
    assert_non_null(rubric);
    const ir_criterion *plan = &rubric->criteria[criterion_index(rubric, "plan")];
    assert_int_equal(plan->applies_to_count, 2);
    assert_string_equal(plan->applies_to[1], "CP");
    assert_true(plan->not_applicable_allowed);
    assert_int_equal(plan->section, 0);
    const ir_criterion *again = &rubric->criteria[criterion_index(rubric, "review-again")];
    assert_int_equal(again->applies_to_count, 1);
    assert_false(again->not_applicable_allowed);
    assert_int_equal(again->section, 1);
    assert_int_equal(rubric->sections[1].first_criterion, 2);
    assert_int_equal(rubric->sections[1].criterion_count, 2);
    assert_string_equal(rubric->sections[1].id, "section-2");
    unit_end(&compilation);
}

static void tags_taken_with_same_as(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER
               "themes:\n  planning: Planning\n"
               "section 1: One\n"
               "  criterion written\n"
               "    applies to: CP, where appropriate\n"
               "    themes: planning\n"
               "    O: O.\n    G: G.\n    R: R.\n    I: I.\n"
               "section 2: Two\n"
               "  applies to: CIN\n"
               "  criterion reused\n"
               "    same as: written\n"
               "  criterion plain\n"
               "    O: O2.\n    G: G2.\n    R: R2.\n    I: I2.\n");
    const ir_rubric *rubric = unit_check(&compilation);
    assert_non_null(rubric);
    /* Own, else taken with "same as", else the section's. */
    const ir_criterion *reused = &rubric->criteria[criterion_index(rubric, "reused")];
    assert_int_equal(reused->applies_to_count, 1);
    assert_string_equal(reused->applies_to[0], "CP");
    assert_true(reused->not_applicable_allowed);
    assert_int_equal(reused->theme_count, 1);
    const ir_criterion *plain = &rubric->criteria[criterion_index(rubric, "plain")];
    assert_string_equal(plain->applies_to[0], "CIN");
    assert_false(plain->not_applicable_allowed);
    assert_int_equal(plain->theme_count, 0);
    unit_end(&compilation);
}

static void reuse_cycle_is_an_error(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER
               "section 1: One\n"
               "  criterion a\n    same as: b\n"
               "  criterion b\n    same as: c\n"
               "  criterion c\n    same as: a\n");
    assert_null(unit_check(&compilation));
    const char *messages = unit_messages(&compilation);
    assert_true(unit_count(messages, "is reused in a circle") >= 1);
    /* Reported once per circle, not once per level or per member. */
    assert_int_equal(unit_count(messages, "is reused in a circle"), 1);
    unit_end(&compilation);
}

static void missing_level_is_an_error(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER
               "section 1: One\n  criterion thin\n    G: Good.\n    O: Outstanding.\n");
    assert_null(unit_check(&compilation));
    assert_non_null(strstr(unit_messages(&compilation),
                           "test.rubric:14:13: error: criterion 'thin' has no descriptor for level "
                           "R (Requires Improvement), I (Inadequate)"));
    unit_end(&compilation);
}

static void limits_resolved_to_indexes(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, REUSE_RUBRIC
               "grading:\n"
               "  section grade: worst\n"
               "  section 2 grade: best\n"
               "  overall grade: median of criteria\n"
               "  overall no better than: criterion plan-full, section 2\n"
               "  section planning no better than: criterion plan\n"
               "  not applicable: count as R\n"
               "  ties: higher\n"
               "  good or better: O\n");
    const ir_rubric *rubric = unit_check(&compilation);
    assert_non_null(rubric);
    const ir_grading *grading = &rubric->grading;
    assert_true(grading->written);
    assert_int_equal(grading->section_method, RUBRIC_METHOD_WORST);
    assert_int_equal(rubric->sections[0].method, RUBRIC_METHOD_WORST);
    assert_int_equal(rubric->sections[1].method, RUBRIC_METHOD_BEST);
    assert_int_equal(grading->overall_method, RUBRIC_METHOD_MEDIAN);
    assert_int_equal(grading->overall_basis, RUBRIC_BASIS_CRITERIA);
    assert_int_equal(grading->not_applicable, RUBRIC_NA_COUNT_AS);
    assert_int_equal(grading->not_applicable_level, 2);
    assert_int_equal(grading->ties, RUBRIC_TIES_HIGHER);
    assert_int_equal(grading->good_or_better, 0);
    assert_int_equal(grading->limit_count, 3);
    assert_int_equal(grading->limits[0].scope, RUBRIC_SCOPE_OVERALL);
    assert_int_equal(grading->limits[0].kind, RUBRIC_LIMIT_BY_CRITERION);
    assert_int_equal(grading->limits[0].index, criterion_index(rubric, "plan-full"));
    assert_int_equal(grading->limits[1].kind, RUBRIC_LIMIT_BY_SECTION);
    assert_int_equal(grading->limits[1].index, 1);
    assert_int_equal(grading->limits[2].scope, RUBRIC_SCOPE_SECTION);
    assert_int_equal(grading->limits[2].section, 0);
    assert_int_equal(grading->limits[2].index, criterion_index(rubric, "plan"));
    unit_end(&compilation);
}

static void grading_defaults(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, REUSE_RUBRIC);
    const ir_rubric *rubric = unit_check(&compilation);
    assert_non_null(rubric);
    const ir_grading *grading = &rubric->grading;
    assert_false(grading->written);
    assert_int_equal(grading->section_method, RUBRIC_METHOD_MEDIAN);
    assert_int_equal(grading->overall_method, RUBRIC_METHOD_MEDIAN);
    assert_int_equal(grading->overall_basis, RUBRIC_BASIS_SECTIONS);
    assert_int_equal(grading->not_applicable, RUBRIC_NA_LEAVE_OUT);
    assert_int_equal(grading->ties, RUBRIC_TIES_LOWER);
    assert_int_equal(grading->good_or_better, 1);
    assert_int_equal(grading->limit_count, 0);
    unit_end(&compilation);
}

static void unknown_limit_is_an_error(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, REUSE_RUBRIC "grading:\n  overall no better than: criterion nowhere\n");
    assert_null(unit_check(&compilation));
    assert_int_equal(compilation.report.error_count, 1);
    assert_non_null(strstr(unit_messages(&compilation), "nowhere"));
    unit_end(&compilation);
}

static void abbreviation_warnings(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER
               "  IRO: Independent Reviewing Officer\n"
               "section 1: CHILD LIVED EXPERIENCE\n"
               "  criterion plan\n"
               "    O: The CIN plan is discussed at MARAC.\n"
               "    G: The MARAC referral is made.\n"
               "    R: Some plans; the O grade needs more.\n"
               "    I: No plan, see CPC notes.\n");
    const ir_rubric *rubric = unit_check(&compilation);
    assert_non_null(rubric);
    const char *messages = unit_messages(&compilation);
    /* MARAC twice but warned once; CPC once; CIN is in the glossary; the
     * heading in capitals is not an abbreviation; a level code is not. */
    assert_int_equal(unit_count(messages, "'MARAC' looks like an abbreviation"), 1);
    assert_non_null(strstr(messages, "test.rubric:16:37: warning: 'MARAC' looks like an abbreviation"));
    assert_int_equal(unit_count(messages, "'CPC' looks like an abbreviation"), 1);
    assert_int_equal(unit_count(messages, "'CHILD'"), 0);
    /* Unused glossary entries: CP and IRO. */
    assert_int_equal(unit_count(messages, "glossary entry 'IRO' is not used"), 1);
    assert_int_equal(unit_count(messages, "glossary entry 'CP' is not used"), 1);
    assert_int_equal(unit_count(messages, "glossary entry 'CIN'"), 0);
    assert_int_equal(compilation.report.warning_count, 4);
    assert_int_equal(compilation.report.error_count, 0);
    unit_end(&compilation);
}

static void warnings_become_errors(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER "section 1: One\n  criterion plan\n"
                                         "    O: CIN and CP. A\n    G: B\n    R: C\n    I: D\n");
    compilation.report.warnings_are_errors = true;
    assert_non_null(unit_check(&compilation));
    assert_int_equal(compilation.report.error_count, 0);
    unit_end(&compilation);

    unit_begin(&compilation, UNIT_HEADER "section 1: One\n  criterion plan\n"
                                         "    O: A\n    G: A\n    R: C\n    I: D\n");
    compilation.report.warnings_are_errors = true;
    assert_null(unit_check(&compilation));
    assert_non_null(strstr(unit_messages(&compilation),
                           "error: criterion 'plan' has the same text for levels O and G [-Werror]"));
    unit_end(&compilation);
}

/* A supplied title: its note in the IR, bare title beside it; none elsewhere. */
static void title_supplied_note(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER
               "section 1: Planning for children in need\n"
               "  title supplied: The document leaves this table untitled;\n"
               "    the title says what it holds.\n"
               "\n"
               "    It is ours.\n"
               "  criterion plan\n"
               "    O: A\n    G: B\n    R: C\n    I: D\n"
               "section 2: Review\n"
               "  criterion review\n"
               "    O: E\n    G: F\n    R: G\n    I: H\n");
    const ir_rubric *rubric = unit_check(&compilation);
    assert_non_null(rubric);
    assert_int_equal(compilation.report.error_count, 0);
    const ir_section *planning = &rubric->sections[0];
    assert_string_equal(planning->title, "Planning for children in need");
    assert_non_null(planning->title_supplied);
    assert_string_equal(planning->title_supplied->text,
                        "The document leaves this table untitled; the title says what it holds.\n\nIt is ours.");
    assert_int_equal(planning->title_supplied->block_count, 2);
    assert_int_equal(planning->title_supplied->where.line, 14);
    assert_int_equal(planning->title_supplied->where.column, 19);
    assert_null(rubric->sections[1].title_supplied);
    unit_end(&compilation);

    /* Only a title can be supplied: no IR for an untitled section. */
    unit_begin(&compilation, UNIT_HEADER
               "section 1\n"
               "  title supplied: Ours.\n"
               "  criterion plan\n"
               "    O: A\n    G: B\n    R: C\n    I: D\n");
    assert_null(unit_check(&compilation));
    assert_int_equal(unit_count(unit_messages(&compilation), "error: section 1 has no title"), 1);
    unit_end(&compilation);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(effective_descriptors_by_origin),
        cmocka_unit_test(tags_inherited_from_section),
        cmocka_unit_test(tags_taken_with_same_as),
        cmocka_unit_test(reuse_cycle_is_an_error),
        cmocka_unit_test(missing_level_is_an_error),
        cmocka_unit_test(limits_resolved_to_indexes),
        cmocka_unit_test(grading_defaults),
        cmocka_unit_test(unknown_limit_is_an_error),
        cmocka_unit_test(abbreviation_warnings),
        cmocka_unit_test(warnings_become_errors),
        cmocka_unit_test(title_supplied_note),
    };
    return cmocka_run_group_tests_name("checker", tests, NULL, NULL);
}
