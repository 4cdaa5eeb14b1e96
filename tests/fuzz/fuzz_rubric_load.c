/*
 * fuzz_rubric_load.c — a libFuzzer harness for the rubric loader: each
 * input is a rubric JSON file's bytes, loaded as rubric-grade loads
 * --rubric (rubric_document_load_text: jansson, the field checks, id
 * resolution, the model check). A rubric that loads gets a grader, grades
 * one audit that gives every criterion the scale's first level, and has
 * every problem of an empty audit described. First, the tree the loader
 * parses (json_tree_load, read by the plain path and again by yajl alone)
 * must hold what jansson's own (json_loadb) holds, or both must refuse the
 * text with the same error; so must the pruned parse (json_tree_load with
 * members to pass over), but for the members it passes over, which are
 * null.
 * Built by tests/fuzz.mk with clang -fsanitize=fuzzer,address,undefined.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_tree.h"
#include "rubric.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Grade an audit of every criterion at the first level, then an empty one. */
static void grade_with(const rubric_model *model)
{
    rubric_error error;
    rubric_grader *grader = rubric_grader_new(model, &error);
    if (grader == NULL)
        abort();   /* the loader ran the same model check: it must pass */
    rubric_entry *grades = calloc(model->criterion_count, sizeof *grades);
    if (grades == NULL)
        abort();
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        grades[criterion] = (rubric_entry){model->criteria[criterion].id, model->levels[0].code};
    rubric_audit audit = {.case_reference = "fuzz", .rubric_id = model->id, .grades = grades,
                          .grade_count = model->criterion_count, .auditor_overall = model->levels[0].code};
    const rubric_result *result = rubric_grade(grader, &audit);
    if (!result->valid)
        abort();   /* every criterion graded at a level of the scale */
    audit.grade_count = 0;
    result = rubric_grade(grader, &audit);
    char text[512];
    for (unsigned problem = 0; problem < result->problem_count; problem++)
        rubric_problem_describe(model, &result->problems[problem], text, sizeof text);
    free(grades);
    rubric_grader_free(grader);
}

/* Members passed over in the pruned parse: "k" at depth 1 and 3, "s" at 2. */
static const json_tree_skip fuzz_skipped[] = {{"k", 1}, {"k", 3}, {"s", 2}, {NULL, 0}};

/* VALUE (at DEPTH, 1 for the top level) with the members of FUZZ_SKIPPED
 * set to null, as the pruned parse gives them. */
static void null_skipped(json_t *value, unsigned depth)
{
    if (json_is_array(value)) {
        for (size_t index = 0; index < json_array_size(value); index++)
            null_skipped(json_array_get(value, index), depth + 1);
        return;
    }
    const char *key;
    json_t *member;
    json_object_foreach(value, key, member) {
        int skipped = 0;
        for (const json_tree_skip *skip = fuzz_skipped; skip->key; skip++)
            skipped |= skip->depth == depth && strcmp(skip->key, key) == 0;
        if (skipped)
            json_object_set_new(value, key, json_null());
        else
            null_skipped(member, depth + 1);
    }
}

/* Whether the tree's VALUE holds what jansson's EXPECTED holds, as
 * json_equal would judge two of jansson's trees. */
static int same_value(const json_node *value, json_t *expected)
{
    if (value->type != json_typeof(expected))
        return 0;
    switch (value->type) {
    case JSON_STRING:
        return value->length == json_string_length(expected) &&
               memcmp(json_node_string(value), json_string_value(expected), value->length) == 0 &&
               json_node_string(value)[value->length] == '\0';
    case JSON_INTEGER:
        return json_node_integer(value) == json_integer_value(expected);
    case JSON_REAL:
        return json_node_number(value) == json_real_value(expected);
    case JSON_ARRAY:
        if (json_node_size(value) != json_array_size(expected))
            return 0;
        for (size_t index = 0; index < json_node_size(value); index++)
            if (json_node_item(value, index)->key != NULL ||
                !same_value(json_node_item(value, index), json_array_get(expected, index)))
                return 0;
        return 1;
    case JSON_OBJECT:
        if (json_node_size(value) != json_object_size(expected))
            return 0;
        for (size_t index = 0; index < json_node_size(value); index++) {
            const json_node *member = &value->as.members[index];
            json_t *other = json_object_get(expected, member->key);
            if (other == NULL || strlen(member->key) != member->key_length ||
                json_node_member(value, member->key) != member || !same_value(member, other))
                return 0;
        }
        return 1;
    default:
        return 1;
    }
}

/* A parse of ours against jansson's: the same tree, or the same error. */
static void expect_agreement(const char *name, const json_tree *fast, const json_error_t *fast_error,
                             json_t *jansson, const json_error_t *jansson_error)
{
    int agree = fast && jansson ? same_value(json_tree_root(fast), jansson)
                                : !fast && !jansson && strcmp(fast_error->text, jansson_error->text) == 0 &&
                                      fast_error->line == jansson_error->line &&
                                      fast_error->column == jansson_error->column;
    if (!agree) {
        fprintf(stderr, "fuzz_rubric_load: %s %s, json_loadb %s\n", name,
                fast ? "parsed" : fast_error->text, jansson ? "parsed" : jansson_error->text);
        abort();
    }
}

/* The ways of parsing agree: the same tree, or the same error; the pruned
 * parse gives jansson's tree with the members it passes over null (or the
 * whole tree, when jansson parsed it itself). Each is run with the plain
 * path and without it (yajl's way alone). */
static void compare_parsers(const char *text, size_t size)
{
    for (int plain = 1; plain >= 0; plain--) {
        json_tree_plain_path = plain;
        json_error_t fast_error, pruned_error, jansson_error;
        json_tree *fast = json_tree_load(text, size, NULL, &fast_error);
        json_tree *pruned = json_tree_load(text, size, fuzz_skipped, &pruned_error);
        json_t *jansson = json_loadb(text, size, JSON_REJECT_DUPLICATES, &jansson_error);
        expect_agreement(plain ? "json_tree_load" : "json_tree_load (yajl)", fast, &fast_error, jansson,
                         &jansson_error);
        if (pruned && jansson && !same_value(json_tree_root(pruned), jansson))
            null_skipped(jansson, 1);
        expect_agreement(plain ? "json_tree_load (pruned)" : "json_tree_load (pruned, yajl)", pruned,
                         &pruned_error, jansson, &jansson_error);
        json_tree_free(fast);
        json_tree_free(pruned);
        json_decref(jansson);
    }
    json_tree_plain_path = 1;
}

/* One input: both parsers agree on it; load it as a rubric; grade with it
 * when it loads. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    compare_parsers((const char *)data, size);
    rubric_error error;
    rubric_document *document = rubric_document_load_text((const char *)data, size, "fuzz.json", &error);
    if (document == NULL)
        return 0;
    grade_with(rubric_document_model(document));
    rubric_document_free(document);
    return 0;
}
