/*
 * audit_csv.c — CSV audits into rubric_audit records (see audit_csv.h).
 *
 * A CSV line that is one plain row is split here (csv_plain_row), any
 * other is fed to libcsv, and either way the fields of a record are
 * collected and, at its end, mapped through the header row. A CSV audit
 * points into the reader's field buffer, which is kept and reused for the
 * next record.
 *
 * A CSV record damaged by an unclosed quote takes only itself down: while
 * a quoted field runs on past a line end, each further line that reads on
 * its own as a whole row of the header's width starts a new record, and
 * the damaged one is reported with the lines it took. The header row is
 * checked before any row is read: malformed, with a NUL, a name given
 * twice, no 'case' column or none of the rubric's criteria, the input is
 * not graded at all (one error for the input, never a data row taken as
 * the header).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "simd16.h"

#include <csv.h>

#include "audit_csv.h"
#include "audit_date.h"
#include "audit_lines.h"
#include "audit_support.h"
#include "facts.h"
#include "safe_text.h"

/* The CSV header prefixes of an auditor's section grade column and of a
 * comment column. */
static const char section_column_prefix[] = "section:";
static const char comment_column_prefix[] = "comment:";

/* Add one key/value pair to an entry list (once per cell: inline, and
 * the list grows only while rows do). */
static inline int add_entry(rubric_entry **entries, unsigned *capacity, unsigned *count, const char *key,
                            const char *value)
{
    if (*count == *capacity) {
        void *buffer = *entries;
        if (!audit_reserve(&buffer, capacity, *count + 1, sizeof **entries))
            return 0;
        *entries = buffer;
    }
    (*entries)[(*count)++] = (rubric_entry){key, value};
    return 1;
}

/* Free a field list's buffers. */
static void field_list_free(field_list *list)
{
    free(list->text);
    free(list->offsets);
}

/* Free the buffers the CSV reading grew. */
void audit_csv_free(audit_reader *reader)
{
    if (reader->parser_ready)
        csv_free(&reader->parser);
    free(reader->grades);
    free(reader->sections);
    free(reader->comments);
    free(reader->facts);
    field_list_free(&reader->fields);
    field_list_free(&reader->header);
    free(reader->column_kinds);
    free(reader->column_keys);
    free(reader->criterion_columns);
    free(reader->other_columns);
}

/* Append one field, NUL-terminated, to a field list. */
static int field_list_add(field_list *list, const char *data, size_t length)
{
    if (!audit_reserve((void **)&list->offsets, &list->offset_capacity, list->count + 1, sizeof *list->offsets))
        return 0;
    if (!audit_reserve_bytes(&list->text, &list->capacity, list->length + length + 1, 1024))
        return 0;
    if (length)
        memcpy(list->text + list->length, data, length);
    list->text[list->length + length] = '\0';
    list->offsets[list->count++] = list->length;
    list->length += length + 1;
    return 1;
}

/* Field INDEX of a list as a string. */
static const char *field_text(const field_list *list, unsigned index)
{
    return list->text + list->offsets[index];
}

/* Empty the list for the next record, keeping its buffers. */
static void field_list_clear(field_list *list)
{
    list->length = 0;
    list->count = 0;
}

/* Keep a field of the record being read, noting NUL bytes (UTF-8 is
 * checked once the record is complete: first_invalid_utf8_field). */
static void csv_take_field(audit_reader *reader, const char *data, size_t length)
{
    if (reader->stopped || reader->out_of_memory)
        return;
    if (reader->fields.count == 0)
        reader->nul_field = 0;
    if (reader->record_has_nul && !reader->nul_field && length && memchr(data, '\0', length))
        reader->nul_field = reader->fields.count + 1;
    if (!field_list_add(&reader->fields, data, length))
        reader->out_of_memory = 1;
}

/* libcsv's end-of-field callback. */
static void csv_field_done(void *data, size_t length, void *context)
{
    csv_take_field(context, data, length);
}

/* The first field (1-based) of a record that is not valid UTF-8, or 0.
 * The fields' text is checked whole first, one call per record instead of
 * one per field: the NUL after each field ends any sequence, so the whole
 * is valid exactly when every field is. */
static unsigned first_invalid_utf8_field(const field_list *fields)
{
    if (audit_is_utf8((const unsigned char *)fields->text, fields->length))
        return 0;
    for (unsigned index = 0; index < fields->count; index++) {
        size_t end = index + 1 < fields->count ? fields->offsets[index + 1] : fields->length;
        const char *text = field_text(fields, index);
        if (!audit_is_utf8((const unsigned char *)text, end - fields->offsets[index] - 1))
            return index + 1;
    }
    return 0;
}

/* Header column indexes, ordered by name, to find names given twice. */
static const field_list *sorting_header;

static int compare_columns(const void *left, const void *right)
{
    return strcmp(field_text(sorting_header, *(const unsigned *)left),
                  field_text(sorting_header, *(const unsigned *)right));
}

/* The first name the header gives twice, as two column numbers (1-based);
 * 0 when every name is different, -1 when out of memory. */
static int find_repeated_column(const field_list *header, unsigned *first, unsigned *second)
{
    unsigned *order = malloc((size_t)(header->count ? header->count : 1) * sizeof *order);
    if (order == NULL)
        return -1;
    for (unsigned column = 0; column < header->count; column++)
        order[column] = column;
    sorting_header = header;
    qsort(order, header->count, sizeof *order, compare_columns);
    int found = 0;
    for (unsigned index = 1; index < header->count; index++) {
        if (strcmp(field_text(header, order[index - 1]), field_text(header, order[index])) != 0)
            continue;
        unsigned left = order[index - 1] < order[index] ? order[index - 1] : order[index];
        unsigned right = order[index - 1] ^ order[index] ^ left;
        if (!found || left + 1 < *first) {
            *first = left + 1;
            *second = right + 1;
        }
        found = 1;
    }
    free(order);
    return found;
}

/* Whether the rubric has a criterion ID (a linear scan once per input, stopped at the first match). */
static int rubric_has_criterion(const rubric_model *model, const char *id)
{
    for (unsigned criterion = 0; criterion < model->criterion_count; criterion++)
        if (strcmp(model->criteria[criterion].id, id) == 0)
            return 1;
    return 0;
}

/* Whether the header names at least one of the rubric's criteria. */
static int header_names_a_criterion(const audit_reader *reader)
{
    if (reader->model == NULL)
        return 1;
    if (reader->header.count < reader->model->criterion_count) {
        for (unsigned column = 0; column < reader->header.count; column++)
            if (reader->column_kinds[column] == COLUMN_CRITERION &&
                rubric_has_criterion(reader->model, field_text(&reader->header, column)))
                return 1;
        return 0;
    }
    for (unsigned criterion = 0; criterion < reader->model->criterion_count; criterion++)
        for (unsigned column = 0; column < reader->header.count; column++)
            if (strcmp(reader->model->criteria[criterion].id, field_text(&reader->header, column)) == 0)
                return 1;
    return 0;
}

/* The criterion id or fact key of the rubric nearest a column NAME that
 * is neither, when it is close (a letter or two apart, or only in case):
 * a misspelt column, not a field to pass through. NULL when none is. */
static const char *near_miss(const rubric_model *model, const char *name)
{
    unsigned limit = facts_distance_limit(name), best = limit + 1;
    const char *nearest = NULL;
    for (unsigned index = 0; index < model->criterion_count + model->fact_count; index++) {
        const char *id = index < model->criterion_count ? model->criteria[index].id
                                                         : model->facts[index - model->criterion_count].key;
        unsigned far = facts_distance(name, id, limit);
        if (far < best) {
            best = far;
            nearest = id;
        }
    }
    return nearest;
}

/* The columns passed through as fields: an error for the input when one
 * is close to a criterion id or fact key (did you mean); else one note
 * naming them all, for the whole input. */
static void csv_check_passed_columns(audit_reader *reader)
{
    const field_list *header = &reader->header;
    char names[1024];
    size_t used = 0;
    unsigned passed = 0;
    for (unsigned column = 0; column < header->count; column++) {
        if (reader->column_kinds[column] != COLUMN_PASSED)
            continue;
        const char *name = field_text(header, column);
        const char *meant = near_miss(reader->model, name);
        if (meant != NULL) {
            audit_input_trouble(reader, reader->record_line,
                                "the CSV header's column '%s' is not a criterion or fact of rubric '%s'; "
                                "did you mean '%s'? (rename the column; no row was read)",
                                name, reader->model->id, meant);
            return;
        }
        if (used < sizeof names - 8) {
            int written = snprintf(names + used, sizeof names - used, "%s'%s'", passed ? ", " : "", name);
            used = written < 0 || (size_t)written >= sizeof names - used ? sizeof names : used + (size_t)written;
        }
        passed++;
    }
    if (passed == 0 || reader->note_handler == NULL)
        return;
    if (used >= sizeof names - 8)
        snprintf(names + sizeof names - 8, 8, ", ...");
    char words[1280];
    snprintf(words, sizeof words,
             "column%s %s %s neither %s nor %s of rubric '%s': passed through to every output as field%s",
             passed == 1 ? "" : "s", names, passed == 1 ? "is" : "are", passed == 1 ? "a criterion" : "criteria",
             passed == 1 ? "a fact" : "facts", reader->model->id, passed == 1 ? "" : "s");
    safe_text_cut(words);
    reader->note_handler(reader->name, reader->record_line, words, reader->note_context);
}

/* The header row must name each column once, hold a 'case' column and at
 * least one of the rubric's criteria; else the input is not audits of it.
 * Its other columns are passed through (csv_check_passed_columns). */
static void csv_check_header(audit_reader *reader)
{
    const field_list *header = &reader->header;
    unsigned long line = reader->record_line;
    unsigned first = 0, second = 0, has_case = 0;
    if (reader->nul_field) {
        audit_input_trouble(reader, line, "the CSV header's column %u holds a NUL byte; no row was read",
                            reader->nul_field);
        return;
    }
    if (reader->invalid_utf8_field) {
        audit_input_trouble(reader, line, "the CSV header's column %u is not valid UTF-8; no row was read",
                            reader->invalid_utf8_field);
        return;
    }
    int repeated = find_repeated_column(header, &first, &second);
    if (repeated < 0) {
        reader->out_of_memory = 1;
        return;
    }
    if (repeated) {
        audit_input_trouble(reader, line,
                            "the CSV header names column '%s' twice (columns %u and %u); no row was read: "
                            "each column needs its own name",
                            field_text(header, first - 1), first, second);
        return;
    }
    for (unsigned column = 0; column < header->count; column++)
        has_case |= reader->column_kinds[column] == COLUMN_CASE;
    if (!has_case) {
        audit_input_trouble(reader, line,
                            "not a CSV of audits: the first row has no 'case' column (it must be a header row: "
                            "case, rubric, auditor, date, then the rubric's criterion ids)");
        return;
    }
    if (!header_names_a_criterion(reader)) {
        audit_input_trouble(reader, line,
                            "the CSV header names none of the criteria of rubric '%s': these are not audits of "
                            "this rubric (check --rubric, or the header row)", reader->model->id);
        return;
    }
    if (reader->model != NULL)
        csv_check_passed_columns(reader);
}

/* The header row: keep its names, classify each column, check them. */
static void csv_take_header(audit_reader *reader)
{
    field_list swap = reader->header;
    reader->header = reader->fields;
    reader->fields = swap;
    reader->have_header = 1;
    void *keys = reader->column_keys;
    int reserved = audit_reserve(&keys, &reader->column_key_capacity, reader->header.count,
                                 sizeof *reader->column_keys);
    reader->column_keys = keys;
    if (!reserved || !audit_reserve((void **)&reader->column_kinds, &reader->column_capacity, reader->header.count,
                                    sizeof *reader->column_kinds)) {
        reader->out_of_memory = 1;
        return;
    }
    free(reader->criterion_columns);
    free(reader->other_columns);
    size_t column_count = reader->header.count ? reader->header.count : 1;
    reader->criterion_columns = malloc(column_count * sizeof *reader->criterion_columns);
    reader->other_columns = malloc(column_count * sizeof *reader->other_columns);
    reader->criterion_column_count = reader->other_column_count = 0;
    if (reader->criterion_columns == NULL || reader->other_columns == NULL ||
        !audit_reserve((void **)&reader->grades, &reader->grade_capacity, reader->header.count,
                       sizeof *reader->grades)) {
        reader->out_of_memory = 1;
        return;
    }
    static const struct { const char *name; column_kind kind; } fixed[] = {
        {"case", COLUMN_CASE}, {"rubric", COLUMN_RUBRIC}, {"auditor", COLUMN_AUDITOR},
        {"date", COLUMN_DATE}, {"role", COLUMN_ROLE}, {"overall", COLUMN_OVERALL},
        {"case_type", COLUMN_CASE_TYPE}, {"amended_by", COLUMN_AMENDED_BY}, {"amended_at", COLUMN_AMENDED_AT},
    };
    for (unsigned column = 0; column < reader->header.count; column++) {
        const char *name = field_text(&reader->header, column);
        column_kind kind = strncmp(name, section_column_prefix, sizeof section_column_prefix - 1) == 0
                               ? COLUMN_SECTION
                           : strncmp(name, comment_column_prefix, sizeof comment_column_prefix - 1) == 0
                               ? COLUMN_COMMENT
                               : COLUMN_CRITERION;
        for (size_t known = 0; known < sizeof fixed / sizeof fixed[0]; known++)
            if (strcmp(name, fixed[known].name) == 0)
                kind = fixed[known].kind;
        if (kind == COLUMN_CRITERION && reader->model != NULL && reader->model->fact_count &&
            rubric_find_fact(reader->model, name) >= 0)
            kind = COLUMN_FACT;
        if (kind == COLUMN_CRITERION && reader->model != NULL && !rubric_has_criterion(reader->model, name))
            kind = COLUMN_PASSED;
        reader->column_kinds[column] = kind;
    }
    /* A criterion column's key is the model's own id string when the
     * columns follow the rubric's order, as exported audits do, so that
     * the grader matches it by address; else the header's name. */
    unsigned expected = 0;
    for (unsigned column = 0; column < reader->header.count; column++) {
        const char *name = field_text(&reader->header, column);
        reader->column_keys[column] = name;
        if (reader->column_kinds[column] != COLUMN_CRITERION || reader->model == NULL)
            continue;
        if (expected < reader->model->criterion_count && strcmp(reader->model->criteria[expected].id, name) == 0)
            reader->column_keys[column] = reader->model->criteria[expected++].id;
    }
    for (unsigned column = 0; column < reader->header.count; column++) {
        if (reader->column_kinds[column] == COLUMN_CRITERION)
            reader->criterion_columns[reader->criterion_column_count++] = column;
        else
            reader->other_columns[reader->other_column_count++] = column;
    }
    csv_check_header(reader);
}

/* The case reference of the current row, if it has a case column. */
static const char *csv_case_of(const audit_reader *reader)
{
    for (unsigned column = 0; column < reader->header.count && column < reader->fields.count; column++)
        if (reader->column_kinds[column] == COLUMN_CASE && field_text(&reader->fields, column)[0])
            return field_text(&reader->fields, column);
    return NULL;
}

/* Map one cell to its place in the audit; an empty cell is not given. */
static int csv_take_cell(audit_reader *reader, unsigned column, const char *value)
{
    rubric_audit *audit = &reader->audit;
    const char *name = field_text(&reader->header, column);
    if (value[0] == '\0' && reader->column_kinds[column] != COLUMN_PASSED)
        return 1;                /* not given; a passed-through cell is kept as it is */
    switch (reader->column_kinds[column]) {
    case COLUMN_CASE: audit->case_reference = value; break;
    case COLUMN_RUBRIC: audit->rubric_id = value; break;
    case COLUMN_AUDITOR: audit->auditor = value; break;
    case COLUMN_DATE: audit->date = value; break;
    case COLUMN_ROLE: audit->role = value; break;
    case COLUMN_OVERALL: audit->auditor_overall = value; break;
    case COLUMN_SECTION:
        return add_entry(&reader->sections, &reader->section_capacity, &audit->auditor_section_count,
                         name + sizeof section_column_prefix - 1, value);
    case COLUMN_CRITERION:
        break;                   /* csv_take_row takes them in one loop */
    case COLUMN_CASE_TYPE: audit->case_type = value; break;
    case COLUMN_AMENDED_BY: reader->amended_by = value; break;
    case COLUMN_AMENDED_AT: reader->amended_at = value; break;
    case COLUMN_FACT:
    case COLUMN_PASSED:
        return add_entry(&reader->facts, &reader->fact_capacity, &audit->field_count, name, value);
    case COLUMN_COMMENT: {
        /* the key is what follows "comment:", and "section:" before a section id */
        const char *key = name + sizeof comment_column_prefix - 1;
        if (strncmp(key, section_column_prefix, sizeof section_column_prefix - 1) == 0)
            key += sizeof section_column_prefix - 1;
        return add_entry(&reader->comments, &reader->comment_capacity, &audit->comment_count, key, value);
    }
    }
    return 1;
}

/* A data row: as many fields as the header, valid UTF-8, a case; then the audit. */
static void csv_take_row(audit_reader *reader)
{
    unsigned expected = reader->header.count, found = reader->fields.count;
    const char *case_reference = csv_case_of(reader);
    if (found != expected) {
        snprintf(reader->message, sizeof reader->message, "%s row: %u fields where the header has %u",
                 found < expected ? "short" : "long", found, expected);
        audit_deliver_error(reader, reader->record_line, case_reference, reader->message);
        return;
    }
    if (reader->nul_field) {
        snprintf(reader->message, sizeof reader->message,
                 "column '%s' holds a NUL byte (a cell is text: remove the NUL)",
                 field_text(&reader->header, reader->nul_field - 1));
        safe_text_cut(reader->message);
        if (case_reference && strlen(case_reference) == 0)
            case_reference = NULL;
        audit_deliver_error(reader, reader->record_line, case_reference, reader->message);
        return;
    }
    if (reader->invalid_utf8_field) {
        snprintf(reader->message, sizeof reader->message, "column '%s' is not valid UTF-8",
                 field_text(&reader->header, reader->invalid_utf8_field - 1));
        safe_text_cut(reader->message);
        if (case_reference && !audit_is_utf8((const unsigned char *)case_reference, strlen(case_reference)))
            case_reference = NULL;
        audit_deliver_error(reader, reader->record_line, case_reference, reader->message);
        return;
    }
    rubric_audit *audit = &reader->audit;
    memset(audit, 0, sizeof *audit);
    reader->amended_by = reader->amended_at = NULL;
    for (unsigned index = 0; index < reader->other_column_count; index++) {
        unsigned column = reader->other_columns[index];
        if (!csv_take_cell(reader, column, field_text(&reader->fields, column))) {
            reader->out_of_memory = 1;
            return;
        }
    }
    /* A grade entry per criterion cell, with no branch on the cells: each
     * is written at the end of the list, which grows only when the cell
     * is not empty (the header reserved room for every column). */
    rubric_entry *entry = reader->grades;
    const char *text = reader->fields.text;
    const size_t *offsets = reader->fields.offsets;
    for (unsigned index = 0; index < reader->criterion_column_count; index++) {
        unsigned column = reader->criterion_columns[index];
        const char *value = text + offsets[column];
        *entry = (rubric_entry){reader->column_keys[column], value};
        entry += value[0] != '\0';
    }
    audit->grade_count = (unsigned)(entry - reader->grades);
    audit->grades = reader->grades;
    audit->auditor_sections = reader->sections;
    audit->comments = reader->comments;
    audit->fields = reader->facts;
    if (audit->case_reference == NULL) {
        reader->amended_by = reader->amended_at = NULL;
        audit_deliver_error(reader, reader->record_line, NULL, "the 'case' cell is empty or missing");
        return;
    }
    /* An empty date cell is a date not given, as every empty cell is; the
     * date's form is checked as the audit is handed over (audit_lines.c). */
    audit_deliver(reader, reader->record_line, audit, audit->case_reference, NULL);
}

/* Whether the record is a comment row: its first cell starts with '#',
 * and no audit row has been read yet (the CSV template's row of titles,
 * under the header, is one). Further down, such a row is an audit. */
static int is_comment_row(const audit_reader *reader)
{
    return reader->data_rows == 0 && reader->fields.count > 0 && field_text(&reader->fields, 0)[0] == '#';
}

/* libcsv's end-of-record callback: the first record but comment rows is
 * the header. */
static void csv_record_done(int terminator, void *context)
{
    audit_reader *reader = context;
    (void)terminator;
    if (reader->stopped || reader->out_of_memory)
        return;
    if (is_comment_row(reader)) {
        field_list_clear(&reader->fields);
        return;
    }
    reader->invalid_utf8_field = first_invalid_utf8_field(&reader->fields);
    if (!reader->have_header) {
        csv_take_header(reader);
    } else {
        reader->data_rows++;
        csv_take_row(reader);
    }
    field_list_clear(&reader->fields);
}

/* The same record path for rows read another way (audit_xlsx.c's
 * workbook rows): a fresh input, then each row's cells, then its end. */
void audit_csv_begin(audit_reader *reader)
{
    reader->have_header = 0;
    reader->data_rows = 0;
    reader->record_has_nul = 0;
    field_list_clear(&reader->header);
    field_list_clear(&reader->fields);
}

void audit_csv_add_field(audit_reader *reader, const char *text, size_t length)
{
    csv_take_field(reader, text, length);
}

void audit_csv_end_record(audit_reader *reader, unsigned long line)
{
    reader->record_line = line;
    csv_record_done('\n', reader);
}

/* (Re)start libcsv: strict quoting, and an unclosed quote at the end is an error. */
static int csv_start(audit_reader *reader)
{
    if (reader->parser_ready)
        csv_free(&reader->parser);
    reader->parser_ready = csv_init(&reader->parser, CSV_STRICT | CSV_STRICT_FINI) == 0;
    field_list_clear(&reader->fields);
    reader->quote_open = 0;
    reader->record_bytes = 0;
    return reader->parser_ready;
}

/* Drop the record being read and start afresh at the next line. */
static void csv_restart(audit_reader *reader)
{
    if (!csv_start(reader))
        reader->out_of_memory = 1;
}

/* A record (or the header) cannot be read: the header's trouble ends the
 * input; a row's is reported by the line it starts on, and reading goes on. */
static void csv_record_broken(audit_reader *reader, const char *reason)
{
    if (!reader->have_header && reader->line_status > 0 && audit_first_visible(reader->line, reader->line_bytes) == '{')
        audit_input_trouble(reader, reader->record_line,
                            "not a CSV of audits: the first line is a JSON object (read it as JSON Lines: "
                            "--input-format jsonl, or name the file .jsonl)");
    else if (!reader->have_header)
        audit_input_trouble(reader, reader->record_line, "the CSV header row cannot be read: %s; no row was read",
                            reason);
    else
        audit_deliver_error(reader, reader->record_line, NULL, reason);
    csv_restart(reader);
}

/* A CSV syntax error in the current line: the record it broke is dropped. */
static void csv_report_syntax_error(audit_reader *reader)
{
    int code = csv_error(&reader->parser);
    if (code == CSV_EPARSE)
        snprintf(reader->reason, sizeof reader->reason,
                 "malformed CSV: a stray quote (quote the whole field, and write a quote inside it as \"\")");
    else
        snprintf(reader->reason, sizeof reader->reason, "malformed CSV: %s", csv_strerror(code));
    csv_record_broken(reader, reader->reason);
}

/* A quoted field opened on the record's first line never closed; the
 * lines up to LAST_LINE were taken by it. */
static void csv_report_unclosed(audit_reader *reader, unsigned long last_line, const char *until)
{
    unsigned long lines = last_line - reader->record_line + 1;
    snprintf(reader->reason, sizeof reader->reason,
             "malformed CSV: a quoted field is not closed %s; %lu line%s skipped "
             "(close the quote, and write a quote inside a field as \"\")",
             until, lines, lines == 1 ? "" : "s");
    csv_record_broken(reader, reader->reason);
}

/* The probe's callbacks: count the fields and records of one line. */
static void probe_field(void *data, size_t length, void *context)
{
    (void)data;
    (void)length;
    ((audit_reader *)context)->probe_fields++;
}

static void probe_record(int terminator, void *context)
{
    (void)terminator;
    ((audit_reader *)context)->probe_records++;
}

/* Whether the current line, read on its own, is one whole row as wide as
 * the header: then it starts a record, whatever came before it. */
static int line_is_whole_row(audit_reader *reader, size_t length)
{
    struct csv_parser probe;
    if (csv_init(&probe, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return 0;
    reader->probe_fields = 0;
    reader->probe_records = 0;
    int whole = csv_parse(&probe, reader->line, length, probe_field, probe_record, reader) == length &&
                csv_fini(&probe, probe_field, probe_record, reader) == 0;
    csv_free(&probe);
    return whole && reader->probe_records == 1 && reader->probe_fields == reader->header.count;
}

/* Count the quotes of a line: an odd count flips whether a quoted field
 * runs on past its end (strict quoting makes this exact). */
static int flips_quote(const char *text, size_t length)
{
    int odd = 0;
    const char *end = text + length;
    for (const char *quote = memchr(text, '"', length); quote; quote = memchr(quote + 1, '"', (size_t)(end - quote - 1)))
        odd ^= 1;
    return odd;
}

/* The plain path for CSV rows: a line that is one whole record with no
 * quote (nearly every row of audits) is split at its commas here into the
 * same fields libcsv's callbacks would keep, and the record's end handed
 * to the same callback, many times faster than libcsv's byte by byte
 * state machine. A field may be quoted whole ("...", "" for a quote). A
 * line is declined, and goes to libcsv, when it holds any other quote, a
 * tab, a carriage return other than one before its newline, a space at
 * either end of an unquoted field (libcsv trims those), a NUL, or no
 * newline (the last line, which libcsv completes at the end), or is
 * empty (libcsv skips it). */
int csv_row_plain_path = 1;

/* Where a plain row's commas are, as a bit per byte of one chunk of up to
 * sixteen bytes; and whether the chunk rules the row out of the plain path:
 * a quote, tab or carriage return, or a space next to a comma (libcsv
 * trims those; PREVIOUS carries the last byte's comma and space bits of
 * the chunk before). */
typedef struct row_chunk {
    unsigned commas;
    unsigned spaces;
    int quoted;                  /* holds a quote: the row is split by split_quoted_row */
    int declined;
} row_chunk;

/* The bits of TEXT[0..LENGTH) (LENGTH at most 16): simd16.h compares sixteen
 * bytes at once; else byte by byte. */
static inline row_chunk scan_row_chunk(const char *text, size_t length, row_chunk previous)
{
    row_chunk chunk = {0, 0, 0, 0};
    unsigned special = 0, quotes = 0;
#if defined(SIMD16)
    char padded[16] = {0};
    const char *bytes16 = text;
    if (length < 16) {
        memcpy(padded, text, length);
        bytes16 = padded;
    }
    simd16 bytes = simd16_load(bytes16);
    chunk.commas = simd16_mask(simd16_equal(bytes, simd16_splat(',')));
    chunk.spaces = simd16_mask(simd16_equal(bytes, simd16_splat(' ')));
    quotes = simd16_mask(simd16_equal(bytes, simd16_splat('"')));
    special = simd16_mask(
        simd16_or(simd16_equal(bytes, simd16_splat('\t')), simd16_equal(bytes, simd16_splat('\r'))));
#else
    for (size_t index = 0; index < length; index++) {
        chunk.commas |= (unsigned)(text[index] == ',') << index;
        chunk.spaces |= (unsigned)(text[index] == ' ') << index;
        quotes |= (unsigned)(text[index] == '"') << index;
        special |= (unsigned)(text[index] == '\t' || text[index] == '\r') << index;
    }
#endif
    unsigned commas_before = chunk.commas << 1 | previous.commas >> 15;
    unsigned spaces_before = chunk.spaces << 1 | previous.spaces >> 15;
    chunk.quoted = quotes != 0;
    chunk.declined = special != 0 || (chunk.spaces & commas_before) != 0 || (chunk.commas & spaces_before) != 0;
    return chunk;
}

/* Add the next field's offset to a field list whose text is in place. */
static inline int add_offset(field_list *list, size_t offset)
{
    if (list->count == list->offset_capacity &&
        !audit_reserve((void **)&list->offsets, &list->offset_capacity, list->count + 1, sizeof *list->offsets))
        return 0;
    list->offsets[list->count++] = offset;
    return 1;
}

/* A row split by the plain path, its fields' text TEXT_LENGTH bytes with
 * their NULs: the record is done, as libcsv's end-of-record would say. */
static int plain_row_done(audit_reader *reader, size_t text_length)
{
    reader->fields.length = text_length;
    reader->nul_field = 0;
    csv_record_done('\n', reader);
    return 1;
}

/* Give a row up to libcsv: the fields taken so far are dropped. */
static int decline_row(field_list *fields)
{
    fields->count = 0;
    return 0;
}

/* The plain path for a row that holds quotes, byte by byte: each field
 * either plain (no quote, tab or carriage return, no space at either end)
 * or quoted whole, "...", right between commas, with "" for a quote inside
 * it and no tab or carriage return. Anything else declines the row (0,
 * the field list left empty) and libcsv reads it, reporting or trimming
 * as it does. LINE[0..LENGTH) has no line end; the field list's text has
 * room for LENGTH + 1 bytes, more than the decoded fields need. */
static int split_quoted_row(audit_reader *reader, const char *line, size_t length)
{
    field_list *fields = &reader->fields;
    char *text = fields->text;
    const char *cursor = line, *end = line + length;
    size_t written = 0;
    for (;;) {
        size_t field_start = written;
        if (cursor < end && *cursor == '"') {
            for (cursor++;; cursor++) {
                if (cursor == end || *cursor == '\t' || *cursor == '\r')
                    return decline_row(fields);
                if (*cursor == '"') {
                    if (cursor + 1 < end && cursor[1] == '"')
                        cursor++;              /* "" is one quote */
                    else
                        break;
                }
                text[written++] = *cursor;
            }
            cursor++;                          /* the closing quote */
            if (cursor < end && *cursor != ',')
                return decline_row(fields);
        } else {
            for (; cursor < end && *cursor != ','; cursor++) {
                if (*cursor == '"' || *cursor == '\t' || *cursor == '\r')
                    return decline_row(fields);
                text[written++] = *cursor;
            }
            if (written > field_start && (text[field_start] == ' ' || text[written - 1] == ' '))
                return decline_row(fields);
        }
        text[written++] = '\0';
        if (!add_offset(fields, field_start)) {
            reader->out_of_memory = 1;
            return 1;
        }
        if (cursor == end)
            break;
        cursor++;                              /* the comma */
    }
    return plain_row_done(reader, written);
}

/* Read the current line of LENGTH bytes by the plain path; 0 when it is
 * declined (nothing has been done with it then). The line is copied
 * whole into the field list and each comma becomes the NUL that ends a
 * field, so a row costs one copy and one pass of sixteen bytes at a step;
 * the fields are what csv_take_field would have kept from libcsv. */
static int csv_plain_row(audit_reader *reader, size_t length)
{
    const char *line = reader->line;
    if (reader->fields.count != 0 || reader->record_has_nul || length < 2 || line[length - 1] != '\n')
        return 0;
    length--;
    if (line[length - 1] == '\r')
        length--;
    if (length == 0 || line[0] == ' ' || line[length - 1] == ' ')
        return 0;
    field_list *fields = &reader->fields;
    if (!audit_reserve_bytes(&fields->text, &fields->capacity, length + 1, 1024)) {
        reader->out_of_memory = 1;
        return 1;
    }
    char *text = fields->text;
    memcpy(text, line, length);
    row_chunk previous = {0, 0, 0, 0};
    size_t field_start = 0;
    for (size_t at = 0; at < length; at += 16) {
        size_t size = length - at < 16 ? length - at : 16;
        row_chunk chunk = scan_row_chunk(line + at, size, previous);
        if (chunk.quoted) {
            decline_row(fields);   /* split_quoted_row starts the row again */
            return split_quoted_row(reader, line, length);
        }
        if (chunk.declined)
            return decline_row(fields);
        for (unsigned commas = chunk.commas; commas; commas &= commas - 1) {
            size_t comma = at + (size_t)__builtin_ctz(commas);
            text[comma] = '\0';
            if (!add_offset(fields, field_start)) {
                reader->out_of_memory = 1;
                return 1;
            }
            field_start = comma + 1;
        }
        previous = chunk;
    }
    text[length] = '\0';
    if (!add_offset(fields, field_start)) {
        reader->out_of_memory = 1;
        return 1;
    }
    return plain_row_done(reader, length + 1);
}

/* Feed lines to libcsv; its callbacks deliver the records. */
void audit_csv_read(audit_reader *reader)
{
    ssize_t length;
    reader->have_header = 0;
    reader->data_rows = 0;
    field_list_clear(&reader->header);
    if (!csv_start(reader)) {
        reader->out_of_memory = 1;
        return;
    }
    while (!reader->stopped && !reader->out_of_memory && (length = audit_next_line(reader)) != LINE_END) {
        if (length == LINE_TOO_LONG) {
            if (!reader->quote_open)
                reader->record_line = reader->line_number;
            csv_record_broken(reader, audit_too_long_reason(reader, reader->quote_open ? "the record" : "the line"));
            continue;
        }
        if (reader->quote_open && reader->have_header && line_is_whole_row(reader, (size_t)length)) {
            csv_report_unclosed(reader, reader->line_number - 1, "before the next row");
            if (reader->stopped || reader->out_of_memory)
                break;
        }
        if (!reader->quote_open) {
            reader->record_line = reader->line_number;
            reader->record_bytes = 0;
            reader->record_has_nul = 0;
        }
        reader->record_has_nul |= audit_find_byte(reader->line, (size_t)length, '\0') != NULL;
        reader->record_bytes += (size_t)length;
        if (reader->record_bytes > reader->max_record_bytes) {
            csv_record_broken(reader, audit_too_long_reason(reader, "the record"));
            continue;
        }
        if (csv_row_plain_path && !reader->quote_open && csv_plain_row(reader, (size_t)length))
            continue;
        reader->quote_open ^= flips_quote(reader->line, (size_t)length);
        size_t parsed = csv_parse(&reader->parser, reader->line, (size_t)length, csv_field_done,
                                  csv_record_done, reader);
        if (parsed != (size_t)length)
            csv_report_syntax_error(reader);
    }
    if (reader->stopped || reader->out_of_memory)
        return;
    if (reader->quote_open)
        csv_report_unclosed(reader, reader->line_number, "by the end of the input");
    else if (csv_fini(&reader->parser, csv_field_done, csv_record_done, reader) != 0)
        csv_report_syntax_error(reader);
}
