/*
 * emit_grid.c — the rubric as a spreadsheet grid (--emit grid-csv,
 * <id>-grid.csv): the layout `rubricc import` reads (import_grid.c), so a
 * rubric can go out to a spreadsheet, be edited there and come back.
 *
 * Header: Section, ID, Criterion, then one column per grade headed
 * "CODE: Label", best first. One row per criterion, in rubric order: its
 * section's label ("Section 3: Review"), its id, its title (empty when
 * untitled) and its effective descriptor for every grade, paragraphs and
 * bullet items ("- item") on lines of their own inside the quoted cell.
 * Section-wide and reused descriptors are written out in full on every
 * row, as a reader of the grid sees them; the importer folds what a whole
 * section shares back into "every criterion:".
 *
 * Language v2: a score between the anchors has an empty cell. A rubric
 * with checklist sections gets, after the levels, one column per answer
 * of each answer set a section uses, headed "SET CODE: Label"; a checklist
 * criterion's descriptors go there and its level cells stay empty, as do
 * a graded criterion's answer cells. 'rubricc import' reads only grids of
 * levels (language v1): such a grid is for people, not for the import.
 *
 * Every cell goes through csv_cell (runtime/lib/csv_cell.h): a descriptor
 * that starts with a bullet item ("- item") or any text a spreadsheet
 * would run as a formula gets a leading apostrophe, which the import takes
 * off again (csv_cell_restored), so a rubric comes back as it went out.
 */
#include "emit.h"

#include <stdbool.h>

#include "csv_cell.h"
#include "export_text.h"

/* Whether answer set set is used by a checklist section of the rubric. */
static bool grid_set_used(const ir_rubric *rubric, size_t set)
{
    for (size_t i = 0; i < rubric->section_count; i++)
        if (rubric->sections[i].answer_set == (int)set)
            return true;
    return false;
}

/* The cells of one criterion: its descriptors under its own columns, ""
 * under the others (the levels' for a checklist criterion, the answer
 * sets' other than its own). */
static void grid_cells(const ir_rubric *rubric, const ir_criterion *criterion, output_buffer *out)
{
    int own_set = rubric->sections[criterion->section].answer_set;
    for (size_t level = 0; level < rubric->level_count; level++) {
        output_text(out, ",");
        if (own_set < 0)
            csv_cell(out, export_descriptor_text(criterion, level));
    }
    for (size_t set = 0; set < rubric->answer_set_count; set++) {
        if (!grid_set_used(rubric, set))
            continue;
        for (size_t answer = 0; answer < rubric->answer_sets[set].answer_count; answer++) {
            output_text(out, ",");
            if (own_set == (int)set)
                csv_cell(out, export_descriptor_text(criterion, answer));
        }
    }
}

int emit_grid_csv(const ir_rubric *rubric, FILE *out)
{
    arena *region = arena_new();
    output_buffer text = {0};
    output_text(&text, "Section,ID,Criterion");
    for (size_t level = 0; level < rubric->level_count; level++) {
        output_text(&text, ",");
        csv_cell(&text, arena_printf(region, "%s: %s", rubric->levels[level].code, rubric->levels[level].label));
    }
    for (size_t set = 0; set < rubric->answer_set_count; set++) {
        if (!grid_set_used(rubric, set))
            continue;
        const ir_answer_set *answers = &rubric->answer_sets[set];
        for (size_t answer = 0; answer < answers->answer_count; answer++) {
            output_text(&text, ",");
            csv_cell(&text, arena_printf(region, "%s %s: %s", answers->id, answers->answers[answer].code,
                                         answers->answers[answer].label));
        }
    }
    output_text(&text, "\n");
    for (size_t i = 0; i < rubric->criterion_count; i++) {
        const ir_criterion *criterion = &rubric->criteria[i];
        csv_cell(&text, export_section_label(region, &rubric->sections[criterion->section]));
        output_text(&text, ",");
        csv_cell(&text, criterion->id);
        output_text(&text, ",");
        csv_cell(&text, criterion->title != NULL ? criterion->title : "");
        grid_cells(rubric, criterion, &text);
        output_text(&text, "\n");
    }
    arena_free(region);
    return export_csv_finish(&text, out);
}
