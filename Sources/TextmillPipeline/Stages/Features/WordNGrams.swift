/// Word n-grams over a range of lengths, as scikit-learn's `_word_ngrams` makes them: all
/// n-grams of the smallest length first, then the next length, each joined by one space.
///
/// They become the document's terms (for `hashing`, `tfidf`, `vocab build`); `tokens` in the
/// output stays the word list. Another n-gram stage after this one appends to the terms.
public struct WordNGrams: Featurizer {
    public let minN: Int
    public let maxN: Int
    public let typeName = "ngrams"

    public init(range: ClosedRange<Int>) {
        minN = range.lowerBound
        maxN = range.upperBound
    }

    public func makeRunner() throws -> any StageRunner { Runner(minN: minN, maxN: maxN) }

    private final class Runner: StageRunner {
        let minN: Int, maxN: Int
        /// The tokens as UTF-8, one term each: n-grams copy from here.
        var words = TermList()

        init(minN: Int, maxN: Int) {
            self.minN = minN
            self.maxN = maxN
        }

        func run(_ analysis: Analysis) {
            if !analysis.terms.isProduced {
                analysis.terms.removeAll()
                analysis.terms.isProduced = true
            }
            words.removeAll()
            for token in analysis.tokens {
                analysis.withUnits(of: token) { words.appendUTF8(of: $0) }
                words.endTerm()
            }
            let count = words.count
            guard count >= minN else { return }
            for n in minN...min(maxN, count) {
                for i in 0...(count - n) {
                    for k in i..<(i + n) {
                        if k > i { analysis.terms.bytes.append(0x20) }
                        analysis.terms.bytes.append(contentsOf: words.bytes[words.range(at: k)])
                    }
                    analysis.terms.endTerm()
                }
            }
        }
    }
}
