/// HF's `BPEDecoder`: the end-of-word suffix becomes a space (nothing on the last token).
struct BPESuffixDecoder: HFDecoder {
    let suffix: String

    func decodeChain(_ tokens: [String]) -> [String] {
        tokens.enumerated().map { i, token in token.replacingAll(suffix, with: i == tokens.count - 1 ? "" : " ") }
    }
}
