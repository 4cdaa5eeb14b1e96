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
 * descriptor ("" for a score between the anchors); a criterion of a
 * checklist section has its answers as ratings instead (fewer groups: the
 * header has as many as the criterion with the most). Points come from
 * level_points.h; ranges are off ("false"). Bands have no place in
 * Canvas's layout and are not written.
 * The criterion description names its section and its id, since Canvas
 * has no sections and the id is how audits refer to the criterion.
 *
 * Fields are quoted only when they need it (export_text.c); a descriptor's
 * paragraphs and bullet items keep their line breaks inside the quotes.
 */
#include "emit.h"

#include "export_text.h"
#include "level_points.h"

/* One criterion's row. */
static void canvas_row(arena *region, const ir_rubric *rubric, const ir_criterion *criterion, FILE *out)
{
    export_csv_field(out, rubric->title);
    fputc(',', out);
    export_csv_field(out, export_criterion_name(region, rubric, criterion));
    fputc(',', out);
    export_csv_field(out, arena_printf(region, "%s (criterion %s)",
                                       export_section_label(region, &rubric->sections[criterion->section]),
                                       criterion->id));
    fputs(",false", out);
    size_t count = export_rating_count(rubric, criterion);
    for (size_t index = 0; index < count; index++) {
        export_rating rating = export_rating_at(rubric, criterion, index);
        char points[LEVEL_POINTS_TEXT_SIZE];
        level_points_format(rating.points, points);
        fputc(',', out);
        export_csv_field(out, rating.label);
        fputc(',', out);
        export_csv_field(out, rating.description);
        fprintf(out, ",%s", points);
    }
    fputc('\n', out);
}

int emit_canvas_csv(const ir_rubric *rubric, FILE *out)
{
    fputs("Rubric Name,Criteria Name,Criteria Description,Criteria Enable Range", out);
    size_t most = export_most_ratings(rubric);
    for (size_t group = 0; group < most; group++)
        fputs(",Rating Name,Rating Description,Rating Points", out);
    fputc('\n', out);
    arena *region = arena_new();
    for (size_t i = 0; i < rubric->criterion_count; i++)
        canvas_row(region, rubric, &rubric->criteria[i], out);
    arena_free(region);
    return ferror(out) ? -1 : 0;
}
