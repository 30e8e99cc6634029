/// Turns CLD2's language codes into the ones textmill writes: ISO 639-1 where one exists, a
/// script only as a suffix (`zh-Hant`), `und` for undetermined.
public enum LanguageCode {
    /// CLD2 keeps a few withdrawn or regional codes.
    static let renamed: [String: String] = ["iw": "he", "jw": "jv", "in": "id", "mo": "ro", "sr-ME": "sr", "un": "und"]

    public static func fromCLD2(_ code: String) -> String {
        if let renamed = renamed[code] { return renamed }
        if code.hasPrefix("xx-") { return "und" }
        return code
    }

    /// The language without its script suffix (`zh-Hant` → `zh`): the unit evidence is kept in.
    public static func base(_ code: String) -> String {
        guard let dash = code.firstIndex(of: "-") else { return code }
        return String(code[..<dash])
    }
}
