/// Joins continuation pieces (`##`), puts a space before other tokens, and optionally HF's cleanup of
/// spaces before punctuation and contractions.
struct WordPieceDecoder: HFDecoder {
    let prefix: String
    let cleanup: Bool

    func decodeChain(_ tokens: [String]) -> [String] {
        tokens.enumerated().map { i, token in
            var t = token
            if i != 0 {
                if t.hasPrefix(prefix) { t = String(t.dropFirst(prefix.count)) } else { t = " " + t }
            }
            return cleanup ? Self.cleanup(t) : t
        }
    }

    static func cleanup(_ s: String) -> String {
        var t = s
        for (a, b) in [(" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"), (" 'm", "'m"),
                       (" do not", " don't"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re")] {
            t = t.replacingAll(a, with: b)
        }
        return t
    }
}

extension String {
    /// Non-overlapping left-to-right replacement (Rust's `str::replace`), on Unicode scalars.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let s = Array(unicodeScalars), n = Array(target.unicodeScalars)
        if n.isEmpty || s.count < n.count { return self }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if i + n.count <= s.count, Array(s[i ..< i + n.count]) == n {
                out.append(contentsOf: replacement.unicodeScalars)
                i += n.count
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }
}
