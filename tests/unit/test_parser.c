/*
 * test_parser.c — unit tests of the grammar (grammar/parser.y) and the
 * tree it builds (compiler/front/ast_build.c): the syntax tree of small inputs, with
 * section-wide descriptors, "same as", tags and grading rules, and error
 * recovery that reports several independent mistakes in one run while
 * keeping the rest of the tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "unit_support.h"

/* The number of entries in a list. */
static size_t entry_count(const ast_entry_list *list)
{
    size_t count = 0;
    for (const ast_entry *entry = list->first; entry != NULL; entry = entry->next)
        count++;
    return count;
}

/* The n-th (0-based) section of a tree. */
static const ast_section *section_at(const ast_rubric *tree, size_t n)
{
    const ast_section *section = tree->first_section;
    while (section != NULL && n-- > 0)
        section = section->next;
    assert_non_null(section);
    return section;
}

/* The n-th (0-based) criterion of a section. */
static const ast_criterion *criterion_at(const ast_section *section, size_t n)
{
    const ast_criterion *criterion = section->first_criterion;
    while (criterion != NULL && n-- > 0)
        criterion = criterion->next;
    assert_non_null(criterion);
    return criterion;
}

static void header_and_blocks(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER "themes:\n  planning: Planning\n  review: Review\n"
                                         "key factors: Quality.\n");
    const ast_rubric *tree = unit_parse(&compilation);
    assert_int_equal(compilation.report.error_count, 0);
    assert_non_null(tree->id);
    assert_string_equal(tree->id->items[0].text, "unit-test");
    assert_string_equal(tree->header[AST_HEADER_TITLE].value->built.text, "Unit test guidance");
    assert_string_equal(tree->header[AST_HEADER_KEY_FACTORS].value->built.text, "Quality.");
    assert_null(tree->header[AST_HEADER_EFFECTIVE].value);
    assert_int_equal(entry_count(&tree->scale), 4);
    assert_string_equal(tree->scale.first->label, "O");
    assert_string_equal(tree->scale.last->value->built.text, "Inadequate");
    assert_int_equal(entry_count(&tree->glossary), 2);
    assert_int_equal(entry_count(&tree->themes), 2);
    assert_string_equal(tree->themes.last->label, "review");
    assert_null(tree->first_section);
    unit_end(&compilation);
}

static void section_wide_descriptors(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER
               "section 7a: Planning\n"
               "  id: planning\n"
               "  scope: Cases with a plan.\n"
               "  out of sequence: The authority numbers it so.\n"
               "  title supplied: The document leaves it untitled.\n"
               "  every criterion:\n"
               "    O: All plans are outstanding.\n"
               "    I: Plans are inadequate.\n"
               "  criterion plan-smart: Plans are specific\n"
               "    G: The plan is specific.\n"
               "  criterion plan-review\n"
               "    G: The plan is reviewed.\n");
    const ast_rubric *tree = unit_parse(&compilation);
    assert_int_equal(compilation.report.error_count, 0);
    const ast_section *section = section_at(tree, 0);
    assert_null(section->next);
    assert_string_equal(section->number.text, "7a");
    assert_string_equal(section->title->built.text, "Planning");
    assert_string_equal(section->id->items[0].text, "planning");
    assert_string_equal(section->scope->built.text, "Cases with a plan.");
    assert_string_equal(section->out_of_sequence->built.text, "The authority numbers it so.");
    assert_string_equal(section->title_supplied->built.text, "The document leaves it untitled.");
    assert_true(section->has_every_criterion);
    assert_int_equal(entry_count(&section->every_criterion), 2);
    assert_string_equal(section->every_criterion.first->label, "O");
    assert_string_equal(section->every_criterion.last->label, "I");
    const ast_criterion *first = criterion_at(section, 0);
    assert_string_equal(first->id.text, "plan-smart");
    assert_string_equal(first->title->built.text, "Plans are specific");
    assert_int_equal(entry_count(&first->levels), 1);
    assert_string_equal(first->levels.first->label, "G");
    const ast_criterion *second = criterion_at(section, 1);
    assert_string_equal(second->id.text, "plan-review");
    assert_null(second->title);
    assert_null(second->next);
    unit_end(&compilation);
}

static void same_as_and_tags(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER
               "section 1: One\n"
               "  applies to: CIN, CP, where appropriate\n"
               "  themes: planning\n"
               "  criterion first: First\n"
               "    themes: planning, review\n"
               "    G: Good.\n"
               "section 2: Two\n"
               "  criterion again\n"
               "    same as: first\n"
               "    applies to: CP\n");
    const ast_rubric *tree = unit_parse(&compilation);
    assert_int_equal(compilation.report.error_count, 0);
    const ast_section *one = section_at(tree, 0);
    assert_int_equal(one->applies_to->count, 3);
    assert_string_equal(one->applies_to->items[1].text, "CP");
    assert_string_equal(one->applies_to->items[2].text, "where appropriate");
    assert_int_equal(one->themes->count, 1);
    const ast_criterion *first = criterion_at(one, 0);
    assert_null(first->applies_to);
    assert_int_equal(first->themes->count, 2);
    assert_string_equal(first->themes->items[1].text, "review");
    assert_null(first->same_as);
    const ast_criterion *again = criterion_at(section_at(tree, 1), 0);
    assert_int_equal(again->same_as->count, 1);
    assert_string_equal(again->same_as->items[0].text, "first");
    assert_int_equal(again->applies_to->count, 1);
    assert_null(again->levels.first);
    unit_end(&compilation);
}

static void grading_rules(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER
               "grading:\n"
               "  section grade: median\n"
               "  section 2 grade: worst\n"
               "  overall grade: most frequent of criteria\n"
               "  overall no better than: section 2, criterion s47-outcome\n"
               "  section planning no better than: criterion s47-risk\n"
               "  not applicable: count as G\n"
               "  ties: higher\n"
               "  good or better: G\n");
    const ast_rubric *tree = unit_parse(&compilation);
    assert_int_equal(compilation.report.error_count, 0);
    static const ast_rule_kind kinds[] = {
        AST_RULE_SECTION_GRADE,  AST_RULE_ONE_SECTION_GRADE, AST_RULE_OVERALL_GRADE,
        AST_RULE_OVERALL_LIMIT,  AST_RULE_SECTION_LIMIT,     AST_RULE_NOT_APPLICABLE,
        AST_RULE_TIES,           AST_RULE_GOOD_OR_BETTER,
    };
    size_t count = 0;
    for (const ast_rule *rule = tree->first_rule; rule != NULL; rule = rule->next) {
        assert_true(count < sizeof kinds / sizeof kinds[0]);
        assert_int_equal(rule->kind, kinds[count]);
        count++;
    }
    assert_int_equal(count, sizeof kinds / sizeof kinds[0]);
    const ast_rule *one_section = tree->first_rule->next;
    assert_string_equal(one_section->parameter.text, "2");
    assert_string_equal(one_section->value->items[0].text, "worst");
    const ast_rule *limit = one_section->next->next;
    assert_int_equal(limit->value->count, 2);
    assert_string_equal(limit->value->items[0].text, "section 2");
    assert_string_equal(limit->value->items[1].text, "criterion s47-outcome");
    const ast_rule *section_limit = limit->next;
    assert_string_equal(section_limit->parameter.text, "planning");
    int line, column;
    unit_position(&compilation, section_limit->parameter.where, &line, &column);
    assert_int_equal(line, 18);
    assert_int_equal(column, 11);
    assert_string_equal(section_limit->next->value->items[0].text, "count as G");
    unit_end(&compilation);
}

static void recovery_reports_every_error(void **state)
{
    (void)state;
    unit_compilation compilation;
    /* Three independent mistakes; what follows each is still parsed. */
    unit_begin(&compilation, UNIT_HEADER
               "section 1: One\n"
               "  criterion first: First\n"
               "    G: Good.\n"
               "  scope: Too late for the section.\n"
               "  criterion second: Second\n"
               "    G: Good.\n"
               "  not an entry at all\n"
               "    I: Inadequate.\n"
               "ties: lower\n"
               "section 2: Two\n"
               "  criterion third\n"
               "    G: Good.\n");
    const ast_rubric *tree = unit_parse(&compilation);
    const char *messages = unit_messages(&compilation);
    assert_int_equal(compilation.report.error_count, 3);
    assert_non_null(strstr(messages, "test.rubric:16:3: error: 'scope:' is not expected here"));
    assert_non_null(strstr(messages, "test.rubric:19:3: error: this line continues the 'G:' descriptor"));
    assert_non_null(strstr(messages, "test.rubric:21:1: error: 'ties:' is not expected here"));
    const ast_section *one = section_at(tree, 0);
    const ast_criterion *second = criterion_at(one, 1);
    assert_string_equal(second->id.text, "second");
    assert_int_equal(entry_count(&second->levels), 2);
    assert_string_equal(second->levels.last->label, "I");
    assert_string_equal(criterion_at(section_at(tree, 1), 0)->id.text, "third");
    unit_end(&compilation);
}

static void entries_given_twice(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER "title: Again\n"
                                         "section 1: One\n"
                                         "  scope: A.\n"
                                         "  scope: B.\n");
    const ast_rubric *tree = unit_parse(&compilation);
    const char *messages = unit_messages(&compilation);
    assert_int_equal(compilation.report.error_count, 2);
    assert_int_equal(unit_count(messages, "note: first given here"), 2);
    /* The first is kept. */
    assert_string_equal(tree->header[AST_HEADER_TITLE].value->built.text, "Unit test guidance");
    assert_string_equal(section_at(tree, 0)->scope->built.text, "A.");
    unit_end(&compilation);
}

static void criterion_before_any_section(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER "criterion lonely: Alone\n  G: Good.\n"
                                         "section 1: One\n  criterion kept\n    G: Good.\n");
    const ast_rubric *tree = unit_parse(&compilation);
    assert_int_equal(compilation.report.error_count, 1);
    assert_non_null(strstr(unit_messages(&compilation), "test.rubric:13:1: error:"));
    assert_string_equal(criterion_at(section_at(tree, 0), 0)->id.text, "kept");
    unit_end(&compilation);
}

static void broken_headings_keep_their_entries(void **state)
{
    (void)state;
    unit_compilation compilation;
    unit_begin(&compilation, UNIT_HEADER "section : No number\n"
                                         "  criterion first: First\n"
                                         "    G: Good.\n"
                                         "  criterion : No id\n"
                                         "    G: Good.\n"
                                         "  critrion second: Second\n"
                                         "    G: Good.\n"
                                         "grading:\n"
                                         "  section grade: worst\n"
                                         "  not a rule\n"
                                         "  ties: higher\n");
    const ast_rubric *tree = unit_parse(&compilation);
    const char *messages = unit_messages(&compilation);
    /* One error per mistake, none for the lines after each. */
    assert_int_equal(compilation.report.error_count, 4);
    assert_non_null(strstr(messages, "test.rubric:13:1: error: 'section' needs the section's number"));
    assert_non_null(strstr(messages, "test.rubric:16:3: error: 'criterion' needs the criterion's id"));
    assert_non_null(strstr(messages, "test.rubric:18:3: error: 'critrion' is not a keyword; did you mean 'criterion'?"));
    assert_non_null(strstr(messages, "test.rubric:22:3: error: this line is not an entry"));
    /* The section is a stand-in holding its criteria; the criterion with no
     * id is a stand-in too, the misspelt one is read as a criterion. */
    const ast_section *section = section_at(tree, 0);
    assert_true(section->broken);
    assert_null(section->next);
    assert_string_equal(criterion_at(section, 0)->id.text, "first");
    assert_true(criterion_at(section, 1)->broken);
    assert_string_equal(criterion_at(section, 2)->id.text, "second");
    assert_false(criterion_at(section, 2)->broken);
    /* The rules after the bad line are still grading rules. */
    assert_non_null(tree->first_rule);
    assert_non_null(tree->first_rule->next);
    assert_int_equal(tree->first_rule->next->kind, AST_RULE_TIES);
    assert_true(tree->incomplete);
    unit_end(&compilation);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(header_and_blocks),
        cmocka_unit_test(section_wide_descriptors),
        cmocka_unit_test(same_as_and_tags),
        cmocka_unit_test(grading_rules),
        cmocka_unit_test(recovery_reports_every_error),
        cmocka_unit_test(entries_given_twice),
        cmocka_unit_test(criterion_before_any_section),
        cmocka_unit_test(broken_headings_keep_their_entries),
    };
    return cmocka_run_group_tests_name("parser", tests, NULL, NULL);
}
