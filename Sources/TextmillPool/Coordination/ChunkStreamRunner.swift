import TextmillDocuments

/// Drives a stream of chunks through a processor with a bounded number outstanding, and hands
/// the results over in input order (or as they finish, when unordered).
///
/// "Outstanding" counts chunks submitted and not yet delivered, finished ones waiting in the
/// reorder buffer included, so coordinator memory stays bounded however slow one chunk is and
/// however large the input. On a `WorkerPool` the pool's dispatcher thread runs the stream
/// itself (`WorkerPool.stream`): no task, continuation or thread hand-off per chunk.
public struct ChunkStreamRunner: Sendable {
    public let processor: any ChunkProcessing
    public let maxOutstanding: Int
    public let ordered: Bool

    public init(processor: any ChunkProcessing, maxOutstanding: Int, ordered: Bool = true) {
        self.processor = processor
        self.maxOutstanding = max(1, maxOutstanding)
        self.ordered = ordered
    }

    /// Pulls chunks from `next` until it returns nil or `shouldStop` says so, then finishes the
    /// outstanding ones. `deliver` sees each result exactly once. An error from the processor
    /// (the pool could not go on) or from `next`/`deliver` ends the run and is rethrown.
    public func run(
        next: () throws -> DocumentChunk?,
        shouldStop: () -> Bool = { false },
        deliver: (ChunkResult) throws -> Void
    ) async throws {
        if let pool = processor as? WorkerPool {
            return try await withoutActuallyEscaping(next) { next in
                try await withoutActuallyEscaping(shouldStop) { shouldStop in
                    try await withoutActuallyEscaping(deliver) { deliver in
                        try await pool.stream(
                            maxOutstanding: maxOutstanding, ordered: ordered, next: next, shouldStop: shouldStop,
                            deliver: deliver)
                    }
                }
            }
        }
        let processor = self.processor
        if maxOutstanding == 1 {
            // One chunk at a time (in process): processed in this task. A child task per chunk
            // woke a thread of the pool and then this task again, two thread switches per chunk
            // (about 4 % of an in-process run's samples, in the kernel's wake-ups).
            while !shouldStop(), let chunk = try next() {
                try deliver(try await processor.process(chunk))
            }
            return
        }
        try await withThrowingTaskGroup(of: ChunkResult.self) { group in
            var order = ChunkDeliveryOrder(maxOutstanding: maxOutstanding, ordered: ordered)
            var exhausted = false
            do {
                while true {
                    if !exhausted && order.hasRoom {
                        if shouldStop() {
                            exhausted = true
                        } else if let chunk = try next() {
                            order.submitted(chunk.index)
                            group.addTask { try await processor.process(chunk) }
                            continue
                        } else {
                            exhausted = true
                        }
                    }
                    guard order.outstanding > 0 else { break }
                    guard let result = try await group.next() else { break }
                    try order.finished(result, deliver: deliver)
                }
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}
