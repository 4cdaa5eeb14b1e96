/*
 * audit_support.c — growing an array by doubling, checking UTF-8,
 * finding a byte and copying bytes (see audit_support.h).
 *
 * The UTF-8 check runs over every CSV record and every JSON string with a
 * byte of 128 or more, so runs of ASCII, most of any line, are passed
 * eight or 32 bytes at a time; the unit test (test_safe_text.c) tries good
 * and bad sequences at every offset and cut.
 *
 * Every line read is first searched for its end, and a JSON line copied
 * before it is read in place. Natively that is the C library's memchr and
 * memcpy; wasi-libc's compare and copy four bytes a step, which was a
 * sixth of the WebAssembly grader's time on 100,000 audits, so that build
 * (compiled with SIMD, wasm/wasm.mk) takes sixteen. The unit test checks
 * both against the C library at every offset, length and position.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit_support.h"
#include "safe_text.h"

#include "simd16.h"

/* Grow *BUFFER to hold at least NEEDED items of SIZE bytes, doubling. */
int audit_reserve(void **buffer, unsigned *capacity, unsigned needed, size_t size)
{
    if (needed <= *capacity)
        return 1;
    unsigned grown = *capacity ? *capacity : 16;
    while (grown < needed)
        grown *= 2;
    void *larger = realloc(*buffer, (size_t)grown * size);
    if (larger == NULL)
        return 0;
    *buffer = larger;
    *capacity = grown;
    return 1;
}

/* Grow a byte buffer to hold at least NEEDED bytes, doubling from
 * INITIAL; 0 when out of memory (the buffer is then as it was). */
int audit_reserve_bytes(char **buffer, size_t *capacity, size_t needed, size_t initial)
{
    if (needed <= *capacity)
        return 1;
    size_t grown = *capacity ? *capacity : initial;
    while (grown < needed)
        grown *= 2;
    char *larger = realloc(*buffer, grown);
    if (larger == NULL)
        return 0;
    *buffer = larger;
    *capacity = grown;
    return 1;
}

/* Whether TEXT[0..LENGTH) is well-formed UTF-8 (no overlongs, no surrogates). */
int audit_is_utf8(const unsigned char *text, size_t length)
{
    size_t index = 0;
    while (index < length) {
        uint64_t word, words[4];
        /* Runs of ASCII, most of a line, are passed 32 bytes at a time,
         * then eight. */
        if (length - index >= 32 && (memcpy(words, text + index, 32),
                                     ((words[0] | words[1] | words[2] | words[3]) & 0x8080808080808080u) == 0)) {
            index += 32;
            continue;
        }
        if (length - index >= 8 && (memcpy(&word, text + index, 8), (word & 0x8080808080808080u) == 0)) {
            index += 8;
            continue;
        }
        if (text[index] < 0x80) {
            index++;
            continue;
        }
        unsigned long code;
        size_t size = safe_text_decode(text + index, length - index, &code);
        if (size == 0)
            return 0;
        index += size;
    }
    return 1;
}

const char *audit_find_byte(const char *text, size_t length, char byte)
{
#if defined(SIMD16) && defined(__wasm__)     /* natively, the C library's is quicker */
    const simd16 wanted = simd16_splat(byte);
    for (; length >= 16; text += 16, length -= 16) {
        unsigned matches = simd16_mask(simd16_equal(simd16_load(text), wanted));
        if (matches)
            return text + __builtin_ctz(matches);
    }
#endif
    return length ? memchr(text, byte, length) : NULL;
}

void audit_copy_bytes(char *to, const char *from, size_t length)
{
#if defined(SIMD16) && defined(__wasm__)
    for (; length >= 16; to += 16, from += 16, length -= 16)
        simd16_store(to, simd16_load(from));
#endif
    if (length)
        memcpy(to, from, length);
}
