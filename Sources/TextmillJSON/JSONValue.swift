/// An owned, fully decoded JSON value, for configs and other small documents off the hot path.
///
/// Objects keep their members in source order (configs are echoed back in fingerprints and
/// error messages, where order matters to a reader).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double, literal: String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x, _), .number(let y, _)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// Parses a complete JSON text.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(JSONParseError) {
                let node = try JSONParser.parse(buffer)
                return .success(JSONValue(node, in: buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Materializes a parsed node.
    public init(_ node: JSONNode, in bytes: UnsafeBufferPointer<UInt8>) {
        switch node {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let r):
            let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
            self = .number(Double(literal) ?? .nan, literal: literal)
        case .string(let s): self = .string(JSONStringDecoding.decodeString(s, in: bytes))
        case .array(let items): self = .array(items.map { JSONValue($0, in: bytes) })
        case .object(let members):
            self = .object(members.map { (JSONStringDecoding.decodeString($0.key, in: bytes), JSONValue($0.value, in: bytes)) })
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var doubleValue: Double? { if case .number(let d, _) = self { d } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var objectValue: [(key: String, value: JSONValue)]? { if case .object(let o) = self { o } else { nil } }

    /// The value as an exact integer, when it is a number without a fractional part.
    public var intValue: Int? {
        guard case .number(let d, _) = self, d.rounded() == d, abs(d) < 9.0e15 else { return nil }
        return Int(d)
    }

    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONWriter {
    /// Writes a value; numbers keep their source literal so that they round-trip unchanged.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(_, let literal): raw(literal.utf8)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for (i, item) in items.enumerated() {
                if i > 0 { comma() }
                self.value(item)
            }
            endArray()
        case .object(let members):
            beginObject()
            for (i, member) in members.enumerated() {
                if i > 0 { comma() }
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }
}

extension JSONValue {
    /// Compact JSON text of the value.
    public var jsonText: String {
        var writer = JSONWriter()
        writer.value(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
