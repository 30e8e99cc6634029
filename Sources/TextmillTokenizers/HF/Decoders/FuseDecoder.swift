/// All tokens as one.
struct FuseDecoder: HFDecoder {
    func decodeChain(_ tokens: [String]) -> [String] { [tokens.joined()] }
}
