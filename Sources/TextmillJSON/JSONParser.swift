/// A validating JSON parser over a byte buffer, producing `JSONNode`s.
///
/// Strict RFC 8259 except that raw control characters inside strings are accepted (common in
/// real JSONL; the strict reading would reject whole documents over a tab). Nesting is limited
/// so hostile input cannot exhaust the stack.
public struct JSONParser {
    public static let maxDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.index = 0
    }

    /// Parses exactly one JSON value (with optional surrounding whitespace) from `bytes`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONNode {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index != bytes.count { throw parser.error("unexpected data after the JSON value") }
        return value
    }

    /// Parses exactly the one JSON value at `range` of `bytes` (a member's value that
    /// `JSONObjectScanner` found); the nodes' ranges index `bytes` itself.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) throws(JSONParseError) -> JSONNode {
        precondition(range.upperBound <= bytes.count, "range outside the buffer")
        var parser = JSONParser(UnsafeBufferPointer(start: bytes.baseAddress, count: range.upperBound))
        parser.index = range.lowerBound
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index != range.upperBound { throw parser.error("unexpected data after the JSON value") }
        return value
    }

    /// Validates `bytes` exactly as `parse` does when they hold one JSON object, calling
    /// `visit` with each top-level member in order, without building nodes: the hot path of
    /// JSONL input, which only looks at a record's id and text (`parse` allocates every node).
    /// Returns false, having visited nothing, when the value is not an object; throws what
    /// `parse` would throw otherwise (members before the error may have been visited).
    public static func forEachMember(
        _ bytes: UnsafeBufferPointer<UInt8>, _ visit: (JSONStringSpan, JSONMemberValue) -> Void
    ) throws(JSONParseError) -> Bool {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "{") else { return false }
        try parser.parseMembers(visit)
        parser.skipWhitespace()
        if parser.index != bytes.count { throw parser.error("unexpected data after the JSON value") }
        return true
    }

    private func error(_ message: String) -> JSONParseError {
        JSONParseError(message: message, offset: index)
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONNode {
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character '\(printable(bytes[index]))'")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        guard index + n <= bytes.count else { throw error("invalid literal") }
        for i in 0..<n where bytes[index + i] != word.utf8Start[i] { throw error("invalid literal") }
        index += n
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONNode {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth)") }
        defer { depth -= 1 }
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a string key")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key: key, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            throw error("expected ',' or '}'")
        }
    }

    /// `parseObject` reporting members to `visit` instead of collecting them (same checks,
    /// same errors); strings and numbers are not made into nodes.
    private mutating func parseMembers(_ visit: (JSONStringSpan, JSONMemberValue) -> Void) throws(JSONParseError) {
        depth += 1
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a string key")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "\""): visit(key, .string(try parseString()))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): visit(key, .number(try parseNumber()))
            default:
                _ = try parseValue()
                visit(key, .other)
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONNode {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth)") }
        defer { depth -= 1 }
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func parseString() throws(JSONParseError) -> JSONStringSpan {
        index += 1
        let start = index
        var hasEscapes = false
        while true {
            skipPlainStringBytes()
            guard index < bytes.count else { break }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let span = JSONStringSpan(range: start..<index, hasEscapes: hasEscapes)
                index += 1
                return span
            }
            if b == UInt8(ascii: "\\") {
                hasEscapes = true
                index += 1
                guard index < bytes.count else { break }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    guard index + 4 < bytes.count,
                        (1...4).allSatisfy({ hexValue(bytes[index + $0]) != nil })
                    else { throw error("invalid \\u escape") }
                    index += 5
                default:
                    throw error("invalid escape '\\\(printable(bytes[index]))'")
                }
                continue
            }
            index += 1
        }
        throw error("unterminated string")
    }

    /// Moves `index` over string bytes that are neither a quote nor a backslash, eight per step
    /// (the bytes left over are read one by one by `parseString`).
    @inline(__always)
    private mutating func skipPlainStringBytes() {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while index &+ 8 <= bytes.count {
            let w = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let quote = w ^ (ones &* 0x22)  // zero bytes where w has a quote
            let backslash = w ^ (ones &* 0x5C)
            if ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & highs != 0 { return }
            index &+= 8
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> Range<Int> {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        return start..<index
    }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

@inline(__always) func hexValue(_ b: UInt8) -> UInt16? {
    switch b {
    case 0x30...0x39: UInt16(b - 0x30)
    case 0x41...0x46: UInt16(b - 0x41 + 10)
    case 0x61...0x66: UInt16(b - 0x61 + 10)
    default: nil
    }
}

func printable(_ b: UInt8) -> String {
    b >= 0x20 && b < 0x7F ? String(UnicodeScalar(b)) : "\\x" + String(b, radix: 16)
}

/// Why a JSON text could not be parsed, and at which byte.
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let offset: Int
    public var description: String { "\(message) at byte \(offset + 1)" }
}
