/*
 * includes.h — which file an "include:" line may read, and reading it.
 *
 * A rubric is often shared between authors and run in CI, so an include is
 * held to a few rules that keep one rubric from reading what it should not
 * or from taking the machine's memory and time:
 *
 *   - the name is relative: no absolute path and no ".." component;
 *   - it is looked for beside the including file, then in each -I folder;
 *   - what it names (symbolic links followed) must be a regular file inside
 *     the main rubric's folder or an -I folder;
 *   - a file already being read (the same device and inode, however the
 *     path is spelt) is an include cycle;
 *   - the size of one file, the bytes of all files and the number of files
 *     are limited (source_limits); once a limit is reached nothing more is
 *     read, so an include set that doubles at every level stops at once.
 *
 * --allow-include-anywhere lifts the first and third rule (a regular file is
 * still required: a FIFO or a device would block or never end).
 */
#ifndef INCLUDES_H
#define INCLUDES_H

#include <stdbool.h>
#include <stddef.h>

#include "diagnostics.h"
#include "source.h"

typedef struct include_policy {
    const char *const *directories;   /* -I DIR, searched in order */
    size_t directory_count;
    bool allow_anywhere;              /* --allow-include-anywhere */
} include_policy;

/* Read the file that 'include: NAME' names (name[0..length)), written in
 * file including at where, while open_files[0..open_count) are being
 * read. Returns the new file's index, or -1 after reporting why (nothing
 * is reported once sources->includes_stopped is set). */
int include_load(source_set *sources, diagnostics *report, const char *name, size_t length,
                 int including, source_span where, const int *open_files, int open_count);

/* Report that includes nest deeper than depth, and read no more. */
void include_too_deep(source_set *sources, diagnostics *report, source_span where, int depth);

#endif /* INCLUDES_H */
