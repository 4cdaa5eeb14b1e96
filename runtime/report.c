/*
 * report.c — one output record per audit: a graded audit or a record error,
 * as JSON Lines (the default; one object per line), CSV (a header row, then
 * one row per audit) or a readable text table (a small table per audit).
 *
 * Every outcome carries the rule that decided it: the method and how many
 * grades it combined, NA left out or counted, a tie broken, the criteria or
 * sections that held the chosen grade, the limit that capped it, and the
 * auditor's own grade beside it.
 *
 * What format 2 adds is written only where the rubric or the audit uses
 * it, so a rubric without it reports exactly as before: an outcome's band
 * (a rubric with bands) and mean (the mean method); a checklist section's
 * count of met of applicable in "checklists" instead of a grade; the
 * audit's case type and evidence comments, untouched. The CSV columns for
 * them come after the grade columns; comment columns only on request
 * (report_set_comments), since a CSV header is fixed before any audit.
 *
 * JSON Lines is the streaming format, so its hot path writes no printf:
 * every id and grade code of the rubric is quoted and escaped once, when
 * the report is made, and numbers are written by output_unsigned. Records
 * gather in one buffer and go out 64 KiB at a time, one fwrite per block.
 */
#include <stdlib.h>
#include <string.h>

#include "output_buffer.h"
#include "report.h"
#include "safe_text.h"

/* A piece of text in report_writer.pieces. */
typedef struct text_piece {
    size_t offset;
    size_t length;
} text_piece;

struct report_writer {
    const rubric_model *model;
    report_format format;
    FILE *output;
    output_buffer buffer;
    output_buffer scratch;       /* a cell built before it is quoted */
    int header_written;          /* CSV: the header row is out */
    const char *line_end;        /* CSV: "\n", or "\r\n" for Excel */
    int byte_order_mark;         /* CSV: a UTF-8 byte order mark before the header */
    size_t label_width;          /* text: width of the section column */
    /* JSON pieces, made once: */
    output_buffer pieces;
    text_piece rubric_id;        /* "id" */
    text_piece *grade_codes;     /* by grade + 2: null, "NA", then each level's "code" */
    text_piece *criterion_ids;   /* "id" */
    text_piece *criterion_keys;  /* "id": */
    text_piece *section_ids;     /* "id" */
    text_piece *section_heads;   /* {"id":"id", */
    size_t json_bound;           /* most bytes a JSON record takes after its date */
    /* Format 2: what the rubric uses, so the plain path stays plain. */
    int has_checklists;          /* some section is answered with an answer set */
    int all_in_overall;          /* every section counts in the overall */
    int has_means;               /* some section or the overall uses the mean method */
    int comment_columns;         /* CSV: comment:... columns (report_set_comments) */
    int dropped_comments;        /* CSV: an audit's comments had no columns */
    unsigned extra_columns;      /* CSV: columns after the section columns */
};

/* Offset of the grade codes: RUBRIC_GRADE_NONE is the first. */
enum { GRADE_CODE_BASE = 2 };

/* Records are held until they fill this much, then written with one fwrite. */
enum { REPORT_WRITE_BYTES = 1 << 16 };

/* TEXT as a JSON string, PREFIX and SUFFIX around it, kept in the pieces. */
static text_piece add_piece(report_writer *writer, const char *prefix, const char *text, const char *suffix)
{
    output_buffer *pieces = &writer->pieces;
    size_t start = pieces->length;
    output_text(pieces, prefix);
    output_json_string(pieces, text);
    output_text(pieces, suffix);
    return (text_piece){start, pieces->length - start};
}

static size_t json_record_bound(const report_writer *writer);

/* Quote and escape every id and grade code once. */
static int make_pieces(report_writer *writer)
{
    const rubric_model *model = writer->model;
    writer->grade_codes = calloc(model->level_count + GRADE_CODE_BASE, sizeof *writer->grade_codes);
    writer->criterion_ids = calloc(model->criterion_count, sizeof *writer->criterion_ids);
    writer->criterion_keys = calloc(model->criterion_count, sizeof *writer->criterion_keys);
    writer->section_ids = calloc(model->section_count, sizeof *writer->section_ids);
    writer->section_heads = calloc(model->section_count, sizeof *writer->section_heads);
    if (!writer->grade_codes || !writer->criterion_ids || !writer->criterion_keys || !writer->section_ids ||
        !writer->section_heads)
        return 0;
    writer->rubric_id = add_piece(writer, "", model->id, "");
    for (int grade = RUBRIC_GRADE_NONE; grade < (int)model->level_count; grade++)
        writer->grade_codes[grade + GRADE_CODE_BASE] = add_piece(writer, "", rubric_grade_code(model, grade), "");
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        writer->criterion_ids[criterion] = add_piece(writer, "", model->criteria[criterion].id, "");
        writer->criterion_keys[criterion] = add_piece(writer, "", model->criteria[criterion].id, ":");
    }
    for (unsigned section = 0; section < model->section_count; section++) {
        writer->section_ids[section] = add_piece(writer, "", model->sections[section].id, "");
        writer->section_heads[section] = add_piece(writer, "{\"id\":", model->sections[section].id, ",");
    }
    writer->json_bound = json_record_bound(writer);
    return !writer->pieces.out_of_memory;
}

/* Room for one outcome object but its deciding members: its words, names
 * and numbers, three grades and the id of a limit. */
static size_t outcome_bound(size_t grade_bound, size_t id_bound)
{
    return 512 + 3 * grade_bound + id_bound;
}

/* The most bytes json_result writes after the record's date: every piece
 * it can use, at most as often as it can use it, and each outcome's fixed
 * words. Written with one check of the room (see put). */
static size_t json_record_bound(const report_writer *writer)
{
    const rubric_model *model = writer->model;
    size_t grade_bound = 0, id_bound = 0, criterion_ids = 0, section_ids = 0;
    for (int grade = RUBRIC_GRADE_NONE; grade < (int)model->level_count; grade++)
        if (writer->grade_codes[grade + GRADE_CODE_BASE].length > grade_bound)
            grade_bound = writer->grade_codes[grade + GRADE_CODE_BASE].length;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        size_t length = strlen(model->criteria[criterion].id);
        id_bound = length > id_bound ? length : id_bound;
        criterion_ids += writer->criterion_ids[criterion].length + 1;
    }
    for (unsigned section = 0; section < model->section_count; section++) {
        size_t length = strlen(model->sections[section].id);
        id_bound = length > id_bound ? length : id_bound;
        section_ids += writer->section_ids[section].length + 1;
    }
    size_t bound = 64 + outcome_bound(grade_bound, id_bound) + criterion_ids + section_ids;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        bound += 1 + writer->criterion_keys[criterion].length + grade_bound;
    for (unsigned section = 0; section < model->section_count; section++)
        bound += 2 + writer->section_heads[section].length + outcome_bound(grade_bound, id_bound);
    return bound + criterion_ids;
}

/* Append a piece made by make_pieces. */
static void append_piece(output_buffer *buffer, const report_writer *writer, text_piece piece)
{
    output_bytes(buffer, writer->pieces.text + piece.offset, piece.length);
}

/* "7 cp-planning  Child protection planning": number, id and title. */
const char *report_section_label(const rubric_model *model, unsigned section, char *buffer, size_t size)
{
    const rubric_section *entry = &model->sections[section];
    snprintf(buffer, size, "%s %s%s%s", entry->number, entry->id, entry->title ? "  " : "",
             entry->title ? entry->title : "");
    safe_text_cut(buffer);
    return buffer;
}

/* CSV for Excel: a byte order mark, and CRLF line ends. */
void report_set_excel(report_writer *writer, int excel)
{
    writer->line_end = excel ? "\r\n" : "\n";
    writer->byte_order_mark = excel;
}

/* CSV: comment columns after the grade columns. */
void report_set_comments(report_writer *writer, int comments)
{
    writer->comment_columns = comments;
}

int report_dropped_comments(const report_writer *writer)
{
    return writer->dropped_comments;
}

/* Note which format 2 features the rubric uses. */
static void note_features(report_writer *writer)
{
    const rubric_model *model = writer->model;
    writer->all_in_overall = 1;
    writer->has_means = model->rules.overall_method == RUBRIC_METHOD_MEAN;
    for (unsigned section = 0; section < model->section_count; section++) {
        writer->has_checklists |= rubric_section_answer_set(model, section) >= 0;
        writer->all_in_overall &= rubric_section_in_overall(model, section);
        writer->has_means |= rubric_section_answer_set(model, section) < 0 &&
                             model->sections[section].method == RUBRIC_METHOD_MEAN;
    }
}

/* A report; the text table's first column fits the longest section label. */
report_writer *report_new(const rubric_model *model, report_format format, FILE *output)
{
    report_writer *created = calloc(1, sizeof *created);
    if (created == NULL)
        return NULL;
    created->model = model;
    created->format = format;
    created->output = output;
    created->line_end = "\n";
    created->label_width = strlen("Overall");
    for (unsigned section = 0; section < model->section_count; section++) {
        char label[REPORT_LABEL_SIZE];
        size_t width = output_width(report_section_label(model, section, label, sizeof label));
        if (width > created->label_width)
            created->label_width = width;
    }
    note_features(created);
    if (!make_pieces(created)) {
        report_free(created);
        return NULL;
    }
    return created;
}

/* Free the report and its buffer. */
void report_free(report_writer *writer)
{
    if (writer == NULL)
        return;
    output_buffer_free(&writer->buffer);
    output_buffer_free(&writer->scratch);
    output_buffer_free(&writer->pieces);
    free(writer->grade_codes);
    free(writer->criterion_ids);
    free(writer->criterion_keys);
    free(writer->section_ids);
    free(writer->section_heads);
    free(writer);
}

/* Join the problems' descriptions with "; ", noting any not stored. */
void report_describe_problems(const rubric_result *result, char *buffer, size_t size)
{
    size_t used = 0;
    buffer[0] = '\0';
    for (unsigned index = 0; index < result->problem_count && used + 2 < size; index++) {
        if (index) {
            memcpy(buffer + used, "; ", 3);
            used += 2;
        }
        size_t written = rubric_problem_describe(result->model, &result->problems[index], buffer + used,
                                                 size - used);
        used = used + written < size ? used + written : size - 1;
    }
    if (result->problem_total > result->problem_count && used + 2 < size)
        snprintf(buffer + used, size - used, "; and %u more", result->problem_total - result->problem_count);
}

/* Agreement in words, or NULL when the auditor gave no grade. */
const char *report_agreement(const rubric_outcome *outcome, char *buffer, size_t size)
{
    if (outcome->auditor_grade == RUBRIC_GRADE_NONE)
        return NULL;
    if (outcome->auditor_grade == outcome->grade)
        return "agrees";
    if (outcome->auditor_grade < 0 || outcome->grade < 0)
        return "differs";
    int levels = outcome->grade - outcome->auditor_grade;
    int apart = levels < 0 ? -levels : levels;
    snprintf(buffer, size, "%d level%s %s", apart, apart == 1 ? "" : "s", levels > 0 ? "better" : "worse");
    return buffer;
}

/* The id of member MEMBER of an outcome: a section, or a criterion. */
static const char *member_id(const rubric_model *model, int of_sections, unsigned member)
{
    return of_sections ? model->sections[member].id : model->criteria[member].id;
}

/* What capped an outcome: "criterion s47-risk" or "section section-2";
 * a conditional limit in its own words ("is I when criterion child-safe
 * is I"). */
static void append_limit(output_buffer *buffer, const rubric_model *model, const rubric_outcome *outcome)
{
    if (outcome->limit_kind == RUBRIC_LIMIT_BY_CONDITION) {
        char words[512];
        rubric_limit_describe(model, &model->rules.limits[outcome->limit_rule], words, sizeof words);
        output_text(buffer, words);
        return;
    }
    output_text(buffer, rubric_limit_kind_name(outcome->limit_kind));
    output_bytes(buffer, " ", 1);
    output_text(buffer, member_id(model, outcome->limit_kind == RUBRIC_LIMIT_BY_SECTION, outcome->limit_index));
}

/* A mean in hundredths as a JSON number, as short as exact: 8, 6.5, 7.14. */
static void append_mean(output_buffer *buffer, unsigned long hundredths)
{
    output_unsigned(buffer, hundredths / 100);
    if (hundredths % 100 == 0)
        return;
    unsigned long fraction = hundredths % 100;
    char digits[3] = {(char)('0' + fraction / 10), (char)('0' + fraction % 10), '\0'};
    output_bytes(buffer, ".", 1);
    output_bytes(buffer, digits, fraction % 10 ? 2 : 1);
}

/* A percentage in tenths as a number, 66.7 or 100 (nothing when -1). */
static void append_percentage(output_buffer *buffer, long tenths)
{
    if (tenths < 0)
        return;
    output_unsigned(buffer, (unsigned long)tenths / 10);
    if (tenths % 10) {
        char digit = (char)('0' + tenths % 10);
        output_bytes(buffer, ".", 1);
        output_bytes(buffer, &digit, 1);
    }
}

/* A checklist's count in words: "2 of 3 met (66.7%)", "none applicable". */
static void append_checklist_words(output_buffer *buffer, const rubric_checklist_count *count)
{
    if (count->applicable == 0) {
        output_text(buffer, "none applicable");
        return;
    }
    output_format(buffer, "%u of %u met (", count->met, count->applicable);
    append_percentage(buffer, rubric_checklist_percentage_tenths(count));
    output_text(buffer, "%)");
}

/* The rule in words: "median of 8 criteria, 2 NA left out, tie to lower; no
 * better than criterion s47-risk (median gave G)". */
static void append_rule_words(output_buffer *buffer, const rubric_model *model, const rubric_outcome *outcome,
                              const char *members)
{
    const rubric_rules *rules = &model->rules;
    if (outcome->counted == 0) {
        output_format(buffer, "all %u %s NA", outcome->not_applicable, members);
        return;
    }
    output_format(buffer, "%s of %u %s", rubric_method_name(outcome->method), outcome->counted, members);
    if (outcome->has_mean) {
        output_text(buffer, " (");
        append_mean(buffer, outcome->mean_hundredths);
        output_text(buffer, ")");
    }
    if (outcome->not_applicable && rules->not_applicable == RUBRIC_NA_LEAVE_OUT)
        output_format(buffer, ", %u NA left out", outcome->not_applicable);
    else if (outcome->not_applicable)
        output_format(buffer, ", %u NA counted as %s", outcome->not_applicable,
                      model->levels[rules->not_applicable_level].code);
    if (outcome->decided_by_tie)
        output_format(buffer, ", tie to %s", rubric_ties_name(rules->ties));
    if (outcome->limited) {
        output_text(buffer, outcome->limit_kind == RUBRIC_LIMIT_BY_CONDITION ? "; " : "; no better than ");
        append_limit(buffer, model, outcome);
        output_format(buffer, " (%s gave %s)", rubric_method_name(outcome->method),
                      rubric_grade_code(model, outcome->method_grade));
    }
}

/* ---------------------------------------------------------------- JSON Lines */

/* ,"key": then a JSON string. */
static void json_member(output_buffer *buffer, const char *key, const char *value)
{
    output_bytes(buffer, ",\"", 2);
    output_text(buffer, key);
    output_bytes(buffer, "\":", 2);
    output_json_string(buffer, value);
}

/* Append LENGTH bytes where room was made beforehand (json_result makes
 * room for a whole record once); the NUL is written at the record's end. */
static inline void put(output_buffer *buffer, const char *bytes, size_t length)
{
    memcpy(buffer->text + buffer->length, bytes, length);
    buffer->length += length;
}

/* A string literal, by put. */
#define PUT_LITERAL(buffer, literal) put(buffer, literal, sizeof literal - 1)

/* A NUL-terminated string, by put. */
static inline void put_text(output_buffer *buffer, const char *text)
{
    put(buffer, text, strlen(text));
}

/* A piece made by make_pieces, by put. */
static inline void put_piece(output_buffer *buffer, const report_writer *writer, text_piece piece)
{
    put(buffer, writer->pieces.text + piece.offset, piece.length);
}

/* A grade's code as a JSON string (null for no grade), by put. */
static inline void put_grade(output_buffer *buffer, const report_writer *writer, int grade)
{
    put_piece(buffer, writer, writer->grade_codes[grade + GRADE_CODE_BASE]);
}

/* A number in decimal, as printf's %lu writes it, by put. */
static void put_unsigned(output_buffer *buffer, unsigned long number)
{
    char digits[OUTPUT_DECIMAL_SIZE];
    const char *start = output_decimal(number, digits);
    put(buffer, start, (size_t)(digits + sizeof digits - start));
}

/* Format 2's keys of an outcome: "mean" (the mean method) and "band" (a
 * rubric with bands; null for NA). Written by the checked appenders, then
 * the room for the rest of the record is made again. */
static int json_outcome_extras(const report_writer *writer, output_buffer *buffer, const rubric_outcome *outcome)
{
    const rubric_model *model = writer->model;
    if (outcome->has_mean) {
        output_text(buffer, ",\"mean\":");
        append_mean(buffer, outcome->mean_hundredths);
    }
    if (model->band_count)
        json_member(buffer, "band", outcome->band >= 0 ? model->bands[outcome->band].label : NULL);
    return output_grow(buffer, writer->json_bound);
}

/* One outcome object: grade, rule, counts, tie, deciding members, limit,
 * auditor's grade. MEMBERS are the outcome's inputs: COUNT sections or criteria from FIRST. */
static void json_outcome(const report_writer *writer, output_buffer *buffer, const rubric_result *result,
                         const rubric_outcome *outcome, int of_sections, unsigned first, unsigned count)
{
    const rubric_model *model = result->model;
    PUT_LITERAL(buffer, "\"grade\":");
    put_grade(buffer, writer, outcome->grade);
    PUT_LITERAL(buffer, ",\"rule\":\"");
    put_text(buffer, rubric_method_name(outcome->method));
    if (outcome == &result->overall) {
        if (of_sections)
            PUT_LITERAL(buffer, " of sections");
        else
            PUT_LITERAL(buffer, " of criteria");
    }
    PUT_LITERAL(buffer, "\",\"counted\":");
    put_unsigned(buffer, outcome->counted);
    PUT_LITERAL(buffer, ",\"not_applicable\":");
    put_unsigned(buffer, outcome->not_applicable);
    if (outcome->decided_by_tie) {
        PUT_LITERAL(buffer, ",\"tie\":\"");
        put_text(buffer, rubric_ties_name(model->rules.ties));
        PUT_LITERAL(buffer, "\"");
    }
    if (outcome->counted) {
        PUT_LITERAL(buffer, ",\"decided_by\":[");
        const text_piece *ids = of_sections ? writer->section_ids : writer->criterion_ids;
        int count_as = model->rules.not_applicable == RUBRIC_NA_COUNT_AS;
        int not_applicable_level = (int)model->rules.not_applicable_level;
        int first_member = 1;
        for (unsigned member = first; member < first + count; member++) {
            /* the member's grade as counted (rubric_grade_as_counted) */
            int grade = of_sections ? result->sections[member].grade : result->criterion_grades[member];
            if (grade == RUBRIC_GRADE_NOT_APPLICABLE && count_as)
                grade = not_applicable_level;
            /* a mean is decided by every grade it counts */
            if (outcome->method == RUBRIC_METHOD_MEAN ? grade < 0 : grade != outcome->method_grade)
                continue;
            if (!writer->all_in_overall && outcome == &result->overall &&
                !rubric_section_in_overall(model, of_sections ? member : model->criteria[member].section))
                continue;
            if (!first_member)
                PUT_LITERAL(buffer, ",");
            put_piece(buffer, writer, ids[member]);
            first_member = 0;
        }
        PUT_LITERAL(buffer, "]");
    }
    if (outcome->limited && outcome->limit_kind == RUBRIC_LIMIT_BY_CONDITION) {
        char words[512];
        rubric_limit_describe(model, &model->rules.limits[outcome->limit_rule], words, sizeof words);
        json_member(buffer, "limited_by", words);
        output_text(buffer, ",\"before_limit\":");
        if (!output_grow(buffer, writer->json_bound))
            return;
        put_grade(buffer, writer, outcome->method_grade);
    } else if (outcome->limited) {
        PUT_LITERAL(buffer, ",\"limited_by\":\"");
        put_text(buffer, rubric_limit_kind_name(outcome->limit_kind));
        PUT_LITERAL(buffer, " ");
        put_text(buffer, member_id(model, outcome->limit_kind == RUBRIC_LIMIT_BY_SECTION, outcome->limit_index));
        PUT_LITERAL(buffer, "\",\"before_limit\":");
        put_grade(buffer, writer, outcome->method_grade);
    }
    if ((outcome->has_mean || model->band_count) && !json_outcome_extras(writer, buffer, outcome))
        return;
    if (outcome->auditor_grade != RUBRIC_GRADE_NONE) {
        PUT_LITERAL(buffer, ",\"auditor\":");
        put_grade(buffer, writer, outcome->auditor_grade);
        if (outcome->auditor_grade == outcome->grade)
            PUT_LITERAL(buffer, ",\"agrees\":true");
        else
            PUT_LITERAL(buffer, ",\"agrees\":false");
        if (outcome->auditor_grade >= 0 && outcome->grade >= 0) {
            PUT_LITERAL(buffer, ",\"difference\":");
            int difference = outcome->grade - outcome->auditor_grade;
            if (difference < 0)
                PUT_LITERAL(buffer, "-");
            put_unsigned(buffer, difference < 0 ? 0ul - (unsigned long)difference : (unsigned long)difference);
        }
    }
}

/* The record's identity: input, line, case. */
static void json_source(output_buffer *buffer, const report_source *source)
{
    output_text(buffer, "{\"input\":");
    output_json_string(buffer, source->input);
    output_text(buffer, ",\"line\":");
    output_unsigned(buffer, source->line);
    json_member(buffer, "case", source->case_reference);
}

/* Whether the audit carries any comment with text. */
static int has_comments(const rubric_audit *audit)
{
    for (unsigned entry = 0; entry < audit->comment_count; entry++)
        if (audit->comments[entry].value[0] != '\0')
            return 1;
    return 0;
}

/* "checklists": each checklist section's met, applicable and percentage
 * (null when nothing applies); "comments": the audit's comments with text,
 * keys and text as given. */
static void json_checklists_and_comments(const report_writer *writer, output_buffer *buffer,
                                         const rubric_audit *audit, const rubric_result *result)
{
    const rubric_model *model = writer->model;
    if (writer->has_checklists) {
        output_text(buffer, ",\"checklists\":[");
        int first = 1;
        for (unsigned section = 0; section < model->section_count; section++) {
            if (rubric_section_answer_set(model, section) < 0)
                continue;
            const rubric_checklist_count *count = &result->checklists[section];
            output_text(buffer, first ? "{\"id\":" : ",{\"id\":");
            first = 0;
            output_json_string(buffer, model->sections[section].id);
            output_format(buffer, ",\"met\":%u,\"applicable\":%u,\"percentage\":", count->met, count->applicable);
            if (count->applicable)
                append_percentage(buffer, rubric_checklist_percentage_tenths(count));
            else
                output_text(buffer, "null");
            output_text(buffer, "}");
        }
        output_text(buffer, "]");
    }
    if (has_comments(audit)) {
        output_text(buffer, ",\"comments\":{");
        int first = 1;
        for (unsigned entry = 0; entry < audit->comment_count; entry++) {
            if (audit->comments[entry].value[0] == '\0')
                continue;
            if (!first)
                output_text(buffer, ",");
            first = 0;
            output_json_string(buffer, audit->comments[entry].key);
            output_text(buffer, ":");
            output_json_string(buffer, audit->comments[entry].value);
        }
        output_text(buffer, "}");
    }
}

/* A graded audit as one JSON object on one line: the strings from the
 * audit by the checked appenders, then room for the rest made once. */
static void json_result(report_writer *writer, const report_source *source, const rubric_audit *audit,
                        const rubric_result *result)
{
    const rubric_model *model = writer->model;
    output_buffer *buffer = &writer->buffer;
    json_source(buffer, source);
    output_text(buffer, ",\"rubric\":");
    append_piece(buffer, writer, writer->rubric_id);
    json_member(buffer, "auditor", audit->auditor);
    json_member(buffer, "date", audit->date);
    if (audit->case_type)
        json_member(buffer, "case_type", audit->case_type);
    if (!output_grow(buffer, writer->json_bound))
        return;
    PUT_LITERAL(buffer, ",\"criteria\":{");
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        if (criterion)
            PUT_LITERAL(buffer, ",");
        put_piece(buffer, writer, writer->criterion_keys[criterion]);
        if (writer->has_checklists && rubric_criterion_answer_set(model, criterion) &&
            result->criterion_grades[criterion] >= 0) {
            output_json_string(buffer, rubric_criterion_grade_code(model, criterion, result->criterion_grades[criterion]));
            if (!output_grow(buffer, writer->json_bound))
                return;
        } else {
            put_grade(buffer, writer, result->criterion_grades[criterion]);
        }
    }
    PUT_LITERAL(buffer, "},\"sections\":[");
    int first_section = 1;
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        if (writer->has_checklists && rubric_section_answer_set(model, section) >= 0)
            continue;
        if (!first_section)
            PUT_LITERAL(buffer, ",");
        first_section = 0;
        put_piece(buffer, writer, writer->section_heads[section]);
        json_outcome(writer, buffer, result, &result->sections[section], 0, entry->first_criterion,
                     entry->criterion_count);
        if (buffer->out_of_memory)
            return;
        PUT_LITERAL(buffer, "}");
    }
    int of_sections = model->rules.overall_basis == RUBRIC_BASIS_SECTIONS;
    PUT_LITERAL(buffer, "],\"overall\":{");
    json_outcome(writer, buffer, result, &result->overall, of_sections, 0,
                 of_sections ? model->section_count : model->criterion_count);
    if (buffer->out_of_memory)
        return;
    if (!writer->has_checklists && !has_comments(audit)) {
        PUT_LITERAL(buffer, "}}\n");
        buffer->text[buffer->length] = '\0';
        return;
    }
    PUT_LITERAL(buffer, "}");
    json_checklists_and_comments(writer, buffer, audit, result);
    output_text(buffer, "}\n");
}

/* A record error as one JSON object on one line. */
static void json_error(report_writer *writer, const report_source *source, const char *message)
{
    json_source(&writer->buffer, source);
    json_member(&writer->buffer, "error", message);
    output_text(&writer->buffer, "}\n");
}

/* ----------------------------------------------------------------------- CSV */

/* The end of a CSV row. */
static void csv_end_row(report_writer *writer)
{
    output_text(&writer->buffer, writer->line_end);
}

/* One header cell ",PREFIX:ID:SUFFIX" (PREFIX empty: "ID:SUFFIX"), cut to
 * a character boundary; counts the extra columns. */
static void csv_extra_cell(report_writer *writer, const char *prefix, const char *id, const char *suffix)
{
    char name[512];
    snprintf(name, sizeof name, "%s%s%s", prefix, id, suffix);
    safe_text_cut(name);
    output_bytes(&writer->buffer, ",", 1);
    safe_text_csv_cell(&writer->buffer, name);
    writer->extra_columns++;
}

/* The columns of what format 2 adds, each only when the rubric uses it:
 * case type, bands, means, checklist counts, then comments on request. */
static void csv_extra_header(report_writer *writer)
{
    const rubric_model *model = writer->model;
    writer->extra_columns = 0;
    if (model->case_type_count)
        csv_extra_cell(writer, "case_type", "", "");
    if (model->band_count)
        csv_extra_cell(writer, "overall_band", "", "");
    if (writer->has_means)
        csv_extra_cell(writer, "overall_mean", "", "");
    for (unsigned section = 0; section < model->section_count; section++) {
        const char *id = model->sections[section].id;
        if (rubric_section_answer_set(model, section) >= 0) {
            csv_extra_cell(writer, "checklist:", id, ":met");
            csv_extra_cell(writer, "checklist:", id, ":applicable");
            csv_extra_cell(writer, "checklist:", id, ":percentage");
            continue;
        }
        if (model->band_count)
            csv_extra_cell(writer, "section:", id, ":band");
        if (writer->has_means)
            csv_extra_cell(writer, "section:", id, ":mean");
    }
    if (!writer->comment_columns)
        return;
    csv_extra_cell(writer, "comment:overall", "", "");
    for (unsigned section = 0; section < model->section_count; section++)
        csv_extra_cell(writer, "comment:section:", model->sections[section].id, "");
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        csv_extra_cell(writer, "comment:", model->criteria[criterion].id, "");
}

/* The text of the audit's comment on KEY, or NULL. */
static const char *comment_on(const rubric_audit *audit, const char *key)
{
    for (unsigned entry = 0; entry < audit->comment_count; entry++)
        if (strcmp(audit->comments[entry].key, key) == 0)
            return audit->comments[entry].value;
    return NULL;
}

/* An outcome's band and mean cells, as the header has them. */
static void csv_band_and_mean(report_writer *writer, const rubric_outcome *outcome)
{
    const rubric_model *model = writer->model;
    output_buffer *buffer = &writer->buffer;
    if (model->band_count) {
        output_bytes(buffer, ",", 1);
        safe_text_csv_cell(buffer, outcome->band >= 0 ? model->bands[outcome->band].label : NULL);
    }
    if (writer->has_means) {
        output_bytes(buffer, ",", 1);
        if (outcome->has_mean)
            append_mean(buffer, outcome->mean_hundredths);
    }
}

/* The cells of csv_extra_header for a graded audit. */
static void csv_extra_cells(report_writer *writer, const rubric_audit *audit, const rubric_result *result)
{
    const rubric_model *model = writer->model;
    output_buffer *buffer = &writer->buffer;
    if (model->case_type_count) {
        output_bytes(buffer, ",", 1);
        safe_text_csv_cell(buffer, audit->case_type);
    }
    csv_band_and_mean(writer, &result->overall);
    for (unsigned section = 0; section < model->section_count; section++) {
        if (rubric_section_answer_set(model, section) < 0) {
            csv_band_and_mean(writer, &result->sections[section]);
            continue;
        }
        const rubric_checklist_count *count = &result->checklists[section];
        output_format(buffer, ",%u,%u,", count->met, count->applicable);
        append_percentage(buffer, rubric_checklist_percentage_tenths(count));
    }
    if (!writer->comment_columns) {
        writer->dropped_comments |= has_comments(audit);
        return;
    }
    output_bytes(buffer, ",", 1);
    safe_text_csv_cell(buffer, comment_on(audit, RUBRIC_OVERALL_COMMENT_KEY));
    for (unsigned section = 0; section < model->section_count; section++) {
        output_bytes(buffer, ",", 1);
        safe_text_csv_cell(buffer, comment_on(audit, model->sections[section].id));
    }
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        output_bytes(buffer, ",", 1);
        safe_text_csv_cell(buffer, comment_on(audit, model->criteria[criterion].id));
    }
}

/* The header row: the record, the overall outcome, then four columns per section. */
static void csv_header(report_writer *writer)
{
    output_buffer *buffer = &writer->buffer;
    if (writer->byte_order_mark)
        output_text(buffer, "\xEF\xBB\xBF");
    output_text(buffer, "input,line,case,rubric,auditor,date,error,"
                        "overall,overall_rule,overall_limited_by,overall_auditor,overall_agreement");
    for (unsigned section = 0; section < writer->model->section_count; section++) {
        static const char *const suffixes[] = {"", ":limited_by", ":auditor", ":agreement"};
        for (unsigned column = 0; column < 4; column++) {
            char name[512];
            snprintf(name, sizeof name, "section:%s%s", writer->model->sections[section].id, suffixes[column]);
            safe_text_cut(name);
            output_bytes(buffer, ",", 1);
            safe_text_csv_cell(buffer, name);
        }
    }
    csv_extra_header(writer);
    csv_end_row(writer);
    writer->header_written = 1;
}

/* The first six cells: input, line, case, rubric, auditor, date. Every
 * cell from an audit goes through safe_text_csv_cell, which neutralises
 * a cell a spreadsheet would run as a formula. */
static void csv_source(report_writer *writer, const report_source *source, const rubric_audit *audit)
{
    output_buffer *buffer = &writer->buffer;
    if (!writer->header_written)
        csv_header(writer);
    safe_text_csv_cell(buffer, source->input);
    output_format(buffer, ",%lu,", source->line);
    safe_text_csv_cell(buffer, source->case_reference);
    output_bytes(buffer, ",", 1);
    safe_text_csv_cell(buffer, audit ? writer->model->id : NULL);
    output_bytes(buffer, ",", 1);
    safe_text_csv_cell(buffer, audit ? audit->auditor : NULL);
    output_bytes(buffer, ",", 1);
    safe_text_csv_cell(buffer, audit ? audit->date : NULL);
    output_bytes(buffer, ",", 1);
}

/* An outcome's limit and auditor cells (grade and rule are written by the caller). */
static void csv_outcome_tail(report_writer *writer, const rubric_outcome *outcome)
{
    const rubric_model *model = writer->model;
    output_buffer *buffer = &writer->buffer;
    char agreement[64];
    output_bytes(buffer, ",", 1);
    if (outcome->limited) {
        output_clear(&writer->scratch);
        append_limit(&writer->scratch, model, outcome);
        safe_text_csv_cell(buffer, writer->scratch.text);
    }
    output_bytes(buffer, ",", 1);
    safe_text_csv_cell(buffer, rubric_grade_code(model, outcome->auditor_grade));
    output_bytes(buffer, ",", 1);
    safe_text_csv_cell(buffer, report_agreement(outcome, agreement, sizeof agreement));
}

/* A graded audit as one row. */
static void csv_result(report_writer *writer, const report_source *source, const rubric_audit *audit,
                       const rubric_result *result)
{
    const rubric_model *model = writer->model;
    output_buffer *buffer = &writer->buffer;
    csv_source(writer, source, audit);
    output_bytes(buffer, ",", 1);
    safe_text_csv_cell(buffer, rubric_grade_code(model, result->overall.grade));
    output_bytes(buffer, ",", 1);
    output_clear(&writer->scratch);
    append_rule_words(&writer->scratch, model, &result->overall,
                      model->rules.overall_basis == RUBRIC_BASIS_SECTIONS ? "sections" : "criteria");
    safe_text_csv_cell(buffer, writer->scratch.text);
    csv_outcome_tail(writer, &result->overall);
    for (unsigned section = 0; section < model->section_count; section++) {
        output_bytes(buffer, ",", 1);
        safe_text_csv_cell(buffer, rubric_grade_code(model, result->sections[section].grade));
        csv_outcome_tail(writer, &result->sections[section]);
    }
    csv_extra_cells(writer, audit, result);
    csv_end_row(writer);
}

/* A record error as a row whose grade cells are empty. */
static void csv_error(report_writer *writer, const report_source *source, const char *message)
{
    output_buffer *buffer = &writer->buffer;
    csv_source(writer, source, NULL);
    safe_text_csv_cell(buffer, message);
    for (unsigned cell = 0; cell < 5 + 4 * writer->model->section_count + writer->extra_columns; cell++)
        output_bytes(buffer, ",", 1);
    csv_end_row(writer);
}

/* ---------------------------------------------------------------------- text */

/* The rule in words, then the band of a rubric with bands. */
static void append_rule_and_band(output_buffer *buffer, const rubric_model *model, const rubric_outcome *outcome,
                                 const char *members)
{
    append_rule_words(buffer, model, outcome, members);
    if (model->band_count && outcome->band >= 0)
        output_format(buffer, "; band %s", model->bands[outcome->band].label);
}

/* One table row: label, grade, rule, the auditor's grade and agreement. */
static void text_row(report_writer *writer, const char *label, const rubric_outcome *outcome, const char *members)
{
    const rubric_model *model = writer->model;
    output_buffer *buffer = &writer->buffer;
    char agreement[64];
    output_text(buffer, "  ");
    output_padded(buffer, label, writer->label_width + 2);
    output_padded(buffer, rubric_grade_code(model, outcome->grade), 7);
    const char *agrees = report_agreement(outcome, agreement, sizeof agreement);
    if (agrees) {
        size_t start = buffer->length;
        append_rule_and_band(buffer, model, outcome, members);
        size_t width = output_width(buffer->text + start);
        for (; width < 56; width++)
            output_bytes(buffer, " ", 1);
        output_format(buffer, "  auditor %s: %s", rubric_grade_code(model, outcome->auditor_grade), agrees);
    } else {
        append_rule_and_band(buffer, model, outcome, members);
    }
    output_bytes(buffer, "\n", 1);
}

/* A checklist section's row: its count instead of a grade. */
static void text_checklist_row(report_writer *writer, const char *label, const rubric_checklist_count *count)
{
    output_buffer *buffer = &writer->buffer;
    output_text(buffer, "  ");
    output_padded(buffer, label, writer->label_width + 2);
    output_padded(buffer, "-", 7);
    output_text(buffer, "checklist: ");
    append_checklist_words(buffer, count);
    output_bytes(buffer, "\n", 1);
}

/* The audit's comments with text, one a line, escaped like the heading. */
static void text_comments(report_writer *writer, const rubric_audit *audit)
{
    output_buffer *buffer = &writer->buffer;
    for (unsigned entry = 0; entry < audit->comment_count; entry++) {
        if (audit->comments[entry].value[0] == '\0')
            continue;
        output_text(buffer, "  Comment on ");
        safe_text_escaped(buffer, audit->comments[entry].key);
        output_text(buffer, ": ");
        safe_text_escaped(buffer, audit->comments[entry].value);
        output_bytes(buffer, "\n", 1);
    }
}

/* The record's heading line; text from the audit has its control
 * characters escaped, so a table row cannot be forged. */
static void text_heading(report_writer *writer, const report_source *source, const rubric_audit *audit)
{
    output_buffer *buffer = &writer->buffer;
    if (source->case_reference)
        safe_text_escaped(buffer, source->case_reference);
    else
        output_text(buffer, "(no case)");
    if (audit && audit->auditor) {
        output_text(buffer, "  ");
        safe_text_escaped(buffer, audit->auditor);
    }
    if (audit && audit->date) {
        output_text(buffer, "  ");
        safe_text_escaped(buffer, audit->date);
    }
    output_text(buffer, "  (");
    safe_text_escaped(buffer, source->input);
    output_format(buffer, " line %lu)\n", source->line);
}

/* A graded audit as a small table: one row per section, then overall. */
static void text_result(report_writer *writer, const report_source *source, const rubric_audit *audit,
                        const rubric_result *result)
{
    const rubric_model *model = writer->model;
    output_buffer *buffer = &writer->buffer;
    text_heading(writer, source, audit);
    output_text(buffer, "  ");
    output_padded(buffer, "Section", writer->label_width + 2);
    output_text(buffer, "Grade  Rule\n");
    for (unsigned section = 0; section < model->section_count; section++) {
        char label[REPORT_LABEL_SIZE];
        report_section_label(model, section, label, sizeof label);
        if (rubric_section_answer_set(model, section) >= 0)
            text_checklist_row(writer, label, &result->checklists[section]);
        else
            text_row(writer, label, &result->sections[section], "criteria");
    }
    text_row(writer, "Overall", &result->overall,
             model->rules.overall_basis == RUBRIC_BASIS_SECTIONS ? "sections" : "criteria");
    if (audit->case_type) {
        output_text(buffer, "  Case type: ");
        safe_text_escaped(buffer, audit->case_type);
        output_bytes(buffer, "\n", 1);
    }
    text_comments(writer, audit);
    output_bytes(buffer, "\n", 1);
}

/* A record error in the table: the heading, then the message. */
static void text_error(report_writer *writer, const report_source *source, const char *message)
{
    text_heading(writer, source, NULL);
    output_text(&writer->buffer, "  error: ");
    safe_text_escaped(&writer->buffer, message);
    output_text(&writer->buffer, "\n\n");
}

/* ------------------------------------------------------------- dispatch */

/* Write the records built so far once they fill a block; 0 on a write error. */
static int write_when_full(report_writer *writer)
{
    if (writer->buffer.length < REPORT_WRITE_BYTES && !writer->buffer.out_of_memory)
        return 1;
    return output_flush_to(&writer->buffer, writer->output);
}

/* Build the record's output in the chosen format; written a block at a time. */
int report_result(report_writer *writer, const report_source *source, const rubric_audit *audit,
                  const rubric_result *result)
{
    switch (writer->format) {
    case REPORT_FORMAT_JSONL: json_result(writer, source, audit, result); break;
    case REPORT_FORMAT_CSV: csv_result(writer, source, audit, result); break;
    case REPORT_FORMAT_TEXT: text_result(writer, source, audit, result); break;
    }
    return write_when_full(writer);
}

/* The same for a record that could not be graded. */
int report_error(report_writer *writer, const report_source *source, const char *message)
{
    switch (writer->format) {
    case REPORT_FORMAT_JSONL: json_error(writer, source, message); break;
    case REPORT_FORMAT_CSV: csv_error(writer, source, message); break;
    case REPORT_FORMAT_TEXT: text_error(writer, source, message); break;
    }
    return write_when_full(writer);
}

/* Write every record still held; 0 on a write error. */
int report_flush(report_writer *writer)
{
    return output_flush_to(&writer->buffer, writer->output);
}
