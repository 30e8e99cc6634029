/// Something that turns chunks of documents into finished JSONL: the in-process processor,
/// the worker-process pool, and whatever the server and the vocabulary build run on.
///
/// The contract every implementation keeps: the result holds exactly one line per input
/// document, in the chunk's order (error records included), so callers can split on `\n`, and
/// the worker pool can splice the results of a bisected chunk back together line by line
/// (`ChunkResult.joined`). What else a task returns travels in `payload`.
public protocol ChunkProcessing: Sendable {
    func process(_ chunk: DocumentChunk) async throws -> ChunkResult
}

/// A run of consecutive documents handed to one worker.
public struct DocumentChunk: Sendable {
    /// 0-based sequence number of the chunk in the input; output is reassembled in this order.
    public var index: Int
    public var documents: [InputDocument]

    public init(index: Int, documents: [InputDocument]) {
        self.index = index
        self.documents = documents
    }

    public var byteCount: Int { documents.reduce(0) { $0 + $1.byteCount } }
}

/// The finished records of one chunk.
public struct ChunkResult: Sendable {
    public var index: Int
    /// JSONL bytes: one line per document of the chunk, in order.
    public var records: [UInt8]
    /// Positions (0-based, within the chunk) of the documents whose line is an error record,
    /// so a coordinator can route error records without parsing the output.
    public var failedPositions: [Int]

    public var documentsFailed: Int { failedPositions.count }
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
            failedPositions: left.failedPositions + right.failedPositions.map { $0 + left.documentCount })
        joined.invalidSequencesReplaced = left.invalidSequencesReplaced + right.invalidSequencesReplaced
        joined.payload = .joined(left.payload, right.payload)
        return joined
    }

    public init(index: Int, records: [UInt8], documentsOK: Int, failedPositions: [Int]) {
        self.index = index
        self.records = records
        self.documentsOK = documentsOK
        self.failedPositions = failedPositions
    }
}
