import TextmillJSON
/// Accepts documents with invalid UTF-8 by replacing each maximal invalid sequence with U+FFFD.
///
/// The replacement itself happens while decoding (nothing else could read the text); this stage
/// is the pipeline's consent to it. Without it, such a document becomes an `invalid_utf8` error
/// record. Replacements are counted in the run summary.
public struct InvalidUTF8Repair: PipelineStage, StageDefinition {
    public static let typeName = "repair_utf8"
    public static let optionNames: [String] = []
    public init() {}

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init()
    }

    public var resolvedOptions: [(String, JSONValue)] { [] }

    public func makeRunner() throws -> any StageRunner { ClosureRunner { _ in } }
}
