/*
 * test_load.c — cmocka units for loading a rubric: the compiler's JSON into
 * a model (a good rubric, and each kind of unusable one with its message),
 * and the integrity check that linked C tables get.
 *
 * Rubrics are small JSON texts: a good one, parsed with jansson, changed in
 * one place per test, and written back out for rubric_document_load_text.
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

/* A small, complete rubric in the format rubricc writes. */
#define DESCRIPTORS "\"effective\":{\"O\":{\"text\":\"o\"},\"G\":{\"text\":\"g\"},\"R\":{\"text\":\"r\"},\"I\":{\"text\":\"i\"}}"
#define CRITERION(id, allowed) \
    "{\"id\":\"" id "\",\"title\":null,\"applies_to\":[\"CIN\"],\"themes\":[\"voice\"]," \
    "\"not_applicable_allowed\":" allowed "," DESCRIPTORS "}"
static const char good_rubric[] =
    "{\"format_version\":1,\"id\":\"tiny\",\"title\":\"Tiny\",\"authority\":\"Nowhere\",\"version\":\"1\","
    "\"effective\":null,"
    "\"scale\":[{\"code\":\"O\",\"label\":\"Outstanding\"},{\"code\":\"G\",\"label\":\"Good\"},"
    "{\"code\":\"R\",\"label\":\"Requires improvement\"},{\"code\":\"I\",\"label\":\"Inadequate\"}],"
    "\"glossary\":[{\"abbreviation\":\"CIN\",\"meaning\":{\"text\":\"Child in need\"}}],"
    "\"themes\":[{\"id\":\"voice\",\"label\":\"Voice of the child\"}],"
    "\"sections\":[{\"id\":\"first\",\"number\":\"1\",\"title\":\"First\",\"method\":\"median\",\"criteria\":["
    CRITERION("a1", "false") "," CRITERION("a2", "true") "]},"
    "{\"id\":\"second\",\"number\":\"2\",\"title\":null,\"method\":\"most frequent\",\"criteria\":["
    CRITERION("b1", "false") "]}],"
    "\"grading\":{\"section_method\":\"median\",\"overall_method\":\"worst\",\"overall_of\":\"criteria\","
    "\"ties\":\"higher\",\"not_applicable\":{\"rule\":\"count as\",\"level\":\"R\"},\"good_or_better\":\"G\","
    "\"limits\":[{\"capped\":\"section\",\"capped_section\":\"second\",\"by\":\"criterion\",\"id\":\"a1\"},"
    "{\"capped\":\"overall\",\"capped_section\":null,\"by\":\"section\",\"id\":\"first\"}]}}";

/* Load TEXT; returns the document (or NULL with the message in *error). */
static rubric_document *load(const char *text, rubric_error *error)
{
    return rubric_document_load_text(text, strlen(text), "tiny.json", error);
}

/* The good rubric with one change made by CHANGE, loaded; expects failure with MESSAGE. */
static void expect_load_error(void (*change)(json_t *root), const char *message)
{
    json_error_t parse_error;
    json_t *root = json_loads(good_rubric, 0, &parse_error);
    assert_non_null(root);
    change(root);
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    rubric_error error;
    rubric_document *document = load(text, &error);
    free(text);
    assert_null(document);
    assert_string_equal(error.message, message);
}

/* The good rubric loads, every field in place, every id resolved to its index. */
static void test_load_good_rubric(void **state)
{
    (void)state;
    rubric_error error;
    rubric_document *document = load(good_rubric, &error);
    if (document == NULL)
        fail_msg("%s", error.message);
    const rubric_model *model = rubric_document_model(document);
    assert_int_equal(model->format_version, 3);
    assert_int_equal(model->sections[0].weight_hundredths, 100);
    assert_int_equal(model->sections[0].answer_set, -1);
    assert_true(model->sections[0].in_overall);
    assert_int_equal(model->criteria[0].weight_hundredths, 100);
    assert_int_equal(model->rules.rounding, RUBRIC_ROUND_NEAREST_HALF_DOWN);
    assert_int_equal(model->band_count, 0);
    assert_int_equal(model->case_type_count, 0);
    assert_int_equal(model->rules.limits[0].effect, RUBRIC_LIMIT_NO_BETTER_THAN);
    assert_int_equal(model->rules.limits[0].level, -1);
    assert_string_equal(model->id, "tiny");
    assert_null(model->effective);
    assert_int_equal(model->level_count, 4);
    assert_string_equal(model->levels[2].label, "Requires improvement");
    assert_int_equal(model->section_count, 2);
    assert_int_equal(model->criterion_count, 3);
    assert_int_equal(model->sections[1].first_criterion, 2);
    assert_int_equal(model->sections[1].method, RUBRIC_METHOD_MOST_FREQUENT);
    assert_null(model->sections[1].title);
    assert_int_equal(model->criteria[2].section, 1);
    assert_true(model->criteria[1].not_applicable_allowed);
    assert_string_equal(model->criteria[0].descriptors[3], "i");
    assert_string_equal(model->criteria[0].applies_to[0], "CIN");
    assert_string_equal(model->glossary[0].meaning, "Child in need");
    assert_int_equal(model->rules.overall_method, RUBRIC_METHOD_WORST);
    assert_int_equal(model->rules.overall_basis, RUBRIC_BASIS_CRITERIA);
    assert_int_equal(model->rules.ties, RUBRIC_TIES_HIGHER);
    assert_int_equal(model->rules.not_applicable, RUBRIC_NA_COUNT_AS);
    assert_int_equal(model->rules.not_applicable_level, 2);
    assert_int_equal(model->rules.good_or_better, 1);
    assert_int_equal(model->rules.limit_count, 2);
    assert_int_equal(model->rules.limits[0].scope, RUBRIC_SCOPE_SECTION);
    assert_int_equal(model->rules.limits[0].section, 1);
    assert_int_equal(model->rules.limits[0].kind, RUBRIC_LIMIT_BY_CRITERION);
    assert_int_equal(model->rules.limits[0].index, 0);
    assert_int_equal(model->rules.limits[1].kind, RUBRIC_LIMIT_BY_SECTION);
    rubric_document_free(document);
}

static void set_format_version_4(json_t *root)
{
    json_object_set_new(root, "format_version", json_integer(4));
}

/* A newer format is refused before anything else is read. */
static void test_load_wrong_format_version(void **state)
{
    (void)state;
    expect_load_error(set_format_version_4, "tiny.json: rubric JSON format 4 is not known to this grader (it reads 1 to 3);"
                                            " compile the rubric again with this version's rubricc");
}

/* Text that is not JSON: jansson's reason with line and column. */
static void test_load_invalid_json(void **state)
{
    (void)state;
    rubric_error error;
    assert_null(load("{\"format_version\": 1,\n  \"id\": }", &error));
    assert_string_equal(error.message, "tiny.json:2:9: invalid JSON: unexpected token near '}'");
}

static void remove_criterion_id(json_t *root)
{
    json_t *criteria = json_object_get(json_array_get(json_object_get(root, "sections"), 0), "criteria");
    json_object_del(json_array_get(criteria, 1), "id");
}

/* A missing field is named with its place in the document. */
static void test_load_missing_field(void **state)
{
    (void)state;
    expect_load_error(remove_criterion_id, "tiny.json: sections[0].criteria[1]: missing field 'id'");
}

static void limit_unknown_criterion(json_t *root)
{
    json_t *limit = json_array_get(json_object_get(json_object_get(root, "grading"), "limits"), 1);
    json_object_set_new(limit, "by", json_string("criterion"));
    json_object_set_new(limit, "id", json_string("nowhere"));
}

/* A limit naming a criterion the rubric does not have. */
static void test_load_bad_limit_reference(void **state)
{
    (void)state;
    expect_load_error(limit_unknown_criterion,
                      "tiny.json: grading.limits[1]: id 'nowhere' is not a criterion of the rubric");
}

static void remove_descriptor(json_t *root)
{
    json_t *criteria = json_object_get(json_array_get(json_object_get(root, "sections"), 1), "criteria");
    json_object_del(json_object_get(json_array_get(criteria, 0), "effective"), "R");
}

/* Every criterion needs one descriptor per level. */
static void test_load_missing_descriptor(void **state)
{
    (void)state;
    expect_load_error(remove_descriptor, "tiny.json: sections[1].criteria[0]: no descriptor for level R");
}

static void good_or_better_unknown(json_t *root)
{
    json_object_set_new(json_object_get(root, "grading"), "good_or_better", json_string("X"));
}

/* A level code the scale does not have. */
static void test_load_unknown_level(void **state)
{
    (void)state;
    expect_load_error(good_or_better_unknown, "tiny.json: grading: good_or_better 'X' is not a level of the scale");
}

static void method_unknown(json_t *root)
{
    json_object_set_new(json_array_get(json_object_get(root, "sections"), 0), "method", json_string("average"));
}

/* A method the grader does not know. */
static void test_load_unknown_method(void **state)
{
    (void)state;
    expect_load_error(method_unknown, "tiny.json: sections[0]: method 'average' is not one of the known values");
}

static void duplicate_criterion(json_t *root)
{
    json_t *criteria = json_object_get(json_array_get(json_object_get(root, "sections"), 1), "criteria");
    json_object_set_new(json_array_get(criteria, 0), "id", json_string("a1"));
}

/* Ids are unique (the model check, after loading). */
static void test_load_duplicate_criterion(void **state)
{
    (void)state;
    expect_load_error(duplicate_criterion, "tiny.json: criterion id 'a1' appears twice");
}

static void title_number(json_t *root)
{
    json_object_set_new(root, "title", json_integer(7));
}

/* A field of the wrong type. */
static void test_load_wrong_type(void **state)
{
    (void)state;
    expect_load_error(title_number, "tiny.json: field 'title' must be a string");
}

/* A missing file: the reason from the system. */
static void test_load_missing_file(void **state)
{
    (void)state;
    rubric_error error;
    assert_null(rubric_document_load_file("no/such/rubric.json", &error));
    assert_non_null(strstr(error.message, "no/such/rubric.json"));
}

/* The good rubric with its first section holding COUNT criteria "c000000"
 * on, each a copy of a1; RENAME, when given, changes some ids. As text. */
static char *rubric_with_many_criteria(unsigned count, void (*rename)(json_t *criteria))
{
    json_error_t parse_error;
    json_t *root = json_loads(good_rubric, 0, &parse_error);
    assert_non_null(root);
    json_t *criteria = json_object_get(json_array_get(json_object_get(root, "sections"), 0), "criteria");
    json_t *model_criterion = json_deep_copy(json_array_get(criteria, 0));
    json_array_clear(criteria);
    for (unsigned index = 0; index < count; index++) {
        char id[16];
        snprintf(id, sizeof id, "c%06u", index);
        json_t *criterion = json_deep_copy(model_criterion);
        json_object_set_new(criterion, "id", json_string(id));
        json_array_append_new(criteria, criterion);
    }
    json_decref(model_criterion);
    /* the limit by criterion a1 now names the first criterion */
    json_t *limit = json_array_get(json_object_get(json_object_get(root, "grading"), "limits"), 0);
    json_object_set_new(limit, "id", json_string("c000000"));
    if (rename)
        rename(criteria);
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    assert_non_null(text);
    return text;
}

/* A rubric of 100,000 criteria loads (ids are checked by sorting, not pair
 * by pair, so this takes milliseconds, not minutes). */
static void test_load_many_criteria(void **state)
{
    (void)state;
    char *text = rubric_with_many_criteria(100000, NULL);
    rubric_error error;
    rubric_document *document = load(text, &error);
    free(text);
    if (document == NULL)
        fail_msg("%s", error.message);
    const rubric_model *model = rubric_document_model(document);
    assert_int_equal(model->criterion_count, 100001);
    assert_string_equal(model->criteria[99999].id, "c099999");
    assert_int_equal(model->sections[1].first_criterion, 100000);
    rubric_error grader_error;
    rubric_grader *grader = rubric_grader_new(model, &grader_error);
    assert_non_null(grader);
    rubric_grader_free(grader);
    rubric_document_free(document);
}

/* Two repeated ids: c009000 again at 6,000 (before its first use) and
 * c001000 again at 7,000. */
static void repeat_two_ids(json_t *criteria)
{
    json_object_set_new(json_array_get(criteria, 6000), "id", json_string("c009000"));
    json_object_set_new(json_array_get(criteria, 7000), "id", json_string("c001000"));
}

/* Among many criteria, the repeat named is the first criterion, in order,
 * whose id an earlier criterion has: c001000 at 7,000, not c009000 at
 * 9,000, though c009000 is used first at 6,000. */
static void test_load_many_criteria_repeated_id(void **state)
{
    (void)state;
    char *text = rubric_with_many_criteria(10000, repeat_two_ids);
    rubric_error error;
    rubric_document *document = load(text, &error);
    free(text);
    assert_null(document);
    assert_string_equal(error.message, "tiny.json: criterion id 'c001000' appears twice");
}

/* A UTF-8 byte order mark in front of the rubric is passed over, as on audits. */
static void test_load_byte_order_mark(void **state)
{
    (void)state;
    size_t length = strlen(good_rubric);
    char *text = malloc(length + 4);
    assert_non_null(text);
    memcpy(text, "\xEF\xBB\xBF", 3);
    memcpy(text + 3, good_rubric, length + 1);
    rubric_error error;
    rubric_document *document = rubric_document_load_text(text, length + 3, "bom.json", &error);
    if (document == NULL)
        fail_msg("%s", error.message);
    assert_string_equal(rubric_document_model(document)->id, "tiny");
    rubric_document_free(document);

    /* from a file too, and a BOM before broken JSON does not move the place named */
    char path[] = "/tmp/test_load_bom_XXXXXX";
    int descriptor = mkstemp(path);
    assert_true(descriptor >= 0);
    FILE *file = fdopen(descriptor, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(text, 1, length + 3, file), length + 3);
    assert_int_equal(fclose(file), 0);
    document = rubric_document_load_file(path, &error);
    if (document == NULL)
        fail_msg("%s", error.message);
    rubric_document_free(document);
    const char broken[] = "\xEF\xBB\xBF{\"format_version\": 1,,}";
    assert_null(rubric_document_load_text(broken, sizeof broken - 1, "broken.json", &error));
    assert_string_equal(error.message, "broken.json:1:22: invalid JSON: string or '}' expected near ','");
    remove(path);
    free(text);
}

/* A key given twice in one object is refused with jansson's message and
 * place, whatever the values are and however deep the object lies; the
 * same key in two different objects is fine. */
static void test_load_repeated_key(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *message;
    } cases[] = {
        {"{\"format_version\": 1,\n \"format_version\": 1}",
         "tiny.json:2:17: invalid JSON: duplicate object key near '\"format_version\"'"},
        {"{\"a\": {\"b\": [1, {\"c\": null, \"c\": true}]}}",
         "tiny.json:1:31: invalid JSON: duplicate object key near '\"c\"'"},
        {"{\"a\": {\"x\": 1}, \"a\": {\"x\": 1}}",
         "tiny.json:1:19: invalid JSON: duplicate object key near '\"a\"'"},
        {"{\"a\": [1], \"b\": 2, \"a\": []}",
         "tiny.json:1:22: invalid JSON: duplicate object key near '\"a\"'"},
    };
    for (size_t index = 0; index < sizeof cases / sizeof cases[0]; index++) {
        rubric_error error;
        assert_null(load(cases[index].text, &error));
        assert_string_equal(error.message, cases[index].message);
    }
    rubric_error error;
    assert_null(load("{\"format_version\": 1, \"a\": {\"id\": 1}, \"b\": {\"id\": 1}}", &error));
    assert_null(strstr(error.message, "invalid JSON"));
}

/* The good rubric with MEMBER (text such as "\"source\":{}") put in
 * front of the first criterion's other members; a new string. */
static char *with_criterion_member(const char *member)
{
    const char *place = strstr(good_rubric, "\"not_applicable_allowed\"");
    assert_non_null(place);
    size_t before = (size_t)(place - good_rubric);
    char *text = malloc(strlen(good_rubric) + strlen(member) + 2);
    assert_non_null(text);
    memcpy(text, good_rubric, before);
    sprintf(text + before, "%s,%s", member, place);
    return text;
}

/* Members grading never reads (a criterion's descriptors and source, a
 * section's section-wide texts) are passed over when the rubric loads, yet
 * judged as jansson judges them: a repeated key or a number out of range
 * inside them is jansson's error at jansson's place, and what yajl's way
 * cannot keep (an escaped key, a great many keys) still loads. */
static void test_load_members_never_read(void **state)
{
    (void)state;
    static const char *const loading[] = {
        "\"descriptors\":{\"G\":{\"text\":\"g\",\"blocks\":[{\"paragraph\":\"p\"},{\"paragraph\":\"q\"}],"
        "\"source\":{\"file\":\"x.rubric\",\"line\":3}}},\"source\":{\"file\":\"x.rubric\",\"line\":1}",
        "\"descriptors\":{\"G\":{\"te\\u0078t\":1,\"tex\":2}}",
        "\"descriptors\":{\"a\\\"b\":{\"a\\\"c\":[]}}",
        "\"descriptors\":[[[[{}]]], null, true, 1.5, -2]",
    };
    for (size_t index = 0; index < sizeof loading / sizeof loading[0]; index++) {
        char *text = with_criterion_member(loading[index]);
        rubric_error error;
        rubric_document *document = load(text, &error);
        if (document == NULL)
            fail_msg("%s: %s", loading[index], error.message);
        assert_string_equal(rubric_document_model(document)->criteria[0].id, "a1");
        rubric_document_free(document);
        free(text);
    }
    static const char *const refused[] = {
        "\"descriptors\":{\"G\":{\"text\":\"g\",\"text\":\"h\"}}",
        "\"descriptors\":{\"G\":[{\"paragraph\":1}, {\"paragraph\":2, \"paragraph\":3}]}",
        "\"descriptors\":{},\"descriptors\":{}",
        "\"descriptors\":{\"G\":{\"te\\u0078t\":1,\"t\\u0065xt\":2}}",
        "\"source\":1,\"source\":{}",
        "\"same_as\":[{\"x\":1,\"x\":2}]",
        "\"source\":{\"line\":99999999999999999999999}",
        "\"source\":{\"line\":1e999}",
        "\"source\":{\"line\":01}",
        "\"source\":{\"file\":\"x\" \"y\"}",
    };
    for (size_t index = 0; index < sizeof refused / sizeof refused[0]; index++) {
        char *text = with_criterion_member(refused[index]);
        json_error_t expected;
        assert_null(json_loads(text, JSON_REJECT_DUPLICATES, &expected));
        char message[sizeof expected.text + 64];
        snprintf(message, sizeof message, "tiny.json:%d:%d: invalid JSON: %s", expected.line, expected.column,
                 expected.text);
        rubric_error error;
        assert_null(load(text, &error));
        assert_string_equal(error.message, message);
        free(text);
    }
    /* more keys in one passed-over object than yajl's way keeps */
    size_t length = 0;
    char *member = malloc(20 + 400 * 16);
    assert_non_null(member);
    length += (size_t)sprintf(member, "\"source\":{");
    for (int key = 0; key < 400; key++)
        length += (size_t)sprintf(member + length, "%s\"k%d\":%d", key ? "," : "", key, key);
    sprintf(member + length, "}");
    char *text = with_criterion_member(member);
    rubric_error error;
    rubric_document *document = load(text, &error);
    if (document == NULL)
        fail_msg("%s", error.message);
    rubric_document_free(document);
    free(text);
    free(member);
}

/* A file that is not there: "unable to open", with the system's reason. */
static void test_load_missing_file_reason(void **state)
{
    (void)state;
    rubric_error error;
    assert_null(rubric_document_load_file("no/such/rubric.json", &error));
    assert_string_equal(error.message,
                        "no/such/rubric.json: unable to open no/such/rubric.json: No such file or directory");
}

/* ------------------------------------------------ linked C tables */

static const char *const table_descriptors[] = {"o", "g", "r", "i"};
static const rubric_level table_levels[] = {{.code = "O", .label = "Outstanding", .anchor = 1},
                                            {.code = "G", .label = "Good", .anchor = 1},
                                            {.code = "R", .label = "RI", .anchor = 1},
                                            {.code = "I", .label = "Inadequate", .anchor = 1}};
static const rubric_section table_sections[] = {{.id = "s", .number = "1", .method = RUBRIC_METHOD_MEDIAN,
                                                 .first_criterion = 0, .criterion_count = 2,
                                                 .weight_hundredths = 100, .answer_set = -1,
                                                 .in_overall = 1}};

/* A small valid table model, copied so a test may break one thing. */
static rubric_model table_model(rubric_criterion *criteria, rubric_limit *limits, unsigned limit_count)
{
    criteria[0] = (rubric_criterion){.id = "c1", .section = 0, .descriptors = table_descriptors,
                                     .weight_hundredths = 100};
    criteria[1] = (rubric_criterion){.id = "c2", .section = 0, .descriptors = table_descriptors,
                                     .weight_hundredths = 100};
    return (rubric_model){.format_version = RUBRIC_FORMAT_VERSION, .id = "table", .title = "Table",
                          .authority = "A", .levels = table_levels, .level_count = 4,
                          .sections = table_sections, .section_count = 1, .criteria = criteria,
                          .criterion_count = 2,
                          .rules = {.overall_method = RUBRIC_METHOD_MEDIAN, .good_or_better = 1,
                                    .limits = limits, .limit_count = limit_count}};
}

/* Linked tables pass the same check as JSON, and a grader takes them. */
static void test_tables_good(void **state)
{
    (void)state;
    rubric_criterion criteria[2];
    rubric_model model = table_model(criteria, NULL, 0);
    rubric_error error;
    assert_true(rubric_model_check(&model, &error));
    rubric_grader *grader = rubric_grader_new(&model, &error);
    assert_non_null(grader);
    rubric_grader_free(grader);
}

/* A limit index out of range in linked tables. */
static void test_tables_bad_index(void **state)
{
    (void)state;
    rubric_criterion criteria[2];
    rubric_limit limits[] = {{.scope = RUBRIC_SCOPE_OVERALL, .kind = RUBRIC_LIMIT_BY_CRITERION, .index = 9,
                              .level = -1, .subject_index = -1}};
    rubric_model model = table_model(criteria, limits, 1);
    rubric_error error;
    assert_null(rubric_grader_new(&model, &error));
    assert_string_equal(error.message, "limit 1 is by criterion index 9, out of range (2 criteria)");
}

/* A criterion whose section index does not match the section holding it. */
static void test_tables_bad_section_index(void **state)
{
    (void)state;
    rubric_criterion criteria[2];
    rubric_model model = table_model(criteria, NULL, 0);
    criteria[1].section = 3;
    rubric_error error;
    assert_false(rubric_model_check(&model, &error));
    assert_string_equal(error.message, "criterion 'c2' names section index 3 but is held by section 's'");
}

/* A descriptor missing in linked tables. */
static void test_tables_missing_descriptor(void **state)
{
    (void)state;
    static const char *const three[] = {"o", "g", "r", NULL};
    rubric_criterion criteria[2];
    rubric_model model = table_model(criteria, NULL, 0);
    criteria[0].descriptors = three;
    rubric_error error;
    assert_false(rubric_model_check(&model, &error));
    assert_string_equal(error.message, "criterion 'c1' has no descriptor for level I");
}

/* The check of what format 2 adds, one broken thing at a time: each is
 * refused with its reason. */
static void expect_table_refused(const rubric_model *model, const char *message)
{
    rubric_error error;
    assert_false(rubric_model_check(model, &error));
    assert_string_equal(error.message, message);
}

static void test_tables_format_2_indexes(void **state)
{
    (void)state;
    rubric_criterion criteria[2];
    rubric_section sections[1];
    rubric_model model = table_model(criteria, NULL, 0);
    model.format_version = 2;
    memcpy(sections, table_sections, sizeof sections);
    model.sections = sections;
    criteria[1].weight_hundredths = 0;
    expect_table_refused(&model, "criterion 'c2' has weight 0 hundredths (1 to 100000)");
    criteria[1].weight_hundredths = 100;
    sections[0].weight_hundredths = 100001;
    expect_table_refused(&model, "section 's' has weight 100001 hundredths (1 to 100000)");
    sections[0].weight_hundredths = 100;
    sections[0].answer_set = 0;
    expect_table_refused(&model, "section 's' names answer set index 0, out of range (0 answer sets)");
    sections[0].answer_set = -1;

    static const rubric_band overlapping[] = {{"Top", 0, 1}, {"Low", 1, 3}};
    model.bands = overlapping;
    model.band_count = 2;
    expect_table_refused(&model, "bands 'Top' and 'Low' overlap");
    static const rubric_band short_of_levels[] = {{"Top", 0, 1}, {"Low", 2, 2}};
    model.bands = short_of_levels;
    expect_table_refused(&model, "the bands cover 3 of the 4 levels");
    static const rubric_band beyond[] = {{"Top", 0, 1}, {"Low", 2, 4}};
    model.bands = beyond;
    expect_table_refused(&model, "band 'Low' covers levels 2..4, out of order or out of range (4 levels)");
    model.bands = NULL;
    model.band_count = 0;

    static const rubric_answer twice[] = {{"Y", "Yes", 1}, {"Y", "Yes again", 0}};
    static const rubric_answer_set sets[] = {{"yes-no", NULL, twice, 2}};
    model.answer_sets = sets;
    model.answer_set_count = 1;
    expect_table_refused(&model, "answer set 'yes-no': code 'Y' appears twice");
    model.answer_set_count = 0;

    rubric_limit limits[] = {{RUBRIC_SCOPE_OVERALL, 0, RUBRIC_LIMIT_BY_CONDITION, 0, RUBRIC_LIMIT_IS, 4,
                              RUBRIC_SUBJECT_CRITERION, 0, RUBRIC_TEST_IS, 3, RUBRIC_COUNT_NONE, 0}};
    model.rules.limits = limits;
    model.rules.limit_count = 1;
    expect_table_refused(&model, "limit 1 states level index 4, out of range (4 levels)");
    limits[0].level = 3;
    limits[0].subject_index = 2;
    expect_table_refused(&model, "limit 1 has subject index 2, out of range");
    limits[0].subject = RUBRIC_SUBJECT_ANY_CRITERION;
    expect_table_refused(&model, "limit 1 has subject index 2, out of range");
    limits[0].subject_index = -1;
    limits[0].test = RUBRIC_TEST_IN_BAND;
    expect_table_refused(&model, "limit 1 tests value index 3, out of range (0)");
    limits[0].test = RUBRIC_TEST_OR_WORSE;
    assert_true(rubric_model_check(&model, NULL));
    model.rules.rounding = (rubric_rounding)7;
    expect_table_refused(&model, "unknown rounding rule (7)");
}

/* A score scale: a level between the anchors needs no descriptor; an
 * anchor does; codes are the scores, one apart. */
static void test_tables_score_scale(void **state)
{
    (void)state;
    static const rubric_level scores[] = {{"3", "Best", 3, 1}, {"2", "2", 2, 0}, {"1", "1", 1, 0}, {"0", "Worst", 0, 1}};
    static const char *const anchors_only[] = {"best", NULL, NULL, "worst"};
    static const char *const no_worst[] = {"best", NULL, NULL, NULL};
    rubric_criterion criteria[2];
    rubric_level levels[4];
    rubric_model model = table_model(criteria, NULL, 0);
    memcpy(levels, scores, sizeof levels);
    model.format_version = 2;
    model.levels = levels;
    model.scores = 1;
    criteria[0].descriptors = criteria[1].descriptors = anchors_only;
    assert_true(rubric_model_check(&model, NULL));
    criteria[1].descriptors = no_worst;
    expect_table_refused(&model, "criterion 'c2' has no descriptor for level 0");
    criteria[1].descriptors = anchors_only;
    levels[2].score = 5;
    expect_table_refused(&model, "score level '1' does not match its score 5 (0 to 100)");
    levels[2] = (rubric_level){"5", "5", 5, 0};
    expect_table_refused(&model, "score level '5' does not follow '2' by one");
}

/* Linked tables of another format version. */
static void test_tables_wrong_version(void **state)
{
    (void)state;
    rubric_criterion criteria[2];
    rubric_model model = table_model(criteria, NULL, 0);
    model.format_version = 0;
    rubric_error error;
    assert_false(rubric_model_check(&model, &error));
    assert_string_equal(error.message, "rubric format 0 is not known to this grader (it reads 1 to 3); compile the"
                                       " rubric again with this version's rubricc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_good_rubric),
        cmocka_unit_test(test_load_wrong_format_version),
        cmocka_unit_test(test_tables_format_2_indexes),
        cmocka_unit_test(test_tables_score_scale),
        cmocka_unit_test(test_load_invalid_json),
        cmocka_unit_test(test_load_missing_field),
        cmocka_unit_test(test_load_bad_limit_reference),
        cmocka_unit_test(test_load_missing_descriptor),
        cmocka_unit_test(test_load_unknown_level),
        cmocka_unit_test(test_load_unknown_method),
        cmocka_unit_test(test_load_duplicate_criterion),
        cmocka_unit_test(test_load_wrong_type),
        cmocka_unit_test(test_load_missing_file),
        cmocka_unit_test(test_load_missing_file_reason),
        cmocka_unit_test(test_load_many_criteria),
        cmocka_unit_test(test_load_many_criteria_repeated_id),
        cmocka_unit_test(test_load_byte_order_mark),
        cmocka_unit_test(test_load_repeated_key),
        cmocka_unit_test(test_load_members_never_read),
        cmocka_unit_test(test_tables_good),
        cmocka_unit_test(test_tables_bad_index),
        cmocka_unit_test(test_tables_bad_section_index),
        cmocka_unit_test(test_tables_missing_descriptor),
        cmocka_unit_test(test_tables_wrong_version),
    };
    return cmocka_run_group_tests_name("rubric loading", tests, NULL, NULL);
}
