/// What the `language` stage asks of an identifier: a text's language (`LanguageGuess`). Two
/// answer it: `LanguageIdentifier` (CLD2 with combined evidence) and `FastTextIdentifier`.
public protocol LanguageIdentifying: Sendable {
    func identify(_ text: String) -> LanguageGuess
}

extension LanguageIdentifier: LanguageIdentifying {}
