import TextmillDatabase
import TextmillJSON

/// What the database columns must hold for one record line, read from the line with the
/// owned JSON tree (`JSONValue`) and jsonb's rule that the last of duplicate keys wins,
/// independently of the sinks' byte-range scanning.
struct ExpectedRow {
    let line: [UInt8]
    /// The record, when the line is a JSON object in valid UTF-8 (nil: only the row's shape is checked).
    let value: JSONValue?
    var id: [UInt8]?
    var errorCode: [UInt8]?
    var errorMessage: [UInt8]?
    var text: [UInt8]?
    /// The `tokens` elements as text (a non-string scalar as written, anything else empty).
    var tokens: [[UInt8]]?
    /// The `ids` elements, when every one is an integer that fits 64 bits.
    var ids: [Int64]?
    var tokenCount: Int?
    var sentenceCount: Int?
    /// The `tokens` and `ids` arrays as they are (SQLite stores them as JSON text).
    var arrays: [JSONValue?] = [nil, nil]

    init(line: [UInt8], isError: Bool, columns: [TypedColumn]) {
        self.line = line
        guard String(validating: line, as: UTF8.self) != nil, ReferenceJSONValidator.isValid(line, maxDepth: 512),
            let parsed = try? JSONValue.parse(line), case .object(let members) = parsed
        else {
            value = nil
            return
        }
        value = parsed
        func last(_ key: String, _ members: [(key: String, value: JSONValue)]) -> JSONValue? {
            members.last { $0.key == key }?.value
        }
        id = Self.scalarText(last("id", members))
        if isError, case .object(let error)? = last("error", members) {
            errorCode = Self.scalarText(last("code", error))
            errorMessage = Self.scalarText(last("message", error))
        }
        text = Self.scalarText(last("text", members))
        if case .array(let elements)? = last("tokens", members) {
            tokens = elements.map { Self.scalarText($0) ?? [] }
            tokenCount = elements.count
            arrays[0] = .array(elements)
        }
        if case .array(let elements)? = last("ids", members) {
            arrays[1] = .array(elements)
            var integers: [Int64] = []
            for element in elements {
                guard case .number(_, let literal) = element, literal.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }),
                    let integer = Int64(literal)
                else { break }
                integers.append(integer)
            }
            ids = integers.count == elements.count ? integers : nil
        }
        if case .array(let elements)? = last("sentences", members) { sentenceCount = elements.count }
    }

    /// A string's UTF-8, a number's literal, `true`/`false`; nil for null, arrays and objects.
    static func scalarText(_ value: JSONValue?) -> [UInt8]? {
        switch value {
        case .string(let s)?: Array(s.utf8)
        case .number(_, let literal)?: Array(literal.utf8)
        case .bool(let b)?: Array((b ? "true" : "false").utf8)
        default: nil
        }
    }

    /// Text as PostgreSQL stores it: U+0000 becomes U+FFFD (text cannot hold it).
    static func postgresText(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for b in bytes {
            if b == 0 { out += [0xEF, 0xBF, 0xBD] } else { out.append(b) }
        }
        return out
    }

    /// The record as jsonb holds it: every U+0000 in keys and strings becomes U+FFFD.
    static func postgres(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s): .string(String(decoding: postgresText(Array(s.utf8)), as: UTF8.self))
        case .array(let elements): .array(elements.map(postgres))
        case .object(let members):
            .object(members.map { (key: String(decoding: postgresText(Array($0.key.utf8)), as: UTF8.self), value: postgres($0.value)) })
        default: value
        }
    }

    /// A text column as SQLite returns it (NUL kept).
    static func sqliteText(_ bytes: [UInt8]?) -> DatabaseValue {
        bytes.map { .text(String(decoding: $0, as: UTF8.self)) } ?? .null
    }
}
