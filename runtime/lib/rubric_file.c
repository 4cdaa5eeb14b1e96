/*
 * rubric_file.c — a rubric file read whole, within a size limit (see
 * rubric_file.h), for rubric_load.c, which parses what it returns. Kept
 * apart from the loader, whose job is the JSON's meaning, not the file's
 * bytes.
 */
#include "rubric_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SIZE bytes in MiB for a message: "210 MiB", "0.5 MiB". */
static void describe_size(char *text, size_t space, size_t size)
{
    double mebibytes = (double)size / (1024.0 * 1024.0);
    if (size % (1024 * 1024) == 0)
        snprintf(text, space, "%zu MiB", size >> 20);
    else
        snprintf(text, space, "%.1f MiB", mebibytes);
}

/* "PATH: it is N MiB, more than the M MiB limit" (N unknown for a pipe). */
static void too_large(const char *path, size_t size, size_t max_bytes, rubric_error *error)
{
    char limit[32], actual[32];
    describe_size(limit, sizeof limit, max_bytes);
    if (size > max_bytes) {
        describe_size(actual, sizeof actual, size);
        snprintf(error->message, sizeof error->message, "%s: it is %s, more than the %s limit", path,
                 actual, limit);
    } else {
        snprintf(error->message, sizeof error->message, "%s: it is more than the %s limit", path, limit);
    }
}

/* One read for a regular file, as many as it takes else (a pipe). */
char *read_whole_file(const char *path, size_t max_bytes, size_t *length, rubric_error *error)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        snprintf(error->message, sizeof error->message, "%s: unable to open %s: %s", path, path, strerror(errno));
        return NULL;
    }
    size_t capacity = 65536, used = 0;
    char *text = NULL;
    if (fseek(file, 0, SEEK_END) == 0) {
        long size = ftell(file);
        if (size > 0 && (unsigned long)size > max_bytes) {
            fclose(file);
            too_large(path, (size_t)size, max_bytes, error);
            return NULL;
        }
        if (size > 0)
            capacity = (size_t)size + 1;
        rewind(file);
    }
    for (;;) {
        if (text == NULL || used == capacity) {
            if (text != NULL && used > max_bytes) {
                free(text);
                fclose(file);
                too_large(path, 0, max_bytes, error);   /* a pipe: how much more is not known */
                return NULL;
            }
            size_t larger_capacity = text == NULL ? capacity
                                     : capacity > max_bytes / 2 ? max_bytes + 1 : capacity * 2;
            char *larger = realloc(text, larger_capacity);
            if (larger == NULL) {
                free(text);
                fclose(file);
                snprintf(error->message, sizeof error->message, "%s: out of memory reading %zu bytes", path,
                         larger_capacity);
                return NULL;
            }
            text = larger;
            capacity = larger_capacity;
        }
        size_t got = fread(text + used, 1, capacity - used, file);
        used += got;
        if (got == 0)
            break;
    }
    int failed = ferror(file);
    int reason = errno;
    fclose(file);
    if (failed) {
        free(text);
        snprintf(error->message, sizeof error->message, "%s: unable to read %s: %s", path, path, strerror(reason));
        return NULL;
    }
    if (used > max_bytes) {     /* it grew after it was measured */
        free(text);
        too_large(path, used, max_bytes, error);
        return NULL;
    }
    *length = used;
    return text;
}

