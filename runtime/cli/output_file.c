/*
 * output_file.c — write to a temporary file beside the target, rename it
 * over the target when complete (see output_file.h). rename within one
 * directory is atomic on POSIX file systems, so a reader of the target
 * sees the old file or the whole new one, never a part.
 */
/* realpath is X/Open's. */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output_file.h"

struct output_file {
    FILE *stream;
    char *path;                  /* the target */
    char *temporary;             /* the file written, NULL when written directly */
};

/* Temporary files to remove if the run is interrupted (rubric-grade has
 * at most two outputs open at once). Only a signal handler reads them. */
enum { MOST_TEMPORARY_FILES = 4 };
static char *volatile temporary_files[MOST_TEMPORARY_FILES];

/* SIGINT, SIGTERM, SIGHUP: remove the temporary files (unlink is safe in
 * a handler), then die of the signal as if it had not been caught. The
 * target files were never touched. */
static void remove_temporary_files(int signal_number)
{
    for (int index = 0; index < MOST_TEMPORARY_FILES; index++)
        if (temporary_files[index])
            unlink(temporary_files[index]);
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

/* Note PATH (or forget it, REMEMBER 0) as a temporary file to remove on a signal. */
static void track_temporary(char *path, int remember)
{
    static int handlers_installed;
    if (remember && !handlers_installed) {
        static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
        struct sigaction action = {0};
        action.sa_handler = remove_temporary_files;
        sigemptyset(&action.sa_mask);
        for (size_t index = 0; index < sizeof signals / sizeof signals[0]; index++)
            sigaction(signals[index], &action, NULL);
        handlers_installed = 1;
    }
    for (int index = 0; index < MOST_TEMPORARY_FILES; index++) {
        if (remember && temporary_files[index] == NULL) {
            temporary_files[index] = path;
            return;
        }
        if (!remember && temporary_files[index] == path)
            temporary_files[index] = NULL;
    }
}

/* The directory part of PATH ("." when none), newly allocated. */
static char *directory_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    char *directory = malloc((size_t)(slash - path) + 1);
    if (directory) {
        memcpy(directory, path, (size_t)(slash - path));
        directory[slash - path] = '\0';
    }
    return directory;
}

/* lstat, not stat: a symbolic link such as /dev/stderr is written
 * through, never replaced by a file of its own. */
int output_file_is_replaceable(const char *path)
{
    struct stat status;
    if (lstat(path, &status) != 0)
        return errno == ENOENT;
    return S_ISREG(status.st_mode);
}

/* The mode a new file gets: the old file's, else 0666 less the umask. */
static mode_t mode_for(const char *path)
{
    struct stat status;
    if (stat(path, &status) == 0)
        return status.st_mode & 07777;
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

output_file *output_file_open(const char *path, char *error, size_t error_size)
{
    output_file *file = calloc(1, sizeof *file);
    if (file == NULL || (file->path = strdup(path)) == NULL) {
        snprintf(error, error_size, "cannot write %s: out of memory", path);
        output_file_abandon(file);
        return NULL;
    }
    if (!output_file_is_replaceable(path)) {
        file->stream = fopen(path, "wb");
        if (file->stream == NULL) {
            snprintf(error, error_size, "cannot write %s: %s", path, strerror(errno));
            output_file_abandon(file);
            return NULL;
        }
        return file;
    }
    char *directory = directory_of(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t size = (directory ? strlen(directory) : 0) + strlen(base) + 16;
    file->temporary = directory ? malloc(size) : NULL;
    if (file->temporary == NULL) {
        free(directory);
        snprintf(error, error_size, "cannot write %s: out of memory", path);
        output_file_abandon(file);
        return NULL;
    }
    snprintf(file->temporary, size, "%s/.%s.XXXXXX", directory, base);
    free(directory);
    int descriptor = mkstemp(file->temporary);
    if (descriptor < 0) {
        snprintf(error, error_size, "cannot write %s: %s", path, strerror(errno));
        free(file->temporary);
        file->temporary = NULL;
        output_file_abandon(file);
        return NULL;
    }
    track_temporary(file->temporary, 1);
    if (fchmod(descriptor, mode_for(path)) != 0 || (file->stream = fdopen(descriptor, "wb")) == NULL) {
        snprintf(error, error_size, "cannot write %s: %s", path, strerror(errno));
        close(descriptor);
        unlink(file->temporary);
        output_file_abandon(file);
        return NULL;
    }
    return file;
}

FILE *output_file_stream(const output_file *file)
{
    return file->stream;
}

/* Free the record of FILE. */
static void output_file_free(output_file *file)
{
    if (file->temporary)
        track_temporary(file->temporary, 0);
    free(file->path);
    free(file->temporary);
    free(file);
}

int output_file_commit(output_file *file, char *error, size_t error_size)
{
    int written = fflush(file->stream) == 0 && !ferror(file->stream);
    if (written && file->temporary)
        written = fsync(fileno(file->stream)) == 0;
    int saved = errno;
    if (fclose(file->stream) != 0 && written) {
        written = 0;
        saved = errno;
    }
    file->stream = NULL;
    if (written && file->temporary && rename(file->temporary, file->path) != 0) {
        written = 0;
        saved = errno;
    }
    if (!written) {
        if (file->temporary)
            snprintf(error, error_size, "cannot write %s: %s; it is left as it was", file->path, strerror(saved));
        else
            snprintf(error, error_size, "cannot write %s: %s", file->path, strerror(saved));
        if (file->temporary)
            unlink(file->temporary);
    }
    output_file_free(file);
    return written;
}

void output_file_abandon(output_file *file)
{
    if (file == NULL)
        return;
    if (file->stream) {
        fclose(file->stream);
        if (file->temporary)
            unlink(file->temporary);
    }
    output_file_free(file);
}

/* PATH made absolute through its directory, which must exist; NULL if not. */
static char *full_path(const char *path)
{
    char *resolved = realpath(path, NULL);
    if (resolved)
        return resolved;
    char *directory = directory_of(path);
    char *resolved_directory = directory ? realpath(directory, NULL) : NULL;
    free(directory);
    if (resolved_directory == NULL)
        return NULL;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t size = strlen(resolved_directory) + strlen(base) + 2;
    char *joined = malloc(size);
    if (joined)
        snprintf(joined, size, "%s/%s", resolved_directory, base);
    free(resolved_directory);
    return joined;
}

/* Status of a path, or of standard input for NULL and "-"; 0 when none. */
static int status_of(const char *path, struct stat *status)
{
    if (path == NULL || strcmp(path, "-") == 0)
        return fstat(STDIN_FILENO, status) == 0;
    return stat(path, status) == 0;
}

int output_file_same(const char *left, const char *right)
{
    struct stat left_status, right_status;
    int left_exists = status_of(left, &left_status), right_exists = status_of(right, &right_status);
    if (left_exists && right_exists)
        return S_ISREG(left_status.st_mode) && left_status.st_dev == right_status.st_dev &&
               left_status.st_ino == right_status.st_ino;
    if (left_exists || right_exists || left == NULL || right == NULL || strcmp(left, "-") == 0 ||
        strcmp(right, "-") == 0)
        return 0;
    char *left_full = full_path(left), *right_full = full_path(right);
    int same = left_full && right_full && strcmp(left_full, right_full) == 0;
    free(left_full);
    free(right_full);
    return same;
}
