/// The finished records of one chunk.
public struct ChunkResult: Sendable {
    public var index: Int
    /// JSONL bytes: one line per document of the chunk, in order.
    public var records: [UInt8]
    /// The documents whose line is an error record, by ascending position, with the code and
    /// message of each, so a coordinator can route error records and a server can answer with
    /// the reason without parsing the output.
    public var failures: [DocumentFailure]

    /// The positions (0-based, within the chunk) of `failures`.
    public var failedPositions: [Int] { failures.map(\.position) }
    public var documentsFailed: Int { failures.count }
    public var documentsOK: Int
    /// Invalid UTF-8 sequences replaced by `repair_utf8` in this chunk (for the run summary).
    public var invalidSequencesReplaced = 0
    /// What the task returns besides the records (token ids, partial counts).
    public var payload = ChunkPayload.none

    public var documentCount: Int { documentsOK + documentsFailed }

    /// The results of the two halves of a bisected chunk as one result for chunk `index`.
    public static func joined(index: Int, _ left: ChunkResult, _ right: ChunkResult) -> ChunkResult {
        var joined = ChunkResult(
            index: index, records: left.records + right.records, documentsOK: left.documentsOK + right.documentsOK,
            failures: left.failures + right.failures.map {
                DocumentFailure(position: $0.position + left.documentCount, error: $0.error)
            })
        joined.invalidSequencesReplaced = left.invalidSequencesReplaced + right.invalidSequencesReplaced
        joined.payload = .joined(left.payload, right.payload)
        return joined
    }

    public init(index: Int, records: [UInt8], documentsOK: Int, failures: [DocumentFailure]) {
        self.index = index
        self.records = records
        self.documentsOK = documentsOK
        let ascending = zip(failures, failures.dropFirst()).allSatisfy { $0.position < $1.position }
        self.failures = ascending ? failures : failures.sorted { $0.position < $1.position }
    }
}
