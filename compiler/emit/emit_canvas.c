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
 * Every cell goes through csv_cell (runtime/lib/csv_cell.h, the CSV cell
 * writer rubric-grade uses too): text a spreadsheet would run as a formula
 * ("=...", "- an item") gets a leading apostrophe, and a cell is quoted
 * only when it needs it; a descriptor's paragraphs and bullet items keep
 * their line breaks inside the quotes.
 */
#include "emit.h"

#include "csv_cell.h"
#include "export_text.h"
#include "level_points.h"

/* One criterion's row. */
static void canvas_row(arena *region, const ir_rubric *rubric, const ir_criterion *criterion,
                       output_buffer *out)
{
    csv_cell(out, rubric->title);
    output_text(out, ",");
    csv_cell(out, export_criterion_name(region, rubric, criterion));
    output_text(out, ",");
    csv_cell(out, arena_printf(region, "%s (criterion %s)",
                               export_section_label(region, &rubric->sections[criterion->section]),
                               criterion->id));
    output_text(out, ",false");
    size_t count = export_rating_count(rubric, criterion);
    for (size_t index = 0; index < count; index++) {
        export_rating rating = export_rating_at(rubric, criterion, index);
        char points[LEVEL_POINTS_TEXT_SIZE];
        level_points_format(rating.points, points);
        output_text(out, ",");
        csv_cell(out, rating.label);
        output_text(out, ",");
        csv_cell(out, rating.description);
        output_text(out, ",");
        output_text(out, points);
    }
    output_text(out, "\n");
}

int emit_canvas_csv(const ir_rubric *rubric, FILE *out)
{
    output_buffer text = {0};
    output_text(&text, "Rubric Name,Criteria Name,Criteria Description,Criteria Enable Range");
    size_t most = export_most_ratings(rubric);
    for (size_t group = 0; group < most; group++)
        output_text(&text, ",Rating Name,Rating Description,Rating Points");
    output_text(&text, "\n");
    arena *region = arena_new();
    for (size_t i = 0; i < rubric->criterion_count; i++)
        canvas_row(region, rubric, &rubric->criteria[i], &text);
    arena_free(region);
    return export_csv_finish(&text, out);
}
