/*
 * grade_with_tables.c — rubric-grade's output path, with the rubric taken
 * from linked C tables instead of the JSON loader.
 *
 *   grade_with_tables [--format jsonl|csv|text] [--summary] INPUT ...
 *
 * The one-truth test (tests/one_truth/run.sh) builds this once per shipped
 * rubric, linked with the tables `rubricc --emit c` wrote for it (the
 * header and symbol are named on the command line: -DRUBRIC_TABLES_HEADER
 * and -DRUBRIC_TABLES_SYMBOL) and with librubric.a, and compares what it
 * writes with rubric-grade's output for the same audits, byte for byte.
 *
 * rubric-grade's main (runtime/rubric_grade_main.c) loads the model from
 * JSON inside main and keeps its record loop static, so it cannot be given
 * a linked model. This program therefore drives the same library code in
 * the same order (audit reader -> rubric_grade -> report writer, or the
 * batch summary), with the same per-record error lines on stderr and the
 * same exit statuses; only the model's origin differs.
 */
#include <stdio.h>
#include <string.h>

#include "audit_read.h"
#include "report.h"
#include "rubric.h"
#include "summary.h"

#include RUBRIC_TABLES_HEADER

/* The exit statuses rubric-grade uses. */
enum { EXIT_ALL_GRADED = 0, EXIT_RECORD_FAILED = 1, EXIT_TROUBLE = 2 };

/* The run's state, shared with the per-record handler. */
typedef struct tables_run {
    rubric_grader *grader;
    report_writer *writer;       /* NULL with --summary */
    batch_summary *summary;      /* NULL without --summary */
    unsigned long records;
    unsigned long failed;
    int write_failed;
    char message[4096];
} tables_run;

/* A record failed: stderr, the output and the summary hear of it. */
static int record_failed(tables_run *state, const report_source *source, const char *message)
{
    state->failed++;
    if (source->case_reference)
        fprintf(stderr, "%s:%lu: error: case %s: %s\n", source->input, source->line, source->case_reference,
                message);
    else
        fprintf(stderr, "%s:%lu: error: %s\n", source->input, source->line, message);
    if (state->writer && !report_error(state->writer, source, message))
        state->write_failed = 1;
    if (state->summary)
        summary_add_error(state->summary);
    return state->write_failed;
}

/* The audit reader's callback: grade one record and report it. */
static int handle_record(const audit_record *record, void *context)
{
    tables_run *state = context;
    report_source source = {record->input, record->line, record->case_reference};
    state->records++;
    if (record->audit == NULL)
        return record_failed(state, &source, record->error);
    const rubric_result *result = rubric_grade(state->grader, record->audit);
    if (!result->valid) {
        report_describe_problems(result, state->message, sizeof state->message);
        return record_failed(state, &source, state->message);
    }
    if (state->writer && !report_result(state->writer, &source, record->audit, result))
        state->write_failed = 1;
    if (state->summary)
        summary_add_result(state->summary, result);
    return state->write_failed;
}

/* Read one input file; 0 when it could not be read. */
static int grade_file(tables_run *state, audit_reader *reader, const char *name)
{
    char error[512];
    FILE *input = fopen(name, "rb");
    if (input == NULL) {
        fprintf(stderr, "grade_with_tables: cannot open %s\n", name);
        return 0;
    }
    int read = audit_reader_read(reader, input, name, audit_format_from_name(name), handle_record, state, error,
                                 sizeof error);
    if (!read)
        fprintf(stderr, "grade_with_tables: %s\n", error);
    fclose(input);
    return read;
}

/* Parse "--format WORD"; 0 when WORD is not a report format. */
static int parse_report_format(const char *word, report_format *format)
{
    static const struct {
        const char *word;
        report_format format;
    } formats[] = {{"jsonl", REPORT_FORMAT_JSONL}, {"csv", REPORT_FORMAT_CSV}, {"text", REPORT_FORMAT_TEXT}};
    for (size_t index = 0; word && index < sizeof formats / sizeof formats[0]; index++) {
        if (strcmp(word, formats[index].word) == 0) {
            *format = formats[index].format;
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    report_format format = REPORT_FORMAT_JSONL;
    int want_summary = 0;
    int first_input = 1;
    for (; first_input < argc && argv[first_input][0] == '-'; first_input++) {
        if (strcmp(argv[first_input], "--summary") == 0) {
            want_summary = 1;
        } else if (strcmp(argv[first_input], "--format") == 0 && first_input + 1 < argc &&
                   parse_report_format(argv[first_input + 1], &format)) {
            first_input++;
        } else {
            fprintf(stderr, "usage: grade_with_tables [--format jsonl|csv|text] [--summary] INPUT ...\n");
            return EXIT_TROUBLE;
        }
    }

    rubric_error error;
    const rubric_model *model = &RUBRIC_TABLES_SYMBOL;
    tables_run state = {.grader = rubric_grader_new(model, &error)};
    if (state.grader == NULL) {
        fprintf(stderr, "grade_with_tables: unusable rubric tables: %s\n", error.message);
        return EXIT_TROUBLE;
    }
    static char output_buffer[1 << 16];
    setvbuf(stdout, output_buffer, _IOFBF, sizeof output_buffer);
    if (want_summary)
        state.summary = summary_new(model);
    else
        state.writer = report_new(model, format, stdout);
    audit_reader *reader = audit_reader_new();

    int trouble = reader == NULL || (state.summary == NULL && state.writer == NULL);
    for (int index = first_input; reader && index < argc && !state.write_failed; index++)
        if (!grade_file(&state, reader, argv[index]))
            trouble = 1;
    if (state.summary && !summary_write(state.summary, format == REPORT_FORMAT_TEXT, stdout))
        trouble = 1;
    if (fflush(stdout) != 0 || state.write_failed)
        trouble = 1;
    if (state.failed)
        fprintf(stderr, "grade_with_tables: %lu of %lu records failed\n", state.failed, state.records);

    audit_reader_free(reader);
    report_free(state.writer);
    summary_free(state.summary);
    rubric_grader_free(state.grader);
    if (trouble)
        return EXIT_TROUBLE;
    return state.failed ? EXIT_RECORD_FAILED : EXIT_ALL_GRADED;
}
