import TextmillJSON
import TextmillPipeline

/// The `language` stage: adds `language` (ISO 639-1, a script suffix such as `zh-Hant` only
/// where the script matters), `language_score` (0…1) and `languages` (up to three candidates
/// with their scores, best first) from the text as the pipeline has it, newlines and all.
public struct LanguageStage: PipelineStage {
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

extension LanguageStage {
    /// `{"type": "language", "hints": ["bg"], "method": "combined"}`; `model` (fastText) is refused:
    /// this build has no fastText.
    public struct Definition: StageDefinition {
        public static let typeName = "language"
        public static let optionNames = ["hints", "method", "model"]
        /// The stop-word lists weighed as evidence (languages written with spaces between words).
        static let evidenceLanguages = [
            "bg", "ca", "cs", "de", "en", "es", "fr", "gl", "hr", "it", "mk", "nl", "pl", "pt", "ru", "sk", "sr", "uk",
        ]
        static let trigramProfile = "langid/trigrams.tsv"

        public let hints: [String]
        public let method: LanguageMethod
        let lists: [CurationModelFile]
        let profile: CurationModelFile

        public init(config r: ConfigReader) throws(ConfigError) {
            if r.value("model") != nil {
                throw r.fail("model", "fastText models are not supported: this textmill was built without fastText (the default method uses CLD2)")
            }
            hints = try r.strings("hints", default: [])
            for (i, hint) in hints.enumerated() where !CLD2Detector.knows(hint) {
                throw ConfigError(file: r.file, field: r.field("hints") + "[\(i)]", "\"\(hint)\" is not a language code CLD2 knows")
            }
            method = try r.choice("method", default: .combined)
            var lists: [CurationModelFile] = []
            for language in Self.evidenceLanguages { lists.append(try CurationModelFile.require("stopwords/\(language).txt", for: r)) }
            self.lists = lists
            profile = try CurationModelFile.require(Self.trigramProfile, for: r)
        }

        public var resolvedOptions: [(String, JSONValue)] {
            [("hints", .array(hints.map { .string($0) })), ("method", .string(method.rawValue))]
        }

        public var modelFiles: [String] { lists.map(\.written) + [profile.written] }

        public func makeStage() throws -> any PipelineStage {
            var stopwords: [String: Set<String>] = [:]
            for (language, list) in zip(Self.evidenceLanguages, lists) {
                stopwords[language] = LanguageIdentifier.parseList(try FileBytes.read(list.path))
            }
            let profiles = try TrigramProfiles(tsv: try FileBytes.read(profile.path))
            return LanguageStage(
                identifier: LanguageIdentifier(stopwords: stopwords, profiles: profiles, hints: hints, cld2Only: method == .cld2))
        }
    }
}
