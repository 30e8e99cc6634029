/// tokenizer.json's `truncation` for one sequence: at most `maxLength` tokens (template tokens included),
/// cutting the end (`Right`) or the start (`Left`).
struct HFTruncation: Sendable {
    let maxLength: Int
    let fromLeft: Bool

    init(maxLength: Int, fromLeft: Bool) {
        self.maxLength = maxLength
        self.fromLeft = fromLeft
    }

    init(_ json: HFJSON) throws {
        guard let max = try json.int("max_length", default: nil), max >= 0 else { throw json.invalid("max_length must be a non-negative integer") }
        maxLength = max
        let direction = try json.string("direction", default: "Right") ?? "Right"
        guard direction == "Right" || direction == "Left" else { throw json.invalid("unknown direction \(direction)") }
        fromLeft = direction == "Left"
        let strategy = try json.string("strategy", default: "LongestFirst") ?? "LongestFirst"
        guard ["LongestFirst", "OnlyFirst", "OnlySecond"].contains(strategy) else { throw json.invalid("unknown strategy \(strategy)") }
    }

    /// Cuts `encoding` (before post-processing) to `limit` tokens.
    static func truncate(_ encoding: inout TokenEncoding, to limit: Int, fromLeft: Bool) {
        let n = encoding.count
        guard n > limit else { return }
        let cut = n - limit
        let keep = fromLeft ? cut ..< n : 0 ..< limit
        encoding.ids = Array(encoding.ids[keep])
        if encoding.offsets.count == 2 * n { encoding.offsets = Array(encoding.offsets[2 * keep.lowerBound ..< 2 * keep.upperBound]) }
        if encoding.specialTokensMask.count == n { encoding.specialTokensMask = Array(encoding.specialTokensMask[keep]) }
        if encoding.attentionMask.count == n { encoding.attentionMask = Array(encoding.attentionMask[keep]) }
        if encoding.typeIDs.count == n { encoding.typeIDs = Array(encoding.typeIDs[keep]) }
        encoding.truncatedCount += cut
    }
}
