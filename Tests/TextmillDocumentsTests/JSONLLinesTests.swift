import Testing
import TextmillDocuments

/// The one walk over a chunk's records: every line in order, failures by position, and the
/// typed reasons beside them.
@Suite struct JSONLLinesTests {
    func walk(_ text: String, failed: [Int] = []) -> [String] {
        let records = Array(text.utf8)
        var out: [String] = []
        JSONLLines.forEach(in: records, failedPositions: failed) { position, line, isFailed in
            out.append("\(position)\(isFailed ? "!" : "") \(String(decoding: records[line], as: UTF8.self))")
        }
        return out
    }

    @Test func linesComeInOrderWithEmptyOnesKept() {
        #expect(walk("{\"a\":1}\n\n{\"b\":2}\n") == ["0 {\"a\":1}", "1 ", "2 {\"b\":2}"])
        #expect(walk("").isEmpty)
        #expect(walk("\n") == ["0 "])
    }

    @Test func failedPositionsAreMarkedInAnyOrder() {
        #expect(walk("a\nb\nc\nd\n", failed: [3, 1]) == ["0 a", "1! b", "2 c", "3! d"])
    }

    @Test func bytesAfterTheLastNewlineAreOneMoreLine() {
        #expect(walk("a\nbc", failed: [1]) == ["0 a", "1! bc"])
    }

    @Test func longLinesAreFoundWhole() {
        let long = String(repeating: "x", count: 100_003)
        #expect(walk("\(long)\nshort\n").map(\.count) == [long.count + 2, 7])
    }

    @Test func aChunkResultGivesEachFailureItsReason() {
        let failures = [
            DocumentFailure(position: 0, error: DocumentError(.invalidJSON, "not JSON")),
            DocumentFailure(position: 2, error: DocumentError(.workerCrashed, "worker 7 crashed")),
        ]
        let result = ChunkResult(index: 0, records: Array("e0\nok\ne2\n".utf8), documentsOK: 1, failures: failures.reversed())
        #expect(result.failedPositions == [0, 2])
        var seen: [String] = []
        result.forEachLine { position, line, failure in
            seen.append("\(position) \(String(decoding: result.records[line], as: UTF8.self)) \(failure?.description ?? "-")")
        }
        #expect(seen == ["0 e0 invalid_json: not JSON", "1 ok -", "2 e2 worker_crashed: worker 7 crashed"])
    }
}
