/// Walks the top-level members of a JSON object without building nodes for their values: each
/// member comes as its key and the byte range of its value, which the caller parses (with
/// `JSONParser.parse(_:range:)`) only when it needs it.
///
/// For reading a few fields of records this process wrote itself (the database sinks read `id`
/// and `error` of every record): a full parse would allocate a node for every token and offset.
/// Skipped values are delimited, not validated: strings by their quotes and escapes, arrays and
/// objects by bracket depth, scalars by the next delimiter. Malformed structure at the top level
/// (or an unterminated value) is an error, never a crash or an endless loop.
public enum JSONObjectScanner {
    public static func members(
        _ bytes: UnsafeBufferPointer<UInt8>, _ visit: (JSONStringSpan, Range<Int>) -> Void
    ) throws(JSONParseError) {
        var i = skipSpace(bytes, 0)
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { throw JSONParseError(message: "expected an object", offset: i) }
        i = skipSpace(bytes, i + 1)
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") { return try end(bytes, i + 1) }
        while true {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw JSONParseError(message: "expected a string key", offset: i) }
            let keyEnd = try skipString(bytes, i)
            let key = JSONStringSpan(range: (i + 1)..<(keyEnd - 1), hasEscapes: bytes[(i + 1)..<(keyEnd - 1)].contains(UInt8(ascii: "\\")))
            // Callers decode keys (JSONStringDecoding trusts a span's escapes), so a key's
            // escapes are validated here even though skipped values are not.
            if key.hasEscapes { try validateEscapes(bytes, key.range) }
            i = skipSpace(bytes, keyEnd)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw JSONParseError(message: "expected ':'", offset: i) }
            let valueStart = skipSpace(bytes, i + 1)
            let valueEnd = try skipValue(bytes, valueStart)
            visit(key, valueStart..<valueEnd)
            i = skipSpace(bytes, valueEnd)
            guard i < bytes.count else { throw JSONParseError(message: "unterminated object", offset: i) }
            if bytes[i] == UInt8(ascii: "}") { return try end(bytes, i + 1) }
            guard bytes[i] == UInt8(ascii: ",") else { throw JSONParseError(message: "expected ',' or '}'", offset: i) }
            i = skipSpace(bytes, i + 1)
        }
    }

    private static func end(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) throws(JSONParseError) {
        let rest = skipSpace(bytes, i)
        if rest != bytes.count { throw JSONParseError(message: "unexpected data after the JSON value", offset: rest) }
    }

    @inline(__always)
    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        return i
    }

    /// The index after the string starting (at its quote) at `start`.
    @inline(__always)
    private static func skipString(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) throws(JSONParseError) -> Int {
        var i = start + 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""): return i + 1
            case UInt8(ascii: "\\"): i += 2
            default: i += 1
            }
        }
        throw JSONParseError(message: "unterminated string", offset: start)
    }

    /// Throws unless every backslash in `range` starts a JSON escape that lies wholly inside it.
    private static func validateEscapes(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(JSONParseError) {
        var i = range.lowerBound
        while i < range.upperBound {
            guard bytes[i] == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            guard i + 1 < range.upperBound else { throw JSONParseError(message: "invalid escape in a key", offset: i) }
            switch bytes[i + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 2
            case UInt8(ascii: "u"):
                guard i + 6 <= range.upperBound,
                    bytes[(i + 2)..<(i + 6)].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) })
                else { throw JSONParseError(message: "invalid \\u escape in a key", offset: i) }
                i += 6
            default:
                throw JSONParseError(message: "invalid escape in a key", offset: i)
            }
        }
    }

    /// The index after the value starting at `start`.
    private static func skipValue(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) throws(JSONParseError) -> Int {
        guard start < bytes.count else { throw JSONParseError(message: "unexpected end of input", offset: start) }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try skipString(bytes, start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""): i = try skipString(bytes, i); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            throw JSONParseError(message: "unterminated \(bytes[start] == UInt8(ascii: "{") ? "object" : "array")", offset: start)
        default:
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D:
                    if i == start { throw JSONParseError(message: "expected a value", offset: start) }
                    return i
                default: i += 1
                }
            }
            throw JSONParseError(message: "unterminated object", offset: start)
        }
    }
}
