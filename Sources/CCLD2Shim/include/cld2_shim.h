#ifndef TEXTMILL_CLD2_SHIM_H
#define TEXTMILL_CLD2_SHIM_H

/* A C face for CLD2 (C++): textmill's Swift code calls only these functions. */

#ifdef __cplusplus
extern "C" {
#endif

/* One detection: CLD2's top three languages (its `Language` enum values), the percent of the
   text each covers and its normalized score, how many letter bytes were scored, and whether
   CLD2 deems the answer reliable. */
typedef struct {
    int languages[3];
    int percents[3];
    double scores[3];
    int text_bytes;
    int reliable;
    /* How many per-chunk results CLD2 produced (may exceed the capacity passed in). */
    int chunk_count;
} tm_cld2_result;

/* A run of the input CLD2 attributes to one language: byte offset and length in the input. */
typedef struct {
    int offset;
    int bytes;
    int language;
} tm_cld2_chunk;

/* Detects the language of `length` bytes of UTF-8 plain text. `content_language_hint` is a
   comma-separated list of codes ("bg,ru" boosts both; NULL for none); `language_hint` a code
   (NULL for none). `best_effort` asks for an answer even on short text. Up to `chunk_capacity`
   per-chunk results go to `chunks` (may be NULL when 0). Returns the top language. */
int tm_cld2_detect(const char *utf8, int length, const char *content_language_hint, const char *language_hint,
                   int best_effort, tm_cld2_result *result, tm_cld2_chunk *chunks, int chunk_capacity);

/* CLD2's code for a language ("en", "zh-Hant", "un" for unknown). */
const char *tm_cld2_language_code(int language);

/* The language for a code or name, or the unknown language's value. */
int tm_cld2_language_from_code(const char *code);

/* The unknown language's value. */
int tm_cld2_unknown_language(void);

/* CLD2's version text. */
const char *tm_cld2_version(void);

#ifdef __cplusplus
}
#endif

#endif
