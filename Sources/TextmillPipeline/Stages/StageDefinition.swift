import TextmillJSON

/// How a pipeline stage is written in a config: its `"type"`, its options and their defaults,
/// the model files it reads, and how it is built.
///
/// Each stage's file owns its definition, usually by making the stage type itself conform; the
/// one list of definitions is `StageRegistry` in TextmillConfig. Adding a stage is one file
/// plus one line there.
public protocol StageDefinition: Sendable {
    /// The config `"type"`, e.g. `"normalize"`. It appears in exactly one source file.
    static var typeName: String { get }
    /// The option keys besides `"type"`; any other key is refused with a message listing these.
    static var optionNames: [String] { get }
    /// Parses and validates the stage object (its keys were already checked against
    /// `optionNames`). Errors name the field: `r.fail("form", "…")`.
    init(config r: ConfigReader) throws(ConfigError)
    /// Every option, defaults filled in, in a fixed order: what the fingerprint hashes and
    /// `presets --show` prints. Parsing it back gives the same definition.
    var resolvedOptions: [(String, JSONValue)] { get }
    /// Model files the stage reads, as written in the config (relative to its folder or
    /// absolute), hashed into the fingerprint.
    var modelFiles: [String] { get }
    /// Builds the stage: loads its models and checks what only building can (ICU locales).
    func makeStage() throws -> any PipelineStage
}

extension StageDefinition {
    public var modelFiles: [String] { [] }

    /// The canonical stage object: `{"type": …, <resolved options>…}`.
    public var resolved: JSONValue {
        .object([(key: "type", value: .string(Self.typeName))] + resolvedOptions.map { (key: $0.0, value: $0.1) })
    }
}

extension StageDefinition where Self: PipelineStage {
    /// A stage that is its own definition is built by parsing it.
    public func makeStage() throws -> any PipelineStage { self }
}

extension JSONValue {
    /// An integer option value, written as an integer.
    public static func integer(_ n: Int) -> JSONValue { .number(Double(n), literal: "\(n)") }

    /// An `[min, max]` option value.
    public static func integerPair(_ range: ClosedRange<Int>) -> JSONValue {
        .array([.integer(range.lowerBound), .integer(range.upperBound)])
    }
}
