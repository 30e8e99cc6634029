import Testing
import TextmillDocuments
@testable import TextmillPool

/// Typed worker results: token ids and partials cross the pipe intact, and the halves of a
/// bisected chunk join back in document order.
@Suite struct ResultPayloadTests {
    func result(_ index: Int, records: String, ok: Int, failed: [Int], payload: ChunkPayload) -> ChunkResult {
        let failures = failed.map { DocumentFailure(position: $0, error: DocumentError(.pipelineError, "document \($0)")) }
        var r = ChunkResult(index: index, records: Array(records.utf8), documentsOK: ok, failures: failures)
        r.payload = payload
        return r
    }

    @Test func tokenIDsRoundTrip() throws {
        let columns = TokenIDColumns(counts: [3, 0, 2], ids: [101, 7, 70_000, 4_000_000_000, 0])
        let sent = result(5, records: "a\nerr\nc\n", ok: 2, failed: [1], payload: .tokenIDs(columns))
        let got = try ChunkWireFormat.decodeResult(ChunkWireFormat.encode(sent))
        #expect(got.payload == .tokenIDs(columns))
        #expect(got.records == sent.records && got.failedPositions == [1] && got.index == 5)
        #expect(columns.documents.map(Array.init) == [[101, 7, 70_000], [], [4_000_000_000, 0]])
    }

    /// Dedup signatures (one per document that succeeded) keep every bit of their 64-bit hashes,
    /// and an isolated document's result (no signature) joins without shifting the others.
    @Test func dedupSignaturesRoundTripAndJoin() throws {
        let a = DocumentSignature(id: Array("\"a\"".utf8), exactHash: .max, minHash: [1, 0x8000_0000_0000_0001], shingles: [])
        let b = DocumentSignature(id: Array("7".utf8), exactHash: 0, minHash: [], shingles: [42, 43])
        let sent = result(2, records: "{\"id\":\"a\"}\nerr\n{\"id\":7}\n", ok: 2, failed: [1], payload: .signatures([a, b]))
        let got = try ChunkWireFormat.decodeResult(ChunkWireFormat.encode(sent))
        #expect(got.payload == .signatures([a, b]) && got.failures == sent.failures && got.records == sent.records)
        let isolated = result(0, records: "err\n", ok: 0, failed: [0], payload: .signatures([]))
        let joined = ChunkResult.joined(index: 2, isolated, sent)
        #expect(joined.payload == .signatures([a, b]) && joined.failedPositions == [0, 2])
    }

    @Test func emptyAndLargeIDArraysRoundTripLittleEndian() throws {
        let empty = result(0, records: "\n", ok: 1, failed: [], payload: .tokenIDs(TokenIDColumns(counts: [0], ids: [])))
        #expect(try ChunkWireFormat.decodeResult(ChunkWireFormat.encode(empty)).payload == empty.payload)
        let ids = (0..<100_003).map { UInt32(truncatingIfNeeded: $0 &* 2_654_435_761) }
        let large = result(1, records: "\n\n", ok: 2, failed: [], payload: .tokenIDs(TokenIDColumns(counts: [3, 100_000], ids: ids)))
        let encoded = ChunkWireFormat.encode(large)
        #expect(try ChunkWireFormat.decodeResult(encoded).payload == large.payload)
        // The wire is little-endian whatever the machine: the last id's bytes end the array.
        let last = ids[ids.count - 1]
        let at = encoded.count - 2 - 4
        #expect(Array(encoded[at..<at + 4]) == [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: last >> $0) })
    }

    @Test func partialsAndNoneRoundTrip() throws {
        for payload in [ChunkPayload.none, .partials([Array("x".utf8), [], Array("yz\n".utf8)])] {
            let got = try ChunkWireFormat.decodeResult(ChunkWireFormat.encode(result(1, records: "r\n", ok: 1, failed: [], payload: payload)))
            #expect(got.payload == payload)
        }
    }

    @Test func corruptCountsAreAFrameError() {
        var bytes = ChunkWireFormat.encode(
            result(0, records: "", ok: 1, failed: [], payload: .tokenIDs(TokenIDColumns(counts: [2], ids: [1, 2]))))
        // The counts claim 2 ids; make the id array claim 1 (its u32 length sits after the counts).
        let idsLengthAt = 8 + 4 + 8 + 4 + 1 + 4 + 4
        bytes[idsLengthAt] = 1
        #expect(throws: FrameError.self) { try ChunkWireFormat.decodeResult(bytes) }
    }

    @Test func bisectedHalvesJoinInOrder() {
        let left = result(0, records: "a\nb\n", ok: 1, failed: [1], payload: .tokenIDs(TokenIDColumns(counts: [2, 0], ids: [1, 2])))
        let right = result(0, records: "c\n", ok: 1, failed: [], payload: .tokenIDs(TokenIDColumns(counts: [1], ids: [3])))
        let joined = ChunkResult.joined(index: 9, left, right)
        #expect(joined.index == 9 && joined.records == Array("a\nb\nc\n".utf8))
        #expect(joined.failures == [DocumentFailure(position: 1, error: DocumentError(.pipelineError, "document 1"))])
        #expect(joined.documentsOK == 2)
        let shifted = ChunkResult.joined(index: 9, right, left)
        #expect(shifted.failures == [DocumentFailure(position: 2, error: DocumentError(.pipelineError, "document 1"))])
        #expect(joined.payload == .tokenIDs(TokenIDColumns(counts: [2, 0, 1], ids: [1, 2, 3])))
        let parts = ChunkResult.joined(
            index: 0, result(0, records: "", ok: 0, failed: [], payload: .partials([[1]])),
            result(0, records: "", ok: 0, failed: [], payload: .partials([[2]])))
        #expect(parts.payload == .partials([[1], [2]]))
    }
}
