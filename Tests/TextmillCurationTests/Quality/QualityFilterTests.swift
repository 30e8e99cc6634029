import Testing
import TextmillJSON
import TextmillPipeline

/// `quality_signals` + `filter_quality` in a pipeline: datatrove's defaults, every failing test
/// a reason, thresholds configurable and switchable off.
@Suite struct QualityFilterTests {
    static let good = String(repeating: "The quick brown fox jumps over the lazy dog and runs to the river with a friend. ", count: 1)
        + "It was a sunny day. The birds sang in the trees. Children played in the park near the school. "
        + "Everyone had a good time, and they all went home happy in the evening."

    func processor(_ filter: String = #"{"type": "filter_quality"}"#) throws -> DocumentProcessor {
        try makeProcessor(stages: #"{"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}, {"type": "quality_signals"}, "# + filter,
                          fields: ["id", "quality"])
    }

    @Test func signalsAreAField() throws {
        let rec = try record(try processor(#"{"type": "filter_quality", "checks": []}"#), "One two three.")
        let q = try #require(rec["quality"])
        #expect(q["gopher_words"]?.intValue == 3)
        #expect(q["c4_sentences"]?.intValue == 1)
        #expect(q["fineweb_line_punct_ratio"]?.doubleValue == 1)
    }

    @Test func aShortRepetitiveTextFailsSeveralTests() throws {
        let rec = try record(try processor(), "buy now\nbuy now\nbuy now\nbuy now")
        let reasons = rec["rejected"]?["reasons"]?.arrayValue?.compactMap { $0.stringValue } ?? []
        for expected in ["gopher_short_doc", "gopher_enough_stop_words", "dup_line_frac", "top_2_gram", "too_few_sentences", "line_punct_ratio"] {
            #expect(reasons.contains(expected), "\(expected) in \(reasons)")
        }
        #expect(rec["rejected"]?["values"]?["gopher_words"]?.intValue == 8)
    }

    @Test func thresholdsAreConfigurableAndNullTurnsThemOff() throws {
        let text = "The cat and the dog sat with the bird. It was a sunny day and the birds sang."
        let strict = try record(try processor(#"{"type": "filter_quality", "checks": ["gopher_quality"]}"#), text)
        #expect(strict["rejected"]?["reasons"]?.arrayValue?.compactMap(\.stringValue) == ["gopher_short_doc"])
        let lenient = try record(try processor(#"{"type": "filter_quality", "checks": ["gopher_quality"], "min_doc_words": 10}"#), text)
        #expect(lenient["rejected"] == nil)
        let off = try record(try processor(#"{"type": "filter_quality", "checks": ["gopher_quality"], "min_doc_words": null}"#), text)
        #expect(off["rejected"] == nil)
    }

    @Test func resolvedConfigWritesEveryThreshold() throws {
        let config = try parseConfig(#"{"version": 1, "stages": [{"type": "words"}, {"type": "quality_signals"}, {"type": "filter_quality", "dup_line_frac": null}], "output": {"fields": ["id"]}}"#)
        let filter = try #require(config.resolved["stages"]?.arrayValue?.last)
        #expect(filter["min_doc_words"]?.doubleValue == 50)
        #expect(filter["dup_line_frac"] == .null)
        #expect(filter["char_duplicates_ratio"]?.doubleValue == 0.01)
        #expect(configError(stages: #"{"type": "filter_quality"}"#)?.contains("input field 'quality'") == true)
    }
}
