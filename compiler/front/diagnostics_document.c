/*
 * diagnostics_document.c — diagnostics as JSON, SARIF 2.1.0 and GitHub
 * Actions workflow commands (see diagnostics_document.h; the formats are
 * described in docs/diagnostics.md).
 *
 * JSON and SARIF are one document per run, so their records are held until
 * the run ends; both are written with json_writer.c, keys in a fixed order,
 * and nothing in them depends on the time or the machine, so the same
 * input gives the same bytes. GitHub's commands are one line each and are
 * written as they come.
 */
#include "diagnostics_document.h"

#include <stdlib.h>
#include <string.h>

#include "diagnostic_rules.h"
#include "json_writer.h"

void diagnostic_record_free(diagnostic_record *record)
{
    free(record->message);
    free(record->place.file);
    for (size_t i = 0; i < record->include_count; i++)
        free(record->included_from[i].file);
    free(record->included_from);
    for (size_t i = 0; i < record->note_count; i++)
        diagnostic_record_free(&record->notes[i]);
    free(record->notes);
}

void diagnostics_hidden_phrase(const diagnostics_run *run, char *text, size_t size)
{
    int errors = run->hidden_errors, warnings = run->hidden_warnings;
    char error_part[48] = "", warning_part[48] = "";
    if (errors > 0)
        snprintf(error_part, sizeof error_part, "%d more error%s", errors, errors == 1 ? "" : "s");
    if (warnings > 0)
        snprintf(warning_part, sizeof warning_part, "%d more warning%s", warnings,
                 warnings == 1 ? "" : "s");
    snprintf(text, size, "%s%s%s not shown (--max-errors %d; --max-errors 0 shows all)",
             error_part, errors > 0 && warnings > 0 ? " and " : "", warning_part, run->max_errors);
}

/* ---------------------------------------------------------------- github */

/* text with GitHub's escapes for a command's message ('%', CR, LF) and,
 * for a property's value, also ':' and ','. */
static void github_write_escaped(FILE *out, const char *text, bool property)
{
    for (const char *p = text; *p != '\0'; p++) {
        switch (*p) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': fputs(property ? "%3A" : ":", out); break;
        case ',': fputs(property ? "%2C" : ",", out); break;
        default: fputc(*p, out); break;
        }
    }
}

/* ::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=rubricc::message
 * — a note becomes ::notice; the include chain follows the message on
 * lines of its own. GitHub's endColumn is the last column of the span. */
static void github_write(FILE *out, const diagnostic_record *record)
{
    const char *command = strcmp(record->severity, "note") == 0 ? "notice" : record->severity;
    fprintf(out, "::%s ", command);
    const diagnostic_place *place = &record->place;
    if (place->file != NULL) {
        fputs("file=", out);
        github_write_escaped(out, place->file, true);
        fprintf(out, ",line=%d,endLine=%d,col=%d,", place->line, place->end_line, place->column);
        if (place->end_line == place->line)
            fprintf(out, "endColumn=%d,",
                    place->end_column > place->column ? place->end_column - 1 : place->column);
    }
    fputs("title=rubricc::", out);
    github_write_escaped(out, record->message, false);
    for (size_t i = 0; i < record->include_count; i++) {
        fprintf(out, "%%0A%s ", i == 0 ? "In file included from" : "                 from");
        github_write_escaped(out, record->included_from[i].file, false);
        fprintf(out, ":%d", record->included_from[i].line);
    }
    fputc('\n', out);
}

/* ------------------------------------------------------------ collecting */

/* Append record to an array of records; false when out of memory. */
static bool records_append(diagnostic_record **records, size_t *count, size_t *capacity,
                           const diagnostic_record *record)
{
    if (*count == *capacity) {
        size_t bigger = *capacity ? *capacity * 2 : 16;
        diagnostic_record *grown = realloc(*records, bigger * sizeof **records);
        if (grown == NULL)
            return false;
        *records = grown;
        *capacity = bigger;
    }
    (*records)[(*count)++] = *record;
    return true;
}

void diagnostics_document_add(diagnostics_run *run, diagnostic_record *record)
{
    if (run->format == DIAGNOSTICS_GITHUB) {
        github_write(run->out, record);
        diagnostic_record_free(record);
        return;
    }
    bool kept;
    if (strcmp(record->severity, "note") == 0 && run->record_count > 0) {
        /* A note's array grows one at a time: notes are few. */
        diagnostic_record *parent = &run->records[run->record_count - 1];
        size_t capacity = parent->note_count;
        kept = records_append(&parent->notes, &parent->note_count, &capacity, record);
    } else {
        kept = records_append(&run->records, &run->record_count, &run->record_capacity, record);
    }
    if (!kept) {
        run->out_of_memory = true;
        diagnostic_record_free(record);
    }
}

/* ------------------------------------------------------------------ json */

/* The members of a place: "file", "line", "column", "endLine", "endColumn"
 * (file null and no numbers when it has no place). */
static void json_place_members(json_writer *writer, const diagnostic_place *place)
{
    json_string_member(writer, "file", place->file);
    if (place->file == NULL)
        return;
    json_integer_member(writer, "line", place->line);
    json_integer_member(writer, "column", place->column);
    json_integer_member(writer, "endLine", place->end_line);
    json_integer_member(writer, "endColumn", place->end_column);
}

/* "includedFrom": [{file, line, column}, …], the nearest include first. */
static void json_include_chain(json_writer *writer, const diagnostic_record *record)
{
    json_key(writer, "includedFrom");
    json_open(writer, '[');
    for (size_t i = 0; i < record->include_count; i++) {
        json_next_member(writer);
        json_open(writer, '{');
        json_string_member(writer, "file", record->included_from[i].file);
        json_integer_member(writer, "line", record->included_from[i].line);
        json_integer_member(writer, "column", record->included_from[i].column);
        json_close(writer, '}');
    }
    json_close(writer, ']');
}

static void json_record(json_writer *writer, const diagnostic_record *record, bool with_notes)
{
    json_next_member(writer);
    json_open(writer, '{');
    json_string_member(writer, "severity", record->severity);
    json_string_member(writer, "message", record->message);
    json_place_members(writer, &record->place);
    json_include_chain(writer, record);
    if (with_notes) {
        json_key(writer, "notes");
        json_open(writer, '[');
        for (size_t i = 0; i < record->note_count; i++)
            json_record(writer, &record->notes[i], false);
        json_close(writer, ']');
    }
    json_close(writer, '}');
}

static void json_document(json_writer *writer, const diagnostics_run *run)
{
    int errors = 0, warnings = 0;
    for (size_t i = 0; i < run->record_count; i++) {
        errors += strcmp(run->records[i].severity, "error") == 0;
        warnings += strcmp(run->records[i].severity, "warning") == 0;
    }
    json_open(writer, '{');
    json_string_member(writer, "tool", "rubricc");
    json_string_member(writer, "version", run->tool_version);
    json_key(writer, "diagnostics");
    json_open(writer, '[');
    for (size_t i = 0; i < run->record_count; i++)
        json_record(writer, &run->records[i], true);
    json_close(writer, ']');
    json_integer_member(writer, "errors", errors + run->hidden_errors);
    json_integer_member(writer, "warnings", warnings + run->hidden_warnings);
    json_integer_member(writer, "errorsNotShown", run->hidden_errors);
    json_integer_member(writer, "warningsNotShown", run->hidden_warnings);
    json_close(writer, '}');
}

/* ----------------------------------------------------------------- sarif */

/* A file name as a URI reference: unreserved characters and '/' as they
 * are, every other byte percent-encoded (so a ':' cannot read as a
 * scheme, and spaces and non-ASCII letters are valid). */
static void sarif_write_uri(json_writer *writer, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t length = strlen(name);
    char *uri = malloc(length * 3 + 1);
    if (uri == NULL) {
        json_write_string(writer, "");
        return;
    }
    size_t used = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
            || strchr("-._~/", *p) != NULL) {
            uri[used++] = (char)*p;
        } else {
            uri[used++] = '%';
            uri[used++] = hex[*p >> 4];
            uri[used++] = hex[*p & 0xF];
        }
    }
    uri[used] = '\0';
    json_write_string(writer, uri);
    free(uri);
}

/* "physicalLocation": {artifactLocation, region} */
static void sarif_physical_location(json_writer *writer, const diagnostic_place *place,
                                    bool whole_region)
{
    json_key(writer, "physicalLocation");
    json_open(writer, '{');
    json_key(writer, "artifactLocation");
    json_open(writer, '{');
    json_key(writer, "uri");
    sarif_write_uri(writer, place->file);
    json_close(writer, '}');
    json_key(writer, "region");
    json_open(writer, '{');
    json_integer_member(writer, "startLine", place->line);
    json_integer_member(writer, "startColumn", place->column);
    if (whole_region) {
        json_integer_member(writer, "endLine", place->end_line);
        json_integer_member(writer, "endColumn", place->end_column);
    }
    json_close(writer, '}');
    json_close(writer, '}');
}

/* "message": {"text": …} */
static void sarif_message(json_writer *writer, const char *text)
{
    json_key(writer, "message");
    json_open(writer, '{');
    json_string_member(writer, "text", text);
    json_close(writer, '}');
}

/* One related location: a note, or a line that included the file. */
static void sarif_related_location(json_writer *writer, int id, const diagnostic_place *place,
                                   const char *message, bool whole_region)
{
    json_next_member(writer);
    json_open(writer, '{');
    json_integer_member(writer, "id", id);
    sarif_physical_location(writer, place, whole_region);
    sarif_message(writer, message);
    json_close(writer, '}');
}

/* The include chain of one place, as related locations from id on;
 * returns the next id. */
static int sarif_include_chain(json_writer *writer, const diagnostic_record *record, int id)
{
    for (size_t i = 0; i < record->include_count; i++)
        sarif_related_location(writer, id++, &record->included_from[i],
                               "in a file included from here", false);
    return id;
}

static void sarif_result(json_writer *writer, const diagnostic_record *record)
{
    json_next_member(writer);
    json_open(writer, '{');
    json_string_member(writer, "ruleId", record->rule != NULL ? record->rule : "other-error");
    json_string_member(writer, "level", record->severity);
    sarif_message(writer, record->message);
    json_key(writer, "locations");
    json_open(writer, '[');
    if (record->place.file != NULL) {
        json_next_member(writer);
        json_open(writer, '{');
        sarif_physical_location(writer, &record->place, true);
        json_close(writer, '}');
    }
    json_close(writer, ']');
    json_key(writer, "relatedLocations");
    json_open(writer, '[');
    int id = sarif_include_chain(writer, record, 0);
    for (size_t i = 0; i < record->note_count; i++) {
        const diagnostic_record *note = &record->notes[i];
        if (note->place.file == NULL)
            continue;
        sarif_related_location(writer, id++, &note->place, note->message, true);
        id = sarif_include_chain(writer, note, id);
    }
    json_close(writer, ']');
    json_close(writer, '}');
}

/* Whether record a comes after record b in file and line order (records
 * with no place last, then as they were reported). */
static bool sarif_after(const diagnostic_record *a, size_t a_index, const diagnostic_record *b,
                        size_t b_index)
{
    if ((a->place.file == NULL) != (b->place.file == NULL))
        return a->place.file == NULL;
    if (a->place.file != NULL) {
        int by_file = strcmp(a->place.file, b->place.file);
        if (by_file != 0)
            return by_file > 0;
        if (a->place.line != b->place.line)
            return a->place.line > b->place.line;
        if (a->place.column != b->place.column)
            return a->place.column > b->place.column;
    }
    return a_index > b_index;
}

/* The records' indexes in file and line order, as a code-scanning
 * service lists results (an insertion sort: runs hold few records, most
 * already in order). */
static void sarif_order(const diagnostics_run *run, size_t *order)
{
    for (size_t i = 0; i < run->record_count; i++) {
        size_t j = i;
        while (j > 0 && sarif_after(&run->records[order[j - 1]], order[j - 1], &run->records[i], i)) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
}

static void sarif_document(json_writer *writer, diagnostics_run *run)
{
    json_open(writer, '{');
    json_string_member(writer, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    json_string_member(writer, "version", "2.1.0");
    json_key(writer, "runs");
    json_open(writer, '[');
    json_next_member(writer);
    json_open(writer, '{');
    json_key(writer, "tool");
    json_open(writer, '{');
    json_key(writer, "driver");
    json_open(writer, '{');
    json_string_member(writer, "name", "rubricc");
    json_string_member(writer, "version", run->tool_version);
    json_key(writer, "rules");
    json_open(writer, '[');
    for (size_t i = 0; i < diagnostic_rule_count(); i++) {
        json_next_member(writer);
        json_open(writer, '{');
        json_string_member(writer, "id", diagnostic_rule_id(i));
        json_key(writer, "shortDescription");
        json_open(writer, '{');
        json_string_member(writer, "text", diagnostic_rule_description(i));
        json_close(writer, '}');
        json_close(writer, '}');
    }
    json_close(writer, ']');
    json_close(writer, '}');
    json_close(writer, '}');
    json_string_member(writer, "columnKind", "unicodeCodePoints");
    json_key(writer, "results");
    json_open(writer, '[');
    size_t *order = malloc((run->record_count + 1) * sizeof *order);
    if (order == NULL) {
        run->out_of_memory = true;
    } else {
        sarif_order(run, order);
        for (size_t i = 0; i < run->record_count; i++)
            sarif_result(writer, &run->records[order[i]]);
        free(order);
    }
    json_close(writer, ']');
    if (run->hidden_errors + run->hidden_warnings > 0) {
        char text[160];
        diagnostics_hidden_phrase(run, text, sizeof text);
        json_key(writer, "invocations");
        json_open(writer, '[');
        json_next_member(writer);
        json_open(writer, '{');
        json_boolean_member(writer, "executionSuccessful", true);
        json_key(writer, "toolExecutionNotifications");
        json_open(writer, '[');
        json_next_member(writer);
        json_open(writer, '{');
        json_string_member(writer, "level", "note");
        sarif_message(writer, text);
        json_close(writer, '}');
        json_close(writer, ']');
        json_close(writer, '}');
        json_close(writer, ']');
    }
    json_close(writer, '}');
    json_close(writer, ']');
    json_close(writer, '}');
}

void diagnostics_document_write(diagnostics_run *run)
{
    json_writer *writer = malloc(sizeof *writer);
    if (writer == NULL) {
        run->out_of_memory = true;
    } else {
        json_writer_init(writer, run->out);
        if (run->format == DIAGNOSTICS_SARIF)
            sarif_document(writer, run);
        else
            json_document(writer, run);
        json_put_char(writer, '\n');
        json_flush(writer);
        free(writer);
    }
    for (size_t i = 0; i < run->record_count; i++)
        diagnostic_record_free(&run->records[i]);
    free(run->records);
    run->records = NULL;
    run->record_count = 0;
}
