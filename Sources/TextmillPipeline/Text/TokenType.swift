import TextmillUnicode

/// What kind of segment a token is, from ICU's word-break rule status and, for segments ICU
/// leaves unclassified (status UBRK_WORD_NONE), from the first character's properties.
public enum TokenType: String, Sendable, CaseIterable {
    /// Letters (ICU's UBRK_WORD_LETTER): Latin, Cyrillic, Thai, Hangul words, …
    case word
    case number
    case kana
    case ideographic
    case emoji
    case punctuation
    /// Symbols and anything else ICU gives no word status (math, currency, lone marks).
    case symbol
    case whitespace

    /// A distinct bit per type, for cheap type sets in filters.
    @inline(__always)
    public var bit: UInt32 {
        switch self {
        case .word: 1
        case .number: 2
        case .kana: 4
        case .ideographic: 8
        case .emoji: 16
        case .punctuation: 32
        case .symbol: 64
        case .whitespace: 128
        }
    }

    /// Whether ICU's rule status for this type is UBRK_WORD_NONE.
    public var isNoneStatus: Bool {
        switch self {
        case .word, .number, .kana, .ideographic: false
        case .emoji, .punctuation, .symbol, .whitespace: true
        }
    }

    /// Classifies a word-break segment.
    @inline(__always)
    public static func classify(ruleStatus: Int32, firstScalar: UInt32) -> TokenType {
        if ruleStatus >= WordRuleStatus.noneLimit {
            if ruleStatus < WordRuleStatus.numberLimit { return .number }
            if ruleStatus < WordRuleStatus.letterLimit { return .word }
            if ruleStatus < WordRuleStatus.kanaLimit { return .kana }
            if ruleStatus < WordRuleStatus.ideographicLimit { return .ideographic }
            return .word
        }
        if CharacterProperties.isWhitespace(firstScalar) { return .whitespace }
        if CharacterProperties.isEmoji(firstScalar) { return .emoji }
        if CharacterProperties.isPunctuation(firstScalar) { return .punctuation }
        return .symbol
    }
}
