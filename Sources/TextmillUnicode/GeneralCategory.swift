internal import CICU

/// A code point's Unicode general category as ICU 72 (Unicode 15.0) reports it, with the binary
/// White_Space property; the raw values are ICU's `UCharCategory` numbers.
public struct GeneralCategory: Hashable, Sendable {
    public let rawValue: UInt8

    public static let unassigned = GeneralCategory(rawValue: 0)
    public static let uppercaseLetter = GeneralCategory(rawValue: UInt8(U_UPPERCASE_LETTER.rawValue))
    public static let lowercaseLetter = GeneralCategory(rawValue: UInt8(U_LOWERCASE_LETTER.rawValue))
    public static let titlecaseLetter = GeneralCategory(rawValue: UInt8(U_TITLECASE_LETTER.rawValue))
    public static let modifierLetter = GeneralCategory(rawValue: UInt8(U_MODIFIER_LETTER.rawValue))
    public static let otherLetter = GeneralCategory(rawValue: UInt8(U_OTHER_LETTER.rawValue))
    public static let nonSpacingMark = GeneralCategory(rawValue: UInt8(U_NON_SPACING_MARK.rawValue))
    public static let enclosingMark = GeneralCategory(rawValue: UInt8(U_ENCLOSING_MARK.rawValue))
    public static let spacingMark = GeneralCategory(rawValue: UInt8(U_COMBINING_SPACING_MARK.rawValue))
    public static let decimalNumber = GeneralCategory(rawValue: UInt8(U_DECIMAL_DIGIT_NUMBER.rawValue))
    public static let letterNumber = GeneralCategory(rawValue: UInt8(U_LETTER_NUMBER.rawValue))
    public static let otherNumber = GeneralCategory(rawValue: UInt8(U_OTHER_NUMBER.rawValue))

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The category of `scalar` (any code point up to 0x10FFFF, surrogates included).
    public init(of scalar: UInt32) {
        rawValue = UInt8(truncatingIfNeeded: textmill_u_charType(UChar32(bitPattern: scalar)))
    }

    public var isLetter: Bool {
        self == .uppercaseLetter || self == .lowercaseLetter || self == .titlecaseLetter
            || self == .modifierLetter || self == .otherLetter
    }

    public var isMark: Bool { self == .nonSpacingMark || self == .enclosingMark || self == .spacingMark }

    public var isNumber: Bool { self == .decimalNumber || self == .letterNumber || self == .otherNumber }
}
