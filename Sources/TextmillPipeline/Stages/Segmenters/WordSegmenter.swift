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

    public func makeRunner() throws -> any StageRunner { try makeRunner(dropping: []) }

    /// A runner that leaves out the segments of the types in `dropped`: the tokens a
    /// `filter_types` stage right after this one would leave, without storing and then removing
    /// the others (white space and punctuation are about half of all segments).
    public func makeRunner(dropping dropped: Set<TokenType>) throws -> any StageRunner {
        Runner(try WordBreaker(BreakIterator(.word, locale: locale)), dropMask: dropped.reduce(0) { $0 | $1.bit })
    }

    final class Runner: StageRunner {
        let breaker: WordBreaker
        var types = SegmentTypeCache()
        /// `TokenType.bit`s of the types not emitted.
        let dropMask: UInt32
        /// Whether every type of segments without a word status is dropped: those need no
        /// classifying then.
        let dropsNoneStatus: Bool

        init(_ breaker: WordBreaker, dropMask: UInt32) {
            self.breaker = breaker
            self.dropMask = dropMask
            let noneStatusMask = TokenType.allCases.filter(\.isNoneStatus).reduce(UInt32(0)) { $0 | $1.bit }
            dropsNoneStatus = dropMask & noneStatusMask == noneStatusMask
        }

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
            let dropMask = dropMask
            let dropsNoneStatus = dropsNoneStatus
            try text.units.withUnsafeBufferPointer { units in
                try breaker.forEachSegment(in: units) { start, end, status in
                    let type: TokenType
                    if status >= WordRuleStatus.noneLimit {
                        type = TokenType.classify(ruleStatus: status, firstScalar: 0)
                    } else {
                        if dropsNoneStatus { return }
                        type = types.noneStatusType(startingWith: units, at: start)
                    }
                    if dropMask & type.bit != 0 { return }
                    tokens.append(Token(start: start, end: end, origin: text.origin(of: start..<end), type: type))
                }
            }
        }
    }
}
