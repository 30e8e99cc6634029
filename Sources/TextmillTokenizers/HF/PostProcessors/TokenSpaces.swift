import TextmillUnicode

/// For each id, how many leading and trailing space characters (`Ġ` or White_Space) its token string has:
/// what HF's byte-level `process_offsets` trims from offsets, precomputed so the hot path needs no strings.
struct TokenSpaces: Sendable {
    var leading: [UInt8] = []
    var trailing: [UInt8] = []

    init() {}

    init(tokens: [String?]) {
        leading = [UInt8](repeating: 0, count: tokens.count)
        trailing = [UInt8](repeating: 0, count: tokens.count)
        for (id, token) in tokens.enumerated() {
            guard let token else { continue }
            let scalars = Array(token.unicodeScalars.map(\.value))
            func isSpace(_ c: UInt32) -> Bool { c == ByteLevelAlphabet.space || ScalarProperties.isWhitespace(c) }
            let lead = scalars.prefix(while: isSpace).count
            let trail = scalars.reversed().prefix(while: isSpace).count
            leading[id] = UInt8(min(lead, 255))
            trailing[id] = UInt8(min(trail, 255))
        }
    }

    /// HF's `process_offsets(encoding, add_prefix_space)`.
    func trimOffsets(_ encoding: inout TokenEncoding, addPrefixSpace: Bool) {
        guard encoding.hasOffsets else { return }
        for i in 0 ..< encoding.count {
            let id = Int(encoding.ids[i])
            guard id < leading.count else { continue }
            var lead = Int(leading[id])
            let trail = Int(trailing[id])
            if lead == 0 && trail == 0 { continue }
            var start = Int(encoding.offsets[2 * i]), end = Int(encoding.offsets[2 * i + 1])
            if lead > 0 {
                let isFirst = i == 0 || start == 0
                if isFirst && addPrefixSpace && lead == 1 { lead = 0 }
                start = min(start + lead, end)
            }
            if trail > 0 && end >= trail { end = max(end - trail, start) }
            encoding.offsets[2 * i] = UInt32(start)
            encoding.offsets[2 * i + 1] = UInt32(end)
        }
    }
}
