import TextmillUnicode

/// HF's `AddedVocabulary` at encode time: finds added tokens in the text (leftmost-longest, non-normalized
/// ones in the original text, normalized ones after normalization), honouring `single_word`, `lstrip`
/// and `rstrip`.
struct AddedVocabulary: Sendable {
    let tokens: [AddedToken]
    /// Per pass (0: non-normalized, 1: normalized): token indices by first character, longest first.
    private let byFirst: [[UInt32: [Int]]]

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
        while i < n {
            guard let candidates = map[s[i]] else { i += 1; continue }
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
