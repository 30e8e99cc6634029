import Testing

/// Config errors of the language stages name the field and say what is wrong.
@Suite struct LanguageConfigTests {
    @Test func unknownHintIsRejected() {
        let message = configError(stages: #"{"type": "language", "hints": ["bg", "qq"]}"#)
        #expect(message?.contains("stages[0].hints[1]") == true)
    }

    @Test func missingFastTextModelIsNamed() {
        let message = configError(stages: #"{"type": "language", "model": "lid.176.bin"}"#)
        #expect(message?.contains("stages[0].model: model file") == true && message?.contains("does not exist") == true)
    }

    @Test func filterNeedsLanguageStageFirst() {
        #expect(configError(stages: #"{"type": "filter_language", "languages": ["en"]}"#)?.contains("stages[0]: filter_language's input field 'language' is made by no stage before it") == true)
        #expect(configError(stages: #"{"type": "language"}, {"type": "filter_language", "min_score": 1.5}"#)?.contains("min_score") == true)
        #expect(configError(stages: #"{"type": "language"}, {"type": "filter_language", "languages": ["en"]}"#) == nil)
    }
}
