import TextmillJSON
/// Word n-grams over a range of lengths, as scikit-learn's `_word_ngrams` makes them: all
/// n-grams of the smallest length first, then the next length, each joined by one space.
///
/// They become the document's terms (for `hashing`, `tfidf`, `vocab build`); `tokens` in the
/// output stays the word list. Another n-gram stage after this one appends to the terms.
public struct WordNGrams: PipelineStage, StageDefinition {
    public static let typeName = "ngrams"
    public static let optionNames: [String] = ["range"]
    public let minN: Int
    public let maxN: Int

    public init(range: ClosedRange<Int>) {
        minN = range.lowerBound
        maxN = range.upperBound
    }

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init(range: try r.range("range", default: 1...2, limit: 16))
    }

    public var resolvedOptions: [(String, JSONValue)] { [("range", .integerPair(minN...maxN))] }

    public func makeRunner() throws -> any StageRunner { Runner(minN: minN, maxN: maxN) }

    private final class Runner: StageRunner {
        let minN: Int, maxN: Int
        /// The tokens as UTF-8, each followed by one space, so that every n-gram ("w1 w2") is one
        /// contiguous slice of it, copied whole.
        var joined: [UInt8] = []
        /// End of each word in `joined` (where its space is); word `i` starts at `wordEnds[i - 1] + 1`.
        var wordEnds: [Int32] = []

        init(minN: Int, maxN: Int) {
            self.minN = minN
            self.maxN = maxN
        }

        func run(_ analysis: Analysis) {
            // Local copies (swapped out and back) keep dynamic exclusivity checks and
            // uniqueness checks of class properties out of the inner loops.
            var terms = TermList()
            var joined: [UInt8] = []
            var wordEnds: [Int32] = []
            swap(&terms, &analysis.terms)
            swap(&joined, &self.joined)
            swap(&wordEnds, &self.wordEnds)
            defer {
                swap(&terms, &analysis.terms)
                swap(&joined, &self.joined)
                swap(&wordEnds, &self.wordEnds)
            }
            if !terms.isProduced {
                terms.removeAll()
                terms.isProduced = true
            }
            joined.removeAll(keepingCapacity: true)
            wordEnds.removeAll(keepingCapacity: true)
            analysis.text.units.withUnsafeBufferPointer { text in
                analysis.tokenText.withUnsafeBufferPointer { stored in
                    for token in analysis.tokens {
                        let source = token.isStored ? stored : text
                        TermList.appendUTF8(of: UnsafeBufferPointer(rebasing: source[Int(token.start)..<Int(token.end)]), to: &joined)
                        wordEnds.append(Int32(joined.count))
                        joined.append(0x20)
                    }
                }
            }
            let count = wordEnds.count
            guard count >= minN else { return }
            let top = min(maxN, count)
            // Exact size first, then one copy per n-gram into place: no per-append checks.
            var total = 0
            var grams = 0
            wordEnds.withUnsafeBufferPointer { ends in
                for n in minN...top {
                    for i in 0...(count - n) {
                        total += Int(ends[i + n - 1]) - (i == 0 ? 0 : Int(ends[i - 1]) + 1)
                    }
                    grams += count - n + 1
                }
            }
            var at = terms.bytes.count
            terms.bytes.append(contentsOf: repeatElement(0, count: total))
            terms.ends.reserveCapacity(terms.ends.count + grams)
            joined.withUnsafeBufferPointer { source in
                wordEnds.withUnsafeBufferPointer { ends in
                    terms.bytes.withUnsafeMutableBufferPointer { out in
                        // Both are nil only when nothing is copied (total == 0).
                        let base = out.baseAddress, from = source.baseAddress
                        for n in minN...top {
                            for i in 0...(count - n) {
                                let start = i == 0 ? 0 : Int(ends[i - 1]) + 1, length = Int(ends[i + n - 1]) - start
                                if length > 0 { (base! + at).update(from: from! + start, count: length) }
                                at += length
                                terms.ends.append(Int32(at))
                            }
                        }
                    }
                }
            }
        }
    }
}
