/// HF's `CTC` decoder: repeated tokens collapsed, pad removed, word delimiter to space (with cleanup).
struct CTCDecoder: HFDecoder {
    let padToken: String
    let wordDelimiter: String
    let cleanup: Bool

    func decodeChain(_ tokens: [String]) -> [String] {
        var deduped: [String] = []
        for t in tokens where deduped.last != t { deduped.append(t) }
        return deduped.compactMap { token in
            var r = token.replacingAll(padToken, with: "")
            if cleanup { r = WordPieceDecoder.cleanup(r).replacingAll(wordDelimiter, with: " ") }
            return r.isEmpty ? nil : r
        }
    }
}
