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
 * JSON Lines and CSV are the streaming formats, so their hot path writes
 * no printf and escapes nothing it can know beforehand: every piece of a
 * record that depends only on the rubric (ids, grade codes and the words
 * around them) is made once with the report (report_pieces.h), and the
 * input's name once per input; a record is then its pieces copied with
 * room for them reserved once, counts in decimal, and the audit's own
 * strings escaped. Records gather in one buffer and go out 64 KiB at a
 * time, one fwrite per block.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "csv_cell.h"
#include "output_buffer.h"
#include "report.h"
#include "report_facts.h"
#include "report_pieces.h"
#include "report_words.h"
#include "safe_text.h"

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
    report_pieces pieces;        /* made once (report_pieces.h) */
    size_t json_bound;           /* most bytes a JSON record takes after its date */
    size_t csv_bound;            /* most bytes a CSV row's outcome cells take */
    int *overall_grades;         /* JSON: the overall's members' grades, RUBRIC_GRADE_NONE for
                                    those left out of it (overall_grades_of) */
    unsigned *deciders;          /* JSON: scratch for the members that decide an outcome */
    /* The record's first piece, made again only when the input changes:
     * {"input":"NAME","line": in JSON, NAME, in CSV. */
    int input_known;             /* input and input_head are set */
    char *input;                 /* a copy of the input's name (NULL: none) */
    output_buffer input_head;
    /* Format 2: what the rubric uses, so the plain path stays plain. */
    int has_checklists;          /* some section is answered with an answer set */
    int all_in_overall;          /* every section counts in the overall */
    int has_means;               /* some section or the overall uses the mean method */
    int comment_columns;         /* CSV: comment:... columns (report_set_comments) */
    int dropped_comments;        /* CSV: an audit's comments had no columns */
    char **field_keys;           /* CSV: the field:KEY columns, the pass-through fields of the
                                    first record written (report_facts.h) */
    unsigned field_key_count;
    int dropped_fields;          /* CSV: a later record's field had no column */
    unsigned extra_columns;      /* CSV: columns after the section columns */
    int partial;                 /* JSON: incomplete outcomes say what they wait for (report_set_partial) */
};

/* Records are held until they fill this much, then written with one fwrite. */
enum { REPORT_WRITE_BYTES = 1 << 16 };

/* Append a piece by the checked appender (room not reserved). */
static void append_piece(output_buffer *buffer, const report_writer *writer, report_piece piece)
{
    output_bytes(buffer, writer->pieces.text.text + piece.offset, piece.length);
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

/* Partial grading: an incomplete outcome gets "incomplete" and "missing". */
void report_set_partial(report_writer *writer, int partial)
{
    writer->partial = partial;
}

int report_dropped_comments(const report_writer *writer)
{
    return writer->dropped_comments;
}

int report_dropped_fields(const report_writer *writer)
{
    return writer->dropped_fields;
}

/* Room for an outcome object's fixed words ("not_applicable", "decided_by"
 * and the punctuation between) and its two counts. */
enum { OUTCOME_WORDS = 64 + 2 * OUTPUT_DECIMAL_SIZE };

/* The most bytes json_result writes after the record's date by pieces
 * and unchecked appends: every criterion's longest piece, each member's
 * piece once for its section and once for the overall, and per outcome
 * its longest head, limit, grade, tie and auditor pieces and its words;
 * then the padding the last piece may write past its end. What is written
 * by the checked appenders (format 2's extras) makes room for the rest
 * again after it. */
static size_t json_record_bound(const report_writer *writer)
{
    const rubric_model *model = writer->model;
    const report_pieces *pieces = &writer->pieces;
    size_t bound = OUTCOME_WORDS; /* the record's own words around its lists */
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        bound += report_pieces_longest(pieces->criteria + criterion * pieces->value_span, pieces->value_span) +
                 2 * pieces->criterion_members[criterion].length;
    for (unsigned section = 0; section < model->section_count; section++)
        bound += pieces->section_opens[section].length + pieces->section_members[section].length;
    size_t outcome = OUTCOME_WORDS + pieces->tie.length +
                     report_pieces_longest(pieces->heads, 2 * pieces->grade_span * REPORT_METHOD_COUNT) +
                     report_pieces_longest(pieces->limits, model->rules.limit_count) +
                     report_pieces_longest(pieces->grades, pieces->grade_span) +
                     report_pieces_longest(pieces->auditors, pieces->grade_span * pieces->grade_span);
    return bound + ((size_t)model->section_count + 1) * outcome + OUTPUT_BLOCK;
}

/* The most bytes a CSV row's outcome cells take, by pieces: per outcome
 * its grade, limit (or an empty cell) and auditor pieces, then the padding. */
static size_t csv_outcomes_bound(const report_writer *writer)
{
    const rubric_model *model = writer->model;
    const report_pieces *pieces = &writer->pieces;
    size_t outcome = 1 + sizeof REPORT_NOT_GRADED + report_pieces_longest(pieces->grades, pieces->grade_span) +
                     report_pieces_longest(pieces->limits, model->rules.limit_count) +
                     report_pieces_longest(pieces->auditors, pieces->grade_span * pieces->grade_span);
    return ((size_t)model->section_count + 1) * outcome + OUTPUT_BLOCK;
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
    if (!report_pieces_make(&created->pieces, model, format)) {
        report_free(created);
        return NULL;
    }
    if (format == REPORT_FORMAT_JSONL) {
        created->json_bound = json_record_bound(created);
        size_t members = model->section_count > model->criterion_count ? model->section_count
                                                                        : model->criterion_count;
        created->overall_grades = calloc(members + 1, sizeof *created->overall_grades);
        created->deciders = calloc(members + 1, sizeof *created->deciders);
        if (created->overall_grades == NULL || created->deciders == NULL) {
            report_free(created);
            return NULL;
        }
    }
    if (format == REPORT_FORMAT_CSV)
        created->csv_bound = csv_outcomes_bound(created);
    return created;
}

/* Free the report and its buffer. */
void report_free(report_writer *writer)
{
    if (writer == NULL)
        return;
    output_buffer_free(&writer->buffer);
    output_buffer_free(&writer->scratch);
    output_buffer_free(&writer->input_head);
    report_pieces_free(&writer->pieces);
    free(writer->input);
    free(writer->overall_grades);
    free(writer->deciders);
    report_facts_free_keys(writer->field_keys, writer->field_key_count);
    free(writer);
}

/* What capped an outcome: "criterion s47-risk" or "section section-2";
 * a conditional limit in its own words ("is I when criterion child-safe
 * is I"). */
static void append_limit(output_buffer *buffer, const rubric_model *model, const rubric_outcome *outcome)
{
    report_limit_words(buffer, model, &model->rules.limits[outcome->limit_rule]);
}

/* A mean in hundredths as a JSON number, as short as exact: 8, 6.5, 7.14. */
static void append_mean(output_buffer *buffer, unsigned long hundredths)
{
    char text[RUBRIC_DECIMAL_SIZE];
    output_text(buffer, rubric_decimal_text(hundredths, 2, text));
}

/* A percentage in tenths as a number, 66.7 or 100 (nothing when -1). */
static void append_percentage(output_buffer *buffer, long tenths)
{
    char text[RUBRIC_DECIMAL_SIZE];
    if (tenths >= 0)
        output_text(buffer, rubric_decimal_text((unsigned long)tenths, 1, text));
}

/* A checklist's count in words: "2 of 3 met (66.7%)", "none applicable". */
static void append_checklist_words(output_buffer *buffer, const rubric_checklist_count *count)
{
    if (count->applicable == 0) {
        output_text(buffer, "none applicable");
        return;
    }
    output_unsigned(buffer, count->met);
    output_text(buffer, " of ");
    output_unsigned(buffer, count->applicable);
    output_text(buffer, " met (");
    append_percentage(buffer, rubric_checklist_percentage_tenths(count));
    output_text(buffer, "%)");
}

/* What an outcome's members are: criteria, or (an overall of sections) sections. */
typedef enum report_members { REPORT_CRITERIA, REPORT_SECTIONS } report_members;

/* COUNT members in words: "1 criterion", "3 criteria", "1 section". */
static void append_members(output_buffer *buffer, unsigned count, report_members members)
{
    static const char *const words[][2] = {{"criterion", "criteria"}, {"section", "sections"}};
    output_unsigned(buffer, count);
    output_bytes(buffer, " ", 1);
    output_text(buffer, words[members][count != 1]);
}

/* Whether the members of an outcome weigh other than 1 (a section's
 * criteria, or the overall's sections or criteria): then its median or
 * most frequent grade is a weighted one, and the words say so. */
static int members_weighted(const rubric_model *model, int section)
{
    if (section < 0 && model->rules.overall_basis == RUBRIC_BASIS_SECTIONS) {
        for (unsigned index = 0; index < model->section_count; index++)
            if (rubric_section_in_overall(model, index) && rubric_section_weight(model, index) != 100)
                return 1;
        return 0;
    }
    unsigned first = section < 0 ? 0 : model->sections[section].first_criterion;
    unsigned count = section < 0 ? model->criterion_count : model->sections[section].criterion_count;
    for (unsigned criterion = first; criterion < first + count; criterion++)
        if (rubric_criterion_weight(model, criterion) != 100)
            return 1;
    return 0;
}

/* The rule in words: "median of 8 criteria, 2 NA left out, tie to lower; no
 * better than criterion s47-risk (median gave G)"; a median or most
 * frequent grade of weighted members is called weighted. SECTION is the
 * outcome's section, -1 for the overall. */
static void append_rule_words(output_buffer *buffer, const rubric_model *model, const rubric_outcome *outcome,
                              int section)
{
    const rubric_rules *rules = &model->rules;
    report_members members = section >= 0 || rules->overall_basis == RUBRIC_BASIS_CRITERIA ? REPORT_CRITERIA
                                                                                            : REPORT_SECTIONS;
    if (outcome->not_graded) {
        /* "not graded when fewer than 2 criteria in section s2 are graded" */
        report_limit_words(buffer, model, &rules->limits[outcome->not_graded_rule]);
        return;
    }
    if (outcome->grade == RUBRIC_GRADE_NONE) {
        /* only partial grading leaves a graded section without a grade */
        output_text(buffer, "incomplete: criteria still to grade");
        return;
    }
    if (outcome->counted == 0) {
        output_text(buffer, "all ");
        append_members(buffer, outcome->not_applicable, members);
        output_text(buffer, " NA");
        return;
    }
    if ((outcome->method == RUBRIC_METHOD_MEDIAN || outcome->method == RUBRIC_METHOD_MOST_FREQUENT) &&
        members_weighted(model, section))
        output_text(buffer, "weighted ");
    output_text(buffer, rubric_method_name(outcome->method));
    output_text(buffer, " of ");
    append_members(buffer, outcome->counted, members);
    if (section < 0 && rules->unrounded_sections)
        output_text(buffer, "' unrounded means");
    if (outcome->has_mean) {
        output_text(buffer, " (");
        append_mean(buffer, outcome->mean_hundredths);
        output_text(buffer, ")");
    }
    if (outcome->not_applicable) {
        output_text(buffer, ", ");
        output_unsigned(buffer, outcome->not_applicable);
        if (rules->not_applicable == RUBRIC_NA_LEAVE_OUT) {
            output_text(buffer, " NA left out");
        } else {
            output_text(buffer, " NA counted as ");
            output_text(buffer, model->levels[rules->not_applicable_level].code);
        }
    }
    if (outcome->decided_by_tie) {
        output_text(buffer, ", tie to ");
        output_text(buffer, rubric_ties_name(outcome->ties));
    }
    if (outcome->limited) {
        output_text(buffer, outcome->limit_kind == RUBRIC_LIMIT_BY_CONDITION ? "; " : "; no better than ");
        append_limit(buffer, model, outcome);
        output_text(buffer, " (");
        output_text(buffer, rubric_method_name(outcome->method));
        output_text(buffer, " gave ");
        output_text(buffer, rubric_grade_code(model, outcome->method_grade));
        output_text(buffer, ")");
    }
}

/* The record's first piece, which depends only on its input:
 * {"input":"NAME","line": in JSON Lines, NAME, in CSV. Records come an
 * input at a time, so it is made again only when the name changes. */
static const output_buffer *input_head(report_writer *writer, const char *input)
{
    if (writer->input_known &&
        (input && writer->input ? strcmp(input, writer->input) == 0 : input == writer->input))
        return &writer->input_head;
    free(writer->input);
    writer->input = input ? strdup(input) : NULL;
    writer->input_known = input == NULL || writer->input != NULL;
    output_buffer *head = &writer->input_head;
    output_clear(head);
    if (writer->format == REPORT_FORMAT_JSONL) {
        output_text(head, "{\"input\":");
        output_json_string(head, input);
        output_text(head, ",\"line\":");
    } else {
        csv_cell(head, input);
        output_bytes(head, ",", 1);
    }
    /* padding, so that it is copied like a piece */
    if (output_reserve(head, OUTPUT_BLOCK))
        memset(head->text + head->length, 0, OUTPUT_BLOCK);
    writer->buffer.out_of_memory |= head->out_of_memory;
    return head;
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

/* A string literal at a cursor where room was reserved. */
#define PUT_LITERAL(to, literal) output_put(to, literal, sizeof literal - 1)

/* End a list whose items were each written with a comma after them, from
 * OPENED to TO: the last comma becomes CLOSER (an empty list just gets
 * it). Returns the list's end. */
static inline char *close_list(char *to, const char *opened, char closer)
{
    if (to == opened)
        *to++ = closer;
    else
        to[-1] = closer;
    return to;
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
    return output_reserve(buffer, writer->json_bound);
}

/* "decided_by": the members that hold the grade the method chose (for a
 * mean, every grade it counted), each grade as counted
 * (rubric_grade_as_counted). GRADES are the members' grades, IDS their
 * pieces, COUNT of them from FIRST; a member left out of the outcome is
 * graded RUBRIC_GRADE_NONE, which decides nothing. Written at TO; returns
 * the end. */
static char *json_decided_by(const report_writer *writer, char *to, const rubric_outcome *outcome,
                             const int *grades, const report_piece *ids, unsigned first, unsigned count)
{
    const char *text = writer->pieces.text.text;
    rubric_deciding_range range = rubric_outcome_deciding_range(writer->model, outcome);
    to = PUT_LITERAL(to, ",\"decided_by\":[");
    const char *opened = to;
    /* The members that decide are listed first, with no branch on the
     * grades (which follow no pattern a processor could predict): each is
     * written at the end of the list, which grows only when it decides.
     * Then their pieces are copied. */
    unsigned *deciders = writer->deciders, decider_count = 0;
    for (unsigned member = first; member < first + count; member++) {
        int grade = grades[member] == RUBRIC_GRADE_NOT_APPLICABLE ? range.not_applicable_as : grades[member];
        deciders[decider_count] = member;
        decider_count += (unsigned)grade - range.lowest <= range.span;
    }
    for (unsigned index = 0; index < decider_count; index++)
        to = report_piece_put(to, text, ids[deciders[index]]);
    return close_list(to, opened, ']');
}

/* One outcome object's members at TO after its head (its opening, grade
 * and rule, written by the caller): counts, tie, deciding members, limit,
 * auditor's grade; the closing brace is the caller's.
 * Its members (json_decided_by) are COUNT from FIRST, graded GRADES, with
 * pieces IDS. Returns the end, or NULL when out of memory. */
static char *json_outcome(report_writer *writer, char *to, const rubric_outcome *outcome, const int *grades,
                          const report_piece *ids, unsigned first, unsigned count)
{
    const report_pieces *pieces = &writer->pieces;
    const char *text = pieces->text.text;
    to = output_put_unsigned(to, outcome->counted);
    to = PUT_LITERAL(to, ",\"not_applicable\":");
    to = output_put_unsigned(to, outcome->not_applicable);
    if (outcome->decided_by_tie)   /* the tie rule of its own method */
        to = outcome->ties == RUBRIC_TIES_HIGHER ? PUT_LITERAL(to, ",\"tie\":\"higher\"")
                                                 : PUT_LITERAL(to, ",\"tie\":\"lower\"");
    if (outcome->counted)
        to = json_decided_by(writer, to, outcome, grades, ids, first, count);
    if (outcome->limited) {
        to = report_piece_put(to, text, pieces->limits[outcome->limit_rule]);
        to = report_piece_put(to, text, pieces->grades[report_grade_index(outcome->method_grade)]);
    }
    if (outcome->has_mean || writer->model->band_count) {
        output_buffer *buffer = &writer->buffer;
        output_set_end(buffer, to);
        if (!json_outcome_extras(writer, buffer, outcome))
            return NULL;
        to = output_end(buffer);
    }
    if (outcome->auditor_grade == RUBRIC_GRADE_NONE)
        return to;
    return report_piece_put(to, text,
                            pieces->auditors[report_pair_index(pieces, outcome->auditor_grade, outcome->grade)]);
}

/* Partial grading: an outcome (SECTION, or -1 for the overall) that waits
 * for ungraded criteria gets ,"incomplete":true,"missing":[ids], written
 * at TO by the checked appenders. Returns the end, or NULL when out of
 * memory. */
static char *json_missing(report_writer *writer, char *to, const rubric_result *result, int section)
{
    const rubric_model *model = writer->model;
    unsigned count = rubric_outcome_missing(result, section, writer->deciders, model->criterion_count);
    if (count == 0)
        return to;
    output_buffer *buffer = &writer->buffer;
    output_set_end(buffer, to);
    output_text(buffer, ",\"incomplete\":true,\"missing\":[");
    for (unsigned index = 0; index < count; index++) {
        if (index)
            output_bytes(buffer, ",", 1);
        output_json_string(buffer, model->criteria[writer->deciders[index]].id);
    }
    output_bytes(buffer, "]", 1);
    return output_reserve(buffer, writer->json_bound) ? output_end(buffer) : NULL;
}

/* A not graded outcome's members (report_not_graded_json) at TO; returns
 * the end, or NULL when out of memory. */
static char *json_not_graded(report_writer *writer, char *to, const rubric_outcome *outcome)
{
    output_set_end(&writer->buffer, to);
    report_not_graded_json(&writer->buffer, writer->model, outcome);
    return output_reserve(&writer->buffer, writer->json_bound) ? output_end(&writer->buffer) : NULL;
}

/* The room json_source needs, beside the words every record has. */
static size_t json_source_room(const output_buffer *head, const report_source *source)
{
    return output_room_add(head->length + OUTPUT_BLOCK + OUTPUT_DECIMAL_SIZE,
                           output_json_string_room(source->case_reference));
}

/* The record's identity at TO: input, line, case; returns the end. */
static char *json_source(char *to, const output_buffer *head, const report_source *source)
{
    to = output_put_blocks(to, head->text, head->length);
    to = output_put_unsigned(to, source->line);
    to = PUT_LITERAL(to, ",\"case\":");
    return output_put_json_string(to, source->case_reference);
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
            /* the auditor's own grade for the section, when given: kept as written */
            if (result->sections[section].auditor_grade != RUBRIC_GRADE_NONE) {
                output_text(buffer, ",\"auditor\":");
                output_json_string(buffer, rubric_grade_code(model, result->sections[section].auditor_grade));
            }
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

/* "criteria": each criterion's piece for its grade, two criteria to a
 * piece where there are pairs, at TO; returns the end. */
static char *json_criteria(const report_writer *writer, char *to, const rubric_result *result)
{
    const report_pieces *pieces = &writer->pieces;
    const char *text = pieces->text.text;
    const int *grades = result->criterion_grades;
    unsigned count = writer->model->criterion_count, criterion = 0;
    size_t span = pieces->value_span;
    to = PUT_LITERAL(to, ",\"criteria\":{");
    const char *opened = to;
    if (pieces->criterion_pairs) {
        const report_piece *pairs = pieces->criterion_pairs;
        for (; criterion + 1 < count; criterion += 2, pairs += span * span)
            to = report_piece_put(to, text, pairs[report_grade_index(grades[criterion]) * span +
                                                   report_grade_index(grades[criterion + 1])]);
    }
    const report_piece *row = pieces->criteria + criterion * span;
    for (; criterion < count; criterion++, row += span)
        to = report_piece_put(to, text, row[report_grade_index(grades[criterion])]);
    return close_list(to, opened, '}');
}

/* The grades the overall's decided_by reads: the sections', or the
 * criteria's when it is of criteria, with every member left out of the
 * overall graded RUBRIC_GRADE_NONE. */
static const int *overall_grades_of(report_writer *writer, const rubric_result *result, int of_sections)
{
    const rubric_model *model = writer->model;
    if (of_sections) {
        for (unsigned section = 0; section < model->section_count; section++)
            writer->overall_grades[section] = writer->all_in_overall || rubric_section_in_overall(model, section)
                                                  ? result->sections[section].grade
                                                  : RUBRIC_GRADE_NONE;
    } else if (!writer->all_in_overall) {
        for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
            writer->overall_grades[criterion] = rubric_section_in_overall(model, model->criteria[criterion].section)
                                                    ? result->criterion_grades[criterion]
                                                    : RUBRIC_GRADE_NONE;
    } else {
        return result->criterion_grades;
    }
    return writer->overall_grades;
}

/* Room for the words every record has beside its pieces: the keys case,
 * date and case_type, the braces and brackets of its lists. */
enum { RECORD_WORDS = 128 };

/* A graded audit as one JSON object on one line: room for the whole
 * record made once, then written at a cursor. */
static void json_result(report_writer *writer, const report_source *source, const rubric_audit *audit,
                        const rubric_result *result)
{
    const rubric_model *model = writer->model;
    const report_pieces *pieces = &writer->pieces;
    output_buffer *buffer = &writer->buffer;
    const output_buffer *head = input_head(writer, source->input);
    size_t room = output_room_add(json_source_room(head, source), writer->json_bound + RECORD_WORDS);
    room = output_room_add(room, output_json_string_room(audit->auditor));
    room = output_room_add(room, output_json_string_room(audit->date));
    if (audit->case_type)
        room = output_room_add(room, output_json_string_room(audit->case_type));
    if (source->amended_at)
        room = output_room_add(room, output_room_add(output_json_string_room(source->amended_by),
                                                     output_json_string_room(source->amended_at)));
    room = output_room_add(room, report_facts_json_room(model, audit));
    if (!output_reserve(buffer, room))
        return;
    char *to = json_source(output_end(buffer), head, source);
    to = report_piece_put(to, pieces->text.text, pieces->rubric);
    to = output_put_json_string(to, audit->auditor);
    to = PUT_LITERAL(to, ",\"date\":");
    to = output_put_json_string(to, audit->date);
    if (audit->case_type) {
        to = PUT_LITERAL(to, ",\"case_type\":");
        to = output_put_json_string(to, audit->case_type);
    }
    if (source->amended_at) {
        to = PUT_LITERAL(to, ",\"amended_by\":");
        to = output_put_json_string(to, source->amended_by);
        to = PUT_LITERAL(to, ",\"amended_at\":");
        to = output_put_json_string(to, source->amended_at);
    }
    to = report_facts_put_json(to, model, audit);
    to = json_criteria(writer, to, result);
    to = PUT_LITERAL(to, ",\"sections\":[");
    /* where the list starts, as an offset: format 2's extras may move the buffer */
    size_t sections_start = (size_t)(to - buffer->text);
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        if (writer->has_checklists && rubric_section_answer_set(model, section) >= 0)
            continue;
        const rubric_outcome *outcome = &result->sections[section];
        if (outcome->method == entry->method) {
            to = report_piece_put(to, pieces->text.text,
                                  pieces->section_heads[section * pieces->grade_span +
                                                        report_grade_index(outcome->grade)]);
        } else {
            to = report_piece_put(to, pieces->text.text, pieces->section_opens[section]);
            to = report_piece_put(to, pieces->text.text,
                                  pieces->heads[report_head_index(pieces, 0, outcome->grade, outcome->method)]);
        }
        to = json_outcome(writer, to, outcome, result->criterion_grades, pieces->criterion_members,
                          entry->first_criterion, entry->criterion_count);
        if (to != NULL && outcome->not_graded)
            to = json_not_graded(writer, to, outcome);
        if (to != NULL && writer->partial)
            to = json_missing(writer, to, result, (int)section);
        if (to == NULL)
            return;
        to = PUT_LITERAL(to, "},");
    }
    to = close_list(to, buffer->text + sections_start, ']');
    int of_sections = model->rules.overall_basis == RUBRIC_BASIS_SECTIONS;
    to = report_piece_put(to, pieces->text.text, pieces->heads[report_head_index(pieces, 1, result->overall.grade,
                                                                                 result->overall.method)]);
    to = json_outcome(writer, to, &result->overall, overall_grades_of(writer, result, of_sections),
                      of_sections ? pieces->section_members : pieces->criterion_members, 0,
                      of_sections ? model->section_count : model->criterion_count);
    if (to != NULL && result->overall.not_graded)
        to = json_not_graded(writer, to, &result->overall);
    if (to != NULL && writer->partial)
        to = json_missing(writer, to, result, -1);
    if (to == NULL)
        return;
    if (!writer->has_checklists && !has_comments(audit)) {
        to = PUT_LITERAL(to, "}}\n");
        *to = '\0';
        output_set_end(buffer, to);
        return;
    }
    to = PUT_LITERAL(to, "}");
    *to = '\0';
    output_set_end(buffer, to);
    json_checklists_and_comments(writer, buffer, audit, result);
    output_text(buffer, "}\n");
}

/* A record error as one JSON object on one line. */
static void json_error(report_writer *writer, const report_source *source, const char *message)
{
    output_buffer *buffer = &writer->buffer;
    const output_buffer *head = input_head(writer, source->input);
    if (!output_reserve(buffer, output_room_add(json_source_room(head, source), RECORD_WORDS)))
        return;
    output_set_end(buffer, json_source(output_end(buffer), head, source));
    json_member(buffer, "error", message);
    output_text(buffer, "}\n");
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
    csv_cell(&writer->buffer, name);
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
    for (unsigned fact = 0; fact < model->fact_count; fact++)
        csv_extra_cell(writer, model->facts[fact].key, "", "");
    for (unsigned key = 0; key < writer->field_key_count; key++)
        csv_extra_cell(writer, "field:", writer->field_keys[key], "");
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        if (model->criteria[criterion].timescale != NULL)
            csv_extra_cell(writer, "timescale:", model->criteria[criterion].id, "");
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
        csv_cell(buffer, outcome->band >= 0 ? model->bands[outcome->band].label : NULL);
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
    if (writer->extra_columns == 0) {
        /* a rubric of format 1, and no comment or field columns */
        writer->dropped_comments |= has_comments(audit);
        writer->dropped_fields |= !report_facts_fields_have_columns(model, audit, NULL, 0);
        return;
    }
    if (model->case_type_count) {
        output_bytes(buffer, ",", 1);
        csv_cell(buffer, audit->case_type);
    }
    if (!report_facts_csv_cells(buffer, model, audit, (const char *const *)writer->field_keys,
                                writer->field_key_count))
        writer->dropped_fields = 1;
    csv_band_and_mean(writer, &result->overall);
    for (unsigned section = 0; section < model->section_count; section++) {
        if (rubric_section_answer_set(model, section) < 0) {
            csv_band_and_mean(writer, &result->sections[section]);
            continue;
        }
        const rubric_checklist_count *count = &result->checklists[section];
        output_bytes(buffer, ",", 1);
        output_unsigned(buffer, count->met);
        output_bytes(buffer, ",", 1);
        output_unsigned(buffer, count->applicable);
        output_bytes(buffer, ",", 1);
        append_percentage(buffer, rubric_checklist_percentage_tenths(count));
    }
    if (!writer->comment_columns) {
        writer->dropped_comments |= has_comments(audit);
        return;
    }
    output_bytes(buffer, ",", 1);
    csv_cell(buffer, comment_on(audit, RUBRIC_OVERALL_COMMENT_KEY));
    for (unsigned section = 0; section < model->section_count; section++) {
        output_bytes(buffer, ",", 1);
        csv_cell(buffer, comment_on(audit, model->sections[section].id));
    }
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        output_bytes(buffer, ",", 1);
        csv_cell(buffer, comment_on(audit, model->criteria[criterion].id));
    }
}

/* The header row: the record, the overall outcome, then four columns per
 * section, then the extra columns (csv_extra_header). */
static void csv_header(report_writer *writer, const rubric_audit *audit)
{
    output_buffer *buffer = &writer->buffer;
    /* the field:KEY columns: the first record's (every row of a CSV input
     * carries all its passed-through columns) */
    if (audit != NULL && !report_facts_field_keys(writer->model, audit, &writer->field_keys, &writer->field_key_count))
        buffer->out_of_memory = 1;
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
            csv_cell(buffer, name);
        }
    }
    csv_extra_header(writer);
    csv_end_row(writer);
    writer->header_written = 1;
}

/* The first six cells: input, line, case, rubric, auditor, date. Every
 * cell from an audit goes through csv_cell, which neutralises
 * a cell a spreadsheet would run as a formula (the input's and the
 * rubric's cells were made by it once). */
static void csv_source(report_writer *writer, const report_source *source, const rubric_audit *audit)
{
    output_buffer *buffer = &writer->buffer;
    if (!writer->header_written)
        csv_header(writer, audit ? audit : source->audit);
    const output_buffer *head = input_head(writer, source->input);
    output_bytes(buffer, head->text, head->length);
    output_unsigned(buffer, source->line);
    output_bytes(buffer, ",", 1);
    csv_cell(buffer, source->case_reference);
    if (audit) {
        append_piece(buffer, writer, writer->pieces.rubric);
    } else {
        /* a failed record keeps what was read of it, for sending it back */
        audit = source->audit;
        output_bytes(buffer, ",", 1);
        csv_cell(buffer, audit ? audit->rubric_id : NULL);
        output_bytes(buffer, ",", 1);
    }
    csv_cell(buffer, audit ? audit->auditor : NULL);
    output_bytes(buffer, ",", 1);
    csv_cell(buffer, audit ? audit->date : NULL);
    output_bytes(buffer, ",", 1);
}

/* An outcome's limit and auditor cells at TO, where room was reserved;
 * returns the end (its grade, and the overall's rule, are written before
 * them). */
static char *csv_outcome_tail(const report_writer *writer, char *to, const rubric_outcome *outcome)
{
    const report_pieces *pieces = &writer->pieces;
    if (outcome->limited || outcome->not_graded)
        to = report_piece_put(to, pieces->text.text,
                              pieces->limits[outcome->not_graded ? outcome->not_graded_rule : outcome->limit_rule]);
    else
        to = PUT_LITERAL(to, ",");
    return report_piece_put(to, pieces->text.text,
                            pieces->auditors[report_pair_index(pieces, outcome->auditor_grade, outcome->grade)]);
}

/* A graded audit as one row: the overall's rule in words, built and
 * quoted; every other outcome cell from pieces. */
static void csv_result(report_writer *writer, const report_source *source, const rubric_audit *audit,
                       const rubric_result *result)
{
    const rubric_model *model = writer->model;
    const report_pieces *pieces = &writer->pieces;
    output_buffer *buffer = &writer->buffer;
    csv_source(writer, source, audit);
    if (result->overall.not_graded)
        output_text(buffer, "," REPORT_NOT_GRADED);
    else
        append_piece(buffer, writer, pieces->grades[report_grade_index(result->overall.grade)]);
    output_bytes(buffer, ",", 1);
    output_clear(&writer->scratch);
    append_rule_words(&writer->scratch, model, &result->overall, -1);
    csv_cell(buffer, writer->scratch.text);
    if (!output_reserve(buffer, writer->csv_bound))
        return;
    char *to = csv_outcome_tail(writer, output_end(buffer), &result->overall);
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_outcome *outcome = &result->sections[section];
        to = outcome->not_graded ? PUT_LITERAL(to, "," REPORT_NOT_GRADED)
                                 : report_piece_put(to, pieces->text.text, pieces->grades[report_grade_index(outcome->grade)]);
        to = csv_outcome_tail(writer, to, outcome);
    }
    *to = '\0';
    output_set_end(buffer, to);
    csv_extra_cells(writer, audit, result);
    csv_end_row(writer);
}

/* A record error as a row whose grade cells are empty. */
static void csv_error(report_writer *writer, const report_source *source, const char *message)
{
    output_buffer *buffer = &writer->buffer;
    csv_source(writer, source, NULL);
    csv_cell(buffer, message);
    for (unsigned cell = 0; cell < 5 + 4 * writer->model->section_count + writer->extra_columns; cell++)
        output_bytes(buffer, ",", 1);
    csv_end_row(writer);
}

/* ---------------------------------------------------------------------- text */

/* The rule in words, then the band of a rubric with bands. */
static void append_rule_and_band(output_buffer *buffer, const rubric_model *model, const rubric_outcome *outcome,
                                 int section)
{
    append_rule_words(buffer, model, outcome, section);
    if (model->band_count && outcome->band >= 0)
        output_format(buffer, "; band %s", model->bands[outcome->band].label);
}

/* One table row: label, grade, rule, the auditor's grade and agreement. */
static void text_row(report_writer *writer, const char *label, const rubric_outcome *outcome, int section)
{
    const rubric_model *model = writer->model;
    output_buffer *buffer = &writer->buffer;
    char agreement[64];
    output_text(buffer, "  ");
    output_padded(buffer, label, writer->label_width + 2);
    output_padded(buffer, outcome->grade == RUBRIC_GRADE_NONE ? "-" : rubric_grade_code(model, outcome->grade), 7);
    const char *agrees = report_agreement(outcome, agreement, sizeof agreement);
    if (agrees) {
        size_t start = buffer->length;
        append_rule_and_band(buffer, model, outcome, section);
        size_t width = output_width(buffer->text + start);
        for (; width < 56; width++)
            output_bytes(buffer, " ", 1);
        output_format(buffer, "  auditor %s: %s", rubric_grade_code(model, outcome->auditor_grade), agrees);
    } else {
        append_rule_and_band(buffer, model, outcome, section);
    }
    output_bytes(buffer, "\n", 1);
}

/* A checklist section's row: its count instead of a grade, then the
 * auditor's own grade for the section when given (kept, though there is
 * no grade to compare it with). */
static void text_checklist_row(report_writer *writer, const char *label, const rubric_checklist_count *count,
                               int auditor_grade)
{
    output_buffer *buffer = &writer->buffer;
    output_text(buffer, "  ");
    output_padded(buffer, label, writer->label_width + 2);
    output_padded(buffer, "-", 7);
    size_t start = buffer->length;
    output_text(buffer, "checklist: ");
    append_checklist_words(buffer, count);
    if (auditor_grade != RUBRIC_GRADE_NONE) {
        for (size_t width = output_width(buffer->text + start); width < 56; width++)
            output_bytes(buffer, " ", 1);
        output_format(buffer, "  auditor %s", rubric_grade_code(writer->model, auditor_grade));
    }
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
    if (source->amended_at) {
        output_text(buffer, "  amended by ");
        safe_text_escaped(buffer, source->amended_by);
        output_text(buffer, " at ");
        safe_text_escaped(buffer, source->amended_at);
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
            text_checklist_row(writer, label, &result->checklists[section], result->sections[section].auditor_grade);
        else
            text_row(writer, label, &result->sections[section], (int)section);
    }
    text_row(writer, "Overall", &result->overall, -1);
    if (audit->case_type) {
        output_text(buffer, "  Case type: ");
        safe_text_escaped(buffer, audit->case_type);
        output_bytes(buffer, "\n", 1);
    }
    report_facts_text(buffer, model, audit);
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
