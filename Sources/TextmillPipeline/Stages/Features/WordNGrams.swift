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
        /// The tokens as UTF-8, one term each: n-grams copy from here.
        var words = TermList()

        init(minN: Int, maxN: Int) {
            self.minN = minN
            self.maxN = maxN
        }

        func run(_ analysis: Analysis) {
            // Local copies (swapped out and back) keep dynamic exclusivity checks and
            // uniqueness checks of class properties out of the inner loops.
            var terms = TermList()
            var words = TermList()
            swap(&terms, &analysis.terms)
            swap(&words, &self.words)
            defer {
                swap(&terms, &analysis.terms)
                swap(&words, &self.words)
            }
            if !terms.isProduced {
                terms.removeAll()
                terms.isProduced = true
            }
            words.removeAll()
            analysis.text.units.withUnsafeBufferPointer { text in
                for token in analysis.tokens {
                    if token.isStored {
                        analysis.withUnits(of: token) { words.appendUTF8(of: $0) }
                    } else {
                        words.appendUTF8(of: UnsafeBufferPointer(rebasing: text[Int(token.start)..<Int(token.end)]))
                    }
                    words.endTerm()
                }
            }
            let count = words.count
            guard count >= minN else { return }
            let top = min(maxN, count)
            // Exact size first, then one copy per word into place: no per-append checks.
            var total = 0
            words.ends.withUnsafeBufferPointer { ends in
                for n in minN...top {
                    for i in 0...(count - n) {
                        total += Int(ends[i + n - 1]) - (i == 0 ? 0 : Int(ends[i - 1])) + (n - 1)
                    }
                }
            }
            var at = terms.bytes.count
            terms.bytes.append(contentsOf: repeatElement(0, count: total))
            terms.ends.reserveCapacity(terms.ends.count + (minN...top).reduce(0) { $0 + count - $1 + 1 })
            words.bytes.withUnsafeBufferPointer { source in
                words.ends.withUnsafeBufferPointer { ends in
                    terms.bytes.withUnsafeMutableBufferPointer { out in
                        // Both are nil only when nothing is copied (total == 0).
                        let base = out.baseAddress, from = source.baseAddress
                        for n in minN...top {
                            for i in 0...(count - n) {
                                for k in i..<(i + n) {
                                    if k > i {
                                        base![at] = 0x20
                                        at += 1
                                    }
                                    let start = k == 0 ? 0 : Int(ends[k - 1]), length = Int(ends[k]) - start
                                    if length > 0 { (base! + at).update(from: from! + start, count: length) }
                                    at += length
                                }
                                terms.ends.append(Int32(at))
                            }
                        }
                    }
                }
            }
        }
    }
}
