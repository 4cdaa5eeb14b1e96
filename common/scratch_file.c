/*
 * scratch_file.c — a file with a name for a library that writes only to
 * a file name, whose bytes are then copied into an output stream (see
 * scratch_file.h).
 *
 * libxlsxwriter (the workbooks of `rubricc --emit xlsx-template` and
 * `rubric-grade --format xlsx`) opens its output by name and seeks in it,
 * so it cannot write to the stream common/output_file.c hands out. It
 * writes here instead; the workbook is then copied into that stream, so
 * that a workbook reaches its target the way every output does: whole, by
 * output_file.c's temporary file and rename, or not at all.
 *
 * The scratch file has no name where Linux allows it (O_TMPFILE in
 * $TMPDIR or /tmp): the library opens it as /proc/self/fd/N, and a kill
 * leaves nothing behind. Elsewhere it is a mkstemp file, removed when
 * closed (and by nothing after a SIGKILL: it lives in the temporary
 * folder, never beside an input).
 */
#define _GNU_SOURCE

#include "scratch_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(RUBRIC_NO_XLSX_WRITE)
/* The WebAssembly build writes no workbooks, and WASI has no temporary
 * folder to put a scratch file in. */
int scratch_file_open(scratch_file *scratch)
{
    memset(scratch, 0, sizeof *scratch);
    scratch->descriptor = -1;
    errno = ENOSYS;
    return -1;
}

int scratch_file_copy(const scratch_file *scratch, FILE *out)
{
    (void)scratch;
    (void)out;
    errno = ENOSYS;
    return -1;
}
#else
/* The folder scratch files go in. */
static const char *scratch_folder(void)
{
    const char *folder = getenv("TMPDIR");
    return folder && folder[0] == '/' ? folder : "/tmp";
}

int scratch_file_open(scratch_file *scratch)
{
    memset(scratch, 0, sizeof *scratch);
    scratch->descriptor = -1;
    const char *folder = scratch_folder();
#if defined(O_TMPFILE)
    if (access("/proc/self/fd", X_OK) == 0) {
        int descriptor = open(folder, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
        if (descriptor >= 0) {
            scratch->descriptor = descriptor;
            snprintf(scratch->name, sizeof scratch->name, "/proc/self/fd/%d", descriptor);
            return 0;
        }
    }
#endif
    int written = snprintf(scratch->name, sizeof scratch->name, "%s/rubric-scratch.XXXXXX", folder);
    if (written < 0 || (size_t)written >= sizeof scratch->name) {
        errno = ENAMETOOLONG;
        return -1;
    }
    scratch->descriptor = mkstemp(scratch->name);
    if (scratch->descriptor < 0)
        return -1;
    scratch->named = 1;
    return 0;
}

int scratch_file_copy(const scratch_file *scratch, FILE *out)
{
    char block[65536];
    if (lseek(scratch->descriptor, 0, SEEK_SET) != 0)
        return -1;
    for (;;) {
        ssize_t got = read(scratch->descriptor, block, sizeof block);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            return ferror(out) ? -1 : 0;
        if (fwrite(block, 1, (size_t)got, out) != (size_t)got)
            return -1;
    }
}
#endif

void scratch_file_close(scratch_file *scratch)
{
    if (scratch->descriptor >= 0)
        close(scratch->descriptor);
    if (scratch->named)
        unlink(scratch->name);
    scratch->descriptor = -1;
    scratch->named = 0;
}
