/*
 * diagnostics.c — printing diagnostics with the source line and a caret
 * (see diagnostics.h for the format).
 *
 * A span with file -1 has no place in a file (an error about the rubric as a
 * whole) and prints as "rubricc: error: …". Tabs in a quoted line are kept
 * in the caret line too, so the caret sits under the same column whatever
 * the terminal's tab width.
 */
#include "diagnostics.h"

#include <stdarg.h>
#include <string.h>

typedef enum severity { SEVERITY_ERROR, SEVERITY_WARNING, SEVERITY_NOTE } severity;

void diagnostics_init(diagnostics *report, const source_set *sources, FILE *out)
{
    memset(report, 0, sizeof *report);
    report->sources = sources;
    report->out = out;
}

/* The source line and the caret line under it. */
static void diagnostic_quote(diagnostics *report, const source_file *file, source_span where)
{
    int line, column;
    source_position(file, where.begin, &line, &column);
    size_t length;
    const char *text = source_line(file, line, &length);
    fprintf(report->out, "%5d | %.*s\n", line, (int)length, text);
    fputs("      | ", report->out);
    size_t start = where.begin - file->line_starts[line - 1];
    for (size_t i = 0; i < start && i < length; i++) {
        unsigned char byte = (unsigned char)text[i];
        if (byte == '\t')
            fputc('\t', report->out);
        else if ((byte & 0xC0) != 0x80)
            fputc(' ', report->out);
    }
    fputc('^', report->out);
    /* Underline the rest of the span, up to the end of this line. */
    size_t end = where.end > where.begin ? where.end - file->line_starts[line - 1] : start + 1;
    if (end > length)
        end = length;
    for (size_t i = start + 1; i < end; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            fputc('~', report->out);
    fputc('\n', report->out);
}

static void diagnostic_print(diagnostics *report, severity level, source_span where,
                             const char *format, va_list arguments)
    __attribute__((format(printf, 4, 0)));

static void diagnostic_print(diagnostics *report, severity level, source_span where,
                             const char *format, va_list arguments)
{
    static const char *const names[] = {"error", "warning", "note"};
    bool promoted = level == SEVERITY_WARNING && report->warnings_are_errors;
    const source_file *file = NULL;
    if (where.file >= 0 && (size_t)where.file < report->sources->count)
        file = &report->sources->files[where.file];
    if (file != NULL) {
        int line, column;
        source_position(file, where.begin, &line, &column);
        fprintf(report->out, "%s:%d:%d: ", file->name, line, column);
    } else {
        fputs("rubricc: ", report->out);
    }
    fprintf(report->out, "%s: ", promoted ? "error" : names[level]);
    vfprintf(report->out, format, arguments);
    fputs(promoted ? " [-Werror]\n" : "\n", report->out);
    if (file != NULL)
        diagnostic_quote(report, file, where);
    if (level == SEVERITY_ERROR || promoted)
        report->error_count++;
    else if (level == SEVERITY_WARNING)
        report->warning_count++;
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
