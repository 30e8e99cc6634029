/// What a worker returns besides the JSONL records, as the task running on it defines: the
/// pool moves it, splices it when it bisects a chunk, and never looks inside.
public enum ChunkPayload: Sendable, Equatable {
    /// Records only.
    case none
    /// Per-document model token ids (`run --output-format` for binary shards).
    case tokenIDs(TokenIDColumns)
    /// Task-defined mergeable partial results (the vocabulary build's term counts), one per
    /// piece of work; a bisected chunk brings back its halves' partials in order.
    case partials([[UInt8]])
    /// The dedup signature of each document that succeeded, in document order (`textmill dedup`).
    case signatures([DocumentSignature])

    /// The payload of the halves of a bisected chunk, joined: documents of `left` first.
    public static func joined(_ left: ChunkPayload, _ right: ChunkPayload) -> ChunkPayload {
        switch (left, right) {
        case (.none, .none): return .none
        case (.tokenIDs(var a), .tokenIDs(let b)):
            a.append(contentsOf: b)
            return .tokenIDs(a)
        case (.partials(let a), .partials(let b)): return .partials(a + b)
        case (.signatures(let a), .signatures(let b)): return .signatures(a + b)
        case (.none, let other), (let other, .none): return other
        default:
            // One task per pool, so the halves always carry the same kind.
            preconditionFailure("cannot join \(left) and \(right): different result kinds")
        }
    }
}
