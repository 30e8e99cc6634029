import Testing
import TextmillConfig
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport
import TextmillUnicode

/// The `icu-words` preset must give exactly ICU's answer: NFKC_Casefold of the whole text, then
/// the root-locale word break iterator, keeping segments whose rule status is not UBRK_WORD_NONE.
@Suite struct ICUWordsParityTests {
    static func directICU(_ text: String, _ normalizer: UnicodeNormalizer, _ breaker: BreakIterator) throws -> [String] {
        var normalized: [UInt16] = []
        try Array(text.utf16).withUnsafeBufferPointer { try normalizer.normalize($0, appendingTo: &normalized) }
        var tokens: [String] = []
        try normalized.withUnsafeBufferPointer { buffer in
            try breaker.forEachSegment(in: buffer) { start, end, status in
                if status >= WordRuleStatus.noneLimit {
                    tokens.append(String(decoding: buffer[start..<end], as: UTF16.self))
                }
            }
        }
        return tokens
    }

    @Test(arguments: Fixtures.corpusFiles)
    func presetMatchesDirectICU(_ file: String) throws {
        let config = try PresetCatalog(directory: Fixtures.path("models")).load("icu-words")
        let processor = try DocumentProcessor(pipeline: config.pipeline)
        let normalizer = try UnicodeNormalizer(.nfkcCasefold)
        let breaker = try BreakIterator(.word, locale: "root")
        var documents = 0
        for line in Fixtures.lines(file) {
            let input = try JSONValue.parse(line)
            let text = input["text"]!.stringValue!
            let expected = try Self.directICU(text, normalizer, breaker)
            let got = try record(processor, text)["tokens"]!.strings
            if got != expected {
                let at = (0..<min(got.count, expected.count)).first { got[$0] != expected[$0] } ?? min(got.count, expected.count)
                Issue.record("\(input["id"]!.stringValue!) differs at token \(at): \(got[at...].prefix(5)) vs ICU \(expected[at...].prefix(5))")
            }
            documents += 1
        }
        #expect(documents >= 300)
    }
}
