/*
 * fuzz_audits.c — a libFuzzer harness for reading audits: each input is
 * an audit file's bytes, read by the same reader as rubric-grade
 * (audit_reader_read, in the format FUZZ_AUDIT_FORMAT: JSON Lines or CSV),
 * every record graded against a shipped rubric (FUZZ_RUBRIC, its JSON) and
 * written by the report writer in one of the three output formats (the
 * input's last byte picks which) to memory. Built twice by
 * tests/fuzz.mk, once per input format, with clang
 * -fsanitize=fuzzer,address,undefined; -max_len lets records grow past the
 * reader's first buffer sizes.
 *
 * Every input is read twice, by the reader's plain path where it can and
 * without it (JSON Lines by yajl alone, json_record_plain_path 0, and
 * without the rubric's criterion ids that the plain path matches keys
 * against; CSV by libcsv alone, csv_row_plain_path 0), and the two outputs
 * must be the same byte for byte: the plain paths must read every line as
 * yajl and jansson, or libcsv, do, errors included.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_csv.h"
#include "audit_json.h"
#include "audit_read.h"
#include "report.h"
#include "rubric.h"

#ifndef FUZZ_AUDIT_FORMAT
#error "FUZZ_AUDIT_FORMAT must name the input format (AUDIT_FORMAT_JSONL or AUDIT_FORMAT_CSV)"
#endif
#ifndef FUZZ_RUBRIC
#error "FUZZ_RUBRIC must name the rubric JSON the audits are graded against"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What every record of one input goes through. */
typedef struct fuzz_run {
    rubric_grader *grader;
    report_writer *writer;
    char problems[1024];
} fuzz_run;

/* Grade a readable record and report it, as rubric-grade does. */
static int handle_record(const audit_record *record, void *context)
{
    fuzz_run *run = context;
    report_source source = {.input = record->input, .line = record->line, .case_reference = record->case_reference};
    if (record->audit == NULL)
        return !report_error(run->writer, &source, record->error);
    const rubric_result *result = rubric_grade(run->grader, record->audit);
    if (result->valid)
        return !report_result(run->writer, &source, record->audit, result);
    rubric_result_describe(result, run->problems, sizeof run->problems);
    return !report_error(run->writer, &source, run->problems);
}

/* Read DATA as audits, grade and report every record in FORMAT into a new
 * buffer (*TEXT, *LENGTH; the caller frees it). */
static void grade_input(const rubric_model *model, rubric_grader *grader, report_format format,
                        const uint8_t *data, size_t size, char **text, size_t *length)
{
    FILE *input = fmemopen((void *)(uintptr_t)data, size, "rb");
    FILE *output = open_memstream(text, length);
    audit_reader *reader = audit_reader_new();
    fuzz_run run = {grader, output ? report_new(model, format, output) : NULL, ""};
    if (input == NULL || output == NULL || reader == NULL || run.writer == NULL)
        abort();
    /* JSON Lines read by yajl alone is also read without the criterion ids */
    if (FUZZ_AUDIT_FORMAT == AUDIT_FORMAT_CSV || json_record_plain_path)
        audit_reader_set_rubric(reader, model);
    char error[512];
    audit_reader_read(reader, input, "fuzz", FUZZ_AUDIT_FORMAT, handle_record, &run, error, sizeof error);
    report_flush(run.writer);
    report_free(run.writer);
    audit_reader_free(reader);
    fclose(input);
    fclose(output);
}

/* Whether lines may take the plain path of the input format. */
static void set_plain_path(int on)
{
    if (FUZZ_AUDIT_FORMAT == AUDIT_FORMAT_JSONL)
        json_record_plain_path = on;
    else
        csv_row_plain_path = on;
}

/* One input: read it as audits, grade and report every record; twice, by
 * both ways of reading a line, which must agree. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static rubric_document *document;
    static rubric_grader *grader;
    if (document == NULL) {
        rubric_error error;
        document = rubric_document_load_file(FUZZ_RUBRIC, &error);
        grader = document ? rubric_grader_new(rubric_document_model(document), &error) : NULL;
        if (grader == NULL) {
            fprintf(stderr, "fuzz_audits: %s\n", error.message);
            abort();
        }
    }
    if (size == 0)
        return 0;
    static const report_format formats[] = {REPORT_FORMAT_JSONL, REPORT_FORMAT_CSV, REPORT_FORMAT_TEXT};
    const rubric_model *model = rubric_document_model(document);
    report_format format = formats[data[size - 1] % 3];
    char *text = NULL;
    size_t length = 0;
    grade_input(model, grader, format, data, size, &text, &length);
    char *by_parser = NULL;
    size_t by_parser_length = 0;
    set_plain_path(0);
    grade_input(model, grader, format, data, size, &by_parser, &by_parser_length);
    set_plain_path(1);
    if (by_parser_length != length || memcmp(by_parser, text, length) != 0) {
        fprintf(stderr, "fuzz_audits: the plain path and the parser read the input differently:\n"
                        "plain:  %.*s\nparser: %.*s\n", (int)length, text, (int)by_parser_length, by_parser);
        abort();
    }
    free(by_parser);
    free(text);
    return 0;
}
