/// Runs post-processors one after the other.
struct SequencePostProcessor: HFPostProcessor {
    let parts: [any HFPostProcessor]

    func addedTokens(isPair: Bool) -> Int { parts.reduce(0) { $0 + $1.addedTokens(isPair: isPair) } }

    func process(_ encoding: inout TokenEncoding, addSpecialTokens: Bool, spaces: TokenSpaces) {
        for part in parts { part.process(&encoding, addSpecialTokens: addSpecialTokens, spaces: spaces) }
    }
}
