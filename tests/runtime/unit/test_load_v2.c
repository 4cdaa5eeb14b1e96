/*
 * test_load_v2.c — cmocka units for loading rubric JSON of format 2: the
 * three worked examples (tests/runtime/v2/rubrics, as rubricc writes
 * rubrics/examples) into their models, field by field, and each kind of
 * broken format 2 key refused with its message.
 *
 * A broken rubric is a worked example parsed with jansson, changed in one
 * place and written back for rubric_document_load_text. Run from the
 * repository's root, as the Makefile does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "rubric.h"

#define EXAMPLES "tests/runtime/v2/rubrics/"
#define SCALING EXAMPLES "example-scaling-audit.json"
#define COMPLIANCE EXAMPLES "example-compliance-and-quality.json"
#define COHORT EXAMPLES "example-cohort-key-judgements.json"

/* Load PATH, failing the test with the loader's reason when it cannot. */
static rubric_document *load_example(const char *path)
{
    rubric_error error;
    rubric_document *document = rubric_document_load_file(path, &error);
    if (document == NULL)
        fail_msg("%s", error.message);
    return document;
}

/* PATH changed by CHANGE, loaded; expects failure with MESSAGE. */
static void expect_load_error(const char *path, void (*change)(json_t *root), const char *message)
{
    json_error_t parse_error;
    json_t *root = json_load_file(path, 0, &parse_error);
    assert_non_null(root);
    change(root);
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    rubric_error error;
    rubric_document *document = rubric_document_load_text(text, strlen(text), "example.json", &error);
    free(text);
    assert_null(document);
    assert_string_equal(error.message, message);
}

/* The JSON object at sections[SECTION] (and criteria[CRITERION] when >= 0). */
static json_t *member(json_t *root, size_t section, int criterion)
{
    json_t *entry = json_array_get(json_object_get(root, "sections"), section);
    return criterion < 0 ? entry : json_array_get(json_object_get(entry, "criteria"), (size_t)criterion);
}

/* grading.limits[INDEX]. */
static json_t *limit_at(json_t *root, size_t index)
{
    return json_array_get(json_object_get(json_object_get(root, "grading"), "limits"), index);
}

/* ------------------------------------------------------------ the examples */

/* Scores 10 down to 0, anchors 10, 5, 0; bands; mean rounded half up; the
 * limit "overall no better than 5 when: criterion child-safety is 3 or worse". */
static void test_load_scaling_example(void **state)
{
    (void)state;
    rubric_document *document = load_example(SCALING);
    const rubric_model *model = rubric_document_model(document);
    assert_int_equal(model->format_version, 3);
    assert_true(model->scores);
    assert_int_equal(model->level_count, 11);
    assert_string_equal(model->levels[0].code, "10");
    assert_int_equal(model->levels[0].score, 10);
    assert_true(model->levels[0].anchor);
    assert_false(model->levels[1].anchor);
    assert_string_equal(model->levels[1].label, "9");
    assert_int_equal(model->levels[10].score, 0);
    assert_int_equal(model->band_count, 4);
    assert_string_equal(model->bands[1].label, "Good");
    assert_int_equal(model->bands[1].best_level, 3);
    assert_int_equal(model->bands[1].worst_level, 4);
    assert_int_equal(model->rules.rounding, RUBRIC_ROUND_NEAREST_HALF_UP);
    assert_int_equal(model->sections[0].method, RUBRIC_METHOD_MEAN);
    assert_int_equal(model->rules.overall_method, RUBRIC_METHOD_MEAN);
    assert_non_null(model->criteria[0].descriptors[0]);
    assert_null(model->criteria[0].descriptors[1]);
    const rubric_limit *limit = &model->rules.limits[0];
    assert_int_equal(limit->kind, RUBRIC_LIMIT_BY_CONDITION);
    assert_int_equal(limit->effect, RUBRIC_LIMIT_NO_BETTER_THAN);
    assert_int_equal(limit->level, 5);
    assert_int_equal(limit->subject, RUBRIC_SUBJECT_CRITERION);
    assert_int_equal(limit->subject_index, 0);
    assert_int_equal(limit->test, RUBRIC_TEST_OR_WORSE);
    assert_int_equal(limit->value, 7);
    rubric_document_free(document);
}

/* The checklist section answered Y (met) / N, out of the overall, its
 * criteria's descriptors all absent; a workforce section out of the
 * overall; the limit on any N in the checklist. */
static void test_load_compliance_example(void **state)
{
    (void)state;
    rubric_document *document = load_example(COMPLIANCE);
    const rubric_model *model = rubric_document_model(document);
    assert_false(model->scores);
    assert_int_equal(model->answer_set_count, 1);
    const rubric_answer_set *set = &model->answer_sets[0];
    assert_string_equal(set->id, "compliance");
    assert_int_equal(set->answer_count, 2);
    assert_string_equal(set->answers[0].code, "Y");
    assert_true(set->answers[0].met);
    assert_false(set->answers[1].met);
    assert_int_equal(model->sections[0].answer_set, -1);
    assert_true(model->sections[0].in_overall);
    assert_int_equal(model->sections[2].answer_set, 0);
    assert_false(model->sections[2].in_overall);
    assert_false(model->sections[3].in_overall);
    unsigned checklist_criterion = model->sections[2].first_criterion;
    assert_null(model->criteria[checklist_criterion].descriptors[0]);
    const rubric_limit *limit = &model->rules.limits[0];
    assert_int_equal(limit->subject, RUBRIC_SUBJECT_ANY_CRITERION_IN_SECTION);
    assert_int_equal(limit->subject_index, 2);
    assert_int_equal(limit->test, RUBRIC_TEST_IS);
    assert_int_equal(limit->value, 1);
    assert_int_equal(model->case_type_count, 0);
    rubric_document_free(document);
}

/* Case types, weights in hundredths (2, 1.5), an "is" limit. */
static void test_load_cohort_example(void **state)
{
    (void)state;
    rubric_document *document = load_example(COHORT);
    const rubric_model *model = rubric_document_model(document);
    assert_int_equal(model->case_type_count, 4);
    assert_string_equal(model->case_types[3], "CL");
    assert_int_equal(model->sections[0].weight_hundredths, 200);
    assert_int_equal(model->sections[1].weight_hundredths, 100);
    assert_int_equal(model->criteria[rubric_find_criterion(model, "child-safe")].weight_hundredths, 200);
    assert_int_equal(model->criteria[rubric_find_criterion(model, "cp-core-group")].weight_hundredths, 150);
    assert_int_equal(model->rules.limits[0].effect, RUBRIC_LIMIT_IS);
    assert_int_equal(model->rules.limits[0].level, 3);
    assert_int_equal(model->rules.limits[1].subject, RUBRIC_SUBJECT_ANY_CRITERION);
    assert_int_equal(model->rules.limits[1].subject_index, -1);
    assert_int_equal(model->rules.rounding, RUBRIC_ROUND_NEAREST_HALF_DOWN);
    rubric_document_free(document);
}

/* ------------------------------------------------------ broken format 2 keys */

static void weight_with_three_decimals(json_t *root)
{
    json_object_set_new(member(root, 0, 0), "weight", json_real(1.005));
}

static void weight_zero(json_t *root)
{
    json_object_set_new(member(root, 1, -1), "weight", json_integer(0));
}

static void weight_as_text(json_t *root)
{
    json_object_set_new(member(root, 0, -1), "weight", json_string("2"));
}

/* A weight is a positive number, at most 1000, two decimals at most. */
static void test_load_bad_weights(void **state)
{
    (void)state;
    const char *message = "field 'weight' must be a positive number up to 1000 with at most two decimals";
    char expected[256];
    snprintf(expected, sizeof expected, "example.json: sections[0].criteria[0]: %s", message);
    expect_load_error(COHORT, weight_with_three_decimals, expected);
    snprintf(expected, sizeof expected, "example.json: sections[1]: %s", message);
    expect_load_error(COHORT, weight_zero, expected);
    snprintf(expected, sizeof expected, "example.json: sections[0]: %s", message);
    expect_load_error(COHORT, weight_as_text, expected);
}

static void unknown_answer_set(json_t *root)
{
    json_object_set_new(member(root, 2, -1), "answers", json_string("yes-no"));
}

static void unknown_met_code(json_t *root)
{
    json_t *met = json_object_get(json_array_get(json_object_get(root, "answer_sets"), 0), "met");
    json_array_append_new(met, json_string("P"));
}

static void checklist_descriptor_without_text(json_t *root)
{
    json_object_set_new(json_object_get(member(root, 2, 0), "effective"), "Y", json_object());
}

/* A checklist section names a set the rubric has; met names its answers. */
static void test_load_bad_answer_sets(void **state)
{
    (void)state;
    expect_load_error(COMPLIANCE, unknown_answer_set,
                      "example.json: sections[2]: answers 'yes-no' is not an answer set of the rubric");
    expect_load_error(COMPLIANCE, unknown_met_code, "example.json: answer_sets[0]: met[1] is not an answer code of the set");
    expect_load_error(COMPLIANCE, checklist_descriptor_without_text,
                      "example.json: sections[2].criteria[0]: the descriptor for answer Y has no 'text'");
}

static void band_not_one_run(json_t *root)
{
    json_t *levels = json_object_get(json_array_get(json_object_get(root, "bands"), 0), "levels");
    json_array_set_new(levels, 1, json_string("7"));
}

static void band_of_unknown_level(json_t *root)
{
    json_t *levels = json_object_get(json_array_get(json_object_get(root, "bands"), 3), "levels");
    json_array_append_new(levels, json_string("-1"));
}

static void bands_overlapping(json_t *root)
{
    json_t *levels = json_object_get(json_array_get(json_object_get(root, "bands"), 1), "levels");
    json_array_insert_new(levels, 0, json_string("8"));
}

static void scale_kind_unknown(json_t *root)
{
    json_object_set_new(root, "scale_kind", json_string("stars"));
}

static void anchor_descriptor_missing(json_t *root)
{
    json_object_set_new(json_object_get(member(root, 0, 0), "effective"), "10", json_pack("{s:n}", "text"));
}

/* Bands are runs of the scale that do not overlap; scale kinds are known;
 * an anchor needs its descriptor (a score between the anchors does not). */
static void test_load_bad_scores_and_bands(void **state)
{
    (void)state;
    expect_load_error(SCALING, band_not_one_run,
                      "example.json: bands[0]: the band's levels must be one run of the scale, best first");
    expect_load_error(SCALING, band_of_unknown_level, "example.json: bands[3]: band level '-1' is not a level of the scale");
    expect_load_error(SCALING, bands_overlapping, "example.json: bands 'Outstanding' and 'Good' overlap");
    expect_load_error(SCALING, scale_kind_unknown, "example.json: scale_kind 'stars' is not one of the known values");
    expect_load_error(SCALING, anchor_descriptor_missing,
                      "example.json: sections[0].criteria[0]: the descriptor for level 10 has no 'text'");
}

static void rounding_unknown(json_t *root)
{
    json_object_set_new(json_object_get(root, "grading"), "rounding", json_string("up"));
}

static void limit_kind_unknown(json_t *root)
{
    json_object_set_new(limit_at(root, 0), "kind", json_string("at most"));
}

static void condition_value_not_a_band(json_t *root)
{
    json_t *when = json_object_get(limit_at(root, 2), "when");
    json_object_set_new(when, "value", json_string("Excellent"));
}

static void condition_subject_unknown(json_t *root)
{
    json_t *when = json_object_get(limit_at(root, 0), "when");
    json_object_set_new(when, "id", json_string("child-happy"));
}

static void condition_level_unknown(json_t *root)
{
    json_object_set_new(limit_at(root, 0), "level", json_string("RI"));
}

static void v1_limit_of_kind_is(json_t *root)
{
    json_t *limit = limit_at(root, 0);
    json_object_set_new(limit, "by", json_string("criterion"));
    json_object_set_new(limit, "id", json_string("child-seen"));
    json_object_set_new(limit, "when", json_null());
}

/* Rounding, a limit's kind, level, condition subject and value: each known. */
static void test_load_bad_limits(void **state)
{
    (void)state;
    expect_load_error(COHORT, rounding_unknown, "example.json: grading: rounding 'up' is not one of the known values");
    expect_load_error(COHORT, limit_kind_unknown, "example.json: grading.limits[0]: kind 'at most' is not one of the known values");
    expect_load_error(COHORT, condition_value_not_a_band,
                      "example.json: grading.limits[2].when: value 'Excellent' is not a band of the rubric");
    expect_load_error(COHORT, condition_subject_unknown,
                      "example.json: grading.limits[0].when: id 'child-happy' is not a criterion of the rubric");
    expect_load_error(COHORT, condition_level_unknown, "example.json: grading.limits[0]: level 'RI' is not a level of the scale");
    expect_load_error(COHORT, v1_limit_of_kind_is,
                      "example.json: grading.limits[0]: a limit by a criterion's grade must be of kind 'no better than'");
}

static void condition_answer_unknown(json_t *root)
{
    json_t *when = json_object_get(limit_at(root, 0), "when");
    json_object_set_new(when, "value", json_string("Maybe"));
}

static void checklist_answer_tested_or_worse(json_t *root)
{
    json_t *when = json_object_get(limit_at(root, 0), "when");
    json_object_set_new(when, "test", json_string("or worse"));
}

/* A checklist answer in a condition is one of the set's codes, tested with "is". */
static void test_load_bad_checklist_conditions(void **state)
{
    (void)state;
    expect_load_error(COMPLIANCE, condition_answer_unknown,
                      "example.json: grading.limits[0].when: value 'Maybe' is not an answer of the set 'compliance'");
    expect_load_error(COMPLIANCE, checklist_answer_tested_or_worse,
                      "example.json: limit 1 tests an answer with other than 'is'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_scaling_example),       cmocka_unit_test(test_load_compliance_example),
        cmocka_unit_test(test_load_cohort_example),        cmocka_unit_test(test_load_bad_weights),
        cmocka_unit_test(test_load_bad_answer_sets),       cmocka_unit_test(test_load_bad_scores_and_bands),
        cmocka_unit_test(test_load_bad_limits),            cmocka_unit_test(test_load_bad_checklist_conditions),
    };
    return cmocka_run_group_tests_name("loading format 2", tests, NULL, NULL);
}
