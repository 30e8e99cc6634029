internal import CICU

/// Per-code-point Unicode facts for code that must reproduce another library character by character
/// (the HF tokenizer.json normalizers and pre-tokenizers): general category, a few binary properties,
/// simple lowercase, canonical combining class, one character's full decomposition and pairwise
/// composition. All from ICU 72 (Unicode 15.0); every function is thread-safe.
public enum ScalarProperties {
    /// ICU's `UCharCategory` number of `scalar` (0 unassigned, 1 Lu, 2 Ll, 3 Lt, 4 Lm, 5 Lo, 6 Mn, 7 Me, 8 Mc,
    /// 9 Nd, 10 Nl, 11 No, 12 Zs, 13 Zl, 14 Zp, 15 Cc, 16 Cf, 17 Co, 18 Cs, 19 Pd, 20 Ps, 21 Pe, 22 Pc, 23 Po,
    /// 24 Sm, 25 Sc, 26 Sk, 27 So, 28 Pi, 29 Pf).
    @inline(__always)
    public static func category(_ scalar: UInt32) -> UInt8 {
        UInt8(truncatingIfNeeded: textmill_scalar_charType(UChar32(bitPattern: scalar)))
    }

    @inline(__always) public static func isLetter(_ scalar: UInt32) -> Bool { (1...5).contains(category(scalar)) }
    @inline(__always) public static func isMark(_ scalar: UInt32) -> Bool { (6...8).contains(category(scalar)) }
    @inline(__always) public static func isNonspacingMark(_ scalar: UInt32) -> Bool { category(scalar) == 6 }
    @inline(__always) public static func isNumber(_ scalar: UInt32) -> Bool { (9...11).contains(category(scalar)) }
    @inline(__always) public static func isDecimalDigit(_ scalar: UInt32) -> Bool { category(scalar) == 9 }

    /// General category P* (Pc, Pd, Ps, Pe, Pi, Pf, Po).
    @inline(__always)
    public static func isPunctuation(_ scalar: UInt32) -> Bool {
        switch category(scalar) {
        case 19, 20, 21, 22, 23, 28, 29: true
        default: false
        }
    }

    /// General category Cc, Cf, Co or Cs ("other" without unassigned).
    @inline(__always)
    public static func isOtherAssigned(_ scalar: UInt32) -> Bool { (15...18).contains(category(scalar)) }

    /// The binary White_Space property (Rust's `char::is_whitespace`, regex `\s`).
    @inline(__always)
    public static func isWhitespace(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return scalar == 0x20 || (scalar >= 0x09 && scalar <= 0x0D) }
        return textmill_scalar_hasBinaryProperty(UChar32(bitPattern: scalar), UCHAR_WHITE_SPACE) != 0
    }

    @inline(__always)
    public static func isAlphabetic(_ scalar: UInt32) -> Bool {
        textmill_scalar_hasBinaryProperty(UChar32(bitPattern: scalar), UCHAR_ALPHABETIC) != 0
    }

    /// Unicode `\w` as Rust's regex crate defines it: Alphabetic, marks, Nd, Pc, Join_Control.
    @inline(__always)
    public static func isWordCharacter(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 {
            return (scalar >= 0x30 && scalar <= 0x39) || (scalar >= 0x41 && scalar <= 0x5A)
                || (scalar >= 0x61 && scalar <= 0x7A) || scalar == 0x5F
        }
        let c = category(scalar)
        if (6...8).contains(c) || c == 9 || c == 22 { return true }
        if scalar == 0x200C || scalar == 0x200D { return true }
        return isAlphabetic(scalar)
    }

    /// Simple (one-to-one) lowercase mapping.
    @inline(__always)
    public static func simpleLowercase(_ scalar: UInt32) -> UInt32 {
        if scalar < 0x80 { return scalar >= 0x41 && scalar <= 0x5A ? scalar + 32 : scalar }
        return UInt32(bitPattern: textmill_u_tolower(UChar32(bitPattern: scalar)))
    }

    @inline(__always)
    public static func combiningClass(_ scalar: UInt32) -> UInt8 {
        if scalar < 0x300 { return 0 }
        return textmill_u_getCombiningClass(UChar32(bitPattern: scalar))
    }

    /// ICU's `UScriptCode` of `scalar` (0 Common, 1 Inherited, 103 Unknown), -1 on failure.
    public static func script(_ scalar: UInt32) -> Int32 { textmill_scalar_script(UChar32(bitPattern: scalar)) }

    /// ICU script codes used by the UnicodeScripts pre-tokenizer.
    public static let scriptCommon: Int32 = 0, scriptInherited: Int32 = 1, scriptHan: Int32 = 17
    public static let scriptHiragana: Int32 = 20, scriptKatakana: Int32 = 22, scriptUnknown: Int32 = 103
}
