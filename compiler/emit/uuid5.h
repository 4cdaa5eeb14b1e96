/*
 * uuid5.h — name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace
 * UUID and a name).
 *
 * The CASE export (emit_case.c) names every rubric, criterion and level
 * with one, so that exporting the same rubric again gives the same
 * identifiers and a system that imported it recognises what it already
 * has. The digest is Nettle's SHA-1 (a well-kept Debian library); nothing
 * here depends on anything but the bytes given.
 */
#ifndef UUID5_H
#define UUID5_H

enum { UUID_TEXT_SIZE = 37 };    /* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" and its NUL */

typedef struct uuid {
    unsigned char bytes[16];
} uuid;

/* The RFC's namespace for names that are URLs/URIs
 * (6ba7b811-9dad-11d1-80b4-00c04fd430c8). */
extern const uuid uuid_namespace_url;

/* The version 5 UUID of name (UTF-8 bytes up to the NUL) in namespace. */
uuid uuid5_make(const uuid *namespace_id, const char *name);

/* Its text form: lower-case hex, 8-4-4-4-12, NUL-terminated. */
void uuid_format(const uuid *id, char text[UUID_TEXT_SIZE]);

#endif /* UUID5_H */
