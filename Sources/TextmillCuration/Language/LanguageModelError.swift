/// A language-ID model file that cannot be used (a malformed trigram profile).
public struct LanguageModelError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
