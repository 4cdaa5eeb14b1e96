/*
 * report.c — one output record per audit: a graded audit or a record error,
 * as JSON Lines (the default; one object per line), CSV (a header row, then
 * one row per audit) or a readable text table (a small table per audit).
 *
 * Every outcome carries the rule that decided it: the method and how many
 * grades it combined, NA left out or counted, a tie broken, the criteria or
 * sections that held the chosen grade, the limit that capped it, and the
 * auditor's own grade beside it.
 */
#include <stdlib.h>
#include <string.h>

#include "output_buffer.h"
#include "report.h"

struct report_writer {
    const rubric_model *model;
    report_format format;
    FILE *output;
    output_buffer buffer;
    output_buffer scratch;       /* a cell built before it is quoted */
    int header_written;          /* CSV: the header row is out */
    size_t label_width;          /* text: width of the section column */
};

/* The method's name as the rubric language writes it. */
static const char *method_name(rubric_method method)
{
    switch (method) {
    case RUBRIC_METHOD_WORST: return "worst";
    case RUBRIC_METHOD_BEST: return "best";
    case RUBRIC_METHOD_MEDIAN: return "median";
    case RUBRIC_METHOD_MOST_FREQUENT: return "most frequent";
    }
    return "median";
}

/* A report; the text table's first column fits the longest section id. */
report_writer *report_new(const rubric_model *model, report_format format, FILE *output)
{
    report_writer *created = calloc(1, sizeof *created);
    if (created == NULL)
        return NULL;
    created->model = model;
    created->format = format;
    created->output = output;
    created->label_width = strlen("Overall");
    for (unsigned section = 0; section < model->section_count; section++) {
        size_t width = output_width(model->sections[section].number) + 1 +
                       output_width(model->sections[section].id);
        if (width > created->label_width)
            created->label_width = width;
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

/* The grade of MEMBER as its outcome counted it. */
static int member_grade(const rubric_result *result, int of_sections, unsigned member)
{
    int grade = of_sections ? result->sections[member].grade : result->criterion_grades[member];
    return rubric_grade_as_counted(result->model, grade);
}

/* What capped an outcome: "criterion s47-risk" or "section section-2". */
static void append_limit(output_buffer *buffer, const rubric_model *model, const rubric_outcome *outcome)
{
    int by_criterion = outcome->limit_kind == RUBRIC_LIMIT_BY_CRITERION;
    output_text(buffer, by_criterion ? "criterion " : "section ");
    output_text(buffer, member_id(model, !by_criterion, outcome->limit_index));
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
    output_format(buffer, "%s of %u %s", method_name(outcome->method), outcome->counted, members);
    if (outcome->not_applicable && rules->not_applicable == RUBRIC_NA_LEAVE_OUT)
        output_format(buffer, ", %u NA left out", outcome->not_applicable);
    else if (outcome->not_applicable)
        output_format(buffer, ", %u NA counted as %s", outcome->not_applicable,
                      model->levels[rules->not_applicable_level].code);
    if (outcome->decided_by_tie)
        output_text(buffer, rules->ties == RUBRIC_TIES_LOWER ? ", tie to lower" : ", tie to higher");
    if (outcome->limited) {
        output_text(buffer, "; no better than ");
        append_limit(buffer, model, outcome);
        output_format(buffer, " (%s gave %s)", method_name(outcome->method),
                      rubric_grade_code(model, outcome->method_grade));
    }
}

/* ---------------------------------------------------------------- JSON Lines */

/* "key": then a JSON string. */
static void json_member(output_buffer *buffer, const char *key, const char *value)
{
    output_format(buffer, ",\"%s\":", key);
    output_json_string(buffer, value);
}

/* One outcome object: grade, rule, counts, tie, deciding members, limit,
 * auditor's grade. MEMBERS are the outcome's inputs: COUNT sections or criteria from FIRST. */
static void json_outcome(output_buffer *buffer, const rubric_result *result, const rubric_outcome *outcome,
                         int of_sections, unsigned first, unsigned count)
{
    const rubric_model *model = result->model;
    output_text(buffer, "\"grade\":");
    output_json_string(buffer, rubric_grade_code(model, outcome->grade));
    output_format(buffer, ",\"rule\":\"%s%s\",\"counted\":%u,\"not_applicable\":%u", method_name(outcome->method),
                  outcome == &result->overall ? (of_sections ? " of sections" : " of criteria") : "",
                  outcome->counted, outcome->not_applicable);
    if (outcome->decided_by_tie)
        output_format(buffer, ",\"tie\":\"%s\"", model->rules.ties == RUBRIC_TIES_LOWER ? "lower" : "higher");
    if (outcome->counted) {
        output_text(buffer, ",\"decided_by\":[");
        int first_member = 1;
        for (unsigned member = first; member < first + count; member++) {
            if (member_grade(result, of_sections, member) != outcome->method_grade)
                continue;
            if (!first_member)
                output_bytes(buffer, ",", 1);
            output_json_string(buffer, member_id(model, of_sections, member));
            first_member = 0;
        }
        output_bytes(buffer, "]", 1);
    }
    if (outcome->limited) {
        output_text(buffer, ",\"limited_by\":\"");
        append_limit(buffer, model, outcome);
        output_bytes(buffer, "\"", 1);
        json_member(buffer, "before_limit", rubric_grade_code(model, outcome->method_grade));
    }
    if (outcome->auditor_grade != RUBRIC_GRADE_NONE) {
        json_member(buffer, "auditor", rubric_grade_code(model, outcome->auditor_grade));
        output_format(buffer, ",\"agrees\":%s", outcome->auditor_grade == outcome->grade ? "true" : "false");
        if (outcome->auditor_grade >= 0 && outcome->grade >= 0)
            output_format(buffer, ",\"difference\":%d", outcome->grade - outcome->auditor_grade);
    }
}

/* The record's identity: input, line, case. */
static void json_source(output_buffer *buffer, const report_source *source)
{
    output_text(buffer, "{\"input\":");
    output_json_string(buffer, source->input);
    output_format(buffer, ",\"line\":%lu", source->line);
    json_member(buffer, "case", source->case_reference);
}

/* A graded audit as one JSON object on one line. */
static void json_result(report_writer *writer, const report_source *source, const rubric_audit *audit,
                        const rubric_result *result)
{
    const rubric_model *model = writer->model;
    output_buffer *buffer = &writer->buffer;
    json_source(buffer, source);
    json_member(buffer, "rubric", model->id);
    json_member(buffer, "auditor", audit->auditor);
    json_member(buffer, "date", audit->date);
    output_text(buffer, ",\"criteria\":{");
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        if (criterion)
            output_bytes(buffer, ",", 1);
        output_json_string(buffer, model->criteria[criterion].id);
        output_bytes(buffer, ":", 1);
        output_json_string(buffer, rubric_grade_code(model, result->criterion_grades[criterion]));
    }
    output_text(buffer, "},\"sections\":[");
    for (unsigned section = 0; section < model->section_count; section++) {
        const rubric_section *entry = &model->sections[section];
        output_text(buffer, section ? ",{\"id\":" : "{\"id\":");
        output_json_string(buffer, entry->id);
        output_bytes(buffer, ",", 1);
        json_outcome(buffer, result, &result->sections[section], 0, entry->first_criterion, entry->criterion_count);
        output_bytes(buffer, "}", 1);
    }
    int of_sections = model->rules.overall_basis == RUBRIC_BASIS_SECTIONS;
    output_text(buffer, "],\"overall\":{");
    json_outcome(buffer, result, &result->overall, of_sections, 0,
                 of_sections ? model->section_count : model->criterion_count);
    output_text(buffer, "}}\n");
}

/* A record error as one JSON object on one line. */
static void json_error(report_writer *writer, const report_source *source, const char *message)
{
    json_source(&writer->buffer, source);
    json_member(&writer->buffer, "error", message);
    output_text(&writer->buffer, "}\n");
}

/* ----------------------------------------------------------------------- CSV */

/* The header row: the record, the overall outcome, then four columns per section. */
static void csv_header(report_writer *writer)
{
    output_buffer *buffer = &writer->buffer;
    output_text(buffer, "input,line,case,rubric,auditor,date,error,"
                        "overall,overall_rule,overall_limited_by,overall_auditor,overall_agreement");
    for (unsigned section = 0; section < writer->model->section_count; section++) {
        static const char *const suffixes[] = {"", ":limited_by", ":auditor", ":agreement"};
        for (unsigned column = 0; column < 4; column++) {
            char name[512];
            snprintf(name, sizeof name, "section:%s%s", writer->model->sections[section].id, suffixes[column]);
            output_bytes(buffer, ",", 1);
            output_csv_field(buffer, name);
        }
    }
    output_bytes(buffer, "\n", 1);
    writer->header_written = 1;
}

/* The first six cells: input, line, case, rubric, auditor, date. */
static void csv_source(report_writer *writer, const report_source *source, const rubric_audit *audit)
{
    output_buffer *buffer = &writer->buffer;
    if (!writer->header_written)
        csv_header(writer);
    output_csv_field(buffer, source->input);
    output_format(buffer, ",%lu,", source->line);
    output_csv_field(buffer, source->case_reference);
    output_bytes(buffer, ",", 1);
    output_csv_field(buffer, audit ? writer->model->id : NULL);
    output_bytes(buffer, ",", 1);
    output_csv_field(buffer, audit ? audit->auditor : NULL);
    output_bytes(buffer, ",", 1);
    output_csv_field(buffer, audit ? audit->date : NULL);
    output_bytes(buffer, ",", 1);
}

/* An outcome's limit and auditor cells (grade and rule are written by the caller). */
static void csv_outcome_tail(output_buffer *buffer, const rubric_model *model, const rubric_outcome *outcome)
{
    char agreement[64];
    output_bytes(buffer, ",", 1);
    if (outcome->limited)
        append_limit(buffer, model, outcome);
    output_bytes(buffer, ",", 1);
    output_csv_field(buffer, rubric_grade_code(model, outcome->auditor_grade));
    output_bytes(buffer, ",", 1);
    output_csv_field(buffer, report_agreement(outcome, agreement, sizeof agreement));
}

/* A graded audit as one row. */
static void csv_result(report_writer *writer, const report_source *source, const rubric_audit *audit,
                       const rubric_result *result)
{
    const rubric_model *model = writer->model;
    output_buffer *buffer = &writer->buffer;
    csv_source(writer, source, audit);
    output_format(buffer, ",%s,", rubric_grade_code(model, result->overall.grade));
    output_clear(&writer->scratch);
    append_rule_words(&writer->scratch, model, &result->overall,
                      model->rules.overall_basis == RUBRIC_BASIS_SECTIONS ? "sections" : "criteria");
    output_csv_field(buffer, writer->scratch.text);
    csv_outcome_tail(buffer, model, &result->overall);
    for (unsigned section = 0; section < model->section_count; section++) {
        output_bytes(buffer, ",", 1);
        output_text(buffer, rubric_grade_code(model, result->sections[section].grade));
        csv_outcome_tail(buffer, model, &result->sections[section]);
    }
    output_bytes(buffer, "\n", 1);
}

/* A record error as a row whose grade cells are empty. */
static void csv_error(report_writer *writer, const report_source *source, const char *message)
{
    output_buffer *buffer = &writer->buffer;
    csv_source(writer, source, NULL);
    output_csv_field(buffer, message);
    for (unsigned cell = 0; cell < 5 + 4 * writer->model->section_count; cell++)
        output_bytes(buffer, ",", 1);
    output_bytes(buffer, "\n", 1);
}

/* ---------------------------------------------------------------------- text */

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
        append_rule_words(buffer, model, outcome, members);
        size_t width = output_width(buffer->text + start);
        for (; width < 56; width++)
            output_bytes(buffer, " ", 1);
        output_format(buffer, "  auditor %s: %s", rubric_grade_code(model, outcome->auditor_grade), agrees);
    } else {
        append_rule_words(buffer, model, outcome, members);
    }
    output_bytes(buffer, "\n", 1);
}

/* The record's heading line. */
static void text_heading(report_writer *writer, const report_source *source, const rubric_audit *audit)
{
    output_buffer *buffer = &writer->buffer;
    output_text(buffer, source->case_reference ? source->case_reference : "(no case)");
    if (audit && audit->auditor)
        output_format(buffer, "  %s", audit->auditor);
    if (audit && audit->date)
        output_format(buffer, "  %s", audit->date);
    output_format(buffer, "  (%s line %lu)\n", source->input, source->line);
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
        char label[512];
        snprintf(label, sizeof label, "%s %s", model->sections[section].number, model->sections[section].id);
        text_row(writer, label, &result->sections[section], "criteria");
    }
    text_row(writer, "Overall", &result->overall,
             model->rules.overall_basis == RUBRIC_BASIS_SECTIONS ? "sections" : "criteria");
    output_bytes(buffer, "\n", 1);
}

/* A record error in the table: the heading, then the message. */
static void text_error(report_writer *writer, const report_source *source, const char *message)
{
    text_heading(writer, source, NULL);
    output_format(&writer->buffer, "  error: %s\n\n", message);
}

/* ------------------------------------------------------------- dispatch */

/* Build the record's output in the chosen format and write it out. */
int report_result(report_writer *writer, const report_source *source, const rubric_audit *audit,
                  const rubric_result *result)
{
    switch (writer->format) {
    case REPORT_FORMAT_JSONL: json_result(writer, source, audit, result); break;
    case REPORT_FORMAT_CSV: csv_result(writer, source, audit, result); break;
    case REPORT_FORMAT_TEXT: text_result(writer, source, audit, result); break;
    }
    return output_flush_to(&writer->buffer, writer->output);
}

/* The same for a record that could not be graded. */
int report_error(report_writer *writer, const report_source *source, const char *message)
{
    switch (writer->format) {
    case REPORT_FORMAT_JSONL: json_error(writer, source, message); break;
    case REPORT_FORMAT_CSV: csv_error(writer, source, message); break;
    case REPORT_FORMAT_TEXT: text_error(writer, source, message); break;
    }
    return output_flush_to(&writer->buffer, writer->output);
}
