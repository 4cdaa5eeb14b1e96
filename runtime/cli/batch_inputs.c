/*
 * batch_inputs.c — a run's inputs, read once or surveyed then graded (see
 * batch_inputs.h). Every record read is surveyed, graded or not: a later
 * revision that fails still replaces the earlier ones, and is reported by
 * the grading, for the lead to have it put right.
 */
#include "batch_inputs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "safe_text.h"

int batch_inputs_start(batch_inputs *inputs, const char *const *names, int count)
{
    inputs->names = names;
    inputs->count = count;
    inputs->shown_as = NULL;
    inputs->read_once = inputs->late_amendment = inputs->recounting = 0;
    inputs->held = (output_buffer){0};
    inputs->copies = calloc((size_t)(count > 0 ? count : 1), sizeof *inputs->copies);
    return inputs->copies != NULL;
}

int batch_inputs_from_register(batch_inputs *inputs, grade_register *reg, const char *name, char *error,
                               size_t error_size)
{
    FILE *copy = tmpfile();
    if (copy == NULL) {
        snprintf(error, error_size, "cannot make a temporary file: %s", strerror(errno));
        return 0;
    }
    if (register_export(reg, NULL, NULL, copy, error, error_size) < 0) {
        fclose(copy);
        return 0;
    }
    rewind(copy);
    inputs->copies[0] = copy;
    inputs->shown_as = name;
    return 1;
}

const char *batch_inputs_shown(const batch_inputs *inputs, unsigned index)
{
    if (inputs->shown_as)
        return inputs->shown_as;
    const char *name = inputs->names ? inputs->names[index] : "-";
    return strcmp(name, "-") == 0 ? "<stdin>" : name;
}

FILE *batch_inputs_copy(const batch_inputs *inputs, unsigned index)
{
    FILE *copy = inputs->copies ? inputs->copies[index] : NULL;
    if (copy)
        rewind(copy);
    return copy;
}

/* Whether NAME is a regular file, read by name both times. */
static int is_regular(const char *name)
{
    struct stat status;
    return strcmp(name, "-") != 0 && stat(name, &status) == 0 && S_ISREG(status.st_mode);
}

int batch_inputs_surveyed(const batch_inputs *inputs, unsigned index)
{
    return inputs->copies && (inputs->copies[index] || is_regular(inputs->names[index]));
}

/* A copy of an input that cannot be read twice; NULL when it cannot be
 * made (the input is then surveyed as it is graded). */
static FILE *copy_input(const char *name)
{
    FILE *input = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
    FILE *copy = input ? tmpfile() : NULL;
    char block[65536];
    size_t length;
    while (copy && (length = fread(block, 1, sizeof block, input)) > 0)
        if (fwrite(block, 1, length, copy) != length) {
            fclose(copy);
            copy = NULL;
        }
    if (copy && (ferror(input) || fflush(copy) != 0)) {
        fclose(copy);
        copy = NULL;
    }
    if (input && input != stdin)
        fclose(input);
    return copy;
}

/* What the survey's callback needs. */
typedef struct survey {
    revision_table *table;
    unsigned input;
} survey;

/* Note each record read. */
static int survey_record(const audit_record *record, void *context)
{
    survey *state = context;
    if (record->audit == NULL)
        return 0;
    revision_record entry = {record->audit, record->amended_by, record->amended_at, record->amended_seconds,
                             {state->input, record->line}, 0, 0};
    revisions_hash(&entry);
    return !revisions_survey(state->table, &entry, NULL);
}

void batch_inputs_prepare(batch_inputs *inputs, int once)
{
    int all_kept = 1;
    for (int index = 0; index < inputs->count; index++) {
        if (!inputs->copies[index] && !is_regular(inputs->names[index]))
            inputs->copies[index] = copy_input(inputs->names[index]);
        all_kept = all_kept && batch_inputs_surveyed(inputs, (unsigned)index);
    }
    inputs->read_once = once && all_kept;
}

void batch_inputs_say(batch_inputs *inputs, const char *text, size_t length)
{
    if (inputs->read_once)
        output_bytes(&inputs->held, text, length);
    else
        fwrite(text, 1, length, stderr);
}

void batch_inputs_say_not_counted(batch_inputs *inputs, output_buffer *line, const audit_record *record,
                                  revision_verdict verdict, revision_place earlier)
{
    output_clear(line);
    safe_text_escaped(line, record->input);
    output_format(line, ":%lu: note: case ", record->line);
    safe_text_escaped(line, record->case_reference);
    output_text(line, verdict == REVISION_DUPLICATE ? ": the same record as " : ": replaced by the amendment at ");
    safe_text_escaped(line, batch_inputs_shown(inputs, earlier.input));
    output_format(line, ":%lu; %s\n", earlier.line, verdict == REVISION_DUPLICATE ? "counted once" : "not counted");
    batch_inputs_say(inputs, line->text, line->length);
}

int batch_inputs_survey_one(batch_inputs *inputs, revision_table *table, const revision_record *record)
{
    int late = 0;
    if (!revisions_survey(table, record, &late))
        return 0;
    if (late && inputs->read_once)
        inputs->late_amendment = 1;
    return 1;
}

int batch_inputs_read_again(batch_inputs *inputs, int go_on)
{
    int again = inputs->read_once && inputs->late_amendment && go_on;
    int held = !inputs->held.out_of_memory;
    if (!again && inputs->held.length)
        fwrite(inputs->held.text, 1, inputs->held.length, stderr);
    output_buffer_free(&inputs->held);
    inputs->read_once = 0;       /* from here, lines go to stderr as they come */
    inputs->late_amendment = 0;
    inputs->recounting = again;
    return held ? again : -1;
}

int batch_inputs_survey(batch_inputs *inputs, audit_reader *reader, audit_format format, revision_table *table)
{
    char error[512];
    for (int index = 0; index < inputs->count; index++) {
        const char *name = inputs->names[index];
        int regular = !inputs->copies[index] && is_regular(name);
        FILE *input = regular ? fopen(name, "rb") : batch_inputs_copy(inputs, (unsigned)index);
        if (input == NULL)
            continue;            /* no copy (batch_inputs_prepare): surveyed as it is graded */
        audit_format input_format = format;
        if (inputs->shown_as)
            input_format = AUDIT_FORMAT_JSONL;  /* the register's records */
        else if (input_format == AUDIT_FORMAT_DETECT && strcmp(name, "-") != 0)
            input_format = audit_format_from_name(name);
        survey state = {table, (unsigned)index};
        int read = audit_reader_read(reader, input, batch_inputs_shown(inputs, (unsigned)index), input_format,
                                     survey_record, &state, error, sizeof error);
        if (regular)
            fclose(input);
        if (!read && strstr(error, "out of memory"))
            return 0;
    }
    return 1;
}

void batch_inputs_close(batch_inputs *inputs)
{
    for (int index = 0; inputs->copies && index < inputs->count; index++)
        if (inputs->copies[index])
            fclose(inputs->copies[index]);
    free(inputs->copies);
    inputs->copies = NULL;
    output_buffer_free(&inputs->held);
}
