/*
 * report_facts.c — the case's facts, its pass-through fields and its
 * timescales in a graded record's outputs (see report_facts.h): JSON
 * members after case_type, CSV cells after the section columns, text lines
 * after the table. The timescales are judged here, from the audit's date
 * facts (rubric_timescale_judge), so a record shows beside the auditor's
 * grades whether each timescale was met and by how much it was missed.
 */
#include "report_facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_cell.h"
#include "safe_text.h"

#define PUT_LITERAL(to, literal) output_put(to, literal, sizeof literal - 1)

/* Room for one criterion's timescale beside its id: the words and numbers of
 * {"status":"not met","late_by":N,"deadline":"YYYY-MM-DD HH:MM"}. */
enum { TIMESCALE_WORDS = 128 };

/* "timescales": each criterion's timescale judged from the audit's date
 * facts, {"status", "late_by" when not met, "deadline"}, where room was
 * reserved; nothing when the rubric has none. */
static char *json_timescales(char *to, const rubric_model *model, const rubric_audit *audit)
{
    int any = 0;
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        const rubric_timescale *timescale = model->criteria[criterion].timescale;
        if (timescale == NULL)
            continue;
        rubric_timescale_outcome outcome = rubric_timescale_judge(model, timescale, audit);
        to = any ? PUT_LITERAL(to, ",") : PUT_LITERAL(to, ",\"timescales\":{");
        any = 1;
        to = output_put_json_string(to, model->criteria[criterion].id);
        to = PUT_LITERAL(to, ":{\"status\":");
        to = output_put_json_string(to, rubric_timescale_status_name(outcome.status));
        if (outcome.status == RUBRIC_TIMESCALE_NOT_MET)
            to += sprintf(to, ",\"late_by\":%ld", outcome.late_by);
        to = PUT_LITERAL(to, ",\"deadline\":");
        to = outcome.deadline[0] ? output_put_json_string(to, outcome.deadline) : PUT_LITERAL(to, "null");
        to = PUT_LITERAL(to, "}");
    }
    return any ? PUT_LITERAL(to, "}") : to;
}

size_t report_facts_json_room(const rubric_model *model, const rubric_audit *audit)
{
    size_t room = 0;
    for (unsigned field = 0; field < audit->field_count; field++)
        room = output_room_add(room, output_json_string_room(audit->fields[field].key) +
                                         output_json_string_room(audit->fields[field].value) + 2);
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        if (model->criteria[criterion].timescale != NULL)
            room = output_room_add(room, output_json_string_room(model->criteria[criterion].id) + TIMESCALE_WORDS);
    return room;
}

char *report_facts_put_json(char *to, const rubric_model *model, const rubric_audit *audit)
{
    for (unsigned field = 0; field < audit->field_count; field++) {
        to = PUT_LITERAL(to, ",");
        to = output_put_json_string(to, audit->fields[field].key);
        to = PUT_LITERAL(to, ":");
        const char *value = audit->fields[field].value;
        if (audit->field_json != NULL && audit->field_json[field]) {
            /* an object or array, as read (compact JSON): the same value back */
            size_t length = strlen(value);
            memcpy(to, value, length);
            to += length;
        } else {
            to = output_put_json_string(to, value);
        }
    }
    return json_timescales(to, model, audit);
}

/* A timescale's outcome in words into BUFFER: "met (due by 2026-05-07)",
 * "not met: 3 working days late (due by 2026-05-07)", "unknown"; for a
 * recurring one "met (next due by 2026-04-14)", "not met: 12 working days
 * late at the longest gap (due by 2026-04-14)". */
static void timescale_words(output_buffer *buffer, const rubric_timescale *timescale,
                            const rubric_timescale_outcome *outcome)
{
    output_text(buffer, rubric_timescale_status_name(outcome->status));
    if (outcome->status == RUBRIC_TIMESCALE_NOT_MET) {
        long late = outcome->late_by;
        rubric_time_unit unit = timescale->unit == RUBRIC_UNIT_MONTHS ? RUBRIC_UNIT_DAYS : timescale->unit;
        output_format(buffer, ": %ld %s late", late, rubric_time_unit_name(unit, late));
        if (timescale->every)
            output_text(buffer, " at the longest gap");
    }
    if (outcome->deadline[0]) {
        output_text(buffer, timescale->every && outcome->status == RUBRIC_TIMESCALE_MET ? " (next due by " : " (due by ");
        output_text(buffer, outcome->deadline);
        output_text(buffer, ")");
    }
}

/* "  Timescale assessment-timely: met (due by 2026-05-07)", a line per
 * criterion with a timescale. */
static void text_timescales(output_buffer *buffer, const rubric_model *model, const rubric_audit *audit)
{
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        const rubric_timescale *timescale = model->criteria[criterion].timescale;
        if (timescale == NULL)
            continue;
        rubric_timescale_outcome outcome = rubric_timescale_judge(model, timescale, audit);
        output_text(buffer, "  Timescale ");
        safe_text_escaped(buffer, model->criteria[criterion].id);
        output_text(buffer, ": ");
        timescale_words(buffer, timescale, &outcome);
        output_bytes(buffer, "\n", 1);
    }
}

int report_facts_field_keys(const rubric_model *model, const rubric_audit *audit, char ***keys, unsigned *count)
{
    *keys = NULL;
    *count = 0;
    if (audit->field_count == 0)
        return 1;
    if ((*keys = calloc(audit->field_count, sizeof **keys)) == NULL)
        return 0;
    for (unsigned field = 0; field < audit->field_count; field++) {
        if (rubric_find_fact(model, audit->fields[field].key) >= 0)
            continue;
        if (((*keys)[*count] = strdup(audit->fields[field].key)) == NULL)
            return 0;
        ++*count;
    }
    return 1;
}

void report_facts_free_keys(char **keys, unsigned count)
{
    for (unsigned key = 0; key < count; key++)
        free(keys[key]);
    free(keys);
}

int report_facts_fields_have_columns(const rubric_model *model, const rubric_audit *audit,
                                     const char *const *keys, unsigned key_count)
{
    for (unsigned field = 0; field < audit->field_count; field++) {
        const char *key = audit->fields[field].key;
        unsigned column = 0;
        while (column < key_count && strcmp(keys[column], key) != 0)
            column++;
        if (column == key_count && rubric_find_fact(model, key) < 0)
            return 0;
    }
    return 1;
}

int report_facts_csv_cells(output_buffer *buffer, const rubric_model *model, const rubric_audit *audit,
                           const char *const *field_keys, unsigned field_key_count)
{
    for (unsigned fact = 0; fact < model->fact_count; fact++) {
        output_bytes(buffer, ",", 1);
        csv_cell(buffer, rubric_audit_field(audit, model->facts[fact].key));
    }
    for (unsigned key = 0; key < field_key_count; key++) {
        output_bytes(buffer, ",", 1);
        csv_cell(buffer, rubric_audit_field(audit, field_keys[key]));
    }
    output_buffer words = {0};
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++) {
        const rubric_timescale *timescale = model->criteria[criterion].timescale;
        if (timescale == NULL)
            continue;
        rubric_timescale_outcome outcome = rubric_timescale_judge(model, timescale, audit);
        output_clear(&words);
        timescale_words(&words, timescale, &outcome);
        output_bytes(&words, "", 0);
        output_bytes(buffer, ",", 1);
        csv_cell(buffer, words.text);
    }
    output_buffer_free(&words);
    return report_facts_fields_have_columns(model, audit, field_keys, field_key_count);
}

void report_facts_text(output_buffer *buffer, const rubric_model *model, const rubric_audit *audit)
{
    text_timescales(buffer, model, audit);
    for (unsigned field = 0; field < audit->field_count; field++) {
        int fact = rubric_find_fact(model, audit->fields[field].key);
        output_text(buffer, fact >= 0 ? "  Fact " : "  Field ");
        safe_text_escaped(buffer, fact >= 0 ? rubric_fact_at(model, (unsigned)fact).name : audit->fields[field].key);
        output_text(buffer, ": ");
        safe_text_escaped(buffer, audit->fields[field].value);
        output_bytes(buffer, "\n", 1);
    }
}
