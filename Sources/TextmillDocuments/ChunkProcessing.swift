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
///
/// A chunker asked for raw lines keeps JSONL as `parts` (runs of lines as read, see
/// `JSONLineRun`), so the coordinator never makes an object per line; `documents` splits them
/// when a document is needed one by one (in the worker, or when the pool bisects a chunk).
public struct DocumentChunk: Sendable {
    /// 0-based sequence number of the chunk in the input; output is reassembled in this order.
    public var index: Int
    /// Number of documents in the chunk.
    public let count: Int
    private let storage: Storage

    private enum Storage: Sendable {
        case documents([InputDocument])
        case parts([ChunkPart])
    }

    public init(index: Int, documents: [InputDocument]) {
        self.index = index
        self.count = documents.count
        self.storage = .documents(documents)
    }

    public init(index: Int, parts: [ChunkPart]) {
        self.index = index
        self.count = parts.reduce(0) { $0 + $1.documentCount }
        self.storage = .parts(parts)
    }

    /// The documents, in order.
    public var documents: [InputDocument] {
        switch storage {
        case .documents(let documents):
            return documents
        case .parts(let parts):
            var documents: [InputDocument] = []
            documents.reserveCapacity(count)
            for part in parts {
                switch part {
                case .document(let document): documents.append(document)
                // A run made by the line reader always splits; an empty array would break the
                // one-line-per-document contract loudly rather than silently.
                case .lines(let run): documents.append(contentsOf: run.documents() ?? [])
                }
            }
            return documents
        }
    }

    /// The chunk's pieces in order (one `.document` per document unless it holds runs of lines).
    public var parts: [ChunkPart] {
        switch storage {
        case .documents(let documents): documents.map { .document($0) }
        case .parts(let parts): parts
        }
    }

    /// Whether the chunk holds runs of raw lines (then `parts` is the cheap view, `documents` the costly one).
    public var hasLineRuns: Bool {
        if case .parts = storage { return true }
        return false
    }

    public var byteCount: Int {
        switch storage {
        case .documents(let documents): documents.reduce(0) { $0 + $1.byteCount }
        case .parts(let parts): parts.reduce(0) { $0 + $1.byteCount }
        }
    }
}

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
