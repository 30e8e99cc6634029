/// The result of encoding one document, reused from document to document (`removeAll` keeps capacity).
/// All filled arrays have one entry per token. `offsets`, `specialTokensMask`, `attentionMask` and `typeIDs`
/// stay empty when the encoder was not asked for them (the tiktoken hot path fills `ids` only).
public struct TokenEncoding: Sendable, Equatable {
    /// Model token ids, in order.
    public var ids: [UInt32] = []
    /// Flattened `[start, end)` pairs of Unicode-scalar offsets into the original text: token `i` covers
    /// `offsets[2*i] ..< offsets[2*i+1]`. Special tokens added by a template have `[0, 0]`.
    public var offsets: [UInt32] = []
    /// 1 for special tokens (template tokens, special added tokens, padding), else 0.
    public var specialTokensMask: [UInt8] = []
    /// 1 for real tokens, 0 for padding.
    public var attentionMask: [UInt8] = []
    /// Segment ids from the post-processor template (all 0 for a single sequence).
    public var typeIDs: [UInt32] = []
    /// How many tokens truncation removed (0 when nothing was cut).
    public var truncatedCount: Int = 0

    public init() {}

    public var count: Int { ids.count }

    /// Whether `offsets` has a pair for every id.
    public var hasOffsets: Bool { offsets.count == 2 * ids.count }

    /// The offsets of token `index` as a range of scalar indices.
    public func offset(_ index: Int) -> Range<Int> {
        Int(offsets[2 * index]) ..< Int(offsets[2 * index + 1])
    }

    /// Empties every array but keeps its storage for the next document.
    public mutating func removeAll() {
        ids.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        specialTokensMask.removeAll(keepingCapacity: true)
        attentionMask.removeAll(keepingCapacity: true)
        typeIDs.removeAll(keepingCapacity: true)
        truncatedCount = 0
    }

    /// Keeps `maxLength` tokens: the first ones, or the last ones when `fromLeft`; every filled array is cut alike.
    public mutating func truncate(to maxLength: Int, fromLeft: Bool) {
        let removed = ids.count - maxLength
        guard removed > 0 else { return }
        let count = ids.count
        if offsets.count == 2 * count { if fromLeft { offsets.removeFirst(2 * removed) } else { offsets.removeLast(2 * removed) } }
        if specialTokensMask.count == count { if fromLeft { specialTokensMask.removeFirst(removed) } else { specialTokensMask.removeLast(removed) } }
        if attentionMask.count == count { if fromLeft { attentionMask.removeFirst(removed) } else { attentionMask.removeLast(removed) } }
        if typeIDs.count == count { if fromLeft { typeIDs.removeFirst(removed) } else { typeIDs.removeLast(removed) } }
        if fromLeft { ids.removeFirst(removed) } else { ids.removeLast(removed) }
        truncatedCount += removed
    }

    /// The token strings, made on demand (a `tokens` output field, `inspect`): not part of the hot path.
    public func tokens(using tokenizer: any TextTokenizer) -> [String] {
        ids.map { tokenizer.token($0) ?? "" }
    }

    /// Fills `specialTokensMask`, `attentionMask` and `typeIDs` for an encoding that has ids only
    /// (no template, no padding), asking the tokenizer which ids are special.
    public mutating func fillMasks(using tokenizer: any TextTokenizer) {
        specialTokensMask.removeAll(keepingCapacity: true)
        attentionMask.removeAll(keepingCapacity: true)
        typeIDs.removeAll(keepingCapacity: true)
        for id in ids {
            specialTokensMask.append(tokenizer.isSpecial(id) ? 1 : 0)
            attentionMask.append(1)
            typeIDs.append(0)
        }
    }
}
