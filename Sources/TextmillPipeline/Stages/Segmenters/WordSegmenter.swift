import TextmillJSON
import TextmillUnicode

/// UAX #29 word segmentation with ICU's word break iterator, including ICU's dictionary
/// segmentation of Chinese, Japanese, Thai, Khmer, Lao and Burmese.
///
/// Emits every segment, typed (see `TokenType`); a filter stage decides what to keep. ASCII
/// text is segmented without ICU where that gives ICU's exact answer (see `WordBreaker`).
public struct WordSegmenter: PipelineStage, StageDefinition {
    public static let typeName = "words"
    public static let optionNames: [String] = ["locale"]
    public let locale: String

    public init(locale: String) throws {
        _ = try BreakIterator(.word, locale: locale)  // fail at config time on a bad locale
        self.locale = locale
    }

    public init(config r: ConfigReader) throws(ConfigError) {
        let locale = try r.string("locale", default: "root")
        do { try self.init(locale: locale) } catch { throw r.stageError(error) }
    }

    public var resolvedOptions: [(String, JSONValue)] { [("locale", .string(locale))] }

    public func makeRunner() throws -> any StageRunner { Runner(try WordBreaker(BreakIterator(.word, locale: locale))) }

    final class Runner: StageRunner {
        let breaker: WordBreaker
        var types = SegmentTypeCache()
        init(_ breaker: WordBreaker) { self.breaker = breaker }

        func run(_ analysis: Analysis) throws {
            // Local buffers (swapped out and back): no uniqueness or exclusivity checks of class
            // properties per segment.
            var tokens: [Token] = []
            var types = SegmentTypeCache()
            swap(&tokens, &analysis.tokens)
            swap(&types, &self.types)
            defer {
                swap(&tokens, &analysis.tokens)
                swap(&types, &self.types)
            }
            tokens.removeAll(keepingCapacity: true)
            let text = analysis.text
            try text.units.withUnsafeBufferPointer { units in
                try breaker.forEachSegment(in: units) { start, end, status in
                    let type = status >= WordRuleStatus.noneLimit
                        ? TokenType.classify(ruleStatus: status, firstScalar: 0)
                        : types.noneStatusType(startingWith: units, at: start)
                    tokens.append(Token(start: start, end: end, origin: text.origin(of: start..<end), type: type))
                }
            }
        }
    }
}
