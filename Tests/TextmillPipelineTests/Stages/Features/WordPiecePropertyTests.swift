import Testing
import TextmillConfig
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport
import TextmillUnicode

/// Invariants of `wordpiece` and `merge_patterns` on generated hostile multilingual text.
@Suite struct WordPiecePropertyTests {
    @Test func subwordTokensAreVocabularyEntriesWithSaneOffsets() throws {
        let vocabPath = Fixtures.path("models/wordpiece/textmill-small-vocab.txt")
        let vocabulary = try WordPieceVocabulary(bytes: Fixtures.read(vocabPath))
        let processor = try makeProcessor(
            stages: #"{"type": "repair_utf8"}, {"type": "normalize", "form": "nfc"}, {"type": "wordpiece", "vocab": ""#
                + vocabPath + "\"}",
            fields: ["id", "ids", "tokens", "offsets", "special_tokens_mask"])
        var sample = MultilingualSample(seed: 42)
        for _ in 0..<400 {
            let text = sample.text()
            let r = try record(processor, text)
            let ids = r["ids"]!.arrayValue!.map { $0.intValue! }
            let tokens = r["tokens"]!.strings
            let offsets = r["offsets"]!.pairs
            #expect(ids.count == tokens.count && ids.count == offsets.count)
            #expect(tokens.first == "[CLS]" && tokens.last == "[SEP]", "\(text.debugDescription)")
            let length = text.unicodeScalars.count
            var lastStart = 0
            for k in 1..<(ids.count - 1) {
                #expect(vocabulary.token(ids[k]) == tokens[k])
                let span = offsets[k]
                #expect(span[0] < span[1] && span[1] <= length, "\(text.debugDescription) \(tokens[k]) \(span)")
                #expect(span[0] >= lastStart, "\(text.debugDescription): offsets go back at \(tokens[k])")
                lastStart = span[0]
                if tokens[k].hasPrefix("##") {
                    // A continuation starts where the previous piece of its word ended.
                    #expect(span[0] >= offsets[k - 1][1] - 1, "\(text.debugDescription) \(tokens[k])")
                }
            }
        }
    }

    @Test func mergedPatternTokensCoverTheirOriginalText() throws {
        let processor = try makeProcessor(
            stages: #"{"type": "normalize", "form": "nfkc_casefold"}, {"type": "words"}, {"type": "merge_patterns"}, "#
                + #"{"type": "filter_types", "drop": ["whitespace"]}"#)
        var sample = MultilingualSample(seed: 7)
        for _ in 0..<400 {
            let text = sample.text()
            let r = try record(processor, text)
            let offsets = r["offsets"]!.pairs
            // Starts never go back (tokens may share a span: see OffsetPropertyTests).
            var start = 0
            for span in offsets {
                #expect(span[0] >= start && span[0] < span[1], "\(text.debugDescription) \(offsets)")
                start = span[0]
            }
            for (token, span) in zip(r["tokens"]!.strings, offsets) where token.hasPrefix("https://") || token.contains("@") {
                // Normalizing the original span gives the token back (as for every token).
                #expect(try UnicodeNormalizerCheck.nfkcCasefold(slice(text, span[0], span[1])) == token, "\(text.debugDescription)")
            }
        }
    }
}

enum UnicodeNormalizerCheck {
    static func nfkcCasefold(_ s: String) throws -> String {
        try TextmillUnicode.UnicodeNormalizer(.nfkcCasefold).normalize(s)
    }
}
