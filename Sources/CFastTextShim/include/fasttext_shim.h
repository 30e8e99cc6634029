#ifndef TEXTMILL_FASTTEXT_SHIM_H
#define TEXTMILL_FASTTEXT_SHIM_H

/* A C face for fastText (C++, Debian libfasttext-dev): textmill's Swift code calls only these. */

#ifdef __cplusplus
extern "C" {
#endif

/* Loads a fastText model file (lid.176.bin, GlotLID's model.bin, any supervised model).
   Returns a handle, or NULL with a message in `error` (at most `error_capacity` bytes). */
void *tm_fasttext_load(const char *path, char *error, int error_capacity);

/* Frees a handle from tm_fasttext_load. */
void tm_fasttext_free(void *model);

/* Whether the model is supervised (has labels to predict). */
int tm_fasttext_is_supervised(const void *model);

/* The `k` most probable labels of `length` bytes of UTF-8 text, best first. Line breaks are read
   as spaces (fastText would stop at the first one). Each label is written NUL-terminated into
   its `label_capacity`-byte slot of `labels` (cut if longer), its probability into
   `probabilities`. Returns how many were written. Safe to call from several threads at once. */
int tm_fasttext_predict(const void *model, const char *utf8, int length, int k, char *labels, int label_capacity,
                        float *probabilities);

#ifdef __cplusplus
}
#endif

#endif
