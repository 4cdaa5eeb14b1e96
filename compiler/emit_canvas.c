/*
 * emit_canvas.c — the rubric in Canvas LMS's rubric import layout
 * (--emit canvas-csv, <id>-canvas.csv), for Canvas's "Import rubric" of a
 * course or an account.
 *
 * The layout is Canvas's own template (RubricImport.template_file and the
 * RubricCSVImporter that reads it, in canvas-lms): a header row
 *   Rubric Name, Criteria Name, Criteria Description, Criteria Enable Range,
 * then one "Rating Name, Rating Description, Rating Points" group per
 * grade; then one row per criterion, in rubric order. Canvas groups rows by
 * Rubric Name (here always the rubric's title, so one file is one rubric),
 * takes the groups in order as the criterion's ratings and the criterion's
 * points from the first, so the best grade comes first, as in the
 * template. Ratings are the level labels with the criterion's effective
 * descriptor; points come from level_points.h; ranges are off ("false").
 * The criterion description names its section and its id, since Canvas
 * has no sections and the id is how audits refer to the criterion.
 *
 * Fields are quoted only when they need it (export_text.c); a descriptor's
 * paragraphs and bullet items keep their line breaks inside the quotes.
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "export_text.h"
#include "level_points.h"

/* One criterion's row; -1 when out of memory. */
static int canvas_row(const ir_rubric *rubric, const ir_criterion *criterion, FILE *out)
{
    char *name = export_criterion_name(rubric, criterion);
    char *section = export_section_label(&rubric->sections[criterion->section]);
    size_t size = (section != NULL ? strlen(section) : 0) + strlen(criterion->id) + 32;
    char *description = malloc(size);
    if (name == NULL || section == NULL || description == NULL) {
        free(name);
        free(section);
        free(description);
        return -1;
    }
    snprintf(description, size, "%s (criterion %s)", section, criterion->id);
    export_csv_field(out, rubric->title);
    fputc(',', out);
    export_csv_field(out, name);
    fputc(',', out);
    export_csv_field(out, description);
    fputs(",false", out);
    for (size_t level = 0; level < rubric->level_count; level++) {
        char points[LEVEL_POINTS_TEXT_SIZE];
        level_points_format(level_points(rubric, level), points);
        fputc(',', out);
        export_csv_field(out, rubric->levels[level].label);
        fputc(',', out);
        export_csv_field(out, criterion->effective[level].prose->text);
        fprintf(out, ",%s", points);
    }
    fputc('\n', out);
    free(name);
    free(section);
    free(description);
    return 0;
}

int emit_canvas_csv(const ir_rubric *rubric, FILE *out)
{
    fputs("Rubric Name,Criteria Name,Criteria Description,Criteria Enable Range", out);
    for (size_t level = 0; level < rubric->level_count; level++)
        fputs(",Rating Name,Rating Description,Rating Points", out);
    fputc('\n', out);
    for (size_t i = 0; i < rubric->criterion_count; i++)
        if (canvas_row(rubric, &rubric->criteria[i], out) != 0)
            return -1;
    return ferror(out) ? -1 : 0;
}
