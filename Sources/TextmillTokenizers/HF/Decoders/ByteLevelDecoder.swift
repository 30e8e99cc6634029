/// Byte characters back to bytes (tokens with a character outside the alphabet stay as their UTF-8),
/// all tokens as one string with invalid UTF-8 replaced by U+FFFD.
struct ByteLevelDecoder: HFDecoder {
    func decodeChain(_ tokens: [String]) -> [String] {
        var bytes: [UInt8] = []
        for token in tokens {
            var tokenBytes: [UInt8] = []
            var ok = true
            for s in token.unicodeScalars {
                let v = Int(s.value)
                if v < ByteLevelAlphabet.scalarToByte.count, ByteLevelAlphabet.scalarToByte[v] >= 0 {
                    tokenBytes.append(UInt8(ByteLevelAlphabet.scalarToByte[v]))
                } else {
                    ok = false
                    break
                }
            }
            bytes.append(contentsOf: ok ? tokenBytes : Array(token.utf8))
        }
        return [String(decoding: bytes, as: UTF8.self)]
    }
}
