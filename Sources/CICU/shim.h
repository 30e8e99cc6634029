// ICU for Swift. ICU renames every C function to a versioned symbol (ubrk_open -> ubrk_open_72)
// with macros Swift cannot see. These static inline wrappers call the unversioned names, so the
// C compiler applies the renaming and the Swift side stays version-free.
// Only TextmillUnicode imports this module (internally): see ../shared/notes/swift-icu.md for
// why ICU must not meet Foundation in one Swift module.
#ifndef TEXTMILL_CICU_SHIM_H
#define TEXTMILL_CICU_SHIM_H
#include <unicode/utypes.h>
#include <unicode/uversion.h>
#include <unicode/unorm2.h>
#include <unicode/ubrk.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>

static inline const char *textmill_u_errorName(UErrorCode code) { return u_errorName(code); }
static inline void textmill_u_getVersion(UVersionInfo info) { u_getVersion(info); }
static inline void textmill_u_getUnicodeVersion(UVersionInfo info) { u_getUnicodeVersion(info); }

// Normalization
static inline const UNormalizer2 *textmill_unorm2_getInstance(const char *name, UNormalization2Mode mode, UErrorCode *err) {
    return unorm2_getInstance(NULL, name, mode, err);
}
static inline int32_t textmill_unorm2_normalize(const UNormalizer2 *n, const UChar *src, int32_t length, UChar *dest, int32_t capacity, UErrorCode *err) {
    return unorm2_normalize(n, src, length, dest, capacity, err);
}
static inline int32_t textmill_unorm2_spanQuickCheckYes(const UNormalizer2 *n, const UChar *s, int32_t length, UErrorCode *err) {
    return unorm2_spanQuickCheckYes(n, s, length, err);
}
static inline UBool textmill_unorm2_hasBoundaryBefore(const UNormalizer2 *n, UChar32 c) {
    return unorm2_hasBoundaryBefore(n, c);
}

// Break iteration
static inline UBreakIterator *textmill_ubrk_open(UBreakIteratorType type, const char *locale, UErrorCode *err) {
    return ubrk_open(type, locale, NULL, 0, err);
}
static inline void textmill_ubrk_close(UBreakIterator *bi) { ubrk_close(bi); }
static inline void textmill_ubrk_setText(UBreakIterator *bi, const UChar *text, int32_t length, UErrorCode *err) {
    ubrk_setText(bi, text, length, err);
}
static inline int32_t textmill_ubrk_first(UBreakIterator *bi) { return ubrk_first(bi); }
static inline int32_t textmill_ubrk_next(UBreakIterator *bi) { return ubrk_next(bi); }
static inline int32_t textmill_ubrk_getRuleStatus(UBreakIterator *bi) { return ubrk_getRuleStatus(bi); }
static inline int32_t textmill_ubrk_getBinaryRules(UBreakIterator *bi, uint8_t *binaryRules, int32_t capacity, UErrorCode *err) {
    return ubrk_getBinaryRules(bi, binaryRules, capacity, err);
}

// Transliteration
static inline UTransliterator *textmill_utrans_openU(const UChar *id, int32_t idLength, UTransDirection dir, UParseError *pe, UErrorCode *err) {
    return utrans_openU(id, idLength, dir, NULL, 0, pe, err);
}
static inline void textmill_utrans_close(UTransliterator *t) { utrans_close(t); }
static inline void textmill_utrans_transUChars(const UTransliterator *t, UChar *text, int32_t *textLength, int32_t capacity, int32_t start, int32_t *limit, UErrorCode *err) {
    utrans_transUChars(t, text, textLength, capacity, start, limit, err);
}

// Case mapping
static inline int32_t textmill_u_strToLower(UChar *dest, int32_t cap, const UChar *src, int32_t len, const char *locale, UErrorCode *err) {
    return u_strToLower(dest, cap, src, len, locale, err);
}
static inline int32_t textmill_u_strToUpper(UChar *dest, int32_t cap, const UChar *src, int32_t len, const char *locale, UErrorCode *err) {
    return u_strToUpper(dest, cap, src, len, locale, err);
}
static inline int32_t textmill_u_strFoldCase(UChar *dest, int32_t cap, const UChar *src, int32_t len, uint32_t options, UErrorCode *err) {
    return u_strFoldCase(dest, cap, src, len, options, err);
}

// Character properties
static inline UBool textmill_u_hasBinaryProperty(UChar32 c, UProperty which) { return u_hasBinaryProperty(c, which); }
static inline int8_t textmill_u_charType(UChar32 c) { return u_charType(c); }
static inline UScriptCode textmill_uscript_getScript(UChar32 c, UErrorCode *err) { return uscript_getScript(c, err); }
static inline const char *textmill_uscript_getShortName(UScriptCode s) { return uscript_getShortName(s); }
static inline const char *textmill_uscript_getName(UScriptCode s) { return uscript_getName(s); }

// Regular expressions, matched on UTF-8 text through a UText (match indices are UTF-8 byte offsets)
static inline URegularExpression *textmill_uregex_open(const UChar *pattern, int32_t length, uint32_t flags, UParseError *pe, UErrorCode *err) {
    return uregex_open(pattern, length, flags, pe, err);
}
static inline URegularExpression *textmill_uregex_clone(const URegularExpression *re, UErrorCode *err) { return uregex_clone(re, err); }
static inline void textmill_uregex_close(URegularExpression *re) { uregex_close(re); }
static inline void textmill_uregex_setUText(URegularExpression *re, UText *text, UErrorCode *err) { uregex_setUText(re, text, err); }
static inline UBool textmill_uregex_findNext(URegularExpression *re, UErrorCode *err) { return uregex_findNext(re, err); }
static inline int64_t textmill_uregex_start64(URegularExpression *re, int32_t group, UErrorCode *err) { return uregex_start64(re, group, err); }
static inline int64_t textmill_uregex_end64(URegularExpression *re, int32_t group, UErrorCode *err) { return uregex_end64(re, group, err); }
static inline UText *textmill_utext_openUTF8(UText *ut, const char *s, int64_t length, UErrorCode *err) { return utext_openUTF8(ut, s, length, err); }
static inline UText *textmill_utext_close(UText *ut) { return utext_close(ut); }
#endif
