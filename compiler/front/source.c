/*
 * source.c — loading rubric files and mapping byte offsets to lines and
 * columns (see source.h).
 *
 * Every loaded text is made to end in a newline, so the lexer never has to
 * treat a last line without one specially, and it is followed by the two
 * NUL bytes that flex's yy_scan_buffer() wants, so the scanner reads the
 * text in place instead of copying it. Files are read with read(2) from a
 * descriptor, never more than the one-file limit and a byte, so a device
 * or a file that grows while read cannot take the memory.
 */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void source_set_init(source_set *sources, arena *region)
{
    memset(sources, 0, sizeof *sources);
    sources->region = region;
    sources->limits.max_file_bytes = SOURCE_DEFAULT_MAX_FILE_BYTES;
    sources->limits.max_total_bytes = SOURCE_DEFAULT_MAX_TOTAL_BYTES;
    sources->limits.max_files = SOURCE_DEFAULT_MAX_FILES;
}

/* The table of line starts: one entry per line, found with memchr. */
static void source_index_lines(source_set *sources, source_file *file)
{
    /* Lines start after every newline but the final one. */
    const char *text = file->text;
    const char *last = text + (file->length > 0 ? file->length - 1 : 0);
    size_t count = 1;
    for (const char *p = text; p < last && (p = memchr(p, '\n', (size_t)(last - p))) != NULL; p++)
        count++;
    file->line_starts = arena_array(sources->region, count, sizeof *file->line_starts);
    file->line_starts[0] = 0;
    size_t line = 1;
    for (const char *p = text; p < last && (p = memchr(p, '\n', (size_t)(last - p))) != NULL; p++)
        file->line_starts[line++] = (unsigned)(p - text + 1);
    file->line_count = count;
}

static int source_append(source_set *sources, const char *name, const char *text,
                         size_t length, int included_from, source_span include_span)
{
    if (sources->count == sources->capacity) {
        size_t capacity = sources->capacity ? sources->capacity * 2 : 4;
        sources->files = arena_grow(sources->region, sources->files, sources->count,
                                    capacity, sizeof *sources->files);
        sources->capacity = capacity;
    }
    source_file *file = &sources->files[sources->count];
    memset(file, 0, sizeof *file);
    file->name = arena_strdup(sources->region, name);
    bool needs_newline = length == 0 || text[length - 1] != '\n';
    file->length = length + (needs_newline ? 1 : 0);
    file->text = arena_alloc_unzeroed(sources->region, file->length + 2);
    /* Windows line ends (CR LF) become LF, so that a file saved by any
     * editor scans alike; columns are unaffected. */
    size_t kept = 0;
    if (length > 0 && memchr(text, '\r', length) == NULL) {
        memcpy(file->text, text, length);
        kept = length;
    } else {
        for (size_t i = 0; i < length; i++)
            if (!(text[i] == '\r' && i + 1 < length && text[i + 1] == '\n'))
                file->text[kept++] = text[i];
    }
    if (needs_newline)
        file->text[kept++] = '\n';
    file->length = kept;
    file->text[kept] = '\0';
    file->text[kept + 1] = '\0';
    file->included_from = included_from;
    file->include_span = include_span;
    sources->total_bytes += length;
    source_index_lines(sources, file);
    return (int)sources->count++;
}

int source_add_text(source_set *sources, const char *name, const char *text, size_t length)
{
    source_span none = {-1, 0, 0};
    return source_append(sources, name, text, length, -1, none);
}

int source_load(source_set *sources, const char *path, int included_from,
                source_span include_span)
{
    int descriptor = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (descriptor < 0)
        return -1;
    int index = source_load_descriptor(sources, descriptor, path, included_from, include_span);
    int saved_errno = errno;
    close(descriptor);
    errno = saved_errno;
    return index;
}

int source_load_descriptor(source_set *sources, int descriptor, const char *name,
                           int included_from, source_span include_span)
{
    /* A regular file is read in one go into a buffer of its size (one
     * more byte, so the read that finds the end needs no second buffer);
     * a pipe or device grows the buffer as it goes. Either way no more
     * than the limit and one byte is read: that byte says "too large". */
    size_t limit = sources->limits.max_file_bytes;
    if (limit > 0x7ffffffeu)
        limit = 0x7ffffffeu;   /* offsets are unsigned 32-bit */
    size_t capacity = 64 * 1024, length = 0;
    struct stat status;
    bool has_status = fstat(descriptor, &status) == 0;
    if (has_status && S_ISREG(status.st_mode) && (unsigned long long)status.st_size <= limit)
        capacity = (size_t)status.st_size + 1;
    if (capacity > limit + 1)
        capacity = limit + 1;
    char *buffer = malloc(capacity);
    if (buffer == NULL) {
        errno = ENOMEM;
        return -1;
    }
    while (length <= limit) {
        if (length == capacity) {
            size_t bigger_capacity = capacity * 2 > limit + 1 ? limit + 1 : capacity * 2;
            char *bigger = realloc(buffer, bigger_capacity);
            if (bigger == NULL) {
                free(buffer);
                errno = ENOMEM;
                return -1;
            }
            buffer = bigger;
            capacity = bigger_capacity;
        }
        ssize_t got = read(descriptor, buffer + length, capacity - length);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int saved_errno = errno;
            free(buffer);
            errno = saved_errno;
            return -1;
        }
        if (got == 0)
            break;
        length += (size_t)got;
    }
    if (length > limit) {
        free(buffer);
        errno = EFBIG;
        return -1;
    }
    int index = source_append(sources, name, buffer, length, included_from, include_span);
    free(buffer);
    if (has_status) {
        source_file *file = &sources->files[index];
        file->has_identity = true;
        file->device = status.st_dev;
        file->inode = status.st_ino;
    }
    return index;
}

int source_add_text_limited(source_set *sources, const char *name, const char *text,
                            size_t length)
{
    if (length > sources->limits.max_file_bytes || length > 0x7ffffffeu) {
        errno = EFBIG;
        return -1;
    }
    return source_add_text(sources, name, text, length);
}

void source_position(const source_file *file, unsigned offset, int *line, int *column)
{
    size_t low = 0, high = file->line_count;
    while (high - low > 1) {
        size_t middle = (low + high) / 2;
        if (file->line_starts[middle] <= offset)
            low = middle;
        else
            high = middle;
    }
    *line = (int)low + 1;
    *column = source_count_characters(file->text + file->line_starts[low],
                                      offset - file->line_starts[low]) + 1;
}

const char *source_line(const source_file *file, int line, size_t *length)
{
    if (line < 1 || (size_t)line > file->line_count) {
        *length = 0;
        return "";
    }
    const char *start = file->text + file->line_starts[line - 1];
    const char *end = memchr(start, '\n', file->length - file->line_starts[line - 1]);
    *length = end ? (size_t)(end - start) : strlen(start);
    return start;
}

int source_count_characters(const char *text, size_t length)
{
    int count = 0;
    for (size_t i = 0; i < length; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            count++;
    return count;
}

long source_find_bad_utf8(const source_file *file)
{
    const unsigned char *text = (const unsigned char *)file->text;
    size_t i = 0, length = file->length;
    while (i < length) {
        unsigned char byte = text[i];
        size_t extra;
        unsigned minimum;
        unsigned code;
        if (byte < 0x80) {
            if (byte == 0)
                return (long)i;
            i++;
            /* Runs of ASCII, the most of any rubric, eight bytes at a time. */
            while (i + 8 <= length) {
                uint64_t block;
                memcpy(&block, text + i, sizeof block);
                uint64_t has_zero = (block - 0x0101010101010101ull) & ~block & 0x8080808080808080ull;
                if ((block & 0x8080808080808080ull) != 0 || has_zero != 0)
                    break;
                i += 8;
            }
            continue;
        } else if ((byte & 0xE0) == 0xC0) {
            extra = 1; minimum = 0x80; code = byte & 0x1F;
        } else if ((byte & 0xF0) == 0xE0) {
            extra = 2; minimum = 0x800; code = byte & 0x0F;
        } else if ((byte & 0xF8) == 0xF0) {
            extra = 3; minimum = 0x10000; code = byte & 0x07;
        } else {
            return (long)i;
        }
        if (i + extra >= length + 1)
            return (long)i;
        for (size_t k = 1; k <= extra; k++) {
            if ((text[i + k] & 0xC0) != 0x80)
                return (long)i;
            code = (code << 6) | (text[i + k] & 0x3F);
        }
        if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return (long)i;
        i += extra + 1;
    }
    return -1;
}
