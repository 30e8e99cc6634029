import TextmillJSON
/// Keeps or drops tokens by type (e.g. drop white space and punctuation, keep emoji).
public struct TokenTypeFilter: PipelineStage, StageDefinition {
    public static let typeName = "filter_types"
    public static let optionNames: [String] = ["drop"]
    public let dropped: Set<TokenType>
    /// The types as the config listed them (the resolved form keeps their order).
    private let listed: [TokenType]

    public init(dropping dropped: [TokenType]) {
        self.dropped = Set(dropped)
        listed = dropped
    }

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init(dropping: try r.choices("drop", default: nil))
    }

    public var resolvedOptions: [(String, JSONValue)] { [("drop", .array(listed.map { .string($0.rawValue) }))] }

    public func makeRunner() throws -> any StageRunner {
        let dropMask = dropped.reduce(UInt32(0)) { $0 | $1.bit }
        return ClosureRunner { analysis in
            analysis.tokens.removeAll { dropMask & $0.type.bit != 0 }
        }
    }
}
