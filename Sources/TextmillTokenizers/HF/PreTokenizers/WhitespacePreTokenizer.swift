import TextmillUnicode

/// HF's `Whitespace`: the matches of `\w+|[^\w\s]+` (Rust regex, Unicode classes) become the splits;
/// whitespace is dropped. Scanned by hand: word runs and runs of other non-space characters.
struct WhitespacePreTokenizer: HFPreTokenizer {
    func preTokenize(_ workspace: HFWorkspace) throws {
        workspace.pre.split(behavior: .removed) { scalars, out in
            if scalars.isEmpty { out.append(PatternMatch(0, 0, true)); return }
            var previous = 0
            var i = 0
            let n = scalars.count
            while i < n {
                let c = scalars[i]
                let word = ScalarProperties.isWordCharacter(c)
                if !word && ScalarProperties.isWhitespace(c) { i += 1; continue }
                var j = i + 1
                if word {
                    while j < n && ScalarProperties.isWordCharacter(scalars[j]) { j += 1 }
                } else {
                    while j < n && !ScalarProperties.isWordCharacter(scalars[j]) && !ScalarProperties.isWhitespace(scalars[j]) { j += 1 }
                }
                // Inverted pattern: the regex matches are kept (false), the gaps removed (true).
                if previous != i { out.append(PatternMatch(previous, i, true)) }
                out.append(PatternMatch(i, j, false))
                previous = j
                i = j
            }
            if previous != n { out.append(PatternMatch(previous, n, true)) }
        }
    }
}
