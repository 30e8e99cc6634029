/// A parsed JSON value whose strings and numbers are left as ranges into the source bytes.
///
/// Input lines are parsed on the hot path, where most fields are never looked at: keeping
/// ranges avoids decoding them, and the text field is later decoded straight into UTF-16.
/// A node is only meaningful together with the buffer it was parsed from.
public indirect enum JSONNode: Sendable {
    case null
    case bool(Bool)
    case number(Range<Int>)
    case string(JSONStringSpan)
    case array([JSONNode])
    case object([JSONMember])

    /// The JSON type name, for error messages ("expected a string, found a number").
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

    /// The source range this node spans, when it is a string or number (for raw copies).
    public var members: [JSONMember]? {
        if case .object(let m) = self { return m }
        return nil
    }
}

/// The bytes between a JSON string's quotes, still escaped.
public struct JSONStringSpan: Sendable {
    public let range: Range<Int>
    /// False when the raw bytes are the string's UTF-8 as they are (the common case).
    public let hasEscapes: Bool

    public init(range: Range<Int>, hasEscapes: Bool) {
        self.range = range
        self.hasEscapes = hasEscapes
    }
}

public struct JSONMember: Sendable {
    public let key: JSONStringSpan
    public let value: JSONNode
}
