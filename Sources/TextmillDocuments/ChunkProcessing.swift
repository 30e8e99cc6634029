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
