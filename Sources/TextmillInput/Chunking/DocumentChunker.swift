import TextmillDocuments

/// Cuts a stream of documents into chunks of at most `maxDocuments` documents or about
/// `maxBytes` bytes, whichever comes first (a single larger document is a chunk of its own).
///
/// Chunks are the unit of work for the worker pool and of ordering and resume: their indices
/// are consecutive from `firstIndex`, and `documentsRead` says where the stream stands.
public struct DocumentChunker<Reader: DocumentReader> {
    public private(set) var reader: Reader
    public let maxDocuments: Int
    public let maxBytes: Int
    private var nextIndex: Int
    private var carry: InputDocument?
    public private(set) var documentsRead = 0

    public init(_ reader: Reader, maxDocuments: Int, maxBytes: Int, firstIndex: Int = 0) {
        self.reader = reader
        self.maxDocuments = max(1, maxDocuments)
        self.maxBytes = max(1, maxBytes)
        self.nextIndex = firstIndex
    }

    /// Reads and drops the first `count` documents (for `--resume`); returns how many it skipped.
    public mutating func skip(_ count: Int) throws(InputError) -> Int {
        var skipped = 0
        while skipped < count, try reader.next() != nil { skipped += 1 }
        documentsRead += skipped
        return skipped
    }

    public mutating func next() throws(InputError) -> DocumentChunk? {
        var documents: [InputDocument] = []
        var bytes = 0
        if let carried = carry {
            documents.append(carried)
            bytes = carried.byteCount
            carry = nil
        }
        while documents.count < maxDocuments && bytes < maxBytes {
            guard let document = try reader.next() else { break }
            documentsRead += 1
            if !documents.isEmpty && bytes + document.byteCount > maxBytes {
                carry = document
                break
            }
            documents.append(document)
            bytes += document.byteCount
        }
        guard !documents.isEmpty else { return nil }
        defer { nextIndex += 1 }
        return DocumentChunk(index: nextIndex, documents: documents)
    }
}
