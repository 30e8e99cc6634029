/// HF's Unigram: the best-scoring segmentation (Viterbi over the pieces that start at each character,
/// HF's `encode_optimized`), unknown characters scored `min_score - 10` and fused into one `unk`,
/// optionally spelled as `<0xXX>` byte tokens (`byte_fallback`).
struct UnigramModel: HFModel {
    let vocabulary: Vocabulary
    let scores: [Double]
    let unkID: UInt32?
    let byteFallback: Bool
    let byteIDs: [UInt32?]
    let minScore: Double
    /// The longest piece in bytes, which bounds the prefix search.
    let maxPieceBytes: Int

    init(_ json: HFJSON) throws {
        let items = try json.array("vocab")
        var pairs: [(String, Int)] = []
        var scores: [Double] = []
        var maxBytes = 1
        var minScore = Double.infinity
        var index: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            guard let pair = item.value.arrayValue, pair.count == 2, let piece = pair[0].stringValue,
                  let score = pair[1].doubleValue else {
                throw item.invalid("a Unigram vocab entry must be [piece, score]")
            }
            if let previous = index[piece] { pairs[previous].1 = i } else { index[piece] = pairs.count; pairs.append((piece, i)) }
            scores.append(score)
            maxBytes = max(maxBytes, piece.utf8.count)
            minScore = min(minScore, score)
        }
        let table = Vocabulary(pairs: pairs)
        vocabulary = table
        self.scores = scores
        let unk = try json.int("unk_id", default: nil)
        if let unk, unk < 0 || unk >= items.count { throw json.invalid("unk_id \(unk) is outside the vocabulary") }
        unkID = unk.map { UInt32($0) }
        let fallback = try json.bool("byte_fallback", default: false)
        byteFallback = fallback
        byteIDs = fallback ? table.byteFallbackIDs() : []
        self.minScore = minScore
        maxPieceBytes = maxBytes
    }

    var vocabularySize: Int { scores.count }
    func id(of token: String) -> UInt32? { vocabulary.id(of: token) }
    func token(of id: UInt32) -> String? { vocabulary.token(of: id) }
    func makeWorker() -> any HFModelWorker { UnigramWorker(model: self) }
}
