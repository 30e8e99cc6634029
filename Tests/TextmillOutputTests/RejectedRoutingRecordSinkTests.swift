import Testing
import TextmillDocuments
import TextmillOutput
import TextmillTestSupport

/// Rejected records (first bytes `{"rejected":{"reasons":[`) leave the main output for their own
/// file, in order, while error records keep being routed by position.
@Suite struct RejectedRoutingRecordSinkTests {
    func text(_ path: String) -> String { String(decoding: Fixtures.read(path), as: UTF8.self) }

    static let chunk = """
        {"id":1,"tokens":[]}
        {"rejected":{"reasons":["language","language_score"],"values":{"language":"en"},"file":"a","line":2},"id":2}
        {"id":3,"error":{"code":"invalid_json"}}
        {"rejected":{"reasons":["gopher_short_doc"],"values":{"gopher_words":3},"file":"a","line":4},"id":4}
        {"id":5,"tokens":["rejected"]}

        """

    @Test func rejectedRecordsAreFoundWithTheirReasons() {
        var found: [(Int, [String])] = []
        RejectedRoutingRecordSink.forEachRejected(in: Array(Self.chunk.utf8), failedPositions: [2]) { found.append(($0, $1)) }
        #expect(found.map(\.0) == [1, 3])
        #expect(found.map(\.1) == [["language", "language_score"], ["gopher_short_doc"]])
    }

    @Test func routedToTheirFileWithErrorsStillRoutedByPosition() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let sink = try makeRecordSink(.file(dir + "/out.jsonl"), errors: dir + "/errors.jsonl", rejected: dir + "/rejected.jsonl")
        try sink.write(records: Array(Self.chunk.utf8), failures: [DocumentFailure(position: 2, error: DocumentError(.invalidJSON, "x"))])
        try sink.write(records: Array("{\"id\":6}\n".utf8), failures: [])
        try sink.finish()
        let lines = Self.chunk.split(separator: "\n").map(String.init)
        #expect(text(dir + "/out.jsonl") == [lines[0], lines[4], "{\"id\":6}"].joined(separator: "\n") + "\n")
        #expect(text(dir + "/errors.jsonl") == lines[2] + "\n")
        #expect(text(dir + "/rejected.jsonl") == [lines[1], lines[3]].joined(separator: "\n") + "\n")
    }
}
