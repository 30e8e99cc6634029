import TextmillJSON
import TextmillPipeline

/// The `language` stage: adds `language` (ISO 639-1, a script suffix such as `zh-Hant` only
/// where the script matters), `language_score` (0…1) and `languages` (up to three candidates
/// with their scores, best first) from the text as the pipeline has it, newlines and all.
public struct LanguageStage: PipelineStage {
    public let identifier: any LanguageIdentifying

    public init(identifier: any LanguageIdentifying) { self.identifier = identifier }

    public var producedFields: [String] { ["language", "language_score", "languages"] }

    public func makeRunner() throws -> any StageRunner { Runner(identifier: identifier) }

    private final class Runner: StageRunner {
        let identifier: any LanguageIdentifying
        let workspace = LanguageWorkspace()
        init(identifier: any LanguageIdentifying) { self.identifier = identifier }

        func run(_ analysis: Analysis) throws {
            let guess = analysis.text.units.withUnsafeBufferPointer { identifier.identify(utf16: $0, workspace: workspace) }
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
    /// `{"type": "language", "hints": ["bg"], "method": "combined"}`, or with a fastText model
    /// `{"type": "language", "model": "lid.176.bin"}` (method `fasttext`, no CLD2).
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
        let profile: CurationModelFile?
        let model: (written: String, path: String)?

        public init(config r: ConfigReader) throws(ConfigError) {
            model = r.value("model") == nil ? nil : try r.modelFile("model")
            hints = try r.strings("hints", default: [])
            for (i, hint) in hints.enumerated() where !CLD2Detector.knows(hint) {
                throw ConfigError(file: r.file, field: r.field("hints") + "[\(i)]", "\"\(hint)\" is not a language code CLD2 knows")
            }
            method = try r.choice("method", default: model == nil ? .combined : .fasttext)
            if method == .fasttext {
                guard model != nil else { throw r.fail("method", "fasttext needs \"model\": the path of a fastText model file (lid.176.bin, GlotLID)") }
                if !hints.isEmpty { throw r.fail("hints", "hints are CLD2's; a fastText model takes none") }
                lists = []
                profile = nil
                return
            }
            if model != nil { throw r.fail("model", "a fastText model needs method \"fasttext\" (the default when model is given)") }
            var lists: [CurationModelFile] = []
            for language in Self.evidenceLanguages { lists.append(try CurationModelFile.require("stopwords/\(language).txt", for: r)) }
            self.lists = lists
            profile = try CurationModelFile.require(Self.trigramProfile, for: r)
        }

        public var resolvedOptions: [(String, JSONValue)] {
            if let model { return [("method", .string(method.rawValue)), ("model", .string(model.written))] }
            return [("hints", .array(hints.map { .string($0) })), ("method", .string(method.rawValue))]
        }

        public var modelFiles: [String] {
            if let model { return [model.written] }
            return lists.map(\.written) + (profile.map { [$0.written] } ?? [])
        }

        public func makeStage() throws -> any PipelineStage {
            if let model {
                return LanguageStage(identifier: FastTextIdentifier(model: try FastTextModel(path: model.path)))
            }
            var stopwords: [String: Set<String>] = [:]
            for (language, list) in zip(Self.evidenceLanguages, lists) {
                stopwords[language] = LanguageIdentifier.parseList(try FileBytes.read(list.path))
            }
            let profile = try TrigramProfiles(tsv: try FileBytes.read(self.profile!.path))
            return LanguageStage(
                identifier: LanguageIdentifier(stopwords: stopwords, profiles: profile, hints: hints, cld2Only: method == .cld2))
        }
    }
}
