// Per-code-point ICU primitives used by the HF tokenizer.json normalizers and pre-tokenizers
// (TextmillUnicode/ScalarProperties.swift): simple case mapping, combining classes, single-character
// decompositions and pairwise composition. Same wrapper pattern as shim.h (unversioned names in C).
#ifndef TEXTMILL_CICU_SHIM_SCALARS_H
#define TEXTMILL_CICU_SHIM_SCALARS_H
#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>

static inline UChar32 textmill_u_tolower(UChar32 c) { return u_tolower(c); }
static inline uint8_t textmill_u_getCombiningClass(UChar32 c) { return u_getCombiningClass(c); }
static inline int8_t textmill_scalar_charType(UChar32 c) { return u_charType(c); }
static inline UBool textmill_scalar_hasBinaryProperty(UChar32 c, UProperty which) { return u_hasBinaryProperty(c, which); }
static inline int32_t textmill_unorm2_getDecomposition(const UNormalizer2 *n, UChar32 c, UChar *dest, int32_t capacity, UErrorCode *err) {
    return unorm2_getDecomposition(n, c, dest, capacity, err);
}
static inline UBool textmill_unorm2_isInert(const UNormalizer2 *n, UChar32 c) { return unorm2_isInert(n, c); }
static inline UChar32 textmill_unorm2_composePair(const UNormalizer2 *n, UChar32 a, UChar32 b) {
    return unorm2_composePair(n, a, b);
}
static inline const UNormalizer2 *textmill_scalar_normalizer(const char *name, UNormalization2Mode mode, UErrorCode *err) {
    return unorm2_getInstance(NULL, name, mode, err);
}
static inline int32_t textmill_scalar_script(UChar32 c) {
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(c, &err);
    return U_FAILURE(err) ? -1 : (int32_t)s;
}
#endif
