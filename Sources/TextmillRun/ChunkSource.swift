import TextmillInput

/// The chunked input of a run (a class, so the runner's closures can share it).
public final class ChunkSource {
    public var chunker: DocumentChunker<DocumentStream>
    public init(_ reader: DocumentStream, maxDocuments: Int, maxBytes: Int) {
        chunker = DocumentChunker(reader, maxDocuments: maxDocuments, maxBytes: maxBytes)
    }
}
