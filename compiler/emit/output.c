/*
 * output.c — atomic output files (see output.h).
 *
 * mkstemp() creates the temporary file with mode 0600; the final file gets
 * the mode an ordinary new file would have (0666 less the umask), so that
 * the pages and tables are readable by whoever else reads build output.
 */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int output_write_context_atomically(diagnostics *report, const char *directory, const char *name,
                                    output_context_writer writer, const void *context)
{
    source_span none = {-1, 0, 0};
    size_t size = strlen(directory) + strlen(name) + 16;
    char *target = malloc(size);
    char *temporary = malloc(size);
    if (target == NULL || temporary == NULL) {
        free(target);
        free(temporary);
        diagnostic_error(report, none, "out of memory while writing '%s'", name);
        return -1;
    }
    snprintf(target, size, "%s/%s", directory, name);
    snprintf(temporary, size, "%s/.%s.XXXXXX", directory, name);
    int result = -1;
    int descriptor = mkstemp(temporary);
    if (descriptor < 0) {
        diagnostic_error(report, none, "cannot write '%s': %s", target, strerror(errno));
        goto done;
    }
    mode_t mask = umask(0);
    umask(mask);
    FILE *stream = fdopen(descriptor, "w");
    if (stream == NULL) {
        diagnostic_error(report, none, "cannot write '%s': %s", target, strerror(errno));
        close(descriptor);
        unlink(temporary);
        goto done;
    }
    int written = writer(context, stream);
    int flushed = fflush(stream);
    int failed_stream = ferror(stream);
    int saved_errno = errno;
    if (fchmod(descriptor, 0666 & ~mask) != 0 && written == 0)
        written = -1;
    int closed = fclose(stream);
    if (written != 0 || flushed != 0 || failed_stream || closed != 0) {
        diagnostic_error(report, none, "cannot write '%s': %s", target,
                         strerror(saved_errno ? saved_errno : EIO));
        unlink(temporary);
        goto done;
    }
    if (rename(temporary, target) != 0) {
        diagnostic_error(report, none, "cannot write '%s': %s", target, strerror(errno));
        unlink(temporary);
        goto done;
    }
    result = 0;
done:
    free(target);
    free(temporary);
    return result;
}

int output_write_path_atomically(diagnostics *report, const char *path,
                                 output_context_writer writer, const void *context)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return output_write_context_atomically(report, ".", path, writer, context);
    size_t length = slash == path ? 1 : (size_t)(slash - path);
    char *directory = malloc(length + 1);
    if (directory == NULL) {
        source_span none = {-1, 0, 0};
        diagnostic_error(report, none, "out of memory while writing '%s'", path);
        return -1;
    }
    memcpy(directory, path, length);
    directory[length] = '\0';
    int result = output_write_context_atomically(report, directory, slash + 1, writer, context);
    free(directory);
    return result;
}
