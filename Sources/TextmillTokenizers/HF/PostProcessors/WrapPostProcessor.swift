/// `BertProcessing` and `RobertaProcessing`: `cls` + sequence + `sep` with type ids 0; Roberta first trims
/// offsets like the byte-level processor (`trim` holds its `add_prefix_space`).
struct WrapPostProcessor: HFPostProcessor {
    let cls: UInt32
    let sep: UInt32
    let trim: Bool?

    func addedTokens(isPair: Bool) -> Int { isPair ? (trim == nil ? 3 : 4) : 2 }

    func process(_ encoding: inout TokenEncoding, addSpecialTokens: Bool, spaces: TokenSpaces) {
        if let addPrefixSpace = trim { spaces.trimOffsets(&encoding, addPrefixSpace: addPrefixSpace) }
        for i in encoding.typeIDs.indices { encoding.typeIDs[i] = 0 }
        guard addSpecialTokens else { return }
        encoding.ids.insert(cls, at: 0)
        encoding.ids.append(sep)
        if encoding.offsets.count == 2 * (encoding.ids.count - 2) {
            encoding.offsets.insert(contentsOf: [0, 0], at: 0)
            encoding.offsets.append(contentsOf: [0, 0])
        }
        encoding.specialTokensMask.insert(1, at: 0)
        encoding.specialTokensMask.append(1)
        encoding.attentionMask.insert(1, at: 0)
        encoding.attentionMask.append(1)
        encoding.typeIDs.insert(0, at: 0)
        encoding.typeIDs.append(0)
    }
}
