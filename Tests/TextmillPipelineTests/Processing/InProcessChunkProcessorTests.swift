import Testing
import TextmillConfig
import TextmillDocuments
import TextmillJSON
import TextmillPipeline

/// Chunks for binary token shards: without records, a document that succeeds leaves an empty
/// line, while error records are written in full, one line per document either way.
@Suite struct InProcessChunkProcessorTests {
    func chunk(_ lines: [String]) -> DocumentChunk {
        DocumentChunk(index: 3, documents: lines.enumerated().map { i, line in
            InputDocument(locator: DocumentLocator(source: "in.jsonl", line: i + 1), payload: .jsonLine(Array(line.utf8)))
        })
    }

    func processor(writesRecords: Bool) throws -> InProcessChunkProcessor {
        let json = #"{"version": 1, "name": "test", "stages": [{"type": "words"}], "output": {"fields": ["id", "tokens"]}}"#
        let config = try PipelineConfig.parse(Array(json.utf8), path: "inline-test-config.json")
        return try InProcessChunkProcessor(
            pipeline: config.pipeline, fields: InputFields(), collectsTokenIDs: true, writesRecords: writesRecords)
    }

    func lines(_ records: [UInt8]) -> [String] {
        String(decoding: records, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func withoutRecordsSuccessesAreEmptyLinesAndErrorsStayWhole() throws {
        let input = chunk([#"{"id":"a","text":"one two"}"#, #"{"id":"b","text":5}"#, "not json", #"{"id":"c","text":"three"}"#])
        let lean = try processor(writesRecords: false).processSync(input)
        let full = try processor(writesRecords: true).processSync(input)
        #expect(lean.failedPositions == [1, 2] && full.failures == lean.failures)
        #expect(full.failures.map(\.error.code) == [.textNotString, .invalidJSON])
        #expect(full.failures[0].error.message == "'text' is a number, not a string")
        #expect(lean.documentsOK == 2 && lean.index == 3)
        let leanLines = lines(lean.records), fullLines = lines(full.records)
        #expect(leanLines.count == 4 && fullLines.count == 4)
        #expect(leanLines[0] == "" && leanLines[3] == "")
        #expect(fullLines[0].hasPrefix(#"{"id":"a","tokens":["#))
        // The error records are the same as in a full run.
        #expect(leanLines[1] == fullLines[1] && leanLines[2] == fullLines[2])
        #expect(leanLines[1].contains("text_not_string") && leanLines[2].contains("invalid_json"))
        #expect(lean.payload == full.payload)
        guard case .tokenIDs(let columns) = lean.payload else { Issue.record("no token ids"); return }
        #expect(columns.documentCount == 4)
    }
}
