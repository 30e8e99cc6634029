/// The language of a text: its code (ISO 639-1, a script suffix such as `zh-Hant` where CLD2
/// gives one, `und` when there is nothing to tell by), the confidence in it (0…1, relative to
/// the other candidates weighed), and up to three candidates best first.
public struct LanguageGuess: Sendable, Equatable {
    public var language: String
    public var score: Double
    public var candidates: [(language: String, score: Double)]

    public init(language: String, score: Double, candidates: [(language: String, score: Double)]) {
        self.language = language
        self.score = score
        self.candidates = candidates
    }

    public static func == (a: LanguageGuess, b: LanguageGuess) -> Bool {
        a.language == b.language && a.score == b.score
            && a.candidates.elementsEqual(b.candidates) { $0.language == $1.language && $0.score == $1.score }
    }

    public static let undetermined = LanguageGuess(language: "und", score: 0, candidates: [])
}
