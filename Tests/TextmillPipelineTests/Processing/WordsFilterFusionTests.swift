import Testing
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

/// A `words` stage directly followed by `filter_types` runs as one runner that never emits the
/// dropped types (`DocumentProcessor.makeRunners`): its records must equal those of the
/// segmenter emitting everything and a separate filter removing them.
@Suite struct WordsFilterFusionTests {
    static let dropSets: [String] = [
        #"["whitespace", "punctuation", "symbol", "emoji"]"#,  // icu-words: every none-status type
        #"["whitespace", "punctuation"]"#,
        #"["word", "number"]"#,
        #"["ideographic", "kana", "whitespace", "emoji", "symbol", "punctuation"]"#,
        #"[]"#,
    ]

    @Test(arguments: dropSets)
    func fusedRunnerWritesTheFilteredRecords(drop: String) throws {
        let fused = try makeProcessor(
            stages: #"{"type": "words"}, {"type": "filter_types", "drop": "# + drop + "}",
            fields: ["id", "tokens", "offsets", "types"])
        // The first filter drops nothing, so the segmenter emits every segment and the second
        // filter, a runner of its own, removes the dropped ones.
        let separate = try makeProcessor(
            stages: #"{"type": "words"}, {"type": "filter_types", "drop": []}, {"type": "filter_types", "drop": "#
                + drop + "}",
            fields: ["id", "tokens", "offsets", "types"])
        var sample = MultilingualSample(seed: 2026)
        for _ in 0..<600 {
            let text = sample.text(maxFragments: 8) + " 😀 ¿x? 3.5 $ ‰ "
            var a = JSONWriter(), b = JSONWriter()
            fused.process(text: text, id: .number(1, literal: "1"), into: &a)
            separate.process(text: text, id: .number(1, literal: "1"), into: &b)
            #expect(a.bytes == b.bytes, "\(text)")
        }
    }
}
