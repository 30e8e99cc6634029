import Testing
@testable import TextmillCuration

/// Each signal on texts whose value can be worked out by hand, with datatrove's definitions.
@Suite struct QualitySignalComputerTests {
    let computer: QualitySignalComputer
    init() throws { computer = try QualitySignalComputer() }

    func signals(_ text: String, words: [String]? = nil) -> QualitySignals {
        let w = words ?? text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        return computer.compute(text: Array(text.unicodeScalars), words: w.map { Array($0.unicodeScalars) })
    }

    @Test func gopherQuality() {
        let s = signals("The cat # sat...\n- and the dog\n• with …", words: ["The", "cat", "#", "sat", "...", "-", "and", "the", "dog", "•", "with", "…"])
        // Symbols (#, ..., -, …) are not words, but • is (datatrove's set lacks it); "The" is no
        // stop word (case-sensitive).
        #expect(s.gopherWords == 8)
        #expect(s.gopherMeanWordLength == Double(3 + 3 + 3 + 3 + 3 + 3 + 1 + 4) / 8)
        #expect(s.gopherHashRatio == 1.0 / 12)
        #expect(s.gopherEllipsisRatio == 2.0 / 12)
        #expect(s.gopherBulletLinesRatio == 2.0 / 3)
        #expect(s.gopherEllipsisLinesRatio == 2.0 / 3)
        #expect(s.gopherAlphaWordsRatio == 7.0 / 12)
        #expect(s.gopherStopWords == 3)  // and, the, with
    }

    @Test func repetition() {
        let text = "a b\na b\n\nc d e\n\nc d e"
        let s = signals(text)
        // Paragraphs ["a b\na b", "c d e", "c d e"]: one duplicate of 5 characters, over 21.
        #expect(s.duplicateParagraphFraction == 1.0 / 3)
        #expect(s.duplicateParagraphCharFraction == 5.0 / 21)
        // Lines ["a b", "a b", "c d e", "c d e"]: two duplicates, 3 + 5 characters.
        #expect(s.duplicateLineFraction == 2.0 / 4)
        #expect(s.duplicateLineCharFraction == 8.0 / 21)
        // Top 2-gram: "a b" and "c d" and "d e" twice each; the first seen wins: 3 × 2.
        #expect(s.topNGramCharFraction[2] == 6.0 / 21)
        // 5-grams joined without spaces: "ababc", "babcd", "abcde", "bcdec", "cdecd", "decde" — all distinct.
        #expect(s.duplicateNGramCharFraction[5] == 0)
        let repeated = signals("x y z w v x y z w v")
        #expect(repeated.duplicateNGramCharFraction[5] == 5.0 / 19)
    }

    @Test func c4Lines() {
        let s = signals("""
            This line has enough words. It has two sentences.
            Too short.
            No terminal punctuation here at all
            Enable javascript to see this page properly.
            Cited claim with three words [12].
            Read our privacy policy before you go.
            """)
        #expect(s.c4Lines == 6)
        #expect(s.c4LinesKept == 2)
        #expect(s.c4Sentences == 3)
        #expect(!s.c4LoremIpsum && !s.c4CurlyBracket)
        #expect(signals("Lorem ipsum dolor sit amet.").c4LoremIpsum)
        #expect(signals("if (x) { return y; } is code.").c4CurlyBracket)
        // A javascript line is dropped before the bracket test, as in datatrove.
        #expect(!signals("var javascript = { a: 1 } is here.").c4CurlyBracket)
    }

    @Test func fineweb() {
        let s = signals("Short line.\nshort line\nShort line.\n\nA much longer line that goes past thirty characters.")
        #expect(s.finewebLinePunctuationRatio == 3.0 / 4)
        #expect(s.finewebShortLineRatio == 3.0 / 4)
        // One duplicate line of 11 characters over the 84 characters that are not newlines.
        #expect(s.finewebCharDuplicatesRatio == 11.0 / 84)
        #expect(s.finewebNewlineRatio == 4.0 / 15)
        #expect(!s.empty)
        #expect(signals(" \n\t\n").empty)
    }

    @Test func pythonStringHelpers() {
        let lines = QualitySignalComputer.splitlines(Array("a\r\nb\rc\u{2028}d\n".unicodeScalars))
        #expect(lines.map { QualitySignalComputer.string($0) } == ["a", "b", "c", "d"])
        #expect(QualitySignalComputer.string(QualitySignalComputer.removeCitations(Array("x[1] y[edit] z[citation needed] [a]".unicodeScalars)))
            == "x y z [a]")
        #expect(QualitySignalComputer.count(Array("....".unicodeScalars), in: Array("......... .".unicodeScalars)) == 2)
    }
}
