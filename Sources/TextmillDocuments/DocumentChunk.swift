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
