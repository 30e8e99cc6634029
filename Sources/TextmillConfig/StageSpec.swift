import TextmillJSON
import TextmillPipeline
import TextmillUnicode
import TextmillCuration

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
    case ngrams(range: ClosedRange<Int>)
    case charNGrams(range: ClosedRange<Int>)
    case hashing(nFeatures: Int, alternateSign: Bool, norm: VectorNorm, prefix: String)
    /// `vocab` as written in the config (relative to its folder), `vocabPath` where it is.
    case wordpiece(vocab: String, vocabPath: String, options: WordPieceTokenizer.Options)
    case tfidf(vocab: String, vocabPath: String, sublinearTF: Bool, norm: VectorNorm, prefix: String)
    /// `files` as written; `listFiles` every list (languages' too) relative to the config's
    /// folder or absolute, for the fingerprint; `paths` the same, openable.
    case stopwords(languages: [String], files: [String], listFiles: [String], paths: [String], words: [String])
    case tokenLength(min: Int, max: Int?)
    case mergePatterns(kinds: [ChatPattern])
    case chatFeatures
    /// `listFiles` the stop-word lists and trigram profile as hashed into the fingerprint, `paths` the lists, openable.
    case language(hints: [String], method: LanguageMethod, listFiles: [String], paths: [String], profilePath: String)
    case filterLanguage(keep: [String], minScore: Double)

    static let typeNames = [
        "repair_utf8", "strip_controls", "collapse_whitespace", "normalize", "casefold", "lowercase",
        "transliterate", "words", "sentences", "filter_types",
        "ngrams", "char_ngrams", "hashing", "wordpiece", "tfidf", "stopwords", "token_length", "merge_patterns", "chat_features",
        "language", "filter_language",
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
        case "ngrams":
            try r.rejectUnknown(allowed: ["type", "range"])
            return .ngrams(range: try r.range("range", default: 1...2, limit: 16))
        case "char_ngrams":
            try r.rejectUnknown(allowed: ["type", "range"])
            return .charNGrams(range: try r.range("range", default: nil, limit: 32))
        case "hashing":
            try r.rejectUnknown(allowed: ["type", "n_features", "alternate_sign", "norm", "field_prefix"])
            return .hashing(
                nFeatures: try r.int("n_features", default: 1 << 20, range: 1...Int(Int32.max)),
                alternateSign: try r.bool("alternate_sign", default: true),
                norm: try r.choice("norm", default: .l2),
                prefix: try r.string("field_prefix", default: ""))
        case "wordpiece":
            return try parseWordPiece(r)
        case "stopwords":
            return try parseStopwords(r)
        case "merge_patterns":
            try r.rejectUnknown(allowed: ["type", "kinds"])
            return .mergePatterns(kinds: try r.choices("kinds", default: ChatPattern.allCases))
        case "chat_features":
            try r.rejectUnknown(allowed: ["type"])
            return .chatFeatures
        case "language":
            return try parseLanguage(r)
        case "filter_language":
            return try parseFilterLanguage(r)
        case "token_length":
            try r.rejectUnknown(allowed: ["type", "min", "max"])
            let min = try r.int("min", default: 1, range: 0...Int(Int32.max))
            let max = try r.optionalInt("max", range: 1...Int(Int32.max))
            if let max, max < min { throw r.fail("max", "\(max) is below min \(min)") }
            return .tokenLength(min: min, max: max)
        case "tfidf":
            try r.rejectUnknown(allowed: ["type", "vocab", "sublinear_tf", "norm", "field_prefix"])
            let (vocab, path) = try modelFile(r, "vocab")
            return .tfidf(
                vocab: vocab, vocabPath: path, sublinearTF: try r.bool("sublinear_tf", default: false),
                norm: try r.choice("norm", default: .l2), prefix: try r.string("field_prefix", default: ""))
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
            case .ngrams(let range): return WordNGrams(range: range)
            case .charNGrams(let range): return CharNGrams(range: range)
            case .hashing(let n, let alternate, let norm, let prefix):
                return FeatureHashing(nFeatures: n, alternateSign: alternate, norm: norm, prefix: prefix)
            case .wordpiece(_, let path, let options):
                return try WordPieceTokenizer(vocabulary: WordPieceVocabulary(bytes: FileBytes.read(path)), options: options)
            case .stopwords(_, _, _, let paths, let words):
                return try StopwordFilter(lists: paths.map { try FileBytes.read($0) }, extra: words)
            case .tokenLength(let min, let max):
                return TokenLengthFilter(minLength: min, maxLength: max ?? Int(Int32.max))
            case .mergePatterns(let kinds): return PatternTokenMerger(kinds: Set(kinds))
            case .chatFeatures: return ChatFeatures()
            case .language(let hints, let method, _, let paths, let profilePath):
                return try Self.makeLanguageStage(hints: hints, method: method, paths: paths, profilePath: profilePath)
            case .filterLanguage(let keep, let minScore): return LanguageFilter(keep: keep, minScore: minScore)
            case .tfidf(_, let path, let sublinear, let norm, let prefix):
                let vocabulary: TermVocabulary
                do { vocabulary = try TermVocabulary(bytes: FileBytes.read(path)) } catch { throw PipelineError("\(path): \(error)") }
                return TFIDFFeaturizer(vocabulary: vocabulary, sublinearTF: sublinear, norm: norm, prefix: prefix)
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
        case .ngrams(let range): return obj("ngrams", [("range", intPair(range))])
        case .charNGrams(let range): return obj("char_ngrams", [("range", intPair(range))])
        case .hashing(let n, let alternate, let norm, let prefix):
            return obj("hashing", [
                ("n_features", int(n)), ("alternate_sign", .bool(alternate)), ("norm", .string(norm.rawValue)),
                ("field_prefix", .string(prefix)),
            ])
        case .wordpiece(let vocab, _, let o):
            return obj("wordpiece", [
                ("vocab", .string(vocab)), ("lowercase", .bool(o.lowercase)),
                ("strip_accents", .bool(o.stripAccents ?? o.lowercase)),
                ("max_input_chars_per_word", int(o.maxInputCharsPerWord)),
                ("continuation_prefix", .string(o.continuationPrefix)), ("unk_token", .string(o.unkToken)),
                ("cls_token", .string(o.clsToken)), ("sep_token", .string(o.sepToken)),
                ("pad_token", .string(o.padToken)), ("mask_token", .string(o.maskToken)),
                ("add_special_tokens", .bool(o.addSpecialTokens)),
                ("max_length", o.maxLength.map(int) ?? .null), ("padding", .bool(o.padding)),
            ])
        case .stopwords(let languages, let files, _, _, let words):
            return obj("stopwords", [
                ("languages", .array(languages.map { .string($0) })), ("files", .array(files.map { .string($0) })),
                ("words", .array(words.map { .string($0) })),
            ])
        case .tokenLength(let min, let max):
            return obj("token_length", [("min", int(min)), ("max", max.map(int) ?? .null)])
        case .mergePatterns(let kinds): return obj("merge_patterns", [("kinds", .array(kinds.map { .string($0.rawValue) }))])
        case .chatFeatures: return obj("chat_features")
        case .language(let hints, let method, _, _, _):
            return obj("language", [("hints", .array(hints.map { .string($0) })), ("method", .string(method.rawValue))])
        case .filterLanguage(let keep, let minScore):
            return obj("filter_language", [
                ("languages", .array(keep.map { .string($0) })), ("min_score", .number(minScore, literal: "\(minScore)")),
            ])
        case .tfidf(let vocab, _, let sublinear, let norm, let prefix):
            return obj("tfidf", [
                ("vocab", .string(vocab)), ("sublinear_tf", .bool(sublinear)), ("norm", .string(norm.rawValue)),
                ("field_prefix", .string(prefix)),
            ])
        }
    }

    private func int(_ n: Int) -> JSONValue { .number(Double(n), literal: "\(n)") }
    private func intPair(_ r: ClosedRange<Int>) -> JSONValue { .array([int(r.lowerBound), int(r.upperBound)]) }

    /// Model files this stage reads, relative to the config's directory (hashed into the fingerprint).
    var modelFiles: [String] {
        switch self {
        case .wordpiece(let vocab, _, _): [vocab]
        case .tfidf(let vocab, _, _, _, _): [vocab]
        case .stopwords(_, _, let listFiles, _, _): listFiles
        case .language(_, _, let listFiles, _, _): listFiles
        default: []
        }
    }
}

