import TextmillDocuments

/// Cuts a stream of documents into chunks of at most `maxDocuments` documents or about
/// `maxBytes` bytes, whichever comes first (a single larger document is a chunk of its own);
/// a chunk of fewer than `minBytes` bytes takes more than `maxDocuments` documents, until it
/// has `minBytes`: each chunk has a fixed cost in the coordinator (frames, pipe writes, poll
/// wake-ups, one output write), which one-word documents in 64-document chunks made the limit.
///
/// Chunks are the unit of work for the worker pool and of ordering and resume: their indices
/// are consecutive from `firstIndex`, and `documentsRead` says where the stream stands.
///
/// With `lineRuns`, JSONL lines that the reader has buffered whole are taken as runs of raw
/// bytes (`ChunkPart.lines`) instead of one document each: the chunks cut are the same, but the
/// coordinator makes no object per line (the worker pool sends the runs as they are).
public struct DocumentChunker<Reader: DocumentReader> {
    public private(set) var reader: Reader
    public let maxDocuments: Int
    public let minBytes: Int
    public let maxBytes: Int
    public let lineRuns: Bool
    private var nextIndex: Int
    private var carry: InputDocument?
    public private(set) var documentsRead = 0

    public init(
        _ reader: Reader, maxDocuments: Int, minBytes: Int = 0, maxBytes: Int, firstIndex: Int = 0, lineRuns: Bool = false
    ) {
        self.reader = reader
        self.maxDocuments = max(1, maxDocuments)
        self.minBytes = max(0, minBytes)
        self.maxBytes = max(1, maxBytes)
        self.nextIndex = firstIndex
        self.lineRuns = lineRuns
    }

    /// Reads and drops the first `count` documents (for `--resume`); returns how many it skipped.
    public mutating func skip(_ count: Int) throws(InputError) -> Int {
        var skipped = 0
        while skipped < count, try reader.next() != nil { skipped += 1 }
        documentsRead += skipped
        return skipped
    }

    public mutating func next() throws(InputError) -> DocumentChunk? {
        var parts: [ChunkPart] = []
        var count = 0
        var bytes = 0
        if let carried = carry {
            parts.append(.document(carried))
            count = 1
            bytes = carried.byteCount
            carry = nil
        }
        filling: while (count < maxDocuments || bytes < minBytes) && bytes < maxBytes {
            if lineRuns {
                switch try reader.nextLineRun(
                    maxDocuments: maxDocuments - count, minBytes: minBytes - bytes, maxBytes: maxBytes - bytes, mayExceed: count == 0)
                {
                case .run(let run):
                    parts.append(.lines(run))
                    count += run.lineCount
                    bytes += run.byteCount
                    documentsRead += run.lineCount
                    continue filling
                case .full:
                    break filling
                case .unavailable:
                    break
                }
            }
            guard let document = try reader.next() else { break }
            documentsRead += 1
            if count > 0 && bytes + document.byteCount > maxBytes {
                carry = document
                break
            }
            parts.append(.document(document))
            count += 1
            bytes += document.byteCount
        }
        guard count > 0 else { return nil }
        defer { nextIndex += 1 }
        if !lineRuns {
            return DocumentChunk(index: nextIndex, documents: parts.map { part in
                guard case .document(let document) = part else { preconditionFailure("line runs without lineRuns") }
                return document
            })
        }
        return DocumentChunk(index: nextIndex, parts: parts)
    }
}
