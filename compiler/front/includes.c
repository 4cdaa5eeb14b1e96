/*
 * includes.c — resolving and reading included files under the rules of
 * includes.h.
 *
 * The file is opened once and everything else is asked of that descriptor
 * (fstat for its kind, size and identity; the read itself), so what was
 * checked is what is read. It is opened with O_NONBLOCK: a FIFO would
 * otherwise block the open until a writer came, before it could be refused.
 * Paths in messages are the ones the author wrote, joined to the including
 * file's folder, never resolved real paths, so messages are the same on
 * every machine.
 */
/* realpath() is an X/Open function. */
#define _XOPEN_SOURCE 700

#include "includes.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The folder part of path ("." when it has none). */
static char *include_folder_of(arena *region, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return arena_strdup(region, ".");
    if (slash == path)
        return arena_strdup(region, "/");
    return arena_strndup(region, path, (size_t)(slash - path));
}

/* Whether name has a ".." component. */
static bool include_climbs_up(const char *name)
{
    const char *part = name;
    for (;;) {
        size_t length = strcspn(part, "/");
        if (length == 2 && part[0] == '.' && part[1] == '.')
            return true;
        if (part[length] == '\0')
            return false;
        part += length + 1;
    }
}

/* Whether the real path of path lies inside the real path of folder. */
static bool include_is_inside(const char *path, const char *folder)
{
    char real_path[PATH_MAX], real_folder[PATH_MAX];
    if (realpath(path, real_path) == NULL || realpath(folder, real_folder) == NULL)
        return false;
    size_t length = strlen(real_folder);
    if (length == 1 && real_folder[0] == '/')
        return true;
    return strncmp(real_path, real_folder, length) == 0 && real_path[length] == '/';
}

/* The main rubric of the compilation that file belongs to. */
static const source_file *include_main_file(const source_set *sources, int file)
{
    while (sources->files[file].included_from >= 0)
        file = sources->files[file].included_from;
    return &sources->files[file];
}

/* What kind of thing a file that is not a regular file is, for messages. */
static const char *include_kind_name(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a pipe (FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

/* Open the file name, beside the including file or in an -I folder. The
 * path opened is left in *path; -1 with errno when none opens. */
static int include_open(source_set *sources, const include_policy *policy, const char *name,
                        const char *folder, char **path)
{
    *path = name[0] == '/' ? arena_strdup(sources->region, name)
            : strcmp(folder, ".") == 0 ? arena_strdup(sources->region, name)
                                       : arena_printf(sources->region, "%s/%s", folder, name);
    int descriptor = open(*path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    for (size_t i = 0; descriptor < 0 && errno == ENOENT && name[0] != '/' && policy != NULL
                       && i < policy->directory_count; i++) {
        char *candidate = arena_printf(sources->region, "%s/%s", policy->directories[i], name);
        int found = open(candidate, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (found >= 0 || errno != ENOENT) {
            *path = candidate;
            descriptor = found;
        }
    }
    return descriptor;
}

/* For a file not found: a folder where a file of that name is, among the
 * places shared files are kept (a "shared" folder beside the including
 * file or above it, "rubrics/shared" from the working directory), for
 * the advice "compile with -I" (an -I folder is searched for the name as
 * written); NULL when there is none. */
static const char *include_found_elsewhere(source_set *sources, const char *name, const char *folder)
{
    const char *const places[] = {
        arena_printf(sources->region, "%s/shared", folder),
        arena_printf(sources->region, "%s/../shared", folder),
        arena_printf(sources->region, "%s/..", folder),
        "rubrics/shared",
        "shared",
        "rubrics",
    };
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        const char *place = strncmp(places[i], "./", 2) == 0 ? places[i] + 2 : places[i];
        char *candidate = arena_printf(sources->region, "%s/%s", place, name);
        if (access(candidate, R_OK) == 0)
            return place;
    }
    return NULL;
}

/* Whether the file at path lies inside the main rubric's folder or an
 * -I folder. */
static bool include_is_allowed_place(const source_set *sources, const include_policy *policy,
                                     int including, const char *path)
{
    const source_file *main_file = include_main_file(sources, including);
    char *main_folder = include_folder_of(sources->region, main_file->name);
    if (include_is_inside(path, main_folder))
        return true;
    for (size_t i = 0; policy != NULL && i < policy->directory_count; i++)
        if (include_is_inside(path, policy->directories[i]))
            return true;
    return false;
}

/* A limit reached: report it once, then read nothing more. */
static void include_stop(source_set *sources, diagnostics *report, source_span where,
                         const char *message)
{
    diagnostic_error(report, where, "%s", message);
    sources->includes_stopped = true;
}

void include_too_deep(source_set *sources, diagnostics *report, source_span where, int depth)
{
    if (sources->includes_stopped)
        return;
    include_stop(sources, report, where,
                 arena_printf(sources->region,
                              "files are included %d deep, the most allowed; include shared files from the main rubric rather than from each other", depth));
}

/* The checks made on the open file: its kind, cycles, limits. 0 when it
 * may be read. */
static int include_admit(source_set *sources, diagnostics *report, const char *path,
                         const struct stat *status, source_span where, const int *open_files,
                         int open_count)
{
    if (!S_ISREG(status->st_mode)) {
        diagnostic_error(report, where,
                         "'%s' is %s, not a rubric file; only regular files can be included",
                         path, include_kind_name(status->st_mode));
        return -1;
    }
    for (int i = 0; i < open_count; i++) {
        const source_file *open_file = &sources->files[open_files[i]];
        if (open_file->has_identity && open_file->device == status->st_dev
            && open_file->inode == status->st_ino) {
            diagnostic_error(report, where,
                             "'%s' includes itself (through the files being read); remove one of the 'include:' lines",
                             path);
            return -1;
        }
    }
    const source_limits *limits = &sources->limits;
    if ((unsigned long long)status->st_size > limits->max_file_bytes) {
        include_stop(sources, report, where,
                     arena_printf(sources->region,
                                  "'%s' is %llu bytes, more than the limit of %zu bytes for one file; is it a rubric? (--max-file-size raises the limit)",
                                  path, (unsigned long long)status->st_size,
                                  limits->max_file_bytes));
        return -1;
    }
    if (sources->count >= limits->max_files) {
        include_stop(sources, report, where,
                     arena_printf(sources->region,
                                  "this rubric and its includes come to more than %zu files; does a file include another many times? (--max-include-files raises the limit)",
                                  limits->max_files));
        return -1;
    }
    if ((unsigned long long)status->st_size > limits->max_total_bytes - sources->total_bytes) {
        include_stop(sources, report, where,
                     arena_printf(sources->region,
                                  "this rubric and its includes come to more than %zu bytes; does a file include another many times? (--max-total-size raises the limit)",
                                  limits->max_total_bytes));
        return -1;
    }
    return 0;
}

int include_load(source_set *sources, diagnostics *report, const char *text, size_t length,
                 int including, source_span where, const int *open_files, int open_count)
{
    if (sources->includes_stopped)
        return -1;
    const include_policy *policy = sources->includes;
    bool anywhere = policy != NULL && policy->allow_anywhere;
    char *name = arena_strndup(sources->region, text, length);
    if (!anywhere && name[0] == '/') {
        diagnostic_error(report, where,
                         "'%s' is an absolute path; write the path from the including file's folder "
                         "(or add its folder with -I DIR, or allow it with --allow-include-anywhere)",
                         name);
        return -1;
    }
    if (!anywhere && include_climbs_up(name)) {
        diagnostic_error(report, where,
                         "'%s' climbs out of the including file's folder with '..'; keep shared files "
                         "in or below the rubric's folder (or add their folder with -I DIR, or allow it "
                         "with --allow-include-anywhere)",
                         name);
        return -1;
    }
    char *folder = include_folder_of(sources->region, sources->files[including].name);
    char *path;
    int descriptor = include_open(sources, policy, name, folder, &path);
    if (descriptor < 0) {
        if (errno == ENOENT) {
            const char *elsewhere = include_found_elsewhere(sources, name, folder);
            const char *advice = elsewhere != NULL
                ? arena_printf(sources->region,
                               "; there is a '%s' in '%s/': compile with '-I %s'", name, elsewhere,
                               elsewhere)
                : "";
            diagnostic_error(report, where,
                             "cannot find included file '%s' beside the including file%s%s (until it is "
                             "found, the names it would declare are not checked)",
                             name, policy != NULL && policy->directory_count > 0 ? " or in the -I folders" : "",
                             advice);
        } else
            diagnostic_error(report, where, "cannot read included file '%s': %s", path,
                             strerror(errno));
        return -1;
    }
    struct stat status;
    int index = -1;
    if (fstat(descriptor, &status) != 0) {
        diagnostic_error(report, where, "cannot read included file '%s': %s", path,
                         strerror(errno));
    } else if (!anywhere && S_ISREG(status.st_mode)
               && !include_is_allowed_place(sources, policy, including, path)) {
        diagnostic_error(report, where,
                         "'%s' leads outside the rubric's folder (through a symbolic link); include "
                         "files inside it (or add their folder with -I DIR, or allow it with "
                         "--allow-include-anywhere)",
                         path);
    } else if (include_admit(sources, report, path, &status, where, open_files, open_count) == 0) {
        index = source_load_descriptor(sources, descriptor, path, including, where);
        if (index < 0)
            diagnostic_error(report, where, "cannot read included file '%s': %s", path,
                             strerror(errno));
    }
    close(descriptor);
    return index;
}
