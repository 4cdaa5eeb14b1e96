/*
 * emit_csv_template.c — the CSV template: checked IR in, the two top rows
 * of an audit spreadsheet out (<id>-template.csv).
 *
 * Row 1 is the header row that rubric-grade reads (runtime/audit_read.c):
 * case, rubric, auditor, date, case_type (only when the rubric declares
 * its case types), one column per criterion id in rubric order (a
 * checklist criterion's cell takes an answer code), "section:<id>" per
 * graded section for the auditor's own section grades, overall, then the
 * evidence comments: "comment:<criterion id>" per criterion,
 * "comment:section:<id>" per section and "comment:overall". Row 2 holds what each column is, in words (criterion
 * titles, "Your grade for section 3 (optional)"), for a person filling the
 * sheet in; its rubric cell is the rubric's id. The grader has no notion of
 * a titles row: kept, it is reported as one record error (its grades are
 * not on the scale) and every other row is still graded; deleted, the
 * sheet grades cleanly. The README says so.
 *
 * Header fields are ids, which need no quoting; every field of the titles
 * row is quoted as RFC 4180 says (quotes doubled), with line breaks inside
 * author titles folded to spaces, so that each row is one line.
 */
#include "emit.h"

#include <stdbool.h>
#include <string.h>

/* Writes text inside a quoted field: quotes doubled, whitespace folded. */
static void write_quoted_text(FILE *out, const char *text)
{
    bool pending_space = false;
    for (const char *cursor = text; *cursor != '\0'; cursor++) {
        if (*cursor == '\n' || *cursor == '\r' || *cursor == '\t' || *cursor == ' ') {
            pending_space = true;
            continue;
        }
        if (pending_space && cursor != text)
            fputc(' ', out);
        pending_space = false;
        if (*cursor == '"')
            fputc('"', out);
        fputc(*cursor, out);
    }
}

/* Writes a whole quoted field of the titles row, and the comma after it. */
static void write_title_field(FILE *out, const char *text)
{
    fputc('"', out);
    write_quoted_text(out, text);
    fputs("\",", out);
}

/* Writes "<prefix><section number><suffix>" as a quoted field; prefix
 * and suffix are fixed text without quotes. */
static void write_section_field(FILE *out, const char *prefix, const ir_section *section, const char *suffix)
{
    fprintf(out, "\"%s", prefix);
    write_quoted_text(out, section->number);
    fprintf(out, "%s\",", suffix);
}

/* Writes a criterion's column title, after PREFIX: its title and section
 * ("Referral (section 1)"), or "Section 2, row 1" when untitled; then a
 * comma. */
static void write_criterion_field(FILE *out, const ir_rubric *rubric, size_t index, const char *prefix)
{
    const ir_criterion *criterion = &rubric->criteria[index];
    const ir_section *section = &rubric->sections[criterion->section];
    fprintf(out, "\"%s", prefix);
    if (criterion->title == NULL) {
        fputs(*prefix == '\0' ? "Section " : "section ", out);
        write_quoted_text(out, section->number);
        fprintf(out, ", row %zu\",", index - section->first_criterion + 1);
        return;
    }
    write_quoted_text(out, criterion->title);
    fputs(" (section ", out);
    write_quoted_text(out, section->number);
    fputs(")\",", out);
}

int emit_csv_template(const ir_rubric *rubric, FILE *out)
{
    /* Row 1: the header the grader reads (ids need no quoting). */
    fputs("case,rubric,auditor,date", out);
    if (rubric->case_type_count > 0)
        fputs(",case_type", out);
    for (size_t i = 0; i < rubric->criterion_count; i++)
        fprintf(out, ",%s", rubric->criteria[i].id);
    for (size_t i = 0; i < rubric->section_count; i++)
        if (rubric->sections[i].answer_set < 0)
            fprintf(out, ",section:%s", rubric->sections[i].id);
    fputs(",overall", out);
    for (size_t i = 0; i < rubric->criterion_count; i++)
        fprintf(out, ",comment:%s", rubric->criteria[i].id);
    for (size_t i = 0; i < rubric->section_count; i++)
        fprintf(out, ",comment:section:%s", rubric->sections[i].id);
    fputs(",comment:overall\n", out);

    /* Row 2: each column in words, every field quoted. */
    write_title_field(out, "Case reference (this row of titles: delete it before grading)");
    write_title_field(out, rubric->id);
    write_title_field(out, "Auditor");
    write_title_field(out, "Date (YYYY-MM-DD)");
    if (rubric->case_type_count > 0) {
        fputs("\"Case type: one of ", out);
        for (size_t i = 0; i < rubric->case_type_count; i++)
            fprintf(out, "%s%s", i == 0 ? "" : ", ", rubric->case_types[i]);
        fputs("\",", out);
    }
    for (size_t i = 0; i < rubric->criterion_count; i++)
        write_criterion_field(out, rubric, i, "");
    for (size_t i = 0; i < rubric->section_count; i++)
        if (rubric->sections[i].answer_set < 0)
            write_section_field(out, "Your grade for section ", &rubric->sections[i], " (optional)");
    fputs("\"Your overall grade (optional)\",", out);
    for (size_t i = 0; i < rubric->criterion_count; i++)
        write_criterion_field(out, rubric, i, "Comment on ");
    for (size_t i = 0; i < rubric->section_count; i++)
        write_section_field(out, "Comment on section ", &rubric->sections[i], " (optional)");
    fputs("\"Comment on the whole case (optional)\"\n", out);
    return ferror(out) ? -1 : 0;
}
