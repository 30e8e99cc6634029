import TextmillUnicode

/// Runs an ICU regex over a run of characters and reports HF-style matches (matches and the gaps between
/// them) in character units. Patterns written for Oniguruma (what HF uses) are translated first where
/// the two engines differ: `\s`/`\S` mean White_Space in Oniguruma but `[\t\n\f\r\p{Z}]` in ICU.
enum RegexSplitter {
    static func translate(_ pattern: String) -> String {
        var out = ""
        var escaped = false
        for ch in pattern {
            if escaped {
                switch ch {
                case "s": out += "\\p{White_Space}"
                case "S": out += "\\P{White_Space}"
                default: out.append("\\"); out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        if escaped { out.append("\\") }
        return out
    }

    /// Escapes a literal string for ICU (HF's `regex::escape` for string patterns).
    static func escape(_ literal: String) -> String {
        var out = ""
        for ch in literal {
            if "\\^$.|?*+()[]{}-&~#/ ".contains(ch) || ch == "\t" || ch == "\n" {
                if ch == " " { out += "\\x{20}" } else if ch == "\t" { out += "\\t" } else if ch == "\n" { out += "\\n" }
                else { out.append("\\"); out.append(ch) }
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// Appends the matches of `regex` in `scalars` (HF's `Pattern for &SysRegex`), inverted when `invert`.
    static func matches(_ regex: RegularExpression, in scalars: UnsafeBufferPointer<UInt32>, invert: Bool,
                        utf8: inout [UInt8], byteScalar: inout [Int32], into out: inout [PatternMatch]) throws {
        if scalars.isEmpty { out.append(PatternMatch(0, 0, invert)); return }
        utf8.removeAll(keepingCapacity: true)
        byteScalar.removeAll(keepingCapacity: true)
        for (i, c) in scalars.enumerated() {
            UTF8Encoding.append(c, to: &utf8)
            while byteScalar.count < utf8.count { byteScalar.append(Int32(i)) }
        }
        byteScalar.append(Int32(scalars.count))
        var previous = 0
        let map = byteScalar
        try utf8.withUnsafeBufferPointer { bytes in
            try regex.forEachMatch(in: bytes) { startByte, endByte in
                let start = Int(map[startByte])
                let end = Int(map[endByte])
                if previous != start { out.append(PatternMatch(previous, start, invert)) }
                out.append(PatternMatch(start, end, !invert))
                previous = end
            }
        }
        if previous != scalars.count { out.append(PatternMatch(previous, scalars.count, invert)) }
    }
}
