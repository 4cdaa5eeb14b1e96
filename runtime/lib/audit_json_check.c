/*
 * audit_json_check.c — a JSON Lines record, once parsed, checked and made
 * a rubric_audit, or why it is not one, in the words the golden tests pin.
 *
 * Both ways of reading a line (the plain path and yajl's events, in
 * audit_json.c) leave the record's fields in the reader's state; the
 * checks here read them in the order they have always been made. A line
 * that neither way reads is explained by jansson (json_record_jansson_accepts),
 * so a malformed record is reported in jansson's words whichever parser
 * saw it first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "audit_json_reader.h"
#include "audit_support.h"

/* The field names, for the messages. */
static const char *const field_names[FIELD_COUNT] = {FIELD_NAMES(FIELD_NAME)};

/* The malformed-JSON message for a parse error at COLUMN. */
void json_record_malformed(json_record_reader *reader, int column, const char *text)
{
    snprintf(reader->message, sizeof reader->message, "malformed JSON at column %d: %s", column, text);
}

/* Let jansson parse the line; 1 when it accepts it, else 0 with its message. */
int json_record_jansson_accepts(json_record_reader *reader, const char *line, size_t length)
{
    json_error_t parse_error;
    json_t *tree = json_loadb(line, length, JSON_REJECT_DUPLICATES, &parse_error);
    if (tree == NULL) {
        json_record_malformed(reader, parse_error.column > 0 ? parse_error.column : (int)length, parse_error.text);
        return 0;
    }
    json_decref(tree);
    return 1;
}

/* A field that must be a string when given: 0 with the message when it is not. */
static int check_text_field(json_record_reader *reader, record_field field)
{
    if (reader->kinds[field] != KIND_OTHER && reader->kinds[field] != KIND_OBJECT &&
        reader->kinds[field] != KIND_NUMBER)
        return 1;
    snprintf(reader->message, sizeof reader->message, "field '%s' must be a string", field_names[field]);
    return 0;
}

/* A grade map whose every grade must be a string; WHAT names it in errors. */
static int check_grade_map(json_record_reader *reader, const entry_list *list, const char *what)
{
    if (list->first_non_string == NULL)
        return 1;
    snprintf(reader->message, sizeof reader->message, "the grade of %s '%s' must be a string such as \"G\""
             " (or a number, for a score)", what, list->first_non_string);
    return 0;
}

/* Set *MESSAGE to TEXT and fail. */
static int fail_with(json_record_reader *reader, const char *text)
{
    snprintf(reader->message, sizeof reader->message, "%s", text);
    return 0;
}

/* The comments: absent or null, or an object of strings (or nulls). */
static int check_comments(json_record_reader *reader)
{
    field_kind kind = reader->kinds[FIELD_COMMENTS];
    if (kind == KIND_ABSENT || kind == KIND_NULL)
        return 1;
    if (kind != KIND_OBJECT)
        return fail_with(reader, "field 'comments' must be an object such as {\"overall\": \"text\"}");
    if (reader->comments.first_non_string == NULL)
        return 1;
    snprintf(reader->message, sizeof reader->message, "the comment on '%s' must be a string",
             reader->comments.first_non_string);
    return 0;
}

/* The checks of a parsed record, in the order they have always been made:
 * object, field types, case, grades, auditor's grades; then comments. A
 * null is the field left out. */
static int check_record(json_record_reader *reader)
{
    const field_kind *kinds = reader->kinds;
    if (!reader->is_object)
        return fail_with(reader, "the record must be a JSON object");
    for (record_field field = FIELD_CASE; field <= FIELD_AMENDED_AT; field++)
        if (!check_text_field(reader, field))
            return 0;
    const char *case_reference = reader->texts[FIELD_CASE];
    if (case_reference == NULL)
        return fail_with(reader, "field 'case' is missing");
    if (case_reference[0] == '\0')
        return fail_with(reader, "field 'case' is empty");
    if (kinds[FIELD_GRADES] == KIND_ABSENT || kinds[FIELD_GRADES] == KIND_NULL)
        return fail_with(reader, "field 'grades' is missing");
    if (kinds[FIELD_GRADES] != KIND_OBJECT)
        return fail_with(reader, "field 'grades' must be an object");
    if (!check_grade_map(reader, &reader->grades, "criterion"))
        return 0;
    if (!check_comments(reader))
        return 0;
    if (kinds[FIELD_AUDITOR_GRADES] == KIND_ABSENT || kinds[FIELD_AUDITOR_GRADES] == KIND_NULL)
        return 1;
    if (kinds[FIELD_AUDITOR_GRADES] != KIND_OBJECT)
        return fail_with(reader, "field 'auditor_grades' must be an object");
    if (reader->kinds[FIELD_OVERALL] != KIND_NUMBER && !check_text_field(reader, FIELD_OVERALL))
        return 0;
    if (kinds[FIELD_SECTIONS] == KIND_ABSENT || kinds[FIELD_SECTIONS] == KIND_NULL)
        return 1;
    if (kinds[FIELD_SECTIONS] != KIND_OBJECT)
        return fail_with(reader, "field 'auditor_grades.sections' must be an object");
    return check_grade_map(reader, &reader->sections, "section");
}

/* Every check above. The date (in the declared form, audit_date.h) and
 * the amendment's fields are checked after, for both formats alike, as the
 * record is handed over (audit_deliver, audit_lines.c), so that a record
 * that fails an older check still gets that check's message. */
int json_record_check(json_record_reader *reader)
{
    return check_record(reader);
}

/* Free the JSON texts of the last record that had them. */
static void free_dumps(json_record_reader *reader)
{
    for (unsigned dump = 0; dump < reader->dump_count; dump++)
        free(reader->dumps[dump]);
    reader->dump_count = 0;
}

void json_record_free_containers(json_record_reader *reader)
{
    free_dumps(reader);
    free(reader->dumps);
    free(reader->json_fields.entries);
    free(reader->field_json);
}

/* Whether KEY is one of the record's own members (case, grades, …). */
static int is_own_member(const char *key)
{
    for (record_field field = FIELD_CASE; field <= FIELD_AUDITOR_GRADES; field++)
        if (strcmp(field_names[field], key) == 0)
            return 1;
    return 0;
}

/* The entry of KEY among the plain fields read, or NULL. */
static const rubric_entry *plain_field(const json_record_reader *reader, const char *key)
{
    for (unsigned index = 0; index < reader->fields.count; index++)
        if (strcmp(reader->fields.entries[index].key, key) == 0)
            return &reader->fields.entries[index];
    return NULL;
}

/* Add KEY -> VALUE (JSON text when IS_JSON) to the ordered field list. */
static int add_json_field(json_record_reader *reader, const char *key, const char *value, int is_json)
{
    entry_list *list = &reader->json_fields;
    void *entries = list->entries;
    int reserved = audit_reserve(&entries, &list->capacity, list->count + 1, sizeof *list->entries);
    list->entries = entries;
    if (!reserved || !audit_reserve((void **)&reader->field_json, &reader->field_json_capacity, list->count + 1,
                                    sizeof *reader->field_json))
        return 0;
    list->entries[list->count] = (rubric_entry){key, value};
    reader->field_json[list->count++] = (unsigned char)is_json;
    return 1;
}

/* The line was read already (the plain path or yajl) and jansson accepts
 * what they accept; it is parsed again only for a record that has an
 * object or array among its other members, so every other line pays
 * nothing. jansson keeps an object's keys in the order read. */
int json_record_keep_containers(json_record_reader *reader, const char *line, size_t length)
{
    free_dumps(reader);
    reader->json_fields.count = 0;
    json_t *record = json_loadb(line, length, JSON_REJECT_DUPLICATES, NULL);
    if (record == NULL || !json_is_object(record)) {
        json_decref(record);
        return 1;                /* cannot be: the line was read as a record */
    }
    const char *key;
    json_t *value;
    int kept = 1;
    json_object_foreach(record, key, value) {
        if (!json_is_object(value) && !json_is_array(value)) {
            const rubric_entry *plain = plain_field(reader, key);
            if (plain != NULL && !(kept = add_json_field(reader, plain->key, plain->value, 0)))
                break;
            continue;
        }
        if (is_own_member(key))
            continue;
        /* the key and the value's text, kept past the tree */
        void *dumps = reader->dumps;
        if (!(kept = audit_reserve(&dumps, &reader->dump_capacity, reader->dump_count + 2, sizeof *reader->dumps)))
            break;
        reader->dumps = dumps;
        char *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
        char *kept_key = strdup(key);
        if (text != NULL)
            reader->dumps[reader->dump_count++] = text;
        if (kept_key != NULL)
            reader->dumps[reader->dump_count++] = kept_key;
        if (text == NULL || kept_key == NULL || !(kept = add_json_field(reader, kept_key, text, 1))) {
            kept = 0;
            break;
        }
    }
    json_decref(record);
    reader->has_json_fields = kept;
    return kept;
}

/* The parsed record as an audit. */
const rubric_audit *json_record_make_audit(json_record_reader *reader)
{
    int has_sections = reader->kinds[FIELD_AUDITOR_GRADES] == KIND_OBJECT &&
                       reader->kinds[FIELD_SECTIONS] == KIND_OBJECT;
    reader->audit = (rubric_audit){
        .case_reference = reader->texts[FIELD_CASE],
        .rubric_id = reader->texts[FIELD_RUBRIC],
        .auditor = reader->texts[FIELD_AUDITOR],
        .date = reader->texts[FIELD_DATE],
        .role = reader->texts[FIELD_ROLE],
        .grades = reader->grades.entries,
        .grade_count = reader->grades.count,
        .auditor_overall = reader->kinds[FIELD_AUDITOR_GRADES] == KIND_OBJECT ? reader->texts[FIELD_OVERALL] : NULL,
        .auditor_sections = reader->sections.entries,
        .auditor_section_count = has_sections ? reader->sections.count : 0,
        .case_type = reader->texts[FIELD_CASE_TYPE] && reader->texts[FIELD_CASE_TYPE][0] ? reader->texts[FIELD_CASE_TYPE]
                                                                                       : NULL,
        .comments = reader->comments.entries,
        .comment_count = reader->kinds[FIELD_COMMENTS] == KIND_OBJECT ? reader->comments.count : 0,
        .fields = reader->has_json_fields ? reader->json_fields.entries : reader->fields.entries,
        .field_count = reader->has_json_fields ? reader->json_fields.count : reader->fields.count,
        .field_json = reader->has_json_fields ? reader->field_json : NULL,
    };
    return &reader->audit;
}
