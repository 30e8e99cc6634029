import TextmillJSON
/// Character n-grams inside each token, padded with one space at both ends: scikit-learn's
/// `analyzer="char_wb"`. Characters are Unicode scalars (Python `str` indices).
///
/// Per token and per length n (ascending), every window of the padded token; a padded token
/// shorter than n is emitted once, whole, and ends that token's loop (sklearn's "count a short
/// word only once"). Appends to the document's terms.
public struct CharNGrams: PipelineStage, StageDefinition {
    public static let typeName = "char_ngrams"
    public static let optionNames: [String] = ["range"]
    public let minN: Int
    public let maxN: Int

    public init(range: ClosedRange<Int>) {
        minN = range.lowerBound
        maxN = range.upperBound
    }

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init(range: try r.range("range", default: nil, limit: 32))
    }

    public var resolvedOptions: [(String, JSONValue)] { [("range", .integerPair(minN...maxN))] }

    public func makeRunner() throws -> any StageRunner { Runner(minN: minN, maxN: maxN) }

    private final class Runner: StageRunner {
        let minN: Int, maxN: Int
        var scalars: [UInt32] = []

        init(minN: Int, maxN: Int) {
            self.minN = minN
            self.maxN = maxN
        }

        func run(_ analysis: Analysis) {
            if !analysis.terms.isProduced {
                analysis.terms.removeAll()
                analysis.terms.isProduced = true
            }
            for token in analysis.tokens {
                scalars.removeAll(keepingCapacity: true)
                scalars.append(0x20)
                analysis.withUnits(of: token) { units in
                    var i = 0
                    while i < units.count {
                        let (s, len) = scalar(at: i, in: units)
                        // White space inside a token splits it, as sklearn's `split()` would.
                        scalars.append(s == 0x09 || s == 0x0A || s == 0x0D ? 0x20 : s)
                        i += len
                    }
                }
                scalars.append(0x20)
                emit(analysis)
            }
        }

        private func emit(_ analysis: Analysis) {
            // sklearn first splits on white space; a token holding spaces gives several words.
            var start = 0
            while start < scalars.count {
                while start < scalars.count && scalars[start] == 0x20 { start += 1 }
                if start >= scalars.count { break }
                var end = start
                while end < scalars.count && scalars[end] != 0x20 { end += 1 }
                emitWord(analysis, start - 1, end + 1)
                start = end
            }
        }

        /// `scalars[from..<to]` is one padded word (a space at each end).
        private func emitWord(_ analysis: Analysis, _ from: Int, _ to: Int) {
            let length = to - from
            for n in minN...maxN {
                var offset = 0
                appendTerm(analysis, from, min(from + n, to))
                while offset + n < length {
                    offset += 1
                    appendTerm(analysis, from + offset, from + offset + n)
                }
                if offset == 0 { break }
            }
        }

        @inline(__always)
        private func appendTerm(_ analysis: Analysis, _ from: Int, _ to: Int) {
            for k in from..<to { analysis.terms.appendUTF8(scalar: scalars[k]) }
            analysis.terms.endTerm()
        }
    }
}
