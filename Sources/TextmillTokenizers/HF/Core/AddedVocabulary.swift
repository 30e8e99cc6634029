import TextmillUnicode

/// HF's `AddedVocabulary` at encode time: finds added tokens in the text (leftmost-longest, non-normalized
/// ones in the original text, normalized ones after normalization), honouring `single_word`, `lstrip`
/// and `rstrip`.
struct AddedVocabulary: Sendable {
    let tokens: [AddedToken]
    /// Per pass (0: non-normalized, 1: normalized): token indices by first character, longest first.
    private let byFirst: [[UInt32: [Int]]]
    /// Per pass: bit c set when some pattern starts with ASCII character c (the per-character pre-check).
    private let asciiFirst: [(UInt64, UInt64)]
    /// Per pass: whether some pattern starts with a non-ASCII character.
    private let nonASCIIFirst: [Bool]

    init(tokens: [AddedToken]) {
        self.tokens = tokens
        var maps: [[UInt32: [Int]]] = [[:], [:]]
        for (i, t) in tokens.enumerated() where !t.pattern.isEmpty {
            maps[t.normalized ? 1 : 0][t.pattern[0], default: []].append(i)
        }
        for pass in 0 ..< 2 {
            for key in maps[pass].keys {
                maps[pass][key]!.sort { tokens[$0].pattern.count > tokens[$1].pattern.count }
            }
        }
        byFirst = maps
        asciiFirst = maps.map { map in
            var bits: (UInt64, UInt64) = (0, 0)
            for key in map.keys where key < 128 {
                if key < 64 { bits.0 |= 1 << UInt64(key) } else { bits.1 |= 1 << UInt64(key - 64) }
            }
            return bits
        }
        nonASCIIFirst = maps.map { $0.keys.contains { $0 >= 128 } }
    }

    var isEmpty: Bool { tokens.isEmpty }
    func hasPatterns(normalized: Bool) -> Bool { !byFirst[normalized ? 1 : 0].isEmpty }

    /// HF's `find_matches` on `s`: appends (range, token index or -1) pieces covering `s`.
    func findMatches(_ s: UnsafeBufferPointer<UInt32>, normalized: Bool, into out: inout [(Range<Int>, Int)]) {
        let map = byFirst[normalized ? 1 : 0]
        if s.isEmpty { out.append((0 ..< 0, -1)); return }
        if map.isEmpty { out.append((0 ..< s.count, -1)); return }
        var startOffset = 0
        var i = 0
        let n = s.count
        let bits = asciiFirst[normalized ? 1 : 0]
        let checkOthers = nonASCIIFirst[normalized ? 1 : 0]
        while i < n {
            let c = s[i]
            if c < 64 {
                if bits.0 & (1 << UInt64(c)) == 0 { i += 1; continue }
            } else if c < 128 {
                if bits.1 & (1 << UInt64(c - 64)) == 0 { i += 1; continue }
            } else if !checkOthers {
                i += 1
                continue
            }
            guard let candidates = map[c] else { i += 1; continue }
            var matched = -1
            for index in candidates {
                let p = tokens[index].pattern
                if i + p.count <= n {
                    var equal = true
                    for k in 1 ..< p.count where s[i + k] != p[k] { equal = false; break }
                    if equal { matched = index; break }
                }
            }
            if matched < 0 { i += 1; continue }
            let token = tokens[matched]
            var start = i
            var stop = i + token.pattern.count
            i = stop
            if token.singleWord {
                let startSpace = start == 0 || !ScalarProperties.isWordCharacter(s[start - 1])
                let stopSpace = stop == n || !ScalarProperties.isWordCharacter(s[stop])
                if !startSpace || !stopSpace { continue }
            }
            if token.lstrip {
                var newStart = start
                while newStart > 0 && ScalarProperties.isWhitespace(s[newStart - 1]) { newStart -= 1 }
                start = max(newStart, startOffset)
            }
            if token.rstrip {
                while stop < n && ScalarProperties.isWhitespace(s[stop]) { stop += 1 }
            }
            if startOffset < start { out.append((startOffset ..< start, -1)) }
            out.append((start ..< stop, matched))
            startOffset = stop
        }
        if startOffset != n { out.append((startOffset ..< n, -1)) }
    }
}
