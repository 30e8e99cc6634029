import Testing
import TextmillConfig
import TextmillDocuments
import TextmillInput
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport
import TextmillVocab

/// The map step over real documents, through the `ChunkProcessing` contract.
@Suite struct VocabMapProcessorTests {
    func pipeline() throws -> Pipeline {
        let json = #"{"version": 1, "stages": [{"type": "normalize", "form": "nfkc_casefold"}, {"type": "words"},"#
            + #" {"type": "filter_types", "drop": ["whitespace", "punctuation"]}, {"type": "ngrams", "range": [1, 2]}]}"#
        return try PipelineConfig.parse(Array(json.utf8), path: "v.json").pipeline
    }

    func document(_ ordinal: Int, _ line: String) -> InputDocument {
        InputDocument(locator: DocumentLocator(source: "in.jsonl", line: ordinal + 1), payload: .jsonLine(Array(line.utf8)))
    }

    @Test func countsTermsPerChunkAndReportsFailedDocuments() throws {
        let map = try VocabMapProcessor(pipeline: pipeline(), fields: InputFields())
        let chunk = DocumentChunk(index: 3, documents: [
            document(0, #"{"id": 1, "text": "The cat. The cat!"}"#),
            document(1, "not json"),
            document(2, #"{"id": 3, "text": "A CAT"}"#),
        ])
        let result = map.processSync(chunk)
        #expect(result.index == 3 && result.documentsOK == 2 && result.failedPositions == [1])
        // One record per document, as ChunkProcessing promises: the id, or the error record.
        let records = String(decoding: result.records, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(records.count == 4 && records[0] == #"{"id":1}"# && records[2] == #"{"id":3}"# && records[3] == "")
        let error = try JSONValue.parse(String(records[1]))
        #expect(error["error"]?["code"]?.stringValue == "invalid_json" && error["error"]?["line"]?.intValue == 2)
        guard case .partials(let partials) = result.payload, partials.count == 1 else {
            Issue.record("expected one partial, got \(result.payload)")
            return
        }
        let partial = try PartialCounts(decoding: partials[0])
        #expect(partial.documents == 2)
        let rows = partial.rows.map { "\(String(decoding: $0.term, as: UTF8.self)):\($0.count):\($0.df)" }
        #expect(rows == ["a:1:1", "a cat:1:1", "cat:3:2", "cat the:1:1", "the:2:1", "the cat:2:1"])
    }

    /// Map and reduce as `vocab build` does (DocumentStream → DocumentChunker → map → reducer),
    /// with tiny chunks and a spilling reducer against one big chunk: the same vocabulary.
    @Test func buildOverFilesIsIndependentOfChunkSize() throws {
        let map = try VocabMapProcessor(pipeline: pipeline(), fields: InputFields())
        let inputs = Array(Fixtures.corpusFiles.prefix(2))
        func build(chunkDocuments: Int, spillLimit: Int) throws -> VocabReducer {
            let reducer = VocabReducer(spillLimit: spillLimit, spillDirectory: TextmillBinary.temporaryDirectory())
            var chunker = DocumentChunker(
                try DocumentStream(paths: inputs, options: InputOptions()), maxDocuments: chunkDocuments, maxBytes: 1 << 30)
            while let chunk = try chunker.next() {
                try reducer.add(map.processSync(chunk))
            }
            return reducer
        }
        let small = try build(chunkDocuments: 7, spillLimit: 3000)
        let whole = try build(chunkDocuments: 100_000, spillLimit: 4_000_000)
        #expect(small.spills > 0 && whole.spills == 0)
        #expect(small.documents == whole.documents && whole.documents == inputs.flatMap(Fixtures.lines).count)
        #expect(try small.finish() == whole.finish())
    }
}
