/*
 * output_file.c — write to a temporary file beside the target, put it in
 * place when complete (see output_file.h).
 *
 * The unnamed way (Linux): open(FOLDER, O_TMPFILE) makes a file with no
 * name; when it is complete, linkat() through /proc/self/fd gives it one
 * (linkat with AT_EMPTY_PATH would need CAP_DAC_READ_SEARCH). A target
 * not yet taken gets the file's name at once; an existing one is replaced
 * by rename() from a fresh temporary name, which exists only between the
 * two calls. rename within one folder is atomic on POSIX file systems, so
 * a reader of the target sees the old file or the whole new one.
 *
 * The named way (a file system without O_TMPFILE, or no /proc): mkstemp
 * makes .NAME.rubric-tmp.XXXXXX, renamed over NAME when complete.
 *
 * Either way the temporary file is locked (flock) from its making to its
 * rename, so that another run's sweep of stale temporaries (a run killed
 * between mkstemp and rename) can tell a live writer from a dead one.
 */
/* O_TMPFILE, flock and linkat's AT_SYMLINK_FOLLOW are Linux's and BSD's. */
#define _GNU_SOURCE

#include "output_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "file_roles.h"

/* What a temporary file's name adds to its target's: .NAME + this + six
 * characters. */
#define TEMPORARY_INFIX ".rubric-tmp."
enum { TEMPORARY_SUFFIX_LENGTH = 6, MOST_NAME_TRIES = 100 };

struct output_file {
    FILE *stream;
    char *path;                  /* the target (in place: the file a link leads to) */
    char *shown;                 /* how messages name it */
    char *folder;                /* the target's folder */
    char *base;                  /* its name there */
    char *temporary;             /* a named temporary file, while it exists */
    bool unnamed;                /* written to an O_TMPFILE file */
    bool direct;                 /* written to the target itself */
};

/* Temporary files to remove if the run is interrupted (rubric-grade has
 * at most three outputs open at once). Only a signal handler reads them. */
enum { MOST_TEMPORARY_FILES = 8 };
static char *volatile temporary_files[MOST_TEMPORARY_FILES];

/* Whether O_TMPFILE may be tried: -1 not known yet. */
static int unnamed_allowed = -1;

/* When this run started writing: temporaries older than this, unlocked,
 * are another run's leftovers. */
static struct timespec run_start;

void output_file_allow_unnamed(bool allow)
{
    unnamed_allowed = allow ? -1 : 0;
}

/* Whether unnamed temporary files can be linked into place: linkat needs
 * /proc/self/fd. */
static bool unnamed_possible(void)
{
    if (unnamed_allowed < 0)
        unnamed_allowed = access("/proc/self/fd", X_OK) == 0;
    return unnamed_allowed == 1;
}

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

/* Note PATH (or forget it, REMEMBER false) as a temporary file to remove
 * on a signal. */
static void track_temporary(char *path, bool remember)
{
    static bool handlers_installed;
    if (remember && !handlers_installed) {
        static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = remove_temporary_files;
        sigemptyset(&action.sa_mask);
        for (size_t index = 0; index < sizeof signals / sizeof signals[0]; index++)
            sigaction(signals[index], &action, NULL);
        handlers_installed = true;
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

/* lstat, not stat: a symbolic link such as /dev/stderr is written
 * through, never replaced by a file of its own. */
int output_file_is_replaceable(const char *path)
{
    struct stat status;
    if (lstat(path, &status) != 0)
        return errno == ENOENT;
    return S_ISREG(status.st_mode);
}

/* Free FILE's record; forget its named temporary file. */
static void output_file_free(output_file *file)
{
    if (file == NULL)
        return;
    if (file->temporary)
        track_temporary(file->temporary, false);
    free(file->path);
    free(file->shown);
    free(file->folder);
    free(file->base);
    free(file->temporary);
    free(file);
}

/* Split PATH into FILE's folder ("." when none) and base. 0, or -1. */
static int split_path(output_file *file, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        file->folder = strdup(".");
        file->base = strdup(path);
    } else {
        size_t length = slash == path ? 1 : (size_t)(slash - path);
        file->folder = malloc(length + 1);
        if (file->folder) {
            memcpy(file->folder, path, length);
            file->folder[length] = '\0';
        }
        file->base = strdup(slash + 1);
    }
    return file->folder && file->base ? 0 : -1;
}

/* FOLDER/.BASE.rubric-tmp.SUFFIX, newly allocated; SUFFIX "XXXXXX" for
 * mkstemp, else six characters made here. */
static char *temporary_name(const output_file *file, const char *suffix)
{
    size_t size = strlen(file->folder) + strlen(file->base) + sizeof TEMPORARY_INFIX + TEMPORARY_SUFFIX_LENGTH + 4;
    char *name = malloc(size);
    if (name == NULL)
        return NULL;
    char made[TEMPORARY_SUFFIX_LENGTH + 1];
    if (suffix == NULL) {
        static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        static unsigned long counter;
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        uint64_t mix = ((uint64_t)now.tv_nsec << 20) ^ (uint64_t)now.tv_sec ^ ((uint64_t)getpid() << 32) ^
                       (uint64_t)++counter * 0x9e3779b97f4a7c15u;
        for (int i = 0; i < TEMPORARY_SUFFIX_LENGTH; i++, mix /= 62)
            made[i] = letters[mix % 62];
        made[TEMPORARY_SUFFIX_LENGTH] = '\0';
        suffix = made;
    }
    snprintf(name, size, "%s/.%s" TEMPORARY_INFIX "%s", file->folder, file->base, suffix);
    return name;
}

/* Remove the temporary files an earlier, killed run left for FILE's
 * target: named like ours, regular, older than this run, and not locked
 * by a live writer. */
static void remove_stale_temporaries(const output_file *file)
{
    DIR *folder = opendir(file->folder);
    if (folder == NULL)
        return;
    size_t base_length = strlen(file->base);
    for (struct dirent *entry; (entry = readdir(folder)) != NULL;) {
        const char *name = entry->d_name;
        if (name[0] != '.' || strncmp(name + 1, file->base, base_length) != 0 ||
            strncmp(name + 1 + base_length, TEMPORARY_INFIX, sizeof TEMPORARY_INFIX - 1) != 0 ||
            strlen(name + 1 + base_length + sizeof TEMPORARY_INFIX - 1) != TEMPORARY_SUFFIX_LENGTH)
            continue;
        size_t size = strlen(file->folder) + strlen(name) + 2;
        char *path = malloc(size);
        if (path == NULL)
            break;
        snprintf(path, size, "%s/%s", file->folder, name);
        int descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        struct stat opened, named;
        if (descriptor >= 0 && fstat(descriptor, &opened) == 0 && S_ISREG(opened.st_mode) &&
            (opened.st_mtim.tv_sec < run_start.tv_sec ||
             (opened.st_mtim.tv_sec == run_start.tv_sec && opened.st_mtim.tv_nsec < run_start.tv_nsec)) &&
            flock(descriptor, LOCK_EX | LOCK_NB) == 0 && lstat(path, &named) == 0 &&
            named.st_dev == opened.st_dev && named.st_ino == opened.st_ino)
            unlink(path);
        if (descriptor >= 0)
            close(descriptor);
        free(path);
    }
    closedir(folder);
}

/* In place: the file PATH leads to, checked; the status to keep in
 * *STATUS. 0, or -1 with ERROR. */
static int check_in_place(output_file *file, const char *path, struct stat *status, char *error, size_t error_size)
{
    char *target = realpath(path, NULL);
    if (target == NULL || stat(target, status) != 0) {
        snprintf(error, error_size, "cannot write %s: %s", file->shown, strerror(errno));
        free(target);
        return -1;
    }
    free(file->path);
    file->path = target;
    if (!S_ISREG(status->st_mode))
        return 0;
    if ((status->st_mode & 0222) == 0 || access(target, W_OK) != 0) {
        snprintf(error, error_size, "cannot write %s: it is read-only; it is left as it is", file->shown);
        return -1;
    }
    if (status->st_nlink > 1) {
        unsigned long others = (unsigned long)status->st_nlink - 1;
        snprintf(error, error_size,
                 "cannot write %s: it has %lu other hard link%s, which would keep the old text if this "
                 "name were given a new file; it is left as it is (rewrite a copy, or remove the other links)",
                 file->shown, others, others == 1 ? "" : "s");
        return -1;
    }
    return 0;
}

/* The temporary file, unnamed where possible; its descriptor, or -1. */
static int make_temporary(output_file *file)
{
    if (unnamed_possible()) {
        int descriptor = open(file->folder, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
        if (descriptor >= 0) {
            file->unnamed = true;
            return descriptor;
        }
        if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
            return -1;
    }
    file->temporary = temporary_name(file, "XXXXXX");
    if (file->temporary == NULL)
        return -1;
    int descriptor = mkstemp(file->temporary);
    if (descriptor < 0) {
        free(file->temporary);
        file->temporary = NULL;
        return -1;
    }
    track_temporary(file->temporary, true);
    return descriptor;
}

output_file *output_file_open_as(const char *path, const char *shown, unsigned flags, bool *overlap,
                                 char *error, size_t error_size)
{
    if (overlap != NULL)
        *overlap = false;
    if (run_start.tv_sec == 0)
        clock_gettime(CLOCK_REALTIME, &run_start);
    output_file *file = calloc(1, sizeof *file);
    if (file == NULL || (file->path = strdup(path)) == NULL ||
        (file->shown = strdup(shown ? shown : path)) == NULL) {
        snprintf(error, error_size, "cannot write %s: out of memory", shown ? shown : path);
        output_file_free(file);
        return NULL;
    }
    if (!(flags & OUTPUT_FILE_IN_PLACE)) {
        char message[1024];
        if (file_roles_check_write(path, (flags & OUTPUT_FILE_PLANNED) != 0, message, sizeof message) != 0) {
            snprintf(error, error_size, "%s", message);
            if (overlap != NULL)
                *overlap = true;
            output_file_free(file);
            return NULL;
        }
    }
    struct stat old;
    bool has_old = false;
    if (flags & OUTPUT_FILE_IN_PLACE) {
        if (check_in_place(file, path, &old, error, error_size) != 0) {
            output_file_free(file);
            return NULL;
        }
        has_old = true;
        file->direct = !S_ISREG(old.st_mode);
    } else {
        file->direct = !output_file_is_replaceable(path);
        has_old = !file->direct && stat(path, &old) == 0;
    }
    if (file->direct) {
        file->stream = fopen(file->path, "wb");
        if (file->stream == NULL) {
            snprintf(error, error_size, "cannot write %s: %s", file->shown, strerror(errno));
            output_file_free(file);
            return NULL;
        }
        return file;
    }
    if (split_path(file, file->path) != 0) {
        snprintf(error, error_size, "cannot write %s: out of memory", file->shown);
        output_file_free(file);
        return NULL;
    }
    remove_stale_temporaries(file);
    int descriptor = make_temporary(file);
    if (descriptor < 0) {
        snprintf(error, error_size, "cannot write %s: %s", file->shown, strerror(errno));
        output_file_free(file);
        return NULL;
    }
    mode_t mode;
    if (has_old) {
        mode = old.st_mode & 07777;
        /* the owner and group first: changing them may clear set-id bits */
        if ((flags & OUTPUT_FILE_IN_PLACE) && fchown(descriptor, old.st_uid, old.st_gid) != 0 &&
            fchown(descriptor, (uid_t)-1, old.st_gid) != 0) {
            /* not permitted (not root): the file is the writer's */
        }
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (flock(descriptor, LOCK_EX) != 0 || fchmod(descriptor, mode) != 0 ||
        (file->stream = fdopen(descriptor, "wb")) == NULL) {
        snprintf(error, error_size, "cannot write %s: %s", file->shown, strerror(errno));
        close(descriptor);
        if (file->temporary)
            unlink(file->temporary);
        output_file_free(file);
        return NULL;
    }
    return file;
}

output_file *output_file_open(const char *path, char *error, size_t error_size)
{
    return output_file_open_as(path, NULL, 0, NULL, error, error_size);
}

FILE *output_file_stream(const output_file *file)
{
    return file->stream;
}

/* Give the unnamed file FILE its target's name: at once when the name is
 * free, else through a fresh temporary name and rename. 0, or -1 with
 * errno. */
static int link_unnamed(output_file *file)
{
    char descriptor_path[64];
    snprintf(descriptor_path, sizeof descriptor_path, "/proc/self/fd/%d", fileno(file->stream));
    if (linkat(AT_FDCWD, descriptor_path, AT_FDCWD, file->path, AT_SYMLINK_FOLLOW) == 0)
        return 0;
    if (errno != EEXIST)
        return -1;
    for (int tries = 0; tries < MOST_NAME_TRIES; tries++) {
        char *name = temporary_name(file, NULL);
        if (name == NULL)
            return -1;
        if (linkat(AT_FDCWD, descriptor_path, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0) {
            file->temporary = name;
            track_temporary(file->temporary, true);
            return rename(file->temporary, file->path);
        }
        int saved = errno;
        free(name);
        if (saved != EEXIST)
            return errno = saved, -1;
    }
    return errno = EEXIST, -1;
}

int output_file_commit(output_file *file, char *error, size_t error_size)
{
    int written = fflush(file->stream) == 0 && !ferror(file->stream);
    int saved = errno;
    if (written && !file->direct && fsync(fileno(file->stream)) != 0) {
        written = 0;
        saved = errno;
    }
    /* put in place before closing: the lock lasts until the name is the target's */
    bool placed = false;
    if (written && !file->direct) {
        placed = (file->unnamed ? link_unnamed(file) : rename(file->temporary, file->path)) == 0;
        if (!placed) {
            written = 0;
            saved = errno;
            if (file->temporary)
                unlink(file->temporary);
        }
    }
    if (fclose(file->stream) != 0 && written) {
        written = 0;
        saved = errno;
    }
    file->stream = NULL;
    if (!written && !file->direct && !placed) {
        snprintf(error, error_size, "cannot write %s: %s; it is left as it was", file->shown, strerror(saved));
        if (file->temporary)
            unlink(file->temporary);
    } else if (!written) {
        snprintf(error, error_size, "cannot write %s: %s", file->shown, strerror(saved));
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
