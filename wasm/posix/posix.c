/*
 * posix.c — the few POSIX functions the programs call that wasi-libc
 * (Debian's, 2022) leaves out, for the WebAssembly build only (wasm/wasm.mk
 * compiles it into both modules; the headers beside it declare them).
 *
 * WASI is a sandbox with one process, no signals from outside, and files
 * with neither owner nor mode bits, so most of these have nothing to do:
 * umask, fchmod and fchown change nothing, flock has no other writer of
 * this process to lock against, sigaction records a handler that can
 * never be called. Four do real work, as the native ones do: realpath
 * (from the working directory that wasi-libc keeps, symbolic links
 * followed, every part required to exist), mkstemp, tmpfile (over
 * mkstemp; stdio.h here names it), and strerror, in glibc's words.
 *
 * The working directory: the host preopens the whole file system as '/'
 * and names the directory the program was started in as PWD (wasm/
 * wasi-command.mjs does); the module enters it before main, so relative
 * paths mean what they mean to the native program.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { MOST_LINKS_FOLLOWED = 40 };

__attribute__((constructor)) static void enter_working_directory(void)
{
    const char *folder = getenv("PWD");
    if (folder != NULL && folder[0] == '/')
        (void)chdir(folder);
}

/* Append the part PART[0..LENGTH) to the absolute path RESULT (of *USED
 * bytes): 0, or -1 with errno ENAMETOOLONG. */
static int append_part(char *result, size_t *used, const char *part, size_t length)
{
    if (*used + 1 + length + 1 > PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    result[(*used)++] = '/';
    memcpy(result + *used, part, length);
    *used += length;
    result[*used] = '\0';
    return 0;
}

char *realpath(const char *__restrict path, char *__restrict resolved)
{
    if (path == NULL) {
        errno = EINVAL;
        return NULL;
    }
    if (path[0] == '\0') {
        errno = ENOENT;
        return NULL;
    }
    /* What is left to resolve, and the path resolved so far (no trailing
     * slash; "" is the root). */
    char pending[PATH_MAX];
    char result[PATH_MAX];
    size_t used = 0;
    result[0] = '\0';
    if (path[0] != '/') {
        char folder[PATH_MAX];
        if (getcwd(folder, sizeof folder) == NULL)
            return NULL;
        if (snprintf(pending, sizeof pending, "%s/%s", folder, path) >= (int)sizeof pending) {
            errno = ENAMETOOLONG;
            return NULL;
        }
    } else if (snprintf(pending, sizeof pending, "%s", path) >= (int)sizeof pending) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int links = 0;
    size_t at = 0;
    while (pending[at] != '\0') {
        while (pending[at] == '/')
            at++;
        size_t length = strcspn(pending + at, "/");
        const char *part = pending + at;
        at += length;
        if (length == 0 || (length == 1 && part[0] == '.'))
            continue;
        if (length == 2 && part[0] == '.' && part[1] == '.') {
            while (used > 0 && result[used - 1] != '/')
                used--;
            if (used > 0)
                used--;
            result[used] = '\0';
            continue;
        }
        size_t before = used;
        if (append_part(result, &used, part, length) != 0)
            return NULL;
        struct stat status;
        if (lstat(result, &status) != 0)
            return NULL;
        if (S_ISLNK(status.st_mode)) {
            if (++links > MOST_LINKS_FOLLOWED) {
                errno = ELOOP;
                return NULL;
            }
            char target[PATH_MAX];
            ssize_t got = readlink(result, target, sizeof target - 1);
            if (got < 0)
                return NULL;
            target[got] = '\0';
            char rest[PATH_MAX];
            if (snprintf(rest, sizeof rest, "%s/%s", target, pending + at) >= (int)sizeof rest) {
                errno = ENAMETOOLONG;
                return NULL;
            }
            memcpy(pending, rest, strlen(rest) + 1);
            at = 0;
            used = target[0] == '/' ? 0 : before;
            result[used] = '\0';
            continue;
        }
        if (!S_ISDIR(status.st_mode) && pending[at] != '\0') {
            errno = ENOTDIR;
            return NULL;
        }
    }
    if (used == 0) {
        result[0] = '/';
        result[1] = '\0';
    }
    if (resolved != NULL) {
        memcpy(resolved, result, strlen(result) + 1);
        return resolved;
    }
    return strdup(result);
}

int mkstemp(char *name_template)
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static uint64_t counter;
    size_t length = strlen(name_template);
    if (length < 6 || strcmp(name_template + length - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    for (int tries = 0; tries < 100; tries++) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        uint64_t mix = ((uint64_t)now.tv_nsec << 20) ^ (uint64_t)now.tv_sec ^ ++counter * 0x9e3779b97f4a7c15u;
        for (size_t i = length - 6; i < length; i++, mix /= 62)
            name_template[i] = letters[mix % 62];
        int descriptor = open(name_template, O_RDWR | O_CREAT | O_EXCL, 0600);
        if (descriptor >= 0 || errno != EEXIST)
            return descriptor;
    }
    errno = EEXIST;
    return -1;
}

/* An unnamed temporary file, as glibc's tmpfile: made in $TMPDIR (or /tmp)
 * and unlinked before it is used, so that nothing is left behind; NULL
 * (errno set) when the folder is missing or not writable. */
FILE *rubric_wasi_tmpfile(void)
{
    const char *folder = getenv("TMPDIR");
    char name[PATH_MAX];
    if (folder == NULL || folder[0] == '\0')
        folder = "/tmp";
    if (snprintf(name, sizeof name, "%s/tmpf.XXXXXX", folder) >= (int)sizeof name) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int descriptor = mkstemp(name);
    if (descriptor < 0)
        return NULL;
    (void)unlink(name);
    FILE *file = fdopen(descriptor, "w+b");
    if (file == NULL)
        close(descriptor);
    return file;
}

int flock(int descriptor, int operation)
{
    (void)operation;
    return descriptor >= 0 ? 0 : (errno = EBADF, -1);
}

mode_t umask(mode_t mask)
{
    (void)mask;
    return 022;
}

int fchmod(int descriptor, mode_t mode)
{
    (void)mode;
    return descriptor >= 0 ? 0 : (errno = EBADF, -1);
}

int fchown(int descriptor, uid_t owner, gid_t group)
{
    (void)owner;
    (void)group;
    return descriptor >= 0 ? 0 : (errno = EBADF, -1);
}

/* strerror with glibc's words where musl's (wasi-libc's) differ: the
 * messages that quote it are then the native program's (string.h here). */
#undef strerror
static struct {
    int number;
    char text[56];
} glibc_words[] = {
    {EADDRINUSE, "Address already in use"},
    {EBUSY, "Device or resource busy"},
    {EDEADLK, "Resource deadlock avoided"},
    {EDOM, "Numerical argument out of domain"},
    {EDQUOT, "Disk quota exceeded"},
    {EILSEQ, "Invalid or incomplete multibyte or wide character"},
    {EIO, "Input/output error"},
    {ELOOP, "Too many levels of symbolic links"},
    {EMFILE, "Too many open files"},
    {ENAMETOOLONG, "File name too long"},
    {ENOMEM, "Cannot allocate memory"},
    {ENOTSOCK, "Socket operation on non-socket"},
    {ENOTSUP, "Operation not supported"},
    {ENOTTY, "Inappropriate ioctl for device"},
    {EOVERFLOW, "Value too large for defined data type"},
    {ERANGE, "Numerical result out of range"},
    {ESPIPE, "Illegal seek"},
    {ETIMEDOUT, "Connection timed out"},
    {EXDEV, "Invalid cross-device link"},
};

char *rubric_wasi_strerror(int number)
{
    for (size_t index = 0; index < sizeof glibc_words / sizeof glibc_words[0]; index++)
        if (glibc_words[index].number == number)
            return glibc_words[index].text;
    return strerror(number);
}

int sigemptyset(sigset_t *set)
{
    memset(set, 0, sizeof *set);
    return 0;
}

int sigaction(int signal_number, const struct sigaction *__restrict action, struct sigaction *__restrict old)
{
    (void)signal_number;
    (void)action;
    if (old != NULL)
        memset(old, 0, sizeof *old);
    return 0;
}
