internal import CICU

/// The handful of ICU character properties the pipeline classifies with.
public enum CharacterProperties {
    /// Emoji that render as pictures: Extended_Pictographic, Emoji_Presentation or a regional indicator.
    /// Plain `Emoji` alone would also match digits, `#` and `*`.
    @inline(__always)
    public static func isEmoji(_ scalar: UInt32) -> Bool {
        let c = UChar32(bitPattern: scalar)
        return textmill_u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) != 0
            || textmill_u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION) != 0
            || textmill_u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) != 0
    }

    @inline(__always)
    public static func isWhitespace(_ scalar: UInt32) -> Bool {
        textmill_u_hasBinaryProperty(UChar32(bitPattern: scalar), UCHAR_WHITE_SPACE) != 0
    }

    /// General category P* (connector, dash, open, close, initial, final, other punctuation).
    @inline(__always)
    public static func isPunctuation(_ scalar: UInt32) -> Bool {
        let type = Int32(textmill_u_charType(UChar32(bitPattern: scalar)))
        return type == Int32(U_CONNECTOR_PUNCTUATION.rawValue) || type == Int32(U_DASH_PUNCTUATION.rawValue)
            || type == Int32(U_START_PUNCTUATION.rawValue) || type == Int32(U_END_PUNCTUATION.rawValue)
            || type == Int32(U_INITIAL_PUNCTUATION.rawValue) || type == Int32(U_FINAL_PUNCTUATION.rawValue)
            || type == Int32(U_OTHER_PUNCTUATION.rawValue)
    }

    /// General category Cc (C0/C1 controls).
    @inline(__always)
    public static func isControl(_ scalar: UInt32) -> Bool {
        Int32(textmill_u_charType(UChar32(bitPattern: scalar))) == Int32(U_CONTROL_CHAR.rawValue)
    }

    @inline(__always)
    public static func isUppercase(_ scalar: UInt32) -> Bool {
        textmill_u_hasBinaryProperty(UChar32(bitPattern: scalar), UCHAR_UPPERCASE) != 0
    }

    @inline(__always)
    public static func isDigit(_ scalar: UInt32) -> Bool {
        Int32(textmill_u_charType(UChar32(bitPattern: scalar))) == Int32(U_DECIMAL_DIGIT_NUMBER.rawValue)
    }

    /// The ISO 15924 short name of the scalar's script (`Latn`, `Hani`, `Zyyy` for Common, `Zinh` for Inherited).
    public static func scriptCode(_ scalar: UInt32) -> String {
        var status = U_ZERO_ERROR
        let script = textmill_uscript_getScript(UChar32(bitPattern: scalar), &status)
        guard !isFailure(status), let name = textmill_uscript_getShortName(script) else { return "Zzzz" }
        return String(cString: name)
    }
}
