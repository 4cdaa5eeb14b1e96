/*
 * grade_reactor.c — rubric-grade with its rubric loaded once
 * (grade_reactor.h): what the audit form's live grade and a page grading
 * record by record call on a WebAssembly instance they keep, instead of
 * starting the whole program, and reading the rubric's JSON, per record.
 *
 * Loading the rubric is the costly part of a run of one record; grading
 * and writing it are not. So the rubric is loaded here once and each run
 * is rubric_grade_command with it as the linked model: the options, the
 * audit reader, the grader and the output writer are the program's own,
 * and the bytes written are those `rubric-grade --rubric FILE` writes.
 * The command keeps nothing between calls, so the memory a run takes is
 * given back before the next one.
 *
 * A program holds one rubric at a time (a page keeps one instance per
 * rubric), so the state is this file's: the document and the buffer the
 * host writes the command line into.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade_cli.h"
#include "grade_reactor.h"
#include "rubric.h"

static rubric_document *kept_document;
static char *argument_buffer;
static size_t argument_capacity;

int grade_reactor_open(const char *path)
{
    rubric_document_free(kept_document);
    kept_document = NULL;
    rubric_error error;
    rubric_document *document = rubric_document_load_file_limited(path, RUBRIC_MAX_FILE_BYTES, &error);
    /* the model is checked once here as rubric_grader_new checks it on every run */
    if (document == NULL || !rubric_model_check(rubric_document_model(document), &error)) {
        fprintf(stderr, "rubric-grade: unusable rubric: %s\n", error.message);
        rubric_document_free(document);
        return GRADE_EXIT_TROUBLE;
    }
    kept_document = document;
    return GRADE_EXIT_ALL_GRADED;
}

char *grade_reactor_arguments(size_t size)
{
    if (size > argument_capacity) {
        char *grown = realloc(argument_buffer, size);
        if (grown == NULL)
            return NULL;
        argument_buffer = grown;
        argument_capacity = size;
    }
    return argument_buffer;
}

int grade_reactor_run(size_t length)
{
    if (kept_document == NULL || argument_buffer == NULL || length == 0 || length > argument_capacity ||
        argument_buffer[length - 1] != '\0') {
        fprintf(stderr, "rubric-grade: %s\n", kept_document == NULL ? "no rubric loaded: open one first"
                                                                    : "the command line is not a list of words");
        return GRADE_EXIT_TROUBLE;
    }
    int count = 0;
    for (size_t at = 0; at < length; at++)
        count += argument_buffer[at] == '\0';
    char **words = malloc(((size_t)count + 1) * sizeof *words);
    if (words == NULL) {
        fputs("rubric-grade: out of memory\n", stderr);
        return GRADE_EXIT_TROUBLE;
    }
    int index = 0;
    for (size_t at = 0; at < length; at += strlen(argument_buffer + at) + 1)
        words[index++] = argument_buffer + at;
    words[count] = NULL;
    int status = rubric_grade_command(count, words, rubric_document_model(kept_document));
    fflush(stdout);
    free(words);
    return status;
}

void grade_reactor_close(void)
{
    rubric_document_free(kept_document);
    kept_document = NULL;
    free(argument_buffer);
    argument_buffer = NULL;
    argument_capacity = 0;
}
