/*
 * simd16.h — sixteen bytes compared at once, in one spelling for SSE2
 * (x86-64) and for WebAssembly's SIMD (wasm32 built with -msimd128): the
 * readers' scans for a string's end, a CSV row's commas and quotes, JSON
 * whitespace and equal keys (json_tree.h, json_tree.c, audit_json.c,
 * audit_csv.c), and in the WebAssembly build a line's end and its copy
 * (audit_support.c). SIMD16 is defined when either is there; without it each
 * reader takes eight bytes a step, or one.
 *
 * Internal to the library (not installed). The same scan written once
 * serves both builds, so the WebAssembly grader reads as the native one
 * does, by the same steps, rather than byte by byte.
 */
#ifndef SIMD16_H
#define SIMD16_H

#if defined(__SSE2__)
#include <emmintrin.h>
#define SIMD16 1
typedef __m128i simd16;

static inline simd16 simd16_load(const char *bytes)
{
    return _mm_loadu_si128((const __m128i *)(const void *)bytes);
}
static inline void simd16_store(char *to, simd16 bytes) { _mm_storeu_si128((__m128i *)(void *)to, bytes); }
static inline simd16 simd16_splat(char byte) { return _mm_set1_epi8(byte); }
static inline simd16 simd16_equal(simd16 a, simd16 b) { return _mm_cmpeq_epi8(a, b); }
/* Byte by byte, signed: a byte of 128 or more is below ' '. */
static inline simd16 simd16_below(simd16 a, simd16 b) { return _mm_cmplt_epi8(a, b); }
static inline simd16 simd16_or(simd16 a, simd16 b) { return _mm_or_si128(a, b); }
static inline simd16 simd16_and(simd16 a, simd16 b) { return _mm_and_si128(a, b); }
/* Bit N set when byte N's top bit is (a comparison's "true"). */
static inline unsigned simd16_mask(simd16 a) { return (unsigned)_mm_movemask_epi8(a); }

#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define SIMD16 1
typedef v128_t simd16;

static inline simd16 simd16_load(const char *bytes) { return wasm_v128_load(bytes); }
static inline void simd16_store(char *to, simd16 bytes) { wasm_v128_store(to, bytes); }
static inline simd16 simd16_splat(char byte) { return wasm_i8x16_splat(byte); }
static inline simd16 simd16_equal(simd16 a, simd16 b) { return wasm_i8x16_eq(a, b); }
static inline simd16 simd16_below(simd16 a, simd16 b) { return wasm_i8x16_lt(a, b); }
static inline simd16 simd16_or(simd16 a, simd16 b) { return wasm_v128_or(a, b); }
static inline simd16 simd16_and(simd16 a, simd16 b) { return wasm_v128_and(a, b); }
static inline unsigned simd16_mask(simd16 a) { return (unsigned)wasm_i8x16_bitmask(a); }
#endif

#endif /* SIMD16_H */
