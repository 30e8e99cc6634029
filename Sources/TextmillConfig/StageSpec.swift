import TextmillJSON
import TextmillPipeline
import TextmillUnicode

/// One entry of a config's `stages` list, tagged by `"type"`.
///
/// This is the one place that maps config types to stage implementations: adding a stage means
/// one case here (its parsing and its `makeStage`) and one file for the stage itself.
enum StageSpec {
    case repairUTF8
    case stripControls
    case collapseWhitespace
    case normalize(UnicodeNormalizer.Form)
    case casefold
    case lowercase(locale: String)
    case transliterate(id: String)
    case words(locale: String)
    case sentences(locale: String)
    case filterTypes(drop: [TokenType])

    static let typeNames = [
        "repair_utf8", "strip_controls", "collapse_whitespace", "normalize", "casefold", "lowercase",
        "transliterate", "words", "sentences", "filter_types",
    ]

    /// Parses and validates one stage object.
    static func parse(_ value: JSONValue, file: String, path: String) throws(ConfigError) -> StageSpec {
        let r = try ConfigReader(value, file: file, path: path)
        let type = try r.string("type")
        switch type {
        case "repair_utf8":
            try r.rejectUnknown(allowed: ["type"])
            return .repairUTF8
        case "strip_controls":
            try r.rejectUnknown(allowed: ["type"])
            return .stripControls
        case "collapse_whitespace":
            try r.rejectUnknown(allowed: ["type"])
            return .collapseWhitespace
        case "normalize":
            try r.rejectUnknown(allowed: ["type", "form"])
            return .normalize(try r.choice("form", default: nil))
        case "casefold":
            try r.rejectUnknown(allowed: ["type"])
            return .casefold
        case "lowercase":
            try r.rejectUnknown(allowed: ["type", "locale"])
            return .lowercase(locale: try r.string("locale", default: "root"))
        case "transliterate":
            try r.rejectUnknown(allowed: ["type", "id"])
            return .transliterate(id: try r.string("id"))
        case "words":
            try r.rejectUnknown(allowed: ["type", "locale"])
            return .words(locale: try r.string("locale", default: "root"))
        case "sentences":
            try r.rejectUnknown(allowed: ["type", "locale"])
            return .sentences(locale: try r.string("locale", default: "root"))
        case "filter_types":
            try r.rejectUnknown(allowed: ["type", "drop"])
            return .filterTypes(drop: try r.choices("drop", default: nil))
        default:
            throw r.fail("type", "\"\(type)\" is not a stage type (allowed: \(typeNames.joined(separator: ", ")))")
        }
    }

    /// Builds the stage; `fail` turns a library error (bad locale, bad transliterator ID) into a config error.
    func makeStage(fail: (String) -> ConfigError) throws(ConfigError) -> any PipelineStage {
        do {
            switch self {
            case .repairUTF8: return InvalidUTF8Repair()
            case .stripControls: return ControlCharacterStripper()
            case .collapseWhitespace: return WhitespaceCollapser()
            case .normalize(let form): return UnicodeNormalization(form: form)
            case .casefold: return CaseFolding()
            case .lowercase(let locale): return Lowercasing(locale: locale)
            case .transliterate(let id): return try Transliteration(id: id)
            case .words(let locale): return try WordSegmenter(locale: locale)
            case .sentences(let locale): return try SentenceSegmenter(locale: locale)
            case .filterTypes(let drop): return TokenTypeFilter(dropping: Set(drop))
            }
        } catch {
            throw fail("\(error)")
        }
    }

    /// The stage with every default filled in, for the fingerprint and `textmill presets --show`.
    var resolved: JSONValue {
        func obj(_ type: String, _ rest: [(String, JSONValue)] = []) -> JSONValue {
            .object([("type", .string(type))] + rest.map { (key: $0.0, value: $0.1) })
        }
        switch self {
        case .repairUTF8: return obj("repair_utf8")
        case .stripControls: return obj("strip_controls")
        case .collapseWhitespace: return obj("collapse_whitespace")
        case .normalize(let form): return obj("normalize", [("form", .string(form.rawValue))])
        case .casefold: return obj("casefold")
        case .lowercase(let locale): return obj("lowercase", [("locale", .string(locale))])
        case .transliterate(let id): return obj("transliterate", [("id", .string(id))])
        case .words(let locale): return obj("words", [("locale", .string(locale))])
        case .sentences(let locale): return obj("sentences", [("locale", .string(locale))])
        case .filterTypes(let drop): return obj("filter_types", [("drop", .array(drop.map { .string($0.rawValue) }))])
        }
    }

    /// Model files this stage reads, relative to the config's directory (hashed into the fingerprint).
    var modelFiles: [String] { [] }
}

