/*
 * fuzz_rubric_load.c — a libFuzzer harness for the rubric loader: each
 * input is a rubric JSON file's bytes, loaded as rubric-grade loads
 * --rubric (rubric_document_load_text: jansson, the field checks, id
 * resolution, the model check). A rubric that loads gets a grader, grades
 * one audit that gives every criterion the scale's first level, and has
 * every problem of an empty audit described. First, the tree the loader
 * parses (json_tree_load: yajl's lexing, jansson's tree) must be jansson's
 * own (json_loadb), or both must refuse the text with the same error; so
 * must the pruned parse (json_tree_load_pruned), but for the members it
 * passes over, which are null.
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

/* A parse of ours against jansson's: the same tree, or the same error. */
static void expect_agreement(const char *name, json_t *fast, const json_error_t *fast_error, json_t *jansson,
                             const json_error_t *jansson_error)
{
    int agree = fast && jansson ? json_equal(fast, jansson)
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
 * whole tree, when jansson parsed it itself). */
static void compare_parsers(const char *text, size_t size)
{
    json_error_t fast_error, pruned_error, jansson_error;
    json_t *fast = json_tree_load(text, size, &fast_error);
    json_t *pruned = json_tree_load_pruned(text, size, fuzz_skipped, &pruned_error);
    json_t *jansson = json_loadb(text, size, JSON_REJECT_DUPLICATES, &jansson_error);
    expect_agreement("json_tree_load", fast, &fast_error, jansson, &jansson_error);
    if (pruned && jansson && !json_equal(pruned, jansson))
        null_skipped(jansson, 1);
    expect_agreement("json_tree_load_pruned", pruned, &pruned_error, jansson, &jansson_error);
    json_decref(fast);
    json_decref(pruned);
    json_decref(jansson);
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
