#if canImport(Glibc)
import Glibc
#endif
import Testing
import TextmillJSON
@testable import TextmillPipeline
import TextmillTestSupport
import TextmillUnicode

/// `WordBreaker`'s ASCII path against ICU's word break iterator itself, on the same input:
/// every case of Unicode's WordBreakTest.txt, every text of the bundled corpora (as is and
/// after NFKC_Casefold), and generated strings over an alphabet weighted toward the classes
/// the rules treat specially. `TEXTMILL_DIFFERENTIAL_STRINGS` sets how many strings each
/// generated test compares (default 100,000; `make fuzz-words` runs millions).
@Suite struct WordBreakerDifferentialTests {
    /// Segments as flat (start, end, status) triples.
    static func segments(_ units: [UInt16], _ each: (UnsafeBufferPointer<UInt16>, (Int, Int, Int32) -> Void) throws -> Void)
        rethrows -> [Int32]
    {
        var out: [Int32] = []
        try units.withUnsafeBufferPointer { text in
            try each(text) { start, end, status in out += [Int32(start), Int32(end), status] }
        }
        return out
    }

    static func icu(_ units: [UInt16], _ iterator: BreakIterator) throws -> [Int32] {
        try segments(units) { try iterator.forEachSegment(in: $0, $1) }
    }

    static func breaker(_ units: [UInt16], _ breaker: WordBreaker) throws -> [Int32] {
        try segments(units) { try breaker.forEachSegment(in: $0, $1) }
    }

    static func asciiPath(_ units: [UInt16]) -> [Int32] {
        segments(units) { ASCIIWordBreaks.forEachSegment(in: $0, 0..<$0.count, $1) }
    }

    static var stringCount: Int {
        getenv("TEXTMILL_DIFFERENTIAL_STRINGS").flatMap { Int(String(cString: $0)) } ?? 100_000
    }

    /// ASCII pieces, weighted toward letters, digits and the characters that join or stand
    /// between them (`.`, `,`, `'`, `:`, `;`, `_`, `@`), white space and line ends.
    static let asciiAlphabet: [[UInt16]] = {
        let weighted: [(String, Int)] = [
            ("a", 6), ("Z", 3), ("e", 3), ("x", 2), ("@", 2), ("0", 4), ("7", 3), (".", 4), (",", 3), ("'", 3),
            (":", 2), (";", 2), ("_", 3), (" ", 5), ("  ", 1), ("\r", 2), ("\n", 2), ("\r\n", 2), ("\t", 2),
            ("\u{0B}", 1), ("\u{0C}", 1), ("-", 1), ("\"", 1), ("!", 1), ("?", 1), ("(", 1), ("#", 1), ("*", 1),
            ("/", 1), ("$", 1), ("%", 1), ("^", 1), ("`", 1), ("~", 1), ("\u{7F}", 1), ("\u{1}", 1), ("\u{0}", 1),
        ]
        return weighted.flatMap { piece, weight in Array(repeating: Array(piece.utf16), count: weight) }
    }()

    /// Non-ASCII pieces that interact with ASCII neighbours: Extend, Format and ZWJ (WB4),
    /// other white space (WB3d), other line ends, letters, digits and MidNumLet of other
    /// scripts, dictionary scripts, emoji, lone surrogates.
    static let otherPieces: [[UInt16]] = [
        "\u{301}", "\u{308}", "\u{200D}", "\u{AD}", "\u{200B}", "\u{FEFF}", "\u{3000}", "\u{2002}", "\u{A0}",
        "\u{85}", "\u{2028}", "\u{2029}", "é", "д", "Ω", "中", "あ", "カ", "ก", "한", "٣", "๑", "’", "‘", "·",
        "\u{FE52}", "\u{FF0E}", "\u{FF1A}", "\u{FF3F}", "😀", "👍🏽", "🇺🇸", "❤️", "…",
    ].map { Array($0.utf16) } + [[0xD800], [0xDC00]]

    /// A generated string of up to 40 pieces; with `mixed`, one piece in four is non-ASCII.
    static func generate(_ random: inout MultilingualSample, mixed: Bool) -> [UInt16] {
        var units: [UInt16] = []
        for _ in 0..<Int(random.next() % 41) {
            if mixed && random.next() % 4 == 0 {
                units += otherPieces[Int(random.next() % UInt64(otherPieces.count))]
            } else {
                units += asciiAlphabet[Int(random.next() % UInt64(asciiAlphabet.count))]
            }
        }
        return units
    }

    @Test func rootLocalesUseTheASCIIPathAndTailoredOnesDoNot() throws {
        for locale in ["root", "", "en", "de", "ja", "th"] {
            #expect(try WordBreaker(BreakIterator(.word, locale: locale)).usesASCIIPath, "\(locale)")
        }
        // sv and fi make ':' MidLetter; en_US_POSIX treats '.' differently.
        for locale in ["sv", "fi", "en_US_POSIX"] {
            #expect(try !WordBreaker(BreakIterator(.word, locale: locale)).usesASCIIPath, "\(locale)")
        }
        #expect(try !WordBreaker(BreakIterator(.word, locale: "root"), asciiPath: false).usesASCIIPath)
    }

    @Test func wordBreakTestCasesGiveICUsAnswer() throws {
        let iterator = try BreakIterator(.word, locale: "root")
        let breaker = try WordBreaker(BreakIterator(.word, locale: "root"))
        var asciiCases = 0
        for test in UnicodeTestFile.breakCases("WordBreakTest.txt") {
            let expected = try Self.icu(test.units, iterator)
            #expect(try Self.breaker(test.units, breaker) == expected, "line \(test.line): \(test.source)")
            if test.units.allSatisfy({ $0 < 0x80 }) {
                asciiCases += 1
                #expect(Self.asciiPath(test.units) == expected, "line \(test.line): \(test.source)")
            }
        }
        #expect(asciiCases >= 400)
    }

    @Test(arguments: Fixtures.corpusFiles + [Fixtures.path("corpora/mixed.jsonl"), Fixtures.path("corpora/faq.jsonl")])
    func corpusTextsGiveICUsAnswer(_ file: String) throws {
        let iterator = try BreakIterator(.word, locale: "root")
        let breaker = try WordBreaker(BreakIterator(.word, locale: "root"))
        let normalizer = try UnicodeNormalizer(.nfkcCasefold)
        var texts = 0
        for line in Fixtures.lines(file) {
            let record = try JSONValue.parse(line)
            for text in ["text", "q", "a"].compactMap({ record[$0]?.stringValue }) {
                var normalized: [UInt16] = []
                let units = Array(text.utf16)
                try units.withUnsafeBufferPointer { try normalizer.normalize($0, appendingTo: &normalized) }
                for candidate in [units, normalized] {
                    #expect(try Self.breaker(candidate, breaker) == Self.icu(candidate, iterator), "\(file): \(text.prefix(80))")
                }
                texts += 1
            }
        }
        #expect(texts > 0)
    }

    @Test func generatedASCIIStringsGiveICUsAnswer() throws {
        let iterator = try BreakIterator(.word, locale: "root")
        let breaker = try WordBreaker(BreakIterator(.word, locale: "root"))
        var random = MultilingualSample(seed: 15)
        var failures = 0
        for _ in 0..<Self.stringCount {
            let units = Self.generate(&random, mixed: false)
            let expected = try Self.icu(units, iterator)
            let viaBreaker = try Self.breaker(units, breaker)
            if Self.asciiPath(units) != expected || viaBreaker != expected {
                failures += 1
                if failures <= 5 { Issue.record("differs from ICU: \(units)") }
            }
        }
        #expect(failures == 0)
    }

    @Test func generatedMixedStringsGiveICUsAnswer() throws {
        let iterator = try BreakIterator(.word, locale: "root")
        let breaker = try WordBreaker(BreakIterator(.word, locale: "root"))
        var random = MultilingualSample(seed: 29)
        var failures = 0
        for _ in 0..<Self.stringCount {
            let units = Self.generate(&random, mixed: true)
            if try Self.breaker(units, breaker) != Self.icu(units, iterator) {
                failures += 1
                if failures <= 5 { Issue.record("differs from ICU: \(units)") }
            }
        }
        #expect(failures == 0)
    }
}
