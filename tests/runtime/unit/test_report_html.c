/*
 * test_report_html.c — cmocka units for report_html.c: every string from
 * the rubric and the audits escaped, the escalation list (the worst level
 * overall or on a limiting criterion, not otherwise), months in order with
 * undated and malformed dates left out, the moderation section only after
 * moderation, the one-page summary first (the share, the cases to
 * escalate linked, no change without rounds, no team or social worker
 * columns when the audits give neither), and the same bytes from the same batch; for a language v2
 * rubric, checklist compliance, case types, bands, means and weights.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report_fixture.h"
#include "report_html.h"

/* The batch every test writes: four audits, two of them escalated. */
typedef struct batch {
    rubric_grader *grader;
    batch_summary *summary;
    html_report *report;
    moderation_batch *moderation;
} batch;

/* Grade one audit into the summary, the report and (when kept) the moderation. */
static void add(batch *kept, const char *case_reference, const char *date, const char *c1, const char *c2)
{
    rubric_audit audit;
    rubric_entry grades[2];
    const rubric_result *result = fixture_grade(kept->grader, &audit, grades, case_reference, NULL, date, c1, c2);
    assert_true(result->valid);
    summary_add_result(kept->summary, result);
    assert_true(html_report_add(kept->report, &audit, result, "in<put>.jsonl", 7));
    if (kept->moderation) {
        int is_moderator;
        char error[512];
        assert_int_equal(moderation_add(kept->moderation, &audit, result, "in.jsonl", 1, &is_moderator, error,
                                         sizeof error), 1);
    }
}

/* The page of a batch, as a string the caller frees. */
static char *page_of(int moderated)
{
    rubric_error problem;
    batch kept = {rubric_grader_new(&fixture_model, &problem), summary_new(&fixture_model),
                  html_report_new(&fixture_model, NULL), moderated ? moderation_new(&fixture_model) : NULL};
    assert_non_null(kept.grader);
    add(&kept, "<script>alert(1)</script>", "2026-03-09", "I", "G");   /* escalated: c1 limits overall */
    add(&kept, "O'Brien & \"Sons\"", "2026-01-31", "G", "I");           /* escalated: overall I */
    add(&kept, "CASE-3", "2026-13-01", "G", "R");                       /* a month that is none */
    add(&kept, "CASE-3", NULL, "O", "NA");
    if (kept.moderation)
        assert_true(moderation_finish(kept.moderation));
    char *text = NULL;
    size_t size = 0;
    FILE *memory = open_memstream(&text, &size);
    assert_true(html_report_write(kept.report, kept.summary, kept.moderation, memory));
    fclose(memory);
    moderation_free(kept.moderation);
    html_report_free(kept.report);
    summary_free(kept.summary);
    rubric_grader_free(kept.grader);
    return text;
}

static void every_string_is_escaped(void **state)
{
    (void)state;
    char *page = page_of(0);
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "in<put>"));
    assert_non_null(strstr(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(page, "O&#39;Brien &amp; &quot;Sons&quot;"));
    assert_non_null(strstr(page, "Child &lt;safe&gt; &amp; well"));
    assert_non_null(strstr(page, "<title>Audit results: Fixture &quot;rubric&quot;</title>"));
    assert_non_null(strstr(page, "Safety &amp; risk"));
    free(page);
}

static void escalations_months_and_sections(void **state)
{
    (void)state;
    char *page = page_of(0);
    assert_non_null(strstr(page, "2 cases to escalate"));
    assert_non_null(strstr(page, "Inadequate on limiting criterion c1 (Child &lt;safe&gt; &amp; well)"));
    assert_non_null(strstr(page, "overall Inadequate"));
    assert_null(strstr(page, "<th scope=\"row\">CASE-3</th>"));
    const char *january = strstr(page, "January 2026"), *march = strstr(page, "March 2026");
    assert_non_null(january);
    assert_non_null(march);
    assert_true(january < march);
    assert_non_null(strstr(page, "2 audits without a date are left out"));
    assert_null(strstr(page, "id=\"moderation\""));
    free(page);
    page = page_of(1);
    assert_non_null(strstr(page, "id=\"moderation\""));
    free(page);
}

static void summary_comes_first(void **state)
{
    (void)state;
    char *page = page_of(0);
    const char *summary = strstr(page, "<section id=\"summary\" class=\"summary\"");
    assert_non_null(summary);
    assert_true(summary < strstr(page, "<section id=\"overall\""));
    assert_true(strstr(page, "<li><a href=\"#summary\">") < strstr(page, "<li><a href=\"#overall\">"));
    assert_non_null(strstr(summary, "<a href=\"#escalations\">2 cases to escalate</a>"));
    assert_non_null(strstr(page, "section.summary{break-after:page}"));
    assert_null(strstr(page, "percentage points from"));   /* no rounds, no change */
    assert_null(strstr(page, "<th scope=\"col\">Team</th>"));
    assert_null(strstr(page, "<th scope=\"col\">Social worker</th>"));
    free(page);
}

/* The fixture's levels in a language v2 rubric: bands, a mean section of
 * weight 2, a Yes/No checklist section out of the overall, case types. */
static const rubric_band v2_bands[] = {{"Good or better", 0, 1}, {"Below good", 2, 3}};
static const rubric_answer v2_answers[] = {{"Y", "Yes", 1}, {"N", "No", 0}};
static const rubric_answer_set v2_sets[] = {{"checks", NULL, v2_answers, 2}};
static const char *const v2_case_types[] = {"CIN", "LAC"};
static const rubric_criterion v2_criteria[] = {
    {.id = "c1", .section = 0, .descriptors = fixture_descriptors, .weight_hundredths = 100},
    {.id = "c2", .title = "Visits in time", .section = 1, .descriptors = fixture_descriptors, .weight_hundredths = 100},
};
static const rubric_section v2_sections[] = {{.id = "s", .number = "1", .title = "Practice", .method = RUBRIC_METHOD_MEAN, .first_criterion = 0, .criterion_count = 1, .weight_hundredths = 200, .answer_set = -1, .in_overall = 1},
                                             {.id = "k", .number = "2", .title = "Checks", .method = RUBRIC_METHOD_WORST, .first_criterion = 1, .criterion_count = 1, .weight_hundredths = 100, .answer_set = 0, .in_overall = 0}};
static const rubric_model v2_model = {
    .format_version = RUBRIC_FORMAT_VERSION, .id = "v2", .title = "V2", .authority = "Tests",
    .levels = fixture_levels, .level_count = 4, .sections = v2_sections, .section_count = 2,
    .criteria = v2_criteria, .criterion_count = 2, .bands = v2_bands, .band_count = 2, .answer_sets = v2_sets,
    .answer_set_count = 1, .case_types = v2_case_types, .case_type_count = 2,
    .rules = {.overall_method = RUBRIC_METHOD_WORST, .overall_basis = RUBRIC_BASIS_SECTIONS, .good_or_better = 1},
};

static void bands_means_checklists_and_case_types(void **state)
{
    (void)state;
    rubric_error problem;
    batch kept = {rubric_grader_new(&v2_model, &problem), summary_new(&v2_model), html_report_new(&v2_model, NULL), NULL};
    assert_non_null(kept.grader);
    static const char *const audits[][3] = {{"G", "N", "LAC"}, {"I", "Y", "CIN"}, {"O", "N", "LAC"}};
    for (unsigned index = 0; index < 3; index++) {
        rubric_entry grades[2] = {{"c1", audits[index][0]}, {"c2", audits[index][1]}};
        rubric_audit audit = {.case_reference = "CASE", .grades = grades, .grade_count = 2,
                              .case_type = audits[index][2]};
        const rubric_result *result = rubric_grade(kept.grader, &audit);
        assert_true(result->valid);
        summary_add_result(kept.summary, result);
        assert_true(html_report_add(kept.report, &audit, result, "in.jsonl", index + 1));
    }
    char *page = NULL;
    size_t size = 0;
    FILE *memory = open_memstream(&page, &size);
    assert_true(html_report_write(kept.report, kept.summary, NULL, memory));
    fclose(memory);
    /* the checklist: 1 met of 3, its item the same */
    assert_non_null(strstr(page, "<th scope=\"row\">All items</th><td class=\"number\">1</td>"
                                 "<td class=\"number\">3</td><td class=\"number\">33.3%</td>"));
    /* case types: the declared ones in order, then none named */
    const char *cin = strstr(page, "<th scope=\"row\">CIN</th><td class=\"number\">1</td>");
    const char *lac = strstr(page, "<th scope=\"row\">LAC</th><td class=\"number\">2</td>");
    assert_true(cin != NULL && lac != NULL && cin < lac);
    assert_non_null(strstr(page, "<th scope=\"row\">None named</th><td class=\"number\">0</td>"));
    /* bands of the overall grade: O and G are good or better, I below */
    assert_non_null(strstr(page, "<th scope=\"row\">Overall grade</th><td class=\"number\">2 (66.7%)</td>"
                                 "<td class=\"number\">1 (33.3%)</td>"));
    /* section 1's mean position, the worst level counting 1: (3 + 1 + 4) / 3 */
    assert_non_null(strstr(page, "<th scope=\"row\">1 Practice</th><td class=\"number\">3</td>"
                                 "<td class=\"number\">2.67</td>"));
    assert_non_null(strstr(page, "Weights other than 1: section 1 \xC3\x97" "2."));
    free(page);
    html_report_free(kept.report);
    summary_free(kept.summary);
    rubric_grader_free(kept.grader);
}

static void the_same_batch_gives_the_same_bytes(void **state)
{
    (void)state;
    char *first = page_of(1), *second = page_of(1);
    assert_string_equal(first, second);
    free(first);
    free(second);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_string_is_escaped),
        cmocka_unit_test(escalations_months_and_sections),
        cmocka_unit_test(summary_comes_first),
        cmocka_unit_test(the_same_batch_gives_the_same_bytes),
        cmocka_unit_test(bands_means_checklists_and_case_types),
    };
    return cmocka_run_group_tests_name("report_html", tests, NULL, NULL);
}
