import TextmillPipeline

/// The `filter_language` stage: drops a document whose `language` (from a `language` stage
/// before it) is not in `keep` or whose `language_score` is below `minScore`, recording why.
/// `keep` entries without a script suffix match any script (`zh` keeps `zh-Hant`); an empty
/// `keep` accepts every language.
public struct LanguageFilter: TokenFilter {
    public let typeName = "filter_language"
    public let keep: [String]
    public let minScore: Double

    public init(keep: [String], minScore: Double) {
        self.keep = keep
        self.minScore = minScore
    }

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
