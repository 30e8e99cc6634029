import TextmillDocuments

/// Drives a stream of chunks through a processor with a bounded number outstanding, and hands
/// the results over in input order (or as they finish, when unordered).
///
/// "Outstanding" counts chunks submitted and not yet delivered, finished ones waiting in the
/// reorder buffer included, so coordinator memory stays bounded however slow one chunk is and
/// however large the input.
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
        let processor = self.processor
        try await withThrowingTaskGroup(of: ChunkResult.self) { group in
            var outstanding = 0
            var waiting: [Int: ChunkResult] = [:]
            var nextToDeliver: Int?
            var exhausted = false

            func accept(_ result: ChunkResult) throws {
                guard ordered else {
                    outstanding -= 1
                    return try deliver(result)
                }
                waiting[result.index] = result
                while let index = nextToDeliver, let ready = waiting.removeValue(forKey: index) {
                    outstanding -= 1
                    nextToDeliver = index + 1
                    try deliver(ready)
                }
            }

            do {
                while true {
                    if !exhausted && outstanding < maxOutstanding {
                        if shouldStop() {
                            exhausted = true
                        } else if let chunk = try next() {
                            if nextToDeliver == nil { nextToDeliver = chunk.index }
                            outstanding += 1
                            group.addTask { try await processor.process(chunk) }
                            continue
                        } else {
                            exhausted = true
                        }
                    }
                    guard outstanding > 0 else { break }
                    guard let result = try await group.next() else { break }
                    try accept(result)
                }
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}
