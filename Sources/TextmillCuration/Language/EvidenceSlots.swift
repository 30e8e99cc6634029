/// Where a language's evidence sits in `LanguageIdentifier`'s per-document arrays: its stop-word
/// list, trigram profile column and alphabet (`-1` where it has none), and whether it is written
/// in Cyrillic. Looked up once per candidate instead of searching each list by name.
struct EvidenceSlots: Sendable {
    var stopwords = -1
    var profile = -1
    var impossible = -1
    var cyrillic = false

    static let none = EvidenceSlots()

    /// The slots of every language that has any evidence.
    static func index(stopwords: StopwordTable, profiles: TrigramProfiles) -> [String: EvidenceSlots] {
        var index: [String: EvidenceSlots] = [:]
        for (i, language) in stopwords.languages.enumerated() { index[language, default: .none].stopwords = i }
        for (i, language) in profiles.languages.enumerated() { index[language, default: .none].profile = i }
        for (i, language) in LanguageAlphabets.impossibleLanguages.enumerated() { index[language, default: .none].impossible = i }
        for language in LanguageAlphabets.cyrillic { index[language, default: .none].cyrillic = true }
        return index
    }
}
