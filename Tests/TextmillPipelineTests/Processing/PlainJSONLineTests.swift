import Testing
import TextmillConfig
import TextmillDocuments
import TextmillJSON
import TextmillPipeline

/// The JSONL fast path of `DocumentProcessor` (top-level text and id, no node per value) must
/// write what the general path writes, error records included. A keep field that no record has
/// sends every line down the general path without changing its record.
@Suite struct PlainJSONLineTests {
    static let lines: [String] = [
        #"{"id": "en-1", "text": "Plain Words, 42 of them."}"#,
        #"{"id": 7, "text": "esc \"q\" \\ \n \u00e9 \ud83d\ude00 東京"}"#,
        #"{"id": -1.5e3, "text": "number id"}"#,
        #"{"text": "no id at all"}"#,
        #"{"id": "e\u0301", "text": "escaped id"}"#,
        #"{"id": {"a": [1]}, "text": "object id"}"#,
        #"{"id": null, "text": "null id"}"#,
        #"{"id": "a", "id": "b", "text": "first", "text": "second wins"}"#,
        #"{"id": "x", "meta": {"text": "nested"}}"#,
        #"{"id": "x", "text": 5}"#,
        #"{"id": "x", "text": ["a"]}"#,
        #"{"id": "x", "text": "bad utf8 \#u{FFFD}"}"#,
        #"{"id": "x", "text": "unterminated"#,
        #"["not", "an", "object"]"#,
        #"{"id": "x", "text": "trailing"} x"#,
        #"{"t\u0065xt": "escaped key", "id": 3}"#,
        #""#,
    ]

    static func processor(keep: [String]) throws -> DocumentProcessor {
        let json = #"{"version": 1, "name": "t", "stages": [{"type": "normalize", "form": "nfkc_casefold"}, {"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}], "output": {"fields": ["id", "tokens", "offsets"]}}"#
        let config = try PipelineConfig.parse(Array(json.utf8), path: "inline.json")
        return try DocumentProcessor(pipeline: config.pipeline, fields: InputFields(keepFields: keep))
    }

    @Test func fastPathWritesWhatTheGeneralPathWrites() throws {
        let fast = try Self.processor(keep: [])
        let general = try Self.processor(keep: ["no_record_has_this"])
        var lines = Self.lines.map { Array($0.utf8) }
        lines.append(Array(#"{"id": "x", "text": "raw invalid "#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))
        for (n, line) in lines.enumerated() {
            let document = InputDocument(locator: DocumentLocator(source: "in.jsonl", line: n + 1), payload: .jsonLine(line))
            var a = JSONWriter(), b = JSONWriter()
            let okA = fast.process(document, into: &a)
            let okB = general.process(document, into: &b)
            #expect(okA == okB && a.bytes == b.bytes,
                    "\(String(decoding: line, as: UTF8.self)): \(String(decoding: a.bytes, as: UTF8.self)) vs \(String(decoding: b.bytes, as: UTF8.self))")
        }
    }
}
