/// How the `language` stage decides.
public enum LanguageMethod: String, CaseIterable, Sendable {
    /// CLD2 with script, stop-word, alphabet and trigram evidence (the default).
    case combined
    /// CLD2's answer alone (for comparison).
    case cld2
    /// A fastText model given by `model` (lid.176, GlotLID): its top three labels.
    case fasttext
}
