import TextmillCuration
import TextmillJSON
import TextmillPipeline

/// Parsing of the curation stages (`language`, `filter_language`).
extension StageSpec {
    /// The stop-word lists the `language` stage weighs (languages written with spaces between words).
    static let languageEvidenceLanguages = [
        "bg", "ca", "cs", "de", "en", "es", "fr", "gl", "hr", "it", "mk", "nl", "pl", "pt", "ru", "sk", "sr", "uk",
    ]
    static let trigramProfile = "langid/trigrams.tsv"

    /// `{"type": "language", "hints": ["bg"], "method": "combined"}`.
    static func parseLanguage(_ r: ConfigReader) throws(ConfigError) -> StageSpec {
        try r.rejectUnknown(allowed: ["type", "hints", "method", "model"])
        if r.value("model") != nil {
            throw r.fail("model", "fastText models are not supported: this textmill was built without fastText (use CLD2, the default)")
        }
        let hints = try r.strings("hints", default: [])
        for (i, hint) in hints.enumerated() where !CLD2Detector.knows(hint) {
            throw ConfigError(file: r.file, field: r.field("hints") + "[\(i)]", "\"\(hint)\" is not a language code CLD2 knows")
        }
        let method: LanguageMethod = try r.choice("method", default: .combined)
        let directory = directoryName(r.file)
        var listFiles: [String] = []
        var paths: [String] = []
        for language in languageEvidenceLanguages {
            guard let found = StopwordLists.find(language, near: directory) else {
                throw r.fail("type", "the language stage needs stopwords/\(language).txt (in the models folder)")
            }
            listFiles.append(found.relativeOrAbsolute)
            paths.append(found.path)
        }
        guard let profile = StopwordLists.findModel(trigramProfile, near: directory) else {
            throw r.fail("type", "the language stage needs \(trigramProfile) (in the models folder)")
        }
        return .language(
            hints: hints, method: method, listFiles: listFiles + [profile.relativeOrAbsolute], paths: paths,
            profilePath: profile.path)
    }

    /// `{"type": "filter_language", "languages": ["en", "de"], "min_score": 0.65}`.
    static func parseFilterLanguage(_ r: ConfigReader) throws(ConfigError) -> StageSpec {
        try r.rejectUnknown(allowed: ["type", "languages", "min_score"])
        let keep = try r.strings("languages", default: [])
        let minScore = try r.double("min_score", default: 0.65, range: 0...1)
        return .filterLanguage(keep: keep, minScore: minScore)
    }

    static func makeLanguageStage(hints: [String], method: LanguageMethod, paths: [String], profilePath: String) throws -> any PipelineStage {
        var lists: [String: Set<String>] = [:]
        for (language, path) in zip(languageEvidenceLanguages, paths) {
            lists[language] = LanguageIdentifier.parseList(try FileBytes.read(path))
        }
        let profiles = try TrigramProfiles(tsv: try FileBytes.read(profilePath))
        return LanguageStage(
            identifier: LanguageIdentifier(stopwords: lists, profiles: profiles, hints: hints, cld2Only: method == .cld2))
    }

    /// Stages that read what an earlier stage made must come after it.
    static func checkOrder(_ specs: [StageSpec], file: String) throws(ConfigError) {
        var sawLanguage = false
        for (i, spec) in specs.enumerated() {
            switch spec {
            case .language: sawLanguage = true
            case .filterLanguage where !sawLanguage:
                throw ConfigError(file: file, field: "stages[\(i)]", "filter_language needs a language stage before it")
            default: break
            }
        }
    }
}

/// How the `language` stage decides.
enum LanguageMethod: String, CaseIterable, Sendable {
    /// CLD2 with script, stop-word and trigram evidence (the default).
    case combined
    /// CLD2's answer alone.
    case cld2
}

extension ConfigReader {
    /// A number in `range`.
    func double(_ key: String, default fallback: Double?, range: ClosedRange<Double>) throws(ConfigError) -> Double {
        guard let v = value(key) else {
            if let fallback { return fallback }
            throw fail(key, "required number is missing")
        }
        guard case .number(let d, _) = v else { throw fail(key, "expected a number, found \(v.jsonText)") }
        guard range.contains(d) else { throw fail(key, "\(v.jsonText) is outside \(range.lowerBound)...\(range.upperBound)") }
        return d
    }
}

extension StopwordLists {
    /// Any model file by its path inside the models folder: beside the config, else in the models folder.
    static func findModel(_ local: String, near directory: String) -> Found? {
        if FileBytes.exists(directory + "/" + local) { return Found(relativeOrAbsolute: local, path: directory + "/" + local) }
        if let catalog = PresetCatalog.locate() {
            let path = PipelineConfig.absolute(catalog.directory + "/" + local)
            if FileBytes.exists(path) { return Found(relativeOrAbsolute: path, path: path) }
        }
        return nil
    }
}
