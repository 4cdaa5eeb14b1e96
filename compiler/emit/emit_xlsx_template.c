/*
 * emit_xlsx_template.c — the data-entry workbook: checked IR in, an Excel
 * workbook out (<id>-template.xlsx), written with libxlsxwriter.
 *
 * Three sheets:
 *
 *   Audits       row 1 the header rubric-grade reads, the same names as
 *                the CSV template's (emit_csv_template.c): case, rubric,
 *                auditor, date, case_type (when the rubric declares case
 *                types), then each criterion id followed by its
 *                comment:<id> column, section:<id> per graded section,
 *                overall, comment:section:<id> per section and
 *                comment:overall. Row 2 says what each column is, in
 *                words; its first cell starts with '#', which makes it a
 *                comment row the grader skips (as in the CSV template).
 *                Both rows and the case column are frozen. Below them,
 *                TEMPLATE_ROWS rows for cases: each grade cell has a
 *                dropdown of exactly the codes the rubric allows there
 *                (the scale's, a checklist item's answers, NA where
 *                allowed; a score scale too long for Excel's list takes a
 *                whole number between its ends instead), and the
 *                criterion's descriptors as its input message.
 *   How to fill  what to type where, and how to grade the sheet.
 *   Guidance     every criterion's descriptors in full, one row a level.
 *
 * Excel caps an input message at 255 characters and its title at 32
 * (UTF-16 units; libxlsxwriter refuses longer ones): a longer one is cut
 * at a word with "…" and the message ends by pointing at the Guidance
 * sheet, which the How to fill sheet says.
 *
 * libxlsxwriter writes to a file name: it writes a scratch file
 * (common/scratch_file.h), copied into OUT, the output file's stream,
 * which common/output_file.c puts in place whole. The workbook's dates
 * (document properties, zip entries) are fixed, so the same rubric gives
 * the same bytes.
 */
#include "emit.h"

#if defined(RUBRIC_NO_XLSX_WRITE)

int emit_xlsx_template(const ir_rubric *rubric, FILE *out)
{
    (void)rubric;
    (void)out;
    return -1;                   /* the command line refuses the format first */
}

#else

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "output_buffer.h"
#include "scratch_file.h"

/* Rows for cases under the two header rows. */
enum { TEMPLATE_ROWS = 1000 };
/* Excel's limits, in UTF-16 units: an input message and its title, an
 * error message, and a list validation's codes joined by commas. */
enum { MESSAGE_LIMIT = 255, TITLE_LIMIT = 32, LIST_LIMIT = 255 };

/* The workbook being written and its formats. */
typedef struct template_book {
    const ir_rubric *rubric;
    lxw_workbook *workbook;
    lxw_worksheet *audits;
    lxw_format *header;
    lxw_format *titles;
    lxw_format *date;
    lxw_format *wrapped;
    lxw_format *bold;
    lxw_col_t column;            /* the next column of the Audits sheet */
    output_buffer text;          /* scratch text for one cell or message */
    output_buffer cut;           /* the same, cut to a limit */
    const char *codes[512];      /* a dropdown's codes, NULL-terminated */
    bool failed;
} template_book;

/* UTF-16 units of the UTF-8 sequence starting with BYTE: 2 for a
 * character beyond the BMP (four bytes), else 1; 0 for a continuation. */
static size_t utf16_units(unsigned char byte)
{
    if ((byte & 0xC0) == 0x80)
        return 0;
    return byte >= 0xF0 ? 2 : 1;
}

/* TEXT cut to at most LIMIT UTF-16 units into book->cut: whole when it
 * fits, else at the last space before LIMIT less the room for "…" and
 * TAIL, then "…" and TAIL. Returns whether it was cut. */
static bool cut_text(template_book *book, const char *text, size_t limit, const char *tail)
{
    output_clear(&book->cut);
    size_t units = 0, length = strlen(text);
    for (size_t i = 0; i < length; i++)
        units += utf16_units((unsigned char)text[i]);
    if (units <= limit) {
        output_text(&book->cut, text);
        return false;
    }
    size_t tail_units = 1 + strlen(tail);        /* "…" is one unit; TAIL is ASCII */
    size_t room = limit > tail_units ? limit - tail_units : 0;
    size_t end = 0, last_space = 0;
    units = 0;
    for (size_t i = 0; i < length; i++) {
        size_t step = utf16_units((unsigned char)text[i]);
        if (step && units + step > room)
            break;
        units += step;
        end = i + 1;
        if (text[i] == ' ' || text[i] == '\n')
            last_space = i;
    }
    if (last_space > end / 2)
        end = last_space;
    output_bytes(&book->cut, text, end);
    output_text(&book->cut, "\xE2\x80\xA6");
    output_text(&book->cut, tail);
    return true;
}

/* TEXT with runs of white space folded to one space, appended. */
static void append_folded(output_buffer *to, const char *text)
{
    bool space = false;
    for (const char *cursor = text; *cursor; cursor++) {
        if (*cursor == ' ' || *cursor == '\n' || *cursor == '\r' || *cursor == '\t') {
            space = true;
            continue;
        }
        if (space && to->length > 0)
            output_text(to, " ");
        space = false;
        output_bytes(to, cursor, 1);
    }
}

/* Write a string cell; libxlsxwriter's failure marks the book failed. */
static void put_string(template_book *book, lxw_worksheet *sheet, lxw_row_t row, lxw_col_t column,
                       const char *text, lxw_format *format)
{
    if (worksheet_write_string(sheet, row, column, text, format) != LXW_NO_ERROR)
        book->failed = true;
}

/* A column of the Audits sheet: its header NAME (PREFIX then ID), its
 * title in row 2 (book->text), its width; returns the column. */
static lxw_col_t add_column(template_book *book, const char *prefix, const char *id, double width)
{
    lxw_col_t column = book->column++;
    output_buffer name = {0};
    output_text(&name, prefix);
    output_text(&name, id);
    put_string(book, book->audits, 0, column, name.out_of_memory ? "" : name.text, book->header);
    book->failed |= name.out_of_memory;
    output_buffer_free(&name);
    put_string(book, book->audits, 1, column, book->text.out_of_memory ? "" : book->text.text, book->titles);
    book->failed |= book->text.out_of_memory;
    worksheet_set_column(book->audits, column, column, width, NULL);
    return column;
}

/* Set book->text to a column's title. */
static void set_title(template_book *book, const char *first, const char *second)
{
    output_clear(&book->text);
    output_text(&book->text, first);
    if (second)
        append_folded(&book->text, second);
}

/* A criterion's title in words: its own, or "Section 2, row 1". */
static void append_criterion_name(output_buffer *to, const ir_rubric *rubric, size_t index)
{
    const ir_criterion *criterion = &rubric->criteria[index];
    const ir_section *section = &rubric->sections[criterion->section];
    if (criterion->title) {
        append_folded(to, criterion->title);
    } else {
        output_text(to, "Section ");
        output_text(to, section->number);
        output_format(to, ", row %zu", index - section->first_criterion + 1);
    }
}

/* The codes a cell may take, into book->codes (NULL-terminated): the
 * answers of SET, or the scale's levels, then NA when ALLOWS_NA. Returns
 * whether they fit Excel's list (LIST_LIMIT, joined by commas). */
static bool collect_codes(template_book *book, const ir_answer_set *set, bool allows_na)
{
    const ir_rubric *rubric = book->rubric;
    size_t count = set ? set->answer_count : rubric->level_count, used = 0, length = 0;
    for (size_t i = 0; i < count && used + 2 < sizeof book->codes / sizeof book->codes[0]; i++) {
        book->codes[used] = set ? set->answers[i].code : rubric->levels[i].code;
        length += strlen(book->codes[used++]) + 1;
    }
    if (allows_na) {
        book->codes[used++] = "NA";
        length += 3;
    }
    book->codes[used] = NULL;
    return used == count + (allows_na ? 1 : 0) && length - 1 <= LIST_LIMIT;
}

/* "O, G, R, I or NA": the codes collected, in words, appended. */
static void append_code_list(output_buffer *to, const char *const *codes)
{
    for (size_t i = 0; codes[i]; i++) {
        output_text(to, i == 0 ? "" : codes[i + 1] ? ", " : " or ");
        output_text(to, codes[i]);
    }
}

/* The dropdown of a grade column COLUMN: the codes collected (or, when
 * too many for a list, a whole number between the score scale's ends),
 * with TITLE and MESSAGE shown when the cell is chosen. */
static void add_dropdown(template_book *book, lxw_col_t column, bool as_list, const char *title,
                         const char *message)
{
    lxw_data_validation validation;
    memset(&validation, 0, sizeof validation);
    output_buffer error = {0};
    output_text(&error, "Choose one of ");
    if (as_list) {
        validation.validate = LXW_VALIDATION_TYPE_LIST;
        validation.value_list = (char **)(void *)book->codes;
        append_code_list(&error, book->codes);
    } else {
        const ir_rubric *rubric = book->rubric;
        validation.validate = LXW_VALIDATION_TYPE_INTEGER;
        validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        validation.minimum_number = rubric->levels[rubric->level_count - 1].score;
        validation.maximum_number = rubric->levels[0].score;
        output_format(&error, "the whole numbers %s to %s", rubric->levels[rubric->level_count - 1].code,
                      rubric->levels[0].code);
    }
    output_text(&error, ", or leave the cell empty.");
    validation.ignore_blank = LXW_VALIDATION_ON;
    validation.show_input = LXW_VALIDATION_ON;
    validation.show_error = LXW_VALIDATION_ON;
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    static char error_title[] = "Not a code of this rubric";
    validation.error_title = error_title;
    output_buffer cut_title = {0};
    cut_text(book, title, TITLE_LIMIT, "");
    output_text(&cut_title, book->cut.text);
    validation.input_title = cut_title.text;
    cut_text(book, message, MESSAGE_LIMIT, " (in full: the Guidance sheet)");
    validation.input_message = book->cut.text;
    output_buffer cut_error = {0};
    output_text(&cut_error, error.text);
    validation.error_message = cut_error.text;
    if (error.out_of_memory || cut_title.out_of_memory || book->cut.out_of_memory || cut_error.out_of_memory ||
        worksheet_data_validation_range(book->audits, 2, column, 2 + TEMPLATE_ROWS - 1, column, &validation) !=
            LXW_NO_ERROR)
        book->failed = true;
    output_buffer_free(&error);
    output_buffer_free(&cut_title);
    output_buffer_free(&cut_error);
}

/* The UTF-16 units of TEXT. */
static size_t text_units(const char *text)
{
    size_t units = 0;
    for (; *text; text++)
        units += utf16_units((unsigned char)*text);
    return units;
}

/* The message's lines, each "O: descriptor", fitted into Excel's limit:
 * when they do not fit whole, each line gets a fair share of the room
 * (a short line keeps its all, the rest is split evenly among the longer
 * ones, which are cut at a word with "…"), and the message ends pointing
 * at the Guidance sheet. So every level is seen, each as far as room
 * allows, rather than the first few whole and the last ones not at all. */
static void fit_lines(template_book *book, const output_buffer *lines, bool *whole, size_t count,
                      output_buffer *message)
{
    static const char tail[] = " (in full: the Guidance sheet)";
    size_t total = count ? count - 1 : 0;              /* the line breaks */
    for (size_t i = 0; i < count; i++)
        total += text_units(lines[i].text);
    output_clear(message);
    size_t overhead = (sizeof tail - 1) + (count ? count - 1 : 0);
    size_t room = overhead < MESSAGE_LIMIT ? MESSAGE_LIMIT - overhead : 0;
    size_t share = count ? room / count : room;
    if (total > MESSAGE_LIMIT) {
        /* a line shorter than its share gives the rest to the others */
        size_t long_lines = count, spare = room;
        for (bool changed = true; changed && long_lines > 0;) {
            changed = false;
            share = spare / long_lines;
            for (size_t i = 0; i < count; i++) {
                size_t units = text_units(lines[i].text);
                if (units < share && !whole[i]) {
                    whole[i] = true;
                    spare -= units;
                    long_lines--;
                    changed = true;
                }
            }
        }
        if (long_lines)
            share = spare / long_lines;
    }
    for (size_t i = 0; i < count; i++) {
        if (i)
            output_text(message, "\n");
        if (total <= MESSAGE_LIMIT || whole[i]) {
            output_text(message, lines[i].text);
        } else {
            cut_text(book, lines[i].text, share, "");
            output_text(message, book->cut.text);
        }
    }
    if (total > MESSAGE_LIMIT)
        output_text(message, tail);
}

/* A criterion's descriptors as one message: "O: ... G: ...", each level
 * (or answer) its own line; levels between a score scale's anchors, and
 * answers written without one, are left out. */
static void criterion_message(template_book *book, output_buffer *message, size_t index)
{
    const ir_rubric *rubric = book->rubric;
    const ir_criterion *criterion = &rubric->criteria[index];
    const ir_section *section = &rubric->sections[criterion->section];
    const ir_answer_set *set = section->answer_set >= 0 ? &rubric->answer_sets[section->answer_set] : NULL;
    size_t count = ir_descriptor_count(rubric, section), used = 0;
    output_buffer *lines = calloc(count + 1, sizeof *lines);
    bool *whole = calloc(count + 1, sizeof *whole);
    output_clear(message);
    if (lines == NULL || whole == NULL) {
        free(lines);
        free(whole);
        book->failed = true;
        return;
    }
    for (size_t level = 0; level < count; level++) {
        const ir_prose *prose = criterion->effective[level].prose;
        if (prose == NULL && set == NULL)
            continue;
        output_buffer *line = &lines[used++];
        output_text(line, set ? set->answers[level].code : rubric->levels[level].code);
        output_text(line, ": ");
        if (prose)
            append_folded(line, prose->text);
        else
            output_text(line, set->answers[level].label);
    }
    if (criterion->not_applicable_allowed)
        output_text(&lines[used++], "NA: not applicable to this case");
    for (size_t i = 0; i < used; i++)
        book->failed |= lines[i].out_of_memory;
    if (!book->failed)
        fit_lines(book, lines, whole, used, message);
    if (message->length == 0)
        output_text(message, " ");
    for (size_t i = 0; i < used; i++)
        output_buffer_free(&lines[i]);
    free(lines);
    free(whole);
}

/* The columns of one criterion: its grade, with the dropdown, then its comment. */
static void add_criterion_columns(template_book *book, size_t index)
{
    const ir_rubric *rubric = book->rubric;
    const ir_criterion *criterion = &rubric->criteria[index];
    const ir_section *section = &rubric->sections[criterion->section];
    const ir_answer_set *set = section->answer_set >= 0 ? &rubric->answer_sets[section->answer_set] : NULL;
    bool as_list = collect_codes(book, set, criterion->not_applicable_allowed) || !rubric->scores || set;
    output_buffer name = {0}, message = {0};
    append_criterion_name(&name, rubric, index);
    output_text(&name, " (section ");
    output_text(&name, section->number);
    output_text(&name, ")");
    set_title(book, "", NULL);
    output_text(&book->text, name.text);
    output_text(&book->text, ": ");
    if (as_list)
        append_code_list(&book->text, book->codes);
    else
        output_format(&book->text, "%s to %s", rubric->levels[rubric->level_count - 1].code, rubric->levels[0].code);
    lxw_col_t column = add_column(book, "", criterion->id, 9);
    criterion_message(book, &message, index);
    add_dropdown(book, column, as_list, name.text, message.text);
    set_title(book, "Comment on ", NULL);
    output_text(&book->text, name.text);
    add_column(book, "comment:", criterion->id, 30);
    book->failed |= name.out_of_memory || message.out_of_memory;
    output_buffer_free(&name);
    output_buffer_free(&message);
}

/* The auditor's own grade for a section, or overall (SECTION NULL). */
static void add_own_grade_column(template_book *book, const ir_section *section)
{
    const ir_rubric *rubric = book->rubric;
    bool as_list = collect_codes(book, NULL, true) || !rubric->scores;
    output_buffer title = {0};
    if (section) {
        output_text(&title, "Your grade for section ");
        output_text(&title, section->number);
    } else {
        output_text(&title, "Your overall grade");
    }
    set_title(book, title.text, NULL);
    output_text(&book->text, " (optional)");
    lxw_col_t column = add_column(book, section ? "section:" : "overall", section ? section->id : "", 9);
    add_dropdown(book, column, as_list, title.text,
                 "Optional: your own grade, which the report sets beside the rubric's. The grader works out "
                 "the grade from the criteria whatever you put here.");
    book->failed |= title.out_of_memory;
    output_buffer_free(&title);
}

/* A fact's column: its name and what it takes as the title; a dropdown of
 * a choice's values or yes and no; a date column shown as dates. */
static void add_fact_column(template_book *book, const ir_fact *fact)
{
    static const char *const forms[] = {"text", "one of ", "a date", "a number", "yes or no",
                                        "dates YYYY-MM-DD, separated by semicolons"};
    static const char *const yes_no[] = {"yes", "no", NULL};
    set_title(book, "", fact->name);
    output_text(&book->text, ": ");
    output_text(&book->text, forms[fact->type]);
    size_t used = 0, length = 0;
    if (fact->type == RUBRIC_FACT_CHOICE) {
        for (size_t i = 0; i < fact->choice_count && i + 1 < sizeof book->codes / sizeof book->codes[0]; i++) {
            book->codes[used++] = fact->choices[i];
            length += strlen(fact->choices[i]) + 1;
        }
        book->codes[used] = NULL;
        append_code_list(&book->text, book->codes);
    }
    output_text(&book->text, fact->required ? " (required)" : " (optional)");
    lxw_col_t column = add_column(book, "", fact->key, fact->type == RUBRIC_FACT_DATE ? 12 : 16);
    if (fact->type == RUBRIC_FACT_DATE)
        worksheet_set_column(book->audits, column, column, 12, book->date);
    if (fact->type == RUBRIC_FACT_CHOICE && used == fact->choice_count && length - 1 <= LIST_LIMIT) {
        add_dropdown(book, column, true, fact->name, "One of the values the rubric declares for this fact.");
    } else if (fact->type == RUBRIC_FACT_YES_NO) {
        book->codes[0] = yes_no[0];
        book->codes[1] = yes_no[1];
        book->codes[2] = NULL;
        add_dropdown(book, column, true, fact->name, "yes or no.");
    }
}

/* The Audits sheet. */
static void write_audits_sheet(template_book *book)
{
    const ir_rubric *rubric = book->rubric;
    set_title(book, "# Case reference (this row of titles is skipped in grading)", NULL);
    add_column(book, "", "case", 18);
    set_title(book, "Rubric: ", rubric->id);
    lxw_col_t rubric_column = add_column(book, "", "rubric", 14);
    book->codes[0] = rubric->id;
    book->codes[1] = NULL;
    if (strlen(rubric->id) <= LIST_LIMIT)
        add_dropdown(book, rubric_column, true, "Rubric",
                     "The rubric's id, as the dropdown has it; may be left empty.");
    set_title(book, "Auditor", NULL);
    add_column(book, "", "auditor", 16);
    set_title(book, "Date of the audit", NULL);
    lxw_col_t date_column = add_column(book, "", "date", 12);
    worksheet_set_column(book->audits, date_column, date_column, 12, book->date);
    if (rubric->case_type_count > 0) {
        set_title(book, "Case type: one of ", NULL);
        size_t used = 0, length = 0;
        for (size_t i = 0; i < rubric->case_type_count && i + 1 < sizeof book->codes / sizeof book->codes[0]; i++) {
            book->codes[used++] = rubric->case_types[i];
            length += strlen(rubric->case_types[i]) + 1;
        }
        book->codes[used] = NULL;
        append_code_list(&book->text, book->codes);
        lxw_col_t column = add_column(book, "", "case_type", 10);
        if (used == rubric->case_type_count && length - 1 <= LIST_LIMIT)
            add_dropdown(book, column, true, "Case type",
                         "The kind of case, as the rubric names it: criteria that do not apply to it are "
                         "left empty.");
    }
    for (size_t i = 0; i < rubric->fact_count; i++)
        add_fact_column(book, &rubric->facts[i]);
    for (size_t i = 0; i < rubric->criterion_count; i++)
        add_criterion_columns(book, i);
    for (size_t i = 0; i < rubric->section_count; i++)
        if (rubric->sections[i].answer_set < 0)
            add_own_grade_column(book, &rubric->sections[i]);
    add_own_grade_column(book, NULL);
    for (size_t i = 0; i < rubric->section_count; i++) {
        set_title(book, "Comment on section ", rubric->sections[i].number);
        output_text(&book->text, " (optional)");
        add_column(book, "comment:section:", rubric->sections[i].id, 30);
    }
    set_title(book, "Comment on the whole case (optional)", NULL);
    add_column(book, "comment:", "overall", 30);
    worksheet_set_row(book->audits, 1, 45, book->titles);
    worksheet_freeze_panes(book->audits, 2, 1);
}

/* The How to fill sheet: one paragraph a row. */
static void write_instructions_sheet(template_book *book)
{
    lxw_worksheet *sheet = workbook_add_worksheet(book->workbook, "How to fill");
    if (sheet == NULL) {
        book->failed = true;
        return;
    }
    const ir_rubric *rubric = book->rubric;
    worksheet_set_column(sheet, 0, 0, 100, book->wrapped);
    output_buffer line = {0};
    output_text(&line, "Audits of ");
    append_folded(&line, rubric->title);
    output_text(&line, " (");
    output_text(&line, rubric->id);
    output_text(&line, ")");
    put_string(book, sheet, 0, 0, line.text, book->bold);
    static const char *const paragraphs[] = {
        "One row per case, on the Audits sheet, from row 3 down. Row 1 holds the column names the grader "
        "reads: leave it as it is. Row 2 says what each column is; it starts with '#', so the grader skips it.",
        "case: the case reference (required). auditor: your name. date: the day of the audit, as a date.",
        "Grade each criterion by choosing its code from the cell's dropdown: only the rubric's codes are "
        "taken, NA only where the rubric allows it. Choosing a cell shows the criterion's descriptors; Excel "
        "shows at most 255 characters, so a long one is cut (it ends '…') and the Guidance sheet has every "
        "descriptor in full.",
        "A criterion left empty is not graded. Beside each criterion, its comment column takes your evidence "
        "in words.",
        "The columns 'section:…' and 'overall' take your own grades, which are optional: the grader works "
        "out the section and overall grades from the criteria by the rubric's rules and sets yours beside "
        "them.",
        "To grade: save the workbook and give it to the grader as it is "
        "(rubric-grade --rubric RUBRIC.json audits.xlsx), or save the Audits sheet as CSV (UTF-8).",
    };
    for (size_t i = 0; i < sizeof paragraphs / sizeof paragraphs[0]; i++)
        put_string(book, sheet, (lxw_row_t)(i + 2), 0, paragraphs[i], book->wrapped);
    book->failed |= line.out_of_memory;
    output_buffer_free(&line);
}

/* The Guidance sheet: criterion, section, title, code, level, descriptor. */
static void write_guidance_sheet(template_book *book)
{
    lxw_worksheet *sheet = workbook_add_worksheet(book->workbook, "Guidance");
    if (sheet == NULL) {
        book->failed = true;
        return;
    }
    const ir_rubric *rubric = book->rubric;
    static const char *const headings[] = {"criterion", "section", "title", "code", "level", "descriptor"};
    static const double widths[] = {22, 8, 40, 6, 22, 90};
    for (lxw_col_t column = 0; column < 6; column++) {
        put_string(book, sheet, 0, column, headings[column], book->header);
        worksheet_set_column(sheet, column, column, widths[column], column == 5 ? book->wrapped : NULL);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    lxw_row_t row = 1;
    output_buffer text = {0};
    for (size_t index = 0; index < rubric->criterion_count; index++) {
        const ir_criterion *criterion = &rubric->criteria[index];
        const ir_section *section = &rubric->sections[criterion->section];
        const ir_answer_set *set = section->answer_set >= 0 ? &rubric->answer_sets[section->answer_set] : NULL;
        size_t count = ir_descriptor_count(rubric, section);
        output_clear(&text);
        append_criterion_name(&text, rubric, index);
        for (size_t level = 0; level < count; level++) {
            const ir_prose *prose = criterion->effective[level].prose;
            if (prose == NULL && set == NULL)
                continue;
            put_string(book, sheet, row, 0, criterion->id, NULL);
            put_string(book, sheet, row, 1, section->number, NULL);
            put_string(book, sheet, row, 2, text.text, NULL);
            put_string(book, sheet, row, 3, set ? set->answers[level].code : rubric->levels[level].code, NULL);
            put_string(book, sheet, row, 4, set ? set->answers[level].label : rubric->levels[level].label, NULL);
            if (prose)
                put_string(book, sheet, row, 5, prose->text, book->wrapped);
            row++;
        }
    }
    book->failed |= text.out_of_memory;
    output_buffer_free(&text);
}

/* Fixed document properties: no clock in the output. */
static void set_properties(template_book *book)
{
    static char subject[] = "Case audits";
    lxw_doc_properties properties;
    memset(&properties, 0, sizeof properties);
    output_buffer title = {0};
    output_text(&title, book->rubric->title);
    properties.title = title.text;
    properties.subject = subject;
    properties.created = (time_t)946684800;      /* 2000-01-01T00:00:00Z */
    if (title.out_of_memory || workbook_set_properties(book->workbook, &properties) != LXW_NO_ERROR)
        book->failed = true;
    output_buffer_free(&title);
}

int emit_xlsx_template(const ir_rubric *rubric, FILE *out)
{
    scratch_file scratch;
    if (scratch_file_open(&scratch) != 0)
        return -1;
    template_book book = {.rubric = rubric};
    book.workbook = workbook_new(scratch.name);
    if (book.workbook == NULL) {
        scratch_file_close(&scratch);
        return -1;
    }
    book.audits = workbook_add_worksheet(book.workbook, "Audits");
    book.header = workbook_add_format(book.workbook);
    book.titles = workbook_add_format(book.workbook);
    book.date = workbook_add_format(book.workbook);
    book.wrapped = workbook_add_format(book.workbook);
    book.bold = workbook_add_format(book.workbook);
    if (book.audits && book.header && book.titles && book.date && book.wrapped && book.bold) {
        format_set_bold(book.header);
        format_set_bg_color(book.header, 0xDDEBF7);
        format_set_italic(book.titles);
        format_set_text_wrap(book.titles);
        format_set_align(book.titles, LXW_ALIGN_VERTICAL_TOP);
        format_set_num_format(book.date, "yyyy-mm-dd");
        format_set_text_wrap(book.wrapped);
        format_set_align(book.wrapped, LXW_ALIGN_VERTICAL_TOP);
        format_set_bold(book.bold);
        set_properties(&book);
        write_audits_sheet(&book);
        write_instructions_sheet(&book);
        write_guidance_sheet(&book);
    } else {
        book.failed = true;
    }
    book.failed |= book.text.out_of_memory || book.cut.out_of_memory;
    bool written = workbook_close(book.workbook) == LXW_NO_ERROR && !book.failed;
    output_buffer_free(&book.text);
    output_buffer_free(&book.cut);
    written = written && scratch_file_copy(&scratch, out) == 0;
    scratch_file_close(&scratch);
    return written ? 0 : -1;
}

#endif /* RUBRIC_NO_XLSX_WRITE */
