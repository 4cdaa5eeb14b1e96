/*
 * emit_csv_template.c — the CSV template: checked IR in, the two top rows
 * of an audit spreadsheet out (<id>-template.csv).
 *
 * Row 1 is the header row that rubric-grade reads (runtime/audit_read.c):
 * case, rubric, auditor, date, case_type (only when the rubric declares
 * its case types), one column per fact (named by its key), one column per criterion id in rubric order (a
 * checklist criterion's cell takes an answer code), "section:<id>" per
 * graded section for the auditor's own section grades, overall, then the
 * evidence comments: "comment:<criterion id>" per criterion,
 * "comment:section:<id>" per section and "comment:overall". Row 2 holds
 * what each column is, in words (criterion titles with the codes they
 * take, "Your grade for section 3 (optional)"), for a person filling the
 * sheet in. It is a comment row: its first cell starts with '#', and the
 * grader skips such rows before the first audit (runtime/lib/audit_csv.c),
 * so the sheet grades as it is, titles kept. docs/compiler.md says so.
 *
 * Every cell goes through csv_cell (runtime/lib/csv_cell.h, the CSV cell
 * writer rubric-grade's reports use too), so a title a spreadsheet would
 * run as a formula ("=...", "-...") gets a leading apostrophe. Header
 * fields are ids, which need no quoting; every field of the titles row is
 * quoted (csv_cell_quoted), with line breaks inside author titles folded
 * to spaces, so that each row is one line.
 */
#include "emit.h"

#include <stdbool.h>
#include <string.h>

#include "csv_cell.h"
#include "export_text.h"

/* Empties field (a scratch buffer for one cell), NUL-terminated. */
static void field_clear(output_buffer *field)
{
    output_clear(field);
    output_bytes(field, "", 0);
}

/* Appends text to field with runs of spaces, tabs and line breaks folded
 * to one space (none at the end). */
static void append_folded(output_buffer *field, const char *text)
{
    bool pending_space = false;
    for (const char *cursor = text; *cursor != '\0'; cursor++) {
        if (*cursor == '\n' || *cursor == '\r' || *cursor == '\t' || *cursor == ' ') {
            pending_space = true;
            continue;
        }
        if (pending_space && cursor != text)
            output_text(field, " ");
        pending_space = false;
        output_bytes(field, cursor, 1);
    }
}

/* A cell of the header row, after a comma: prefix (fixed text) and text. */
static void write_header_cell(output_buffer *out, output_buffer *field, const char *prefix, const char *text)
{
    field_clear(field);
    output_text(field, prefix);
    output_text(field, text);
    output_text(out, ",");
    csv_cell(out, field->text);
}

/* Writes the cell of the titles row built in field, quoted, and the
 * comma after it (none after the last, LAST set). */
static void write_title_cell(output_buffer *out, const output_buffer *field, bool last)
{
    csv_cell_quoted(out, field->text);
    output_text(out, last ? "\n" : ",");
}

/* A whole cell of the titles row: text, folded. */
static void write_title_field(output_buffer *out, output_buffer *field, const char *text)
{
    field_clear(field);
    append_folded(field, text);
    write_title_cell(out, field, false);
}

/* "<prefix><section number><suffix>"; prefix and suffix are fixed text. */
static void write_section_field(output_buffer *out, output_buffer *field, const char *prefix,
                                const ir_section *section, const char *suffix)
{
    field_clear(field);
    output_text(field, prefix);
    append_folded(field, section->number);
    output_text(field, suffix);
    write_title_cell(out, field, false);
}

/* The codes a criterion's cell takes, after its title: ": O, G, R or I",
 * ": O, G, R, I or NA", a score scale's ": 0 to 10", a checklist item's
 * answer codes. */
static void append_codes(output_buffer *field, const ir_rubric *rubric, const ir_criterion *criterion)
{
    const ir_section *section = &rubric->sections[criterion->section];
    const ir_answer_set *set = section->answer_set >= 0 ? &rubric->answer_sets[section->answer_set] : NULL;
    size_t count = set ? set->answer_count : rubric->level_count;
    output_text(field, ": ");
    if (set == NULL && rubric->scores) {
        output_text(field, rubric->levels[rubric->level_count - 1].code);
        output_text(field, " to ");
        output_text(field, rubric->levels[0].code);
    } else {
        for (size_t i = 0; i < count; i++) {
            output_text(field, i == 0 ? "" : i + 1 == count && !criterion->not_applicable_allowed ? " or " : ", ");
            output_text(field, set ? set->answers[i].code : rubric->levels[i].code);
        }
    }
    if (criterion->not_applicable_allowed)
        output_text(field, " or NA");
}

/* A criterion's column title, after PREFIX: its title and section
 * ("Referral (section 1)"), or "Section 2, row 1" when untitled; with
 * CODES, the codes its cell takes. */
static void write_criterion_field(output_buffer *out, output_buffer *field, const ir_rubric *rubric,
                                  size_t index, const char *prefix, bool codes)
{
    const ir_criterion *criterion = &rubric->criteria[index];
    const ir_section *section = &rubric->sections[criterion->section];
    field_clear(field);
    output_text(field, prefix);
    if (criterion->title == NULL) {
        output_text(field, *prefix == '\0' ? "Section " : "section ");
        append_folded(field, section->number);
        output_format(field, ", row %zu", index - section->first_criterion + 1);
    } else {
        append_folded(field, criterion->title);
        output_text(field, " (section ");
        append_folded(field, section->number);
        output_text(field, ")");
    }
    if (codes)
        append_codes(field, rubric, criterion);
    write_title_cell(out, field, false);
}

/* A fact's column title: its name and what it takes ("referral date: a
 * date YYYY-MM-DD (required)", "team: one of Assessment, …"). */
static void write_fact_field(output_buffer *out, output_buffer *field, const ir_fact *fact)
{
    static const char *const forms[] = {"text", "one of ", "a date YYYY-MM-DD", "a number", "yes or no",
                                        "dates YYYY-MM-DD separated by semicolons"};
    field_clear(field);
    append_folded(field, fact->name);
    output_text(field, ": ");
    output_text(field, forms[fact->type]);
    for (size_t choice = 0; choice < fact->choice_count; choice++) {
        output_text(field, choice == 0 ? "" : ", ");
        append_folded(field, fact->choices[choice]);
    }
    output_text(field, fact->required ? " (required)" : " (optional)");
    write_title_cell(out, field, false);
}

int emit_csv_template(const ir_rubric *rubric, FILE *out)
{
    output_buffer text = {0};
    output_buffer field = {0};
    /* Row 1: the header the grader reads (ids need no quoting). */
    output_text(&text, "case,rubric,auditor,date");
    if (rubric->case_type_count > 0)
        output_text(&text, ",case_type");
    for (size_t i = 0; i < rubric->fact_count; i++)
        write_header_cell(&text, &field, "", rubric->facts[i].key);
    for (size_t i = 0; i < rubric->criterion_count; i++)
        write_header_cell(&text, &field, "", rubric->criteria[i].id);
    for (size_t i = 0; i < rubric->section_count; i++)
        if (rubric->sections[i].answer_set < 0)
            write_header_cell(&text, &field, "section:", rubric->sections[i].id);
    output_text(&text, ",overall");
    for (size_t i = 0; i < rubric->criterion_count; i++)
        write_header_cell(&text, &field, "comment:", rubric->criteria[i].id);
    for (size_t i = 0; i < rubric->section_count; i++)
        write_header_cell(&text, &field, "comment:section:", rubric->sections[i].id);
    output_text(&text, ",comment:overall\n");

    /* Row 2: each column in words, every field quoted; '#' first makes
     * it a comment row, which the grader skips. */
    write_title_field(&text, &field, "# Case reference (this row of titles is skipped in grading)");
    write_title_field(&text, &field, rubric->id);
    write_title_field(&text, &field, "Auditor");
    write_title_field(&text, &field, "Date (YYYY-MM-DD)");
    if (rubric->case_type_count > 0) {
        field_clear(&field);
        output_text(&field, "Case type: one of ");
        for (size_t i = 0; i < rubric->case_type_count; i++) {
            output_text(&field, i == 0 ? "" : ", ");
            output_text(&field, rubric->case_types[i]);
        }
        write_title_cell(&text, &field, false);
    }
    for (size_t i = 0; i < rubric->fact_count; i++)
        write_fact_field(&text, &field, &rubric->facts[i]);
    for (size_t i = 0; i < rubric->criterion_count; i++)
        write_criterion_field(&text, &field, rubric, i, "", true);
    for (size_t i = 0; i < rubric->section_count; i++)
        if (rubric->sections[i].answer_set < 0)
            write_section_field(&text, &field, "Your grade for section ", &rubric->sections[i], " (optional)");
    write_title_field(&text, &field, "Your overall grade (optional)");
    for (size_t i = 0; i < rubric->criterion_count; i++)
        write_criterion_field(&text, &field, rubric, i, "Comment on ", false);
    for (size_t i = 0; i < rubric->section_count; i++)
        write_section_field(&text, &field, "Comment on section ", &rubric->sections[i], " (optional)");
    field_clear(&field);
    output_text(&field, "Comment on the whole case (optional)");
    write_title_cell(&text, &field, true);
    text.out_of_memory |= field.out_of_memory;
    output_buffer_free(&field);
    return export_csv_finish(&text, out);
}
