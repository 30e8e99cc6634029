import TextmillJSON
import TextmillUnicode

/// UAX #29 sentence segmentation with ICU's sentence break iterator.
///
/// Each sentence's range excludes its trailing white space; white-space-only segments are dropped.
public struct SentenceSegmenter: PipelineStage, StageDefinition {
    public static let typeName = "sentences"
    public static let optionNames: [String] = ["locale"]
    public let locale: String

    public init(locale: String) throws {
        _ = try BreakIterator(.sentence, locale: locale)
        self.locale = locale
    }

    public init(config r: ConfigReader) throws(ConfigError) {
        let locale = try r.string("locale", default: "root")
        do { try self.init(locale: locale) } catch { throw r.stageError(error) }
    }

    public var resolvedOptions: [(String, JSONValue)] { [("locale", .string(locale))] }

    public func makeRunner() throws -> any StageRunner { Runner(try BreakIterator(.sentence, locale: locale)) }

    final class Runner: StageRunner {
        let iterator: BreakIterator
        init(_ iterator: BreakIterator) { self.iterator = iterator }

        func run(_ analysis: Analysis) throws {
            analysis.sentences.removeAll(keepingCapacity: true)
            let text = analysis.text
            try text.units.withUnsafeBufferPointer { units in
                try iterator.forEachSegment(in: units) { start, end, _ in
                    var trimmed = end
                    while trimmed > start {
                        var p = trimmed - 1
                        if isTrailSurrogate(units[p]) && p > start { p -= 1 }
                        if !CharacterProperties.isWhitespace(scalar(at: p, in: units).0) { break }
                        trimmed = p
                    }
                    if trimmed > start {
                        analysis.sentences.append(Sentence(range: start..<trimmed, origin: text.origin(of: start..<trimmed)))
                    }
                }
            }
        }
    }
}
