import TextmillPipeline

/// The `language` stage: adds `language` (ISO 639-1, a script suffix such as `zh-Hant` only
/// where the script matters), `language_score` (0…1) and `languages` (up to three candidates
/// with their scores, best first) from the text as the pipeline has it, newlines and all.
public struct LanguageStage: Featurizer {
    public let typeName = "language"
    public let identifier: LanguageIdentifier

    public init(identifier: LanguageIdentifier) { self.identifier = identifier }

    public var producedFields: [String] { ["language", "language_score", "languages"] }

    public func makeRunner() throws -> any StageRunner { Runner(identifier: identifier) }

    private final class Runner: StageRunner {
        let identifier: LanguageIdentifier
        init(identifier: LanguageIdentifier) { self.identifier = identifier }

        func run(_ analysis: Analysis) throws {
            let text = analysis.text.units.withUnsafeBufferPointer { String(decoding: $0, as: UTF16.self) }
            let guess = identifier.identify(text)
            analysis.features.append(("language", .string(guess.language)))
            analysis.features.append(("language_score", .double(Self.rounded(guess.score))))
            analysis.features.append(
                ("languages", .object(guess.candidates.map { (key: $0.language, value: .double(Self.rounded($0.score))) })))
        }

        /// Four decimals: enough to filter on, and stable across platforms' last-bit differences.
        static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
    }
}
