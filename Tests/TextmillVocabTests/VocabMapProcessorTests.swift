import Testing
import TextmillConfig
import TextmillDocuments
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
        InputDocument(ordinal: ordinal, locator: DocumentLocator(source: "in.jsonl", line: ordinal + 1), payload: .jsonLine(Array(line.utf8)))
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
        let partial = try PartialCounts(decoding: result.records)
        #expect(partial.documents == 2)
        #expect(partial.errorRecords.count == 1)
        let error = try JSONValue.parse(partial.errorRecords[0])
        #expect(error["error"]?["code"]?.stringValue == "invalid_json" && error["error"]?["line"]?.intValue == 2)
        let rows = partial.rows.map { "\(String(decoding: $0.term, as: UTF8.self)):\($0.count):\($0.df)" }
        #expect(rows == ["a:1:1", "a cat:1:1", "cat:3:2", "cat the:1:1", "the:2:1", "the cat:2:1"])
    }

    @Test func buildOverFilesIsIndependentOfChunkSize() throws {
        let map = try VocabMapProcessor(pipeline: pipeline(), fields: InputFields())
        var small = VocabBuild()
        small.chunkDocuments = 7
        small.spillLimit = 3000
        small.spillDirectory = TextmillBinary.temporaryDirectory()
        let a = try small.run(inputs: Fixtures.corpusFiles.prefix(2).map { $0 }) { map.processSync($0) }
        let b = try VocabBuild().run(inputs: Fixtures.corpusFiles.prefix(2).map { $0 }) { map.processSync($0) }
        #expect(a.reducer.spills > 0)
        #expect(a.documentsRead == b.documentsRead && a.reducer.documents == b.documentsRead)
        #expect(try a.reducer.finish() == b.reducer.finish())
    }
}
