/*
 * audit_support.h — the small steps every reader of audit and rubric text
 * shares: arrays and byte buffers grown by doubling, the UTF-8 check, and
 * finding a byte (a line's end) in a block and copying one.
 *
 * Internal to the library and rubric-grade (not installed). It sits below
 * the readers that use it (audit_json.c, audit_csv.c, audit_lines.c,
 * json_tree.c, and rubric-grade's moderation and report) and includes none
 * of them, so that none of them has to include another reader for these.
 */
#ifndef AUDIT_SUPPORT_H
#define AUDIT_SUPPORT_H

#include <stddef.h>

/* Grow *BUFFER to hold at least NEEDED items of SIZE bytes; 0 when out of memory. */
int audit_reserve(void **buffer, unsigned *capacity, unsigned needed, size_t size);

/* Grow a byte buffer to hold at least NEEDED bytes, doubling from
 * INITIAL; 0 when out of memory (the buffer is then as it was). */
int audit_reserve_bytes(char **buffer, size_t *capacity, size_t needed, size_t initial);

/* Whether TEXT[0..LENGTH) is well-formed UTF-8 (no overlongs, no surrogates). */
int audit_is_utf8(const unsigned char *text, size_t length);

/* The first BYTE in TEXT[0..LENGTH), or NULL: memchr, but sixteen bytes
 * at a time in the WebAssembly build, whose C library scans four. */
const char *audit_find_byte(const char *text, size_t length, char byte);

/* memcpy (TO and FROM do not overlap), sixteen bytes at a time in the
 * WebAssembly build, whose C library copies four. */
void audit_copy_bytes(char *to, const char *from, size_t length);

#endif /* AUDIT_SUPPORT_H */
