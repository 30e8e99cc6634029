// The C functions of cld2_shim.h over CLD2's C++ API. No CLD2 type crosses this file's boundary.
#include "cld2_shim.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

extern "C" int tm_cld2_detect(const char *utf8, int length, const char *content_language_hint,
                              const char *language_hint, int best_effort, tm_cld2_result *result,
                              tm_cld2_chunk *chunks, int chunk_capacity) {
    CLD2::CLDHints hints = {content_language_hint, nullptr, CLD2::UNKNOWN_ENCODING,
                            language_hint ? CLD2::GetLanguageFromName(language_hint) : CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language language3[3];
    int percent3[3];
    double score3[3];
    CLD2::ResultChunkVector resultChunks;
    int textBytes = 0;
    bool reliable = false;
    int flags = best_effort ? CLD2::kCLDFlagBestEffort : 0;
    CLD2::Language top = CLD2::ExtDetectLanguageSummary(utf8, length, true, &hints, flags, language3, percent3,
                                                        score3, chunk_capacity > 0 ? &resultChunks : nullptr,
                                                        &textBytes, &reliable);
    for (int i = 0; i < 3; i++) {
        result->languages[i] = static_cast<int>(language3[i]);
        result->percents[i] = percent3[i];
        result->scores[i] = score3[i];
    }
    result->text_bytes = textBytes;
    result->reliable = reliable ? 1 : 0;
    result->chunk_count = static_cast<int>(resultChunks.size());
    for (int i = 0; i < chunk_capacity && i < static_cast<int>(resultChunks.size()); i++) {
        chunks[i].offset = resultChunks[i].offset;
        chunks[i].bytes = resultChunks[i].bytes;
        chunks[i].language = resultChunks[i].lang1;
    }
    return static_cast<int>(top);
}

extern "C" const char *tm_cld2_language_code(int language) {
    return CLD2::LanguageCode(static_cast<CLD2::Language>(language));
}

extern "C" int tm_cld2_language_from_code(const char *code) {
    return static_cast<int>(CLD2::GetLanguageFromName(code));
}

extern "C" int tm_cld2_unknown_language(void) { return static_cast<int>(CLD2::UNKNOWN_LANGUAGE); }

extern "C" const char *tm_cld2_version(void) { return CLD2::DetectLanguageVersion(); }
