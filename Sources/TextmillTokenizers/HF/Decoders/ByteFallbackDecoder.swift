/// Runs of `<0xXX>` tokens back to text: valid UTF-8 as one token, otherwise one U+FFFD per byte.
struct ByteFallbackDecoder: HFDecoder {
    func decodeChain(_ tokens: [String]) -> [String] {
        var out: [String] = []
        var pending: [UInt8] = []
        func flush() {
            if pending.isEmpty { return }
            if let s = String(validating: pending, as: UTF8.self) {
                out.append(s)
            } else {
                out.append(contentsOf: repeatElement("\u{FFFD}", count: pending.count))
            }
            pending.removeAll()
        }
        for token in tokens {
            let u = Array(token.utf8)
            if u.count == 6, token.hasPrefix("<0x"), token.hasSuffix(">"),
               let b = UInt8(String(decoding: u[3 ..< 5], as: UTF8.self), radix: 16) {
                pending.append(b)
            } else {
                flush()
                out.append(token)
            }
        }
        flush()
        return out
    }
}
