import TextmillDocuments

/// A processor for servers that must never process anything (bind and refusal tests).
struct NoProcessor: ChunkProcessing {
    struct Unexpected: Error {}
    func process(_ chunk: DocumentChunk) async throws -> ChunkResult { throw Unexpected() }
}
