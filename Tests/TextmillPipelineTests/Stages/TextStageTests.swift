import Testing
import TextmillPipeline

/// Each text stage on its own: what it changes, and that offsets still point at the original.
@Suite struct TextStageTests {
    @Test func stripControlsKeepsTabAndNewline() throws {
        let p = try makeProcessor(stages: #"{"type": "strip_controls"}"#, fields: ["text"])
        #expect(try record(p, "a\u{0}b\u{7}\tc\r\nd\u{85}e\u{1B}")["text"]?.stringValue == "ab\tc\nde")
    }

    @Test func collapseWhitespaceKeepsLineBreaksAndTrims() throws {
        let p = try makeProcessor(stages: #"{"type": "collapse_whitespace"}, {"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}"#,
                                  fields: ["text", "tokens", "offsets"])
        let rec = try record(p, "  a \t b\u{3000}\u{A0}c \n\n d  ")
        #expect(rec["text"]?.stringValue == "a b c\nd")
        #expect(rec["tokens"]?.strings == ["a", "b", "c", "d"])
        #expect(rec["offsets"]?.pairs == [[2, 3], [6, 7], [9, 10], [14, 15]])
    }

    @Test func normalizationForms() throws {
        let cases: [(String, String)] = [("nfc", "é"), ("nfd", "e\u{301}"), ("nfkc", "é"), ("nfkd", "e\u{301}")]
        for (form, expected) in cases {
            let p = try makeProcessor(stages: #"{"type": "normalize", "form": ""# + form + #""}"#, fields: ["text"])
            #expect(try record(p, "e\u{301}")["text"]?.stringValue == expected, "\(form)")
        }
        let k = try makeProcessor(stages: #"{"type": "normalize", "form": "nfkc"}"#, fields: ["text"])
        #expect(try record(k, "ﬁ ＡＢＣ ½ Ⅻ")["text"]?.stringValue == "fi ABC 1⁄2 XII")
        let cf = try makeProcessor(stages: #"{"type": "normalize", "form": "nfkc_casefold"}"#, fields: ["text"])
        #expect(try record(cf, "Straße ΣΑΣ\u{AD}x")["text"]?.stringValue == "strasse σασx")
    }

    @Test func casefoldIsFullAndAligned() throws {
        let p = try makeProcessor(stages: #"{"type": "casefold"}, {"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}"#,
                                  fields: ["text", "tokens", "offsets"])
        let rec = try record(p, "STRAßE İx 𐐀")
        #expect(rec["text"]?.stringValue == "strasse i̇x 𐐨")
        #expect(rec["tokens"]?.strings == ["strasse", "i̇x", "𐐨"])
        #expect(rec["offsets"]?.pairs == [[0, 6], [7, 9], [10, 11]])
    }

    @Test func lowercaseIsLocaleSensitive() throws {
        let tr = try makeProcessor(stages: #"{"type": "lowercase", "locale": "tr"}"#, fields: ["text"])
        #expect(try record(tr, "ISTANBUL İzmir")["text"]?.stringValue == "ıstanbul izmir")
        let root = try makeProcessor(stages: #"{"type": "lowercase"}"#, fields: ["text"])
        #expect(try record(root, "ΟΔΟΣ ISTANBUL")["text"]?.stringValue == "οδος istanbul")
    }

    @Test func transliterationByID() throws {
        let p = try makeProcessor(stages: #"{"type": "transliterate", "id": "Any-Latin; Latin-ASCII"}, {"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}"#,
                                  fields: ["text", "tokens", "offsets"])
        let rec = try record(p, "Москва café")
        #expect(rec["text"]?.stringValue == "Moskva cafe")
        #expect(rec["offsets"]?.pairs == [[0, 6], [7, 11]])
    }

    /// ICU 72's root rules give Japanese (kana included) the ideographic status (400); the
    /// kana status (300) is reserved for runs its dictionary leaves alone, such as half-width katakana.
    @Test func wordTypes() throws {
        let p = try makeProcessor(stages: #"{"type": "words"}"#, fields: ["tokens", "types"])
        let rec = try record(p, "Hi 42 カタカナ 東京 😀 ! $")
        #expect(rec["tokens"]?.strings == ["Hi", " ", "42", " ", "カタカナ", " ", "東京", " ", "😀", " ", "!", " ", "$"])
        #expect(rec["types"]?.strings == [
            "word", "whitespace", "number", "whitespace", "ideographic", "whitespace", "ideographic", "whitespace",
            "emoji", "whitespace", "punctuation", "whitespace", "symbol",
        ])
    }

    @Test func dictionarySegmentation() throws {
        let p = try makeProcessor(stages: #"{"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}"#, fields: ["tokens"])
        #expect(try record(p, "ภาษาไทยง่ายนิดเดียว")["tokens"]?.strings == ["ภาษา", "ไทย", "ง่าย", "นิด", "เดียว"])
        #expect(try record(p, "東京都に住んでいます")["tokens"]?.strings.count ?? 0 >= 4)
    }

    @Test func sentencesExcludeTrailingSpace() throws {
        let p = try makeProcessor(stages: #"{"type": "sentences"}"#, fields: ["sentences"])
        let rec = try record(p, "Hello there. How are you?  Fine!\n")
        #expect(rec["sentences"]?.pairs == [[0, 12], [13, 25], [27, 32]])
    }

    @Test func filterDropsTypes() throws {
        let p = try makeProcessor(stages: #"{"type": "words"}, {"type": "filter_types", "drop": ["whitespace", "punctuation"]}"#, fields: ["tokens"])
        #expect(try record(p, "a, b! 😀")["tokens"]?.strings == ["a", "b", "😀"])
    }

    @Test func invalidUTF8IsRejectedWithoutRepairStage() throws {
        let strict = try makeProcessor(stages: #"{"type": "words"}"#, fields: ["tokens"])
        let repairing = try makeProcessor(stages: #"{"type": "repair_utf8"}, {"type": "words"}"#, fields: ["tokens"])
        let bytes: [UInt8] = Array(#"{"id":1,"text":"a"#.utf8) + [0xFF] + Array(#"b"}"#.utf8)
        var out = TextmillJSON.JSONWriter()
        let doc = InputDocument(locator: DocumentLocator(source: "f", line: 1), payload: .jsonLine(bytes))
        #expect(!strict.process(doc, into: &out))
        #expect(String(decoding: out.bytes, as: UTF8.self).contains(#""code":"invalid_utf8""#))
        out = TextmillJSON.JSONWriter()
        #expect(repairing.process(doc, into: &out))
        // U+FFFD is a symbol of its own to the word breaker.
        #expect(String(decoding: out.bytes, as: UTF8.self) == "{\"tokens\":[\"a\",\"\u{FFFD}\",\"b\"]}\n")
        #expect(repairing.stats.invalidSequencesReplaced == 1)
    }
}

import TextmillDocuments
import TextmillJSON
