import TextmillJSON
import TextmillPipeline

/// The `quality_signals` stage: adds the `quality` field, an object of Gopher quality, Gopher
/// repetition, C4 and FineWeb signals (`QualitySignals`) computed on the current text, with the
/// pipeline's tokens (white space excluded) as the words. Put it after `words`, before stages
/// that change the text's case (Gopher's stop words match case-sensitively, as in datatrove).
public struct QualitySignalsStage: PipelineStage, StageDefinition {
    public static let typeName = "quality_signals"
    public static let optionNames = ["stop_words", "c4_min_words_per_line", "c4_max_word_length", "fineweb_short_line_length"]

    public let stopWords: [String]
    public let c4MinWordsPerLine: Int
    public let c4MaxWordLength: Int
    public let finewebShortLineLength: Int

    public init(config r: ConfigReader) throws(ConfigError) {
        stopWords = try r.strings("stop_words", default: QualitySignalComputer.gopherStopWords)
        c4MinWordsPerLine = try r.int("c4_min_words_per_line", default: 3, range: 0...1_000_000)
        c4MaxWordLength = try r.int("c4_max_word_length", default: 1000, range: 1...Int(Int32.max))
        finewebShortLineLength = try r.int("fineweb_short_line_length", default: 30, range: 0...1_000_000)
    }

    public var resolvedOptions: [(String, JSONValue)] {
        [
            ("stop_words", .array(stopWords.map { .string($0) })), ("c4_min_words_per_line", .integer(c4MinWordsPerLine)),
            ("c4_max_word_length", .integer(c4MaxWordLength)), ("fineweb_short_line_length", .integer(finewebShortLineLength)),
        ]
    }

    public var producedFields: [String] { ["quality"] }

    public func makeRunner() throws -> any StageRunner {
        let computer = try QualitySignalComputer(stopWords: stopWords)
        computer.c4MinWordsPerLine = c4MinWordsPerLine
        computer.c4MaxWordLength = c4MaxWordLength
        computer.finewebShortLineLength = finewebShortLineLength
        return Runner(computer: computer)
    }

    private final class Runner: StageRunner {
        let computer: QualitySignalComputer
        init(computer: QualitySignalComputer) { self.computer = computer }

        func run(_ analysis: Analysis) throws {
            let text = Array(analysis.text.units.withUnsafeBufferPointer { String(decoding: $0, as: UTF16.self) }.unicodeScalars)
            var words: [[Unicode.Scalar]] = []
            words.reserveCapacity(analysis.tokens.count)
            for token in analysis.tokens where token.type != .whitespace {
                words.append(Array(analysis.string(of: token).unicodeScalars))
            }
            let signals = computer.compute(text: text, words: words)
            // Not rounded: the filter compares these very values with its thresholds.
            analysis.features.append(("quality", .object(signals.fields)))
        }
    }
}
