import Testing
@testable import TextmillPipeline
import TextmillTestSupport
import TextmillUnicode

/// The normalization stage's ASCII shortcuts (`ASCIINormalization`) against the piecewise ICU
/// algorithm with explicit origins and against ICU's whole-text normalization, on ASCII-heavy
/// text where capitals meet combining marks, compatibility characters and line ends.
@Suite struct ASCIINormalizationTests {
    static let pieces: [[UInt16]] = [
        "a", "Q", "ABCD", "Hello", "WORLD", "x1", " ", "\n", ".", "_", "@",
        "\u{301}", "\u{30A}", "\u{334}", "\u{FF21}", "ﬁ", "ß", "Å", "\u{212B}", "é", "д", "\u{AD}", "\u{1D400}",
    ].map { Array($0.utf16) }

    @Test func prefixStopsBeforeTheUnitThatPrecedesNonASCII() {
        var units = Array("ABCDEFGH\u{301}xY".utf16)
        let n = units.withUnsafeMutableBufferPointer { ASCIINormalization.normalizePrefixInPlace($0, lowercasing: true) }
        #expect(n == 7)
        #expect(String(decoding: units, as: UTF16.self) == "abcdefgH\u{301}xY")
        var plain = Array("Hello, World! 123 @_[`{".utf16)
        let all = plain.withUnsafeMutableBufferPointer { ASCIINormalization.normalizePrefixInPlace($0, lowercasing: true) }
        #expect(all == plain.count)
        #expect(String(decoding: plain, as: UTF16.self) == "hello, world! 123 @_[`{")
        var kept = Array("Hello".utf16)
        _ = kept.withUnsafeMutableBufferPointer { ASCIINormalization.normalizePrefixInPlace($0, lowercasing: false) }
        #expect(String(decoding: kept, as: UTF16.self) == "Hello")
    }

    @Test func everyASCIIUnitLowercasesAsICUSays() throws {
        let normalizer = try UnicodeNormalizer(.nfkcCasefold)
        for u in UInt16(0)..<128 {
            var expected: [UInt16] = []
            try [u].withUnsafeBufferPointer { try normalizer.normalize($0, appendingTo: &expected) }
            #expect([ASCIINormalization.lowercased(u)] == expected, "\(u)")
            var units = [UInt16](repeating: u, count: 9)
            _ = units.withUnsafeMutableBufferPointer { ASCIINormalization.normalizePrefixInPlace($0, lowercasing: true) }
            #expect(units == [UInt16](repeating: expected[0], count: 9), "\(u)")
        }
    }

    @Test(arguments: UnicodeNormalizer.Form.allCases)
    func generatedTextMatchesThePiecewiseAlgorithmAndICU(_ form: UnicodeNormalizer.Form) throws {
        let normalizer = try UnicodeNormalizer(form)
        let runner = try UnicodeNormalization(form: form).makeRunner()
        var random = MultilingualSample(seed: 41)
        for _ in 0..<3000 {
            var units: [UInt16] = []
            for _ in 0..<Int(random.next() % 12) {
                units += Self.pieces[Int(random.next() % UInt64(random.next() % 4 == 0 ? Self.pieces.count : 11))]
            }
            let a = FastPathDifferentialTests.analysis(units)
            try runner.run(a)
            try FastPathDifferentialTests.expectNormalizedAsICU(a, from: units, normalizer, form)
        }
    }
}
