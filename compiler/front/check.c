/*
 * check.c — checking a rubric and building its IR (see check.h).
 *
 * The work is done in the order an author would fix things: the header,
 * the scale (everything else refers to its codes), the glossary and themes
 * (tags refer to them), the sections and their criteria (ids first, then
 * "same as" reuse, then each criterion's effective descriptors), the
 * grading rules (they refer to sections and criteria), and last the
 * glossary usage warnings, which read all the prose.
 *
 * Each check function opens with the rule it enforces. Problems are
 * reported and checking goes on, so that one run shows them all; the IR is
 * returned only when no error was reported.
 *
 * This file holds the driver (check_rubric) and the header's checks; the
 * passes themselves are in check_scale.c, check_glossary.c,
 * check_sections.c, check_rules.c and check_prose.c, and the helpers every
 * pass uses in check_support.c (check_internal.h shows how they fit
 * together). The driver calls the passes and the passes call the helpers,
 * never the driver.
 */
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "audit_date.h"
#include "check_internal.h"

/* ---------------------------------------------------------------- header */

/* The rubric has an id (in the main file), a title, an authority, and a
 * version or an effective date (a real date, YYYY-MM-DD). */
static void check_header(checker *check)
{
    const ast_rubric *tree = check->tree;
    ir_rubric *rubric = check->rubric;
    source_span start = check_file_start(check);
    rubric->where = check_position(check, start);
    if (tree->id == NULL) {
        diagnostic_error(check->report, start,
                         "the rubric has no 'rubric:' line; start the file with its id, like 'rubric: my-authority-case-audit'");
        rubric->id = "unnamed";
    } else {
        const ast_item *id = check_single(check, tree->id, "rubric:");
        if (tree->id_where.file != check->main_file)
            diagnostic_error(check->report, tree->id_where,
                             "'rubric:' belongs in the main file, not in an included file");
        check_id(check, "rubric", id);
        rubric->id = id->text;
        rubric->where = check_position(check, tree->id_where);
    }
    static const struct {
        ast_header_field field;
        const char *name;
        const char *example;
    } required[] = {
        {AST_HEADER_TITLE, "title", "title: Case audit grading guidance"},
        {AST_HEADER_AUTHORITY, "authority", "authority: London Borough of Example"},
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (tree->header[required[i].field].value == NULL)
            diagnostic_error(check->report, tree->id ? tree->id_where : start,
                             "the rubric has no '%s:'; add one, like '%s'", required[i].name,
                             required[i].example);
        else if (ast_prose_is_empty(tree->header[required[i].field].value))
            diagnostic_error(check->report, tree->header[required[i].field].where,
                             "'%s:' is empty; write the %s after the colon", required[i].name,
                             required[i].name);
    }
    rubric->title = check_plain(tree->header[AST_HEADER_TITLE].value);
    rubric->authority = check_plain(tree->header[AST_HEADER_AUTHORITY].value);
    rubric->version = check_plain(tree->header[AST_HEADER_VERSION].value);
    rubric->key_factors = check_prose(check, tree->header[AST_HEADER_KEY_FACTORS].value);
    if (rubric->title == NULL)
        rubric->title = "";
    if (rubric->authority == NULL)
        rubric->authority = "";

    const ast_header_prose *effective = &tree->header[AST_HEADER_EFFECTIVE];
    if (tree->header[AST_HEADER_VERSION].value == NULL && effective->value == NULL)
        diagnostic_error(check->report, tree->id ? tree->id_where : start,
                         "the rubric has neither 'version:' nor 'effective:'; say which edition it is, "
                         "like 'version: 2024' or 'effective: 2024-04-01'");
    if (effective->value != NULL) {
        /* The same check as every date the grader reads (audit_date.h). */
        const char *date = check_plain(effective->value);
        if (!audit_date_valid(date)) {
            diagnostic_error(check->report, effective->value->where,
                             "'%s' is not a date; write the effective date as year-month-day, like 2024-04-01",
                             date ? date : "");
        } else {
            rubric->effective = date;
        }
    }
}

/* --------------------------------------------------------------- driver */

/* Whether the parse found no entry at all. */
static bool check_tree_is_empty(const ast_rubric *tree)
{
    if (tree->id != NULL || tree->first_rule != NULL || tree->first_section != NULL ||
        tree->case_types != NULL || tree->first_answer_set != NULL || tree->first_fact != NULL ||
        tree->target != NULL ||
        tree->scale_kind != NULL ||
        tree->include_failed)
        return false;
    for (int field = 0; field < AST_HEADER_FIELD_COUNT; field++)
        if (tree->header[field].value != NULL)
            return false;
    for (int block = 0; block < AST_BLOCK_KIND_COUNT; block++)
        if (tree->block_seen[block])
            return false;
    return true;
}

const ir_rubric *check_rubric(arena *region, const source_set *sources, diagnostics *report,
                              const ast_rubric *tree, int main_file)
{
    checker check;
    memset(&check, 0, sizeof check);
    check.region = region;
    check.sources = sources;
    check.report = report;
    check.tree = tree;
    check.main_file = main_file;
    check.rubric = arena_alloc(region, sizeof *check.rubric);

    int errors_before = report->error_count;
    /* A file with no entry at all (empty, or comments only) is one mistake,
     * not one for every entry a rubric needs. */
    if (report->error_count == 0 && check_tree_is_empty(tree)) {
        diagnostic_error(report, check_file_start(&check),
                         "this file holds no rubric entries; a rubric starts with lines like "
                         "'rubric: my-authority-case-audit' and 'title: Case audit grading guidance' "
                         "(docs/language.md shows a whole one)");
        return NULL;
    }
    check_header(&check);
    check_scale(&check);
    check_swallowed_entries(&check);
    check_bands(&check);
    check_glossary(&check);
    check_case_types(&check);
    check_facts(&check);
    check_answer_sets(&check);
    check_themes(&check);
    check_groups(&check);
    check_sections(&check);
    check_criteria(&check);
    check_group_tags(&check);
    check_grading(&check);
    check_limit_circles(&check);
    check_meaning(&check);
    check_glossary_usage(&check);
    check_fact_keys(&check);
    check_conditions(&check);
    check_timescales(&check);
    check_targets(&check);

    const char **files = arena_array(region, sources->count + 1, sizeof *files);
    size_t file_count = 0;
    for (size_t i = 0; i < sources->count; i++)
        if (i == (size_t)main_file || sources->files[i].included_from >= 0)
            files[file_count++] = sources->files[i].name;
    check.rubric->files = files;
    check.rubric->file_count = file_count;

    if (report->error_count > errors_before)
        return NULL;
    return check.rubric;
}
