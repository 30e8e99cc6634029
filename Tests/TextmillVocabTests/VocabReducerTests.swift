import Testing
import TextmillDocuments
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport
import TextmillVocab

/// The vocabulary map-reduce: counting, the partial wire format, spilling, merging files.
@Suite struct VocabReducerTests {
    /// The 211 sample documents' feature lists from the parity fixtures.
    static let featureLists: [[String]] = try! Fixtures.lines(Fixtures.path("Tests/Fixtures/parity/hashing.jsonl"))
        .map { try JSONValue.parse($0) }
        .filter { $0["config"]?["n_features"]?.intValue == 16 && ($0["id"]?.intValue ?? 0) < 10000 }
        .map { $0["features"]!.arrayValue!.map { $0.stringValue! } }

    static func counts(_ lists: ArraySlice<[String]>) -> TermCounts {
        var counts = TermCounts()
        for list in lists {
            var terms = TermList()
            for t in list { terms.append(utf8: Array(t.utf8)) }
            counts.addDocument(terms)
        }
        return counts
    }

    static func reduce(chunks: Int, spillLimit: Int = 1 << 30) throws -> VocabReducer {
        let reducer = VocabReducer(spillLimit: spillLimit, spillDirectory: TextmillBinary.temporaryDirectory())
        let size = (featureLists.count + chunks - 1) / chunks
        for start in stride(from: 0, to: featureLists.count, by: size) {
            let part = counts(featureLists[start..<min(start + size, featureLists.count)])
            try reducer.add(partial: PartialCounts.encode(part))
        }
        return reducer
    }

    @Test func oneBuildReproducesTheScikitLearnVocabularyFixture() throws {
        let reducer = try Self.reduce(chunks: 1)
        let file = VocabReducer.encode(try reducer.finish(), documents: reducer.documents, fingerprint: "parity")
        #expect(file == Fixtures.read(Fixtures.path("Tests/Fixtures/parity/tfidf-vocab.tsv")))
    }

    @Test func chunkingAndSpillingDoNotChangeTheResult() throws {
        let whole = try Self.reduce(chunks: 1).finish()
        #expect(whole.count == 1085)
        let chunked = try Self.reduce(chunks: 17)
        #expect(try chunked.finish() == whole)
        // A limit of 50 distinct terms in memory: dozens of sorted runs on disk, same answer.
        let spilled = try Self.reduce(chunks: 17, spillLimit: 50)
        #expect(spilled.spills > 10)
        #expect(try spilled.finish() == whole)
        #expect(spilled.documents == 211)
    }

    @Test func minCountAndMaxSizePruneOnlyAtTheEnd() throws {
        let whole = try Self.reduce(chunks: 1).finish()
        let pruned = try Self.reduce(chunks: 9, spillLimit: 40).finish(minCount: 3, maxSize: 20)
        #expect(pruned == Array(whole.filter { $0.count >= 3 }.prefix(20)))
        #expect(try Self.reduce(chunks: 3).finish(minCount: 1000).isEmpty)
    }

    @Test func mergingVocabularyFilesEqualsOneBuild() throws {
        let one = try Self.reduce(chunks: 1)
        let expected = VocabReducer.encode(try one.finish(), documents: one.documents, fingerprint: "f")
        // Three "machines", each writing its own vocabulary file.
        let merged = VocabReducer(spillLimit: 100, spillDirectory: TextmillBinary.temporaryDirectory())
        for range in [0..<70, 70..<71, 71..<211] {
            let part = VocabReducer(spillLimit: 1 << 30)
            try part.add(partial: PartialCounts.encode(Self.counts(Self.featureLists[range])))
            let file = VocabReducer.encode(try part.finish(), documents: part.documents, fingerprint: "f")
            try merged.add(vocabulary: TermVocabulary(bytes: file))
        }
        #expect(VocabReducer.encode(try merged.finish(), documents: merged.documents, fingerprint: "f") == expected)
    }

    @Test func partialsCarrySkippedTerms() throws {
        var counts = TermCounts()
        var terms = TermList()
        terms.append(utf8: Array("ok".utf8))
        terms.append(utf8: Array("tab\there".utf8))
        counts.addDocument(terms)
        let bytes = PartialCounts.encode(counts)
        #expect(String(decoding: bytes, as: UTF8.self) == "#textmill-partial v1 docs=1 skipped_terms=1\nok\t1\t1\n")
        let reducer = VocabReducer()
        try reducer.add(partial: bytes)
        #expect(reducer.skippedTerms == 1 && reducer.documents == 1)
        #expect(throws: VocabReducer.ReduceError.self) { try reducer.add(partial: Array("nonsense\n".utf8)) }
    }

    /// Partials once marked error records with a leading `!`, so the term `!` (kept by presets
    /// that keep punctuation) was read as an error record: dropped, and counted as a failure.
    @Test func termsStartingWithAnExclamationMarkAreCounted() throws {
        var counts = TermCounts()
        var terms = TermList()
        terms.append(utf8: Array("!".utf8))
        terms.append(utf8: Array("!x".utf8))
        counts.addDocument(terms)
        let reducer = VocabReducer()
        try reducer.add(partial: PartialCounts.encode(counts))
        #expect(reducer.errorRecords.isEmpty)
        #expect(try reducer.finish().map { String(decoding: $0.term, as: UTF8.self) } == ["!", "!x"])
    }

    /// A map result: partials in the payload (a bisected chunk brings several, an isolated
    /// document none), error records among the records at the positions of `failures`.
    @Test func mapResultsBringPartialsAndErrorRecords() throws {
        var counts = TermCounts()
        var terms = TermList()
        terms.append(utf8: Array("ok".utf8))
        counts.addDocument(terms)
        var left = ChunkResult(
            index: 4, records: Array("{\"id\":1}\n{\"id\":2,\"error\":{}}\n".utf8), documentsOK: 1,
            failures: [DocumentFailure(position: 1, error: DocumentError(.invalidJSON, "x"))])
        left.payload = .partials([PartialCounts.encode(counts)])
        var isolated = ChunkResult(index: 0, records: Array("{\"id\":3,\"error\":{\"code\":\"worker_crashed\"}}\n".utf8),
                                   documentsOK: 0, failures: [DocumentFailure(position: 0, error: DocumentError(.workerCrashed, "x"))])
        isolated.payload = .partials([])
        let reducer = VocabReducer()
        try reducer.add(ChunkResult.joined(index: 4, left, ChunkResult.joined(index: 4, isolated, left)))
        #expect(reducer.documents == 2)
        #expect(reducer.errorRecords.map { String(decoding: $0, as: UTF8.self) }
            == [#"{"id":2,"error":{}}"#, #"{"id":3,"error":{"code":"worker_crashed"}}"#, #"{"id":2,"error":{}}"#])
        #expect(try reducer.finish() == [VocabReducer.Row(term: Array("ok".utf8), count: 2, df: 2)])
        let records = ChunkResult(index: 0, records: Array("{}\n".utf8), documentsOK: 1, failures: [])
        #expect(throws: VocabReducer.ReduceError.self) { try reducer.add(records) }
    }
}
