import TextmillJSON
import TextmillPipeline

/// The `filter_language` stage: drops a document whose `language` (from a `language` stage
/// before it) is not in `keep` or whose `language_score` is below `minScore`, recording why.
/// `keep` entries without a script suffix match any script (`zh` keeps `zh-Hant`); an empty
/// `keep` accepts every language.
public struct LanguageFilter: PipelineStage, StageDefinition {
    public static let typeName = "filter_language"
    public static let optionNames = ["languages", "min_score"]
    public let keep: [String]
    public let minScore: Double

    public init(keep: [String], minScore: Double) {
        self.keep = keep
        self.minScore = minScore
    }

    /// `{"type": "filter_language", "languages": ["en", "de"], "min_score": 0.65}` (datatrove's threshold).
    public init(config r: ConfigReader) throws(ConfigError) {
        keep = try r.strings("languages", default: [])
        minScore = try r.double("min_score", default: 0.65, range: 0...1)
    }

    public var resolvedOptions: [(String, JSONValue)] {
        [("languages", .array(keep.map { .string($0) })), ("min_score", .decimal(minScore))]
    }

    public var requiredFields: [String] { ["language", "language_score"] }

    public var mayReject: Bool { true }

    public func makeRunner() throws -> any StageRunner { Runner(filter: self) }

    /// Whether `language` passes the keep list.
    public func keeps(_ language: String) -> Bool {
        keep.isEmpty || keep.contains(language) || keep.contains(LanguageCode.base(language))
    }

    private final class Runner: StageRunner {
        let filter: LanguageFilter
        init(filter: LanguageFilter) { self.filter = filter }

        func run(_ analysis: Analysis) throws {
            guard case .string(let language)? = analysis.feature(named: "language"),
                case .double(let score)? = analysis.feature(named: "language_score")
            else {
                throw PipelineError("filter_language needs a language stage before it")
            }
            var reasons: [String] = []
            if !filter.keeps(language) { reasons.append("language") }
            if score < filter.minScore { reasons.append("language_score") }
            guard !reasons.isEmpty else { return }
            analysis.rejection = Rejection(
                reasons: reasons, values: [(key: "language", value: .string(language)), (key: "language_score", value: .double(score))])
        }
    }
}
