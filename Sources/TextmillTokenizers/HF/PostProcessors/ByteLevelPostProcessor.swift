/// HF's `ByteLevel` post-processor: only trims spaces out of the offsets (when `trim_offsets`).
struct ByteLevelPostProcessor: HFPostProcessor {
    let trimOffsets: Bool
    let addPrefixSpace: Bool

    func addedTokens(isPair: Bool) -> Int { 0 }

    func process(_ encoding: inout TokenEncoding, addSpecialTokens: Bool, spaces: TokenSpaces) {
        if trimOffsets { spaces.trimOffsets(&encoding, addPrefixSpace: addPrefixSpace) }
    }
}
