import TextmillJSON
import TextmillUnicode

/// Locale-sensitive lowercasing (`tr`: `I` → `ı`; `lt`; Greek final sigma), word by word.
public struct Lowercasing: PipelineStage, StageDefinition {
    public static let typeName = "lowercase"
    public static let optionNames: [String] = ["locale"]
    public let locale: String

    public init(locale: String) { self.locale = locale }

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init(locale: try r.string("locale", default: "root"))
    }

    public var resolvedOptions: [(String, JSONValue)] { [("locale", .string(locale))] }

    public func makeRunner() throws -> any StageRunner { Runner(CaseMapper(.lower(locale: locale))) }

    final class Runner: StageRunner {
        let mapper: CaseMapper
        var chunks = ChunkedTransform(alignScalars: true)
        init(_ mapper: CaseMapper) { self.mapper = mapper }

        func run(_ analysis: Analysis) throws {
            try chunks.apply(to: analysis) { try mapper.map($0, appendingTo: &$1) }
        }
    }
}
