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
        /// contiguous slice of it. Raw and reused: the words are written byte by byte.
        var joined: UnsafeMutablePointer<UInt8>
        var joinedCapacity = 0
        /// End of each word in `joined` (where its space is); word `i` starts at `wordEnds[i - 1] + 1`.
        var wordEnds: [Int32] = []

        /// Copies move 8 bytes at a time and may run up to 7 bytes past a slice's end: both
        /// buffers keep this much room after their last byte.
        static let slack = 8

        init(minN: Int, maxN: Int) {
            self.minN = minN
            self.maxN = maxN
            joined = .allocate(capacity: 0)
        }

        deinit { joined.deallocate() }

        /// The UTF-8 of the document's tokens into `joined`; returns its length.
        private func joinWords(_ analysis: Analysis) -> Int {
            var units = 0
            for token in analysis.tokens { units += Int(token.end) - Int(token.start) }
            // At most 3 UTF-8 bytes per UTF-16 unit, plus a space per token.
            let needed = 3 * units + analysis.tokens.count + Self.slack
            if needed > joinedCapacity {
                joined.deallocate()
                joinedCapacity = max(needed, 2 * joinedCapacity)
                joined = .allocate(capacity: joinedCapacity)
                joined.initialize(repeating: 0, count: joinedCapacity)
            }
            let out = joined
            var at = 0
            wordEnds.removeAll(keepingCapacity: true)
            analysis.text.units.withUnsafeBufferPointer { text in
                analysis.tokenText.withUnsafeBufferPointer { stored in
                    for token in analysis.tokens {
                        let source = token.isStored ? stored : text
                        var i = Int(token.start)
                        let end = Int(token.end)
                        while i < end {
                            let u = UInt32(source[i])
                            i += 1
                            if u < 0x80 {
                                out[at] = UInt8(truncatingIfNeeded: u)
                                at += 1
                                continue
                            }
                            var scalar = u
                            if u & 0xFC00 == 0xD800, i < end, source[i] & 0xFC00 == 0xDC00 {
                                scalar = 0x10000 + ((u - 0xD800) << 10) + (UInt32(source[i]) - 0xDC00)
                                i += 1
                            } else if u & 0xF800 == 0xD800 {
                                scalar = 0xFFFD  // lone surrogate, as TermList.appendUTF8 writes it
                            }
                            if scalar < 0x800 {
                                out[at] = UInt8(truncatingIfNeeded: 0xC0 | (scalar >> 6))
                                out[at + 1] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                                at += 2
                            } else if scalar < 0x10000 {
                                out[at] = UInt8(truncatingIfNeeded: 0xE0 | (scalar >> 12))
                                out[at + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
                                out[at + 2] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                                at += 3
                            } else {
                                out[at] = UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18))
                                out[at + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F))
                                out[at + 2] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
                                out[at + 3] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                                at += 4
                            }
                        }
                        wordEnds.append(Int32(at))
                        out[at] = 0x20
                        at += 1
                    }
                }
            }
            return at
        }

        func run(_ analysis: Analysis) {
            // Local copies (swapped out and back) keep dynamic exclusivity checks and
            // uniqueness checks of class properties out of the inner loops.
            var terms = TermList()
            swap(&terms, &analysis.terms)
            defer { swap(&terms, &analysis.terms) }
            if !terms.isProduced {
                terms.removeAll()
                terms.isProduced = true
            }
            _ = joinWords(analysis)
            let count = wordEnds.count
            guard count >= minN else { return }
            let top = min(maxN, count)
            // Exact sizes first, then one copy per n-gram into place: no per-append checks.
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
            var endAt = terms.ends.count
            terms.bytes.append(contentsOf: repeatElement(0, count: total + Self.slack))
            terms.ends.append(contentsOf: repeatElement(0, count: grams))
            let from = UnsafeRawPointer(joined)
            wordEnds.withUnsafeBufferPointer { ends in
                terms.bytes.withUnsafeMutableBytes { out in
                    terms.ends.withUnsafeMutableBufferPointer { termEnds in
                        let base = out.baseAddress!
                        for n in minN...top {
                            for i in 0...(count - n) {
                                let start = i == 0 ? 0 : Int(ends[i - 1]) + 1, length = Int(ends[i + n - 1]) - start
                                // 8 bytes at a time: n-grams are short, and the bytes written past
                                // this one's end are overwritten by the next (or the slack).
                                var k = 0
                                while k < length {
                                    base.storeBytes(
                                        of: from.loadUnaligned(fromByteOffset: start + k, as: UInt64.self), toByteOffset: at + k,
                                        as: UInt64.self)
                                    k += 8
                                }
                                at += length
                                termEnds[endAt] = Int32(at)
                                endAt += 1
                            }
                        }
                    }
                }
            }
            terms.bytes.removeLast(Self.slack)
        }
    }
}
