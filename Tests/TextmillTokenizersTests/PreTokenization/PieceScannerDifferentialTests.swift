import Testing
import TextmillJSON
import TextmillTestSupport
@testable import TextmillTokenizers

/// The hand-written scanners give exactly the pieces ICU's regex engine gives for the same pattern: on every
/// bundled corpus document, the parity sample, adversarial strings, and many random strings built from the
/// characters the patterns treat specially.
@Suite struct PieceScannerDifferentialTests {
    static let kinds: [(PieceScannerKind, String)] = [
        (.cl100k, TiktokenPattern.cl100kRegex), (.r50k, TiktokenPattern.r50kRegex), (.o200k, TiktokenPattern.o200kRegex),
    ]

    /// First difference between the scanner and ICU on `text`, or nil.
    static func difference(_ kind: PieceScannerKind, _ pattern: String, _ text: String,
                           scanner: ScannerPieceSplitter, regex: RegexPieceSplitter) throws -> String? {
        var fromScanner: [Int32] = [], fromRegex: [Int32] = []
        var copy = text
        try copy.withUTF8 { bytes in
            try scanner.split(bytes, into: &fromScanner)
            try regex.split(bytes, into: &fromRegex)
        }
        guard fromScanner != fromRegex else { return nil }
        let bytes = Array(text.utf8)
        func pieces(_ flat: [Int32]) -> [String] {
            stride(from: 0, to: flat.count, by: 2).map {
                String(decoding: bytes[Int(flat[$0]) ..< Int(flat[$0 + 1])], as: UTF8.self).debugDescription
            }
        }
        return "\(kind) on \(text.debugDescription):\n scanner \(pieces(fromScanner).prefix(40))\n ICU     \(pieces(fromRegex).prefix(40))"
    }

    static func check(_ texts: [String]) throws -> [String] {
        var failures: [String] = []
        for (kind, pattern) in kinds {
            let scanner = ScannerPieceSplitter(kind: kind)
            let regex = try RegexPieceSplitter(pattern: pattern)
            for text in texts {
                if let failure = try difference(kind, pattern, text, scanner: scanner, regex: regex) {
                    failures.append(failure)
                    if failures.count >= 5 { return failures }
                }
            }
        }
        return failures
    }

    static func corpusTexts() throws -> [String] {
        var texts: [String] = []
        for file in Fixtures.corpusFiles + [Fixtures.path("corpora/mixed.jsonl"), Fixtures.path("Tests/Fixtures/parity/sample.jsonl")] {
            for line in Fixtures.lines(file) where !line.isEmpty {
                if let text = try JSONValue.parse(line)["text"]?.stringValue { texts.append(text) }
            }
        }
        return texts
    }

    @Test func corporaAndSampleMatchICU() throws {
        let texts = try Self.corpusTexts()
        #expect(texts.count > 2000)
        let failures = try Self.check(texts)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    static let adversarial: [String] = [
        "", " ", "  ", "\n", " \n", "\n ", " \n ", "a  ", "a \n", "a\n\n b", "\r\n\r\n", " \r\n x", "\t\t\n\n x",
        "'s", "'S", "'ſ", "'ll", "'LL", "'Ll", "'ve", "'re", "'x", "''s", "a's", "A'S", "don't", "x'", "'", "''",
        "HTTPServer", "camelCase", "ABCdef", "ǅungla", "ʰa", "aʰB", "Σς", "e\u{301}", "\u{301}a", " \u{301}",
        "x\u{20DD}y", "\u{903}a", "a\u{903}", "1234567", "١٢٣٤", "Ⅷ½", "a1b2", " 1", "  1", "!!!", " !!", "  !",
        "a/b//c", "x\n/\n", "!\n\r\n", "…\n", "\u{00A0}word", "\u{3000}x", "\u{B}\u{C}\u{85}\u{2028}\u{2029}",
        "\u{0}a\u{0}", "😀😁", " 😀", "\u{1F468}\u{200D}\u{1F469}", "\u{FFFD}x", "\u{E000}", "ab\u{FE0F}",
        String(repeating: "a", count: 3000), String(repeating: " ", count: 3000) + "x", String(repeating: "^", count: 3000),
        "Hello<|endoftext|>world", " \t x\u{A0}\u{A0}y  \n\n z \n", "I'm you'RE he'LL she'ſ",
    ]

    @Test func adversarialStringsMatchICU() throws {
        let failures = try Self.check(Self.adversarial)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// Characters from every class the three patterns distinguish, plus the ones with special roles.
    static let alphabet: [Unicode.Scalar] = Array((
        "aAzZsSdDmMtTlLvVeErRſ'’ 0179٣Ⅷ½\t\n\r\u{B}\u{C}\u{85}\u{A0}\u{2003}\u{3000}\u{2028}!?/.,-\"<|>_#"
        + "\u{301}\u{308}\u{903}\u{20DD}ǅʰאßΣσ中文ひカ한ก\u{E33}😀\u{200D}\u{FE0F}\u{FFFD}\u{0}\u{7F}\u{E000}\u{1D400}"
    ).unicodeScalars)

    @Test func randomStringsMatchICU() throws {
        var random = SeededGenerator(seed: 0x5EED)
        var texts: [String] = []
        for _ in 0 ..< 20_000 {
            var text = String.UnicodeScalarView()
            let length = Int(random.next() % 24)
            for _ in 0 ..< length { text.append(Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))]) }
            texts.append(String(text))
        }
        let failures = try Self.check(texts)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
