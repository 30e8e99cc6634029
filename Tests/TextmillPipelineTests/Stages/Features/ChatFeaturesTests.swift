import Testing
import TextmillConfig
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

/// `merge_patterns` and `chat_features`, alone and in the `chat` preset.
@Suite struct ChatFeaturesTests {
    func chat() throws -> DocumentProcessor {
        try DocumentProcessor(pipeline: PresetCatalog(directory: Fixtures.path("models")).load("chat").pipeline)
    }

    func matches(_ text: String) -> [String] {
        let units = Array(text.utf16)
        return units.withUnsafeBufferPointer { buffer in
            ChatPattern.scan(buffer).map { "\($0.kind.rawValue):" + String(decoding: units[$0.range], as: UTF16.self) }
        }
    }

    @Test func patternsFoundByTheScanner() {
        #expect(matches("see https://x.org/a?b=c, or www.Example.com/p.") == ["url:https://x.org/a?b=c", "url:www.Example.com/p"])
        #expect(matches("(https://en.wikipedia.org/wiki/Foo_(bar))") == ["url:https://en.wikipedia.org/wiki/Foo_(bar)"])
        #expect(matches("mail e-mail@example.com or bob.smith+x@mail.co.uk.") == ["email:e-mail@example.com", "email:bob.smith+x@mail.co.uk"])
        #expect(matches("hi @alice_1 and @bob! not a@b or x@y.z") == ["mention:@alice_1", "mention:@bob"])
        #expect(matches("#Swift #日本語 #2024 a#b ##x") == ["hashtag:#Swift", "hashtag:#日本語", "hashtag:#x"])
        #expect(matches("@userに住んで @ok_2です") == ["mention:@user", "mention:@ok_2"])
        #expect(matches("https://x.org/@me#top") == ["url:https://x.org/@me#top"])
        #expect(matches("no patterns: 3.14, a@, http://") == [])
        #expect(matches("WWW.Example.org and www.x.io. Done.") == ["url:WWW.Example.org", "url:www.x.io"])
    }

    /// The scanner skips texts without "@", "#", "/" or "w." before looking for matches: that
    /// must never lose one. With " /" appended every text takes the full path, and the
    /// appended characters cannot extend or start a match.
    @Test func quickRejectionLosesNoMatch() {
        let alphabet = Array("hHtpsw W.:/@#_-xé日1 ,?()".unicodeScalars)
        var state: UInt64 = 7
        var withMatches = 0
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 59) + 1
            var text = String.UnicodeScalarView()
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let plain = String(text)
            let forced = matches(plain + " /")
            if !forced.isEmpty { withMatches += 1 }
            #expect(matches(plain) == forced, "\(plain)")
        }
        #expect(withMatches > 1000)
    }

    @Test func chatPresetKeepsPatternsWholeWithOffsets() throws {
        let text = "Mail Bob@Example.com or see https://X.org/a?b=c! @Alice #Swift"
        let r = try record(chat(), text)
        let tokens = r["tokens"]!.strings
        let offsets = r["offsets"]!.pairs
        #expect(tokens == ["mail", "bob@example.com", "or", "see", "https://x.org/a?b=c", "!", "@alice", "#swift"])
        for (token, span) in zip(tokens, offsets) {
            #expect(slice(text, span[0], span[1]).lowercased() == token, "\(token) \(span)")
        }
        #expect(offsets[1] == [5, 20] && offsets[4] == [28, 47])
    }

    @Test func mergedTokensKeepTheirOriginalSpanAfterNormalization() throws {
        // Full-width letters change under NFKC; the offsets still point at the original characters.
        let text = "ｈｉ @ｂｏｂ"
        let r = try record(chat(), text)
        #expect(r["tokens"]!.strings == ["hi", "@bob"])
        #expect(r["offsets"]!.pairs == [[0, 2], [3, 7]])
    }

    @Test func featuresOfAMessage() throws {
        let text = "Hey @Sam, is THIS https://t.co/x ok? 👨‍👩‍👧 🇯🇵🇫🇷 1️⃣ Привет"
        let f = try record(chat(), text)["chat_features"]!
        #expect(f["characters"]?.intValue == text.unicodeScalars.count)
        #expect(f["urls"]?.intValue == 1 && f["mentions"]?.intValue == 1 && f["emails"]?.intValue == 0)
        #expect(f["hashtags"]?.intValue == 0)
        #expect(f["is_question"]?.boolValue == true)
        #expect(f["emoji"]?.intValue == 4)  // family, two flags, keycap
        #expect(f["digits"]?.intValue == 1)
        #expect(f["script"]?.stringValue == "Latn")
        let scripts = f["scripts"]!.objectValue!
        #expect(scripts.map(\.key) == ["Latn", "Cyrl"])
        // Letters: Hey Sam is THIS https t co x ok (23 Latin) + Привет (6 Cyrillic); uppercase H S THIS П.
        #expect(scripts[1].value.doubleValue == 6.0 / 29.0)
        #expect(f["uppercase_ratio"]?.doubleValue == 7.0 / 29.0)
        #expect(f["sentences"]?.intValue ?? 0 >= 1)
    }

    @Test func emptyAndQuestionlessMessages() throws {
        let empty = try record(chat(), "")["chat_features"]!
        #expect(empty["characters"]?.intValue == 0 && empty["tokens"]?.intValue == 0)
        #expect(empty["script"]?.stringValue == "Zyyy" && empty["uppercase_ratio"]?.doubleValue == 0)
        #expect(empty["is_question"]?.boolValue == false)
        #expect(try record(chat(), "Really? Yes.")["chat_features"]!["is_question"]?.boolValue == true)
        #expect(try record(chat(), "Ok. 東京大学。")["chat_features"]!["script"]?.stringValue == "Hani")
        #expect(try record(chat(), "No question here")["chat_features"]!["is_question"]?.boolValue == false)
    }
}
