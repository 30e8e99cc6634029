import TextmillJSON
/// Keeps URLs, e-mail addresses, @mentions and #hashtags whole: ICU's word breaker cuts
/// `https://x.org/a?b=c` into a dozen tokens; this stage replaces the tokens a `ChatPattern`
/// match overlaps with one token over the match (widened to whole tokens when a match ends
/// inside one), whose offsets come from the text's alignment, so they stay exact.
///
/// Runs after `words`, on the current text (so after normalization, as the tokens are). The
/// merged token's type is `word`, so type filters after it keep it.
public struct PatternTokenMerger: PipelineStage, StageDefinition {
    public static let typeName = "merge_patterns"
    public static let optionNames: [String] = ["kinds"]
    public let kinds: Set<ChatPattern>
    /// The kinds as the config listed them (the resolved form keeps their order).
    private let listed: [ChatPattern]

    public init(kinds: [ChatPattern] = ChatPattern.allCases) {
        self.kinds = Set(kinds)
        listed = kinds
    }

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init(kinds: try r.choices("kinds", default: ChatPattern.allCases))
    }

    public var resolvedOptions: [(String, JSONValue)] { [("kinds", .array(listed.map { .string($0.rawValue) }))] }

    public func makeRunner() throws -> any StageRunner {
        let kinds = self.kinds
        var merged: [Token] = []
        return ClosureRunner { analysis in
            let matches = analysis.text.units.withUnsafeBufferPointer { ChatPattern.scan($0, kinds: kinds) }
            if matches.isEmpty { return }
            merged.removeAll(keepingCapacity: true)
            var t = 0
            let tokens = analysis.tokens
            for match in matches {
                while t < tokens.count && (tokens[t].isStored || Int(tokens[t].end) <= match.range.lowerBound) {
                    merged.append(tokens[t])
                    t += 1
                }
                let first = t
                var start = match.range.lowerBound, end = match.range.upperBound
                while t < tokens.count && !tokens[t].isStored && Int(tokens[t].start) < match.range.upperBound {
                    start = min(start, Int(tokens[t].start))
                    end = max(end, Int(tokens[t].end))
                    t += 1
                }
                if t == first { continue }  // no token there (filtered out before this stage)
                // A widened span may reach tokens of the next match; they are absorbed too.
                while t < tokens.count && !tokens[t].isStored && Int(tokens[t].start) < end {
                    end = max(end, Int(tokens[t].end))
                    t += 1
                }
                merged.append(Token(start: start, end: end, origin: analysis.text.origin(of: start..<end), type: .word))
            }
            merged.append(contentsOf: tokens[t...])
            swap(&analysis.tokens, &merged)
        }
    }
}
