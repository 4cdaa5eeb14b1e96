/*
 * diagnostics.c — reporting diagnostics: the text format with the source
 * line and a caret, the cap on errors shown, and the hand-over of the
 * other formats to diagnostics_document.c (see diagnostics.h).
 *
 * A span with file -1 has no place in a file (an error about the rubric as a
 * whole) and prints as "rubricc: error: …". Tabs in a quoted line are kept
 * in the caret line too, so the caret sits under the same column whatever
 * the terminal's tab width.
 */
#include "diagnostics.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diagnostic_rules.h"
#include "diagnostics_document.h"
#include "output_buffer.h"
#include "safe_text.h"

typedef enum severity { SEVERITY_ERROR, SEVERITY_WARNING, SEVERITY_NOTE } severity;

/* Lines longer than this many characters are quoted as a window of
 * QUOTE_WINDOW characters around the caret, QUOTE_BEFORE of them before it. */
enum { QUOTE_LONGEST = 200, QUOTE_WINDOW = 160, QUOTE_BEFORE = 60 };

void diagnostics_init(diagnostics *report, const source_set *sources, FILE *out)
{
    memset(report, 0, sizeof *report);
    report->sources = sources;
    report->out = out;
}

/* Whether text needs nothing escaped: printable ASCII only (the common
 * case, checked without building anything). */
static bool diagnostic_is_plain(const char *text)
{
    for (const unsigned char *byte = (const unsigned char *)text; *byte != '\0'; byte++)
        if (*byte < 0x20 || *byte >= 0x7F)
            return false;
    return true;
}

/* text escaped (safe_text_escaped) into buffer; NULL when memory ran out
 * or nothing needed escaping (the caller then shows text itself). */
static const char *diagnostic_escape(output_buffer *buffer, const char *text)
{
    if (diagnostic_is_plain(text))
        return NULL;
    safe_text_escaped(buffer, text);
    if (buffer->out_of_memory || buffer->text == NULL || strcmp(buffer->text, text) == 0)
        return NULL;
    return buffer->text;
}

const char *diagnostics_escaped(arena *region, const char *text)
{
    output_buffer buffer = {0};
    const char *escaped = diagnostic_escape(&buffer, text);
    const char *result = escaped != NULL ? arena_strdup(region, escaped) : text;
    output_buffer_free(&buffer);
    return result;
}

/* Writes text to out as diagnostics_escaped shows it. */
static void diagnostic_write_escaped(FILE *out, const char *text)
{
    output_buffer buffer = {0};
    const char *escaped = diagnostic_escape(&buffer, text);
    fputs(escaped != NULL ? escaped : text, out);
    output_buffer_free(&buffer);
}

/* Whether a line can be quoted: no control characters but the tab (a line
 * of a binary file would write them to the terminal). */
static bool diagnostic_is_printable(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = (unsigned char)text[i];
        if ((byte < 0x20 && byte != '\t') || byte == 0x7F)
            return false;
    }
    return true;
}

/* The byte offset in text[0..length) of character number count (or
 * length when the text is shorter). */
static size_t diagnostic_character_offset(const char *text, size_t length, size_t count)
{
    size_t i = 0;
    for (size_t seen = 0; i < length; i++) {
        if (((unsigned char)text[i] & 0xC0) != 0x80) {
            if (seen == count)
                return i;
            seen++;
        }
    }
    return length;
}

/* The source line and the caret line under it. */
static void diagnostic_quote(diagnostics *report, const source_file *file, source_span where)
{
    int line, column;
    source_position(file, where.begin, &line, &column);
    size_t length;
    const char *text = source_line(file, line, &length);
    if (!diagnostic_is_printable(text, length))
        return;
    size_t start = where.begin - file->line_starts[line - 1];
    size_t end = where.end > where.begin ? where.end - file->line_starts[line - 1] : start + 1;
    /* A long line: only a window of it, marked with ellipses. */
    size_t first = 0, last = length;
    if ((size_t)source_count_characters(text, length) > QUOTE_LONGEST) {
        size_t caret = (size_t)column - 1;
        size_t from = caret > QUOTE_BEFORE ? caret - QUOTE_BEFORE : 0;
        first = diagnostic_character_offset(text, length, from);
        last = diagnostic_character_offset(text, length, from + QUOTE_WINDOW);
    }
    fprintf(report->out, "%5d | %s%.*s%s\n", line, first > 0 ? "…" : "", (int)(last - first),
            text + first, last < length ? "…" : "");
    fputs(first > 0 ? "      |  " : "      | ", report->out);
    for (size_t i = first; i < start && i < last; i++) {
        unsigned char byte = (unsigned char)text[i];
        if (byte == '\t')
            fputc('\t', report->out);
        else if ((byte & 0xC0) != 0x80)
            fputc(' ', report->out);
    }
    fputc('^', report->out);
    /* Underline the rest of the span, up to the end of this line. */
    if (end > last)
        end = last;
    for (size_t i = start + 1; i < end; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            fputc('~', report->out);
    fputc('\n', report->out);
}

/* "In file included from A:12,\n                 from B:3:\n" */
static void diagnostic_print_include_chain(diagnostics *report, const source_file *file)
{
    const char *lead = "In file included from";
    while (file->included_from >= 0) {
        const source_file *including = &report->sources->files[file->included_from];
        int line, column;
        source_position(including, file->include_span.begin, &line, &column);
        bool more = including->included_from >= 0;
        fprintf(report->out, "%s ", lead);
        diagnostic_write_escaped(report->out, including->name);
        fprintf(report->out, ":%d%s\n", line, more ? "," : ":");
        lead = "                 from";
        file = including;
    }
}

/* The text format: the include chain, the message, the quoted line. */
static void diagnostic_print_text(diagnostics *report, const char *severity_name,
                                  const source_file *file, source_span where, const char *message)
{
    if (file != NULL) {
        int line, column;
        diagnostic_print_include_chain(report, file);
        source_position(file, where.begin, &line, &column);
        diagnostic_write_escaped(report->out, file->name);
        fprintf(report->out, ":%d:%d: %s: ", line, column, severity_name);
        diagnostic_write_escaped(report->out, message);
        fputc('\n', report->out);
        diagnostic_quote(report, file, where);
    } else {
        fprintf(report->out, "rubricc: %s: ", severity_name);
        diagnostic_write_escaped(report->out, message);
        fputc('\n', report->out);
    }
}

/* A copy of text, or NULL (the run notes that memory ran out). */
static char *diagnostic_copy(diagnostics_run *run, const char *text)
{
    char *copy = malloc(strlen(text) + 1);
    if (copy == NULL)
        run->out_of_memory = true;
    else
        strcpy(copy, text);
    return copy;
}

/* Where a span begins and ends, as a place that outlives the file. */
static diagnostic_place diagnostic_place_of(diagnostics_run *run, const source_file *file,
                                            source_span where)
{
    diagnostic_place place = {NULL, 0, 0, 0, 0};
    place.file = diagnostic_copy(run, file->name);
    source_position(file, where.begin, &place.line, &place.column);
    if (where.end > where.begin) {
        source_position(file, where.end, &place.end_line, &place.end_column);
    } else {
        place.end_line = place.line;
        place.end_column = place.column + 1;
    }
    return place;
}

/* The machine formats: the diagnostic as a record, for
 * diagnostics_document.c. */
static void diagnostic_hand_over(diagnostics *report, const char *severity_name, const char *rule,
                                 const source_file *file, source_span where, char *message)
{
    diagnostics_run *run = report->run;
    diagnostic_record record;
    memset(&record, 0, sizeof record);
    record.severity = severity_name;
    record.rule = rule;
    record.message = message;
    if (file != NULL) {
        record.place = diagnostic_place_of(run, file, where);
        size_t depth = 0;
        for (const source_file *f = file; f->included_from >= 0;
             f = &report->sources->files[f->included_from])
            depth++;
        record.included_from = depth > 0 ? calloc(depth, sizeof *record.included_from) : NULL;
        if (depth > 0 && record.included_from == NULL)
            run->out_of_memory = true;
        for (const source_file *f = file; record.included_from != NULL && f->included_from >= 0;
             f = &report->sources->files[f->included_from]) {
            record.included_from[record.include_count++] = diagnostic_place_of(
                run, &report->sources->files[f->included_from], f->include_span);
        }
    }
    diagnostics_document_add(run, &record);
}

/* The message, formatted into its own allocation (NULL: out of memory). */
static char *diagnostic_format_message(const char *format, va_list arguments, bool promoted)
    __attribute__((format(printf, 1, 0)));

static char *diagnostic_format_message(const char *format, va_list arguments, bool promoted)
{
    static const char suffix[] = " [-Werror]";
    va_list copy;
    va_copy(copy, arguments);
    int length = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (length < 0)
        return NULL;
    char *message = malloc((size_t)length + sizeof suffix);
    if (message == NULL)
        return NULL;
    vsnprintf(message, (size_t)length + 1, format, arguments);
    if (promoted)
        memcpy(message + length, suffix, sizeof suffix);
    return message;
}

/* Whether the run's cap hides this diagnostic (counting it if so). */
static bool diagnostic_is_hidden(diagnostics_run *run, severity level, bool counts_as_error)
{
    if (run == NULL)
        return false;
    if (level == SEVERITY_NOTE)
        return run->hiding;
    run->hiding = run->max_errors > 0 && run->shown_errors >= run->max_errors;
    if (run->hiding && counts_as_error)
        run->hidden_errors++;
    else if (run->hiding)
        run->hidden_warnings++;
    else if (counts_as_error)
        run->shown_errors++;
    return run->hiding;
}

static void diagnostic_print(diagnostics *report, severity level, source_span where,
                             const char *format, va_list arguments)
    __attribute__((format(printf, 4, 0)));

static void diagnostic_print(diagnostics *report, severity level, source_span where,
                             const char *format, va_list arguments)
{
    static const char *const names[] = {"error", "warning", "note"};
    bool promoted = level == SEVERITY_WARNING && report->warnings_are_errors;
    bool counts_as_error = level == SEVERITY_ERROR || promoted;
    if (counts_as_error)
        report->error_count++;
    else if (level == SEVERITY_WARNING)
        report->warning_count++;
    if (diagnostic_is_hidden(report->run, level, counts_as_error))
        return;
    const source_file *file = NULL;
    if (where.file >= 0 && (size_t)where.file < report->sources->count)
        file = &report->sources->files[where.file];
    const char *severity_name = promoted ? "error" : names[level];
    char *message = diagnostic_format_message(format, arguments, promoted);
    if (message == NULL) {
        fprintf(report->out, "rubricc: %s: (out of memory while reporting)\n", severity_name);
        return;
    }
    if (report->run == NULL || report->run->format == DIAGNOSTICS_TEXT) {
        diagnostic_print_text(report, severity_name, file, where, message);
        free(message);
    } else {
        diagnostic_hand_over(report, severity_name,
                             diagnostic_rule_of(format, message, level == SEVERITY_WARNING), file, where,
                             message);
    }
}

void diagnostic_error(diagnostics *report, source_span where, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    diagnostic_print(report, SEVERITY_ERROR, where, format, arguments);
    va_end(arguments);
}

void diagnostic_warning(diagnostics *report, source_span where, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    diagnostic_print(report, SEVERITY_WARNING, where, format, arguments);
    va_end(arguments);
}

void diagnostic_note(diagnostics *report, source_span where, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    diagnostic_print(report, SEVERITY_NOTE, where, format, arguments);
    va_end(arguments);
}

diagnostics_run *diagnostics_run_new(diagnostics_format format, FILE *out, int max_errors,
                                     const char *tool_version)
{
    diagnostics_run *run = calloc(1, sizeof *run);
    if (run == NULL)
        return NULL;
    run->format = format;
    run->out = out;
    run->max_errors = max_errors;
    run->tool_version = tool_version;
    return run;
}

int diagnostics_run_finish(diagnostics_run *run)
{
    if (run->format == DIAGNOSTICS_JSON || run->format == DIAGNOSTICS_SARIF) {
        diagnostics_document_write(run);
    } else if (run->hidden_errors + run->hidden_warnings > 0) {
        char text[160];
        diagnostics_hidden_phrase(run, text, sizeof text);
        fprintf(run->out, "%s%s\n",
                run->format == DIAGNOSTICS_GITHUB ? "::notice title=rubricc::" : "rubricc: note: ",
                text);
    }
    if (run->out_of_memory)
        fputs("rubricc: error: out of memory while reporting; some diagnostics are missing\n",
              stderr);
    int status = fflush(run->out) != 0 || ferror(run->out) ? -1 : 0;
    free(run);
    return status;
}
