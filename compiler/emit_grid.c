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

#include <stdlib.h>
#include <string.h>

#include "export_text.h"

int emit_grid_csv(const ir_rubric *rubric, FILE *out)
{
    fputs("Section,ID,Criterion", out);
    for (size_t level = 0; level < rubric->level_count; level++) {
        size_t size = strlen(rubric->levels[level].code) + strlen(rubric->levels[level].label) + 3;
        char *header = malloc(size);
        if (header == NULL)
            return -1;
        snprintf(header, size, "%s: %s", rubric->levels[level].code, rubric->levels[level].label);
        fputc(',', out);
        export_csv_field(out, header);
        free(header);
    }
    fputc('\n', out);
    for (size_t i = 0; i < rubric->criterion_count; i++) {
        const ir_criterion *criterion = &rubric->criteria[i];
        char *section = export_section_label(&rubric->sections[criterion->section]);
        if (section == NULL)
            return -1;
        export_csv_field(out, section);
        free(section);
        fprintf(out, ",%s,", criterion->id);
        export_csv_field(out, criterion->title != NULL ? criterion->title : "");
        for (size_t level = 0; level < rubric->level_count; level++) {
            fputc(',', out);
            export_csv_field(out, criterion->effective[level].prose->text);
        }
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}
