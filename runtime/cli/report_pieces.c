/*
 * report_pieces.c — making a report's pieces once per rubric (see
 * report_pieces.h for what each table holds and why).
 *
 * Every piece is built by the same appenders the records used to be
 * written with (output_json_string, csv_cell, the words of
 * report_agreement), so a record made of pieces is byte for byte what
 * those appenders would write for it.
 */
#include <stdlib.h>
#include <string.h>

#include "csv_cell.h"
#include "report_pieces.h"
#include "report_words.h"

/* Start a piece: what is appended to the text until piece_end is in it. */
static size_t piece_start(const report_pieces *pieces)
{
    return pieces->text.length;
}

/* The piece from START to the end of the text. Offsets are 32 bits, which
 * keeps the tables small; text beyond that counts as out of memory. */
static report_piece piece_end(report_pieces *pieces, size_t start)
{
    if (pieces->text.length > UINT32_MAX) {
        pieces->text.out_of_memory = 1;
        return (report_piece){0, 0};
    }
    return (report_piece){(uint32_t)start, (uint32_t)(pieces->text.length - start)};
}

/* How a piece's text is written: output_json_string or csv_cell. */
typedef void text_writer(output_buffer *buffer, const char *text);

/* PREFIX, TEXT as WRITE writes it, then SUFFIX, as one piece. */
static report_piece joined_piece(report_pieces *pieces, const char *prefix, const char *text, const char *suffix,
                                 text_writer *write)
{
    size_t start = piece_start(pieces);
    output_text(&pieces->text, prefix);
    write(&pieces->text, text);
    output_text(&pieces->text, suffix);
    return piece_end(pieces, start);
}

/* PREFIX, TEXT as a JSON string, then SUFFIX. */
static report_piece json_piece(report_pieces *pieces, const char *prefix, const char *text, const char *suffix)
{
    return joined_piece(pieces, prefix, text, suffix, output_json_string);
}

/* A limit's words (report_limit_words) between PREFIX and SUFFIX, as WRITE writes them. */
static report_piece limit_piece(report_pieces *pieces, const rubric_model *model, const rubric_limit *limit,
                                const char *prefix, const char *suffix, text_writer *write)
{
    output_buffer words = {0};
    report_limit_words(&words, model, limit);
    pieces->text.out_of_memory |= words.out_of_memory;
    report_piece piece = joined_piece(pieces, prefix, words.text ? words.text : "", suffix, write);
    output_buffer_free(&words);
    return piece;
}

size_t report_pieces_longest(const report_piece *first, size_t count)
{
    size_t longest = 0;
    for (size_t index = 0; index < count; index++)
        if (first[index].length > longest)
            longest = first[index].length;
    return longest;
}

/* How many pieces each table holds; JSON's own tables are empty for CSV. */
typedef struct table_sizes {
    size_t grades, criteria, criterion_pairs, criterion_members, section_members, section_heads, section_opens, heads, limits,
        auditors;
} table_sizes;

/* The tables' sizes for FORMAT, and the spans they are indexed by. */
static table_sizes size_tables(report_pieces *pieces, const rubric_model *model, report_format format)
{
    pieces->grade_span = (size_t)model->level_count + 2;
    pieces->value_span = pieces->grade_span;
    for (unsigned set = 0; set < model->answer_set_count; set++)
        if ((size_t)model->answer_sets[set].answer_count + 2 > pieces->value_span)
            pieces->value_span = (size_t)model->answer_sets[set].answer_count + 2;
    int json = format == REPORT_FORMAT_JSONL;
    size_t pairs = (size_t)model->criterion_count / 2 * pieces->value_span * pieces->value_span;
    return (table_sizes){
        .grades = pieces->grade_span,
        .criteria = json ? (size_t)model->criterion_count * pieces->value_span : 0,
        .criterion_pairs = json && pairs <= REPORT_PAIR_LIMIT ? pairs : 0,
        .criterion_members = json ? model->criterion_count : 0,
        .section_members = json ? model->section_count : 0,
        .section_heads = json ? (size_t)model->section_count * pieces->grade_span : 0,
        .section_opens = json ? model->section_count : 0,
        .heads = json ? 2 * pieces->grade_span * REPORT_METHOD_COUNT : 0,
        .limits = model->rules.limit_count,
        .auditors = pieces->grade_span * pieces->grade_span,
    };
}

/* The next COUNT pieces of the one allocation. */
static report_piece *take(report_piece **next, size_t count)
{
    report_piece *taken = *next;
    *next += count;
    return taken;
}

/* One allocation for every table, each given its part. */
static int allocate_tables(report_pieces *pieces, const table_sizes *sizes)
{
    size_t total = sizes->grades + sizes->criteria + sizes->criterion_pairs + sizes->criterion_members + sizes->section_members +
                   sizes->section_heads + sizes->section_opens + sizes->heads + sizes->limits + sizes->auditors;
    pieces->tables = calloc(total, sizeof *pieces->tables);
    if (pieces->tables == NULL)
        return 0;
    report_piece *next = pieces->tables;
    pieces->grades = take(&next, sizes->grades);
    pieces->criteria = take(&next, sizes->criteria);
    pieces->criterion_pairs = sizes->criterion_pairs ? take(&next, sizes->criterion_pairs) : NULL;
    pieces->criterion_members = take(&next, sizes->criterion_members);
    pieces->section_members = take(&next, sizes->section_members);
    pieces->section_heads = take(&next, sizes->section_heads);
    pieces->section_opens = take(&next, sizes->section_opens);
    pieces->heads = take(&next, sizes->heads);
    pieces->limits = take(&next, sizes->limits);
    pieces->auditors = take(&next, sizes->auditors);
    return 1;
}

/* The grades a grade table holds, from RUBRIC_GRADE_NONE. */
#define FOR_EACH_GRADE(pieces, grade) \
    for (int grade = RUBRIC_GRADE_NONE; report_grade_index(grade) < (pieces)->grade_span; grade++)

/* JSON: an outcome's head, `"grade":"R","rule":"median","counted":`,
 * after the opening of its object: SECTION's `{"id":"id",` (none when
 * SECTION is NULL) or the overall's `,"overall":{`. */
static report_piece json_head(report_pieces *pieces, const rubric_model *model, const char *section, int of_overall,
                              int grade, rubric_method method)
{
    size_t start = piece_start(pieces);
    if (section) {
        output_text(&pieces->text, "{\"id\":");
        output_json_string(&pieces->text, section);
        output_text(&pieces->text, ",");
    }
    if (of_overall)
        output_text(&pieces->text, ",\"overall\":{");
    output_text(&pieces->text, "\"grade\":");
    output_json_string(&pieces->text, rubric_grade_code(model, grade));
    output_text(&pieces->text, ",\"rule\":\"");
    output_text(&pieces->text, rubric_method_name(method));
    if (of_overall)
        output_text(&pieces->text, model->rules.overall_basis == RUBRIC_BASIS_SECTIONS ? " of sections"
                                                                                       : " of criteria");
    output_text(&pieces->text, "\",\"counted\":");
    return piece_end(pieces, start);
}

/* JSON: the auditor's grade beside the outcome's, with whether they agree
 * and, between two levels, how far apart they are; nothing when the
 * auditor gave none. */
static report_piece json_auditor(report_pieces *pieces, const rubric_model *model, int auditor_grade, int grade)
{
    size_t start = piece_start(pieces);
    if (auditor_grade == RUBRIC_GRADE_NONE)
        return piece_end(pieces, start);
    output_text(&pieces->text, ",\"auditor\":");
    output_json_string(&pieces->text, rubric_grade_code(model, auditor_grade));
    output_text(&pieces->text, auditor_grade == grade ? ",\"agrees\":true" : ",\"agrees\":false");
    if (auditor_grade >= 0 && grade >= 0) {
        output_text(&pieces->text, ",\"difference\":");
        output_signed(&pieces->text, (long)grade - auditor_grade);
    }
    return piece_end(pieces, start);
}

/* FIRST then SECOND, two pieces already made, as one. */
static report_piece joined_pair(report_pieces *pieces, report_piece first, report_piece second)
{
    size_t start = piece_start(pieces);
    /* room first, so that the text the pieces are copied from stays where it is */
    if (output_reserve(&pieces->text, (size_t)first.length + second.length)) {
        output_bytes(&pieces->text, pieces->text.text + first.offset, first.length);
        output_bytes(&pieces->text, pieces->text.text + second.offset, second.length);
    }
    return piece_end(pieces, start);
}

/* JSON: every pair of values of criteria 2P and 2P + 1, when there are pairs. */
static void make_criterion_pairs(report_pieces *pieces, const rubric_model *model)
{
    size_t span = pieces->value_span;
    for (unsigned pair = 0; pieces->criterion_pairs && pair < model->criterion_count / 2; pair++) {
        const report_piece *first = pieces->criteria + 2 * pair * span, *second = first + span;
        for (size_t one = 0; one < span; one++)
            for (size_t other = 0; other < span; other++)
                pieces->criterion_pairs[(pair * span + one) * span + other] =
                    joined_pair(pieces, first[one], second[other]);
    }
}

/* The pieces of JSON Lines records. */
static void make_json(report_pieces *pieces, const rubric_model *model)
{
    FOR_EACH_GRADE(pieces, grade)
        pieces->grades[report_grade_index(grade)] = json_piece(pieces, "", rubric_grade_code(model, grade), "");
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        const char *id = model->criteria[criterion].id;
        report_piece *row = pieces->criteria + criterion * pieces->value_span;
        for (int value = RUBRIC_GRADE_NONE; report_grade_index(value) < pieces->value_span; value++) {
            size_t start = piece_start(pieces);
            output_json_string(&pieces->text, id);
            output_text(&pieces->text, ":");
            output_json_string(&pieces->text, rubric_criterion_grade_code(model, criterion, value));
            output_text(&pieces->text, ",");
            row[report_grade_index(value)] = piece_end(pieces, start);
        }
        pieces->criterion_members[criterion] = json_piece(pieces, "", id, ",");
    }
    make_criterion_pairs(pieces, model);
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        pieces->section_members[section] = json_piece(pieces, "", entry->id, ",");
        pieces->section_opens[section] = json_piece(pieces, "{\"id\":", entry->id, ",");
        FOR_EACH_GRADE(pieces, grade)
            pieces->section_heads[section * pieces->grade_span + report_grade_index(grade)] =
                json_head(pieces, model, entry->id, 0, grade, entry->method);
    }
    for (int of_overall = 0; of_overall < 2; of_overall++)
        FOR_EACH_GRADE(pieces, grade)
            for (int method = 0; method < REPORT_METHOD_COUNT; method++)
                pieces->heads[report_head_index(pieces, of_overall, grade, (rubric_method)method)] =
                    json_head(pieces, model, NULL, of_overall, grade, (rubric_method)method);
    for (unsigned rule = 0; rule < model->rules.limit_count; rule++)
        pieces->limits[rule] = limit_piece(pieces, model, &model->rules.limits[rule], ",\"limited_by\":",
                                           ",\"before_limit\":", output_json_string);
    FOR_EACH_GRADE(pieces, auditor_grade)
        FOR_EACH_GRADE(pieces, grade)
            pieces->auditors[report_pair_index(pieces, auditor_grade, grade)] =
                json_auditor(pieces, model, auditor_grade, grade);
    pieces->rubric = json_piece(pieces, ",\"rubric\":", model->id, ",\"auditor\":");
    size_t start = piece_start(pieces);
    output_text(&pieces->text, ",\"tie\":\"");
    output_text(&pieces->text, rubric_ties_name(model->rules.ties));
    output_text(&pieces->text, "\"");
    pieces->tie = piece_end(pieces, start);
}

/* The pieces of CSV rows: every cell through csv_cell. */
static void make_csv(report_pieces *pieces, const rubric_model *model)
{
    FOR_EACH_GRADE(pieces, grade)
        pieces->grades[report_grade_index(grade)] =
            joined_piece(pieces, ",", rubric_grade_code(model, grade), "", csv_cell);
    for (unsigned rule = 0; rule < model->rules.limit_count; rule++)
        pieces->limits[rule] = limit_piece(pieces, model, &model->rules.limits[rule], ",", "", csv_cell);
    FOR_EACH_GRADE(pieces, auditor_grade)
        FOR_EACH_GRADE(pieces, grade) {
            rubric_outcome outcome = {.grade = grade, .auditor_grade = auditor_grade};
            char agreement[64];
            size_t start = piece_start(pieces);
            output_text(&pieces->text, ",");
            csv_cell(&pieces->text, rubric_grade_code(model, auditor_grade));
            output_text(&pieces->text, ",");
            csv_cell(&pieces->text, report_agreement(&outcome, agreement, sizeof agreement));
            pieces->auditors[report_pair_index(pieces, auditor_grade, grade)] = piece_end(pieces, start);
        }
    pieces->rubric = joined_piece(pieces, ",", model->id, ",", csv_cell);
}

int report_pieces_make(report_pieces *pieces, const rubric_model *model, report_format format)
{
    *pieces = (report_pieces){0};
    if (format == REPORT_FORMAT_TEXT)
        return 1;
    table_sizes sizes = size_tables(pieces, model, format);
    if (!allocate_tables(pieces, &sizes))
        return 0;
    if (format == REPORT_FORMAT_JSONL)
        make_json(pieces, model);
    else
        make_csv(pieces, model);
    static const char padding[OUTPUT_BLOCK] = {0};
    output_bytes(&pieces->text, padding, sizeof padding);
    return !pieces->text.out_of_memory;
}

void report_pieces_free(report_pieces *pieces)
{
    output_buffer_free(&pieces->text);
    free(pieces->tables);
    *pieces = (report_pieces){0};
}
