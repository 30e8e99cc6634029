import Testing
import TextmillPipeline
import TextmillTestSupport

/// For every token, normalizing `original[start:end]` with the same text stages gives the token.
///
/// Exempt: a token that is only part of what ONE original character became. In this sample that
/// is exactly U+2026 `…`, which NFKC turns into `...` and ICU splits into three `.` tokens (a
/// following ignorable or combining mark belongs to the same normalization piece). No original
/// range normalizes to a lone `.` there, so each `.` points at the whole `…`. The test checks
/// that every exempt token comes from the listed characters and is a proper part of what its
/// range normalizes to; `½`, `㎏`, `Ⅻ`, `ﬁ`, `ß` and full-width forms must pass exactly.
@Suite struct OffsetPropertyTests {
    static let chains: [(name: String, textStages: String)] = [
        ("nfkc_casefold", #"{"type": "normalize", "form": "nfkc_casefold"}"#),
        ("nfkc+casefold", #"{"type": "strip_controls"}, {"type": "normalize", "form": "nfkc"}, {"type": "casefold"}"#),
        ("nfd+whitespace", #"{"type": "collapse_whitespace"}, {"type": "normalize", "form": "nfd"}"#),
    ]

    /// Characters whose normalization ICU splits into several tokens (see above).
    static let splitCharacters: Set<UInt32> = [0x2026]

    @Test(arguments: 0..<chains.count)
    func tokensNormalizeFromTheirOriginalRange(_ chainIndex: Int) throws {
        let chain = Self.chains[chainIndex]
        let tokenizer = try makeProcessor(stages: chain.textStages + #", {"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}"#)
        let normalizer = try makeProcessor(stages: chain.textStages, fields: ["id", "text"])
        var sample = MultilingualSample(seed: 0x7E47 + UInt64(chainIndex))
        var checked = 0
        var exempt = 0
        for _ in 0..<3000 {
            let text = sample.text()
            let rec = try record(tokenizer, text)
            let tokens = rec["tokens"]!.strings
            let offsets = rec["offsets"]!.pairs
            #expect(tokens.count == offsets.count)
            for (token, span) in zip(tokens, offsets) {
                let original = slice(text, span[0], span[1])
                let normalized = try record(normalizer, original)["text"]!.stringValue!
                checked += 1
                if normalized == token { continue }
                // Exempt only when the token is a proper part of its range's normalization.
                exempt += 1
                #expect(Self.splitCharacters.contains(original.unicodeScalars.first!.value)
                        && normalized.contains(token) && normalized != token,
                        "\(chain.name): token \(token.debugDescription) from \(original.debugDescription) in \(text.debugDescription) normalizes to \(normalized.debugDescription)")
            }
        }
        #expect(checked > 20_000)
        #expect(exempt < checked / 20, "\(exempt) of \(checked) tokens exempt")
    }

    @Test func offsetsSurviveLengthChangingNormalization() throws {
        let p = try makeProcessor(stages: #"{"type": "normalize", "form": "nfkc_casefold"}, {"type": "words"}, {"type": "filter_types", "drop": ["whitespace", "punctuation", "symbol", "emoji"]}"#)
        let text = "ﬁne Straße ＡＢＣ 𝐀bc 😀 x"
        let rec = try record(p, text)
        #expect(rec["tokens"]!.strings == ["fine", "strasse", "abc", "abc", "x"])
        #expect(rec["offsets"]!.pairs == [[0, 3], [4, 10], [11, 14], [15, 18], [21, 22]])
    }

    @Test func utf8OffsetsCountBytes() throws {
        let p = try makeProcessor(stages: #"{"type": "normalize", "form": "nfkc_casefold"}, {"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}"#, offsets: "utf8")
        let rec = try record(p, "é 😀 東京")
        #expect(rec["tokens"]!.strings == ["é", "😀", "東京"])
        #expect(rec["offsets"]!.pairs == [[0, 2], [3, 7], [8, 14]])
    }
}
