import TextmillDocuments

/// One chunk on its way through the pool, with what it has suffered so far.
///
/// A chunk whose worker dies is sent again; when it has used up its retries it is bisected, and
/// the halves' results are spliced back together (`SplitJoin`), until each document that kills
/// workers stands alone and is given an error record.
///
/// `@unchecked Sendable`: a job is made by the submitting thread and handed to the dispatcher
/// through the pool's mutex; from then on only the dispatcher thread touches it.
final class PoolJob: @unchecked Sendable {
    let chunk: DocumentChunk
    /// Failures tolerated before bisecting (or, for a single document, isolating it).
    let retries: Int
    var failures = 0
    var lastFailure: DocumentError.Code = .workerCrashed
    var lastFailureDetail = ""
    let completion: (Result<ChunkResult, WorkerPoolError>) -> Void
    private var encodedFrame: [UInt8]?

    init(chunk: DocumentChunk, retries: Int, completion: @escaping (Result<ChunkResult, WorkerPoolError>) -> Void) {
        self.chunk = chunk
        self.retries = retries
        self.completion = completion
    }

    /// The chunk frame's bytes, encoded once however often the chunk is sent; a frame over
    /// 1 MiB is encoded again for a resend instead of being kept while the worker works on it
    /// (a huge document would otherwise be held twice until its result is in).
    var frame: [UInt8] {
        if let encodedFrame { return encodedFrame }
        let bytes = ChunkWireFormat.frame(chunk)
        if bytes.count <= Self.keptFrameBytes { encodedFrame = bytes }
        return bytes
    }

    static let keptFrameBytes = 1 << 20

    /// The two halves of this job, whose results complete it when both are in.
    func split() -> (PoolJob, PoolJob) {
        let documents = chunk.documents
        let middle = documents.count / 2
        let join = SplitJoin(index: chunk.index, completion: completion)
        func half(_ docs: ArraySlice<InputDocument>, _ side: SplitJoin.Side) -> PoolJob {
            // A half with one document gets a retry of its own: one failure could be a worker
            // killed for another reason, and an innocent document must not get an error record.
            PoolJob(chunk: DocumentChunk(index: chunk.index, documents: Array(docs)), retries: docs.count == 1 ? 1 : 0) {
                join.complete(side, $0)
            }
        }
        return (half(documents[..<middle], .left), half(documents[middle...], .right))
    }
}


/// Waits for both halves of a bisected chunk and completes the parent with their spliced result.
final class SplitJoin {
    enum Side { case left, right }
    private let index: Int
    private let completion: (Result<ChunkResult, WorkerPoolError>) -> Void
    private var left: ChunkResult?
    private var right: ChunkResult?
    private var failed = false

    init(index: Int, completion: @escaping (Result<ChunkResult, WorkerPoolError>) -> Void) {
        self.index = index
        self.completion = completion
    }

    func complete(_ side: Side, _ result: Result<ChunkResult, WorkerPoolError>) {
        guard !failed else { return }
        switch result {
        case .failure:
            failed = true
            completion(result)
            return
        case .success(let r):
            if side == .left { left = r } else { right = r }
        }
        guard let left, let right else { return }
        let joined = ChunkResult.joined(index: index, left, right)
        completion(.success(joined))
    }
}
