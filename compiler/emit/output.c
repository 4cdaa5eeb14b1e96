/*
 * output.c — rubricc's output files (see output.h), written by the shared
 * output writer, common/output_file.c, which makes the temporary file,
 * puts it in place, and checks the file against the run's inputs and
 * outputs; this file makes the path, runs the emitter into the stream and
 * turns trouble into a diagnostic.
 */
#include "output.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file_roles.h"
#include "output_file.h"

int output_make_directory(const char *directory)
{
    struct stat status;
    if (stat(directory, &status) == 0)
        return S_ISDIR(status.st_mode) ? 0 : (errno = ENOTDIR, -1);
    size_t length = strlen(directory);
    char *path = malloc(length + 1);
    if (path == NULL)
        return -1;
    memcpy(path, directory, length + 1);
    for (char *slash = path + 1; *slash != '\0'; slash++) {
        if (*slash != '/')
            continue;
        *slash = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            free(path);
            return -1;
        }
        *slash = '/';
    }
    int result = mkdir(path, 0777) == 0 || errno == EEXIST ? 0 : -1;
    free(path);
    return result;
}

int output_file_present(const char *directory, const char *name)
{
    size_t length = strlen(directory) + 1 + strlen(name) + 1;
    char *path = malloc(length);
    if (path == NULL)
        return 0;
    snprintf(path, length, "%s/%s", directory, name);
    struct stat status;
    int present = stat(path, &status) == 0 && S_ISREG(status.st_mode);
    free(path);
    return present;
}

/* One rubric and its writer, as the context of a context writer. */
typedef struct rubric_writer {
    output_writer writer;
    const ir_rubric *rubric;
} rubric_writer;

static int write_rubric(const void *context, FILE *out)
{
    const rubric_writer *job = context;
    return job->writer(job->rubric, out);
}

int output_write_atomically(diagnostics *report, const char *directory, const char *name,
                            output_writer writer, const ir_rubric *rubric)
{
    rubric_writer job = {writer, rubric};
    return output_write_context_atomically(report, directory, name, write_rubric, &job);
}

/* Write PATH (shown in messages as 'SHOWN') with writer, as FLAGS
 * (output_file_flags) say. */
static int output_write(diagnostics *report, const char *path, const char *shown, unsigned flags,
                        output_context_writer writer, const void *context)
{
    source_span none = {-1, 0, 0};
    size_t size = strlen(shown) + 3;
    char *quoted = malloc(size);
    if (quoted == NULL) {
        diagnostic_error(report, none, "out of memory while writing '%s'", shown);
        return OUTPUT_FAILED;
    }
    snprintf(quoted, size, "'%s'", shown);
    char error[1536];
    bool overlap = false;
    output_file *file = output_file_open_as(path, quoted, flags, &overlap, error, sizeof error);
    int result = 0;
    if (file == NULL) {
        diagnostic_error(report, none, "%s", error);
        result = overlap ? OUTPUT_OVERLAP : OUTPUT_FAILED;
        /* said on the terminal too when the diagnostics go to a file,
         * which may be the very file refused */
        if (overlap && report->out != stderr)
            fprintf(stderr, "rubricc: error: %s\n", error);
    } else {
        FILE *stream = output_file_stream(file);
        errno = 0;
        int written = writer(context, stream);
        int saved_errno = errno;
        if (written != 0 || fflush(stream) != 0 || ferror(stream)) {
            if (saved_errno == 0)
                saved_errno = errno ? errno : EIO;
            diagnostic_error(report, none, "cannot write %s: %s", quoted, strerror(saved_errno));
            output_file_abandon(file);
            result = OUTPUT_FAILED;
        } else if (!output_file_commit(file, error, sizeof error)) {
            diagnostic_error(report, none, "%s", error);
            result = OUTPUT_FAILED;
        }
    }
    free(quoted);
    return result;
}

int output_write_context_atomically(diagnostics *report, const char *directory, const char *name,
                                    output_context_writer writer, const void *context)
{
    size_t size = strlen(directory) + strlen(name) + 2;
    char *target = malloc(size);
    if (target == NULL) {
        source_span none = {-1, 0, 0};
        diagnostic_error(report, none, "out of memory while writing '%s'", name);
        return OUTPUT_FAILED;
    }
    snprintf(target, size, "%s/%s", directory, name);
    int result = output_write(report, target, target, OUTPUT_FILE_PLANNED, writer, context);
    free(target);
    return result;
}

/* How messages have named a file given by its path: with its folder, "./"
 * when it has none. */
static char *shown_path(const char *path)
{
    size_t size = strlen(path) + 3;
    char *shown = malloc(size);
    if (shown != NULL)
        snprintf(shown, size, "%s%s", strchr(path, '/') ? "" : "./", path);
    return shown;
}

int output_write_path_atomically(diagnostics *report, const char *path,
                                 output_context_writer writer, const void *context)
{
    char *shown = shown_path(path);
    int result = shown ? output_write(report, path, shown, 0, writer, context) : OUTPUT_FAILED;
    free(shown);
    return result;
}

int output_rewrite_in_place(diagnostics *report, const char *path,
                            output_context_writer writer, const void *context)
{
    char *shown = shown_path(path);
    int result = shown ? output_write(report, path, shown, OUTPUT_FILE_IN_PLACE, writer, context) : OUTPUT_FAILED;
    free(shown);
    return result;
}

int output_register_includes(const source_set *sources)
{
    for (size_t k = 0; k < sources->count; k++)
        if (sources->files[k].included_from >= 0 && sources->files[k].has_identity &&
            file_roles_add(FILE_ROLE_INPUT, sources->files[k].name, "a file the rubric includes") != 0)
            return -1;
    return 0;
}
