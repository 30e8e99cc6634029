import Testing
import TextmillTestSupport
@testable import TextmillCuration

/// The identifier's one-pass scan and UTF-8 transcoding, against the definitions they replace
/// (`String` decoding, `Unicode.Scalar.Properties`).
@Suite struct LanguageWorkspaceTests {
    let table = StopwordTable(["en": ["the", "it's"], "fr": ["l'homme", "le"], "de": ["die", "le"]])

    func words(_ workspace: LanguageWorkspace) -> [String] {
        var out: [String] = []
        var start = 0
        for w in 0..<workspace.wordCount {
            let end = workspace.wordEnds[w]
            out.append(String(String.UnicodeScalarView((start..<end).map { Unicode.Scalar(workspace.wordScalars[$0])! })))
            start = end
        }
        return out
    }

    func scan(_ text: String, in workspace: LanguageWorkspace = LanguageWorkspace()) -> LanguageWorkspace {
        let units = Array(text.utf16)
        units.withUnsafeBufferPointer { workspace.scan($0, stopwords: table) }
        return workspace
    }

    @Test func wordsKeepOneInnerApostropheAndFoldCase() {
        let w = scan("The rock'n'roll, L'Homme d’Accord it's'' x' 42ab İ")
        #expect(words(w) == ["the", "rock'n", "roll", "l'homme", "d’accord", "it's", "x", "ab", "i\u{307}"])
        // İ lower-cases to two scalars, both counted as letters.
        #expect(w.letterCount == "therocknrolllhommedaccorditsxabi".count + 1)
        #expect(w.scripts.latin == 32)
    }

    @Test func stopWordHitsPerLanguage() {
        let w = scan("The cat, l'homme and LE chien: it's the end")
        let hits = Dictionary(uniqueKeysWithValues: zip(table.languages, w.stopHits))
        #expect(hits == ["de": 1, "en": 3, "fr": 2])
        #expect(table.mask(of: UnsafeBufferPointer(start: nil, count: 0)) == 0)
    }

    @Test func scriptsAndSurrogates() {
        // A lone surrogate is U+FFFD (not a letter, ends the word); a pair is one Han letter.
        let units: [UInt16] = [0x61, 0xD800, 0x62, 0xD840, 0xDC00, 0x3042, 0xDC00]
        let w = LanguageWorkspace()
        units.withUnsafeBufferPointer { w.scan($0, stopwords: table) }
        #expect(words(w) == ["a", "b\u{20000}\u{3042}"])
        #expect(w.scripts == { var t = ScriptTally(); t.latin = 2; t.han = 1; t.kana = 1; return t }())
        units.withUnsafeBufferPointer { w.loadUTF8($0) }
        #expect(Array(w.utf8Buffer) == Array(String(decoding: units, as: UTF16.self).utf8))
    }

    @Test func buffersAreReusedWithoutLeftovers() {
        let w = LanguageWorkspace()
        _ = scan(String(repeating: "Ärger über die Lösung ", count: 200), in: w)
        _ = scan("le", in: w)
        #expect(words(w) == ["le"])
        #expect(w.stopHits.reduce(0, +) == 2 && w.impossibleCounts.allSatisfy { $0 == 0 })
        #expect(w.scripts.letters == 2 && w.letterCount == 2)
    }

    @Test func buffersShrinkAfterAHugeDocument() {
        let w = LanguageWorkspace()
        _ = scan(String(repeating: "ab ", count: LanguageWorkspace.largeCapacity), in: w)
        #expect(w.capacity >= 3 * LanguageWorkspace.largeCapacity)
        _ = scan("Le chat", in: w)
        #expect(w.capacity < LanguageWorkspace.largeCapacity && words(w) == ["le", "chat"])
    }

    @Test func utf8MatchesStringDecodingOnRandomUnits() {
        var rng = MultilingualSample(seed: 18)
        let w = LanguageWorkspace()
        for _ in 0..<300 {
            let units = (0..<Int(rng.next() % 40)).map { _ -> UInt16 in
                switch rng.next() % 4 {
                case 0: UInt16(rng.next() % 0x80)
                case 1: UInt16(0xD800 + rng.next() % 0x800)
                default: UInt16(truncatingIfNeeded: rng.next())
                }
            }
            units.withUnsafeBufferPointer { w.loadUTF8($0) }
            #expect(Array(w.utf8Buffer) == Array(String(decoding: units, as: UTF16.self).utf8))
        }
    }

    /// The scan keeps a letter as it is when `changesWhenLowercased` is false: true of every letter.
    @Test func lettersThatDoNotChangeWhenLowercasedAreTheirOwnLowerCase() {
        var checked = 0
        for value in UInt32(0x80)...0x3_FFFF {
            guard let scalar = Unicode.Scalar(value), ScriptTally.isLetter(scalar), !scalar.properties.changesWhenLowercased
            else { continue }
            #expect(scalar.properties.lowercaseMapping == String(scalar), "U+\(String(value, radix: 16))")
            checked += 1
        }
        #expect(checked > 100_000)
    }

    @Test func trigramsOfPaddedWords() {
        let w = scan("ab c")
        w.collectTrigrams()
        #expect(w.grams == [
            TrigramProfiles.key(" ", "a", "b"), TrigramProfiles.key("a", "b", " "), TrigramProfiles.key(" ", "c", " "),
        ])
    }
}
