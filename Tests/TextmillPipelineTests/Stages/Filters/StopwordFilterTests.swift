import Testing
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

/// `stopwords`: shipped lists by language, own files and inline words, exact match after folding.
@Suite struct StopwordFilterTests {
    func tokens(_ stages: String, _ text: String) throws -> [String] {
        let p = try makeProcessor(stages: #"{"type": "normalize", "form": "nfkc_casefold"}, {"type": "words"}, "#
            + #"{"type": "filter_types", "drop": ["whitespace", "punctuation"]}, "# + stages)
        return try record(p, text)["tokens"]!.strings
    }

    @Test func shippedListsRemoveFunctionWordsAfterCaseFolding() throws {
        // Lists are found in models/stopwords/ through the models folder.
        let stages = #"{"type": "stopwords", "languages": ["en", "de"]}"#
        #expect(try tokens(stages, "The cat and THE dog, der Hund und die Katze") == ["cat", "dog", "hund", "katze"])
        // Offsets still point at the kept words.
        let p = try makeProcessor(stages: #"{"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}, "# + stages)
        #expect(try record(p, "the cat")["offsets"]!.pairs == [[4, 7]])
    }

    @Test func inlineWordsAndOwnFiles() throws {
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/mine.txt", Array("# my list\ncat\r\n\nzebra\n".utf8))
        let stages = #"{"type": "stopwords", "files": [""# + dir + #"/mine.txt"], "words": ["dog"]}"#
        #expect(try tokens(stages, "cat dog zebra emu") == ["emu"])
    }

    @Test func listsAreCaseFoldedAndSorted() throws {
        for language in ["de", "en", "es", "fr", "it", "ja", "nl", "pt", "ru", "th", "zh"] {
            let words = Fixtures.lines(Fixtures.path("models/stopwords/\(language).txt"))
            #expect(words.count > 100, "\(language)")
            #expect(words == words.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }, "\(language)")
            #expect(words.allSatisfy { $0.lowercased() == $0 }, "\(language)")
        }
        #expect(Fixtures.lines(Fixtures.path("models/stopwords/de.txt")).contains("dass"))
    }
}
