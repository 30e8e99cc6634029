/// CLD2's percentages by base language (`zh` for `zh-Hant`, script variants summed), with the
/// full code of each base's largest variant: a handful of entries, so a small array rather than
/// dictionaries hashed on every document.
struct LanguageShares {
    private(set) var languages: [String] = []
    private var percents: [Double] = []
    private var codes: [String] = []

    /// Room for two results' top three, so that collecting allocates each array once.
    init() {
        languages.reserveCapacity(6)
        percents.reserveCapacity(6)
        codes.reserveCapacity(6)
    }

    /// Adds one CLD2 result's top three (empty slots, `un`, skipped).
    mutating func collect(_ result: CLD2Result) {
        for entry in result.top where entry.code != "un" {
            let code = LanguageCode.fromCLD2(entry.code)
            let base = LanguageCode.base(code)
            if let i = languages.firstIndex(of: base) {
                if percents[i] < Double(entry.percent) { codes[i] = code }
                percents[i] += Double(entry.percent)
            } else {
                languages.append(base)
                percents.append(Double(entry.percent))
                codes.append(code)
            }
        }
    }

    /// The mean of these shares and `other`'s (a language missing from one counts 0 there);
    /// `other`'s full codes win where both have the language.
    mutating func average(with other: LanguageShares) {
        for i in languages.indices {
            let j = other.languages.firstIndex(of: languages[i])
            percents[i] = (percents[i] + (j.map { other.percents[$0] } ?? 0)) / 2
            if let j { codes[i] = other.codes[j] }
        }
        for (j, language) in other.languages.enumerated() where !languages.contains(language) {
            languages.append(language)
            percents.append((0 + other.percents[j]) / 2)
            codes.append(other.codes[j])
        }
    }

    /// The percent of the text given to `language` (0 when CLD2 did not name it).
    func percent(_ language: String) -> Double {
        languages.firstIndex(of: language).map { percents[$0] } ?? 0
    }

    /// The full code CLD2 gave `language` (`zh-Hant`), or `language` itself.
    func fullCode(_ language: String) -> String {
        languages.firstIndex(of: language).map { codes[$0] } ?? language
    }
}
