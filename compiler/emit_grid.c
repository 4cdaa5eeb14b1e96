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
 */
#include "emit.h"

#include "export_text.h"

int emit_grid_csv(const ir_rubric *rubric, FILE *out)
{
    arena *region = arena_new();
    fputs("Section,ID,Criterion", out);
    for (size_t level = 0; level < rubric->level_count; level++) {
        fputc(',', out);
        export_csv_field(out, arena_printf(region, "%s: %s", rubric->levels[level].code,
                                           rubric->levels[level].label));
    }
    fputc('\n', out);
    for (size_t i = 0; i < rubric->criterion_count; i++) {
        const ir_criterion *criterion = &rubric->criteria[i];
        export_csv_field(out, export_section_label(region, &rubric->sections[criterion->section]));
        fprintf(out, ",%s,", criterion->id);
        export_csv_field(out, criterion->title != NULL ? criterion->title : "");
        for (size_t level = 0; level < rubric->level_count; level++) {
            fputc(',', out);
            export_csv_field(out, criterion->effective[level].prose->text);
        }
        fputc('\n', out);
    }
    arena_free(region);
    return ferror(out) ? -1 : 0;
}
