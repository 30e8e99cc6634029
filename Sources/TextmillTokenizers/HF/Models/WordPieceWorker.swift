/// One encoder's WordPiece scratch (the prefixed lookup key and the character boundaries).
final class WordPieceWorker: HFModelWorker {
    let model: WordPieceModel
    private var key: [UInt8] = []
    private var boundaries: [Int] = []
    private var pieces: [ModelToken] = []

    init(model: WordPieceModel) { self.model = model }

    func tokenize(_ utf8: UnsafeBufferPointer<UInt8>, into tokens: inout [ModelToken]) throws {
        boundaries.removeAll(keepingCapacity: true)
        var i = 0
        while i < utf8.count { boundaries.append(i); i += BPEWorker.width(utf8[i]) }
        let charCount = boundaries.count
        boundaries.append(utf8.count)
        if charCount > model.maxInputCharsPerWord {
            tokens.append(ModelToken(id: model.unkID, start: 0, end: Int32(utf8.count)))
            return
        }
        pieces.removeAll(keepingCapacity: true)
        var startChar = 0
        let raw = UnsafeRawBufferPointer(utf8)
        while startChar < charCount {
            var endChar = charCount
            var found: UInt32? = nil
            while startChar < endChar {
                let s = boundaries[startChar], e = boundaries[endChar]
                let id: UInt32?
                if startChar > 0 {
                    key.removeAll(keepingCapacity: true)
                    key.append(contentsOf: model.prefix)
                    key.append(contentsOf: utf8[s ..< e])
                    id = key.withUnsafeBytes { model.vocabulary.lookup($0) }
                } else {
                    id = model.vocabulary.lookup(UnsafeRawBufferPointer(rebasing: raw[s ..< e]))
                }
                if let id { found = id; break }
                endChar -= 1
            }
            guard let id = found else {
                tokens.append(ModelToken(id: model.unkID, start: 0, end: Int32(utf8.count)))
                return
            }
            pieces.append(ModelToken(id: id, start: Int32(boundaries[startChar]), end: Int32(boundaries[endChar])))
            startChar = endChar
        }
        tokens.append(contentsOf: pieces)
    }
}
