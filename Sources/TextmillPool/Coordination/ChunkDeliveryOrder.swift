import TextmillDocuments

/// The bookkeeping of a bounded stream of chunks: how many are outstanding (submitted and not
/// yet delivered, finished ones waiting for their turn included, so memory stays bounded however
/// slow one chunk is) and, when ordered, which finished results may be delivered now.
struct ChunkDeliveryOrder {
    let ordered: Bool
    let maxOutstanding: Int
    private(set) var outstanding = 0
    private var waiting: [Int: ChunkResult] = [:]
    private var nextToDeliver: Int?

    init(maxOutstanding: Int, ordered: Bool) {
        self.maxOutstanding = max(1, maxOutstanding)
        self.ordered = ordered
    }

    var hasRoom: Bool { outstanding < maxOutstanding }

    /// Chunk `index` was handed to the processor.
    mutating func submitted(_ index: Int) {
        if nextToDeliver == nil { nextToDeliver = index }
        outstanding += 1
    }

    /// A chunk finished: `deliver` sees it, and every result waiting behind it, as soon as it is
    /// its turn (at once when unordered).
    mutating func finished(_ result: ChunkResult, deliver: (ChunkResult) throws -> Void) rethrows {
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
}
