import Testing
import TextmillTestSupport
import TextmillUnicode
@testable import TextmillCuration

/// The one-table stop-word lookup against the per-language `Set<String>` lookups it replaces.
@Suite struct StopwordTableTests {
    /// `Set<String>` compares canonically, the table scalar by scalar: the same answers as
    /// long as every listed word is NFC (a text's words are letters only, so NFC alike).
    @Test func shippedListsAreNFC() throws {
        let nfc = try UnicodeNormalizer(.nfc)
        for language in LanguageStage.Definition.evidenceLanguages {
            let bytes = Array(Fixtures.lines(Fixtures.path("models/stopwords/\(language).txt")).joined(separator: "\n").utf8)
            for word in LanguageIdentifier.parseList(bytes) {
                #expect(Array(try nfc.normalize(word).unicodeScalars) == Array(word.unicodeScalars), "\(language): \(word)")
            }
        }
    }

    @Test func masksEqualSetMembership() {
        let lists: [String: Set<String>] = ["en": ["a", "the", "it's"], "fr": ["a", "le", "l'homme"], "es": ["a", "el", "año"], "pt": []]
        let table = StopwordTable(lists)
        for word in ["a", "the", "it's", "le", "l'homme", "el", "año", "ano", "b", "theme", "th", "l’homme"] {
            let letters = word.unicodeScalars.map(\.value)
            let mask = letters.withUnsafeBufferPointer { table.mask(of: $0) }
            let listed = table.languages.enumerated().filter { lists[$0.element]!.contains(word) }.map(\.element)
            let named = table.languages.enumerated().filter { mask & (1 << UInt32($0.offset)) != 0 }.map(\.element)
            #expect(named == listed, "\(word)")
        }
    }
}
