/// Model token ids of a chunk's documents, back to back: `counts[i]` ids belong to document `i`
/// (an error document has none). What binary token shards are written from, so the coordinator
/// never parses JSON to get them.
public struct TokenIDColumns: Sendable, Equatable {
    public var counts: [UInt32] = []
    public var ids: [UInt32] = []

    public init(counts: [UInt32] = [], ids: [UInt32] = []) {
        self.counts = counts
        self.ids = ids
    }

    public var documentCount: Int { counts.count }

    /// Appends one document's ids.
    public mutating func append<C: Collection>(document ids: C) where C.Element == UInt32 {
        counts.append(UInt32(ids.count))
        self.ids.append(contentsOf: ids)
    }

    /// Appends the documents of `other` after these.
    public mutating func append(contentsOf other: TokenIDColumns) {
        counts.append(contentsOf: other.counts)
        ids.append(contentsOf: other.ids)
    }

    /// Each document's ids, in order.
    public var documents: [ArraySlice<UInt32>] {
        var out: [ArraySlice<UInt32>] = []
        out.reserveCapacity(counts.count)
        var start = 0
        for count in counts {
            out.append(ids[start..<start + Int(count)])
            start += Int(count)
        }
        return out
    }
}
