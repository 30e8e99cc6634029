/// One encoder's Unigram lattice buffers.
final class UnigramWorker: HFModelWorker {
    let model: UnigramModel
    private var bestScore: [Double] = []
    private var bestStart: [Int32] = []
    private var bestID: [UInt32] = []
    private var pieces: [ModelToken] = []

    init(model: UnigramModel) { self.model = model }

    func tokenize(_ utf8: UnsafeBufferPointer<UInt8>, into tokens: inout [ModelToken]) throws {
        let size = utf8.count
        if size == 0 { return }
        let raw = UnsafeRawBufferPointer(utf8)
        bestScore.removeAll(keepingCapacity: true)
        bestStart.removeAll(keepingCapacity: true)
        bestID.removeAll(keepingCapacity: true)
        bestScore.append(contentsOf: repeatElement(0, count: size + 1))
        bestStart.append(contentsOf: repeatElement(-1, count: size + 1))
        bestID.append(contentsOf: repeatElement(0, count: size + 1))
        let unkScore = model.minScore - 10.0
        var startsAt = 0
        while startsAt < size {
            let here = bestScore[startsAt]
            let charLength = BPEWorker.width(utf8[startsAt])
            var hasSingle = false
            var end = startsAt + charLength
            let limit = min(size, startsAt + model.maxPieceBytes)
            while end <= limit {
                if let id = model.vocabulary.lookup(UnsafeRawBufferPointer(rebasing: raw[startsAt ..< end])) {
                    let candidate = model.scores[Int(id)] + here
                    if bestStart[end] < 0 || candidate > bestScore[end] {
                        bestScore[end] = candidate
                        bestStart[end] = Int32(startsAt)
                        bestID[end] = id
                    }
                    if end - startsAt == charLength { hasSingle = true }
                }
                if end == size { break }
                end += BPEWorker.width(utf8[end])
            }
            if !hasSingle {
                guard let unk = model.unkID else {
                    throw TokenizerError.invalidText(message: "Unigram: an unknown character and no unk_id")
                }
                let target = startsAt + charLength
                let candidate = unkScore + here
                if bestStart[target] < 0 || candidate > bestScore[target] {
                    bestScore[target] = candidate
                    bestStart[target] = Int32(startsAt)
                    bestID[target] = unk
                }
            }
            startsAt += charLength
        }
        // Backtrack; consecutive unknown pieces fuse into one.
        pieces.removeAll(keepingCapacity: true)
        var endsAt = size
        var fusedEnd = -1
        var fusedStart = -1
        while endsAt > 0 {
            let start = Int(bestStart[endsAt])
            let id = bestID[endsAt]
            if id == model.unkID {
                if fusedEnd < 0 { fusedEnd = endsAt }
                fusedStart = start
            } else {
                if fusedEnd >= 0 { pieces.append(ModelToken(id: UInt32.max, start: Int32(fusedStart), end: Int32(fusedEnd))); fusedEnd = -1 }
                pieces.append(ModelToken(id: id, start: Int32(start), end: Int32(endsAt)))
            }
            endsAt = start
        }
        if fusedEnd >= 0 { pieces.append(ModelToken(id: UInt32.max, start: Int32(fusedStart), end: Int32(fusedEnd))) }
        // HF looks each piece's string up again: a fused unknown run is never in the vocabulary.
        for piece in pieces.reversed() {
            if piece.id != UInt32.max { tokens.append(piece); continue }
            let range = Int(piece.start) ..< Int(piece.end)
            if let id = model.vocabulary.lookup(UnsafeRawBufferPointer(rebasing: raw[range])) {
                tokens.append(ModelToken(id: id, start: piece.start, end: piece.end))
                continue
            }
            if model.byteFallback, range.allSatisfy({ model.byteIDs[Int(utf8[$0])] != nil }) {
                for b in range { tokens.append(ModelToken(id: model.byteIDs[Int(utf8[b])]!, start: piece.start, end: piece.end)) }
                continue
            }
            tokens.append(ModelToken(id: model.unkID!, start: piece.start, end: piece.end))
        }
    }
}
