/// A second, deliberately simple JSON validator written from RFC 8259's grammar, to check
/// `JSONParser` against: recursive descent on indices, no spans, no shared code.
///
/// It accepts what textmill's parser documents as its deliberate leniency and nothing else:
/// raw control characters and any byte ≥ 0x80 inside strings (the string decoder replaces
/// invalid UTF-8 later), and it rejects nesting deeper than `maxDepth` as the parser does.
public struct ReferenceJSONValidator {
    private let text: [UInt8]
    private let maxDepth: Int
    private var at = 0

    /// Whether `text` is exactly one JSON value with optional white space around it.
    public static func isValid(_ text: [UInt8], maxDepth: Int) -> Bool {
        var validator = ReferenceJSONValidator(text: text, maxDepth: maxDepth)
        validator.space()
        guard validator.value(depth: 0) else { return false }
        validator.space()
        return validator.at == text.count
    }

    private init(text: [UInt8], maxDepth: Int) {
        self.text = text
        self.maxDepth = maxDepth
    }

    private var current: UInt8? { at < text.count ? text[at] : nil }

    private mutating func eat(_ c: Character) -> Bool {
        guard current == c.asciiValue else { return false }
        at += 1
        return true
    }

    private mutating func space() {
        while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { at += 1 }
    }

    private mutating func value(depth: Int) -> Bool {
        guard let c = current else { return false }
        switch c {
        case UInt8(ascii: "{"): return object(depth: depth + 1)
        case UInt8(ascii: "["): return array(depth: depth + 1)
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return word("true")
        case UInt8(ascii: "f"): return word("false")
        case UInt8(ascii: "n"): return word("null")
        default: return number()
        }
    }

    private mutating func word(_ w: String) -> Bool {
        for c in w.utf8 {
            guard current == c else { return false }
            at += 1
        }
        return true
    }

    private mutating func object(depth: Int) -> Bool {
        guard depth <= maxDepth else { return false }
        at += 1
        space()
        if eat("}") { return true }
        while true {
            space()
            guard current == UInt8(ascii: "\""), string() else { return false }
            space()
            guard eat(":") else { return false }
            space()
            guard value(depth: depth) else { return false }
            space()
            if eat(",") { continue }
            return eat("}")
        }
    }

    private mutating func array(depth: Int) -> Bool {
        guard depth <= maxDepth else { return false }
        at += 1
        space()
        if eat("]") { return true }
        while true {
            space()
            guard value(depth: depth) else { return false }
            space()
            if eat(",") { continue }
            return eat("]")
        }
    }

    private mutating func string() -> Bool {
        at += 1
        while let c = current {
            at += 1
            if c == UInt8(ascii: "\"") { return true }
            guard c == UInt8(ascii: "\\") else { continue }
            guard let e = current else { return false }
            at += 1
            if "\"\\/bfnrt".utf8.contains(e) { continue }
            guard e == UInt8(ascii: "u") else { return false }
            for _ in 0..<4 {
                guard let h = current, Self.isHex(h) else { return false }
                at += 1
            }
        }
        return false
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() -> Bool {
        _ = eat("-")
        guard let first = current, Self.isDigit(first) else { return false }
        at += 1
        if first != UInt8(ascii: "0") { digits() }
        if eat(".") {
            guard let d = current, Self.isDigit(d) else { return false }
            digits()
        }
        if eat("e") || eat("E") {
            if !eat("+") { _ = eat("-") }
            guard let d = current, Self.isDigit(d) else { return false }
            digits()
        }
        return true
    }

    private mutating func digits() {
        while let c = current, Self.isDigit(c) { at += 1 }
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
}
