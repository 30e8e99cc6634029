/// A deterministic generator of hostile multilingual text, for property tests.
///
/// It mixes scripts, case, compatibility characters whose normalization changes length
/// (ﬁ, ß, ㎏, ½, full-width forms, math letters outside the BMP), combining marks, emoji
/// sequences, controls and all kinds of white space.
public struct MultilingualSample {
    public static let fragments: [String] = [
        "Hello", "WORLD", "naïve", "Cafe\u{301}", "Ångström", "straße", "STRASSE", "ﬁne", "ﬂow", "ǅemal",
        "ＦＵＬＬ", "ｗｉｄｔｈ１２３", "㎏", "½", "Ⅻ", "𝐁𝐨𝐥𝐝", "𝔣𝔯𝔞𝔨", "ΟΔΟΣ", "Σίσυφος", "İstanbul", "ǰ", "ﬀ",
        "Привет", "мир", "東京都", "に住んでいます", "カタカナ", "ｶﾀｶﾅ", "中文分词测试", "ภาษาไทยง่ายนิดเดียว",
        "한국어", "\u{1100}\u{1161}\u{11A8}", "مرحبا", "שָׁלוֹם", "देवनागरी", "3.14", "1,000", "42",
        "😀", "👍🏽", "👨‍👩‍👧", "🇯🇵", "❤️", "#tag", "@user", "e-mail@example.com", "https://x.org/a?b=c",
        "'", "\"", "(", ")", "!", "?", "…", "—", "«", "»", "・", "。", "、",
        " ", " ", "  ", "\n", "\t", "\r\n", "\u{3000}", "\u{A0}", "\u{200B}", "\u{AD}", "\u{FEFF}", "\u{7}",
        "\u{301}", "\u{308}", "e\u{301}\u{323}", "\u{0}",
    ]

    private var generator: SeededGenerator

    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    public mutating func next() -> UInt64 { generator.next() }

    /// A text of up to `maxFragments` fragments.
    public mutating func text(maxFragments: Int = 24) -> String {
        let n = Int(next() % UInt64(maxFragments)) + 1
        var s = ""
        for _ in 0..<n { s += Self.fragments[Int(next() % UInt64(Self.fragments.count))] }
        return s
    }
}
