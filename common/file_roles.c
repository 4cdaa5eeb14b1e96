/*
 * file_roles.c — the registry of a command's inputs and outputs, and the
 * check that none overlaps another (file_roles.h).
 *
 * Each file is resolved when it is registered, and again at each check (a
 * file may have been made in between): stat() through every
 * symbolic link gives an existing file's device and inode; a name not yet
 * taken is made absolute through the longest part of its folder that
 * exists (realpath), the rest spelled out with "." and ".." taken away, and
 * a dangling symbolic link is followed to the name it would create. Two
 * registered files are one when both exist and are the same regular file,
 * or neither exists and both resolve to one name.
 */
/* realpath and readlink are X/Open's. */
#define _XOPEN_SOURCE 700

#include "file_roles.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How many symbolic links are followed before a name is taken as it is. */
enum { FILE_ROLES_MOST_LINKS = 40 };

/* Where a file is, as far as overlapping goes. */
typedef struct file_identity {
    int kind;                    /* FILE_IS_*, below */
    dev_t device;
    ino_t inode;
    char *name;                  /* FILE_IS_MISSING: the resolved name */
} file_identity;

enum {
    FILE_IS_OTHER,               /* a device, pipe, folder, or unknown: never overlaps */
    FILE_IS_REGULAR,             /* an existing regular file: device and inode */
    FILE_IS_MISSING              /* not made yet: its resolved name */
};

typedef struct file_entry {
    file_role role;
    const char *path;            /* as given, for the message (copy, or a constant) */
    char *copy;                  /* the copy path points to; NULL for a constant */
    const char *given;           /* the caller's pointer, for file_roles_remove */
    const char *what;            /* what gave it (copy, or a constant) */
    char *what_copy;
    file_identity identity;
} file_entry;

static file_entry *entries;
static size_t entry_count, entry_capacity;

void file_roles_reset(void)
{
    for (size_t i = 0; i < entry_count; i++) {
        free(entries[i].copy);
        free(entries[i].what_copy);
        free(entries[i].identity.name);
    }
    free(entries);
    entries = NULL;
    entry_count = entry_capacity = 0;
}

/* DIRECTORY + "/" + NAME, newly allocated ("/" + NAME for the root). */
static char *join(const char *directory, const char *name)
{
    size_t length = strlen(directory), name_length = strlen(name);
    char *joined = malloc(length + name_length + 2);
    if (joined == NULL)
        return NULL;
    memcpy(joined, directory, length);
    if (length == 0 || directory[length - 1] != '/')
        joined[length++] = '/';
    memcpy(joined + length, name, name_length + 1);
    return joined;
}

/* PATH's folder ("." when none) and last part; both newly allocated. */
static int split(const char *path, char **folder, char **last)
{
    size_t length = strlen(path);
    while (length > 1 && path[length - 1] == '/')
        length--;
    size_t start = length;
    while (start > 0 && path[start - 1] != '/')
        start--;
    *last = malloc(length - start + 1);
    if (*last != NULL) {
        memcpy(*last, path + start, length - start);
        (*last)[length - start] = '\0';
    }
    size_t folder_length = start;
    while (folder_length > 1 && path[folder_length - 1] == '/')
        folder_length--;
    if (start == 0)
        *folder = strdup(".");
    else if ((*folder = malloc(folder_length + 1)) != NULL) {
        memcpy(*folder, path, folder_length);
        (*folder)[folder_length] = '\0';
    }
    if (*folder == NULL || *last == NULL) {
        free(*folder);
        free(*last);
        return -1;
    }
    return 0;
}

/* The absolute name PATH would have, made of the real folder that exists
 * and the parts after it; NULL when out of memory. LINKS counts the
 * symbolic links followed so far. */
static char *resolve_missing(const char *path, int links)
{
    char *real = realpath(path, NULL);
    if (real != NULL)
        return real;
    /* A dangling symbolic link: the file it would make. */
    struct stat status;
    if (links < FILE_ROLES_MOST_LINKS && lstat(path, &status) == 0 && S_ISLNK(status.st_mode)) {
        char target[PATH_MAX];
        ssize_t length = readlink(path, target, sizeof target - 1);
        if (length > 0) {
            target[length] = '\0';
            if (target[0] == '/')
                return resolve_missing(target, links + 1);
            char *folder, *last;
            if (split(path, &folder, &last) != 0)
                return NULL;
            char *relative = join(folder, target);
            free(folder);
            free(last);
            char *resolved = relative ? resolve_missing(relative, links + 1) : NULL;
            free(relative);
            return resolved;
        }
    }
    char *folder, *last;
    if (split(path, &folder, &last) != 0)
        return NULL;
    char *resolved = NULL;
    if (strcmp(folder, path) == 0) {
        /* "." or "/" that does not resolve: only the working folder can
         * be gone; take the name as it is */
        resolved = strdup(path);
    } else {
        char *resolved_folder = resolve_missing(folder, links);
        if (resolved_folder != NULL) {
            if (strcmp(last, ".") == 0 || last[0] == '\0') {
                resolved = resolved_folder;
                resolved_folder = NULL;
            } else if (strcmp(last, "..") == 0) {
                char *slash = strrchr(resolved_folder, '/');
                if (slash != NULL)
                    slash[slash == resolved_folder ? 1 : 0] = '\0';
                resolved = resolved_folder;
                resolved_folder = NULL;
            } else {
                resolved = join(resolved_folder, last);
            }
            free(resolved_folder);
        }
    }
    free(folder);
    free(last);
    return resolved;
}

/* Resolve PATH in ROLE ("-": standard input or output). 0, or -1 out of
 * memory. */
static int identify(file_role role, const char *path, file_identity *identity)
{
    memset(identity, 0, sizeof *identity);
    struct stat status;
    int found;
    if (strcmp(path, "-") == 0)
        found = fstat(role == FILE_ROLE_INPUT ? STDIN_FILENO : STDOUT_FILENO, &status) == 0;
    else
        found = stat(path, &status) == 0;
    if (found) {
        identity->kind = S_ISREG(status.st_mode) ? FILE_IS_REGULAR : FILE_IS_OTHER;
        identity->device = status.st_dev;
        identity->inode = status.st_ino;
        return 0;
    }
    if (strcmp(path, "-") == 0 || (errno != ENOENT && errno != ENOTDIR))
        return 0;                /* unreadable: whatever it is, opening it will say */
    identity->kind = FILE_IS_MISSING;
    identity->name = resolve_missing(path, 0);
    return identity->name == NULL ? -1 : 0;
}

static bool same_file(const file_identity *left, const file_identity *right)
{
    if (left->kind == FILE_IS_REGULAR && right->kind == FILE_IS_REGULAR)
        return left->device == right->device && left->inode == right->inode;
    if (left->kind == FILE_IS_MISSING && right->kind == FILE_IS_MISSING)
        return strcmp(left->name, right->name) == 0;
    return false;
}

int file_roles_add(file_role role, const char *path, const char *what)
{
    if (entry_count == entry_capacity) {
        size_t capacity = entry_capacity ? 2 * entry_capacity : 8;
        file_entry *grown = realloc(entries, capacity * sizeof *grown);
        if (grown == NULL)
            return -1;
        entries = grown;
        entry_capacity = capacity;
    }
    file_entry *entry = &entries[entry_count];
    entry->role = role;
    entry->given = path;
    entry->copy = strdup(path);
    entry->what_copy = strdup(what);
    if (entry->copy == NULL || entry->what_copy == NULL || identify(role, path, &entry->identity) != 0) {
        free(entry->copy);
        free(entry->what_copy);
        return -1;
    }
    entry->path = entry->copy;
    entry->what = entry->what_copy;
    entry_count++;
    return 0;
}

/* Forget entry I. */
static void forget(size_t i)
{
    free(entries[i].copy);
    free(entries[i].what_copy);
    free(entries[i].identity.name);
    memmove(&entries[i], &entries[i + 1], (entry_count - i - 1) * sizeof *entries);
    entry_count--;
}

int file_roles_replace(file_role role, const char *path, const char *what)
{
    for (size_t i = entry_count; i-- > 0;)
        if (strcmp(entries[i].what, what) == 0)
            forget(i);
    return file_roles_add(role, path, what);
}

void file_roles_remove(const char *path)
{
    for (size_t i = entry_count; i-- > 0;)
        if (entries[i].given == path)
            forget(i);
}

/* PATH for a message: at most 200 bytes, control characters shown as
 * \n, \t or \xHH, so a name cannot forge a line. */
static void quote(char *out, size_t size, const char *path)
{
    size_t used = 0;
    for (const unsigned char *cursor = (const unsigned char *)path; *cursor != '\0' && used + 5 < size && used < 200;
         cursor++) {
        if (*cursor >= 0x20 && *cursor != 0x7f)
            out[used++] = (char)*cursor;
        else if (*cursor == '\n')
            used += (size_t)snprintf(out + used, size - used, "\\n");
        else if (*cursor == '\t')
            used += (size_t)snprintf(out + used, size - used, "\\t");
        else
            used += (size_t)snprintf(out + used, size - used, "\\x%02x", *cursor);
    }
    out[used] = '\0';
}

/* How ENTRY is named in a message: "the output 'x' (-o)", "standard
 * output". */
static void describe_output(char *out, size_t size, const file_entry *entry)
{
    char name[256];
    quote(name, sizeof name, entry->path);
    if (strcmp(entry->path, "-") == 0)
        snprintf(out, size, "standard output");
    else
        snprintf(out, size, "the output%s '%s' (%s)", entry->role == FILE_ROLE_OUTPUT_FOLDER ? " folder" : "",
                 name, entry->what);
}

/* What OTHER is, when OUTPUT (named NAME) overlaps it: "(the rubric)",
 * "(the rubric 'y.rubric')" when spelled otherwise, "(standard input)". */
static void describe_other(char *out, size_t size, const file_entry *other, const char *name)
{
    char spelled[256];
    quote(spelled, sizeof spelled, other->path);
    if (other->role == FILE_ROLE_INPUT && strcmp(other->path, "-") == 0)
        snprintf(out, size, "standard input%s%s", strcmp(other->what, "standard input") == 0 ? "" : ", ",
                 strcmp(other->what, "standard input") == 0 ? "" : other->what);
    else if (other->role != FILE_ROLE_INPUT && strcmp(other->path, "-") == 0)
        snprintf(out, size, "standard output");
    else if (name != NULL && strcmp(other->path, name) == 0)
        snprintf(out, size, "%s", other->what);
    else
        snprintf(out, size, "%s '%s'", other->what, spelled);
}

/* The message for OUTPUT overlapping OTHER. */
static int overlap(char *message, size_t size, const file_entry *output, const file_entry *other)
{
    char named[320], what[320];
    describe_output(named, sizeof named, output);
    describe_other(what, sizeof what, other, output->path);
    snprintf(message, size, "%s is also %s (%s); choose another file", named,
             other->role == FILE_ROLE_INPUT ? "an input" : "an output", what);
    return -1;
}

/* Resolve every registered file again: a file made since it was
 * registered (rubricc opens --diagnostics-output first) is now a file
 * with an inode, not a name. 0, or -1 out of memory. */
static int refresh(void)
{
    for (size_t i = 0; i < entry_count; i++) {
        file_identity identity;
        if (identify(entries[i].role, entries[i].path, &identity) != 0)
            return -1;
        free(entries[i].identity.name);
        entries[i].identity = identity;
    }
    return 0;
}

int file_roles_check(char *message, size_t size)
{
    /* standard output, whatever the command writes there, must not be an input */
    file_entry standard_output = {FILE_ROLE_OUTPUT, "-", NULL, NULL, "standard output", NULL, {0, 0, 0, NULL}};
    if (refresh() != 0 || identify(FILE_ROLE_OUTPUT, "-", &standard_output.identity) != 0)
        return snprintf(message, size, "out of memory"), -1;
    for (size_t i = 0; i < entry_count; i++) {
        const file_entry *output = &entries[i];
        if (output->role == FILE_ROLE_INPUT)
            continue;
        for (size_t k = 0; k < entry_count; k++) {
            const file_entry *other = &entries[k];
            if (k == i || (other->role != FILE_ROLE_INPUT && k > i))
                continue;        /* each pair of outputs once */
            if (same_file(&output->identity, &other->identity))
                return overlap(message, size, output, other);
        }
    }
    for (size_t k = 0; k < entry_count; k++)
        if (entries[k].role == FILE_ROLE_INPUT && same_file(&standard_output.identity, &entries[k].identity))
            return overlap(message, size, &standard_output, &entries[k]);
    return 0;
}

int file_roles_check_write(const char *path, bool planned, char *message, size_t size)
{
    file_entry output = {FILE_ROLE_OUTPUT, path, NULL, path, planned ? "in the output folder" : "an output",
                         NULL, {0, 0, 0, NULL}};
    if (refresh() != 0 || identify(FILE_ROLE_OUTPUT, path, &output.identity) != 0)
        return snprintf(message, size, "out of memory"), -1;
    /* named by the option that gave it, or the option of its folder */
    for (size_t k = 0; k < entry_count; k++)
        if ((planned && entries[k].role == FILE_ROLE_OUTPUT_FOLDER) ||
            (!planned && entries[k].role == FILE_ROLE_OUTPUT && same_file(&output.identity, &entries[k].identity)))
            output.what = entries[k].what;
    int result = 0;
    for (size_t k = 0; k < entry_count && result == 0; k++) {
        const file_entry *other = &entries[k];
        if (other->role == FILE_ROLE_INPUT || (planned && other->role == FILE_ROLE_OUTPUT))
            if (same_file(&output.identity, &other->identity))
                result = overlap(message, size, &output, other);
    }
    free(output.identity.name);
    return result;
}
