import TextmillJSON
import TextmillPipeline

/// The `filter_quality` stage: drops a document by any of the `quality` signals (from a
/// `quality_signals` stage before it), with datatrove's default thresholds and its reason
/// names (`gopher_short_doc`, `dup_line_frac`, `top_2_gram`, `too_few_sentences`,
/// `line_punct_ratio`, …). Every failing test is a reason, not only the first. A threshold set
/// to null is off; as in datatrove, 0 also turns off the Gopher thresholds.
public struct QualityFilter: PipelineStage, StageDefinition {
    public static let typeName = "filter_quality"

    /// The four families; `checks` picks which apply.
    public enum Family: String, CaseIterable, Sendable {
        case gopherQuality = "gopher_quality", gopherRepetition = "gopher_repetition", c4, fineweb
    }

    /// Threshold options with datatrove's defaults, in datatrove's order.
    static let thresholdDefaults: [(String, Double)] = [
        ("min_doc_words", 50), ("max_doc_words", 100_000), ("min_avg_word_length", 3), ("max_avg_word_length", 10),
        ("max_symbol_word_ratio", 0.1), ("max_bullet_lines_ratio", 0.9), ("max_ellipsis_lines_ratio", 0.3),
        ("max_non_alpha_words_ratio", 0.8), ("min_stop_words", 2),
        ("dup_para_frac", 0.3), ("dup_para_char_frac", 0.2), ("dup_line_frac", 0.3), ("dup_line_char_frac", 0.2),
        ("top_2_gram", 0.2), ("top_3_gram", 0.18), ("top_4_gram", 0.16),
        ("dup_5_grams", 0.15), ("dup_6_grams", 0.14), ("dup_7_grams", 0.13), ("dup_8_grams", 0.12),
        ("dup_9_grams", 0.11), ("dup_10_grams", 0.10),
        ("min_num_sentences", 5),
        ("line_punct_thr", 0.12), ("short_line_thr", 0.67), ("char_duplicates_ratio", 0.01), ("new_line_ratio", 0.3),
    ]
    static let flagOptions: [(String, Bool)] = [
        ("filter_lorem_ipsum", true), ("filter_curly_bracket", true), ("line_punct_exclude_zero", false),
    ]
    public static let optionNames = ["checks"] + thresholdDefaults.map(\.0) + flagOptions.map(\.0)

    public let checks: [Family]
    /// nil: off.
    public let thresholds: [String: Double?]
    public let flags: [String: Bool]

    public init(config r: ConfigReader) throws(ConfigError) {
        checks = try r.choices("checks", default: Family.allCases)
        var thresholds: [String: Double?] = [:]
        for (name, fallback) in Self.thresholdDefaults {
            if let v = r.value(name), v == .null {
                thresholds[name] = .some(nil)
            } else {
                thresholds[name] = try r.double(name, default: fallback, range: -1...Double(Int32.max))
            }
        }
        self.thresholds = thresholds
        var flags: [String: Bool] = [:]
        for (name, fallback) in Self.flagOptions { flags[name] = try r.bool(name, default: fallback) }
        self.flags = flags
    }

    public var resolvedOptions: [(String, JSONValue)] {
        [("checks", .array(checks.map { .string($0.rawValue) }))]
            + Self.thresholdDefaults.map { name, _ in (name, (thresholds[name] ?? nil).map(JSONValue.decimal) ?? .null) }
            + Self.flagOptions.map { name, _ in (name, .bool(flags[name] ?? false)) }
    }

    public var requiredFields: [String] { ["quality"] }

    public var mayReject: Bool { true }

    public func makeRunner() throws -> any StageRunner { Runner(filter: self) }

    /// The reasons `signals` fail, each with the value judged, in datatrove's order.
    public func failures(_ q: [String: Double]) -> [(reason: String, signal: String)] {
        var out: [(String, String)] = []
        func limit(_ name: String) -> Double? { thresholds[name] ?? nil }
        /// Gopher and repetition thresholds are off when 0 (datatrove tests them for truth).
        func truthy(_ name: String) -> Double? { limit(name).flatMap { $0 == 0 ? nil : $0 } }
        func v(_ key: String) -> Double { q[key] ?? 0 }
        if checks.contains(.gopherQuality) {
            let words = v("gopher_words")
            if let t = truthy("min_doc_words"), words < t { out.append(("gopher_short_doc", "gopher_words")) }
            if let t = truthy("max_doc_words"), words > t { out.append(("gopher_long_doc", "gopher_words")) }
            if let t = truthy("min_avg_word_length"), v("gopher_mean_word_length") < t {
                out.append(("gopher_below_avg_threshold", "gopher_mean_word_length"))
            }
            if let t = truthy("max_avg_word_length"), v("gopher_mean_word_length") > t {
                out.append(("gopher_above_avg_threshold", "gopher_mean_word_length"))
            }
            if let t = truthy("max_symbol_word_ratio") {
                if v("gopher_hash_ratio") > t { out.append(("gopher_too_many_hashes", "gopher_hash_ratio")) }
                if v("gopher_ellipsis_ratio") > t { out.append(("gopher_too_many_ellipsis", "gopher_ellipsis_ratio")) }
            }
            if let t = truthy("max_bullet_lines_ratio"), v("gopher_bullet_lines_ratio") > t {
                out.append(("gopher_too_many_bullets", "gopher_bullet_lines_ratio"))
            }
            if let t = truthy("max_ellipsis_lines_ratio"), v("gopher_ellipsis_lines_ratio") > t {
                out.append(("gopher_too_many_end_ellipsis", "gopher_ellipsis_lines_ratio"))
            }
            if let t = truthy("max_non_alpha_words_ratio"), v("gopher_alpha_words_ratio") < t {
                out.append(("gopher_below_alpha_threshold", "gopher_alpha_words_ratio"))
            }
            if let t = truthy("min_stop_words"), v("gopher_stop_words") < t { out.append(("gopher_enough_stop_words", "gopher_stop_words")) }
        }
        if checks.contains(.gopherRepetition) {
            for (option, signal) in [
                ("dup_para_frac", "dup_para_frac"), ("dup_para_char_frac", "dup_para_char_frac"),
                ("dup_line_frac", "dup_line_frac"), ("dup_line_char_frac", "dup_line_char_frac"),
            ] {
                if let t = truthy(option), v(signal) > t { out.append((option, signal)) }
            }
            for n in QualitySignals.topNGramSizes {
                if let t = limit("top_\(n)_gram"), v("top_\(n)_gram_char_frac") > t { out.append(("top_\(n)_gram", "top_\(n)_gram_char_frac")) }
            }
            for n in QualitySignals.duplicateNGramSizes {
                if let t = limit("dup_\(n)_grams"), v("dup_\(n)_gram_char_frac") > t {
                    out.append(("duplicated_\(n)_n_grams", "dup_\(n)_gram_char_frac"))
                }
            }
        }
        if checks.contains(.c4) {
            if flags["filter_lorem_ipsum"] == true && v("c4_lorem_ipsum") != 0 { out.append(("lorem_ipsum", "c4_lorem_ipsum")) }
            if flags["filter_curly_bracket"] == true && v("c4_curly_bracket") != 0 { out.append(("curly_bracket", "c4_curly_bracket")) }
            if let t = limit("min_num_sentences"), t >= 0, v("c4_sentences") < t { out.append(("too_few_sentences", "c4_sentences")) }
        }
        if checks.contains(.fineweb) {
            if v("fineweb_empty") != 0 {
                out.append(("empty", "fineweb_line_punct_ratio"))
            } else {
                let ratio = v("fineweb_line_punct_ratio")
                if let t = limit("line_punct_thr"), ratio < t, !(ratio == 0 && flags["line_punct_exclude_zero"] == true) {
                    out.append(("line_punct_ratio", "fineweb_line_punct_ratio"))
                }
                if let t = limit("short_line_thr"), v("fineweb_short_line_ratio") > t { out.append(("short_line_ratio", "fineweb_short_line_ratio")) }
                if let t = limit("char_duplicates_ratio"), v("fineweb_char_dup_ratio") > t { out.append(("char_dup_ratio", "fineweb_char_dup_ratio")) }
                if let t = limit("new_line_ratio"), v("fineweb_list_ratio") > t { out.append(("list_ratio", "fineweb_list_ratio")) }
            }
        }
        return out
    }

    private final class Runner: StageRunner {
        let filter: QualityFilter
        init(filter: QualityFilter) { self.filter = filter }

        func run(_ analysis: Analysis) throws {
            guard case .object(let members)? = analysis.feature(named: "quality") else {
                throw PipelineError("filter_quality needs a quality_signals stage before it")
            }
            var values: [String: Double] = [:]
            var original: [String: FeatureValue] = [:]
            for m in members {
                original[m.key] = m.value
                switch m.value {
                case .int(let i): values[m.key] = Double(i)
                case .double(let d): values[m.key] = d
                case .bool(let b): values[m.key] = b ? 1 : 0
                default: break
                }
            }
            let failures = filter.failures(values)
            guard !failures.isEmpty else { return }
            var judged: [(key: String, value: FeatureValue)] = []
            for f in failures where !judged.contains(where: { $0.key == f.signal }) {
                judged.append((f.signal, original[f.signal] ?? .double(values[f.signal] ?? 0)))
            }
            analysis.rejection = Rejection(reasons: failures.map(\.reason), values: judged)
        }
    }
}
