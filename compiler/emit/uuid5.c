/*
 * uuid5.c — version 5 UUIDs: SHA-1 (Nettle) of the namespace's 16 bytes
 * followed by the name, the first 16 bytes of the digest kept, with the
 * version (5) and the RFC variant bits set, as RFC 9562 section 5.5 says.
 * Python's uuid.uuid5 computes the same thing, which the tests use to
 * check every identifier the CASE export writes.
 */
#include "uuid5.h"

#include <string.h>

#include <nettle/sha1.h>

const uuid uuid_namespace_url = {{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                  0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}};

uuid uuid5_make(const uuid *namespace_id, const char *name)
{
    struct sha1_ctx context;
    unsigned char digest[SHA1_DIGEST_SIZE];
    sha1_init(&context);
    sha1_update(&context, sizeof namespace_id->bytes, namespace_id->bytes);
    sha1_update(&context, strlen(name), (const unsigned char *)name);
    sha1_digest(&context, sizeof digest, digest);
    uuid made;
    memcpy(made.bytes, digest, sizeof made.bytes);
    made.bytes[6] = (unsigned char)((made.bytes[6] & 0x0f) | 0x50);   /* version 5 */
    made.bytes[8] = (unsigned char)((made.bytes[8] & 0x3f) | 0x80);   /* variant 10 */
    return made;
}

void uuid_format(const uuid *id, char text[UUID_TEXT_SIZE])
{
    static const char hex[] = "0123456789abcdef";
    size_t at = 0;
    for (size_t i = 0; i < sizeof id->bytes; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text[at++] = '-';
        text[at++] = hex[id->bytes[i] >> 4];
        text[at++] = hex[id->bytes[i] & 0x0f];
    }
    text[at] = '\0';
}
