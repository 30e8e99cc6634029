import TextmillUnicode

/// A hand-written matcher for GPT-2's pre-tokenization regex, the one HF's ByteLevel pre-tokenizer runs
/// (with Oniguruma): `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
/// Alternatives are tried in order at each position, as a backtracking engine does; `\s` is White_Space.
/// Linear time, no recursion.
enum GPT2PieceScanner {
    private enum Class: UInt8 { case letter, number, space, other }

    @inline(__always)
    private static func classify(_ c: UInt32) -> Class {
        if c < 0x80 {
            if (0x61...0x7A).contains(c) || (0x41...0x5A).contains(c) { return .letter }
            if (0x30...0x39).contains(c) { return .number }
            if c == 0x20 || (0x09...0x0D).contains(c) { return .space }
            return .other
        }
        let cat = ScalarProperties.category(c)
        if (1...5).contains(cat) { return .letter }
        if (9...11).contains(cat) { return .number }
        if ScalarProperties.isWhitespace(c) { return .space }
        return .other
    }

    /// Appends the matched pieces of `s` as ranges (every character is covered: the pattern matches anything).
    static func pieces(_ s: UnsafeBufferPointer<UInt32>, into out: inout [Range<Int>]) {
        let n = s.count
        var i = 0
        while i < n {
            let c = s[i]
            // 'xx contractions.
            if c == 0x27, i + 1 < n {
                let a = s[i + 1]
                if a == 0x73 || a == 0x74 || a == 0x6D || a == 0x64 { out.append(i ..< i + 2); i += 2; continue }
                if i + 2 < n {
                    let b = s[i + 2]
                    if (a == 0x72 && b == 0x65) || (a == 0x76 && b == 0x65) || (a == 0x6C && b == 0x6C) {
                        out.append(i ..< i + 3); i += 3; continue
                    }
                }
            }
            var start = i
            var k = classify(c)
            if c == 0x20, i + 1 < n {
                let next = classify(s[i + 1])
                if next != .space { start = i; i += 1; k = next }
            }
            switch k {
            case .letter, .number, .other:
                var j = i + 1
                while j < n && classify(s[j]) == k { j += 1 }
                out.append(start ..< j)
                i = j
            case .space:
                var j = i + 1
                while j < n && classify(s[j]) == .space { j += 1 }
                if j < n && j - 1 > i {
                    // \s+(?!\S): leave the last space for the next piece (` ?\p{L}+` etc.).
                    out.append(i ..< j - 1)
                    i = j - 1
                } else {
                    out.append(i ..< j)
                    i = j
                }
            }
        }
    }
}
