/// What PostgreSQL's `jsonb` input accepts (datatype-json.html): valid JSON in valid UTF-8,
/// and no `\u0000` or unpaired UTF-16 surrogate escape, which it rejects ("unsupported
/// Unicode escape sequence", "Unicode low surrogate must follow a high surrogate") and with
/// them the whole COPY.
enum ReferenceJSONBInput {
    /// Nil when the server would store `text`, else why not.
    static func refusal(_ text: [UInt8]) -> String? {
        guard String(validating: text, as: UTF8.self) != nil else { return "not valid UTF-8" }
        guard ReferenceJSONValidator.isValid(text, maxDepth: 512) else { return "not valid JSON" }
        var i = 0
        while i < text.count {
            guard text[i] == 0x5C else {
                i += 1
                continue
            }
            guard text[i + 1] == 0x75 else {
                i += 2
                continue
            }
            let unit = hexUnit(text, i + 2)
            if unit == 0 { return "\\u0000 at byte \(i)" }
            if (0xDC00...0xDFFF).contains(unit) { return "a lone low surrogate escape at byte \(i)" }
            if (0xD800...0xDBFF).contains(unit) {
                guard i + 11 < text.count, text[i + 6] == 0x5C, text[i + 7] == 0x75, (0xDC00...0xDFFF).contains(hexUnit(text, i + 8)) else {
                    return "a lone high surrogate escape at byte \(i)"
                }
                i += 12
                continue
            }
            i += 6
        }
        return nil
    }

    /// The four hex digits at `start` (the JSON is valid, so they are there).
    private static func hexUnit(_ text: [UInt8], _ start: Int) -> Int {
        var value = 0
        for b in text[start..<(start + 4)] {
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x41...0x46: digit = b - 0x41 + 10
            default: digit = b - 0x61 + 10
            }
            value = value << 4 | Int(digit)
        }
        return value
    }
}
