/// Letters of a text counted by the scripts that decide a language on their own or narrow the
/// candidates: Latin, Cyrillic, Han, kana, Hangul, and everything else.
public struct ScriptTally: Sendable, Equatable {
    public var latin = 0, cyrillic = 0, han = 0, kana = 0, hangul = 0, other = 0

    public init() {}

    public var letters: Int { latin + cyrillic + han + kana + hangul + other }

    /// Counts one scalar if it is a letter (general category L*).
    public mutating func add(_ scalar: Unicode.Scalar) {
        guard Self.isLetter(scalar) else { return }
        addLetter(scalar.value)
    }

    /// Counts a scalar already known to be a letter.
    @inline(__always)
    mutating func addLetter(_ value: UInt32) {
        switch value {
        case 0x41...0x24F, 0x1E00...0x1EFF, 0xFF21...0xFF5A: latin += 1
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: cyrillic += 1
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: kana += 1
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F, 0x3005, 0x3007: han += 1
        case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: hangul += 1
        default: other += 1
        }
    }

    /// The share of letters in the script a language is written in (Latin or Cyrillic; 1 for others).
    func share(for language: String) -> Double {
        share(cyrillic: LanguageAlphabets.cyrillic.contains(language))
    }

    /// The share of Cyrillic letters, or else of Latin ones.
    func share(cyrillic isCyrillic: Bool) -> Double {
        guard letters > 0 else { return 0 }
        return Double(isCyrillic ? cyrillic : latin) / Double(letters)
    }

    @inline(__always)
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }
}
