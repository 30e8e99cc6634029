import TextmillJSON

/// Which fields a record carries, in which order, and how offsets are counted.
public struct OutputSpec: Sendable, Equatable {
    public var fields: [OutputField]
    public var offsetUnit: OriginalText.OffsetUnit

    public init(fields: [OutputField], offsetUnit: OriginalText.OffsetUnit = .codepoints) {
        self.fields = fields
        self.offsetUnit = offsetUnit
    }
}

/// One field of an output record.
public enum OutputField: Sendable, Equatable, CustomStringConvertible {
    /// The document's id (the input's id field, or its 1-based line number).
    case id
    /// The text after cleaning and normalization.
    case text
    /// Token strings.
    case tokens
    /// `[start, end)` of each token in the original text.
    case offsets
    /// Each token's `TokenType`.
    case types
    /// `[start, end)` of each sentence in the original text.
    case sentences
    /// A field added by a featurizer.
    case feature(String)

    public static let builtInNames = ["id", "text", "tokens", "offsets", "types", "sentences"]

    public init(name: String) {
        switch name {
        case "id": self = .id
        case "text": self = .text
        case "tokens": self = .tokens
        case "offsets": self = .offsets
        case "types": self = .types
        case "sentences": self = .sentences
        default: self = .feature(name)
        }
    }

    public var description: String {
        switch self {
        case .id: "id"
        case .text: "text"
        case .tokens: "tokens"
        case .offsets: "offsets"
        case .types: "types"
        case .sentences: "sentences"
        case .feature(let name): name
        }
    }
}
