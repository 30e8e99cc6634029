/// What the `language` stage asks of an identifier: a text's language (`LanguageGuess`). Two
/// answer it: `LanguageIdentifier` (CLD2 with combined evidence) and `FastTextIdentifier`.
public protocol LanguageIdentifying: Sendable {
    func identify(_ text: String) -> LanguageGuess
    /// The same answer from UTF-16 text, with a worker's reusable buffers (the stage's path).
    func identify(utf16: UnsafeBufferPointer<UInt16>, workspace: LanguageWorkspace) -> LanguageGuess
}

extension LanguageIdentifying {
    public func identify(utf16: UnsafeBufferPointer<UInt16>, workspace: LanguageWorkspace) -> LanguageGuess {
        identify(String(decoding: utf16, as: UTF16.self))
    }
}

extension LanguageIdentifier: LanguageIdentifying {}
