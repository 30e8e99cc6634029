/// ANSI colours for token types in `chat`; empty strings when colour is off (not a TTY, NO_COLOR).
struct TokenPalette {
    let enabled: Bool

    func paint(_ text: String, type: String) -> String {
        guard enabled else { return text }
        let code: String
        switch type {
        case "word": code = "1"  // bold
        case "number": code = "36"
        case "kana", "ideographic": code = "35"
        case "emoji": code = "33"
        case "punctuation": code = "2"
        case "symbol": code = "34"
        default: code = "90"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    func dim(_ text: String) -> String { enabled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    func accent(_ text: String) -> String { enabled ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
}
