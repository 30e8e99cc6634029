import TextmillUnicode

/// UAX #29 sentence segmentation with ICU's sentence break iterator.
///
/// Each sentence's range excludes its trailing white space; white-space-only segments are dropped.
public struct SentenceSegmenter: Segmenter {
    public let locale: String
    public let typeName = "sentences"

    public init(locale: String) throws {
        _ = try BreakIterator(.sentence, locale: locale)
        self.locale = locale
    }

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
