/// Runs decoders one after the other.
struct SequenceDecoder: HFDecoder {
    let parts: [any HFDecoder]

    func decodeChain(_ tokens: [String]) -> [String] {
        parts.reduce(tokens) { $1.decodeChain($0) }
    }
}
