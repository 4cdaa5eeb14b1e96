/*
 * test_report_groups.c — cmocka units for the report's splits: the
 * --group-by, --suppress-below, --round and --rounds values as
 * report_layout.c takes and refuses them, and report_groups.c counting
 * per group (the fixed groups first in their order, the others sorted,
 * the audits that give none last; a grade counted in its row and level).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report_fixture.h"
#include "report_groups.h"
#include "report_layout.h"

static int take(report_layout *layout, int option, const char *word)
{
    const char *input;
    return report_layout_option(layout, option, word, &input);
}

static void group_by_fields(void **state)
{
    (void)state;
    report_layout layout;
    report_layout_start(&layout);
    assert_int_equal(layout.suppress_below, REPORT_SUPPRESS_DEFAULT);
    assert_false(report_layout_used(&layout));
    assert_true(take(&layout, REPORT_OPTION_GROUP_BY, "team,social_worker"));
    assert_true(take(&layout, REPORT_OPTION_GROUP_BY, "auditor"));
    assert_int_equal(layout.group_by_count, 3);
    assert_string_equal(layout.group_by[0], "team");
    assert_string_equal(layout.group_by[1], "social_worker");
    assert_string_equal(layout.group_by[2], "auditor");
    assert_true(report_layout_used(&layout));
    assert_false(take(&layout, REPORT_OPTION_GROUP_BY, "team"));
    assert_non_null(strstr(layout.message, "given twice"));
    assert_false(take(&layout, REPORT_OPTION_GROUP_BY, "case"));
    assert_non_null(strstr(layout.message, "not something to group by"));
    assert_false(take(&layout, REPORT_OPTION_GROUP_BY, "ward,"));
    assert_false(take(&layout, REPORT_OPTION_SUPPRESS_BELOW, "few"));
    assert_false(take(&layout, REPORT_OPTION_SUPPRESS_BELOW, "-1"));
    assert_true(take(&layout, REPORT_OPTION_SUPPRESS_BELOW, "0"));
    assert_int_equal(layout.suppress_below, 0);
    report_layout_free(&layout);
}

static void rounds(void **state)
{
    (void)state;
    report_layout layout;
    report_layout_start(&layout);
    const char *input;
    assert_true(report_layout_option(&layout, REPORT_OPTION_ROUND, "2026 Q1=q1.jsonl", &input));
    assert_string_equal(input, "q1.jsonl");
    assert_true(report_layout_option(&layout, REPORT_OPTION_ROUND, "2026 Q2=-", &input));
    assert_string_equal(layout.round_labels[1], "2026 Q2");
    assert_int_equal(report_layout_round_of_input(&layout, "q1.jsonl"), 0);
    assert_int_equal(report_layout_round_of_input(&layout, "<stdin>"), 1);
    assert_int_equal(report_layout_round_of_input(&layout, "q3.jsonl"), -1);
    assert_false(take(&layout, REPORT_OPTION_ROUND, "2026 Q1=q3.jsonl"));   /* a label again */
    assert_false(take(&layout, REPORT_OPTION_ROUND, "Q3=q1.jsonl"));        /* a file again */
    assert_false(take(&layout, REPORT_OPTION_ROUND, "=q3.jsonl"));
    assert_false(take(&layout, REPORT_OPTION_ROUND, "Q3="));
    assert_false(take(&layout, REPORT_OPTION_ROUND, "q3.jsonl"));
    assert_false(take(&layout, REPORT_OPTION_ROUNDS, "month"));             /* --round given */
    report_layout_free(&layout);
    report_layout_start(&layout);
    assert_true(take(&layout, REPORT_OPTION_ROUNDS, "quarter"));
    assert_int_equal(layout.rounds, REPORT_ROUNDS_QUARTER);
    assert_false(take(&layout, REPORT_OPTION_ROUNDS, "week"));
    assert_false(take(&layout, REPORT_OPTION_ROUND, "Q1=q1.jsonl"));        /* --rounds given */
    report_layout_free(&layout);
}

static void counting_and_order(void **state)
{
    (void)state;
    rubric_error problem;
    rubric_grader *grader = rubric_grader_new(&fixture_model, &problem);
    assert_non_null(grader);
    static const char *const choices[] = {"Zulu", "Alpha"};
    group_table table;
    assert_true(group_table_start(&table, &fixture_model, choices, 2));
    const char *values[] = {"Mike", NULL, "Zulu", "Bravo", "Mike", NULL, "Mike"};
    for (size_t index = 0; index < sizeof values / sizeof values[0]; index++) {
        rubric_audit audit;
        rubric_entry grades[2];
        const rubric_result *result = fixture_grade(grader, &audit, grades, "C", NULL, NULL, "G", "R");
        assert_true(result->valid);
        int group = group_table_find(&table, values[index]);
        assert_true(group >= 0);
        group_table_count(&table, (unsigned)group, result);
    }
    group_table_sort(&table);
    const char *order[] = {"Zulu", "Alpha", "Bravo", "Mike", NULL};
    unsigned long audits[] = {1, 0, 1, 3, 2};
    assert_int_equal(table.count, 5);
    for (unsigned index = 0; index < 5; index++) {
        if (order[index])
            assert_string_equal(table.groups[index].value, order[index]);
        else
            assert_null(table.groups[index].value);
        assert_int_equal(table.groups[index].audits, audits[index]);
    }
    /* Mike: three audits, each R overall (worst of G and R) and R in the section */
    assert_int_equal(group_counts(&table, &table.groups[3], 0)[2], 3);
    assert_int_equal(group_counts(&table, &table.groups[3], 1)[2], 3);
    assert_int_equal(group_counts(&table, &table.groups[3], 0)[1], 0);
    group_table_free(&table);
    rubric_grader_free(grader);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(group_by_fields),
        cmocka_unit_test(rounds),
        cmocka_unit_test(counting_and_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
