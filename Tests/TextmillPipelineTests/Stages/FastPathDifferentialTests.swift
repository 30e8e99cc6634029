import Testing
import TextmillPipeline
import TextmillTestSupport
import TextmillUnicode

/// The exact shortcuts of the hot path against what they replace, on generated text: `normalize`
/// with the alignment left implicit while it is an identity against the piecewise ICU algorithm
/// with explicit origins, and against ICU's whole-text normalization; case folding (which maps
/// ASCII one for one) against a fresh runner; word types from the per-character cache against
/// `TokenType.classify` with ICU's rule status.
@Suite struct FastPathDifferentialTests {
    /// Multilingual fragments with ASCII capitals, combining marks after ASCII and lone
    /// surrogates mixed in.
    static func texts(count: Int, seed: UInt64) -> [[UInt16]] {
        var sample = MultilingualSample(seed: seed)
        let extra: [[UInt16]] = [[0x41], [0x5A, 0x301], [0x61, 0x308], [0xD800], [0xDC00], [0x49, 0x307], [0x2E],
                                 [0x20, 0x301], [0x4B], [0x212A], [0x1E9E], [0x41, 0x42, 0x43], [0x3A]]
        return (0..<count).map { _ in
            var units: [UInt16] = []
            for _ in 0..<Int(sample.next() % 6 + 1) {
                if sample.next() % 3 == 0 {
                    units += extra[Int(sample.next() % UInt64(extra.count))]
                } else {
                    units += Array(sample.text(maxFragments: 6).utf16)
                }
            }
            return units
        }
    }

    /// The normalization stage's algorithm with origins written out unit by unit, as it was
    /// before the alignment could stay implicit.
    /// Checks the stage's result `a` for `units` against the piecewise reference (text and
    /// origins) and against ICU normalizing the whole text at once; returns the reference.
    @discardableResult
    static func expectNormalizedAsICU(
        _ a: Analysis, from units: [UInt16], _ normalizer: UnicodeNormalizer, _ form: UnicodeNormalizer.Form
    ) throws -> (units: [UInt16], starts: [Int32], ends: [Int32]) {
        let expected = try referenceNormalization(units, normalizer)
        #expect(a.text.units == expected.units, "\(form) \(units)")
        #expect(a.text.originStart == expected.starts, "\(form) \(units)")
        #expect(a.text.originEnd == expected.ends, "\(form) \(units)")
        var whole: [UInt16] = []
        try units.withUnsafeBufferPointer { try normalizer.normalize($0, appendingTo: &whole) }
        #expect(a.text.units == whole, "\(form) \(units)")
        return expected
    }

    static func referenceNormalization(_ units: [UInt16], _ normalizer: UnicodeNormalizer) throws
        -> (units: [UInt16], starts: [Int32], ends: [Int32])
    {
        var out: [UInt16] = [], starts: [Int32] = [], ends: [Int32] = []
        func scalarLength(_ i: Int) -> Int {
            units[i] & 0xFC00 == 0xD800 && i + 1 < units.count && units[i + 1] & 0xFC00 == 0xDC00 ? 2 : 1
        }
        func scalarValue(_ i: Int) -> UInt32 {
            scalarLength(i) == 2
                ? 0x10000 + ((UInt32(units[i]) - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00) : UInt32(units[i])
        }
        func unchanged(_ range: Range<Int>) {
            for i in range {
                out.append(units[i])
                starts.append(Int32(i))
                ends.append(Int32(i + 1))
            }
        }
        let n = units.count
        let first = try units.withUnsafeBufferPointer { try normalizer.normalizedPrefixLength($0) }
        unchanged(0..<first)
        var pos = first
        while pos < n {
            if pos > first {
                let yes = try units.withUnsafeBufferPointer {
                    try normalizer.normalizedPrefixLength(UnsafeBufferPointer(rebasing: $0[pos...]))
                }
                if yes > 0 {
                    unchanged(pos..<(pos + yes))
                    pos += yes
                    if pos == n { break }
                }
            }
            var end = pos + scalarLength(pos)
            while end < n && !normalizer.hasBoundaryBefore(scalarValue(end)) { end += scalarLength(end) }
            var piece: [UInt16] = []
            try units.withUnsafeBufferPointer {
                try normalizer.normalize(UnsafeBufferPointer(rebasing: $0[pos..<end]), appendingTo: &piece)
            }
            for u in piece {
                out.append(u)
                starts.append(Int32(pos))
                ends.append(Int32(end))
            }
            pos = end
        }
        return (out, starts, ends)
    }

    static func analysis(_ units: [UInt16]) -> Analysis {
        let a = Analysis()
        a.original.units = units
        a.begin()
        return a
    }

    @Test(arguments: UnicodeNormalizer.Form.allCases)
    func normalizationMatchesThePiecewiseAlgorithmAndICU(_ form: UnicodeNormalizer.Form) throws {
        let normalizer = try UnicodeNormalizer(form)
        let runner = try UnicodeNormalization(form: form).makeRunner()
        for units in Self.texts(count: 1500, seed: 29) {
            let a = Self.analysis(units)
            try runner.run(a)
            let expected = try Self.expectNormalizedAsICU(a, from: units, normalizer, form)
            #expect(a.text.isIdentity == (expected.starts == Array(0..<Int32(expected.units.count))
                && expected.ends == Array(1..<Int32(expected.units.count + 1))))
        }
    }

    @Test func caseFoldingWithMemoryMatchesAFreshRunner() throws {
        let warm = try CaseFolding().makeRunner()
        for units in Self.texts(count: 1500, seed: 31) {
            let a = Self.analysis(units), b = Self.analysis(units)
            try warm.run(a)
            try CaseFolding().makeRunner().run(b)
            #expect(a.text.units == b.text.units, "\(units)")
            #expect(a.text.originStart == b.text.originStart && a.text.originEnd == b.text.originEnd, "\(units)")
        }
    }

    @Test func wordTypesMatchClassifyWithICUStatus() throws {
        let runner = try WordSegmenter(locale: "root").makeRunner()
        let iterator = try BreakIterator(.word, locale: "root")
        for units in Self.texts(count: 1500, seed: 37) {
            let a = Self.analysis(units)
            try runner.run(a)
            var expected: [TokenType] = []
            try units.withUnsafeBufferPointer { text in
                try iterator.forEachSegment(in: text) { start, _, status in
                    let u = UInt32(text[start])
                    let first = u & 0xFC00 == 0xD800 && start + 1 < text.count && text[start + 1] & 0xFC00 == 0xDC00
                        ? 0x10000 + ((u - 0xD800) << 10) + (UInt32(text[start + 1]) - 0xDC00) : u
                    expected.append(TokenType.classify(ruleStatus: status, firstScalar: first))
                }
            }
            #expect(a.tokens.map(\.type) == expected, "\(units)")
        }
    }
}
